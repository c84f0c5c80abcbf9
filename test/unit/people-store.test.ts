import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { getMigrations } from 'better-auth/db/migration';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../src/accounts/auth.ts';
import { createPeopleStore, StoreError, type PeopleStore } from '../../src/people/store.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG_A = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const ORG_B = '0b6f3c1e-2222-4bbb-8bbb-000000000002';
const SERVICE_A1 = 'a1a1a1a1-0000-4000-8000-000000000001';
const SERVICE_A2 = 'a2a2a2a2-0000-4000-8000-000000000002';
const SERVICE_B1 = 'b1b1b1b1-0000-4000-8000-000000000001';

async function addUser(store: PeopleStore, role: 'connector' | 'partner' = 'connector'): Promise<string> {
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
  return id;
}

function inThirtyDays(): Date {
  return new Date(Date.now() + 30 * 86_400_000);
}

describe.each(STORE_KINDS)('The people store on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let connector: string;
  let otherConnector: string;

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config);
    connector = await addUser(store);
    otherConnector = await addUser(store);
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('is the kind the configuration asks for', () => {
    expect(store.kind).toBe(kind);
  });

  it('runs its migrations twice without applying anything the second time', async () => {
    expect(await store.migrate()).toEqual([]);
    const again = await createPeopleStore(database.config);
    try {
      expect(await again.migrate()).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('holds every table and column better-auth needs, so better-auth would create or add nothing', async () => {
    const auth = createAuth(store, database.config, { log: () => {} });
    // The auth wraps its adapter (hashed session tokens); the migration planner needs the database itself.
    const plan = await getMigrations({
      ...auth.options,
      database: { db: store.db, type: store.kind === 'postgres' ? 'postgres' : 'sqlite' },
    });
    expect(plan.toBeCreated.map((t) => t.table)).toEqual([]);
    expect(plan.toBeAdded.map((t) => t.table)).toEqual([]);
    expect(plan.toBeAddedIndexes.map((i) => i.name)).toEqual([]);
    expect(plan.schemaProblems).toEqual([]);
  });

  it('creates a referral with its activities, consents, contact, first event and audit entry', async () => {
    const token = newToken();
    const referral = await store.referrals.create({
      tokenHash: hashToken(token),
      connectorUserId: connector,
      noteForResident: '  Ask for Sam at the front desk.  ',
      expiresAt: inThirtyDays(),
      items: [
        { serviceId: SERVICE_A1, organisationId: ORG_A },
        { serviceId: SERVICE_B1, organisationId: ORG_B },
      ],
      contact: { name: 'Resident Name', route: 'phone', value: '07700 900123', outwardPostcode: 'N17' },
      consents: { shareContact: true, feedback: true },
    });
    expect(referral.status).toBe('created');
    expect(referral.noteForResident).toBe('Ask for Sam at the front desk.');
    expect(referral.items.map((i) => [i.serviceId, i.organisationId, i.status, i.position])).toEqual([
      [SERVICE_A1, ORG_A, 'created', 0],
      [SERVICE_B1, ORG_B, 'created', 1],
    ]);
    expect(referral.consents).toEqual(['feedback', 'share-contact']);
    expect(referral.hasContact).toBe(true);
    expect((await store.referrals.events(referral.id)).map((e) => [e.kind, e.actorKind, e.actorUserId])).toEqual([
      ['created', 'connector', connector],
    ]);
    const [audit] = await store.audit.list({ subjectKind: 'referral', subjectId: referral.id });
    expect(audit).toMatchObject({
      action: 'referral.create',
      actorUserId: connector,
      detail: { items: 2, contact: true },
    });
    expect(JSON.stringify(audit)).not.toContain('07700');

    const found = await store.referrals.findByTokenHash(hashToken(token));
    expect(found?.id).toBe(referral.id);
    expect(await store.referrals.findByTokenHash(hashToken(newToken()))).toBeUndefined();
  });

  it('keeps no contact details without the resident’s consent to share them', async () => {
    await expect(
      store.referrals.create({
        tokenHash: hashToken(newToken()),
        connectorUserId: connector,
        expiresAt: inThirtyDays(),
        items: [{ serviceId: SERVICE_A1, organisationId: ORG_A }],
        contact: { name: 'Resident', route: 'email', value: 'r@example.org' },
        consents: { feedback: true },
      }),
    ).rejects.toThrow(StoreError);
  });

  it('refuses a referral with no activity or the same activity twice', async () => {
    const base = { connectorUserId: connector, expiresAt: inThirtyDays() };
    await expect(store.referrals.create({ ...base, tokenHash: hashToken(newToken()), items: [] })).rejects.toThrow(
      StoreError,
    );
    await expect(
      store.referrals.create({
        ...base,
        tokenHash: hashToken(newToken()),
        items: [
          { serviceId: SERVICE_A1, organisationId: ORG_A },
          { serviceId: SERVICE_A1, organisationId: ORG_A },
        ],
      }),
    ).rejects.toThrow(StoreError);
  });

  it('writes nothing at all when any part of a referral fails', async () => {
    const tokenHash = hashToken(newToken());
    await store.referrals.create({
      tokenHash,
      connectorUserId: connector,
      expiresAt: inThirtyDays(),
      items: [{ serviceId: SERVICE_A1, organisationId: ORG_A }],
    });
    const before = await store.db
      .selectFrom('referral_item')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    // Same token hash: the referral row is refused after nothing else was written.
    await expect(
      store.referrals.create({
        tokenHash,
        connectorUserId: connector,
        expiresAt: inThirtyDays(),
        items: [{ serviceId: SERVICE_A2, organisationId: ORG_A }],
      }),
    ).rejects.toThrow();
    // An unknown connector: the referral row is refused by the foreign key; no items, events or audit.
    const auditBefore = (await store.audit.list({ limit: 1000 })).length;
    await expect(
      store.referrals.create({
        tokenHash: hashToken(newToken()),
        connectorUserId: 'nobody',
        expiresAt: inThirtyDays(),
        items: [{ serviceId: SERVICE_A2, organisationId: ORG_A }],
      }),
    ).rejects.toThrow();
    const after = await store.db
      .selectFrom('referral_item')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await store.audit.list({ limit: 1000 })).length).toBe(auditBefore);
  });

  it('lists a connector’s own referrals only, newest first', async () => {
    const mine = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId: otherConnector,
      expiresAt: inThirtyDays(),
      items: [{ serviceId: SERVICE_B1, organisationId: ORG_B }],
    });
    const listed = await store.referrals.listForConnector(otherConnector);
    expect(listed.map((r) => r.id)).toEqual([mine.id]);
    expect((await store.referrals.listForConnector(connector)).every((r) => r.connectorUserId === connector)).toBe(
      true,
    );
  });

  it('shows a provider only the activities referred to its own organisations, without contact details', async () => {
    const referral = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId: connector,
      expiresAt: inThirtyDays(),
      items: [
        { serviceId: SERVICE_A2, organisationId: ORG_A },
        { serviceId: SERVICE_B1, organisationId: ORG_B },
      ],
      contact: { name: 'Private Person', route: 'text', value: '07700 900456', outwardPostcode: 'E8' },
      consents: { shareContact: true },
    });
    const forB = await store.referrals.listItemsForOrganisations([ORG_B]);
    expect(forB.length).toBeGreaterThan(0);
    expect(forB.every((item) => item.organisationId === ORG_B)).toBe(true);
    expect(JSON.stringify(forB)).not.toContain('Private Person');
    expect(await store.referrals.listItemsForOrganisations([])).toEqual([]);
    const itemB = forB.find((i) => i.referralId === referral.id)!;
    expect(itemB.hasContact).toBe(true);

    const partner = await addUser(store, 'partner');
    // Organisation A's partner cannot read the contact through B's item.
    expect(
      await store.referrals.readContactForItem({ itemId: itemB.id, organisationIds: [ORG_A], actorUserId: partner }),
    ).toBeUndefined();
    const contact = await store.referrals.readContactForItem({
      itemId: itemB.id,
      organisationIds: [ORG_B],
      actorUserId: partner,
    });
    expect(contact).toMatchObject({
      name: 'Private Person',
      route: 'text',
      value: '07700 900456',
      outwardPostcode: 'E8',
    });
    const reads = await store.audit.list({ action: 'referral.contact.read', subjectId: itemB.id });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorUserId: partner, detail: { referralId: referral.id } });
  });

  it('records events with the status changes they bring, and refuses an activity of another referral', async () => {
    const one = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId: connector,
      expiresAt: inThirtyDays(),
      items: [{ serviceId: SERVICE_A1, organisationId: ORG_A }],
    });
    const two = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId: connector,
      expiresAt: inThirtyDays(),
      items: [{ serviceId: SERVICE_B1, organisationId: ORG_B }],
    });
    const item = one.items[0]!;
    await store.referrals.recordEvent({
      referralId: one.id,
      itemId: item.id,
      kind: 'declined',
      actorKind: 'partner',
      actorUserId: null,
      itemStatus: 'declined',
      declineReason: 'no-capacity',
      responded: true,
      referralStatus: 'declined',
      close: true,
    });
    const after = await store.referrals.get(one.id);
    expect(after?.status).toBe('declined');
    expect(after?.closedAt).not.toBeNull();
    expect(after?.items[0]).toMatchObject({ status: 'declined', declineReason: 'no-capacity' });
    expect(after?.items[0]?.respondedAt).not.toBeNull();
    expect((await store.referrals.events(one.id)).map((e) => e.kind)).toEqual(['created', 'declined']);

    await expect(
      store.referrals.recordEvent({
        referralId: two.id,
        itemId: item.id,
        kind: 'accepted',
        actorKind: 'partner',
        itemStatus: 'accepted',
      }),
    ).rejects.toThrow(StoreError);
    expect((await store.referrals.get(one.id))?.items[0]?.status).toBe('declined');
  });

  it('revokes a link and re-issues the referral with a new one', async () => {
    const first = newToken();
    const referral = await store.referrals.create({
      tokenHash: hashToken(first),
      connectorUserId: connector,
      expiresAt: inThirtyDays(),
      items: [{ serviceId: SERVICE_A1, organisationId: ORG_A }],
    });
    await store.referrals.revoke(referral.id, { kind: 'connector', userId: connector });
    const revoked = await store.referrals.findByTokenHash(hashToken(first));
    expect(revoked?.status).toBe('revoked');
    expect(revoked?.revokedAt).not.toBeNull();

    const second = newToken();
    await store.referrals.reissue(
      referral.id,
      { tokenHash: hashToken(second), expiresAt: inThirtyDays(), status: 'created' },
      { kind: 'connector', userId: connector },
    );
    expect(await store.referrals.findByTokenHash(hashToken(first))).toBeUndefined();
    const reissued = await store.referrals.findByTokenHash(hashToken(second));
    expect(reissued).toMatchObject({ id: referral.id, status: 'created', revokedAt: null });
    expect((await store.referrals.events(referral.id)).map((e) => e.kind)).toEqual(['created', 'revoked', 'reissued']);
  });

  it('runs several repository calls in one transaction: all or nothing', async () => {
    const referral = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId: connector,
      expiresAt: inThirtyDays(),
      items: [{ serviceId: SERVICE_A1, organisationId: ORG_A }],
    });
    const queued = (await store.outbox.list({ limit: 1000 })).length;
    await expect(
      store.transaction(async (tx) => {
        await tx.referrals.recordEvent({ referralId: referral.id, kind: 'reminded', actorKind: 'system' });
        await tx.outbox.enqueue({ channel: 'email', template: 'reminder', recipient: 'org@example.org', payload: {} });
        throw new Error('the sender fell over');
      }),
    ).rejects.toThrow('the sender fell over');
    expect((await store.referrals.events(referral.id)).map((e) => e.kind)).toEqual(['created']);
    expect((await store.outbox.list({ limit: 1000 })).length).toBe(queued);
  });

  it('hands each outbox message to one sender at a time, and retries failures later', async () => {
    const ids = [
      await store.outbox.enqueue({
        channel: 'email',
        template: 'password-reset',
        recipient: 'a@example.org',
        payload: { n: 1 },
      }),
      await store.outbox.enqueue({
        channel: 'sms',
        template: 'referral-reminder',
        recipient: '07700900000',
        payload: { n: 2 },
      }),
      await store.outbox.enqueue({
        channel: 'email',
        template: 'escalation',
        recipient: 'c@example.org',
        payload: { n: 3 },
      }),
    ];
    const [first, second] = await Promise.all([store.outbox.claim({ limit: 2 }), store.outbox.claim({ limit: 2 })]);
    const firstIds = first!.map((m) => m.id);
    expect(second!.filter((m) => firstIds.includes(m.id))).toEqual([]);
    const rest = await store.outbox.claim({ limit: 10 });
    const claimed = [...first!, ...second!, ...rest];
    expect(claimed.map((m) => m.id).sort((a, b) => a - b)).toEqual(ids);
    const [message, failed] = claimed;
    expect(message!.attempts).toBe(1);
    expect(message!.payload).toEqual({ n: 1 });

    expect(await store.outbox.markSent(message!.id, 'not-the-claim')).toBe(false);
    expect(await store.outbox.markSent(message!.id, message!.claimToken!)).toBe(true);
    expect(await store.outbox.markFailed(failed!.id, failed!.claimToken!, 'Notify said 503')).toBe(true);

    // Nothing is claimable now: one sent, one backing off, one still leased.
    expect(await store.outbox.claim()).toEqual([]);
    const listed = await store.outbox.list({ unsentOnly: true });
    expect(listed.map((m) => m.id)).not.toContain(message!.id);
    expect(listed.find((m) => m.id === failed!.id)?.lastError).toBe('Notify said 503');
  });

  it('counts rate-limited attempts in a window, atomically', async () => {
    const key = `lookup:${randomUUID()}`;
    const rule = { windowSeconds: 60, max: 3 };
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => store.rateLimits.consume(key, rule)));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(results.find((r) => !r.allowed)?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('keeps organisation memberships', async () => {
    const partner = await addUser(store, 'partner');
    await store.memberships.add(partner, ORG_A);
    await store.memberships.add(partner, ORG_B);
    await store.memberships.add(partner, ORG_A);
    expect(await store.memberships.organisationsOf(partner)).toEqual([ORG_A, ORG_B].sort());
    expect(await store.memberships.membersOf(ORG_B)).toContain(partner);
    await store.memberships.remove(partner, ORG_B);
    expect(await store.memberships.organisationsOf(partner)).toEqual([ORG_A]);
  });

  it('keeps a referral acknowledged by a process that is then killed with SIGKILL', async () => {
    const script = join(database.env.DATA_DIR!, 'writer.mjs');
    const storeModule = pathToFileURL(join(process.cwd(), 'src/people/store.ts')).href;
    await writeFile(
      script,
      `const { createPeopleStore } = await import(${JSON.stringify(storeModule)});
const store = await createPeopleStore({ dataDir: process.env.DATA_DIR, databaseUrl: process.env.DATABASE_URL });
const referral = await store.referrals.create({
  tokenHash: process.env.TOKEN_HASH, connectorUserId: process.env.CONNECTOR, expiresAt: new Date(Date.now() + 86400000),
  items: [{ serviceId: ${JSON.stringify(SERVICE_A1)}, organisationId: ${JSON.stringify(ORG_A)} }],
});
console.log('acknowledged ' + referral.id);
setInterval(() => {}, 1000);
`,
    );
    const tokenHash = hashToken(newToken());
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...database.env, TOKEN_HASH: tokenHash, CONNECTOR: connector },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const id = await new Promise<string>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('acknowledged ')) resolve(line.slice('acknowledged '.length));
      });
    });
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const reopened = await createPeopleStore(database.config);
    try {
      const found = await reopened.referrals.findByTokenHash(tokenHash);
      expect(found?.id).toBe(id);
      expect(found?.items).toHaveLength(1);
      expect((await reopened.referrals.events(id)).map((e) => e.kind)).toEqual(['created']);
    } finally {
      await reopened.close();
    }
  }, 30_000);

  if (kind === 'sqlite') {
    it('opens SQLite in WAL mode with synchronous=FULL, foreign keys on and a busy timeout', async () => {
      const pragma = async (name: string) => {
        const { rows } = await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(store.db);
        return Object.values(rows[0]!)[0];
      };
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2); // FULL
      expect(await pragma('foreign_keys')).toBe(1);
      expect(Number(await pragma('busy_timeout'))).toBeGreaterThanOrEqual(1000);
    });

    it('keeps a committed referral across closing and reopening the file', async () => {
      const tokenHash = hashToken(newToken());
      const first = await createPeopleStore(database.config);
      const created = await first.referrals.create({
        tokenHash,
        connectorUserId: connector,
        expiresAt: inThirtyDays(),
        items: [{ serviceId: SERVICE_B1, organisationId: ORG_B }],
        contact: { name: 'Kept Person', route: 'email', value: 'kept@example.org' },
        consents: { shareContact: true },
      });
      await first.close();
      const second = await createPeopleStore(database.config);
      try {
        const found = await second.referrals.findByTokenHash(tokenHash);
        expect(found).toMatchObject({ id: created.id, hasContact: true, consents: ['share-contact'] });
      } finally {
        await second.close();
      }
    });
  }
});
