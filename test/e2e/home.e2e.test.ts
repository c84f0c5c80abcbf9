/**
 * The home page's one question, "what and where", in real Chromium with and without JavaScript:
 * typed into the labelled fields and sent with the keyboard, it opens the search for both.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, withoutScripts } from '../support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('the home page %s', (_label, scripts) => {
  it('sends what and where, typed into their labelled fields, to the search', async () => {
    const context = await browser.newContext();
    if (!scripts) await withoutScripts(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('What are you looking for?').fill('walking');
    await page.getByLabel('Where? (optional)').fill('N17');
    await Promise.all([page.waitForURL(/\/search\?/), page.getByLabel('Where? (optional)').press('Enter')]);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('walking');
    expect(url.searchParams.get('location')).toBe('N17');
    expect(await page.locator('#results-count').textContent()).toMatch(/results? for “walking” near N17/);
    await context.close();
  });
});
