/**
 * Rate limits on the running server for what had none or no test: search (the page and the JSON
 * API share one limit per connection) and page feedback ("Is this page useful?"). Sign-in,
 * referral links and reports have theirs in accounts, referrals and feedback tests. Each client
 * here has its own loopback address, so its count is its own.
 */
import { describe, expect, inject, it } from 'vitest';
import { resolveAuthSecret } from '../../src/accounts/secret.ts';
import { HONEYPOT_FIELD, makeStamp, RATING_LIMIT, STAMP_FIELD, stampKey } from '../../src/feedback';
import { SEARCH_LIMIT, SEARCH_LIMIT_MESSAGE } from '../../src/people/rate-limits.ts';
import { HttpClient, type PageResponse } from '../support/portal.ts';
import { textOf } from '../support/sample';

/** Sends `count` requests made by `path(i)`, a few at a time; answers their statuses. */
async function burst(client: HttpClient, count: number, path: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, j) => client.get(path(start + j)));
    statuses.push(...(await Promise.all(batch)).map((response: PageResponse) => response.status));
  }
  return statuses;
}

const words = ['walking', 'choir', 'debt advice', 'art', 'coffee'];

describe('search rate limit', () => {
  it('answers 429 to the page and the JSON API with Retry-After and a clear message once a connection has searched too often', async () => {
    const resident = new HttpClient();
    const json = SEARCH_LIMIT.max - 20;
    const statuses = [
      ...(await burst(resident, json, (i) => `/api/search?q=${encodeURIComponent(words[i % words.length]!)}`)),
      // Each search its own page: a page already in the server's memory is answered without
      // counting (docs/decisions.md), so repeats would not reach the limit.
      ...(await burst(
        resident,
        SEARCH_LIMIT.max - json,
        (i) => `/search?q=${encodeURIComponent(`${words[i % words.length]} ${i}`)}`,
      )),
    ];
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const page = await resident.get('/search?q=walking');
    expect(page.status).toBe(429);
    const wait = Number(page.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(SEARCH_LIMIT.windowSeconds);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(textOf(page.html)).toContain(SEARCH_LIMIT_MESSAGE);
    // Still a whole page: the form is there, with the words, and nothing was searched.
    expect(page.html).toMatch(/<form[^>]*action="\/search"/);
    expect(page.html).toContain('value="walking"');
    expect(page.html).not.toMatch(/\d+ results?/);

    const api = await resident.get('/api/search?q=walking');
    expect(api.status).toBe(429);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(api.html)).toEqual({ error: SEARCH_LIMIT_MESSAGE });
  });

  it('counts each connection on its own', async () => {
    const neighbour = new HttpClient();
    expect((await neighbour.get('/search?q=walking')).status).toBe(200);
    expect((await neighbour.get('/api/search?q=walking')).status).toBe(200);
  });

  it('does not count other pages against searching', async () => {
    const resident = new HttpClient();
    const others = await burst(resident, 40, (i) => (i % 2 ? '/' : '/urgent-help'));
    expect(others.every((status) => status === 200)).toBe(true);
    expect((await resident.get('/api/search?q=art')).status).toBe(200);
  });
});

describe('page feedback rate limit', () => {
  const key = stampKey(resolveAuthSecret({ dataDir: inject('dataDir'), production: false }, () => {}));

  it('answers 429 with Retry-After after too many answers from one connection, and takes others', async () => {
    const rate = (client: HttpClient) =>
      client.post('/page-feedback', {
        [STAMP_FIELD]: makeStamp(key, 'rate', new Date(Date.now() - 30_000)),
        [HONEYPOT_FIELD]: '',
        page: '/urgent-help',
        useful: 'yes',
      });
    const resident = new HttpClient();
    const statuses: number[] = [];
    for (let i = 0; i < RATING_LIMIT.max; i++) statuses.push((await rate(resident)).status);
    expect(statuses.filter((status) => status !== 303)).toEqual([]);
    const refused = await rate(resident);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(textOf(refused.html)).toMatch(/Try again in \d+ minutes?/);
    expect((await rate(new HttpClient())).status).toBe(303);
  });
});
