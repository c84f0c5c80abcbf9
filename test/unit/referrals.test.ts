import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import type { ReferralReportService, ReferralService } from '../../src/queries/types.ts';
import {
  anonymiseClosedReferrals,
  barChartSvg,
  buildReports,
  chaseUnanswered,
  createReferral,
  csvField,
  expireReferrals,
  isClosed,
  itemForPartner,
  LINK_MISS_LIMIT,
  lookupLink,
  messageText,
  outwardPostcode,
  parseReferralForm,
  progressOf,
  providerAnswer,
  providerTransition,
  qrCodeSvg,
  recordOpened,
  referralForConnector,
  referralStatusOf,
  ReferralError,
  reissueReferral,
  reportCsvRows,
  residentAnswer,
  residentTransition,
  revokeReferral,
  runReferralJobs,
  suppressTable,
  toCsv,
  ukPhoneNumber,
  usualResponseDays,
  workingDaysBetween,
  type ReferralRequest,
  type ServiceDirectory,
} from '../../src/referrals/index.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG_A = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const ORG_B = '0b6f3c1e-2222-4bbb-8bbb-000000000002';
const SERVICE_A1 = 'a1a1a1a1-0000-4000-8000-000000000001';
const SERVICE_A2 = 'a2a2a2a2-0000-4000-8000-000000000002';
const SERVICE_B1 = 'b1b1b1b1-0000-4000-8000-000000000001';
const SERVICE_CLOSED = 'c1c1c1c1-0000-4000-8000-000000000001';

function fakeService(id: string, organisationId: string, name: string, status = 'active'): ReferralService {
  return {
    _id: id,
    name,
    slug: name.toLowerCase().replace(/\W+/g, '-'),
    summary: `${name} summary`,
    status,
    organisation: { _id: organisationId, name: `Organisation ${organisationId.slice(-1)}`, slug: 'org' },
    schedules: [],
    closures: [],
    categories: [],
    areas: [],
    locations: [],
    coverage: ['venue'],
  } as unknown as ReferralService;
}

const SERVICES = [
  fakeService(SERVICE_A1, ORG_A, 'Walking group'),
  fakeService(SERVICE_A2, ORG_A, 'Gardening club'),
  fakeService(SERVICE_B1, ORG_B, 'Debt advice'),
  fakeService(SERVICE_CLOSED, ORG_B, 'Closed choir', 'defunct'),
];
const directory: ServiceDirectory = {
  async services(ids) {
    return SERVICES.filter((s) => ids.includes(s._id));
  },
};

const request = (overrides: Partial<ReferralRequest> = {}): ReferralRequest => ({
  serviceIds: [SERVICE_A1, SERVICE_B1],
  note: 'See you there',
  shareContact: true,
  feedbackConsent: false,
  contact: { name: 'Sam Resident', route: 'phone', value: '02079460000', outwardPostcode: 'N17' },
  expiryDays: 30,
  ...overrides,
});

// ---------------------------------------------------------------------------------------------
// Pure rules

describe('statuses', () => {
  it('lets a resident and a provider move an activity only along the allowed paths', () => {
    expect(residentTransition('created', 'interested')).toBe('interested');
    expect(residentTransition('interested', 'went')).toBe('attended');
    expect(residentTransition('not-for-me', 'interested')).toBe('interested');
    expect(residentTransition('declined', 'interested')).toBeUndefined();
    expect(providerTransition('interested', 'accept')).toBe('accepted');
    expect(providerTransition('accepted', 'accept')).toBeUndefined();
    expect(providerTransition('created', 'completed')).toBeUndefined();
    expect(providerTransition('attended', 'completed')).toBe('completed');
  });

  it('shows the furthest point reached, expiry only before anyone was taken on, and revocation first', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const live = { revokedAt: null, expiresAt: '2026-04-01T00:00:00Z' };
    const gone = { revokedAt: null, expiresAt: '2026-03-01T00:00:00Z' };
    expect(progressOf([{ status: 'opened' }, { status: 'accepted' }])).toBe('accepted');
    expect(progressOf([{ status: 'declined' }, { status: 'not-for-me' }])).toBe('declined');
    expect(referralStatusOf({ ...live, items: [{ status: 'interested' }] }, now)).toBe('interested');
    expect(referralStatusOf({ ...gone, items: [{ status: 'interested' }] }, now)).toBe('expired');
    expect(referralStatusOf({ ...gone, items: [{ status: 'attended' }] }, now)).toBe('attended');
    expect(referralStatusOf({ ...live, revokedAt: now.toISOString(), items: [{ status: 'accepted' }] }, now)).toBe(
      'revoked',
    );
    expect(isClosed({ ...live, items: [{ status: 'completed' }, { status: 'declined' }] }, now)).toBe(true);
    expect(isClosed({ ...live, items: [{ status: 'completed' }, { status: 'accepted' }] }, now)).toBe(false);
    expect(isClosed({ ...gone, items: [{ status: 'accepted' }] }, now)).toBe(true);
  });
});

describe('working days', () => {
  it('skips weekends and England and Wales bank holidays, on London dates', () => {
    // Thursday 2 April 2026 to Thursday 9 April: Good Friday (3rd) and Easter Monday (6th) are holidays.
    expect(workingDaysBetween(new Date('2026-04-02T09:00:00Z'), new Date('2026-04-09T09:00:00Z'))).toBe(3);
    // Friday evening to Monday morning: one working day.
    expect(workingDaysBetween(new Date('2026-03-06T18:00:00Z'), new Date('2026-03-09T08:00:00Z'))).toBe(1);
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST).
    expect(workingDaysBetween(new Date('2026-03-31T12:00:00Z'), new Date('2026-03-31T23:30:00Z'))).toBe(1);
    expect(workingDaysBetween(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T17:00:00Z'))).toBe(0);
  });

  it('says how fast a service usually answers only once 5 referrals were answered', () => {
    const answered = (days: number) => ({
      createdAt: '2026-03-02T09:00:00Z',
      respondedAt: new Date(Date.parse('2026-03-02T09:00:00Z') + days * 86_400_000).toISOString(),
    });
    expect(usualResponseDays([1, 2, 3, 4].map(answered))).toBeUndefined();
    // Monday + 1, 2, 3 (working) days; +7 and +8 calendar days are 5 and 6 working days.
    expect(usualResponseDays([1, 2, 3, 7, 8].map(answered))).toBe(3);
    expect(usualResponseDays([0, 0, 0, 0, 0].map(answered))).toBe(1);
  });
});

describe('the referral form', () => {
  it('takes contact details only with consent, one route, and only the outward postcode', () => {
    const ok = parseReferralForm({
      serviceIds: [SERVICE_A1],
      shareContact: 'yes',
      name: ' Sam ',
      route: 'text',
      mobile: '+44 7700 900982',
      phone: '020 7946 0000',
      email: 'sam@example.org',
      postcode: 'n17 6ra',
      expiryDays: '14',
    });
    expect(ok).toEqual({
      ok: true,
      value: {
        serviceIds: [SERVICE_A1],
        note: null,
        privateLabel: null,
        shareContact: true,
        feedbackConsent: false,
        contact: { name: 'Sam', route: 'text', value: '07700900982', outwardPostcode: 'N17' },
        expiryDays: 14,
      },
    });
    const noConsent = parseReferralForm({
      serviceIds: [SERVICE_A1],
      name: 'Sam',
      route: 'phone',
      phone: '02079460000',
    });
    expect(noConsent.ok).toBe(false);
    if (!noConsent.ok) expect(noConsent.problems.map((p) => p.field)).toEqual(['shareContact']);
    const withoutContact = parseReferralForm({ serviceIds: [SERVICE_A1], feedbackConsent: 'yes' });
    expect(withoutContact).toMatchObject({
      ok: true,
      value: { shareContact: false, feedbackConsent: true, expiryDays: 30 },
    });
    if (withoutContact.ok) expect(withoutContact.value.contact).toBeUndefined();
  });

  it('names each problem with its field', () => {
    const result = parseReferralForm({
      serviceIds: [],
      note: 'x'.repeat(501),
      shareContact: 'yes',
      route: 'email',
      email: 'not-an-email',
      postcode: 'N17 6',
      expiryDays: '45',
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => p.field)).toEqual([
        'serviceId',
        'note',
        'name',
        'email',
        'postcode',
        'expiryDays',
      ]);
    expect(ukPhoneNumber('020 7946 0000')).toBe('02079460000');
    expect(ukPhoneNumber('02079460000', { mobile: true })).toBeUndefined();
    expect(outwardPostcode('E1W')).toBe('E1W');
    expect(outwardPostcode('Hackney')).toBeUndefined();
  });
});

describe('the link', () => {
  it('draws a QR code as an SVG of paths only, labelled', async () => {
    const svg = await qrCodeSvg('https://signpost.test/r/abc', 'Scan "me" <now>');
    expect(svg).toMatch(/^<svg role="img" aria-label="Scan &quot;me&quot; &lt;now>"/);
    expect(svg).not.toMatch(/<script|<foreignObject|on\w+=/i);
  });

  it('gives a message with the link and no name', () => {
    const text = messageText({
      url: 'https://signpost.test/r/TOKEN',
      expiresAt: '2026-04-01T10:00:00Z',
      activities: 2,
    });
    expect(text).toContain('https://signpost.test/r/TOKEN');
    expect(text).toContain('1 April 2026');
    expect(text).toContain('NHS 111');
  });
});

describe('CSV, suppression and charts', () => {
  it('writes RFC 4180 CSV with CRLF, quoting and no formulas', () => {
    expect(
      toCsv([
        ['a', 'b, c', 'say "hi"'],
        [1, null, 'line\nbreak'],
      ]),
    ).toBe('a,"b, c","say ""hi"""\r\n1,,"line\nbreak"\r\n');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(-3)).toBe('-3');
  });

  it('hides counts of 1 to 4, and more so the total cannot give them away', () => {
    expect(suppressTable([10, 20, 0])).toEqual({
      cells: [{ value: 10 }, { value: 20 }, { value: 0 }],
      total: { value: 30 },
    });
    const one = suppressTable([3, 8, 20]);
    expect(one.cells).toEqual([{ value: null, hidden: 'small' }, { value: null, hidden: 'secondary' }, { value: 20 }]);
    expect(one.total).toEqual({ value: 31 });
    // 3 + 6 would still pin the 3 down too closely: 20 goes as well.
    expect(suppressTable([3, 6, 20]).cells.map((c) => c.value)).toEqual([null, null, null]);
    const hiddenTotal = suppressTable([3, 4]);
    expect(hiddenTotal.total.value).toBeNull();
    expect(suppressTable([2]).total).toEqual({ value: null, hidden: 'small' });
  });

  it('escapes chart labels and draws no bar for a hidden value', () => {
    const svg = barChartSvg({
      summary: 'Chart <1>',
      rows: [
        { label: 'A & <b>', value: 10 },
        { label: 'Hidden', value: null, note: 'fewer than 5' },
      ],
    });
    expect(svg).toContain('A &amp; &lt;b&gt;');
    expect(svg.match(/<rect /g)).toHaveLength(1);
    expect(svg).toContain('fewer than 5');
  });
});

// ---------------------------------------------------------------------------------------------
// On both stores

describe.each(STORE_KINDS)('referrals on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let now = new Date('2026-03-02T10:00:00Z'); // a Monday
  const users: Record<string, { userId: string; organisationIds: string[]; email: string }> = {};

  async function addUser(role: 'connector' | 'partner' | 'editor', organisationIds: string[] = []) {
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

  async function referralFor(connector = users.connector!, overrides: Partial<ReferralRequest> = {}) {
    const ids = overrides.serviceIds ?? [SERVICE_A1, SERVICE_B1];
    for (const id of ids) await store.baskets.add(connector.userId, id);
    return createReferral(store, directory, {
      connector,
      request: request(overrides),
      siteUrl: 'https://signpost.test',
    });
  }

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config, { clock: () => now });
    users.connector = await addUser('connector');
    users.otherConnector = await addUser('connector');
    users.partnerA = await addUser('partner', [ORG_A]);
    users.partnerB = await addUser('partner', [ORG_B]);
    users.editor = await addUser('editor');
  });

  beforeEach(() => {
    now = new Date('2026-03-02T10:00:00Z');
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('makes one referral from the connector’s list, tells each provider, and refuses the same form twice', async () => {
    const { referral, token } = await referralFor();
    expect(referral.items.map((i) => [i.serviceId, i.organisationId])).toEqual([
      [SERVICE_A1, ORG_A],
      [SERVICE_B1, ORG_B],
    ]);
    expect(referral.consents).toEqual(['share-contact']);
    expect(referral.hasContact).toBe(true);
    expect(await store.baskets.list(users.connector!.userId)).toEqual([]);
    expect(await store.referrals.findByTokenHash(hashToken(token))).toMatchObject({ id: referral.id });
    const queued = (await store.outbox.list({ limit: 1000 })).filter((m) => m.template === 'referral-new');
    expect(queued.map((m) => m.recipient)).toEqual(
      expect.arrayContaining([users.partnerA!.email, users.partnerB!.email]),
    );
    expect(JSON.stringify(queued.map((m) => m.payload))).not.toContain('Sam');

    await expect(
      createReferral(store, directory, { connector: users.connector!, request: request(), siteUrl: '' }),
    ).rejects.toMatchObject({ code: 'already-made' });
  });

  it('keeps no contact details without consent, and refuses a service that cannot take referrals', async () => {
    const { referral } = await referralFor(users.connector, {
      shareContact: false,
      contact: undefined,
      feedbackConsent: true,
    });
    expect(referral.hasContact).toBe(false);
    expect(referral.consents).toEqual(['feedback']);
    await store.baskets.add(users.connector!.userId, SERVICE_CLOSED);
    await expect(
      createReferral(store, directory, {
        connector: users.connector!,
        request: request({ serviceIds: [SERVICE_CLOSED] }),
        siteUrl: '',
      }),
    ).rejects.toBeInstanceOf(ReferralError);
    await store.baskets.clear(users.connector!.userId);
  });

  it('runs the whole loop with an event, actor and time for every change', async () => {
    const { referral, token } = await referralFor();
    const [itemA, itemB] = referral.items;
    const address = `198.51.100.${Math.floor(Math.random() * 200)}`;
    const found = await lookupLink(store, token, address);
    expect(found.kind).toBe('ok');

    expect(await recordOpened(store, referral)).toBe(true);
    expect(await recordOpened(store, referral)).toBe(false);
    await residentAnswer(store, referral.id, { itemId: itemA!.id, action: 'interested' });
    await residentAnswer(store, referral.id, { itemId: itemB!.id, action: 'not-for-me', reason: 'too-far' });
    await expect(residentAnswer(store, referral.id, { itemId: itemB!.id, action: 'went' })).rejects.toMatchObject({
      code: 'not-allowed',
    });

    now = new Date('2026-03-04T10:00:00Z');
    await expect(providerAnswer(store, users.partnerB!, { itemId: itemA!.id, action: 'accept' })).rejects.toMatchObject(
      {
        code: 'not-found',
      },
    );
    await providerAnswer(store, users.partnerA!, { itemId: itemA!.id, action: 'accept' });
    await residentAnswer(store, referral.id, { itemId: itemA!.id, action: 'went' });
    await providerAnswer(store, users.partnerA!, { itemId: itemA!.id, action: 'completed' });

    const after = (await store.referrals.get(referral.id))!;
    expect(after.status).toBe('completed');
    expect(after.closedAt).not.toBeNull();
    expect(after.items.map((i) => i.status)).toEqual(['completed', 'not-for-me']);
    expect(after.items[0]!.respondedAt).toBe('2026-03-04T10:00:00.000Z');
    const events = await store.referrals.events(referral.id);
    expect(events.map((e) => [e.kind, e.actorKind])).toEqual([
      ['created', 'connector'],
      ['opened', 'resident'],
      ['interested', 'resident'],
      ['not-for-me', 'resident'],
      ['accepted', 'partner'],
      ['attended', 'resident'],
      ['completed', 'partner'],
    ]);
    expect(events.find((e) => e.kind === 'accepted')?.actorUserId).toBe(users.partnerA!.userId);
    expect(events.every((e) => typeof e.at === 'string')).toBe(true);
  });

  it('shows a provider only its own activity and audits every read of contact details', async () => {
    const { referral } = await referralFor();
    const [itemA, itemB] = referral.items;
    expect(await itemForPartner(store, users.partnerA!, itemA!.id)).toMatchObject({ id: itemA!.id });
    expect(await itemForPartner(store, users.partnerA!, itemB!.id)).toBeUndefined();
    expect(await itemForPartner(store, users.partnerA!, 'not-a-uuid')).toBeUndefined();
    const contact = await store.referrals.readContactForItem({
      itemId: itemA!.id,
      organisationIds: users.partnerA!.organisationIds,
      actorUserId: users.partnerA!.userId,
    });
    expect(contact).toMatchObject({ name: 'Sam Resident', route: 'phone', outwardPostcode: 'N17' });
    expect(
      await store.referrals.readContactForItem({
        itemId: itemB!.id,
        organisationIds: users.partnerA!.organisationIds,
        actorUserId: users.partnerA!.userId,
      }),
    ).toBeUndefined();
    const audit = await store.audit.list({ action: 'referral.contact.read', subjectId: itemA!.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: users.partnerA!.userId });
    expect(JSON.stringify(audit)).not.toContain('Sam');
  });

  it('asks a reason for a decline and keeps it for the connector', async () => {
    const { referral } = await referralFor();
    const itemB = referral.items[1]!;
    await expect(providerAnswer(store, users.partnerB!, { itemId: itemB.id, action: 'decline' })).rejects.toMatchObject(
      {
        code: 'invalid',
      },
    );
    await expect(
      providerAnswer(store, users.partnerB!, { itemId: itemB.id, action: 'decline', reason: 'other' }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await providerAnswer(store, users.partnerB!, { itemId: itemB.id, action: 'decline', reason: 'no-capacity' });
    const after = (await store.referrals.get(referral.id))!;
    expect(after.items[1]).toMatchObject({ status: 'declined', declineReason: 'no-capacity' });
    expect(after.items[1]!.respondedAt).not.toBeNull();
  });

  it('keeps each connector to their own referrals, and revokes and re-issues links', async () => {
    const { referral, token } = await referralFor();
    expect(await referralForConnector(store, users.otherConnector!, referral.id)).toBeUndefined();
    await expect(revokeReferral(store, users.otherConnector!, referral.id)).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(reissueReferral(store, users.otherConnector!, referral.id)).rejects.toMatchObject({
      code: 'not-found',
    });
    expect((await store.referrals.listForConnector(users.otherConnector!.userId)).map((r) => r.id)).not.toContain(
      referral.id,
    );

    await revokeReferral(store, users.connector!, referral.id);
    const address = `203.0.113.${Math.floor(Math.random() * 200)}`;
    expect(await lookupLink(store, token, address)).toEqual({ kind: 'gone', why: 'revoked' });
    expect((await store.referrals.get(referral.id))!.closedAt).not.toBeNull();

    const reissued = await reissueReferral(store, users.connector!, referral.id, 7);
    expect(await lookupLink(store, token, address)).toEqual({ kind: 'not-found' });
    expect((await lookupLink(store, reissued.token, address)).kind).toBe('ok');
    expect(reissued.referral).toMatchObject({ status: 'created', revokedAt: null, closedAt: null });
    expect(reissued.referral.expiresAt).toBe('2026-03-09T10:00:00.000Z');
  });

  it('refuses every link from an address after 10 wrong ones', async () => {
    const { token } = await referralFor();
    const address = `192.0.2.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < LINK_MISS_LIMIT.max; i += 1) {
      expect((await lookupLink(store, newToken(), address)).kind).toBe('not-found');
    }
    const blocked = await lookupLink(store, token, address);
    expect(blocked.kind).toBe('rate-limited');
    expect((await lookupLink(store, token, `${address}1`)).kind).toBe('ok');
    now = new Date(now.getTime() + LINK_MISS_LIMIT.windowSeconds * 1000 + 1000);
    expect((await lookupLink(store, token, address)).kind).toBe('ok');
  });

  it('expires links, reminds after 5 working days and escalates after 10, once each', async () => {
    const { referral: waiting } = await referralFor(users.connector, { expiryDays: 60 });
    const { referral: short } = await referralFor(users.connector, { expiryDays: 7 });
    const clear = async () => {
      const list = await store.outbox.list({ limit: 1000 });
      return list;
    };
    const before = (await clear()).length;

    now = new Date('2026-03-06T10:00:00Z'); // 4 working days
    expect(await chaseUnanswered(store, directory, { siteUrl: 'https://signpost.test' })).toEqual({
      reminded: 0,
      escalated: 0,
    });
    now = new Date('2026-03-09T10:00:00Z'); // 5 working days
    const first = await runReferralJobs(store, directory, { siteUrl: 'https://signpost.test', retentionMonths: 6 });
    expect(first.reminded).toBeGreaterThanOrEqual(4); // two activities in each of two referrals
    expect(first.expired).toBeGreaterThanOrEqual(1); // at least the 7-day link, made on the same day
    expect(
      await runReferralJobs(store, directory, { siteUrl: 'https://signpost.test', retentionMonths: 6 }),
    ).toMatchObject({
      reminded: 0,
      expired: 0,
    });
    const expired = (await store.referrals.get(short.id))!;
    expect(expired).toMatchObject({ status: 'expired' });
    expect(expired.closedAt).not.toBeNull();
    expect((await store.referrals.events(short.id)).map((e) => e.kind)).toContain('expired');

    const reminders = (await clear())
      .slice(0, (await clear()).length - before)
      .filter((m) => m.template === 'referral-reminder');
    expect(reminders.map((m) => m.recipient)).toEqual(
      expect.arrayContaining([users.partnerA!.email, users.partnerB!.email]),
    );
    expect(reminders.every((m) => !JSON.stringify(m.payload).includes('Sam'))).toBe(true);

    now = new Date('2026-03-16T10:00:00Z'); // 10 working days
    const second = await chaseUnanswered(store, directory, { siteUrl: 'https://signpost.test' });
    expect(second.escalated).toBeGreaterThanOrEqual(2);
    const escalations = (await clear()).filter((m) => m.template === 'referral-escalated');
    expect(escalations.map((m) => m.recipient)).toContain(users.editor!.email);
    const item = (await store.referrals.get(waiting.id))!.items[0]!;
    expect(item.escalatedAt).not.toBeNull();
    expect((await store.referrals.listAwaitingResponse({ escalatedOnly: true })).map((i) => i.id)).toContain(item.id);
    expect(
      (await store.referrals.events(waiting.id)).filter((e) => e.itemId === item.id).map((e) => [e.kind, e.actorKind]),
    ).toEqual([
      ['reminded', 'system'],
      ['escalated', 'system'],
    ]);
  });

  it('anonymises referrals closed for longer than the retention period, keeping the counts', async () => {
    const { referral } = await referralFor(users.connector, { expiryDays: 7 });
    await providerAnswer(store, users.partnerB!, {
      itemId: referral.items[1]!.id,
      action: 'decline',
      reason: 'other',
      note: 'Sam should call us',
    });
    now = new Date('2026-03-10T10:00:00Z');
    await expireReferrals(store);
    now = new Date('2026-09-09T10:00:00Z'); // not yet 6 months after closing on 10 March
    await anonymiseClosedReferrals(store, 6);
    expect((await store.referrals.get(referral.id))!.anonymisedAt).toBeNull();
    now = new Date('2026-09-11T10:00:00Z');
    expect(await anonymiseClosedReferrals(store, 6)).toBeGreaterThanOrEqual(1);
    const after = (await store.referrals.get(referral.id))!;
    expect(after).toMatchObject({ noteForResident: null, hasContact: false });
    expect(after.anonymisedAt).not.toBeNull();
    expect(after.items).toHaveLength(2);
    const events = await store.referrals.events(referral.id);
    expect(events.map((e) => e.kind)).toContain('anonymised');
    expect(events.every((e) => e.reason === null)).toBe(true);
    expect(
      await store.referrals.readContactForItem({
        itemId: referral.items[0]!.id,
        organisationIds: [ORG_A],
        actorUserId: users.partnerA!.userId,
      }),
    ).toBeUndefined();
    expect((await store.referrals.reportRows()).filter((r) => r.itemId === referral.items[0]!.id)).toHaveLength(1);
    await expect(
      providerAnswer(store, users.partnerA!, { itemId: referral.items[0]!.id, action: 'accept' }),
    ).rejects.toThrow();
  });

  it('reports counts only, with the median answer time and small counts hidden', async () => {
    const fresh = await createTestDatabase(kind);
    const own = await createPeopleStore(fresh.config, { clock: () => now });
    const swap = store;
    try {
      store = own;
      const connector = await addUser('connector');
      const partner = await addUser('partner', [ORG_A]);
      const made = [];
      for (let i = 0; i < 6; i += 1) made.push((await referralFor(connector, { serviceIds: [SERVICE_A1] })).referral);
      now = new Date('2026-03-04T10:00:00Z'); // 2 working days later
      for (const referral of made.slice(0, 5)) {
        await providerAnswer(store, partner, { itemId: referral.items[0]!.id, action: 'accept' });
      }
      await recordOpened(store, made[5]!);
      const services: ReferralReportService[] = [
        {
          _id: SERVICE_A1,
          name: 'Walking group',
          organisation: { _id: ORG_A, name: 'Organisation 1' },
          category: { name: 'Walking', slug: 'walking', parent: { name: 'Physical activity', slug: 'physical' } },
          area: { name: 'Haringey', slug: 'haringey' },
        },
      ];
      const reports = buildReports(await store.referrals.reportRows(), services, now);
      expect(reports.byCategory.rows).toEqual([{ label: 'Physical activity', count: { value: 6 } }]);
      expect(reports.byArea.rows).toEqual([{ label: 'Haringey', count: { value: 6 } }]);
      expect(reports.byMonth.rows.at(-1)).toEqual({ label: 'March 2026', count: { value: 6 } });
      expect(reports.funnel.map((s) => s.count)).toEqual([{ value: 6 }, { value: 6 }, { value: 5 }, { value: 0 }]);
      expect(reports.responseTimes.median).toBe(2);
      expect(usualResponseDays(await store.referrals.responseTimes(SERVICE_A1))).toBe(2);
      const csv = toCsv(reportCsvRows(reports, 'by-category'));
      expect(csv).toBe('Category,Activities referred,Note\r\nPhysical activity,6,\r\nTotal,6,\r\n');
    } finally {
      store = swap;
      await own.close();
      await fresh.dispose();
    }
  });
});
