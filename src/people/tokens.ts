/**
 * Capability tokens (invitation links, later referral links): 256 bits from the CSPRNG, sent once
 * and never stored; the store keeps only their SHA-256. A high-entropy token needs no slow hash.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new token: 32 random bytes, base64url (43 characters, safe in a URL path). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a token made by `newToken` (checked before any lookup). */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
