import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ReferralService } from '../../src/queries/types.ts';
import { createReferral, revokeReferral, type ServiceDirectory } from '../../src/referrals/index.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { ACCOUNT_BACKOFF } from '../../src/accounts/auth.ts';
import { getViewer } from '../../src/accounts/viewer.ts';
import { safe, logLine } from '../../src/security/log.ts';
import { AuthClient, openAccountsWorld, totpCode, type AccountsWorld } from '../support/accounts.ts';
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

const MINUTE = 60_000;
let address = 0;
const nextAddress = () => `198.51.100.${++address}`;

describe('The node:sqlite dialect', () => {
  it('refuses objects and arrays as positional parameters instead of shifting them', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await createPeopleStore(database.config);
    try {
      const query = (value: unknown) =>
        store.db
          .updateTable('user')
          .set({ name: value as string })
          .where('id', '=', 'someone')
          .execute();
      await expect(query({})).rejects.toThrow(/SQLite parameter 1 is an object/);
      await expect(query(['a'])).rejects.toThrow(/is an array/);
      await expect(query('text')).resolves.toBeDefined();
    } finally {
      await store.close();
      await database.dispose();
    }
  });
});

describe('Log lines', () => {
  it('are one line, escaped and bounded', () => {
    expect(safe('a\nforged line\r\0\u001b[31m')).toBe('a\\nforged line\\r\\0\\x1b[31m');
    const long = safe('x'.repeat(200_000));
    expect(long.length).toBeLessThanOrEqual(500);
    expect(long.endsWith('…')).toBe(true);
    expect(logLine('redirect', '/a\n/b')).toBe('redirect /a\\n/b');
  });
});

describe.each(STORE_KINDS)('Account security on %s', (kind) => {
  let database: TestDatabase;
  let world: AccountsWorld;

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    world = await openAccountsWorld(database.config);
  });

  afterAll(async () => {
    await world?.close();
    await database?.dispose();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const client = () => new AuthClient(() => world.auth, nextAddress());

  it('ends a "don\'t remember me" session after SESSION_IDLE_MINUTES idle, and keeps it while used', async () => {
    const person = await world.account('connector');
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    vi.setSystemTime(start);
    const used = client();
    const idle = client();
    expect(
      (await used.call('/sign-in/email', { email: person.email, password: person.password, rememberMe: false })).status,
    ).toBe(200);
    expect(
      (await idle.call('/sign-in/email', { email: person.email, password: person.password, rememberMe: false })).status,
    ).toBe(200);
    for (const at of [25, 50]) {
      vi.setSystemTime(start + at * MINUTE);
      expect((await used.session()).json?.user?.email, `after ${at} minutes`).toBe(person.email);
    }
    expect((await idle.session()).json).toBeNull();
    expect((await getViewer(world.auth, world.store, world.config, idle.headers())).viewer).toBeNull();
  });

  it('backs off sign-in per account from any address, and the right password works after the window', async () => {
    const person = await world.account('connector');
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    vi.setSystemTime(start);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const c = client();
      const response = await c.signIn(person.email, `wrong guess ${i}`);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, ACCOUNT_BACKOFF.max)).toEqual(Array(ACCOUNT_BACKOFF.max).fill(401));
    expect(statuses.slice(ACCOUNT_BACKOFF.max)).toEqual(Array(12 - ACCOUNT_BACKOFF.max).fill(429));
    const blocked = await world.auth.handler(
      new Request('https://signpost.test/api/auth/sign-in/email', {
        method: 'POST',
        headers: {
          origin: 'https://signpost.test',
          'content-type': 'application/json',
          'x-signpost-client-address': nextAddress(),
        },
        body: JSON.stringify({ email: person.email.toUpperCase(), password: person.password }),
      }),
    );
    expect(blocked.status).toBe(429);
    retryAfter = blocked.headers.get('retry-after');
    expect(Number(retryAfter)).toBeGreaterThan(0);
    vi.setSystemTime(start + ACCOUNT_BACKOFF.windowSeconds * 1000 + MINUTE);
    expect((await client().signIn(person.email, person.password)).status).toBe(200);
  }, 30_000); // many password hashes: seconds on a busy 2-core machine

  it('refuses switching two-factor off for roles that need it, and setting it up again without a code', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = Date.now();
    vi.setSystemTime(now);
    const editor = await world.account('editor');
    const c = client();
    await c.signIn(editor.email, editor.password);
    const { json } = await c.call('/two-factor/enable', { password: editor.password });
    expect((await c.call('/two-factor/verify-totp', { code: totpCode(json.totpURI, now) })).status).toBe(200);
    const disable = await c.call('/two-factor/disable', { password: editor.password });
    expect(disable.status).toBe(403);
    expect((await getViewer(world.auth, world.store, world.config, c.headers())).viewer?.twoFactorEnabled).toBe(true);
    expect((await c.call('/two-factor/enable', { password: editor.password })).status).toBe(401);
    const wrong = totpCode(json.totpURI, now) === '000000' ? '111111' : '000000';
    expect((await c.call('/two-factor/enable', { password: editor.password, code: wrong })).status).toBe(401);
    // With a current code it gets as far as better-auth, which keeps the one enrolled secret.
    const again = await c.call('/two-factor/enable', { password: editor.password, code: totpCode(json.totpURI, now) });
    expect(again.json.code, JSON.stringify(again.json)).toBe('TOTP_ALREADY_ENABLED');
  });

  it('answers 400 with a message for a body of the wrong shape, and changes nothing', async () => {
    const person = await world.account('connector');
    const c = client();
    await c.signIn(person.email, person.password);
    for (const body of [
      { name: null },
      { name: ['a'] },
      { name: {} },
      { image: {} },
      { image: [] },
      { name: 'A', role: 'admin' },
    ]) {
      const response = await c.call('/update-user', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(typeof response.json.message).toBe('string');
    }
    expect((await c.call('/sign-in/email', { email: { $ne: 1 }, password: 'x' })).status).toBe(400);
    expect(
      (await c.call('/request-password-reset', { email: person.email, redirectTo: 'https://evil.example/' })).status,
    ).toBe(400);
    expect((await c.call('/request-password-reset', { email: person.email, redirectTo: '/a\nforged' })).status).toBe(
      400,
    );
    const user = await world.store.db
      .selectFrom('user')
      .select(['name', 'role'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ name: 'Test Person', role: 'connector' });
    expect((await c.call('/update-user', { name: 'New Name' })).status).toBe(200);
  });

  it('stores only hashes of session and password-reset tokens, and sessions, sign-out and reset still work', async () => {
    const person = await world.account('connector');
    const c = client();
    expect((await c.signIn(person.email, person.password)).status).toBe(200);
    const cookie = [...c.jar].find(([name]) => name.includes('session_token'))![1];
    const sessionToken = decodeURIComponent(cookie).split('.')[0]!;
    expect(sessionToken.length).toBeGreaterThan(10);
    expect((await c.session()).json?.user?.email).toBe(person.email);

    expect((await client().call('/request-password-reset', { email: person.email })).status).toBe(200);
    const message = (await world.store.outbox.list()).find(
      (m) => m.recipient === person.email && m.template === 'password-reset',
    )!;
    const resetToken = decodeURIComponent(String(message.payload.link).split('/').pop()!);

    const rows = JSON.stringify([
      await world.store.db.selectFrom('session').selectAll().execute(),
      (await sql`select * from verification`.execute(world.store.db)).rows,
    ]);
    expect(rows).not.toContain(sessionToken);
    expect(rows).not.toContain(resetToken);

    expect((await c.call('/sign-out', {})).status).toBe(200);
    expect((await c.session()).json).toBeNull();
    expect(await world.store.db.selectFrom('session').select('id').where('userId', '=', person.id).execute()).toEqual(
      [],
    );
    const fresh = 'walnut lighthouse copper meadow';
    expect((await client().call('/reset-password', { token: resetToken, newPassword: fresh })).status).toBe(200);
    expect((await client().signIn(person.email, fresh)).status).toBe(200);
  });

  it('refuses sign-in to a switched-off account and treats its sessions as signed out', async () => {
    const person = await world.account('connector');
    const before = client();
    await before.signIn(person.email, person.password);
    expect((await getViewer(world.auth, world.store, world.config, before.headers())).viewer).not.toBeNull();
    await world.store.db
      .updateTable('user')
      .set({ deactivated_at: new Date().toISOString() })
      .where('id', '=', person.id)
      .execute();
    expect((await getViewer(world.auth, world.store, world.config, before.headers())).viewer).toBeNull();
    const after = client();
    const response = await after.signIn(person.email, person.password);
    expect(response.status).toBe(401);
    expect(response.json.message).toMatch(/switched off/);
    expect([...after.jar.keys()].some((name) => name.includes('session_token'))).toBe(false);
  });
});
