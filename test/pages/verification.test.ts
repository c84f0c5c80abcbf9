/**
 * The verification cycle over HTTP against a real server with the sample data: the one-click
 * "still accurate" link (GET changes nothing, POST publishes and the page shows the new date
 * within 5 s; expired and forged links answer 410 and 400 with a message), "Still accurate" on
 * a partner's listings page, the "Not checked since" notice near the top of an overdue listing,
 * dropped listings missing from search but reachable by link, and the editors' review
 * dashboard (editors only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Service } from '../../src/content/profile';
import { signCheckToken } from '../../src/listings/check-link';
import { reviewPeriodOf, verificationOf, type VerificationStage } from '../../src/listings/verification';
import { formatDate } from '../../src/schedules';
import type { TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType, textOf } from '../support/sample';

const now = new Date();
const periods = new Map(sampleOfType<Category>('category').map((c) => [c._id, c.reviewEveryMonths]));
const organisations = new Map(sampleOfType<{ _id: string; name: string }>('organisation').map((o) => [o._id, o.name]));
const services = sampleOfType<Service>('service')
  .filter((s) => s.status === 'active')
  .map((service) => ({
    service,
    stage: verificationOf(service.verifiedOn, reviewPeriodOf(service.categories.map((c) => periods.get(c._ref))), now)
      .stage,
  }));
const inStage = (...stages: VerificationStage[]) =>
  services.filter((s) => stages.includes(s.stage)).map((s) => s.service);
const pastDue = inStage('due', 'overdue');
// Three different listings, each used by one test only: the link, the partner's button, the notice.
const viaLink = pastDue[0]!;
const viaPartner = pastDue.find((s) => s.organisation._ref !== viaLink.organisation._ref)!;
const withNotice = pastDue.find((s) => s._id !== viaLink._id && s.organisation._ref !== viaPartner.organisation._ref)!;
const fresh = inStage('ok')[0]!;
const dropped = inStage('dropped');

let world: ReferralWorld;
let partner: TestAccount;
let editor: TestAccount;
let secret: string;

beforeAll(async () => {
  world = await startReferralWorld('sqlite');
  secret = world.env.AUTH_SECRET!;
  partner = await world.account('partner', { organisationIds: [viaPartner.organisation._ref] });
  editor = await world.account('editor');
}, 120_000);
afterAll(() => world?.close());

const servicePage = (slug: string) => fetch(new URL(`/services/${slug}`, world.baseUrl)).then((r) => r.text());

async function within(ms: number, probe: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const today = formatDate(now.toISOString());

describe('the "still accurate" link', () => {
  it('shows the listing and a confirm button on GET without changing it', async () => {
    const client = await world.client();
    const token = signCheckToken(secret, { serviceId: viaLink._id, stage: 'due', now });
    const page = await client.get(`/listings/check/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const text = textOf(page.html);
    expect(text).toContain(viaLink.name);
    expect(text).toContain(`Last checked on ${formatDate(viaLink.verifiedOn)}`);
    expect(page.html).toMatch(/<form method="post"[^>]*>[\s\S]*Yes, it is still accurate/);
    expect(textOf(await servicePage(viaLink.slug.current))).toContain(`Checked on ${formatDate(viaLink.verifiedOn)}`);
    expect(await world.store.contentChanges.list({ documentId: viaLink._id })).toEqual([]);
  });

  it('publishes today’s date by the organisation on POST, shown on the service page within 5 s', async () => {
    const client = await world.client();
    const token = signCheckToken(secret, { serviceId: viaLink._id, stage: 'due', now });
    const posted = await client.post(`/listings/check/${token}`, {});
    expect(posted.status).toBe(303);
    const started = Date.now();
    const organisation = organisations.get(viaLink.organisation._ref)!;
    const live = await within(5000, async () =>
      textOf(await servicePage(viaLink.slug.current)).includes(`Checked on ${today} by ${organisation}`),
    );
    expect(live, `the new date within 5 s (waited ${Date.now() - started} ms)`).toBe(true);
    const after = await client.follow(posted);
    expect(after.status).toBe(200);
    expect(textOf(after.html)).toContain(`Checked on ${today}`);
    const [change] = await world.store.contentChanges.list({ documentId: viaLink._id });
    expect(change).toMatchObject({ kind: 'live', status: 'published', fields: ['verifiedOn', 'verifiedBy'] });
    const audit = await world.store.audit.list({ subjectId: viaLink._id, action: 'listing.still-accurate' });
    expect(audit).toHaveLength(1);
    expect(textOf(await servicePage(viaLink.slug.current))).not.toContain('Not checked since');
  });

  it('answers an expired link with 410 and a forged one with 400, each saying what to do', async () => {
    const client = await world.client();
    const expired = signCheckToken(secret, {
      serviceId: fresh._id,
      stage: 'due-soon',
      now,
      expiresAt: new Date(now.getTime() - 60_000),
    });
    const gone = await client.get(`/listings/check/${expired}`);
    expect(gone.status).toBe(410);
    expect(textOf(gone.html)).toContain('This link has expired');
    expect(textOf(gone.html)).toContain('your listings');
    expect((await client.post(`/listings/check/${expired}`, {})).status).toBe(410);

    const forged = signCheckToken('someone-elses-secret-0123456789-abcdefghijk', {
      serviceId: fresh._id,
      stage: 'due',
      now,
    });
    for (const token of [forged, 'not-a-token', `${forged.split('.')[0]}.AAAA`]) {
      const page = await client.get(`/listings/check/${token}`);
      expect(page.status).toBe(400);
      expect(textOf(page.html)).toContain('This link does not work');
    }
    const refused = await client.post(`/listings/check/${forged}`, {});
    expect(refused.status).toBe(400);
    expect(textOf(await servicePage(fresh.slug.current))).toContain(`Checked on ${formatDate(fresh.verifiedOn)}`);
  });
});

describe('a partner', () => {
  it('confirms one of their listings with “Still accurate” on their listings page', async () => {
    const client = await world.client(partner);
    const list = await client.get('/partner/listings');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`name="serviceId" value="${viaPartner._id}"`);
    const posted = await client.post('/partner/listings', { action: 'still-accurate', serviceId: viaPartner._id });
    expect(posted.status).toBe(303);
    const after = await client.follow(posted);
    expect(textOf(after.html)).toContain(`Thank you. ${viaPartner.name} now says it was checked today.`);
    expect(
      await within(5000, async () =>
        textOf(await servicePage(viaPartner.slug.current)).includes(`Checked on ${today}`),
      ),
    ).toBe(true);
  });

  it('cannot confirm another organisation’s listing', async () => {
    const client = await world.client(partner);
    const posted = await client.post('/partner/listings', { action: 'still-accurate', serviceId: withNotice._id });
    expect(posted.status).toBe(404);
    expect(textOf(await servicePage(withNotice.slug.current))).toContain(
      `Checked on ${formatDate(withNotice.verifiedOn)}`,
    );
  });
});

describe('listings past their review date', () => {
  it('say “Not checked since <date>” in a warning just under the title', async () => {
    const html = await servicePage(withNotice.slug.current);
    const title = html.indexOf('<h1');
    const notice = html.indexOf('nhsuk-warning-callout');
    expect(notice).toBeGreaterThan(title);
    expect(html.indexOf('What it is')).toBeGreaterThan(notice);
    expect(textOf(html)).toContain(`Not checked since ${formatDate(withNotice.verifiedOn)}`);
    expect(textOf(await servicePage(fresh.slug.current))).not.toContain('Not checked since');
  });

  it('three months past it, are left out of search but still open by their link', async () => {
    for (const service of dropped.slice(0, 3)) {
      const response = await fetch(new URL(`/api/search?q=${encodeURIComponent(service.name)}`, world.baseUrl)).then(
        (r) => r.json() as Promise<{ results: { id: string }[] }>,
      );
      expect(response.results.map((r) => r.id)).not.toContain(service._id);
      const page = await fetch(new URL(`/services/${service.slug.current}`, world.baseUrl));
      expect(page.status).toBe(200);
    }
  });
});

describe('the editors’ review dashboard', () => {
  it('lists listings needing a check by organisation and by area, with counts and links', async () => {
    const client = await world.client(editor);
    const page = await client.get('/editor/reviews');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('By organisation');
    expect(text).toContain('By area');
    expect(page.html).toContain(`href="/services/${withNotice.slug.current}"`);
    const counts = /id="review-counts"[\s\S]*?<\/table>/.exec(page.html)![0];
    expect(textOf(counts)).toMatch(/Overdue for a check \d+/);
    expect(page.html).toContain('href="/editor/reviews"');
  });

  it('is for editors only: partners are refused and others asked to sign in', async () => {
    const client = await world.client(partner);
    expect([403, 404]).toContain((await client.get('/editor/reviews')).status);
    expect((await (await world.client()).get('/editor/reviews')).status).toBe(303);
  });
});
