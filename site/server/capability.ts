/**
 * Pages opened by a capability link (`/invite/<token>`, `/reset-password/<token>`): never cached,
 * never indexed, never sent on as a referrer, and lookups limited per client address so links
 * cannot be guessed.
 */
import type { AstroGlobal } from 'astro';
import { hashToken } from '@src/people/tokens';
import { people } from './context';

/** Lookups of one kind per address per minute. */
export const LINK_LOOKUP_LIMIT = { windowSeconds: 60, max: 20 };

/** Sets the headers; answers false (and a 429 status) when this address has tried too many links. */
export async function guardCapabilityPage(astro: AstroGlobal, kind: string): Promise<boolean> {
  astro.response.headers.set('Cache-Control', 'no-store');
  astro.response.headers.set('Referrer-Policy', 'no-referrer');
  astro.response.headers.set('X-Robots-Tag', 'noindex');
  const { store } = await people();
  const { allowed, retryAfterSeconds } = await store.rateLimits.consume(
    `${kind}-lookup:${hashToken(astro.clientAddress ?? 'unknown')}`,
    LINK_LOOKUP_LIMIT,
  );
  if (!allowed) {
    astro.response.status = 429;
    astro.response.headers.set('Retry-After', String(retryAfterSeconds));
  }
  return allowed;
}
