/**
 * Referrals in real Chromium, on each people store, against a server of their own: the whole
 * loop (a connector makes a referral, the resident opens it and is interested, the provider
 * accepts, the resident went, the connector sees it), axe on every referral page, no request
 * leaving the site from a resident's link, another organisation's referral out of reach, no
 * personal data in any log line, link guessing answered 429, and a referral acknowledged just
 * before `kill -9` still there after a restart.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Location, Service } from '../../src/content/profile';
import { createPeopleStore } from '../../src/people/store.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { LINK_MISS_LIMIT } from '../../src/referrals/index.ts';
import { accessibilityViolations, addSessionCookies, launchBrowser } from '../support/browser';
import { setUpOrFailEveryTest, STORE_KINDS } from '../support/databases.ts';
import type { TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType } from '../support/sample';

const confidential = new Set(
  sampleOfType<Location>('location')
    .filter((l) => l.confidential)
    .map((l) => l._id),
);
const active = sampleOfType<Service>('service').filter((s) => s.status === 'active' && s.schedules?.length);
const serviceA = active.find((s) => !s.locations?.some((ref) => confidential.has(ref._ref)))!;
const serviceB = active.find(
  (s) => s.organisation._ref !== serviceA.organisation._ref && s.locations?.some((ref) => confidential.has(ref._ref)),
)!;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A button's accessible name: its words, then the hidden ": <service>" that tells similar buttons apart. */
const named = (words: string, service: string) =>
  new RegExp(`^${words}\\s*:\\s*${service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

async function expectAccessible(page: Page, what: string) {
  expect(await accessibilityViolations(page), what).toEqual([]);
}

describe.each(STORE_KINDS)('referrals in a browser on %s', (kind) => {
  let world: ReferralWorld;
  let connector: TestAccount;
  let partnerA: TestAccount;
  let partnerB: TestAccount;
  let editor: TestAccount;
  const contexts: BrowserContext[] = [];
  let link = '';
  let referralId = '';

  setUpOrFailEveryTest(async () => {
    world = await startReferralWorld(kind);
    connector = await world.account('connector');
    partnerA = await world.account('partner', { organisationIds: [serviceA.organisation._ref] });
    partnerB = await world.account('partner', { organisationIds: [serviceB.organisation._ref] });
    editor = await world.account('editor');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await world?.close();
  });

  async function contextFor(account?: TestAccount) {
    const context = await browser.newContext();
    contexts.push(context);
    if (account) {
      const jar = await world.signIn(account);
      await addSessionCookies(context, world.baseUrl, jar);
    }
    return context;
  }

  const eventsOf = async (id: string) => (await world.store.referrals.events(id)).map((e) => e.kind);

  it('runs the whole loop: connector, resident, provider, resident, connector', async () => {
    // The connector builds a referral from two service pages, from two organisations.
    const connectorPage = await (await contextFor(connector)).newPage();
    for (const service of [serviceA, serviceB]) {
      await connectorPage.goto(`${world.baseUrl}/services/${service.slug.current}`);
      await connectorPage.getByRole('button', { name: named('Add to referral', service.name) }).click();
      await expect.poll(() => connectorPage.getByText('In your referral.').count()).toBe(1);
    }
    await expectAccessible(connectorPage, 'service page with the referral button');
    await connectorPage.getByRole('link', { name: /Make the referral \(2 activities\)/ }).click();
    expect(new URL(connectorPage.url()).pathname).toBe('/referrals/new');
    await expectAccessible(connectorPage, 'referral form');
    await connectorPage.getByLabel('A note for them (optional)').fill('Ask for Jo at the door');
    await connectorPage.getByLabel('They agree to share their contact details with the providers').check();
    await connectorPage.getByLabel('Their name, or what they like to be called').fill('Robin Resident');
    await connectorPage.getByLabel('Phone call').check();
    await connectorPage.getByLabel('Phone number').fill('020 7946 0123');
    await connectorPage.getByLabel('The first part of their postcode (optional)').fill('N17');
    await connectorPage.getByRole('button', { name: 'Make the referral link' }).click();
    await expect.poll(() => connectorPage.locator('h1').first().textContent()).toBe('Referral link ready');
    // The page was the POST's answer: the link is on it, never in its address.
    expect(new URL(connectorPage.url()).pathname).toBe('/referrals/new');
    link = await connectorPage.getByRole('textbox', { name: 'The link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${world.baseUrl}/r/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2}$`));
    expect(await connectorPage.locator('svg.sp-referral-qr path').count()).toBeGreaterThan(0);
    expect(await connectorPage.getByLabel('Message to paste into a text or email').inputValue()).toContain(link);
    await expectAccessible(connectorPage, 'link ready');
    const referral = (await world.store.referrals.findByTokenHash(hashToken(link.split('/').pop()!)))!;
    referralId = referral.id;
    // Each provider's members are told, with a link and nothing about the person.
    const told = async (template: string) =>
      (await world.store.outbox.list({ limit: 500 })).filter((m) => m.template === template);
    const partnerItem = (account: TestAccount, organisationId: string) => ({
      recipient: account.email,
      link: `${world.baseUrl}/partner/referrals/${referral.items.find((i) => i.organisationId === organisationId)!.id}`,
    });
    expect(
      (await told('referral-new'))
        .map((m) => ({ recipient: m.recipient, link: m.payload.link }))
        .sort((a, b) => a.recipient.localeCompare(b.recipient)),
    ).toEqual(
      [partnerItem(partnerA, serviceA.organisation._ref), partnerItem(partnerB, serviceB.organisation._ref)].sort(
        (a, b) => a.recipient.localeCompare(b.recipient),
      ),
    );
    for (const message of await told('referral-new')) {
      expect(Object.keys(message.payload)).toEqual(['link']);
    }

    // The resident opens it with no account; nothing is requested from anywhere else.
    const residentContext = await contextFor();
    const resident = await residentContext.newPage();
    const elsewhere: string[] = [];
    resident.on('request', (request) => {
      if (!request.url().startsWith(world.baseUrl)) elsewhere.push(request.url());
    });
    const opened = await resident.goto(link);
    expect(opened!.status()).toBe(200);
    expect(opened!.headers()['referrer-policy']).toBe('no-referrer');
    await expectAccessible(resident, 'resident link page');
    // The page's own script says it was opened (a POST, once).
    await expect.poll(() => eventsOf(referralId)).toEqual(['created', 'opened']);
    await resident.reload();
    await resident.waitForLoadState('networkidle');
    expect(await eventsOf(referralId)).toEqual(['created', 'opened']);
    await resident.getByRole('button', { name: named('I’m interested', serviceA.name) }).click();
    await expect.poll(() => resident.getByText('You said you are interested.').count()).toBe(1);
    // The connector is told the resident answered.
    await expect
      .poll(async () => (await told('referral-resident-answered')).map((m) => [m.recipient, m.payload.link]))
      .toEqual([[connector.email, `${world.baseUrl}/referrals/${referralId}`]]);
    await expectAccessible(resident, 'resident link page after answering');

    // The provider of the first activity accepts; it sees the contact details, and not the other activity.
    const partnerPage = await (await contextFor(partnerA)).newPage();
    await partnerPage.goto(`${world.baseUrl}/partner/referrals`);
    await expectAccessible(partnerPage, 'partner referrals');
    expect(await partnerPage.content()).not.toContain(serviceB.name);
    await partnerPage
      .getByRole('link', { name: /open this referral/ })
      .first()
      .click();
    await expect.poll(() => partnerPage.getByText('Robin Resident').count()).toBe(1);
    await expectAccessible(partnerPage, 'partner referral');
    await partnerPage.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => partnerPage.locator('strong.nhsuk-tag').first().textContent()).toBe('Accepted');
    // ...and that the provider answered.
    await expect
      .poll(async () => (await told('referral-provider-answered')).map((m) => [m.recipient, m.payload.link]))
      .toEqual([[connector.email, `${world.baseUrl}/referrals/${referralId}`]]);
    await expectAccessible(partnerPage, 'partner referral after accepting');

    // The resident went.
    await resident.reload();
    await resident.getByRole('button', { name: named('I went', serviceA.name) }).click();
    await expect.poll(() => resident.getByText('You went. We hope it went well.').count()).toBe(1);
    expect(elsewhere).toEqual([]);

    // The connector sees it all.
    await connectorPage.goto(`${world.baseUrl}/referrals`);
    await expectAccessible(connectorPage, 'your referrals');
    await connectorPage
      .getByRole('link', { name: /see this referral/ })
      .first()
      .click();
    await expect.poll(() => connectorPage.locator('h1').first().textContent()).toMatch(/^Made /);
    const timeline = await connectorPage.locator('.sp-timeline').textContent();
    for (const step of ['Referral made', 'Link opened', 'Said they are interested', 'Accepted', 'Went']) {
      expect(timeline).toContain(step);
    }
    expect(await connectorPage.locator('strong.nhsuk-tag').first().textContent()).toBe('Attended');
    await expectAccessible(connectorPage, 'referral timeline');
    expect(await eventsOf(referralId)).toEqual(['created', 'opened', 'interested', 'accepted', 'attended']);
  });

  it('records nothing on opening without scripts until the resident answers', async () => {
    // The page's own scripts never load (axe itself still runs, as page script).
    const noScripts = await contextFor();
    await noScripts.route('**/*', (route) =>
      route.request().resourceType() === 'script' ? route.abort() : route.continue(),
    );
    const jsOff = await noScripts.newPage();
    const client = await world.client(connector);
    await client.request('/referrals/basket', {
      method: 'POST',
      body: new URLSearchParams({ action: 'add', serviceId: serviceB._id }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const page = await client.request('/referrals/new', {
      method: 'POST',
      body: new URLSearchParams({ serviceId: serviceB._id }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const token = page.html.match(/\/r\/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/)![1]!;
    const id = (await world.store.referrals.findByTokenHash(hashToken(token)))!.id;
    await jsOff.goto(`${world.baseUrl}/r/${token}`);
    await expectAccessible(jsOff, 'resident link page without JavaScript');
    expect(await eventsOf(id)).toEqual(['created']);
    // The disclosure itself: "What happens next" also mentions “Not for me”.
    await jsOff.locator('summary', { hasText: 'Not for me' }).first().click();
    await jsOff.getByLabel('The times do not suit me').check();
    await jsOff.getByRole('button', { name: /Say it is not for me/ }).click();
    await expect.poll(() => eventsOf(id)).toEqual(['created', 'opened', 'not-for-me']);
    expect(textOfReason(await world.store.referrals.events(id))).toBe('times');
  });

  it('keeps another organisation’s referral out of a partner’s reach', async () => {
    const referral = (await world.store.referrals.get(referralId))!;
    const itemA = referral.items[0]!;
    const page = await (await contextFor(partnerB)).newPage();
    const response = await page.goto(`${world.baseUrl}/partner/referrals/${itemA.id}`);
    expect(response!.status()).toBe(404);
    await page.goto(`${world.baseUrl}/partner/referrals`);
    expect(await page.content()).not.toContain(itemA.id);
    expect(await page.content()).not.toContain('Robin Resident');
    const referralPage = await page.goto(`${world.baseUrl}/referrals/${referralId}`);
    expect(referralPage!.status()).toBe(403);
  });

  it('has no accessibility problems on the reports, overdue and dead-link pages', async () => {
    const page = await (await contextFor(editor)).newPage();
    for (const path of ['/reports', '/referrals/overdue']) {
      const response = await page.goto(`${world.baseUrl}${path}`);
      expect(response!.status(), path).toBe(200);
      await expectAccessible(page, path);
    }
    const anonymous = await (await contextFor()).newPage();
    expect((await anonymous.goto(`${world.baseUrl}/r/${newToken()}`))!.status()).toBe(404);
    await expectAccessible(anonymous, 'unknown link');
    const connectorPage = await (await contextFor(connector)).newPage();
    await connectorPage.goto(`${world.baseUrl}/referrals/${referralId}`);
    await connectorPage.getByRole('button', { name: 'Revoke the link' }).click();
    await expect.poll(() => connectorPage.getByText(/You revoked the link/).count()).toBe(1);
    expect((await anonymous.goto(link))!.status()).toBe(410);
    await expectAccessible(anonymous, 'revoked link');
    await connectorPage.getByLabel('14 days').check();
    await connectorPage.getByRole('button', { name: 'Make a new link' }).click();
    await expect.poll(() => connectorPage.locator('h1').first().textContent()).toBe('New link ready');
    await expectAccessible(connectorPage, 'new link ready');
    link = await connectorPage.getByRole('textbox', { name: 'The link' }).inputValue();
    expect((await anonymous.goto(link))!.status()).toBe(200);
  });

  it('writes no link, name, email address, phone number or postcode to its log', async () => {
    for (const log of [await readFile(world.log, 'utf8'), await readFile(inject('serverLog'), 'utf8')]) {
      expect(log).not.toMatch(/\/r\/(?:[A-Za-z0-9_-]{43}|[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/);
      expect(log).not.toMatch(/Robin Resident|020 ?7946 ?0123|@example\.org|N17 ?6/);
    }
  });

  it('answers 429 after repeated wrong links, even for a right one', async () => {
    const page = await (await contextFor()).newPage();
    // This address already tried one unknown link (above): 404s until the limit, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < LINK_MISS_LIMIT.max; i += 1) {
      statuses.push((await page.goto(`${world.baseUrl}/r/${newToken()}`))!.status());
    }
    expect(statuses).toEqual([...Array(LINK_MISS_LIMIT.max - 1).fill(404), 429]);
    const blocked = await page.goto(link);
    expect(blocked!.status()).toBe(429);
    await expectAccessible(page, 'too many tries');
  });

  it('keeps a referral acknowledged just before kill -9', async () => {
    const client = await world.client(connector);
    await client.request('/referrals/basket', {
      method: 'POST',
      body: new URLSearchParams({ action: 'add', serviceId: serviceA._id }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const made = await client.request('/referrals/new', {
      method: 'POST',
      body: new URLSearchParams({ serviceId: serviceA._id }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(made.status).toBe(200);
    const token = made.html.match(/\/r\/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/)![1]!;
    await world.server.kill('SIGKILL');
    await world.restart();
    const reopened = await createPeopleStore(world.config);
    try {
      expect(await reopened.referrals.findByTokenHash(hashToken(token))).toMatchObject({ status: 'created' });
    } finally {
      await reopened.close();
    }
    // From another address: this browser's was blocked by the test before.
    expect((await (await world.client()).get(`/r/${token}`)).status).toBe(200);
  });
});

function textOfReason(events: { kind: string; reason: string | null }[]): string | null {
  return events.find((e) => e.kind === 'not-for-me')?.reason ?? null;
}
