import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkNotBot,
  commentOnRating,
  editorQueue,
  FeedbackError,
  HONEYPOT_FIELD,
  isRateablePath,
  makeStamp,
  openReport,
  parseReportForm,
  parseSuggestionForm,
  partnerReports,
  ratePage,
  readStamp,
  reportProblem,
  REPORT_LIMIT,
  resolveReport,
  runFeedbackRetention,
  STAMP_FIELD,
  stampKey,
  suggestListing,
  type FeedbackDeps,
  type StampPurpose,
} from '../../src/feedback/index.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG_A = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const ORG_B = '0b6f3c1e-2222-4bbb-8bbb-000000000002';
const SERVICE_A = { id: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Walking group', organisationId: ORG_A };
const SERVICE_B = { id: 'b1b1b1b1-0000-4000-8000-000000000001', name: 'Choir', organisationId: ORG_B };
const KEY = stampKey('unit-test-secret-0123456789-abcdefghijklmnop');

async function addUser(store: PeopleStore, role: 'partner' | 'editor', organisationId?: string): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await store.db
    .insertInto('user')
    .values({
      id,
      name: 'Someone',
      email: `${id}@example.org`,
      emailVerified: store.kind === 'postgres' ? true : 1,
      image: null,
      createdAt: now,
      updatedAt: now,
      twoFactorEnabled: null,
      role,
    })
    .execute();
  if (organisationId) await store.memberships.add(id, organisationId);
  return id;
}

describe('form stamps', () => {
  const at = new Date('2026-12-03T10:00:00Z');
  it('reads back its own age', () => {
    const stamp = makeStamp(KEY, 'report', at);
    expect(readStamp(KEY, 'report', stamp, new Date(at.getTime() + 7000))).toEqual({ ok: true, ageSeconds: 7 });
  });
  it('refuses a stamp made for another form, another key or edited', () => {
    const stamp = makeStamp(KEY, 'report', at);
    expect(readStamp(KEY, 'rate', stamp, at)).toEqual({ ok: false, reason: 'invalid' });
    expect(readStamp(stampKey('another-secret-0123456789-abcdefghijklmnop'), 'report', stamp, at).ok).toBe(false);
    const backdated = stamp.replace(/^v1\.(\d+)/, (_, ms: string) => `v1.${Number(ms) - 60_000}`);
    expect(readStamp(KEY, 'report', backdated, at)).toEqual({ ok: false, reason: 'invalid' });
    expect(readStamp(KEY, 'report', undefined, at)).toEqual({ ok: false, reason: 'invalid' });
    expect(readStamp(KEY, 'report', 'v1.abc.def', at)).toEqual({ ok: false, reason: 'invalid' });
  });
  it('refuses a stamp more than a day old', () => {
    const stamp = makeStamp(KEY, 'report', at);
    expect(readStamp(KEY, 'report', stamp, new Date(at.getTime() + 25 * 3600_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('the report form', () => {
  it('needs a reason, and words for “wrong details” and “something else”', () => {
    expect(parseReportForm({})).toEqual({
      ok: false,
      problems: [{ field: 'reason', message: 'Choose what is wrong with the listing' }],
    });
    expect(parseReportForm({ reason: 'other', message: '  ' })).toEqual({
      ok: false,
      problems: [{ field: 'message', message: 'Tell us what is wrong with the listing' }],
    });
    expect(parseReportForm({ reason: 'closed' })).toMatchObject({ ok: true, value: { reason: 'closed' } });
  });
  it('keeps an email only with the agreement to be contacted', () => {
    expect(parseReportForm({ reason: 'closed', email: 'me@example.org' })).toMatchObject({
      ok: false,
      problems: [{ field: 'contactAgreed' }],
    });
    expect(parseReportForm({ reason: 'closed', contactAgreed: 'yes' })).toMatchObject({
      ok: false,
      problems: [{ field: 'email', message: 'Enter your email address so we can contact you' }],
    });
    expect(parseReportForm({ reason: 'closed', email: 'not an email', contactAgreed: 'yes' })).toMatchObject({
      ok: false,
      problems: [{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }],
    });
    expect(parseReportForm({ reason: 'closed', email: ' Me@Example.org ', contactAgreed: 'yes' })).toMatchObject({
      ok: true,
      value: { email: 'me@example.org', contactAgreed: true },
    });
  });
  it('names every problem at once, in the order of the form', () => {
    const parsed = parseReportForm({ email: 'me@example.org' });
    expect(parsed.ok ? [] : parsed.problems.map((problem) => problem.field)).toEqual(['reason', 'contactAgreed']);
    const other = parseReportForm({ reason: 'other', email: 'bad', contactAgreed: 'yes' });
    expect(other.ok ? [] : other.problems.map((problem) => problem.field)).toEqual(['message', 'email']);
  });
  it('refuses a message over 1,000 characters and an unknown reason', () => {
    expect(parseReportForm({ reason: 'other', message: 'x'.repeat(1001) })).toMatchObject({
      ok: false,
      problems: [{ field: 'message', message: 'Tell us in 1,000 characters or fewer' }],
    });
    expect(parseReportForm({ reason: 'boring' })).toMatchObject({ ok: false, problems: [{ field: 'reason' }] });
  });
  it('asks a suggestion for a name and what it offers', () => {
    expect(parseSuggestionForm({})).toEqual({
      ok: false,
      problems: [
        { field: 'listingName', message: 'Enter the name of the service, group or activity' },
        { field: 'message', message: 'Tell us what it offers, who it is for and where it happens' },
      ],
    });
  });
});

describe('pages that can be rated', () => {
  it('are public paths only, never capability links or staff pages', () => {
    expect(isRateablePath('/')).toBe(true);
    expect(isRateablePath('/services/walking-group')).toBe(true);
    for (const path of ['/r/abc', '/invite/abc', '/reset-password/abc', '/editor/reports', '/partner/x', '/a//b', 'x'])
      expect(isRateablePath(path)).toBe(false);
    expect(isRateablePath(`/${'a'.repeat(300)}`)).toBe(false);
    expect(isRateablePath('/search?q=N17 9LA')).toBe(false);
  });
});

describe.each(STORE_KINDS)('feedback on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let now = new Date('2026-12-03T10:00:00Z');
  let deps: FeedbackDeps;
  let partnerA: string;
  let partnerB: string;
  let editor: string;
  let addressCounter = 0;

  const submission = (purpose: StampPurpose, fields: Record<string, string>, secondsAgo = 30) => ({
    clientAddress: `192.0.2.${++addressCounter}`,
    fields: { [STAMP_FIELD]: makeStamp(KEY, purpose, new Date(now.getTime() - secondsAgo * 1000)), ...fields },
  });

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config, { clock: () => now });
    deps = { people: store, stampKey: KEY, siteUrl: 'https://signpost.test' };
    partnerA = await addUser(store, 'partner', ORG_A);
    partnerB = await addUser(store, 'partner', ORG_B);
    editor = await addUser(store, 'editor');
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('stores a report, tells the organisation’s members with a link only, and audits it', async () => {
    const report = await reportProblem(
      deps,
      SERVICE_A,
      submission('report', {
        reason: 'wrong-details',
        message: 'The phone number rings a fish shop',
        email: 'reporter@example.org',
        contactAgreed: 'yes',
      }),
    );
    expect(report).toMatchObject({ kind: 'problem', status: 'open', organisationId: ORG_A, hasContact: true });
    const messages = (await store.outbox.list()).filter((m) => m.template === 'listing-reported');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.recipient).toBe(`${partnerA}@example.org`);
    expect(messages[0]!.payload).toEqual({
      listing: 'Walking group',
      reason: 'Some details are wrong, like the phone number, address or times',
      link: 'https://signpost.test/partner/reports',
    });
    expect(JSON.stringify(messages[0])).not.toContain('reporter@example.org');
    expect(JSON.stringify(messages[0])).not.toContain('fish shop');
    const audit = await store.audit.list({ subjectId: report.id });
    expect(audit.map((entry) => entry.action)).toEqual(['feedback.report']);
    expect(JSON.stringify(audit)).not.toContain('reporter@example.org');
  });

  it('shows partners only their own organisations’ reports, never who sent them', async () => {
    await reportProblem(deps, SERVICE_B, submission('report', { reason: 'closed' }));
    const forA = await partnerReports(deps, { userId: partnerA, role: 'partner', organisationIds: [ORG_A] });
    const forB = await partnerReports(deps, { userId: partnerB, role: 'partner', organisationIds: [ORG_B] });
    expect(forA.every((r) => r.organisationId === ORG_A)).toBe(true);
    expect(forB.every((r) => r.organisationId === ORG_B)).toBe(true);
    expect(forA.length).toBeGreaterThan(0);
    expect(forB.length).toBeGreaterThan(0);
    expect(forA.every((r) => !r.hasContact)).toBe(true);
    expect(await partnerReports(deps, { userId: partnerA, role: 'partner', organisationIds: [] })).toEqual([]);
    await expect(
      openReport(deps, { userId: partnerA, role: 'partner', organisationIds: [ORG_A] }, forA[0]!.id),
    ).rejects.toThrow(FeedbackError);
  });

  it('gives editors the email only when agreed, auditing each read, and resolves once', async () => {
    const staff = { userId: editor, role: 'editor' as const, organisationIds: [] };
    const queue = await editorQueue(deps, staff);
    const withContact = queue.problems.find((r) => r.hasContact)!;
    const without = queue.problems.find((r) => !r.hasContact)!;
    expect((await openReport(deps, staff, withContact.id)).contactEmail).toBe('reporter@example.org');
    expect((await openReport(deps, staff, without.id)).contactEmail).toBeNull();
    expect((await store.audit.list({ action: 'feedback.read-contact' })).map((e) => e.subjectId)).toEqual([
      withContact.id,
    ]);

    await resolveReport(deps, staff, withContact.id, { note: 'Phoned them; number fixed.' });
    await expect(resolveReport(deps, staff, withContact.id, {})).rejects.toThrow('already been resolved');
    expect((await store.feedback.get(withContact.id))!).toMatchObject({
      status: 'resolved',
      resolvedBy: editor,
      resolutionNote: 'Phoned them; number fixed.',
    });
    expect((await store.audit.list({ action: 'feedback.resolve' }))[0]).toMatchObject({
      actorUserId: editor,
      subjectId: withContact.id,
    });
    await expect(resolveReport(deps, staff, randomUUID(), {})).rejects.toThrow('no such report');
  });

  it('refuses the honeypot, a form sent too fast, a forged stamp and too many reports', async () => {
    const bot = async (fields: Record<string, string>, secondsAgo?: number) =>
      reportProblem(deps, SERVICE_A, submission('report', { reason: 'closed', ...fields }, secondsAgo)).catch(
        (error: unknown) => error as FeedbackError,
      );
    expect(await bot({ [HONEYPOT_FIELD]: 'http://spam.example' })).toMatchObject({ reason: 'bot' });
    expect(((await bot({}, 1)) as FeedbackError).message).toContain('faster than a person');
    expect(((await bot({ [STAMP_FIELD]: 'v1.1.forged' })) as FeedbackError).message).toContain('could not be checked');
    expect(() =>
      checkNotBot(deps, 'rate', { clientAddress: 'x', fields: { [STAMP_FIELD]: makeStamp(KEY, 'report', now) } }),
    ).toThrow(FeedbackError);

    const from = '192.0.2.250';
    const send = () =>
      reportProblem(deps, SERVICE_A, { ...submission('report', { reason: 'closed' }), clientAddress: from });
    for (let i = 0; i < REPORT_LIMIT.max; i++) await send();
    const refused = (await send().catch((error: unknown) => error)) as FeedbackError;
    expect(refused.reason).toBe('rate-limited');
    expect(refused.message).toMatch(/Try again in \d+ minutes/);
    const keys = await store.db.selectFrom('rate_limit').select('key').execute();
    expect(keys.some((k) => k.key.includes(from))).toBe(false);
  });

  it('records suggestions and page answers, and a “no” may say what was wrong once', async () => {
    const suggestion = await suggestListing(
      deps,
      submission('suggest', { listingName: 'Tuesday chess club', message: 'Chess for all ages at the library' }),
    );
    expect(suggestion).toMatchObject({ kind: 'suggestion', organisationId: null, hasContact: false });
    await ratePage(deps, submission('rate', { page: '/services/walking-group', useful: 'yes' }));
    const no = await ratePage(deps, submission('rate', { page: '/services/walking-group', useful: 'no' }));
    await expect(ratePage(deps, submission('rate', { page: '/r/secret-token', useful: 'no' }))).rejects.toThrow(
      FeedbackError,
    );
    await commentOnRating(deps, submission('comment', { rating: no.id, comment: 'The times are wrong' }));
    await commentOnRating(deps, submission('comment', { rating: no.id, comment: 'Overwritten?' }));
    const queue = await editorQueue(deps, { userId: editor, role: 'editor', organisationIds: [] });
    expect(queue.suggestions.map((s) => s.listingName)).toEqual(['Tuesday chess club']);
    expect(queue.ratings).toEqual([{ path: '/services/walking-group', yes: 1, no: 1 }]);
    expect(queue.comments.map((c) => c.comment)).toEqual(['The times are wrong']);
  });

  it('clears emails 90 days after resolving or 12 months after reporting, and old comments', async () => {
    const staff = { userId: editor, role: 'editor' as const, organisationIds: [] };
    const open = await reportProblem(
      deps,
      SERVICE_A,
      submission('report', { reason: 'closed', email: 'open@example.org', contactAgreed: 'yes' }),
    );
    const resolved = await reportProblem(
      deps,
      SERVICE_A,
      submission('report', { reason: 'closed', email: 'resolved@example.org', contactAgreed: 'yes' }),
    );
    await resolveReport(deps, staff, resolved.id, {});
    const start = now;
    now = new Date(start.getTime() + 89 * 86_400_000);
    expect((await store.feedback.get(resolved.id))!.hasContact).toBe(true);
    await runFeedbackRetention(store);
    expect((await store.feedback.get(resolved.id))!.hasContact).toBe(true);
    now = new Date(start.getTime() + 91 * 86_400_000);
    expect((await runFeedbackRetention(store)).emails).toBeGreaterThanOrEqual(1);
    expect((await store.feedback.get(resolved.id))!.hasContact).toBe(false);
    expect((await store.feedback.get(open.id))!.hasContact).toBe(true);
    now = new Date(start.getTime() + 366 * 86_400_000);
    const cleared = await runFeedbackRetention(store);
    expect(cleared.comments).toBe(1);
    expect((await store.feedback.get(open.id))!).toMatchObject({ hasContact: false, status: 'open' });
    expect(await store.feedback.contactOf(open.id)).toBeNull();
    expect((await store.feedback.recentComments()).length).toBe(0);
    expect((await store.audit.list({ action: 'feedback.retention' })).length).toBe(2);
    now = start;
  });
});
