/** What the two-factor pages show: the QR code (SVG, made on the server) and the key to type in instead. */
import QRCode from 'qrcode';

/** The authenticator's URI as a QR code, an SVG string with a text alternative. */
export async function qrCodeSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace(
    '<svg ',
    '<svg role="img" aria-label="QR code for your authenticator app (the key below holds the same)" focusable="false" ',
  );
}

/** The secret from an `otpauth://` URI, in groups of four for typing. */
export function manualKey(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret') ?? '';
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** Only an `otpauth://totp/` URI made by better-auth is shown again (it comes back from the form). */
export function isTotpUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'otpauth:' && /^[A-Z2-7]+=*$/i.test(url.searchParams.get('secret') ?? '');
  } catch {
    return false;
  }
}
