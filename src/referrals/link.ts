/**
 * The capability link a resident gets: `/r/<code>`, with a code of 130 bits from the CSPRNG that
 * a person can type (`./code.ts`; only its SHA-256 is stored), a QR code of it as SVG, and words
 * to paste into a text or email.
 */
import QRCode from 'qrcode';
import { formatDate } from '../schedules/index.ts';

/** The path of a referral link (no host). */
export const linkPath = (token: string): string => `/r/${token}`;

/** The full link, for the QR code, the card and the message. */
export const linkUrl = (siteUrl: string, token: string): string => `${siteUrl.replace(/\/+$/, '')}${linkPath(token)}`;

/**
 * The QR code of `url` as an SVG element (our own library's output, checked to hold nothing but
 * the QR paths before it goes into a page). Labelled for screen readers.
 */
export async function qrCodeSvg(url: string, label = 'QR code for the link'): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const trimmed = svg.trim();
  // qrcode writes `<svg xmlns=... viewBox=... shape-rendering=...><path .../><path .../></svg>`.
  if (!/^<svg [^<>]*>(?:<path [^<>]*\/>|<path [^<>]*><\/path>)+<\/svg>$/.test(trimmed)) {
    throw new Error('The QR code library returned something other than paths; refusing to put it in a page.');
  }
  const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return trimmed.replace(/^<svg /, `<svg role="img" aria-label="${escaped}" focusable="false" class="sp-referral-qr" `);
}

/** What a connector pastes into a text message or an email: no name, nothing about health. */
export function messageText(input: { url: string; expiresAt: string; activities: number }): string {
  const what = input.activities === 1 ? 'the activity we talked about' : 'the activities we talked about';
  return [
    `Hello, here is the link to ${what}: ${input.url}`,
    `You do not need an account. The link works until ${formatDate(input.expiresAt)}; please keep it to yourself.`,
    'If you need help urgently, call NHS 111 and choose the mental health option.',
  ].join('\n');
}
