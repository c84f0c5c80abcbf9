import { describe, expect, it } from 'vitest';
import { ACCOUNT_BACKOFF } from '../../src/accounts/auth.ts';
import type { Role } from '../../src/people/schema.ts';
import { sampleOfType } from '../support/sample';
import {
  createAccount,
  HttpClient,
  serverPeople,
  SESSION_COOKIE,
  totpCode,
  type PageResponse,
} from '../support/portal';

const organisation = sampleOfType<{ _id: string }>('organisation')[0]!;

const summary = (page: PageResponse) =>
  [...page.html.matchAll(/<a href="#([^"]+)">([^<]+)</g)].map(([, field, message]) => ({ field, message }));

const json = (path: string, body: unknown, client = new HttpClient()) =>
  client.request(`/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function signInThroughPage(account: { email: string; password: string; totpUri?: string }, next?: string) {
  const client = new HttpClient();
  const first = await client.post(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in', {
    email: account.email,
    password: account.password,
  });
  if (!first.location?.startsWith('/sign-in/code')) return first;
  return client.post(first.location, { method: 'app', code: totpCode(account.totpUri!) });
}

describe('where people land after signing in', () => {
  const landing: [Role, string][] = [
    ['connector', '/referrals'],
    ['partner', '/partner/referrals'],
    ['editor', '/editor/changes'],
    ['admin', '/admin/users'],
    ['commissioner', '/reports'],
  ];
  it.each(landing)('%s lands on %s, and a same-site return path still wins', async (role, path) => {
    const account = await createAccount(role, role === 'partner' ? { organisationIds: [organisation._id] } : {});
    const page = await signInThroughPage(account);
    expect(page.status).toBe(303);
    expect(page.location).toBe(path);
    expect((await signInThroughPage(account, '/account')).location).toBe('/account');
    expect((await signInThroughPage(account, 'https://evil.example/')).location).toBe(path);
  });
});

describe('account security through the running server', () => {
  it('backs off sign-in on one account through the API from many addresses', async () => {
    const account = await createAccount('connector');
    const statuses: number[] = [];
    let last: PageResponse | undefined;
    for (let attempt = 0; attempt < ACCOUNT_BACKOFF.max + 4; attempt++) {
      last = await json('/sign-in/email', { email: account.email, password: 'wrong password number x' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, ACCOUNT_BACKOFF.max).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(ACCOUNT_BACKOFF.max).every((s) => s === 429)).toBe(true);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // The sign-in page says how long to wait.
    const page = await signInThroughPage(account);
    expect(page.status).toBe(429);
    expect(summary(page)[0]!.message).toMatch(/Wait \d+ (seconds|minutes?)/);
  });

  it('refuses a switched-off account with a clear message, and ends what it had', async () => {
    // A commissioner signs in in one step (no two-factor), which keeps this about switching off.
    const account = await createAccount('commissioner');
    const client = new HttpClient();
    await client.post('/sign-in', { email: account.email, password: account.password });
    expect((await client.get('/account')).status).toBe(200);
    const { store } = await serverPeople();
    await store.db
      .updateTable('user')
      .set({ deactivated_at: new Date().toISOString() })
      .where('id', '=', account.id)
      .execute();
    expect((await client.get('/account')).status).toBe(303);
    const page = await signInThroughPage(account);
    expect(page.status).toBe(401);
    expect(summary(page)[0]!.message).toMatch(/switched off/);
    const api = await json('/sign-in/email', { email: account.email, password: account.password });
    expect(api.status).toBe(401);
    expect(api.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it('answers a malformed auth body or a redirectTo to another site with 400 and a message', async () => {
    const account = await createAccount('connector');
    for (const [path, body] of [
      ['/request-password-reset', { email: account.email, redirectTo: 'https://evil.example/' }],
      ['/request-password-reset', { email: account.email, redirectTo: `/x\n[auth] forged ${'a'.repeat(100_000)}` }],
      ['/sign-in/email', { email: ['a'], password: 'x' }],
    ] as const) {
      const response = await json(path, body);
      expect(response.status, path).toBe(400);
      expect(typeof JSON.parse(response.html).message).toBe('string');
    }
  });
});
