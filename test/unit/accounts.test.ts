import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createAuth, startPeople } from '../../src/accounts/index.ts';
import { AccountsError, acceptInvitation, findPendingInvitation, invite } from '../../src/accounts/invitations.ts';
import { isCommonPassword, passwordProblem } from '../../src/accounts/passwords.ts';
import { resolveAuthSecret } from '../../src/accounts/secret.ts';
import { access, getViewer } from '../../src/accounts/viewer.ts';
import { ConfigError, readConfig } from '../../src/config.ts';
import { hashToken } from '../../src/people/tokens.ts';
import {
  AuthClient,
  GOOD_PASSWORD,
  openAccountsWorld,
  SITE,
  totpCode,
  type AccountsWorld,
} from '../support/accounts.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG = '5d0c2a1e-3333-4ccc-8ccc-000000000003';
const ORG_2 = '5d0c2a1e-4444-4ddd-8ddd-000000000004';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let address = 0;
/** A fresh client address per test, so rate limits of one test never touch another. */
const nextAddress = () => `198.51.100.${++address}`;

describe('Passwords', () => {
  it('refuses the most common passwords and their usual decorations', () => {
    for (const password of [
      'password',
      'Password123!',
      'P@ssw0rd2024',
      'qwertyuiop1234',
      '123456789012',
      'correct horse battery staple',
      'iloveyouiloveyou',
      'Signpost2026!',
      'abcabcabcabc',
      'zzzzzzzzzzzzzzzz',
    ]) {
      expect(isCommonPassword(password), password).toBe(true);
    }
  });

  it('accepts passphrases of random words and long random strings', () => {
    for (const password of [
      GOOD_PASSWORD,
      'teapot gravel mosaic umbrella',
      'Xq7#vR2!mK9@pL4$',
      'x'.repeat(3) + 'y7Tq-9mZ-4rWp',
    ]) {
      expect(isCommonPassword(password), password).toBe(false);
    }
  });

  it('says in plain words why a password is refused', () => {
    expect(passwordProblem('short')).toMatch(/at least 12 characters/);
    expect(passwordProblem('a'.repeat(257))).toMatch(/at most 256 characters/);
    expect(passwordProblem('Password1234')).toMatch(/too common/);
    expect(passwordProblem('amara.okafor@example.org', { email: 'amara.okafor@example.org' })).toMatch(/too common/);
    expect(passwordProblem(GOOD_PASSWORD)).toBeUndefined();
  });
});

describe('The auth secret', () => {
  it('is required in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => readConfig({ NODE_ENV: 'production', AUTH_SECRET: 'too short' })).toThrow(/AUTH_SECRET/);
    expect(readConfig({ NODE_ENV: 'production', AUTH_SECRET: 's'.repeat(40) }).authSecret).toBe('s'.repeat(40));
  });

  it('is generated once outside production, kept under DATA_DIR readable by its owner only, and never printed', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const lines: string[] = [];
      const first = resolveAuthSecret(database.config, (line) => lines.push(line));
      const second = resolveAuthSecret(database.config, (line) => lines.push(line));
      expect(second).toBe(first);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(lines).toHaveLength(1);
      expect(lines.join('\n')).not.toContain(first);
      const file = join(database.config.dataDir, 'auth-secret');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readFile(file, 'utf8')).trim()).toBe(first);
    } finally {
      await database.dispose();
    }
  });

  it('checks the session timeouts make sense together', () => {
    expect(() => readConfig({ SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '1' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(readConfig({}).session).toEqual({ idleMinutes: 30, maxHours: 12 });
  });
});

describe.each(STORE_KINDS)('Accounts on %s', (kind) => {
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
    vi.restoreAllMocks();
  });

  const client = () => new AuthClient(() => world.auth, nextAddress());

  describe('Invitations', () => {
    it('give a one-time link under SITE_URL/invite/ and keep only a hash of its token', async () => {
      const { link, invitation } = await invite(world.store, world.config, {
        email: ' New.Person@Example.org ',
        role: 'connector',
      });
      expect(link).toMatch(/^https:\/\/signpost\.test\/invite\/[A-Za-z0-9_-]{43}$/);
      const token = link.split('/').pop()!;
      expect(invitation.email).toBe('new.person@example.org');
      const rows = await world.store.db.selectFrom('invitation').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows.find((r) => r.id === invitation.id)?.token_hash).toBe(hashToken(token));
      expect((await findPendingInvitation(world.store, token))?.id).toBe(invitation.id);
      expect(await findPendingInvitation(world.store, 'not-a-token')).toBeUndefined();
    });

    it('let the invitee choose a password once, with the role and organisations they were invited with', async () => {
      const email = `partner-${kind}@example.org`;
      const { link } = await invite(world.store, world.config, {
        email,
        role: 'partner',
        organisationIds: [ORG, ORG_2],
      });
      const token = link.split('/').pop()!;
      const account = await acceptInvitation(world.store, world.auth, {
        token,
        name: 'Pat Partner',
        password: GOOD_PASSWORD,
      });
      expect(account).toMatchObject({ email, name: 'Pat Partner', role: 'partner', twoFactorEnabled: false });
      expect(await world.store.memberships.organisationsOf(account.id)).toEqual([ORG, ORG_2]);
      await expect(
        acceptInvitation(world.store, world.auth, { token, name: 'Again', password: GOOD_PASSWORD }),
      ).rejects.toMatchObject({
        code: 'invitation-invalid',
      });
      const c = client();
      expect((await c.signIn(email, GOOD_PASSWORD)).status).toBe(200);
      const { viewer } = await getViewer(world.auth, world.store, world.config, c.headers());
      // Partners see residents' contact details: two-factor first.
      expect(viewer).toMatchObject({ role: 'partner', organisationIds: [ORG, ORG_2], mustEnrolTwoFactor: true });
      expect(access(viewer, 'partner')).toBe('enrol-two-factor');
    });

    it('expire after seven days', async () => {
      const { link } = await invite(world.store, world.config, {
        email: `late-${kind}@example.org`,
        role: 'connector',
      });
      const token = link.split('/').pop()!;
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 7 * 24 * HOUR + MINUTE);
      expect(await findPendingInvitation(world.store, token)).toBeUndefined();
      await expect(
        acceptInvitation(world.store, world.auth, { token, name: 'Late', password: GOOD_PASSWORD }),
      ).rejects.toMatchObject({
        code: 'invitation-invalid',
      });
    });

    it('refuse a wrong email, role or organisation, and an address that already has an account', async () => {
      const attempt = (input: { email: string; role: string; organisationIds?: string[] }) =>
        invite(world.store, world.config, input);
      await expect(attempt({ email: 'not-an-email', role: 'connector' })).rejects.toThrow(/not an email address/);
      await expect(attempt({ email: 'a@example.org', role: 'superuser' })).rejects.toThrow(
        /not a role.*connector, partner, editor, admin/,
      );
      await expect(attempt({ email: 'a@example.org', role: 'partner' })).rejects.toThrow(
        /partner needs at least one organisation/,
      );
      await expect(attempt({ email: 'a@example.org', role: 'partner', organisationIds: ['acme'] })).rejects.toThrow(
        /not an organisation id/,
      );
      await expect(attempt({ email: 'a@example.org', role: 'editor', organisationIds: [ORG] })).rejects.toThrow(
        /Only partners/,
      );
      const existing = await world.account('connector');
      await expect(attempt({ email: existing.email.toUpperCase(), role: 'connector' })).rejects.toMatchObject({
        code: 'account-exists',
      });
    });

    it('refuse a common password, and the link still works for a better one', async () => {
      const email = `careful-${kind}@example.org`;
      const { link } = await invite(world.store, world.config, { email, role: 'connector' });
      const token = link.split('/').pop()!;
      for (const password of ['Password123!', 'qwertyuiop1234', 'short']) {
        const refusal = await acceptInvitation(world.store, world.auth, { token, name: 'Careful', password }).catch(
          (e: unknown) => e,
        );
        expect(refusal).toBeInstanceOf(AccountsError);
        expect((refusal as AccountsError).code).toBe('weak-password');
      }
      expect(await world.store.users.findByEmail(email)).toBeUndefined();
      await expect(
        acceptInvitation(world.store, world.auth, { token, name: 'Careful', password: GOOD_PASSWORD }),
      ).resolves.toMatchObject({ email });
    });

    it('accept a 200-character password, which then signs in', async () => {
      const long = Array.from({ length: 25 }, (_, i) => `word${i}ab`)
        .join('-')
        .slice(0, 200);
      expect(long).toHaveLength(200);
      const person = await world.account('connector', { password: long });
      expect((await client().signIn(person.email, long)).status).toBe(200);
    });

    it('are the only way in: public sign-up is closed', async () => {
      const response = await client().call('/sign-up/email', {
        email: `walk-in-${kind}@example.org`,
        password: GOOD_PASSWORD,
        name: 'Walk In',
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await world.store.users.findByEmail(`walk-in-${kind}@example.org`)).toBeUndefined();
    });
  });

  describe('Signing in', () => {
    it('sets a __Host- session cookie that is Secure, HttpOnly, SameSite=Lax, Path=/ and has no Domain', async () => {
      const person = await world.account('connector');
      const response = await client().signIn(person.email, person.password);
      expect(response.status).toBe(200);
      const cookie = response.setCookies.find((c) => c.startsWith('__Host-signpost.session_token='));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/; Secure(;|$)/);
      expect(cookie).toMatch(/; HttpOnly(;|$)/);
      expect(cookie).toMatch(/; SameSite=Lax(;|$)/);
      expect(cookie).toMatch(/; Path=\/(;|$)/);
      expect(cookie).not.toMatch(/Domain=/i);
      for (const other of response.setCookies) expect(other.startsWith('__Host-')).toBe(true);
    });

    it('makes connectors and partners set up two-factor first, and not commissioners (counts only)', async () => {
      for (const role of ['connector', 'partner'] as const) {
        const person = await world.account(role, role === 'partner' ? { organisationIds: [ORG] } : {});
        const c = client();
        const response = await c.signIn(person.email, person.password);
        expect(response.json.twoFactorRedirect).toBeUndefined();
        const { viewer } = await getViewer(world.auth, world.store, world.config, c.headers());
        expect(viewer).toMatchObject({ role, mustEnrolTwoFactor: true });
        expect(access(viewer, role)).toBe('enrol-two-factor');
      }
      const commissioner = await world.account('commissioner');
      const c = client();
      await c.signIn(commissioner.email, commissioner.password);
      const { viewer } = await getViewer(world.auth, world.store, world.config, c.headers());
      expect(access(viewer, 'commissioner')).toBe('ok');
      expect(access(viewer, 'editor')).toBe('forbidden');
      expect(access(null, 'connector')).toBe('sign-in');
    });

    it('makes an editor set up TOTP before doing anything, then asks for a code at every sign-in', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      let now = Date.now();
      vi.setSystemTime(now);
      const editor = await world.account('editor');
      const c = client();
      expect((await c.signIn(editor.email, editor.password)).status).toBe(200);
      let { viewer } = await getViewer(world.auth, world.store, world.config, c.headers());
      expect(viewer).toMatchObject({ role: 'editor', mustEnrolTwoFactor: true });
      expect(access(viewer, 'editor')).toBe('enrol-two-factor');

      const enable = await c.call('/two-factor/enable', { password: editor.password });
      expect(enable.status).toBe(200);
      const uri: string = enable.json.totpURI;
      expect(uri).toMatch(/^otpauth:\/\/totp\/Signpost:/);
      expect(enable.json.backupCodes.length).toBeGreaterThan(0);
      // Not on until a code from the app proves it was set up.
      ({ viewer } = await getViewer(world.auth, world.store, world.config, c.headers()));
      expect(viewer?.mustEnrolTwoFactor).toBe(true);
      const wrong = totpCode(uri, now) === '000000' ? '111111' : '000000';
      expect((await c.call('/two-factor/verify-totp', { code: wrong })).status).toBe(401);
      expect((await c.call('/two-factor/verify-totp', { code: totpCode(uri, now) })).status).toBe(200);
      ({ viewer } = await getViewer(world.auth, world.store, world.config, c.headers()));
      expect(viewer).toMatchObject({ twoFactorEnabled: true, mustEnrolTwoFactor: false });
      expect(access(viewer, 'editor')).toBe('ok');
      expect(access(viewer, 'admin')).toBe('forbidden');

      // Next sign-in: the password alone gives no session.
      now += 2 * MINUTE;
      vi.setSystemTime(now);
      const next = client();
      const first = await next.signIn(editor.email, editor.password);
      expect(first.status).toBe(200);
      expect(first.json.twoFactorRedirect).toBe(true);
      expect([...next.jar.keys()].some((name) => name.includes('session_token'))).toBe(false);
      expect((await getViewer(world.auth, world.store, world.config, next.headers())).viewer).toBeNull();
      expect((await next.call('/two-factor/verify-totp', { code: wrong })).status).toBe(401);
      expect((await getViewer(world.auth, world.store, world.config, next.headers())).viewer).toBeNull();
      const second = await next.call('/two-factor/verify-totp', { code: totpCode(uri, now) });
      expect(second.status).toBe(200);
      const { viewer: signedIn } = await getViewer(world.auth, world.store, world.config, next.headers());
      expect(access(signedIn, 'editor')).toBe('ok');
    });

    it('treats admins like editors for two-factor, and lets them act as editors', async () => {
      const admin = await world.account('admin');
      const c = client();
      await c.signIn(admin.email, admin.password);
      let { viewer } = await getViewer(world.auth, world.store, world.config, c.headers());
      expect(access(viewer, 'admin')).toBe('enrol-two-factor');
      const { json } = await c.call('/two-factor/enable', { password: admin.password });
      expect((await c.call('/two-factor/verify-totp', { code: totpCode(json.totpURI) })).status).toBe(200);
      ({ viewer } = await getViewer(world.auth, world.store, world.config, c.headers()));
      expect(access(viewer, 'admin')).toBe('ok');
      expect(access(viewer, 'editor')).toBe('ok');
    });

    it('limits sign-in attempts per address, in the store, so a restart does not reset the count', async () => {
      const person = await world.account('connector');
      const attacker = client();
      for (let i = 0; i < 5; i++) {
        expect((await attacker.signIn(person.email, `wrong guess number ${i}`)).status).toBe(401);
      }
      expect((await attacker.signIn(person.email, person.password)).status).toBe(429);

      const restarted = createAuth(world.store, world.config, { log: () => {} });
      const sameAddress = new AuthClient(() => restarted, attacker.address);
      expect((await sameAddress.signIn(person.email, person.password)).status).toBe(429);
      expect((await new AuthClient(() => restarted, nextAddress()).signIn(person.email, person.password)).status).toBe(
        200,
      );
    });
  });

  describe('Sessions', () => {
    it('end after SESSION_IDLE_MINUTES without use, and last while used', async () => {
      const person = await world.account('connector');
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      vi.setSystemTime(start);
      const c = client();
      expect((await c.signIn(person.email, person.password)).status).toBe(200);
      for (const at of [29, 58, 87]) {
        vi.setSystemTime(start + at * MINUTE);
        expect((await c.session()).json?.user?.email, `after ${at} minutes`).toBe(person.email);
      }
      vi.setSystemTime(start + (87 + 31) * MINUTE);
      expect((await c.session()).json).toBeNull();
      expect((await getViewer(world.auth, world.store, world.config, c.headers())).viewer).toBeNull();
    });

    it('end SESSION_MAX_HOURS after sign-in however active they are', async () => {
      const person = await world.account('connector');
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.now();
      vi.setSystemTime(start);
      const c = client();
      await c.signIn(person.email, person.password);
      for (let at = 20 * MINUTE; at < 12 * HOUR; at += 20 * MINUTE) {
        vi.setSystemTime(start + at);
        expect((await c.session()).json?.user?.email, `after ${at / MINUTE} minutes`).toBe(person.email);
      }
      vi.setSystemTime(start + 12 * HOUR + 1000);
      expect((await c.session()).json).toBeNull();
    });

    it('all end when the person signs out everywhere', async () => {
      const person = await world.account('connector');
      const laptop = client();
      const phone = client();
      await laptop.signIn(person.email, person.password);
      await phone.signIn(person.email, person.password);
      expect((await phone.session()).json?.user?.email).toBe(person.email);
      expect((await laptop.call('/revoke-sessions', {})).status).toBe(200);
      expect((await laptop.session()).json).toBeNull();
      expect((await phone.session()).json).toBeNull();
      const audit = await world.store.audit.list({ action: 'auth.sign-out-everywhere', subjectId: person.id });
      expect(audit).toHaveLength(1);
    });

    it('can all be ended by an administrator', async () => {
      const person = await world.account('connector');
      const c = client();
      await c.signIn(person.email, person.password);
      expect(await world.store.users.endSessions(person.id)).toBe(1);
      expect((await c.session()).json).toBeNull();
    });
  });

  describe('Password reset', () => {
    it('goes through the outbox, never a log line, refuses common passwords and ends old sessions', async () => {
      const person = await world.account('connector');
      const signedIn = client();
      await signedIn.signIn(person.email, person.password);
      const logged: string[] = [];
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        vi.spyOn(console, method).mockImplementation(
          (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
        );
      }
      const anonymous = client();
      expect((await anonymous.call('/request-password-reset', { email: person.email })).status).toBe(200);
      expect((await anonymous.call('/request-password-reset', { email: `nobody-${kind}@example.org` })).status).toBe(
        200,
      );
      const messages = (await world.store.outbox.list()).filter(
        (m) => m.recipient === person.email && m.template === 'password-reset',
      );
      expect(messages).toHaveLength(1);
      const link = String(messages[0]!.payload.link);
      expect(link.startsWith(`${SITE}/reset-password/`)).toBe(true);
      const token = decodeURIComponent(link.split('/').pop()!);
      expect(logged.join('\n')).not.toContain(token);

      const common = await anonymous.call('/reset-password', { token, newPassword: 'Password12345!' });
      expect(common.status).toBe(400);
      expect(common.json.code).toBe('PASSWORD_TOO_COMMON');
      const fresh = 'walnut lighthouse copper meadow';
      const reset = await anonymous.call('/reset-password', { token, newPassword: fresh });
      expect(reset.status).toBe(200);
      expect(logged.join('\n')).not.toContain(token);

      expect((await signedIn.session()).json).toBeNull();
      expect((await client().signIn(person.email, person.password)).status).toBe(401);
      expect((await client().signIn(person.email, fresh)).status).toBe(200);
      expect((await anonymous.call('/reset-password', { token, newPassword: 'another fine long phrase' })).status).toBe(
        400,
      );
    });
  });

  describe('First start', () => {
    it('prints exactly one admin invitation on an empty store, and a second start prints none', async () => {
      const empty = await createTestDatabase(kind);
      try {
        const firstLines: string[] = [];
        const first = await startPeople(empty.config, (line) => firstLines.push(line));
        const links = firstLines.join('\n').match(/https:\/\/signpost\.test\/invite\/[A-Za-z0-9_-]{43}/g) ?? [];
        expect(links).toHaveLength(1);
        await first.store.close();

        const secondLines: string[] = [];
        const second = await startPeople(empty.config, (line) => secondLines.push(line));
        expect(secondLines.join('\n')).not.toMatch(/\/invite\//);

        // The first admin gives their own address and must then set up two-factor.
        const admin = await acceptInvitation(second.store, second.auth, {
          token: links[0]!.split('/').pop()!,
          email: 'First.Admin@example.org',
          name: 'First Admin',
          password: GOOD_PASSWORD,
        });
        expect(admin).toMatchObject({ email: 'first.admin@example.org', role: 'admin' });
        const c = new AuthClient(() => second.auth, nextAddress());
        expect((await c.signIn('first.admin@example.org', GOOD_PASSWORD)).status).toBe(200);
        const { viewer } = await getViewer(second.auth, second.store, empty.config, c.headers());
        expect(access(viewer, 'admin')).toBe('enrol-two-factor');
        await second.store.close();

        const thirdLines: string[] = [];
        const third = await startPeople(empty.config, (line) => thirdLines.push(line));
        expect(thirdLines.join('\n')).not.toMatch(/\/invite\//);
        await third.store.close();
      } finally {
        await empty.dispose();
      }
    });

    if (kind === 'postgres') {
      it('prints one invitation even when several instances start at once', async () => {
        const empty = await createTestDatabase(kind);
        try {
          const lines: string[] = [];
          const started = await Promise.all([1, 2, 3].map(() => startPeople(empty.config, (line) => lines.push(line))));
          expect(lines.join('\n').match(/\/invite\//g)).toHaveLength(1);
          await Promise.all(started.map((s) => s.store.close()));
        } finally {
          await empty.dispose();
        }
      });
    }
  });
});
