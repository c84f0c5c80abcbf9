import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ReferralService } from '../../src/queries/types.ts';
import { createReferral, revokeReferral, type ServiceDirectory } from '../../src/referrals/index.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG_A = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const SERVICE_A1 = 'a1a1a1a1-0000-4000-8000-000000000001';

const directory: ServiceDirectory = {
  async services(ids) {
    return [
      {
        _id: SERVICE_A1,
        name: 'Walking group',
        slug: 'walking-group',
        summary: 'Walks',
        status: 'active',
        organisation: { _id: ORG_A, name: 'Organisation A', slug: 'org' },
        schedules: [],
        closures: [],
        categories: [],
        areas: [],
        locations: [],
        coverage: ['venue'],
      } as unknown as ReferralService,
    ].filter((s) => ids.includes(s._id));
  },
};

async function addUser(store: PeopleStore, role: 'connector' | 'partner', organisationIds: string[] = []) {
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

describe.each(STORE_KINDS)('Revoking a referral on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config);
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('withdraws the contact details from its providers', async () => {
    const connector = await addUser(store, 'connector');
    const partner = await addUser(store, 'partner', [ORG_A]);
    await store.baskets.add(connector.userId, SERVICE_A1);
    const { referral } = await createReferral(store, directory, {
      connector,
      request: {
        serviceIds: [SERVICE_A1],
        note: '',
        shareContact: true,
        feedbackConsent: false,
        contact: { name: 'Sam Resident', route: 'phone', value: '02079460000', outwardPostcode: 'N17' },
        expiryDays: 30,
      },
      siteUrl: 'https://signpost.test',
    });
    const read = () =>
      store.referrals.readContactForItem({
        itemId: referral.items[0]!.id,
        organisationIds: partner.organisationIds,
        actorUserId: partner.userId,
      });
    expect(await read()).toMatchObject({ name: 'Sam Resident' });
    await revokeReferral(store, connector, referral.id);
    expect(await read()).toBeUndefined();
    expect(await store.audit.list({ action: 'referral.contact.read', subjectId: referral.items[0]!.id })).toHaveLength(
      1,
    );
  });
});
