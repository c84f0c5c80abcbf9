/**
 * The password rule, as NCSC and NIST SP 800-63B put it: long enough, long passwords welcome
 * (paste and password managers work), no composition rules, and common or easily guessed
 * passwords refused. Checked offline against a bundled list (`common-passwords.ts`); better-auth's
 * `haveIBeenPwned` plugin needs the network, which a server here may not have.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS.split('\n'));
  return common;
}

/** Runs of characters people walk along on a keyboard or count through. */
const SEQUENCES = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  "qwertyuiop[]asdfghjkl;'zxcvbnm,./",
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '1q2w3e4r5t6y7u8i9o0p',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7',
  '!@#$%^&*()_+',
];

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
};

function unleet(text: string): string {
  return [...text].map((ch) => LEET[ch] ?? ch).join('');
}

/** The word inside decorations people add to meet old rules: "Password2024!" -> "password". */
function core(text: string): string {
  return text.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
}

function isSequence(text: string): boolean {
  if (text.length < 4) return false;
  return SEQUENCES.some((seq) => seq.includes(text) || [...seq].reverse().join('').includes(text));
}

/** The shortest unit the text repeats, if it is a repetition ("abcabcabc" -> "abc"). */
function repeatedUnit(text: string): string | undefined {
  return /^(.+?)\1+$/su.exec(text)?.[1];
}

/** Whether a password is too common or too easy to guess, whatever its length. */
export function isCommonPassword(password: string, context: { email?: string; name?: string } = {}): boolean {
  const lower = password.normalize('NFKC').toLowerCase();
  const set = commonPasswords();
  const personal = [
    context.email?.toLowerCase(),
    context.email?.toLowerCase().split('@')[0],
    context.name?.toLowerCase().replace(/\s+/g, ''),
  ].filter((word): word is string => Boolean(word && word.length >= 3));
  const candidates = new Set<string>();
  for (const base of [lower, lower.replace(/\s+/g, '')]) {
    candidates.add(base);
    candidates.add(core(base));
    candidates.add(unleet(base));
    candidates.add(core(unleet(base)));
    candidates.add(unleet(core(base)));
  }
  for (const candidate of candidates) {
    if (candidate.length === 0) continue;
    if (set.has(candidate) || personal.includes(candidate) || isSequence(candidate)) return true;
    const unit = repeatedUnit(candidate);
    if (unit && (unit.length <= 4 || set.has(unit) || isSequence(unit))) return true;
  }
  if (new Set(lower).size < 4) return true;
  return false;
}

/** Why a new password is not acceptable, in words for the person choosing it; undefined if it is fine. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Your password needs at least ${MIN_PASSWORD_LENGTH} characters. Three or four random words together make a strong one.`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `Your password can have at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (isCommonPassword(password, context)) {
    return 'That password is too common or easy to guess. Try three or four random words together.';
  }
  return undefined;
}
