/**
 * "My list" in real Chromium, with JavaScript on and off: save from a service page, see the
 * list, print it, share it, save a shared list, remove; plus the cookie, hostile input and the
 * form's protections (same-site posts only, no open redirect).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Location, Service } from '../../src/content/profile';
import { accessibilityViolations, launchBrowser } from '../support/browser';
import { sampleOfType, textOf } from '../support/sample';

const baseUrl = inject('baseUrl');
let browser: Browser;

const locations = new Map(sampleOfType<Location>('location').map((location) => [location._id, location]));
const services = sampleOfType<Service>('service').filter((service) => service.status === 'active');
const atVenue = services.filter((service) =>
  (service.locations ?? []).some((ref) => locations.get(ref._ref)?.confidential === false),
);
const [first, second] = atVenue as [Service, Service];
const unknownId = '00000000-0000-4000-8000-000000000000';
const url = (path: string) => new URL(path, baseUrl).href;
/** A button's accessible name: its visible label, then (visually hidden) the service it acts on. */
const named = (label: string, service: string) =>
  new RegExp(`^${label}\\s*: ${service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('the shortlist journey %s', (_label, javaScriptEnabled) => {
  // axe runs as script, so "without JavaScript" means the page's own scripts never load: every
  // script request is refused (the CSP forbids inline ones), so forms post the plain way.
  const newContext = async () => {
    const context = await browser.newContext();
    await context.route('**/*', (route) =>
      /tile\.openstreetmap\.org/.test(route.request().url()) ||
      (!javaScriptEnabled && route.request().resourceType() === 'script')
        ? route.abort()
        : route.continue(),
    );
    return context;
  };

  it('service page -> save -> my list -> print view -> share link shows the same list', async () => {
    const context = await newContext();
    const page = await context.newPage();

    for (const service of [first, second]) {
      await page.goto(url(`/services/${service.slug.current}`));
      await Promise.all([
        page.waitForURL(new RegExp(`/services/${service.slug.current}#save-`)),
        page.getByRole('button', { name: named('Save to my list', service.name) }).click(),
      ]);
      expect(await page.getByRole('button', { name: named('Remove from my list', service.name) }).count()).toBe(1);
      expect(await page.textContent('.sp-save__status')).toContain('Saved to your list');
    }

    // The cookie: ids only, site-wide, SameSite=Lax, about a year.
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'my-list');
    expect(cookie!.value).toBe(`${first._id}.${second._id}`);
    expect(cookie!.path).toBe('/');
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 300 * 24 * 3600 * 1000);

    await page.goto(url('/my-list'));
    const names = () => page.locator('.sp-my-list__name').allTextContents();
    expect(await names()).toEqual([first.name, second.name]);
    expect(await page.textContent('main')).toContain('Next session');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Print view: works without JavaScript; on paper the header, footer and buttons are gone.
    await Promise.all([
      page.waitForURL(/\/my-list\?print=1$/),
      page.getByRole('link', { name: 'Print this list' }).click(),
    ]);
    expect(await names()).toEqual([first.name, second.name]);
    expect(await page.getByRole('button', { name: /Remove from my list/ }).count()).toBe(0);
    expect(await page.isVisible('[data-print]')).toBe(javaScriptEnabled);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.nhsuk-header', '.nhsuk-footer', '.sp-urgent-bar', '.nhsuk-breadcrumb', 'button']) {
      const shown = await page.locator(hidden).evaluateAll((elements) => elements.filter((e) => e.checkVisibility()));
      expect(shown, hidden).toHaveLength(0);
    }
    expect(await page.isVisible('.sp-my-list__urgent')).toBe(true);
    // One A4 page: 297 mm less 24 mm of margins is about 1030 CSS pixels.
    expect(await page.evaluate(() => document.body.scrollHeight)).toBeLessThan(1030);
    await page.emulateMedia({ media: 'screen' });

    // Share: the link holds service ids only and shows the same list to someone else.
    await page.goto(url('/my-list'));
    const shareLink = await page.inputValue('#share-link');
    expect(shareLink).toBe(url(`/my-list?ids=${first._id},${second._id}`));
    expect(await page.isVisible('[data-copy]')).toBe(javaScriptEnabled);

    const someoneElse = await newContext();
    const theirPage = await someoneElse.newPage();
    await theirPage.goto(shareLink);
    expect(await theirPage.textContent('h1')).toBe('A shared list');
    expect(await theirPage.locator('.sp-my-list__name').allTextContents()).toEqual([first.name, second.name]);
    expect(await theirPage.getByRole('button', { name: /Remove from my list/ }).count()).toBe(0);
    expect(await accessibilityViolations(theirPage)).toEqual([]);
    await Promise.all([
      theirPage.waitForURL(/\/my-list\?added=2$/),
      theirPage.getByRole('button', { name: 'Save these to my list' }).click(),
    ]);
    expect(await theirPage.textContent('h1')).toBe('My list');
    expect(await theirPage.textContent('main')).toContain('2 services were added to your list');
    expect(await theirPage.locator('.sp-my-list__name').allTextContents()).toEqual([first.name, second.name]);
    await someoneElse.close();

    // Remove one, then the other: the empty list says what to do.
    await Promise.all([
      page.waitForURL(/\/my-list$/),
      page.getByRole('button', { name: named('Remove from my list', first.name) }).click(),
    ]);
    expect(await names()).toEqual([second.name]);
    await Promise.all([
      page.waitForURL(/\/my-list$/),
      page.getByRole('button', { name: named('Remove from my list', second.name) }).click(),
    ]);
    expect(await page.textContent('main')).toContain('Your list is empty');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('enhancements with JavaScript', () => {
  it('Copy link copies the share link and says so', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    await context.addCookies([{ name: 'my-list', value: first._id, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(url('/my-list'));
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.textContent('[data-copy-status]')).toContain('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url(`/my-list?ids=${first._id}`));
    await context.close();
  });
});

describe('what the list page and form accept', () => {
  const get = async (path: string, cookie?: string) => {
    const response = await fetch(url(path), { headers: cookie ? { cookie } : {} });
    return { status: response.status, text: textOf(await response.text()), headers: response.headers };
  };
  const post = (body: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) for (const v of [value].flat()) form.append(key, v);
    return fetch(url('/my-list'), {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { origin: new URL(baseUrl).origin, ...headers },
    });
  };

  it('says when listings are no longer available, and ignores malformed ids', async () => {
    const shared = await get(`/my-list?ids=${first._id},${unknownId},not-an-id,<script>alert(1)</script>`);
    expect(shared.status).toBe(200);
    expect(shared.text).toContain(first.name);
    expect(shared.text).toContain('1 listing is no longer available');
    expect(shared.text).toContain('Part of this link could not be read');
    expect(shared.text).not.toContain('alert(1)');

    const own = await get('/my-list', `my-list=${unknownId}.${first._id}.garbage%ZZ`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('1 listing is no longer available');
    expect(own.text).toContain('Take it off my list');
    expect(own.headers.get('cache-control')).toBe('no-store');
  });

  it('never fails on hostile input', async () => {
    for (const path of [
      '/my-list?ids=',
      '/my-list?ids=' + 'a'.repeat(8_000),
      '/my-list?ids=' + `${unknownId},`.repeat(150),
      '/my-list?ids[]=x&print=1&added=99999',
      '/my-list?ids=%00%ff',
    ]) {
      const page = await get(path);
      // Never a server error (a malformed escape like %ff is refused by the server itself: 400).
      expect(page.status, path.slice(0, 60)).toBeLessThan(500);
    }
    expect((await get('/my-list', 'my-list=' + 'x'.repeat(3000))).text).toContain('Your list is empty');
  });

  it('only sends people back to this site (303)', async () => {
    for (const hostile of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const response = await post({ action: 'add', id: first._id, return: hostile });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/my-list');
    }
    const ok = await post({ action: 'add', id: first._id, return: '/search?q=walk#save-x' });
    expect(ok.headers.get('location')).toBe('/search?q=walk#save-x');
    expect(ok.headers.get('set-cookie')).toMatch(new RegExp(`^my-list=${first._id};.*Path=/.*SameSite=Lax`, 'i'));
  });

  it('refuses a post from another site, and changes nothing for malformed ids', async () => {
    const crossSite = await post({ action: 'add', id: first._id }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();

    const malformed = await post({ action: 'add', id: ['nope', '<b>x</b>'], return: '/my-list' });
    expect(malformed.status).toBe(303);
    expect(malformed.headers.get('set-cookie')).toBeNull();
  });

  it('stops at 50 services and says the list is full', async () => {
    const full = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const response = await post({ action: 'add', id: first._id }, { cookie: `my-list=${full.join('.')}` });
    expect(response.headers.get('location')).toBe('/my-list?full=1');
    const page = await get('/my-list?full=1', `my-list=${full.join('.')}`);
    expect(page.text).toContain('Your list is full');
  });
});
