import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `limit`. */
async function tabTo(
  page: Page,
  matches: (element: { tag: string; text: string; href: string }) => boolean,
  limit = 120,
) {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLAnchorElement | null;
      return {
        tag: element?.tagName ?? '',
        text: element?.textContent?.trim() ?? '',
        href: element?.getAttribute('href') ?? '',
      };
    });
    if (matches(focused)) return focused;
  }
  throw new Error('The keyboard never reached the expected element');
}

it('a keyboard-only user goes from home to a category, to a service, to urgent help', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);

  const skip = await tabTo(page, (element) => element.href === '#maincontent');
  expect(skip.text).toBe('Skip to main content');

  await tabTo(page, (element) => element.href.startsWith('/categories/'));
  await Promise.all([page.waitForURL(/\/categories\//), page.keyboard.press('Enter')]);
  expect(await page.locator('h1').textContent()).toBeTruthy();

  await tabTo(page, (element) => element.href.startsWith('/services/'));
  await Promise.all([page.waitForURL(/\/services\//), page.keyboard.press('Enter')]);
  const serviceName = await page.locator('h1').textContent();
  expect(serviceName).toBeTruthy();

  // Focus must be visible at every step: the focused link has an outline or box shadow.
  const help = await tabTo(page, (element) => element.href === '/urgent-help');
  expect(help.text).toContain('Need urgent help');
  const focusVisible = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return style.outlineStyle !== 'none' || style.boxShadow !== 'none' || style.backgroundColor !== 'rgba(0, 0, 0, 0)';
  });
  expect(focusVisible).toBe(true);
  await Promise.all([page.waitForURL(/\/urgent-help$/), page.keyboard.press('Enter')]);
  expect(await page.locator('main').textContent()).toContain('116 123');
  await context.close();
});
