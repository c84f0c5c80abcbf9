import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Category, Location, Service } from '../../src/content/profile';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_SECRET_FILE } from '../../src/accounts/secret';
import { signCheckToken } from '../../src/listings/check-link';
import { isPastDue, reviewPeriodOf, verificationOf } from '../../src/listings/verification';
import { accessibilityViolations, launchBrowser } from '../support/browser';
import { sampleOfType } from '../support/sample';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const services = sampleOfType<Service>('service').filter((service) => service.status === 'active');
const confidential = new Set(
  sampleOfType<Location>('location')
    .filter((location) => location.confidential)
    .map((location) => location._id),
);
const periods = new Map(sampleOfType<Category>('category').map((c) => [c._id, c.reviewEveryMonths]));
// A listing that shows the "Not checked since" warning today.
const pastDue = services.find((service) =>
  isPastDue(
    verificationOf(service.verifiedOn, reviewPeriodOf(service.categories.map((c) => periods.get(c._ref))), new Date())
      .stage,
  ),
)!;
const slugOf = (type: string) => sampleOfType<{ slug: { current: string } }>(type)[0]!.slug.current;

const pages: [string, string][] = [
  ['home', '/'],
  ['category', `/categories/${slugOf('category')}`],
  ['area', `/areas/${slugOf('area')}`],
  ['service at a venue', `/services/${services.find((service) => service.coverage.includes('venue'))!.slug.current}`],
  [
    'service online or by phone',
    `/services/${services.find((service) => !service.coverage.includes('venue'))!.slug.current}`,
  ],
  [
    'service at a confidential location',
    `/services/${services.find((service) => service.locations?.some((ref) => confidential.has(ref._ref)))!.slug.current}`,
  ],
  ['organisation', `/organisations/${slugOf('organisation')}`],
  ['urgent help', '/urgent-help'],
  ['search results', '/search?q=walking'],
  ['search with no results', '/search?q=zzzzqqq'],
  [
    'search reading the words, with filters',
    '/search?q=turkish+groups+in+hackney+this+weekend&when=week&audience=women',
  ],
  ['search asking for somewhere near, with a word no listing has', '/search?q=choir+xyzzy+near+me'],
  ['not found', '/no/such/page'],
  ['my list, shared', `/my-list?ids=${services[0]!._id},${services[1]!._id}`],
  ['my list, printable', `/my-list?ids=${services[0]!._id}&print=1`],
  ['sign in', '/sign-in'],
  ['forgotten password', '/forgot-password'],
  ['a referral link that does not exist', '/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ['report a problem with a listing', `/report/${services[0]!.slug.current}`],
  ['report a problem, sent', `/report/${services[0]!.slug.current}?sent=1`],
  ['suggest a listing', '/suggest-a-listing'],
  ['page feedback, thanks', '/page-feedback?thanks=1&page=/'],
  ['page feedback it cannot use', '/page-feedback'],
  ['service past its review date', `/services/${pastDue.slug.current}`],
  ['broken "still accurate" link', '/listings/check/not-a-token'],
];

// axe itself runs as script, so "without JavaScript" means the page's own scripts never load:
// every script request is refused, and the page has no inline scripts (the CSP forbids them).
describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('every page type %s', (_label, pageScripts) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext();
    if (!pageScripts)
      await context.route('**/*', (route) =>
        route.request().resourceType() === 'script' ? route.abort() : route.continue(),
      );
  });
  afterAll(() => context.close());

  it.each(pages)('the %s page has no WCAG 2.2 AA violations', async (_name, path) => {
    const page = await context.newPage();
    await page.goto(new URL(path, baseUrl).href);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the "still accurate" link page', () => {
  it('has no WCAG 2.2 AA violations (the server signs with its development secret in DATA_DIR)', async () => {
    // Any page that reads the session makes the server resolve (and, on first start, create) its secret.
    await fetch(new URL('/sign-in', baseUrl));
    const secret = readFileSync(join(inject('dataDir'), DEV_SECRET_FILE), 'utf8').trim();
    const token = signCheckToken(secret, { serviceId: pastDue._id, stage: 'due', now: new Date() });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL(`/listings/check/${token}`, baseUrl).href);
    expect(await page.textContent('h1')).toContain('still accurate');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('on a small phone screen', () => {
  it('the service page has no WCAG 2.2 AA violations and no sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(new URL(pages[3]![1], baseUrl).href);
    expect(await accessibilityViolations(page)).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
