/**
 * The secret in a resident's link, written so a person can type it from a printed card: 26
 * characters of Crockford's base32 (130 bits from the CSPRNG), grouped in fours with dashes,
 * e.g. `7KQ2-M9XA-...-R4`. Reading is forgiving: lower case, spaces, dashes, and the letters
 * people confuse with digits (O for 0, I and L for 1) all mean the same code. Only the SHA-256
 * of its canonical (grouped, upper-case) form is stored, as for every other token.
 *
 * Links made before codes (43 base64url characters, 256 bits) keep working: they are hashed as
 * they are. See https://www.crockford.com/base32.html.
 */
import { randomBytes } from 'node:crypto';
import { hashToken, looksLikeToken } from '../people/tokens.ts';

/** Crockford's alphabet: digits and letters without I, L, O and U. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in a code; each carries 5 bits. */
export const CODE_LENGTH = 26;
/** Bits of randomness in a code. */
export const CODE_BITS = CODE_LENGTH * 5;

/** Letters read as the digit they look like. */
const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

/** "7KQ2M9XA..." as "7KQ2-M9XA-...". */
const grouped = (code: string) => code.match(/.{1,4}/g)!.join('-');

/** A new code, grouped: 26 characters, each 5 uniform random bits (256 is a multiple of 32). */
export function newReferralCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  return grouped(Array.from(bytes, (byte) => CODE_ALPHABET[byte & 31]).join(''));
}

/**
 * The canonical (grouped, upper-case) form of a code as someone typed it, or undefined if it
 * cannot be one: spaces and dashes anywhere, any case, O for 0, I or L for 1.
 */
export function canonicalReferralCode(typed: string): string | undefined {
  const plain = typed
    .replace(/[\s-]+/g, '')
    .toUpperCase()
    .replace(/[OIL]/g, (letter) => LOOK_ALIKES[letter]!);
  if (plain.length !== CODE_LENGTH) return undefined;
  for (const char of plain) if (!CODE_ALPHABET.includes(char)) return undefined;
  return grouped(plain);
}

/**
 * What the store keeps for a link's secret, for a code (in any typed form) or an older full
 * token; undefined when it can be neither, so no lookup is made.
 */
export function referralTokenHash(typed: string): string | undefined {
  if (looksLikeToken(typed)) return hashToken(typed);
  const code = canonicalReferralCode(typed);
  return code ? hashToken(code) : undefined;
}
