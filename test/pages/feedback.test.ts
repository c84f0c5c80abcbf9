/**
 * Public feedback over HTTP against a real server: a resident reports a problem with a listing
 * without an account, the editors' queue shows it, the listing's organisation is told through
 * the outbox and sees it (never who sent it); suggestions and page answers; bots are turned
 * away with messages a person understands; no partner reaches another organisation's reports;
 * typed markup stays inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import { HONEYPOT_FIELD, makeStamp, REPORT_LIMIT, STAMP_FIELD, stampKey, type StampPurpose } from '../../src/feedback';
import type { HttpClient, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType, textOf } from '../support/sample';

const services = sampleOfType<Service>('service').filter((s) => s.status === 'active');
const serviceA = services[0]!;
const serviceB = services.find((s) => s.organisation._ref !== serviceA.organisation._ref)!;
const ORG_A = serviceA.organisation._ref;
const ORG_B = serviceB.organisation._ref;
const MARKUP = '<script>alert(1)</script><b>bold</b>';

let world: ReferralWorld;
let partnerA: TestAccount;
let partnerB: TestAccount;
let editor: TestAccount;
let key: Buffer;

beforeAll(async () => {
  world = await startReferralWorld('sqlite');
  key = stampKey(world.config.authSecret!);
  partnerA = await world.account('partner', { organisationIds: [ORG_A] });
  partnerB = await world.account('partner', { organisationIds: [ORG_B] });
  editor = await world.account('editor');
}, 120_000);
afterAll(() => world?.close());

/** A stamp for a form shown half a minute ago (as a person filling it in would send). */
const shownEarlier = (purpose: StampPurpose) => makeStamp(key, purpose, new Date(Date.now() - 30_000));

const report = (client: HttpClient, slug: string, fields: Record<string, string>) =>
  client.post(`/report/${slug}`, { [STAMP_FIELD]: shownEarlier('report'), [HONEYPOT_FIELD]: '', ...fields });

const stampOn = (html: string) => new RegExp(`name="${STAMP_FIELD}" value="([^"]+)"`).exec(html)?.[1];

describe('a resident reports a problem with a listing', () => {
  let reportId: string;

  it('finds the link on the service page and the form works without an account or JavaScript', async () => {
    const resident = await world.client();
    const page = await resident.get(`/services/${serviceA.slug.current}`);
    expect(page.html).toContain(`href="/report/${serviceA.slug.current}"`);
    expect(textOf(page.html)).toContain('Report a problem with this listing');
    const form = await resident.get(`/report/${serviceA.slug.current}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="reason"');
    expect(stampOn(form.html)).toBeTruthy();
    expect(form.headers.getSetCookie()).toEqual([]);

    const sent = await report(resident, serviceA.slug.current, {
      reason: 'wrong-details',
      message: `The phone number is wrong ${MARKUP}`,
      email: 'reporter.person@example.org',
      contactAgreed: 'yes',
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/report/${serviceA.slug.current}?sent=1`);
    const thanks = await resident.follow(sent);
    expect(thanks.status).toBe(200);
    expect(textOf(thanks.html)).toContain('Thank you for your report');
    const stored = (await world.store.feedback.list({ kind: 'problem' })).find((r) => r.serviceId === serviceA._id)!;
    expect(stored).toMatchObject({ organisationId: ORG_A, reason: 'wrong-details', hasContact: true });
    reportId = stored.id;
  });

  it('tells the organisation’s partners through the outbox with a link, nothing about the reporter', async () => {
    const messages = (await world.store.outbox.list()).filter((m) => m.template === 'listing-reported');
    expect(messages.map((m) => m.recipient)).toEqual([partnerA.email]);
    expect(messages[0]!.payload.link).toBe(`${world.baseUrl}/partner/reports`);
    const text = JSON.stringify(messages[0]);
    expect(text).not.toContain('reporter.person');
    expect(text).not.toContain('phone number is wrong');
  });

  it('shows editors the report, inert, with the email they agreed to, and audits the email shown', async () => {
    const reviewer = await world.client(editor);
    const queue = await reviewer.get('/editor/reports');
    expect(queue.status).toBe(200);
    expect(queue.headers.get('cache-control')).toContain('no-store');
    expect(queue.html).toContain(`href="/editor/reports/${reportId}"`);
    expect(textOf(queue.html)).toContain(serviceA.name);
    expect(queue.html).not.toContain(MARKUP);
    expect(queue.html).toContain('&lt;script&gt;');
    expect(queue.html).not.toContain('reporter.person@example.org');

    const detail = await reviewer.get(`/editor/reports/${reportId}`);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain('reporter.person@example.org');
    expect(detail.html).not.toContain('<script>alert(1)');
    expect(detail.html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    const reads = await world.store.audit.list({ action: 'feedback.read-contact', subjectId: reportId });
    expect(reads[0]).toMatchObject({ actorUserId: editor.id });
  });

  it('shows the listing’s partners the report without who sent it, and never to another organisation', async () => {
    const mine = await (await world.client(partnerA)).get('/partner/reports');
    expect(mine.status).toBe(200);
    expect(textOf(mine.html)).toContain('The phone number is wrong');
    expect(mine.html).not.toContain('<script>alert(1)');
    expect(mine.html).not.toContain('reporter.person');
    expect(mine.html).toContain(`href="/partner/listings/${serviceA._id}"`);

    const stranger = await world.client(partnerB);
    for (const path of [
      '/partner/reports',
      `/partner/reports?organisation=${ORG_A}`,
      `/partner/reports?organisationId=${ORG_A}&status=open`,
    ]) {
      const page = await stranger.get(path);
      expect(page.status).toBe(200);
      expect(textOf(page.html)).not.toContain('The phone number is wrong');
    }
    expect((await stranger.get('/editor/reports')).status).toBe(403);
    const detail = await stranger.get(`/editor/reports/${reportId}`);
    expect(detail.status).toBe(403);
    expect(detail.html).not.toContain('reporter.person');
    expect((await stranger.post(`/editor/reports/${reportId}`, { note: 'Not mine' })).status).toBe(403);
    expect((await (await world.client()).get(`/editor/reports/${reportId}`)).status).toBe(303);
    expect((await world.store.feedback.get(reportId))!.status).toBe('open');
  });

  it('is resolved by an editor with a note, audited, which the partner then sees', async () => {
    const reviewer = await world.client(editor);
    const tooLong = await reviewer.post(`/editor/reports/${reportId}`, { note: 'x'.repeat(1001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain('id="note-error"');
    const resolved = await reviewer.post(`/editor/reports/${reportId}`, { note: 'Number corrected with them' });
    expect(resolved.status).toBe(303);
    expect(resolved.location).toBe('/editor/reports?resolved=1');
    const again = await reviewer.post(`/editor/reports/${reportId}`, { note: '' });
    expect(again.status).toBe(400);
    expect(textOf(again.html)).toContain('already been resolved');
    expect((await world.store.audit.list({ action: 'feedback.resolve', subjectId: reportId }))[0]).toMatchObject({
      actorUserId: editor.id,
    });
    const mine = await (await world.client(partnerA)).get('/partner/reports');
    expect(textOf(mine.html)).toContain('Number corrected with them');
    expect((await reviewer.get('/editor/reports/not-a-uuid')).status).toBe(404);
    expect((await reviewer.get('/editor/reports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('the report form', () => {
  it('puts each problem next to its field and keeps what was typed', async () => {
    const resident = await world.client();
    const page = await report(resident, serviceA.slug.current, {
      reason: 'other',
      message: '',
      email: 'someone@example.org',
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(page.html).toContain('href="#message"');
    expect(page.html).toMatch(/id="message-error"[^>]*>[\s\S]*Tell us what is wrong with the listing/);
    expect(page.html).toMatch(/id="contactAgreed-error"[^>]*>[\s\S]*tick the box if we may contact you/);
    expect(page.html).toContain('value="someone@example.org"');
    const noReason = await report(resident, serviceA.slug.current, {});
    expect(noReason.status).toBe(400);
    expect(noReason.html).toMatch(/id="reason-error"[^>]*>[\s\S]*Choose what is wrong with the listing/);
  });

  it('answers 404 for a listing that does not exist, 405 for other methods and 403 from another site', async () => {
    const resident = await world.client();
    expect((await resident.get('/report/no-such-service')).status).toBe(404);
    expect((await resident.get('/report/Not_A_Slug')).status).toBe(404);
    expect((await resident.request(`/report/${serviceA.slug.current}`, { method: 'PUT', body: '' })).status).toBe(405);
    const forged = await resident.post(
      `/report/${serviceA.slug.current}`,
      { reason: 'closed', [STAMP_FIELD]: shownEarlier('report') },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
  });
});

describe('bots are turned away, with messages a person understands', () => {
  it('refuses a filled honeypot', async () => {
    const page = await report(await world.client(), serviceA.slug.current, {
      reason: 'closed',
      [HONEYPOT_FIELD]: 'http://spam.example',
    });
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain('Leave this box empty');
  });

  it('refuses a form sent faster than a person can, and one with a forged stamp', async () => {
    const resident = await world.client();
    const form = await resident.get(`/report/${serviceA.slug.current}`);
    const fast = await resident.post(`/report/${serviceA.slug.current}`, {
      reason: 'closed',
      [STAMP_FIELD]: stampOn(form.html)!,
      [HONEYPOT_FIELD]: '',
    });
    expect(fast.status).toBe(400);
    expect(textOf(fast.html)).toContain('faster than a person usually can');
    expect(fast.html).toMatch(/value="closed"[^>]*checked/);
    const forged = await report(resident, serviceA.slug.current, {
      reason: 'closed',
      [STAMP_FIELD]: makeStamp(stampKey('not-the-servers-secret-0123456789-abcdefgh'), 'report', new Date(0)),
    });
    expect(forged.status).toBe(400);
    expect(textOf(forged.html)).toContain('could not be checked');
  });

  it('limits reports from one address, then answers 429 saying when to try again', async () => {
    const resident = await world.client();
    for (let i = 0; i < REPORT_LIMIT.max; i++) {
      expect((await report(resident, serviceB.slug.current, { reason: 'closed' })).status).toBe(303);
    }
    const refused = await report(resident, serviceB.slug.current, { reason: 'closed' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(textOf(refused.html)).toMatch(/Try again in \d+ minutes/);
    expect((await report(await world.client(), serviceB.slug.current, { reason: 'closed' })).status).toBe(303);
  });
});

describe('suggest a listing', () => {
  it('is linked from every page and reaches the editors’ queue', async () => {
    const resident = await world.client();
    const home = await resident.get('/');
    expect(home.html).toContain('href="/suggest-a-listing"');
    const empty = await resident.post('/suggest-a-listing', { [STAMP_FIELD]: shownEarlier('suggest') });
    expect(empty.status).toBe(400);
    expect(empty.html).toMatch(/id="listingName-error"[^>]*>[\s\S]*Enter the name of the service, group or activity/);
    const sent = await resident.post('/suggest-a-listing', {
      [STAMP_FIELD]: shownEarlier('suggest'),
      [HONEYPOT_FIELD]: '',
      listingName: `Zebra knitting circle ${MARKUP}`,
      message: 'Knitting and tea every Thursday at the library on the high road',
    });
    expect(sent.status).toBe(303);
    expect(textOf((await resident.follow(sent)).html)).toContain('Thank you for your suggestion');
    const queue = await (await world.client(editor)).get('/editor/reports');
    expect(textOf(queue.html)).toContain('Zebra knitting circle');
    expect(queue.html).not.toContain(MARKUP);
    const partnerPage = await (await world.client(partnerA)).get('/partner/reports');
    expect(textOf(partnerPage.html)).not.toContain('Zebra knitting');
  });
});

describe('is this page useful?', () => {
  it('is on public pages without making them private or setting a cookie', async () => {
    const resident = await world.client();
    for (const path of ['/', `/services/${serviceA.slug.current}`, '/search?q=walking']) {
      const page = await resident.get(path);
      expect(page.html).toContain('Is this page useful?');
      expect(page.headers.getSetCookie()).toEqual([]);
      expect(page.headers.get('cache-control') ?? '').not.toContain('no-store');
    }
    const search = await resident.get('/search?q=walking');
    expect(search.html).toContain('name="page" value="/search"');
    const staff = await (await world.client(editor)).get('/editor/reports');
    expect(staff.html).not.toContain('action="/page-feedback"');
  });

  it('thanks a “yes”, and asks a “no” what was wrong, once', async () => {
    const resident = await world.client();
    const path = `/services/${serviceA.slug.current}`;
    const rate = (useful: string, page = path) =>
      resident.post('/page-feedback', { [STAMP_FIELD]: shownEarlier('rate'), [HONEYPOT_FIELD]: '', page, useful });
    const yes = await rate('yes');
    expect(yes.status).toBe(303);
    const thanks = await resident.follow(yes);
    expect(textOf(thanks.html)).toContain('Thank you for your feedback');
    expect(thanks.html).toContain(`href="${path}"`);

    const no = await rate('no');
    expect(no.status).toBe(303);
    expect(no.location).toMatch(/^\/page-feedback\?rating=[0-9a-f-]{36}$/);
    const ask = await resident.follow(no);
    expect(ask.status).toBe(200);
    expect(textOf(ask.html)).toContain('What was wrong with this page?');
    const ratingId = /name="rating" value="([^"]+)"/.exec(ask.html)![1]!;
    const told = await resident.post('/page-feedback', {
      rating: ratingId,
      comment: `The times are out of date ${MARKUP}`,
      [STAMP_FIELD]: shownEarlier('comment'),
      [HONEYPOT_FIELD]: '',
    });
    expect(told.status).toBe(303);
    expect(told.location).toBe(`/page-feedback?thanks=1&page=${encodeURIComponent(path)}`);

    const queue = await (await world.client(editor)).get('/editor/reports');
    expect(textOf(queue.html)).toContain('The times are out of date');
    expect(queue.html).not.toContain(MARKUP);
    expect(queue.html).toContain(`href="${path}"`);
  });

  it('answers 400 with a message for anything it cannot use, never 500', async () => {
    const resident = await world.client();
    for (const path of [
      '/page-feedback',
      '/page-feedback?rating=nope',
      '/page-feedback?thanks=1&page=//evil.example',
      '/page-feedback?thanks=1&page=/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      const page = await resident.get(path);
      expect(page.status, path).toBe(400);
      expect(textOf(page.html)).toContain('There is a problem');
    }
    expect((await resident.get('/page-feedback?rating=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    for (const form of <Record<string, string>[]>[
      { page: '/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', useful: 'no' },
      { page: '/', useful: 'maybe' },
      { useful: 'yes' },
    ]) {
      const answer = await resident.post('/page-feedback', { [STAMP_FIELD]: shownEarlier('rate'), ...form });
      expect(answer.status).toBe(400);
    }
    const honeypot = await resident.post('/page-feedback', {
      [STAMP_FIELD]: shownEarlier('rate'),
      [HONEYPOT_FIELD]: 'x',
      page: '/',
      useful: 'yes',
    });
    expect(honeypot.status).toBe(400);
    expect(textOf(honeypot.html)).toContain('Is this page useful?');
    const stored = await world.store.db.selectFrom('page_rating').select('path').execute();
    expect(stored.some((row) => row.path.startsWith('/r/'))).toBe(false);
  });
});
