/**
 * UK phone numbers grouped as people read them aloud: "020 7946 0991", "07700 900123",
 * "0800 123 4567", "0161 496 0000", "01632 960001". Anything that is not a UK number is
 * shown as it was given.
 */
import { ukPhoneNumber } from './form.ts';

export function formatUkPhone(text: string): string {
  const digits = ukPhoneNumber(text);
  if (!digits) return text.trim();
  if (digits.length === 10) {
    // Older 10-digit numbers (01xxx xxxxx) and some 0800 numbers (0800 xxxxxx).
    return `${digits.slice(0, 4)} ${digits.slice(4)}`;
  }
  // 11 digits from here on.
  if (/^02/.test(digits)) return `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  if (/^0(3|8|9)/.test(digits)) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  // Cities with a 3-digit code after 01: 0113, 0114, 0115, 0116, 0117, 0118, 0121 ... 0191, 0161.
  if (/^01\d1/.test(digits) || /^011\d/.test(digits)) {
    return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  }
  // Mobiles (07), and other geographic numbers (01xxx xxxxxx).
  return `${digits.slice(0, 5)} ${digits.slice(5)}`;
}
