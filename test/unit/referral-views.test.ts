import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import type { ItemStatus } from '../../src/people/schema.ts';
import type { ReferralService } from '../../src/queries/types.ts';
import {
  createReferral,
  providerAnswer,
  referralForConnector,
  relabelReferral,
  revokeReferral,
  undoableEvent,
  undoProviderAnswer,
  type ServiceDirectory,
} from '../../src/referrals/index.ts';
import { formatUkPhone } from '../../src/referrals/phone.ts';
import { statusSummary } from '../../src/referrals/status.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

type Person = Parameters<typeof referralForConnector>[1];
const ORG = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const SERVICE = 'a1a1a1a1-0000-4000-8000-000000000001';
const directory: ServiceDirectory = {
  async services(ids) {
    return ids.includes(SERVICE)
      ? [
          {
            _id: SERVICE,
            name: 'Walking group',
            slug: 'walking-group',
            status: 'active',
            organisation: { _id: ORG, name: 'Organisation 1', slug: 'org' },
          } as unknown as ReferralService,
        ]
      : [];
  },
};

const items = (...statuses: ItemStatus[]) => statuses.map((status) => ({ status }));

describe('statusSummary', () => {
  it('counts each activity once, furthest along first', () => {
    expect(statusSummary(items('accepted', 'opened', 'not-for-me'))).toBe('1 of 3 accepted, 1 waiting, 1 not for them');
  });

  it('groups not opened, opened and interested as waiting', () => {
    expect(statusSummary(items('created', 'opened', 'interested'))).toBe('3 of 3 waiting');
    expect(statusSummary(items('created', 'declined'))).toBe('1 of 2 waiting, 1 declined');
  });

  it('lists outcomes in order', () => {
    expect(statusSummary(items('did-not-engage', 'completed', 'attended', 'attended'))).toBe(
      '1 of 4 completed, 2 attended, 1 did not engage',
    );
  });

  it('reads a single activity as its status', () => {
    expect(statusSummary(items('accepted'))).toBe('Accepted');
    expect(statusSummary(items('created'))).toBe('Not opened yet');
    expect(statusSummary([])).toBe('No activities');
  });
});

describe('formatUkPhone', () => {
  it('groups London, mobile and freephone numbers as people read them', () => {
    expect(formatUkPhone('02079460991')).toBe('020 7946 0991');
    expect(formatUkPhone('+44 7700 900123')).toBe('07700 900123');
    expect(formatUkPhone('0800-123-4567')).toBe('0800 123 4567');
    expect(formatUkPhone('03001234567')).toBe('0300 123 4567');
  });

  it('groups other geographic numbers by their area code', () => {
    expect(formatUkPhone('01614960000')).toBe('0161 496 0000');
    expect(formatUkPhone('01134960000')).toBe('0113 496 0000');
    expect(formatUkPhone('01632960001')).toBe('01632 960001');
  });

  it('leaves anything that is not a UK number as given', () => {
    expect(formatUkPhone(' 12345 ')).toBe('12345');
    expect(formatUkPhone('+33 1 23 45 67 89')).toBe('+33 1 23 45 67 89');
  });
});

// ---------------------------------------------------------------------------------------------
// On both stores: private labels, team referrals, undoing an answer

describe.each(STORE_KINDS)('referral views on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let now = new Date('2026-03-02T10:00:00Z');
  const TEAM = randomUUID();
  const people: Record<string, Person> = {};

  async function addUser(role: 'connector' | 'partner', options: { organisationIds?: string[]; teamId?: string } = {}) {
    const id = randomUUID();
    const at = new Date().toISOString();
    await store.db
      .insertInto('user')
      .values({
        id,
        name: `Staff ${id.slice(0, 4)}`,
        email: `${id}@example.org`,
        emailVerified: store.kind === 'postgres' ? true : 1,
        image: null,
        createdAt: at,
        updatedAt: at,
        twoFactorEnabled: null,
        role,
        team_id: options.teamId ?? null,
      })
      .execute();
    for (const organisationId of options.organisationIds ?? []) await store.memberships.add(id, organisationId);
    return { userId: id, organisationIds: options.organisationIds ?? [], email: `${id}@example.org` } as Person;
  }

  async function referralFor(connector: Person, privateLabel: string | null = 'AB 123') {
    await store.baskets.add(connector.userId, SERVICE);
    return createReferral(store, directory, {
      connector,
      request: {
        serviceIds: [SERVICE],
        note: null,
        privateLabel,
        shareContact: false,
        feedbackConsent: false,
        expiryDays: 30,
      },
      siteUrl: 'https://signpost.test',
    });
  }

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config, { clock: () => now });
    await store.db
      .insertInto('team')
      .values({
        id: TEAM,
        name: 'North Tottenham PCN',
        kind: 'pcn',
        area_slug: 'haringey',
        contact_email: 'team@example.org',
        contact_phone: '02079460991',
        created_at: now.toISOString(),
        archived_at: null,
      })
      .execute();
    people.connector = await addUser('connector', { teamId: TEAM });
    people.teammate = await addUser('connector', { teamId: TEAM });
    people.outsider = await addUser('connector');
    people.partner = await addUser('partner', { organisationIds: [ORG] });
    people.colleague = await addUser('partner', { organisationIds: [ORG] });
  });

  beforeEach(() => {
    now = new Date('2026-03-02T10:00:00Z');
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('seals the private label, shows it to the connector and clears it on anonymising', async () => {
    const { referral } = await referralFor(people.connector!);
    expect(referral.privateLabel).toBe('AB 123');
    expect(referral.teamId).toBe(TEAM);
    const row = await store.db
      .selectFrom('referral')
      .select('private_label')
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(row.private_label).toMatch(/^enc:v1:/);
    expect(row.private_label).not.toContain('AB 123');

    await relabelReferral(store, people.teammate!, referral.id, 'CD');
    expect((await store.referrals.get(referral.id))!.privateLabel).toBe('CD');
    await expect(relabelReferral(store, people.connector!, referral.id, 'x'.repeat(41))).rejects.toMatchObject({
      code: 'invalid',
    });
    await relabelReferral(store, people.connector!, referral.id, '   ');
    expect((await store.referrals.get(referral.id))!.privateLabel).toBeNull();

    await relabelReferral(store, people.connector!, referral.id, 'EF');
    await revokeReferral(store, people.connector!, referral.id);
    now = new Date('2027-06-01T10:00:00Z');
    expect(await store.referrals.anonymise(referral.id)).toBe(true);
    const after = await store.db
      .selectFrom('referral')
      .select('private_label')
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(after.private_label).toBeNull();
  });

  it('lets the connector’s team open and list the referral, and nobody else', async () => {
    const { referral } = await referralFor(people.connector!);
    expect((await referralForConnector(store, people.teammate!, referral.id))?.id).toBe(referral.id);
    expect(await referralForConnector(store, people.outsider!, referral.id)).toBeUndefined();
    await expect(relabelReferral(store, people.outsider!, referral.id, 'XY')).rejects.toMatchObject({
      code: 'not-found',
    });
    const listed = await store.referrals.listForTeam(TEAM);
    expect(listed.map((r) => r.id)).toContain(referral.id);
    expect(await store.referrals.listForConnector(people.teammate!.userId)).toEqual([]);
    expect(await store.referrals.teamOf(people.outsider!.userId)).toBeUndefined();
    expect((await store.referrals.teamOf(people.teammate!.userId))?.name).toBe('North Tottenham PCN');
  });

  it('undoes a one-click answer within the window, and refuses once it has passed', async () => {
    const { referral } = await referralFor(people.connector!);
    const itemId = referral.items[0]!.id;
    await providerAnswer(store, people.partner!, { itemId, action: 'accept' });
    const accepted = await store.referrals.get(referral.id);
    expect(accepted!.items[0]!.status).toBe('accepted');
    const answer = (await store.referrals.events(referral.id)).find((e) => e.kind === 'accepted')!;
    expect(answer.previousStatus).toBe('created');

    // Another member of the organisation cannot undo it.
    await expect(undoProviderAnswer(store, people.colleague!, { itemId, eventId: answer.id })).rejects.toMatchObject({
      code: 'not-allowed',
    });

    now = new Date(now.getTime() + 4 * 60_000);
    await undoProviderAnswer(store, people.partner!, { itemId, eventId: answer.id });
    const restored = await store.referrals.get(referral.id);
    expect(restored!.items[0]!.status).toBe('created');
    expect(restored!.items[0]!.respondedAt).toBeNull();
    expect(restored!.status).toBe('created');
    const undone = (await store.referrals.events(referral.id)).find((e) => e.id === answer.id)!;
    expect(undone.undoneAt).not.toBeNull();
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'referral_id'])
      .where('action', '=', 'referral.undo')
      .execute();
    expect(audit).toEqual([{ action: 'referral.undo', referral_id: referral.id }]);
    await expect(undoProviderAnswer(store, people.partner!, { itemId, eventId: answer.id })).rejects.toMatchObject({
      code: 'not-allowed',
    });

    await providerAnswer(store, people.partner!, { itemId, action: 'accept' });
    const again = (await store.referrals.events(referral.id)).filter((e) => e.kind === 'accepted').at(-1)!;
    now = new Date(now.getTime() + 6 * 60_000);
    await expect(undoProviderAnswer(store, people.partner!, { itemId, eventId: again.id })).rejects.toThrow(
      /only within 5 minutes/,
    );
    expect((await store.referrals.get(referral.id))!.items[0]!.status).toBe('accepted');
  });

  it('does not offer undo for a decline', async () => {
    const { referral } = await referralFor(people.connector!);
    const itemId = referral.items[0]!.id;
    await providerAnswer(store, people.partner!, { itemId, action: 'decline', reason: 'no-capacity' });
    const events = await store.referrals.events(referral.id);
    const item = (await store.referrals.get(referral.id))!.items[0]!;
    expect(undoableEvent(events, item, people.partner!.userId, now)).toBeUndefined();
  });
});
