import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { accessibilityViolations, launchBrowser } from '../support/browser';
const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(() => browser?.close());
describe.each([['without JavaScript', false]] as const)('x %s', (_l, javaScriptEnabled) => {
  let context: BrowserContext;
  beforeAll(async () => { context = await browser.newContext({ javaScriptEnabled }); });
  afterAll(() => context.close());
  it.each([['a', '/urgent-help']])('js off %s', async (_n, path) => {
    const page = await context.newPage();
    await page.goto(new URL(path, baseUrl).href);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
