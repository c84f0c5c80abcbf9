import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import type { ReferralService } from '../../src/queries/types.ts';
import {
  createReferral,
  clearResidentRecipients,
  lastDigestTime,
  parseSendLinkForm,
  providerAnswer,
  ReferralError,
  runReferralJobs,
  SEND_LINK_LIMIT,
  sendLinkToResident,
  residentAnswer,
  sendDailyDigests,
  type ServiceDirectory,
} from '../../src/referrals/index.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

let ORG_A = '';
let ORG_B = '';
const SERVICE_A = 'a1a1a1a1-0000-4000-8000-000000000001';
const SERVICE_B = 'b1b1b1b1-0000-4000-8000-000000000001';
const SITE = 'https://signpost.test';

const service = (id: string, organisationId: string, name: string) =>
  ({
    _id: id,
    name,
    status: 'active',
    organisation: { _id: organisationId, name: 'Organisation', slug: 'org' },
  }) as unknown as ReferralService;
const directory: ServiceDirectory = {
  async services(ids) {
    return [service(SERVICE_A, ORG_A, 'Walking group'), service(SERVICE_B, ORG_B, 'Debt advice')].filter((s) =>
      ids.includes(s._id),
    );
  },
};

describe('the digest time', () => {
  it('is 08:00 London time: 08:00 UTC in winter, 07:00 UTC in summer, and yesterday’s before the hour', () => {
    expect(lastDigestTime(new Date('2026-01-15T09:00:00Z')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(lastDigestTime(new Date('2026-01-15T07:59:00Z')).toISOString()).toBe('2026-01-14T08:00:00.000Z');
    expect(lastDigestTime(new Date('2026-07-15T07:30:00Z')).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    // The clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(lastDigestTime(new Date('2026-03-29T07:00:00Z')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(lastDigestTime(new Date('2026-03-29T06:59:00Z')).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(lastDigestTime(new Date('2026-10-25T08:00:00Z')).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(lastDigestTime(new Date('2026-10-25T07:30:00Z')).toISOString()).toBe('2026-10-24T07:00:00.000Z');
  });
});

describe.each(STORE_KINDS)('referral notifications on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let now = new Date('2026-03-02T10:00:00Z');
  const users: Record<string, { userId: string; organisationIds: string[]; email: string }> = {};

  async function addUser(role: 'connector' | 'partner', organisationIds: string[] = []) {
    const id = randomUUID();
    const at = new Date().toISOString();
    const email = `${id}@example.org`;
    await store.db
      .insertInto('user')
      .values({
        id,
        name: 'Staff',
        email,
        emailVerified: store.kind === 'postgres' ? true : 1,
        image: null,
        createdAt: at,
        updatedAt: at,
        twoFactorEnabled: null,
        role,
      })
      .execute();
    for (const organisationId of organisationIds) await store.memberships.add(id, organisationId);
    return { userId: id, organisationIds, email };
  }

  async function refer() {
    for (const id of [SERVICE_A, SERVICE_B]) await store.baskets.add(users.connector!.userId, id);
    return createReferral(store, directory, {
      connector: users.connector!,
      request: {
        serviceIds: [SERVICE_A, SERVICE_B],
        note: 'See you there',
        shareContact: true,
        feedbackConsent: false,
        contact: { name: 'Sam Resident', route: 'phone', value: '02079460000', outwardPostcode: 'N17' },
        expiryDays: 30,
      },
      siteUrl: SITE,
    });
  }
  const sent = async (recipient: string) =>
    (await store.outbox.list({ limit: 1000 })).filter((m) => m.recipient === recipient);

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config, { clock: () => now });
  });
  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });
  // New people (and organisations) for each test, so one test's messages are not another's.
  beforeEach(async () => {
    now = new Date('2026-03-02T10:00:00Z');
    ORG_A = randomUUID();
    ORG_B = randomUUID();
    users.connector = await addUser('connector');
    users.partnerA = await addUser('partner', [ORG_A]);
    users.partnerA2 = await addUser('partner', [ORG_A]);
    users.partnerB = await addUser('partner', [ORG_B]);
  });

  it('emails each member of each organisation straight away a link to its inbox item, and nothing about the person', async () => {
    const { referral } = await refer();
    for (const [who, org] of [
      ['partnerA', ORG_A],
      ['partnerA2', ORG_A],
      ['partnerB', ORG_B],
    ] as const) {
      const messages = (await sent(users[who]!.email)).filter((m) => m.template === 'referral-new');
      const item = referral.items.find((i) => i.organisationId === org)!;
      expect(messages.map((m) => m.payload)).toEqual([{ link: `${SITE}/partner/referrals/${item.id}` }]);
    }
    const all = JSON.stringify((await store.outbox.list({ limit: 1000 })).map((m) => m.payload));
    expect(all).not.toMatch(/Sam|02079460000|Walking|Debt|See you there/);
    expect(await sent(users.connector!.email)).toEqual([]);
  });

  it('tells the connector when the resident and when a provider answers, with a link to the referral', async () => {
    const { referral } = await refer();
    const itemA = referral.items.find((i) => i.organisationId === ORG_A)!;
    await residentAnswer(store, referral.id, { itemId: itemA.id, action: 'interested', siteUrl: SITE });
    await providerAnswer(store, users.partnerA!, { itemId: itemA.id, action: 'accept', siteUrl: SITE });
    const messages = (await sent(users.connector!.email)).reverse(); // oldest first
    expect(messages.map((m) => [m.template, m.payload])).toEqual([
      ['referral-resident-answered', { link: `${SITE}/referrals/${referral.id}` }],
      ['referral-provider-answered', { link: `${SITE}/referrals/${referral.id}` }],
    ]);
  });

  it('holds changes for people who chose one email a day and sends one digest at 08:00 London time, once', async () => {
    await store.notifications.setFrequency(users.partnerA!.userId, 'daily');
    await store.notifications.setFrequency(users.connector!.userId, 'daily');
    const { referral } = await refer();
    const itemA = referral.items.find((i) => i.organisationId === ORG_A)!;
    await residentAnswer(store, referral.id, { itemId: itemA.id, action: 'interested', siteUrl: SITE });
    await providerAnswer(store, users.partnerA!, { itemId: itemA.id, action: 'accept', siteUrl: SITE });
    // Straight-away people are emailed; daily people are not, yet.
    expect(await sent(users.partnerA2!.email)).toHaveLength(1);
    expect(await sent(users.partnerA!.email)).toEqual([]);
    expect(await sent(users.connector!.email)).toEqual([]);
    expect(await store.notifications.listPending(users.connector!.userId)).toHaveLength(2);

    // Later the same day (before the next 08:00): nothing yet.
    now = new Date('2026-03-02T20:00:00Z');
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(0);
    now = new Date('2026-03-03T07:59:00Z');
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(0);

    now = new Date('2026-03-03T08:00:00Z');
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(2);
    expect((await sent(users.connector!.email)).map((m) => [m.template, m.payload])).toEqual([
      ['referral-digest', { referrals: 1, link: `${SITE}/referrals` }],
    ]);
    expect((await sent(users.partnerA!.email)).map((m) => [m.template, m.payload])).toEqual([
      ['referral-digest', { referrals: 1, link: `${SITE}/partner/referrals` }],
    ]);
    expect(await store.notifications.listPending(users.connector!.userId)).toEqual([]);

    // Run again, and from a "restarted" second store on the same database: nothing twice.
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(0);
    const restarted = await createPeopleStore(database.config, { clock: () => now });
    try {
      expect(await sendDailyDigests(restarted, { siteUrl: SITE })).toBe(0);
    } finally {
      await restarted.close();
    }
    expect(await sent(users.connector!.email)).toHaveLength(1);
  });

  it('keeps a change made after 08:00 for the next day’s digest, and none is lost across a restart', async () => {
    await store.notifications.setFrequency(users.connector!.userId, 'daily');
    const { referral } = await refer();
    const [itemA, itemB] = [ORG_A, ORG_B].map((org) => referral.items.find((i) => i.organisationId === org)!);
    now = new Date('2026-03-03T08:00:00Z');
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(0); // no answers yet
    now = new Date('2026-03-03T08:30:00Z');
    await residentAnswer(store, referral.id, { itemId: itemA!.id, action: 'interested', siteUrl: SITE });
    await residentAnswer(store, referral.id, { itemId: itemB!.id, action: 'interested', siteUrl: SITE });
    now = new Date('2026-03-03T12:00:00Z');
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(0);

    const restarted = await createPeopleStore(database.config, { clock: () => now });
    try {
      now = new Date('2026-03-04T08:05:00Z');
      expect(await sendDailyDigests(restarted, { siteUrl: SITE })).toBe(1);
    } finally {
      await restarted.close();
    }
    expect((await sent(users.connector!.email)).map((m) => m.payload)).toEqual([
      { referrals: 1, link: `${SITE}/referrals` },
    ]);
  });

  it('sends the digest at 07:00 UTC on the day the clocks go forward, and not twice that day', async () => {
    await store.notifications.setFrequency(users.connector!.userId, 'daily');
    now = new Date('2026-03-28T12:00:00Z');
    const { referral } = await refer();
    await residentAnswer(store, referral.id, { itemId: referral.items[0]!.id, action: 'interested', siteUrl: SITE });
    now = new Date('2026-03-29T06:59:00Z');
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(0);
    now = new Date('2026-03-29T07:00:00Z'); // 08:00 BST
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(1);
    now = new Date('2026-03-29T08:00:00Z');
    expect(await sendDailyDigests(store, { siteUrl: SITE })).toBe(0);
    expect(await sent(users.connector!.email)).toHaveLength(1);
  });

  it('claims each person’s changes once even when two instances run the digest together', async () => {
    await store.notifications.setFrequency(users.connector!.userId, 'daily');
    const { referral } = await refer();
    await residentAnswer(store, referral.id, { itemId: referral.items[0]!.id, action: 'interested', siteUrl: SITE });
    now = new Date('2026-03-03T09:00:00Z');
    const other = await createPeopleStore(database.config, { clock: () => now });
    try {
      // Two PostgreSQL connections race; SQLite has one writer at a time, so they run in turn.
      const counts =
        kind === 'postgres'
          ? await Promise.all([sendDailyDigests(store, { siteUrl: SITE }), sendDailyDigests(other, { siteUrl: SITE })])
          : [await sendDailyDigests(store, { siteUrl: SITE }), await sendDailyDigests(other, { siteUrl: SITE })];
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await other.close();
    }
    expect(await sent(users.connector!.email)).toHaveLength(1);
  });

  it('texts the link to the resident with their agreement, audits it by ids, limits sends and clears the number later', async () => {
    const { referral, token } = await refer();
    const connector = users.connector!;
    const form = { 'send-by': 'sms', 'send-to': '07700 900123', 'send-consent': 'yes' };
    const send = (f: Record<string, string>, t = token) =>
      sendLinkToResident(store, connector, { referralId: referral.id, token: t, form: f, siteUrl: SITE });

    expect(await send({ ...form, 'send-consent': '' })).toMatchObject({ ok: false, status: 400 });
    await expect(send(form, 'AAAA-BBBB-CCCC-DDDD-EEEE-EEEE-EE')).rejects.toBeInstanceOf(ReferralError);
    await expect(
      sendLinkToResident(store, users.partnerA!, { referralId: referral.id, token, form, siteUrl: SITE }),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await send(form)).toEqual({ ok: true, channel: 'sms' });

    const [message] = await sent('07700900123');
    expect(message).toMatchObject({ channel: 'sms', template: 'referral-link-sms' });
    expect(String(message!.payload.link)).toContain(SITE);
    const audit = JSON.stringify(await store.db.selectFrom('audit_log').selectAll().execute());
    expect(audit).toContain('referral.link-sent');
    expect(audit).not.toContain('07700');

    for (let i = 1; i < SEND_LINK_LIMIT.max; i += 1) expect((await send(form)).ok).toBe(true);
    expect(await send(form)).toMatchObject({ ok: false, status: 429 });

    // Sent: the number stays for the retention period, then the job clears it.
    const claimed = await store.outbox.claim({ limit: 100 });
    for (const m of claimed) await store.outbox.markSent(m.id, m.claimToken!);
    now = new Date('2026-03-05T10:00:00Z');
    expect(await clearResidentRecipients(store)).toBe(0);
    now = new Date('2026-03-10T10:00:00Z');
    const report = await runReferralJobs(store, directory, { siteUrl: SITE, retentionMonths: 12 });
    expect(report.recipientsCleared).toBe(SEND_LINK_LIMIT.max);
    expect(await sent('07700900123')).toEqual([]);
    expect(await clearResidentRecipients(store)).toBe(0);
  });
});

describe('the send-link form', () => {
  it('needs a way, a UK mobile or an email address, and the resident’s agreement', () => {
    expect(parseSendLinkForm({})).toEqual({
      ok: false,
      problems: {
        'send-by': 'Choose whether to text or email the link',
        'send-consent': 'Confirm the resident agreed to get this message',
      },
    });
    expect(parseSendLinkForm({ 'send-by': 'sms', 'send-to': '020 7946 0000', 'send-consent': 'yes' })).toMatchObject({
      ok: false,
      problems: { 'send-to': expect.stringContaining('UK mobile') },
    });
    expect(parseSendLinkForm({ 'send-by': 'email', 'send-to': 'not an address', 'send-consent': 'yes' })).toMatchObject(
      { ok: false },
    );
    expect(parseSendLinkForm({ 'send-by': 'sms', 'send-to': '+44 7700 900123', 'send-consent': 'yes' })).toEqual({
      ok: true,
      channel: 'sms',
      recipient: '07700900123',
    });
    expect(parseSendLinkForm({ 'send-by': 'email', 'send-to': ' sam@example.org ', 'send-consent': 'yes' })).toEqual({
      ok: true,
      channel: 'email',
      recipient: 'sam@example.org',
    });
  });
});
