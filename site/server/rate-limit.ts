/**
 * Rate limits for search (the page and the JSON API): counted in memory per instance and settled
 * with the people store every second (`batchedLimiter`), so a search costs no database write and
 * every instance still sees the shared count. Also prunes ended windows from the store.
 */
import type { AstroGlobal, APIContext } from 'astro';
import { batchedLimiter, SEARCH_LIMIT, type BatchedLimiter } from '@src/people/rate-limits';
import { hashToken } from '@src/people/tokens';
import type { PeopleStore } from '@src/people';
import { safe } from '@src/security/log';
import { onShutdown, people } from './context';

export { SEARCH_LIMIT, SEARCH_LIMIT_MESSAGE } from '@src/people/rate-limits';

/** The connection's address (Astro trusts X-Forwarded-For only for `security.allowedDomains`). */
export function clientAddressOf(context: Pick<AstroGlobal, 'clientAddress'> | Pick<APIContext, 'clientAddress'>) {
  try {
    return context.clientAddress || 'unknown';
  } catch {
    // No address on this adapter or request: every such request shares one limit.
    return 'unknown';
  }
}

let limiter: Promise<BatchedLimiter> | undefined;
let errorLogged = 0;

function searchLimiter(): Promise<BatchedLimiter> {
  limiter ??= people()
    .then(({ store }) => {
      startPruning(store);
      // Counts not yet settled are written before the people store closes.
      onShutdown('search rate limits', async () => {
        clearInterval(pruneTimer);
        await settleSearchLimits();
      });
      return batchedLimiter(store.rateLimits, SEARCH_LIMIT, {
        onError(error) {
          // One line a minute at most: the store being down must not flood the log.
          if (Date.now() - errorLogged < 60_000) return;
          errorLogged = Date.now();
          console.error(`Search rate limit: could not settle with the people store: ${safe(error)}`);
        },
      });
    })
    .catch((error: unknown) => {
      limiter = undefined;
      throw error;
    });
  return limiter;
}

/**
 * Counts one search by this client; `undefined` when it may go ahead, else how long to wait.
 * Never throws: a people store that cannot be reached lets searches through.
 */
export async function searchRefusal(
  context: Pick<AstroGlobal, 'clientAddress'> | Pick<APIContext, 'clientAddress'>,
): Promise<{ retryAfterSeconds: number } | undefined> {
  let current: BatchedLimiter;
  try {
    current = await searchLimiter();
  } catch {
    return undefined;
  }
  const decision = current.hit(`search:${hashToken(clientAddressOf(context))}`);
  return decision.allowed ? undefined : { retryAfterSeconds: decision.retryAfterSeconds };
}

/** Settles pending search counts now (for a graceful shutdown). */
export async function settleSearchLimits(): Promise<void> {
  if (limiter) await (await limiter).settle();
}

// ---------------------------------------------------------------------------------------------
// Pruning: one row per key lives on after its window; the longest window is a day.

const PRUNE_EVERY_MS = 60 * 60_000;
const KEEP_MS = 48 * 60 * 60_000;
let pruneTimer: NodeJS.Timeout | undefined;

function startPruning(store: PeopleStore): void {
  if (pruneTimer) return;
  pruneTimer = setInterval(() => {
    store.rateLimits
      .prune(new Date(store.clock().getTime() - KEEP_MS))
      .catch((error: unknown) => console.error(`Rate limit pruning failed: ${safe(error)}`));
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();
}
