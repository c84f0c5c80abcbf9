import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { auditFilterFor, describeAction, readAuditQuery } from '../../src/accounts/audit-log.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG_A = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const ORG_B = '0b6f3c1e-2222-4bbb-8bbb-000000000002';

describe.each(STORE_KINDS)('The audit log on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let times: string[];
  let clockIndex = 0;
  const alice = randomUUID();
  const bob = randomUUID();
  let referralId: string;

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    times = ['2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z', '2026-12-03T09:00:00.000Z'];
    store = await createPeopleStore(database.config, {
      clock: () => new Date(times[Math.min(clockIndex, times.length - 1)]!),
    });
    for (const id of [alice, bob]) {
      await store.db
        .insertInto('user')
        .values({
          id,
          name: id === alice ? 'Alice' : 'Bob',
          email: `${id}@example.org`,
          emailVerified: store.kind === 'postgres' ? true : 1,
          image: null,
          createdAt: times[0]!,
          updatedAt: times[0]!,
          twoFactorEnabled: null,
          role: 'connector',
        })
        .execute();
    }
    const referral = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId: alice,
      expiresAt: new Date('2027-01-01T00:00:00Z'),
      items: [{ serviceId: randomUUID(), organisationId: ORG_A }],
      contact: { name: 'Resident', route: 'phone', value: '07700 900001' },
      consents: { shareContact: true },
    });
    referralId = referral.id;
    clockIndex = 1;
    await store.referrals.readContactForItem({
      itemId: referral.items[0]!.id,
      organisationIds: [ORG_A],
      actorUserId: bob,
    });
    clockIndex = 2;
    await store.audit.append({ actorUserId: bob, action: 'user.sessions.end', subjectKind: 'user', subjectId: alice });
    await store.audit.append({ actorUserId: null, action: 'other', subjectKind: 'x', organisationId: ORG_B });
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  const actions = async (filter: Parameters<PeopleStore['audit']['list']>[0]) =>
    (await store.audit.list(filter)).map((e) => e.action);

  it('records the referral and organisation of a contact-detail read', async () => {
    const [read] = await store.audit.list({ action: 'referral.contact.read' });
    expect(read).toMatchObject({ actorUserId: bob, referralId, organisationId: ORG_A });
    expect(describeAction(read!)).toBe(`saw the contact details of referral ${referralId.slice(0, 8)}…`);
  });

  it('filters by person (as actor or subject), referral, organisation, action and dates, newest first', async () => {
    expect(await actions({})).toEqual(['other', 'user.sessions.end', 'referral.contact.read', 'referral.create']);
    expect(await actions({ actorUserId: alice })).toEqual(['referral.create']);
    expect(await actions({ personUserId: alice })).toEqual(['user.sessions.end', 'referral.create']);
    expect(await actions({ referralId })).toEqual(['referral.contact.read', 'referral.create']);
    expect(await actions({ organisationId: ORG_A })).toEqual(['referral.contact.read']);
    expect(await actions({ organisationId: ORG_B })).toEqual(['other']);
    expect(await actions({ from: '2026-12-02T00:00:00.000Z', before: '2026-12-03T00:00:00.000Z' })).toEqual([
      'referral.contact.read',
    ]);
    expect(await actions({ limit: 2, offset: 1 })).toEqual(['user.sessions.end', 'referral.contact.read']);
    expect(await store.audit.actions()).toContain('referral.contact.read');
  });

  it('reads the page form into a filter, explaining what it cannot use', async () => {
    const lookups = {
      findPerson: () => undefined,
      findReferral: async (text: string) => (text === 'known' ? referralId : undefined),
    };
    const choices = { actions: ['referral.create'], organisationIds: [ORG_A] };
    const good = await auditFilterFor(
      readAuditQuery(
        new URLSearchParams({ referral: 'known', from: '2026-12-02', to: '2026-12-02', action: 'referral.create' }),
      ),
      lookups,
      choices,
    );
    expect(good.problems).toEqual([]);
    expect(good.filter).toEqual({
      referralId,
      action: 'referral.create',
      from: '2026-12-02T00:00:00.000Z',
      before: '2026-12-03T00:00:00.000Z',
    });
    const bad = await auditFilterFor(
      readAuditQuery(
        new URLSearchParams({
          person: 'nobody',
          referral: 'x',
          organisation: 'y',
          action: 'z',
          from: '2026-13-40',
          to: '2026-12-01',
        }),
      ),
      lookups,
      choices,
    );
    expect(bad.problems.map((p) => p.field)).toEqual(['person', 'referral', 'organisation', 'action', 'from']);
    const backwards = await auditFilterFor(
      readAuditQuery(new URLSearchParams({ from: '2026-12-03', to: '2026-12-01' })),
      lookups,
      choices,
    );
    expect(backwards.problems.map((p) => p.field)).toEqual(['to']);
  });
});
