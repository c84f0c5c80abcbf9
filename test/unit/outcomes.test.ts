import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import type { ReferralService } from '../../src/queries/types.ts';
import {
  anonymiseClosedReferrals,
  change,
  createReferral,
  expireReferrals,
  FOLLOW_UP_WEEKS,
  ONS4_MEASURES,
  ons4Score,
  parseWellbeingForm,
  remindFollowUps,
  type ReferralRequest,
  type ServiceDirectory,
} from '../../src/referrals/index.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG = '0b6f3c1e-1111-4aaa-8aaa-00000000000a';
const SERVICE = 'a1a1a1a1-0000-4000-8000-00000000000a';
const directory: ServiceDirectory = {
  async services(ids) {
    return ids.includes(SERVICE)
      ? [
          {
            _id: SERVICE,
            name: 'Walking group',
            status: 'active',
            organisation: { _id: ORG, name: 'Organisation A', slug: 'org-a' },
          } as unknown as ReferralService,
        ]
      : [];
  },
};

const request = (overrides: Partial<ReferralRequest> = {}): ReferralRequest =>
  ({
    serviceIds: [SERVICE],
    note: null,
    shareContact: false,
    feedbackConsent: false,
    contact: undefined,
    expiryDays: 7,
    ...overrides,
  }) as ReferralRequest;

const form = (fields: Record<string, string>) => new Map(Object.entries(fields));
const all = (value: string, consent = true) =>
  form({
    ...Object.fromEntries(ONS4_MEASURES.map((m) => [`wellbeing_${m.key}`, value])),
    ...(consent ? { wellbeing_consent: 'yes' } : {}),
  });

describe('ONS4 measures', () => {
  it('has the four questions, anxiety better when lower', () => {
    expect(ONS4_MEASURES.map((m) => [m.key, m.better])).toEqual([
      ['life_satisfaction', 'higher'],
      ['worthwhile', 'higher'],
      ['happiness', 'higher'],
      ['anxiety', 'lower'],
    ]);
    expect(FOLLOW_UP_WEEKS).toBe(8);
  });

  it('accepts whole numbers from 0 to 10 only', () => {
    expect(ons4Score('0')).toBe(0);
    expect(ons4Score(' 10 ')).toBe(10);
    for (const bad of ['11', '-1', '3.5', 'five', '', '1e1', undefined]) expect(ons4Score(bad)).toBeUndefined();
  });

  it('leaves the optional questions alone, and refuses answers without consent or out of range', () => {
    expect(parseWellbeingForm(form({}))).toEqual({ kind: 'none' });
    expect(parseWellbeingForm(all('7'))).toEqual({
      kind: 'answers',
      scores: { life_satisfaction: 7, worthwhile: 7, happiness: 7, anxiety: 7 },
    });
    const unconsented = parseWellbeingForm(all('7', false));
    expect(unconsented.kind).toBe('invalid');
    if (unconsented.kind === 'invalid') {
      expect(unconsented.errors.map((e) => e.field)).toEqual(['wellbeing_consent']);
      expect(unconsented.errors[0]!.message).toMatch(/agreed/);
    }
    const partial = parseWellbeingForm(form({ wellbeing_consent: 'yes', wellbeing_happiness: '12' }));
    expect(partial.kind === 'invalid' && partial.errors.map((e) => e.field)).toEqual([
      'wellbeing_life_satisfaction',
      'wellbeing_worthwhile',
      'wellbeing_happiness',
      'wellbeing_anxiety',
    ]);
    expect(parseWellbeingForm(form({}), { required: true }).kind).toBe('invalid');
  });

  it('describes the change in words, a fall in anxiety as an improvement', () => {
    const changes = change(
      { life_satisfaction: 4, worthwhile: 6, happiness: 5, anxiety: 8 },
      { life_satisfaction: 6, worthwhile: 6, happiness: 3, anxiety: 5 },
    );
    expect(changes.map((c) => [c.measure.key, c.difference, c.direction])).toEqual([
      ['life_satisfaction', 2, 'improved'],
      ['worthwhile', 0, 'same'],
      ['happiness', -2, 'worse'],
      ['anxiety', -3, 'improved'],
    ]);
    expect(changes[3]!.description).toBe('Improved: anxiety fell by 3 (from 8 to 5)');
    expect(changes[1]!.description).toBe('No change: worthwhile stayed at 6');
  });
});

describe.each(STORE_KINDS)('wellbeing outcomes on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let now = new Date('2026-03-02T10:00:00Z');
  let connector: { userId: string; organisationIds: string[]; email: string };

  async function addConnector() {
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
        role: 'connector',
      })
      .execute();
    return { userId: id, organisationIds: [], email };
  }

  async function newReferral(who = connector) {
    await store.baskets.add(who.userId, SERVICE);
    const { referral } = await createReferral(store, directory, {
      connector: who,
      request: request(),
      siteUrl: 'https://signpost.test',
    });
    return referral;
  }

  const scores = { life_satisfaction: 5, worthwhile: 6, happiness: 4, anxiety: 7 };

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config, { clock: () => now });
    connector = await addConnector();
  });

  beforeEach(() => {
    now = new Date('2026-03-02T10:00:00Z');
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('records a baseline and a follow-up once each, with consent, and audits ids only', async () => {
    const referral = await newReferral();
    await store.outcomes.record({
      referralId: referral.id,
      stage: 'baseline',
      scores,
      recordedBy: 'connector',
      consentGivenAt: now,
      actorUserId: connector.userId,
    });
    await expect(
      store.outcomes.record({
        referralId: referral.id,
        stage: 'baseline',
        scores: { ...scores, anxiety: 2 },
        recordedBy: 'connector',
        consentGivenAt: now,
      }),
    ).rejects.toThrow(/already been recorded/);
    await expect(
      store.outcomes.record({
        referralId: referral.id,
        stage: 'follow-up',
        scores: { ...scores, anxiety: 11 },
        recordedBy: 'resident',
        consentGivenAt: now,
      }),
    ).rejects.toThrow(/0 to 10/);
    await expect(
      store.outcomes.record({
        referralId: referral.id,
        stage: 'follow-up',
        scores,
        recordedBy: 'resident',
        consentGivenAt: '',
      }),
    ).rejects.toThrow(/consent/);
    now = new Date('2026-04-27T10:00:00Z');
    await store.outcomes.record({
      referralId: referral.id,
      stage: 'follow-up',
      scores: { ...scores, anxiety: 4 },
      recordedBy: 'resident',
      consentGivenAt: now,
    });
    const list = await store.outcomes.listForReferral(referral.id);
    expect(list.map((m) => [m.stage, m.scores.anxiety, m.recordedBy])).toEqual([
      ['baseline', 7, 'connector'],
      ['follow-up', 4, 'resident'],
    ]);
    const audit = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'outcome.recorded')
      .where('referral_id', '=', referral.id)
      .execute();
    expect(audit).toHaveLength(2);
    for (const entry of audit) expect(Object.keys(JSON.parse(entry.detail!)).sort()).toEqual(['recordedBy', 'stage']);
  });

  it('sets the follow-up 8 weeks after the referral and reminds its connector once, by a link', async () => {
    const other = await addConnector();
    const referral = await newReferral();
    const theirs = await newReferral(other);
    const row = await store.db
      .selectFrom('referral')
      .select('follow_up_due_at')
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(row.follow_up_due_at).toBe(new Date(now.getTime() + FOLLOW_UP_WEEKS * 7 * 86_400_000).toISOString());

    now = new Date(new Date(row.follow_up_due_at!).getTime() - 60_000);
    expect(await store.outcomes.listFollowUpsDue(now, { connectorUserId: connector.userId })).toEqual([]);
    await remindFollowUps(store, { siteUrl: 'https://signpost.test' });
    // Recipients are sealed at rest, so they are compared as the store opens them.
    const emailsTo = async (email: string) =>
      (await store.outbox.list({ limit: 1000 }))
        .filter((m) => m.template === 'referral-follow-up-due' && m.recipient === email)
        .map((m) => ({ ...m, payload: JSON.stringify(m.payload) }));
    expect(await emailsTo(connector.email)).toHaveLength(0);

    now = new Date(new Date(row.follow_up_due_at!).getTime() + 60_000);
    const due = await store.outcomes.listFollowUpsDue(now, { connectorUserId: connector.userId });
    expect(due.map((d) => d.referralId)).toEqual([referral.id]);
    expect(await remindFollowUps(store, { siteUrl: 'https://signpost.test' })).toBeGreaterThanOrEqual(2);
    expect(await remindFollowUps(store, { siteUrl: 'https://signpost.test' })).toBe(0);
    const mine = await emailsTo(connector.email);
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0]!.payload)).toEqual({ link: `https://signpost.test/referrals/${referral.id}#wellbeing` });
    expect(await emailsTo(other.email)).toHaveLength(1);
    expect(
      (await store.outcomes.listFollowUpsDue(now, { connectorUserId: other.userId })).map((d) => d.referralId),
    ).toEqual([theirs.id]);

    await store.outcomes.record({
      referralId: referral.id,
      stage: 'follow-up',
      scores,
      recordedBy: 'connector',
      consentGivenAt: now,
    });
    expect(await store.outcomes.listFollowUpsDue(now, { connectorUserId: connector.userId })).toEqual([]);
  });

  it('keeps the scores of an anonymised referral with nothing to link them to a person', async () => {
    const referral = await newReferral();
    await store.outcomes.record({
      referralId: referral.id,
      stage: 'baseline',
      scores,
      recordedBy: 'connector',
      consentGivenAt: now,
    });
    now = new Date('2026-03-10T10:00:00Z');
    await expireReferrals(store);
    now = new Date('2026-09-11T10:00:00Z');
    await anonymiseClosedReferrals(store, 6);
    const anonymised = (await store.referrals.get(referral.id))!;
    expect(anonymised.anonymisedAt).not.toBeNull();
    expect(anonymised.hasContact).toBe(false);
    expect(anonymised.noteForResident).toBeNull();
    expect((await store.outcomes.listForReferral(referral.id)).map((m) => m.scores)).toEqual([scores]);
    expect(await store.outcomes.listFollowUpsDue(now, { connectorUserId: connector.userId })).toEqual([]);
    await expect(
      store.outcomes.record({
        referralId: referral.id,
        stage: 'follow-up',
        scores,
        recordedBy: 'resident',
        consentGivenAt: now,
      }),
    ).rejects.toThrow(/anonymised/);
  });
});
