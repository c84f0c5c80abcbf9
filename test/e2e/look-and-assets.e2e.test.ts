/**
 * Every page looks like NHS.UK and asks for nothing that is missing, in real Chromium:
 *
 * - the NHS.UK font stack ("Frutiger W01", then Arial, then sans-serif) is the computed font of
 *   the body, headings, links, inputs, selects, text areas and buttons (form controls do not
 *   inherit fonts by default, so each is checked);
 * - no request of a public page fails or answers 4xx/5xx (the page itself aside on the not-found
 *   page), nor does any icon, manifest (and its icons), stylesheet image or source map the page
 *   names, whether the browser fetched it or not; nothing is fetched from another site except
 *   the map's tiles, which cannot load here and are refused on purpose.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_TILE_URL } from '../../src/config';
import type { Category, Location, Service } from '../../src/content/profile';
import { COOKIE_NAME } from '../../src/shortlist';
import { SITE_PAGES } from '../../site/server/navigation';
import { launchBrowser, withoutScripts } from '../support/browser';
import { sampleOfType } from '../support/sample';

const baseUrl = inject('baseUrl');
const NHS_FONT_STACK = '"Frutiger W01", arial, sans-serif';
const tileHost = new URL(DEFAULT_TILE_URL.replace(/[{}]/g, '')).hostname;

const services = sampleOfType<Service>('service').filter((service) => service.status === 'active');
const confidential = new Set(
  sampleOfType<Location>('location')
    .filter((location) => location.confidential)
    .map((location) => location._id),
);
const atVenue = services.find((service) => service.locations?.some((ref) => !confidential.has(ref._ref)))!;
const slugOf = (type: string) => sampleOfType<{ slug: { current: string } }>(type)[0]!.slug.current;
const topCategory = sampleOfType<Category>('category').find((category) => !category.parent)!;

/** Every kind of public page, the new editable ones included. */
const pages: [string, string][] = [
  ['home', '/'],
  ['search results', '/search?q=walking'],
  ['search near a place (with the map)', '/search?q=group&location=N17'],
  ['service with a map', `/services/${atVenue.slug.current}`],
  ['category', `/categories/${topCategory.slug.current}`],
  ['area', `/areas/${slugOf('area')}`],
  ['organisation', `/organisations/${slugOf('organisation')}`],
  ['urgent help', '/urgent-help'],
  ['my list', '/my-list'],
  ['sign in', '/sign-in'],
  ['suggest a listing', '/suggest-a-listing'],
  ['about', SITE_PAGES.about.href],
  ['accessibility statement', SITE_PAGES.accessibility.href],
  ['privacy notice', SITE_PAGES.privacy.href],
  ['not found', '/no/such/page'],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A context with one saved service (so "My list" has something to show) and map tiles refused. */
async function newContext(scripts: boolean): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([{ name: COOKIE_NAME, value: services[0]!._id, url: baseUrl }]);
  if (!scripts) await withoutScripts(context);
  await context.route(
    (url) => url.hostname === tileHost,
    (route) => route.abort('internetdisconnected'),
  );
  return context;
}

/** Opens `path` and lists every request that failed or was refused, and every asset the page names. */
async function visit(
  context: BrowserContext,
  path: string,
  scripts: boolean,
): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const target = new URL(path, baseUrl).href;
  const ours = (url: string) => new URL(url).origin === new URL(baseUrl).origin;
  page.on('response', (response) => {
    const isThePage = response.url() === target;
    if (response.status() >= 400 && !(isThePage && path.startsWith('/no/'))) {
      problems.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const url = new URL(request.url());
    const refusedOnPurpose =
      url.hostname === tileHost || (!scripts && request.resourceType() === 'script' && ours(url.href));
    if (!refusedOnPurpose) problems.push(`failed (${request.failure()?.errorText}) ${request.url()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!ours(url.href) && url.hostname !== tileHost && url.protocol !== 'data:')
      problems.push(`asked another site: ${request.url()}`);
  });
  await page.goto(target, { waitUntil: 'networkidle' });

  // What the page names but a browser may not fetch now: icons, the manifest and its icons,
  // images in stylesheets (for states not on screen) and source maps.
  const named = await page.evaluate(() => {
    const urls = new Set<string>();
    for (const link of document.querySelectorAll<HTMLLinkElement>(
      'link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]',
    ))
      urls.add(link.href);
    for (const sheet of Array.from(document.styleSheets)) {
      let rules: CSSRuleList;
      try {
        rules = sheet.cssRules;
      } catch {
        continue;
      }
      const text = Array.from(rules, (rule) => rule.cssText).join('\n');
      for (const match of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        const value = match[1]!;
        if (!value.startsWith('data:') && !value.startsWith('#'))
          urls.add(new URL(value, sheet.href ?? location.href).href);
      }
      if (sheet.href) urls.add(sheet.href);
    }
    for (const script of document.querySelectorAll<HTMLScriptElement>('script[src]')) urls.add(script.src);
    return [...urls];
  });
  for (const url of named) {
    if (!ours(url)) {
      problems.push(`names another site: ${url}`);
      continue;
    }
    const response = await fetch(url);
    if (!response.ok) {
      problems.push(`${response.status} ${url} (named by the page)`);
      continue;
    }
    const body = await response.text();
    const sourceMap = /[#@] sourceMappingURL=([^\s*]+)/.exec(body)?.[1];
    if (sourceMap && !sourceMap.startsWith('data:')) {
      const mapUrl = new URL(sourceMap, url).href;
      if (!(await fetch(mapUrl)).ok) problems.push(`missing source map ${mapUrl}`);
    }
    if (url.endsWith('.webmanifest')) {
      const manifest = JSON.parse(body) as { icons?: { src: string }[] };
      for (const icon of manifest.icons ?? []) {
        const iconUrl = new URL(icon.src, url).href;
        if (!(await fetch(iconUrl)).ok) problems.push(`missing manifest icon ${iconUrl}`);
      }
    }
  }
  return { page, problems };
}

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('every public page %s', (_label, scripts) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await newContext(scripts);
  });
  afterAll(() => context?.close());

  it.each(pages)('the %s page asks for nothing that is missing', async (_name, path) => {
    const { page, problems } = await visit(context, path, scripts);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each(pages)('the %s page sets its text and form controls in the NHS.UK font stack', async (_name, path) => {
    const page = await context.newPage();
    await page.goto(new URL(path, baseUrl).href);
    const fonts = await page.evaluate(() => {
      const selectors = ['body', 'h1', 'h2', 'p', 'a', 'label', 'input', 'select', 'textarea', 'button'];
      return Object.fromEntries(
        selectors
          .map((selector) => [selector, document.querySelector(selector)] as const)
          .filter(([, element]) => element !== null)
          .map(([selector, element]) => [selector, getComputedStyle(element!).fontFamily]),
      );
    });
    // Every page has a body, a heading, links and the search or feedback form's controls.
    for (const selector of ['body', 'h1', 'a', 'button']) expect(Object.keys(fonts)).toContain(selector);
    for (const [selector, family] of Object.entries(fonts))
      expect({ selector, family }).toEqual({
        selector,
        family: NHS_FONT_STACK,
      });
    await page.close();
  });
});

describe('well-known files browsers ask for without being told', () => {
  it.each(['/favicon.ico', '/favicon.svg', '/apple-touch-icon.png', '/site.webmanifest', '/robots.txt'])(
    '%s is there',
    async (path) => {
      const response = await fetch(new URL(path, baseUrl));
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    },
  );
});
