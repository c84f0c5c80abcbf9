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
    await expect.poll(() => page.locator('#results-count').textContent()).toMatch(/\d+ results? for “choir”/);
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
    expect(await page.locator('#results-count').textContent()).toMatch(/results? for “walking” near N17/);
    await page.click('summary:has-text("Filters")');
    await page.click('label[for="search-free"]');
    await Promise.all([page.waitForURL(/free=1/), page.click('#search-form button[type=submit]')]);
    const remove = page.getByRole('link', { name: /Remove filter: Free only/ });
    await Promise.all([page.waitForURL((url) => !url.search.includes('free=1')), remove.click()]);
    expect(page.url()).toContain('q=walking');
    await context.close();
  });
});

describe('reading the words', () => {
  it('without JavaScript: shows what it read as chips, and a chip removes itself and its words', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/search`);
    await page.fill('#search-q', 'walks in hackney on sunday');
    await Promise.all([page.waitForURL(/q=walks/), page.click('#search-form button[type=submit]')]);
    expect(await page.locator('#search-understood').textContent()).toContain('Showing:');
    const sunday = page.getByRole('link', { name: /^Remove Sunday/ });
    await Promise.all([page.waitForURL((url) => !url.search.includes('sunday')), sunday.click()]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('walks in hackney');
    expect(await page.getByRole('link', { name: /^Remove near Hackney/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /^Remove Sunday/ }).count()).toBe(0);
    await context.close();
  });

  it('with JavaScript: results as you type say what was read', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/search`);
    const answered = page.waitForResponse((response) => response.url().includes('q=turkish') && response.ok());
    await page.locator('#search-q').pressSequentially('turkish', { delay: 30 });
    await answered;
    await expect.poll(() => page.locator('#search-results').textContent()).toContain('Showing: Turkish');
    expect(await page.locator('#search-results li').count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('the whole search journey %s', (_label, pageScripts) => {
  it('search -> filter -> map -> service -> add to my list -> print view', async () => {
    const context = await browser.newContext();
    // No network here: tiles fail (as they may on a bad connection); without JavaScript no script loads.
    await context.route('**/*', (route) =>
      /tile\.openstreetmap\.org/.test(route.request().url()) ||
      (!pageScripts && route.request().resourceType() === 'script')
        ? route.abort()
        : route.continue(),
    );
    const page = await context.newPage();
    await page.goto(`${baseUrl}/search?q=walking&location=N17&radius=10`);
    await page.click('summary:has-text("Filters")');
    await page.click('label[for="search-free"]');
    await Promise.all([page.waitForURL(/free=1/), page.click('#search-form button[type=submit]')]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The map lists the same results as the list; with JavaScript its markers are buttons.
    const listed = await page.locator('#results-list .nhsuk-card__link').allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    const mapped = page.locator('#results-map');
    expect(await mapped.count()).toBe(1);
    if (pageScripts) {
      await expect
        .poll(() => page.locator('#results-map .leaflet-marker-icon, #results-map .marker-cluster').count())
        .toBeGreaterThan(0);
    }
    const placeNames = await page.locator('#results-map ol a').allTextContents();
    for (const name of placeNames) expect(listed.some((item) => name.includes(item))).toBe(true);

    // Into a service, save it, and print the list.
    const first = page.locator('#results-list .nhsuk-card__link').first();
    const name = (await first.textContent())!.trim();
    await Promise.all([page.waitForURL(/\/services\//), first.click()]);
    await Promise.all([page.waitForURL(/#save-/), page.getByRole('button', { name: /^Save to my list/ }).click()]);
    await page.goto(`${baseUrl}/my-list`);
    await Promise.all([page.waitForURL(/print=1/), page.getByRole('link', { name: 'Print this list' }).click()]);
    expect(await page.locator('.sp-my-list__name').allTextContents()).toContain(name);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
