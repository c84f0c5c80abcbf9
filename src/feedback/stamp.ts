/**
 * Form stamps: when a public feedback form was shown, signed with a key derived from the app's
 * secret (`AUTH_SECRET`), so a bot cannot post a form it never loaded, nor back-date one to beat
 * the minimum time a person needs. A stamp holds no personal data and sets no cookie, so the
 * pages that carry one stay cacheable.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a stamp is for; a stamp made for one form is refused by another. */
export type StampPurpose = 'report' | 'suggest' | 'rate' | 'comment';

/** A stamp older than this is refused ("open too long"): 24 hours, so a tab left open overnight still works. */
export const STAMP_MAX_AGE_SECONDS = 24 * 60 * 60;

const VERSION = 'v1';

/** The stamp key: HMAC of a fixed label under the app secret, so it differs from every other use of the secret. */
export function stampKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('signpost feedback form stamp').digest();
}

const signature = (key: Buffer, purpose: StampPurpose, issuedAt: number) =>
  createHmac('sha256', key).update(`${VERSION}:${purpose}:${issuedAt}`).digest('base64url');

/** A stamp for a form of `purpose` shown at `at`. */
export function makeStamp(key: Buffer, purpose: StampPurpose, at: Date): string {
  const issuedAt = at.getTime();
  return `${VERSION}.${issuedAt}.${signature(key, purpose, issuedAt)}`;
}

/** How old a stamp is in seconds, or why it is refused. */
export function readStamp(
  key: Buffer,
  purpose: StampPurpose,
  stamp: string | undefined,
  at: Date,
): { ok: true; ageSeconds: number } | { ok: false; reason: 'invalid' | 'expired' } {
  const match = /^v1\.(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(stamp ?? '');
  if (!match) return { ok: false, reason: 'invalid' };
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(signature(key, purpose, issuedAt));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  const ageSeconds = (at.getTime() - issuedAt) / 1000;
  // A stamp from the future (clock skew between instances) counts as just made.
  if (ageSeconds > STAMP_MAX_AGE_SECONDS) return { ok: false, reason: 'expired' };
  return { ok: true, ageSeconds: Math.max(0, ageSeconds) };
}
