/**
 * A whole Signpost server of its own for referral page and browser tests, on either people store
 * (`node:sqlite` in its DATA_DIR, or a fresh PostgreSQL database), with the store opened from
 * the test process alongside it to create accounts and look at what was recorded. Accounts are
 * signed in through the server's better-auth handler (same store, same secret), each from its
 * own made-up address, so sign-in limits stay out of the way.
 */
import { join } from 'node:path';
import { createAuth, CLIENT_ADDRESS_HEADER, type SignpostAuth } from '../../src/accounts/auth.ts';
import { acceptInvitation, invite } from '../../src/accounts/invitations.ts';
import { readConfig, type Config } from '../../src/config.ts';
import type { Role } from '../../src/people/schema.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { createTestDatabase, type TestDatabase, type TestStoreKind } from './databases.ts';
import { CookieJar, GOOD_PASSWORD, HttpClient, totpCode, type TestAccount } from './portal.ts';
import { startServer, type RunningServer } from './server.ts';
import { TWO_FACTOR_ROLES } from '../../src/accounts/viewer.ts';

/** The same secret for the server and the test process, so sessions made here are valid there. */
const AUTH_SECRET = 'referral-tests-secret-0123456789-abcdefghijklmnop';

export interface ReferralWorld {
  kind: TestStoreKind;
  baseUrl: string;
  /** The server's log file (everything it printed). */
  log: string;
  store: PeopleStore;
  auth: SignpostAuth;
  config: Config;
  server: RunningServer;
  /** Environment the server was started with (for a restart). */
  env: Record<string, string>;
  dataRoot: string;
  account(role: Role, options?: { organisationIds?: string[] }): Promise<TestAccount>;
  /** Cookies of a fresh session for `account`. */
  signIn(account: TestAccount): Promise<CookieJar>;
  client(account?: TestAccount): Promise<HttpClient>;
  /** Starts the server again on the same data (after a stop or a kill). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

export async function startReferralWorld(
  kind: TestStoreKind,
  /** More settings for the server, e.g. a hosted Content Lake stand-in. */
  extraEnv: Record<string, string> = {},
): Promise<ReferralWorld> {
  const database: TestDatabase = await createTestDatabase(kind);
  const dataRoot = database.env.DATA_DIR!;
  const env: Record<string, string> = { AUTH_SECRET, ...extraEnv };
  if (database.env.DATABASE_URL) env.DATABASE_URL = database.env.DATABASE_URL;
  let server = await startServer(dataRoot, env);
  const config = readConfig({ DATA_DIR: join(dataRoot, 'data'), SITE_URL: server.baseUrl, ...env });
  const store = await createPeopleStore(config);
  const auth = createAuth(store, config, { log: () => {} });

  async function authCall(jar: CookieJar, path: string, body: unknown, address: string) {
    const headers = new Headers({ origin: config.siteUrl, 'content-type': 'application/json' });
    headers.set(CLIENT_ADDRESS_HEADER, address);
    if (jar.cookies.size > 0) headers.set('cookie', jar.header());
    const response = await auth.handler(
      new Request(`${config.siteUrl}/api/auth${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
    );
    jar.update(response.headers.getSetCookie());
    const json = (await response.json().catch(() => null)) as any;
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json;
  }
  const address = () => `203.0.113.${(++counter % 250) + 1}`;

  const world: ReferralWorld = {
    kind,
    baseUrl: server.baseUrl,
    log: server.log,
    store,
    auth,
    config,
    server,
    env,
    dataRoot,
    async account(role, options = {}) {
      const email = `${role}-${++counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
      const name = `Test ${role} ${counter}`;
      const { link } = await invite(store, config, { email, role, organisationIds: options.organisationIds ?? [] });
      const account = await acceptInvitation(store, auth, {
        token: link.split('/').pop()!,
        name,
        password: GOOD_PASSWORD,
      });
      const created: TestAccount = { id: account.id, email, name, password: GOOD_PASSWORD, role };
      if (TWO_FACTOR_ROLES.includes(role)) {
        const jar = new CookieJar();
        const from = address();
        await authCall(jar, '/sign-in/email', { email, password: GOOD_PASSWORD }, from);
        const { totpURI } = await authCall(jar, '/two-factor/enable', { password: GOOD_PASSWORD }, from);
        await authCall(jar, '/two-factor/verify-totp', { code: totpCode(totpURI) }, from);
        await authCall(jar, '/sign-out', {}, from);
        created.totpUri = totpURI;
      }
      return created;
    },
    async signIn(account) {
      const jar = new CookieJar();
      const from = address();
      const first = await authCall(jar, '/sign-in/email', { email: account.email, password: account.password }, from);
      if (first?.twoFactorRedirect) {
        await authCall(jar, '/two-factor/verify-totp', { code: totpCode(account.totpUri!) }, from);
      }
      return jar;
    },
    async client(account) {
      return new HttpClient(account ? await world.signIn(account) : new CookieJar(), undefined, world.baseUrl);
    },
    async restart() {
      // A new port (and so a new address); the log file starts again.
      server = await startServer(dataRoot, env);
      world.server = server;
      world.baseUrl = server.baseUrl;
    },
    async close() {
      await server.stop();
      await store.close();
      await database.dispose();
    },
  };
  return world;
}
