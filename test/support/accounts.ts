/**
 * Helpers for accounts tests: a browser-like client for better-auth's HTTP handler (keeps a
 * cookie jar, sends the Origin and the client-address header the auth route sets), an
 * authenticator app (RFC 6238 TOTP from an `otpauth://` URI, written here with node:crypto), and
 * a store plus better-auth over a fresh test database.
 */
import { createHmac } from 'node:crypto';
import { createAuth, CLIENT_ADDRESS_HEADER, type SignpostAuth } from '../../src/accounts/auth.ts';
import { acceptInvitation, invite } from '../../src/accounts/invitations.ts';
import type { Config } from '../../src/config.ts';
import type { Role } from '../../src/people/schema.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';

export const SITE = 'https://signpost.test';
export const GOOD_PASSWORD = 'lantern orchard pebble violin';

export interface AuthResponse {
  status: number;
  json: any;
  setCookies: string[];
}

export class AuthClient {
  readonly jar = new Map<string, string>();
  private readonly auth: () => SignpostAuth;
  readonly address: string;
  // Plain fields, not parameter properties: the fuzzer and benches load this file in plain Node.
  constructor(auth: () => SignpostAuth, address = '203.0.113.10') {
    this.auth = auth;
    this.address = address;
  }

  /** The cookie header a browser would send. */
  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  headers(): Headers {
    const headers = new Headers({ origin: SITE, [CLIENT_ADDRESS_HEADER]: this.address });
    if (this.jar.size > 0) headers.set('cookie', this.cookieHeader());
    return headers;
  }

  async call(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<AuthResponse> {
    const headers = this.headers();
    if (body !== undefined) headers.set('content-type', 'application/json');
    const response = await this.auth().handler(
      new Request(`${SITE}/api/auth${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const setCookies = response.headers.getSetCookie();
    this.store(setCookies);
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json, setCookies };
  }

  store(setCookies: string[]): void {
    for (const cookie of setCookies) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || /max-age=0(;|$)/i.test(cookie)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  signIn(email: string, password: string): Promise<AuthResponse> {
    return this.call('/sign-in/email', { email, password });
  }

  session(): Promise<AuthResponse> {
    return this.call('/get-session');
  }
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const value = alphabet.indexOf(ch);
    if (value < 0) throw new Error(`Not base32: ${ch}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** What an authenticator app shows for an `otpauth://totp/...` URI at `time` (RFC 6238, SHA-1). */
export function totpCode(uri: string, time = Date.now()): string {
  const url = new URL(uri);
  const secret = base32Decode(url.searchParams.get('secret') ?? '');
  const digits = Number(url.searchParams.get('digits') ?? 6);
  const period = Number(url.searchParams.get('period') ?? 30);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 1000 / period)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return number.toString().padStart(digits, '0');
}

export interface AccountsWorld {
  store: PeopleStore;
  auth: SignpostAuth;
  config: Config;
  /** Invites and accepts: a ready account with GOOD_PASSWORD (unless given another). */
  account(
    role: Role,
    options?: { organisationIds?: string[]; password?: string; email?: string },
  ): Promise<{ id: string; email: string; password: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function openAccountsWorld(config: Config): Promise<AccountsWorld> {
  const store = await createPeopleStore(config);
  const auth = createAuth(store, config, { log: () => {} });
  return {
    store,
    auth,
    config,
    async account(role, options = {}) {
      const email = options.email ?? `person${++counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
      const password = options.password ?? GOOD_PASSWORD;
      const { link } = await invite(store, config, { email, role, organisationIds: options.organisationIds ?? [] });
      const account = await acceptInvitation(store, auth, {
        token: link.split('/').pop()!,
        name: 'Test Person',
        password,
      });
      return { id: account.id, email, password };
    },
    close: () => store.close(),
  };
}
