/**
 * The map (ServiceMap.astro + map.client.ts) in real Chromium: markers are focusable buttons with
 * names, everything works from the keyboard, nothing needs dragging, markers show although tiles
 * cannot load, confidential places never reach the page, and only pages with a map load Leaflet.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Location, Service } from '../../src/content/profile';
import { accessibilityViolations, launchBrowser } from '../support/browser';
import { sampleOfType } from '../support/sample';

const baseUrl = inject('baseUrl');
let browser: Browser;

const locations = new Map(sampleOfType<Location>('location').map((location) => [location._id, location]));
const services = sampleOfType<Service>('service').filter((service) => service.status === 'active');
const publicVenues = (service: Service) =>
  (service.locations ?? []).map((ref) => locations.get(ref._ref)!).filter((location) => !location.confidential);

const twoVenues = services.find((service) => publicVenues(service).length >= 2)!;
const oneVenue = services.find((service) => publicVenues(service).length === 1)!;
const allConfidential = services.find(
  (service) =>
    (service.locations ?? []).length > 0 &&
    service.locations!.every((ref) => locations.get(ref._ref)?.confidential === true),
)!;
const remoteOnly = services.find((service) => (service.locations ?? []).length === 0)!;
const pathOf = (service: Service) => `/services/${service.slug.current}`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A context whose tile requests fail, as they do without a network, and which records CSP reports. */
async function offlineContext(options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  await context.route(/tile\.openstreetmap\.org/, (route) => route.abort('internetdisconnected'));
  return context;
}

async function openMap(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // What the map could break: scripts, styles and images (fonts are the NHS.UK frontend's business).
    if (/(script|style|img)-src|Refused to (execute|apply|load the (script|image|stylesheet))/i.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(new URL(path, baseUrl).href);
  await page.waitForSelector('[data-sp-map][data-ready="true"]');
  return { page, problems };
}

const zoomOf = (page: Page) => page.getAttribute('[data-sp-map]', 'data-zoom').then(Number);
const centreOf = (page: Page) =>
  page.getAttribute('[data-sp-map]', 'data-centre').then((value) => value!.split(',').map(Number) as [number, number]);

describe('a service page with a map, JavaScript on', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await offlineContext();
  });
  afterAll(() => context.close());

  it('shows every public venue as a focusable, named marker although no tile loads', async () => {
    const { page, problems } = await openMap(context, pathOf(twoVenues));
    await page.waitForSelector('.sp-map--no-tiles');
    expect(await page.isVisible('.sp-map__no-tiles')).toBe(true);

    const listed = await page.locator('.sp-map__list li').count();
    expect(listed).toBe(publicVenues(twoVenues).length);
    // Zoom in until no two markers share a cluster, then every marker is on the map.
    for (let i = 0; i < 6 && (await page.locator('.sp-map-marker').count()) < listed; i++) {
      await page.click('[data-sp-map-action="zoom-in"]');
      await page.waitForTimeout(400);
    }
    const markers = await page.$$eval('.sp-map-marker', (elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        return {
          name: element.getAttribute('aria-label') ?? '',
          role: element.getAttribute('role'),
          tabIndex: (element as HTMLElement).tabIndex,
          width: box.width,
          height: box.height,
          visible: getComputedStyle(element).visibility !== 'hidden' && box.width > 0,
        };
      }),
    );
    expect(markers).toHaveLength(listed);
    // Numbered like the list (Leaflet's DOM order need not follow the numbers).
    expect(markers.map((marker) => Number(/^(\d+)\. /.exec(marker.name)?.[1])).sort()).toEqual(
      Array.from({ length: listed }, (_, i) => i + 1),
    );
    for (const marker of markers) {
      expect(marker.role).toBe('button');
      expect(marker.tabIndex).toBe(0);
      expect(marker.visible).toBe(true);
      expect(marker.width).toBeGreaterThanOrEqual(24); // WCAG 2.2 2.5.8
      expect(marker.height).toBeGreaterThanOrEqual(24);
    }
    const names = markers.map((marker) => marker.name).join(' | ');
    for (const venue of publicVenues(twoVenues)) expect(names).toContain(venue.name);

    // No injected <style> elements or inline scripts, so nothing fights the CSP.
    expect(await page.locator('style').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('zooms and moves with buttons pressed from the keyboard', async () => {
    const { page } = await openMap(context, pathOf(oneVenue));
    const zoom = await zoomOf(page);
    expect(zoom).toBeGreaterThan(0);

    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    const zoomOut = page.getByRole('button', { name: 'Zoom out' });
    const box = await zoomIn.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(24);
    expect(box!.height).toBeGreaterThanOrEqual(24);

    await zoomIn.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => zoomOf(page)).toBe(zoom + 1);
    await zoomOut.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => zoomOf(page)).toBe(zoom);
    await page.keyboard.press('Space');
    await expect.poll(() => zoomOf(page)).toBe(zoom - 1);

    const [lat, lng] = await centreOf(page);
    await page.getByRole('button', { name: 'Move right' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await centreOf(page))[1]).toBeGreaterThan(lng);
    await page.getByRole('button', { name: 'Move up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await centreOf(page))[0]).toBeGreaterThan(lat);
    await page.getByRole('button', { name: 'Show all places' }).press('Enter');
    await expect.poll(() => zoomOf(page)).toBe(zoom);
    await page.close();
  });

  it('opens a marker from the keyboard, moves focus to its link, and Escape returns to the marker', async () => {
    const { page } = await openMap(context, pathOf(oneVenue));
    // Reach the marker by Tab from the last map control, as a keyboard user would.
    await page.getByRole('button', { name: 'Show all places' }).focus();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('sp-map-marker'))) break;
    }
    const marker = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(marker).toContain(publicVenues(oneVenue)[0]!.name);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.leaflet-popup') !== null)).toBe(true);
    const link = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
    expect(link).toMatch(/^#location-/);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.leaflet-popup').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('sp-map-marker'))).toBe(true);

    // Space works too (a role=button must answer it), and Tab moves on: no focus trap.
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.leaflet-popup').count()).toBe(1);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-sp-map-canvas]') === null)).toBe(true);
    await page.close();
  });

  it('has no WCAG 2.2 AA violations, with a popup open too', async () => {
    const { page } = await openMap(context, pathOf(twoVenues));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('.sp-map-marker, .sp-map-cluster').first().press('Enter');
    // Wait for the popup to finish fading in before measuring its contrast.
    await expect
      .poll(() => page.locator('.leaflet-popup').evaluate((popup) => getComputedStyle(popup).opacity))
      .toBe('1');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('a service page with a map, JavaScript off', () => {
  it('lists the places with links instead, and has no WCAG 2.2 AA violations', async () => {
    // axe runs as script, so "without JavaScript" means the page's own scripts never load.
    const context = await browser.newContext();
    await context.route('**/*', (route) =>
      route.request().resourceType() === 'script' ? route.abort() : route.continue(),
    );
    const page = await context.newPage();
    await page.goto(new URL(pathOf(twoVenues), baseUrl).href);
    expect(await page.isVisible('[data-sp-map-enhanced]')).toBe(false);
    const items = await page.locator('.sp-map__list li a').allTextContents();
    expect(items).toEqual(publicVenues(twoVenues).map((venue) => venue.name));
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('with reduced motion', () => {
  it('turns off Leaflet animations', async () => {
    const context = await offlineContext({ reducedMotion: 'reduce' });
    const { page } = await openMap(context, pathOf(oneVenue));
    const classes = await page.getAttribute('[data-sp-map-canvas]', 'class');
    expect(classes).not.toContain('leaflet-fade-anim');
    // Leaflet creates its zoom-animation proxy only when zoom animation is on.
    expect(await page.locator('.leaflet-proxy').count()).toBe(0);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await page.locator('.leaflet-zoom-anim, .leaflet-cluster-anim').count()).toBe(0);
    await context.close();
  });
});

describe('where the map appears', () => {
  const htmlOf = async (path: string) => (await fetch(new URL(path, baseUrl))).text();
  const scriptsOf = (html: string) => [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]!);

  it('the home page loads no map script or map styles', async () => {
    const html = await htmlOf('/');
    expect(scriptsOf(html).filter((src) => /ServiceMap|leaflet|map/i.test(src))).toEqual([]);
    expect(html).not.toContain('data-sp-map');

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('/', baseUrl).href);
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    expect(loaded.filter((name) => /ServiceMap|leaflet/i.test(name))).toEqual([]);
    expect(await page.evaluate(() => 'L' in window)).toBe(false);
    await context.close();
  });

  it('a service page with a venue loads the map script as a file (no inline script)', async () => {
    const html = await htmlOf(pathOf(oneVenue));
    expect(scriptsOf(html).some((src) => src.startsWith('/_astro/'))).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*(\bsrc=|\btype="application\/(ld\+)?json"))[^>]*>/);
    const csp = (await fetch(new URL(pathOf(oneVenue), baseUrl))).headers.get('content-security-policy')!;
    expect(csp).toMatch(/img-src 'self' data: https:\/\/tile\.openstreetmap\.org/);
  });

  it('never puts a confidential location on the page, and shows no map when every venue is confidential', async () => {
    const html = await htmlOf(pathOf(allConfidential));
    expect(html).not.toContain('data-sp-map');
    for (const location of locations.values()) {
      if (!location.confidential || !location.position) continue;
      expect(html).not.toContain(String(location.position.lat));
      expect(html).not.toContain(String(location.position.lng));
    }
  });

  it('shows no map for an online or phone service', async () => {
    expect(await htmlOf(pathOf(remoteOnly))).not.toContain('data-sp-map');
  });
});
