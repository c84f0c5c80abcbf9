import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Category, Location, Service } from '../../src/content/profile';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_SECRET_FILE } from '../../src/accounts/secret';
import { signCheckToken } from '../../src/listings/check-link';
import { isPastDue, reviewPeriodOf, verificationOf } from '../../src/listings/verification';
import { COOKIE_NAME } from '../../src/shortlist';
import { londonDateOf } from '../../src/schedules';
import { accessibilityViolations, addSessionCookies, launchBrowser, withoutScripts } from '../support/browser';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType } from '../support/sample';
import { SITE_PAGES } from '../../site/server/navigation';

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
  ['search near a misspelt place, with suggestions', '/search?q=choir&location=Totenham'],
  ['search near a town, with distances from its middle', '/search?q=walking&location=Dunstable'],
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
  ['category, narrowed by area', `/categories/cafes-and-social-groups?area=haringey`],
  ['category, second page', `/categories/cafes-and-social-groups?page=2`],
  ['category, filtered to nothing', `/categories/${slugOf('category')}?q=zzzzqqq`],
  ['category, page past the last', `/categories/${slugOf('category')}?page=99`],
  ['category, bad page number', `/categories/${slugOf('category')}?page=two`],
  ['sub-category', '/categories/football'],
  ['area, narrowed by type of support and place', '/areas/haringey?category=wellbeing&location=N17'],
  ['area, second page', '/areas/haringey?page=2'],
  ['about', SITE_PAGES.about.href],
  ['accessibility statement', SITE_PAGES.accessibility.href],
  ['privacy notice', SITE_PAGES.privacy.href],
  ['search near a place', '/search?q=group&location=N17'],
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

  it('the header with a saved list (My list and its count) has no WCAG 2.2 AA violations', async () => {
    await context.addCookies([{ name: COOKIE_NAME, value: services[0]!._id, url: baseUrl }]);
    const page = await context.newPage();
    await page.goto(new URL('/', baseUrl).href);
    expect(await page.getByRole('link', { name: 'My list (1)' }).count()).toBe(2);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
    await context.clearCookies();
  });

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

// Listings with something to read first, a quick exit, and a resident's referral link page.
const aboutAbuse = sampleOfType<Service>('service').filter(
  (service) => service.status === 'active' && /domestic abuse/i.test(service.summary),
);
const today = londonDateOf(new Date());
const withClosures = services.find((service) => service.closures?.some((c) => (c.to ?? c.from) >= today))!;
const EXIT_TO = 'https://www.bbc.co.uk/weather';

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('service page extras %s', (_label, pageScripts) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext();
    // The neutral site is out of reach here: a stand-in answers for it.
    await context.route(`${EXIT_TO}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><h1>Weather</h1>' }),
    );
    if (!pageScripts)
      await context.route(`${baseUrl}/**`, (route) =>
        route.request().resourceType() === 'script' ? route.abort() : route.continue(),
      );
  });
  afterAll(() => context.close());

  it.each([
    ['a listing with a quick exit', `/services/${aboutAbuse[0]!.slug.current}`],
    ['a listing with closures under its title', `/services/${withClosures.slug.current}`],
  ])('%s has no WCAG 2.2 AA violations', async (_name, path) => {
    const page = await context.newPage();
    await page.goto(new URL(path, baseUrl).href);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('leaves a quick-exit listing for the neutral site', async () => {
    const page = await context.newPage();
    await page.goto(new URL(`/services/${aboutAbuse[0]!.slug.current}`, baseUrl).href);
    const exit = page.getByRole('link', { name: /Exit this page/ });
    expect(await exit.isVisible()).toBe(true);
    // The Shift keys work only with the script, so only then are they mentioned.
    expect(await page.getByText('(or press Shift 3 times)').isVisible()).toBe(pageScripts);
    await exit.click();
    await page.waitForURL(`${EXIT_TO}**`);
    expect(await page.textContent('h1')).toBe('Weather');
    await page.close();
  });

  it.runIf(pageScripts)('takes the listing out of the tab’s history, and leaves on Shift pressed 3 times', async () => {
    const page = await context.newPage();
    await page.goto(new URL('/urgent-help', baseUrl).href);
    await page.goto(new URL(`/services/${aboutAbuse[0]!.slug.current}`, baseUrl).href);
    await page.getByRole('link', { name: /Exit this page/ }).click();
    await page.waitForURL(`${EXIT_TO}**`);
    await page.goBack();
    // Back goes to the page before the listing: the listing was replaced, not added to.
    expect(new URL(page.url()).pathname).toBe('/urgent-help');

    await page.goto(new URL(`/services/${aboutAbuse[1]!.slug.current}`, baseUrl).href);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    expect(page.url()).toContain('/services/');
    await page.keyboard.press('Shift');
    await page.waitForURL(`${EXIT_TO}**`);
    await page.close();
  });
});

describe('a resident’s referral link page', () => {
  let world: ReferralWorld;
  let link = '';

  beforeAll(async () => {
    world = await startReferralWorld('sqlite');
    const connector = await world.account('connector');
    const asConnector = await world.client(connector);
    // A listing at a public venue and one about domestic abuse (which brings the quick exit).
    const atAVenue = services.find(
      (s) => s.schedules?.length && s.locations?.length && !s.locations.some((ref) => confidential.has(ref._ref)),
    )!;
    const picked = [atAVenue, aboutAbuse[0]!];
    for (const service of picked) {
      const added = await asConnector.post('/referrals/basket', [
        ['action', 'add'],
        ['serviceId', service._id],
      ]);
      expect(added.status).toBe(303);
    }
    const made = await asConnector.post('/referrals/new', [
      ...picked.map((service): [string, string] => ['serviceId', service._id]),
      ['expiryDays', '30'],
    ]);
    expect(made.status).toBe(200);
    link = made.html.match(/value="([^"]*\/r\/[^"]+)"/)![1]!;
  });
  afterAll(() => world?.close());

  it.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ] as const)('has no WCAG 2.2 AA violations %s, and offers the quick exit', async (_label, pageScripts) => {
    const context = await browser.newContext();
    if (!pageScripts) await withoutScripts(context);
    const page = await context.newPage();
    expect((await page.goto(link))!.status()).toBe(200);
    expect(await page.getByRole('link', { name: /Exit this page/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'What happens next' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('admins’ teams and account pages', () => {
  let world: ReferralWorld;
  const paths: string[] = [];
  let session: { cookies: Map<string, string> } = { cookies: new Map() };

  beforeAll(async () => {
    world = await startReferralWorld('sqlite');
    const admin = await world.account('admin');
    const connector = await world.account('connector');
    session = await world.signIn(admin);
    const asAdmin = await world.client(admin);
    const area = slugOf('area');
    const made = await asAdmin.post('/admin/teams', [
      ['name', 'Accessible team'],
      ['kind', 'pcn'],
      ['area', area],
    ]);
    expect(made.status).toBe(303);
    paths.push('/admin/teams', made.location!.split('?')[0]!, `/admin/users/${connector.id}`);
  });
  afterAll(() => world?.close());

  it('have no WCAG 2.2 AA violations without JavaScript', async () => {
    const context = await browser.newContext();
    await withoutScripts(context);
    await addSessionCookies(context, world.baseUrl, session);
    const page = await context.newPage();
    for (const path of paths) {
      expect((await page.goto(new URL(path, world.baseUrl).href))!.status(), path).toBe(200);
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
    await context.close();
  });
});
