import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser } from '../support/browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('searching with JavaScript', () => {
  it('shows results as you type, from the search API, and keeps the search in the address', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/search`);
    const answered = page.waitForResponse((response) => response.url().includes('/api/search?') && response.ok());
    await page.locator('#search-q').pressSequentially('choir', { delay: 30 });
    await answered;
    await expect.poll(() => page.locator('#search-results h2').textContent()).toMatch(/\d+ results? for “choir”/);
    expect(await page.locator('#search-results li').count()).toBeGreaterThan(0);
    expect(page.url()).toContain('q=choir');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('searching without JavaScript', () => {
  it('submits the form and filters by a removable filter', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/search`);
    await page.fill('#search-q', 'walking');
    await page.fill('#search-location', 'N17');
    await Promise.all([page.waitForURL(/q=walking/), page.click('#search-form button[type=submit]')]);
    expect(await page.locator('#search-results h2').textContent()).toMatch(/results? for “walking” near N17/);
    await page.click('summary:has-text("Filters")');
    await page.click('label[for="search-free"]');
    await Promise.all([page.waitForURL(/free=1/), page.click('#search-form button[type=submit]')]);
    const remove = page.getByRole('link', { name: /Remove filter: Free only/ });
    await Promise.all([page.waitForURL((url) => !url.search.includes('free=1')), remove.click()]);
    expect(page.url()).toContain('q=walking');
    await context.close();
  });
});
