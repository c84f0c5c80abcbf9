/**
 * The people store's shared rate-limit windows and the batched limiter search uses in front of
 * them, on both stores; two stores on one PostgreSQL database stand for two app instances.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { batchedLimiter, type RateLimitRepository } from '../../src/people/rate-limits.ts';
import { createPeopleStore, openPeopleStore, peopleStoreOptions, type PeopleStore } from '../../src/people/store.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const RULE = { windowSeconds: 60, max: 5 };
let keyCounter = 0;
const freshKey = () => `test-limit:${++keyCounter}:${Math.random().toString(36).slice(2)}`;

/** The repository with every `consume` call counted. */
function counting(repo: RateLimitRepository) {
  const calls: number[] = [];
  return {
    calls,
    shared: {
      scaled: repo.scaled,
      consume: (key: string, rule: typeof RULE, attempts?: number) => {
        calls.push(attempts ?? 1);
        return repo.consume(key, rule, attempts);
      },
    },
  };
}

describe.each(STORE_KINDS)('rate limits in the %s store', (kind) => {
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

  it('counts several attempts at once and reports the shared count and when the window ends', async () => {
    const key = freshKey();
    const before = Date.now();
    const first = await store.rateLimits.consume(key, RULE, 3);
    expect(first).toMatchObject({ allowed: true, count: 3 });
    expect(first.windowEndsAt).toBeGreaterThanOrEqual(before + 59_000);
    const second = await store.rateLimits.consume(key, RULE, 3);
    expect(second).toMatchObject({ allowed: false, count: 6 });
    expect(second.retryAfterSeconds).toBeGreaterThan(0);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('lets the batched limiter through up to the limit, then refuses with the time left', async () => {
    const limiter = batchedLimiter(store.rateLimits, RULE, { settleEveryMs: 60_000 });
    const key = freshKey();
    const answers = Array.from({ length: 7 }, () => limiter.hit(key));
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(answers[5]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(answers[5]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limiter.hit(freshKey()).allowed).toBe(true);
  });

  it('writes to the store once per key per settlement, not once per attempt', async () => {
    const { calls, shared } = counting(store.rateLimits);
    const limiter = batchedLimiter(shared, { windowSeconds: 60, max: 1000 }, { settleEveryMs: 60_000 });
    const [a, b] = [freshKey(), freshKey()];
    for (let i = 0; i < 40; i++) limiter.hit(a);
    for (let i = 0; i < 10; i++) limiter.hit(b);
    expect(calls).toEqual([]);
    await limiter.settle();
    expect(calls.sort((x, y) => x - y)).toEqual([10, 40]);
    expect((await store.rateLimits.peek(a, { windowSeconds: 60, max: 40 })).allowed).toBe(false);
    await limiter.settle();
    expect(calls).toHaveLength(2);
  });

  it('settles on its own timer', async () => {
    const { calls, shared } = counting(store.rateLimits);
    const limiter = batchedLimiter(shared, RULE, { settleEveryMs: 20 });
    limiter.hit(freshKey());
    await expect.poll(() => calls.length, { timeout: 5000 }).toBe(1);
  });

  it('starts a fresh window once the old one has ended', async () => {
    let now = Date.now();
    const limiter = batchedLimiter(store.rateLimits, RULE, { settleEveryMs: 60_000, now: () => now });
    const key = freshKey();
    for (let i = 0; i < RULE.max; i++) expect(limiter.hit(key).allowed).toBe(true);
    expect(limiter.hit(key).allowed).toBe(false);
    now += 61_000;
    expect(limiter.hit(key).allowed).toBe(true);
  });

  it('keeps no more keys in memory than it is allowed', async () => {
    const limiter = batchedLimiter(store.rateLimits, RULE, { settleEveryMs: 60_000, maxKeys: 50 });
    for (let i = 0; i < 200; i++) limiter.hit(freshKey());
    await limiter.settle();
    limiter.hit(freshKey());
    expect(limiter.size).toBeLessThanOrEqual(51);
  });

  it('multiplies every allowance by the configured scale (for load tests)', async () => {
    const scaled = openPeopleStore({ ...peopleStoreOptions(database.config), rateLimitScale: 100 });
    try {
      const key = freshKey();
      expect((await scaled.rateLimits.consume(key, RULE, 500)).allowed).toBe(true);
      expect((await scaled.rateLimits.consume(key, RULE)).allowed).toBe(false);
      expect(scaled.rateLimits.scaled(RULE)).toEqual({ windowSeconds: 60, max: 500 });
    } finally {
      await scaled.close();
    }
  });

  it('prunes windows that ended long ago and keeps the others', async () => {
    const [old, recent] = [freshKey(), freshKey()];
    await store.rateLimits.consume(old, RULE);
    await store.rateLimits.consume(recent, RULE);
    await store.db
      .updateTable('rate_limit')
      .set({ window_start: new Date(Date.now() - 3 * 86_400_000).toISOString() })
      .where('key', '=', old)
      .execute();
    expect(await store.rateLimits.prune(new Date(Date.now() - 86_400_000))).toBeGreaterThanOrEqual(1);
    const keys = (await store.db.selectFrom('rate_limit').select('key').execute()).map((row) => row.key);
    expect(keys).toContain(recent);
    expect(keys).not.toContain(old);
  });
});

describe('the batched limiter when the store fails', () => {
  it('lets attempts through on local counts, still refusing past the limit, and reports the failure', async () => {
    const failures: unknown[] = [];
    const limiter = batchedLimiter(
      {
        scaled: (rule) => rule,
        consume: () => Promise.reject(new Error('connection refused')),
      },
      RULE,
      { settleEveryMs: 60_000, onError: (error) => failures.push(error) },
    );
    const key = freshKey();
    expect(limiter.hit(key).allowed).toBe(true);
    await limiter.settle();
    expect(failures).toHaveLength(1);
    const rest = Array.from({ length: RULE.max }, () => limiter.hit(key).allowed);
    expect(rest).toEqual([true, true, true, true, false]);
  });
});

describe('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let first: PeopleStore;
  let second: PeopleStore;
  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase('postgres');
    first = await createPeopleStore(database.config);
    second = await createPeopleStore(database.config);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.dispose();
  });

  it('share one search limit once each has settled', async () => {
    const rule = { windowSeconds: 60, max: 10 };
    const one = batchedLimiter(first.rateLimits, rule, { settleEveryMs: 60_000 });
    const two = batchedLimiter(second.rateLimits, rule, { settleEveryMs: 60_000 });
    const key = freshKey();
    for (let i = 0; i < 6; i++) expect(one.hit(key).allowed).toBe(true);
    await one.settle();
    for (let i = 0; i < 4; i++) expect(two.hit(key).allowed).toBe(true);
    await two.settle();
    // The second instance learnt the first one's six from its settlement: ten used, none left.
    expect(two.hit(key).allowed).toBe(false);
    // The first learns of the second's four at its next settlement.
    expect(one.hit(key).allowed).toBe(true);
    await one.settle();
    expect(one.hit(key).allowed).toBe(false);
  });
});
