import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { runAccountsCli } from '../../src/accounts/cli.ts';
import { createPeopleStore, openPeopleStore, peopleStoreOptions, type PeopleStore } from '../../src/people/store.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { createFieldCipher, EncryptionKeyError, parseDataKeys } from '../../src/security/encryption.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const SERVICE = 'a1a1a1a1-0000-4000-8000-000000000001';
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

// Distinctive values, so finding any of them in the raw database is no coincidence.
const NAME = 'Philippa Quenby-Marsh';
const PHONE = '07700 900417';
const POSTCODE = 'N16';
const EMAIL = 'reporter.quenby@example.org';
const SMS_TO = '07700 900982';
const PLAIN = [NAME, PHONE, EMAIL, SMS_TO];

describe('The field cipher', () => {
  const cipher = createFieldCipher(parseDataKeys(key('one')));

  it('seals to a different value each time and opens it back', () => {
    const a = cipher.seal(PHONE);
    const b = cipher.seal(PHONE);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PHONE);
    expect(cipher.open(a)).toBe(PHONE);
    expect(cipher.isCurrent(a)).toBe(true);
    expect(cipher.isCurrent(PHONE)).toBe(false);
  });

  it('refuses a changed value instead of returning garbage', () => {
    const sealed = cipher.seal(PHONE);
    const parts = sealed.split(':');
    const body = Buffer.from(parts.at(-1)!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[parts.length - 1] = body.toString('base64url');
    expect(() => cipher.open(parts.join(':'))).toThrow(EncryptionKeyError);
  });

  it('refuses a value sealed with a key it does not hold, or another key under the same id', () => {
    const sealed = createFieldCipher(parseDataKeys(key('two'))).seal(PHONE);
    expect(() => cipher.open(sealed)).toThrow(/key "two"/);
    const sameId = createFieldCipher(parseDataKeys(key('one'))).seal(PHONE);
    expect(() => cipher.open(sameId)).toThrow(EncryptionKeyError);
  });

  it('explains badly written keys', () => {
    expect(() => parseDataKeys('nokey')).toThrow(EncryptionKeyError);
    expect(() => parseDataKeys('a:c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe.each(STORE_KINDS)("Residents' contact details at rest on %s", (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let itemId: string;
  let reportId: string;
  let connector: string;
  const first = key('first');

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind, { PEOPLE_DATA_KEYS: first });
    store = await createPeopleStore(database.config);
    connector = randomUUID();
    const at = new Date().toISOString();
    await store.db
      .insertInto('user')
      .values({
        id: connector,
        name: 'Connector',
        email: `${connector}@example.org`,
        emailVerified: store.kind === 'postgres' ? true : 1,
        image: null,
        createdAt: at,
        updatedAt: at,
        twoFactorEnabled: null,
        role: 'connector',
      })
      .execute();
    const referral = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId: connector,
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      items: [{ serviceId: SERVICE, organisationId: ORG }],
      contact: { name: NAME, route: 'phone', value: PHONE, outwardPostcode: POSTCODE },
      consents: { shareContact: true },
    });
    itemId = referral.items[0]!.id;
    const report = await store.feedback.submit({ kind: 'problem', reason: 'other', contactEmail: EMAIL });
    reportId = report.id;
    await store.outbox.enqueue({ channel: 'sms', template: 'referral-link', recipient: SMS_TO, payload: {} });
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  async function rawDatabase(): Promise<string> {
    if (kind === 'sqlite') {
      const file = join(database.config.dataDir, 'people.sqlite');
      const parts = await Promise.all(
        ['', '-wal'].map((suffix) => readFile(file + suffix).catch(() => Buffer.alloc(0))),
      );
      return Buffer.concat(parts).toString('latin1');
    }
    const tables = ['referral_contact', 'feedback_contact', 'outbox', 'audit_log', 'referral'];
    const rows = await Promise.all(
      tables.map((t) => sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(store.db)),
    );
    return JSON.stringify(rows.map((r) => r.rows));
  }

  it('holds none of the plain values in the database, and gives them back through the store', async () => {
    const raw = await rawDatabase();
    expect(raw.length).toBeGreaterThan(0);
    for (const value of PLAIN) expect(raw).not.toContain(value);
    expect(raw).toContain('enc:v1:first:');

    const contact = await store.referrals.readContactForItem({
      itemId,
      organisationIds: [ORG],
      actorUserId: connector,
    });
    expect(contact).toMatchObject({ name: NAME, value: PHONE, outwardPostcode: POSTCODE });
    expect(await store.feedback.contactOf(reportId)).toBe(EMAIL);
    expect((await store.outbox.list()).map((m) => m.recipient)).toContain(SMS_TO);
  });

  it('cannot be read with a different key: a clear error, not garbage', async () => {
    const config = { ...database.config, peopleDataKeys: key('other') };
    const other = openPeopleStore(peopleStoreOptions(config));
    try {
      await expect(
        other.referrals.readContactForItem({ itemId, organisationIds: [ORG], actorUserId: connector }),
      ).rejects.toThrow(EncryptionKeyError);
      await expect(other.feedback.contactOf(reportId)).rejects.toThrow(/key "first"/);
    } finally {
      await other.close();
    }
    // Starting the store with only the wrong key fails at once, saying why.
    await expect(createPeopleStore(config)).rejects.toThrow(EncryptionKeyError);
  });

  it('seals plain rows written before encryption when the store starts', async () => {
    await store.db.updateTable('outbox').set({ recipient: SMS_TO }).execute();
    expect(await rawDatabase()).toContain(SMS_TO);
    const again = await createPeopleStore(database.config);
    await again.close();
    const rows = await store.db.selectFrom('outbox').select('recipient').execute();
    expect(rows.every((r) => r.recipient.startsWith('enc:v1:first:'))).toBe(true);
    expect((await store.outbox.list()).map((m) => m.recipient)).toContain(SMS_TO);
  });

  it('rotates: re-seals every value with the new first key, after which the old key can be dropped', async () => {
    const next = key('second');
    const out: string[] = [];
    const env = { ...database.env, PEOPLE_DATA_KEYS: `${next},${first}` };
    const code = await runAccountsCli(['rotate-keys'], env, { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(out.join('\n')).toMatch(/Re-sealed [1-9]\d* values/);
    expect(code).toBe(0);
    // The rows as stored (an SQLite file may keep superseded pages until it is checkpointed).
    const rows = await Promise.all([
      store.db.selectFrom('referral_contact').select(['name', 'contact_value', 'outward_postcode']).execute(),
      store.db.selectFrom('feedback_contact').select('email').execute(),
      store.db.selectFrom('outbox').select('recipient').execute(),
    ]);
    const values = rows.flat().flatMap((row) => Object.values(row));
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(/^enc:v1:second:/);

    const onlyNew = openPeopleStore(peopleStoreOptions({ ...database.config, peopleDataKeys: next }));
    try {
      const contact = await onlyNew.referrals.readContactForItem({
        itemId,
        organisationIds: [ORG],
        actorUserId: connector,
      });
      expect(contact).toMatchObject({ name: NAME, value: PHONE, outwardPostcode: POSTCODE });
      expect(await onlyNew.feedback.contactOf(reportId)).toBe(EMAIL);
      expect(await onlyNew.reseal()).toBe(0);
    } finally {
      await onlyNew.close();
    }
  });
});
