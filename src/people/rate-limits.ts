/**
 * Fixed-window counters shared by every instance (they live in the people store), and a batched
 * limiter in front of them for hot paths (search), where a database write per request would cost
 * more than the request itself.
 */
import { sql } from 'kysely';
import { type Db, type RepoContext } from './repository.ts';

/** At most `max` attempts per key in a window of `windowSeconds`. */
export type RateRule = { windowSeconds: number; max: number };

/** What a check answers; `count` and `windowEndsAt` (ms) describe the shared window after it. */
export type RateDecision = { allowed: boolean; retryAfterSeconds: number; count: number; windowEndsAt: number };

/** Searches (the page and the JSON API together) per client address per minute: an office behind one address included. */
export const SEARCH_LIMIT: RateRule = { windowSeconds: 60, max: 300 };

/** What a refused search is told. */
export const SEARCH_LIMIT_MESSAGE = 'Too many searches from your connection; try again in a minute.';

const retryAfter = (windowEndsAt: number, now: number) => Math.max(1, Math.ceil((windowEndsAt - now) / 1000));

/** The repository; `scale` multiplies every rule's `max` (RATE_LIMIT_SCALE, for load tests only). */
export function rateLimitRepository(db: Db, ctx: RepoContext, scale = 1) {
  const { clock } = ctx;
  const rateLimits = {
    /** Whether `key` has used up its window, without counting an attempt. */
    async peek(key: string, rule: RateRule): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
      const at = clock();
      const row = await db
        .selectFrom('rate_limit')
        .select(['count', 'window_start'])
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return { allowed: true, retryAfterSeconds: 0 };
      const ends = new Date(row.window_start).getTime() + rule.windowSeconds * 1000;
      if (ends <= at.getTime() || Number(row.count) < rule.max * scale) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: retryAfter(ends, at.getTime()) };
    },

    /**
     * Counts `attempts` (default one) against `key` in a fixed window, in one atomic statement (so
     * it holds across processes and restarts). Keys must hold no personal data: hash them first.
     */
    async consume(key: string, rule: RateRule, attempts = 1): Promise<RateDecision> {
      const at = clock();
      const nowIso = at.toISOString();
      const cutoff = new Date(at.getTime() - rule.windowSeconds * 1000).toISOString();
      const row = await db
        .insertInto('rate_limit')
        .values({ key, window_start: nowIso, count: attempts })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`case when rate_limit.window_start <= ${cutoff} then ${attempts} else rate_limit.count + ${attempts} end`,
            window_start: sql<string>`case when rate_limit.window_start <= ${cutoff} then ${nowIso} else rate_limit.window_start end`,
          }),
        )
        .returning(['count', 'window_start'])
        .executeTakeFirstOrThrow();
      const count = Number(row.count);
      const windowEndsAt = new Date(row.window_start).getTime() + rule.windowSeconds * 1000;
      const allowed = count <= rule.max * scale;
      return { allowed, retryAfterSeconds: allowed ? 0 : retryAfter(windowEndsAt, at.getTime()), count, windowEndsAt };
    },

    /** Deletes windows that ended before `cutoff` (they would restart at the next attempt anyway). */
    async prune(cutoff: Date): Promise<number> {
      const result = await db
        .deleteFrom('rate_limit')
        .where('window_start', '<', cutoff.toISOString())
        .executeTakeFirst();
      return Number(result.numDeletedRows ?? 0);
    },

    /** The rule as this store applies it (its `max` times RATE_LIMIT_SCALE). */
    scaled(rule: RateRule): RateRule {
      return { windowSeconds: rule.windowSeconds, max: rule.max * scale };
    },
  };
  return rateLimits;
}

export type RateLimitRepository = ReturnType<typeof rateLimitRepository>;

/** A limiter that decides locally and settles with the shared store in batches. */
export interface BatchedLimiter {
  /** Counts one attempt by `key` (hashed, no personal data) and says whether it may go ahead. */
  hit(key: string): { allowed: boolean; retryAfterSeconds: number };
  /** Sends every pending count to the shared store now (also run on a timer). */
  settle(): Promise<void>;
  /** Keys held in memory (bounded by `maxKeys`). */
  readonly size: number;
}

type KeyState = { pending: number; settled: number; windowEndsAt: number };

/**
 * Counts attempts in memory and settles them with the shared store (`consume` with a count) at
 * most every `settleEveryMs`, so a hot path does no database write per request. Each settlement
 * answers the shared total of every instance, so a client refused on one instance is refused on
 * all of them within one settlement; between settlements N instances may each let through what
 * arrives in one interval (the overshoot is bounded by N x rate x interval). When the shared
 * store fails, attempts are allowed on local counts alone (the path must not fail with it).
 */
export function batchedLimiter(
  shared: Pick<RateLimitRepository, 'consume' | 'scaled'>,
  rule: RateRule,
  options: { settleEveryMs?: number; maxKeys?: number; now?: () => number; onError?: (error: unknown) => void } = {},
): BatchedLimiter {
  const settleEveryMs = options.settleEveryMs ?? 1000;
  const maxKeys = options.maxKeys ?? 20_000;
  const now = options.now ?? Date.now;
  const max = shared.scaled(rule).max;
  const keys = new Map<string, KeyState>();
  let timer: NodeJS.Timeout | undefined;
  let settling: Promise<void> | undefined;

  /** Drops windows that ended with nothing pending; if still too many, the oldest idle ones. */
  function evict(at: number): void {
    for (const [key, state] of keys) if (state.pending === 0 && state.windowEndsAt <= at) keys.delete(key);
    for (const [key, state] of keys) {
      if (keys.size <= maxKeys) break;
      if (state.pending === 0) keys.delete(key);
    }
  }

  async function settleNow(): Promise<void> {
    timer = undefined;
    const batch = [...keys].filter(([, state]) => state.pending > 0);
    for (const [key, state] of batch) {
      const attempts = state.pending;
      state.pending = 0;
      try {
        const decision = await shared.consume(key, rule, attempts);
        state.settled = decision.count;
        state.windowEndsAt = decision.windowEndsAt;
      } catch (error) {
        options.onError?.(error);
        state.settled += attempts;
      }
    }
    evict(now());
  }

  function schedule(): void {
    if (timer) return;
    timer = setTimeout(() => {
      settling = (settling ?? Promise.resolve()).then(settleNow).finally(() => {
        settling = undefined;
      });
    }, settleEveryMs);
    timer.unref();
  }

  return {
    hit(key) {
      const at = now();
      let state = keys.get(key);
      // The window is over: start a fresh one (attempts still pending belonged to the old one).
      if (state && state.windowEndsAt <= at) state = undefined;
      if (!state) {
        state = { pending: 0, settled: 0, windowEndsAt: at + rule.windowSeconds * 1000 };
        keys.delete(key);
        keys.set(key, state);
        if (keys.size > maxKeys) evict(at);
      }
      if (state.settled + state.pending >= max) {
        return { allowed: false, retryAfterSeconds: retryAfter(state.windowEndsAt, at) };
      }
      state.pending += 1;
      schedule();
      return { allowed: true, retryAfterSeconds: 0 };
    },
    async settle() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await settling;
      await settleNow();
    },
    get size() {
      return keys.size;
    },
  };
}
