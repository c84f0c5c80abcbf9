/**
 * Accounts for page and browser tests against the running server: they are created in the
 * server's own people store (its DATA_DIR, opened from the test process alongside the server) and
 * signed in there too, each from its own made-up client address, so the server's sign-in rate
 * limit (per address) is left for the tests that are about signing in. `HttpClient` is a
 * browser-like fetch with a cookie jar that sends this site's Origin on posts.
 */
import { request as httpRequest } from 'node:http';
import { inject } from 'vitest';
import { createAuth, CLIENT_ADDRESS_HEADER, type SignpostAuth } from '../../src/accounts/auth.ts';
import { acceptInvitation, invite } from '../../src/accounts/invitations.ts';
import { readConfig, type Config } from '../../src/config.ts';
import type { Role } from '../../src/people/schema.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { GOOD_PASSWORD, totpCode } from './accounts.ts';
import { TWO_FACTOR_ROLES } from '../../src/accounts/viewer.ts';

export { GOOD_PASSWORD, totpCode };

/** The session cookie's name (better-auth's `session_token` under our `__Host-` prefix). */
export const SESSION_COOKIE = '__Host-signpost.session_token';

export interface TestAccount {
  id: string;
  email: string;
  name: string;
  password: string;
  role: Role;
  /** Set when two-factor is on: the authenticator's URI, for `totpCode`. */
  totpUri?: string;
}

let world: Promise<{ store: PeopleStore; auth: SignpostAuth; config: Config }> | undefined;

/** The running server's people store and better-auth (same DATA_DIR, same secret). */
export function serverPeople(): Promise<{ store: PeopleStore; auth: SignpostAuth; config: Config }> {
  world ??= (async () => {
    const config = readConfig({ DATA_DIR: inject('dataDir'), SITE_URL: inject('baseUrl') });
    const store = await createPeopleStore(config);
    return { store, auth: createAuth(store, config, { log: () => {} }), config };
  })();
  return world;
}

let counter = 0;
const uniqueAddress = () => `198.51.100.${(++counter % 250) + 1}`;

/** Cookies as a `name=value; ...` header, updated from Set-Cookie headers. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  update(setCookies: string[]): void {
    for (const cookie of setCookies) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0(;|$)/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

async function authCall(jar: CookieJar, path: string, body: unknown, address: string) {
  const { auth, config } = await serverPeople();
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

/**
 * A ready account: invited, password chosen, and for `twoFactor` (the default for editors and
 * admins) an authenticator enrolled.
 */
export async function createAccount(
  role: Role,
  options: { organisationIds?: string[]; twoFactor?: boolean; name?: string; email?: string } = {},
): Promise<TestAccount> {
  const { store, auth, config } = await serverPeople();
  const email = options.email ?? `${role}-${++counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const name = options.name ?? `Test ${role} ${counter}`;
  const { link } = await invite(store, config, { email, role, organisationIds: options.organisationIds ?? [] });
  const account = await acceptInvitation(store, auth, { token: link.split('/').pop()!, name, password: GOOD_PASSWORD });
  const created: TestAccount = { id: account.id, email, name, password: GOOD_PASSWORD, role };
  if (options.twoFactor ?? TWO_FACTOR_ROLES.includes(role)) {
    const jar = new CookieJar();
    const address = uniqueAddress();
    await authCall(jar, '/sign-in/email', { email, password: GOOD_PASSWORD }, address);
    const { totpURI } = await authCall(jar, '/two-factor/enable', { password: GOOD_PASSWORD }, address);
    await authCall(jar, '/two-factor/verify-totp', { code: totpCode(totpURI) }, address);
    await authCall(jar, '/sign-out', {}, address);
    created.totpUri = totpURI;
  }
  return created;
}

/** Signs in without the sign-in page (and its per-address limit); returns the session's cookies. */
export async function signInDirectly(account: TestAccount): Promise<CookieJar> {
  const jar = new CookieJar();
  const address = uniqueAddress();
  const first = await authCall(jar, '/sign-in/email', { email: account.email, password: account.password }, address);
  if (first?.twoFactorRedirect) {
    await authCall(jar, '/two-factor/verify-totp', { code: totpCode(account.totpUri!) }, address);
  }
  return jar;
}

export interface PageResponse {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

let localCounter = 1;
/** A loopback address of its own (127.0.0.2, .3, ...), so the server's per-address limits count this client alone. */
export const nextLocalAddress = () => `127.0.${Math.floor(++localCounter / 250)}.${(localCounter % 250) + 2}`;

/**
 * A browser-like client for the running server: a cookie jar, this site's Origin on posts (unless
 * told otherwise), redirects not followed, and its own loopback source address.
 */
export class HttpClient {
  constructor(
    readonly jar = new CookieJar(),
    readonly localAddress = nextLocalAddress(),
    readonly baseUrl = inject('baseUrl'),
  ) {}

  request(
    path: string,
    init: {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      form?: Record<string, string> | [string, string][];
      origin?: string | null;
    } = {},
  ): Promise<PageResponse> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { ...init.headers };
    if (this.jar.cookies.size > 0) headers.cookie = this.jar.header();
    let body = init.body;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST');
    if (method !== 'GET' && init.origin !== null && !('origin' in headers)) {
      headers.origin = init.origin ?? url.origin;
    }
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method,
          headers,
          localAddress: this.localAddress,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            const responseHeaders = new Headers();
            for (let i = 0; i < response.rawHeaders.length; i += 2) {
              responseHeaders.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
            }
            this.jar.update(responseHeaders.getSetCookie());
            resolve({
              status: response.statusCode ?? 0,
              headers: responseHeaders,
              html: text,
              location: responseHeaders.get('location'),
            });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  get(path: string) {
    return this.request(path);
  }

  post(
    path: string,
    form: Record<string, string> | [string, string][],
    options: { origin?: string | null; headers?: Record<string, string> } = {},
  ) {
    return this.request(path, { form, ...options });
  }

  /** Follows a redirect chain with GETs, as a browser would, to the page it ends on. */
  async follow(response: PageResponse): Promise<PageResponse> {
    let current = response;
    for (let hops = 0; current.location && hops < 5; hops++) current = await this.get(current.location);
    return current;
  }
}

/** A client already signed in as `account`. */
export async function signedInClient(account: TestAccount): Promise<HttpClient> {
  return new HttpClient(await signInDirectly(account));
}
