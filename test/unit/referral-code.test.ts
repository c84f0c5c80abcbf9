import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_BITS,
  canonicalReferralCode,
  newReferralCode,
  referralTokenHash,
} from '../../src/referrals/code.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';

const GROUPED = /^[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){5}-[0-9A-HJKMNP-TV-Z]{2}$/;

describe('referral link codes', () => {
  it('holds at least 128 bits: 26 characters of a 32-letter alphabet', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(new Set(CODE_ALPHABET).size).toBe(32);
    expect(CODE_BITS).toBeGreaterThanOrEqual(128);
    expect(newReferralCode().replace(/-/g, '')).toHaveLength(26);
  });

  it('is written in groups of four without I, L, O or U', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newReferralCode();
      expect(code).toMatch(GROUPED);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it('uses every character of the alphabet and never repeats a code', () => {
    const codes = Array.from({ length: 2000 }, () => newReferralCode());
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Set(codes.join('').replace(/-/g, ''));
    expect([...CODE_ALPHABET].every((char) => seen.has(char))).toBe(true);
  });

  it('reads back to itself', () => {
    const code = newReferralCode();
    expect(canonicalReferralCode(code)).toBe(code);
    expect(referralTokenHash(code)).toBe(hashToken(code));
  });

  it('forgives small letters, spaces, missing or extra dashes', () => {
    const code = newReferralCode();
    const plain = code.replace(/-/g, '');
    for (const typed of [
      code.toLowerCase(),
      plain,
      plain.toLowerCase(),
      code.replace(/-/g, ' '),
      ` ${code.replace(/-/g, ' - ')} `,
      plain.replace(/(.{2})/g, '$1-'),
    ]) {
      expect(canonicalReferralCode(typed), typed).toBe(code);
      expect(referralTokenHash(typed), typed).toBe(hashToken(code));
    }
  });

  it('reads O as 0 and I or L as 1, the letters people mistake for digits', () => {
    const code = '0123-4567-89AB-CDEF-GHJK-MNPQ-RS';
    expect(canonicalReferralCode('Ol23-4567-89ab-cdef-ghjk-mnpq-rs')).toBe(code);
    expect(canonicalReferralCode('oI23 4567 89AB CDEF GHJK MNPQ RS')).toBe(code);
  });

  it('refuses anything that cannot be a code, so no lookup is made', () => {
    const code = newReferralCode();
    for (const typed of [
      '',
      code.slice(0, -1),
      `${code}7`,
      code.replace(/^./, 'U'),
      code.replace(/^./, '*'),
      `${code.slice(0, -2)}é7`,
      '../../etc/passwd',
    ]) {
      expect(canonicalReferralCode(typed), typed).toBeUndefined();
      expect(referralTokenHash(typed), typed).toBeUndefined();
    }
  });

  it('keeps full tokens from before codes working, hashed as they are', () => {
    const token = newToken();
    expect(referralTokenHash(token)).toBe(hashToken(token));
  });
});
