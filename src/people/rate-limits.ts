/**
 * Fixed-window counters shared by every instance (they live in the people store).
 */
import { sql } from 'kysely';
import { type Db, type RepoContext } from './repository.ts';

export function rateLimitRepository(db: Db, ctx: RepoContext) {
  const { clock } = ctx;
  const rateLimits = {
    /** Whether `key` has used up its window, without counting an attempt. */
    async peek(
      key: string,
      rule: { windowSeconds: number; max: number },
    ): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
      const at = clock();
      const row = await db
        .selectFrom('rate_limit')
        .select(['count', 'window_start'])
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return { allowed: true, retryAfterSeconds: 0 };
      const ends = new Date(row.window_start).getTime() + rule.windowSeconds * 1000;
      if (ends <= at.getTime() || Number(row.count) < rule.max) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((ends - at.getTime()) / 1000)) };
    },

    /**
     * Counts one attempt against `key` in a fixed window, in one atomic statement (so it holds
     * across processes and restarts). Keys must hold no personal data: hash them first.
     */
    async consume(
      key: string,
      rule: { windowSeconds: number; max: number },
    ): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
      const at = clock();
      const nowIso = at.toISOString();
      const cutoff = new Date(at.getTime() - rule.windowSeconds * 1000).toISOString();
      const row = await db
        .insertInto('rate_limit')
        .values({ key, window_start: nowIso, count: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`case when rate_limit.window_start <= ${cutoff} then 1 else rate_limit.count + 1 end`,
            window_start: sql<string>`case when rate_limit.window_start <= ${cutoff} then ${nowIso} else rate_limit.window_start end`,
          }),
        )
        .returning(['count', 'window_start'])
        .executeTakeFirstOrThrow();
      const allowed = Number(row.count) <= rule.max;
      const retryAfterSeconds = allowed
        ? 0
        : Math.max(
            1,
            Math.ceil((new Date(row.window_start).getTime() + rule.windowSeconds * 1000 - at.getTime()) / 1000),
          );
      return { allowed, retryAfterSeconds };
    },
  };
  return rateLimits;
}
