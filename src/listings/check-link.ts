/**
 * The one-click "still accurate" link sent with review reminders: `/listings/check/<token>`.
 *
 * The token is signed, not stored: base64url(JSON `{ s: service id, g: stage, e: expiry in
 * seconds }`) + "." + base64url(HMAC-SHA256). The key is derived from the app's secret
 * (`AUTH_SECRET`) for this purpose only, so a token can never pass for anything else. It holds no
 * personal data: anyone the reminder is forwarded to may confirm the listing, which is the point.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { REMINDER_STAGES, type ReminderStage } from './verification.ts';

/** How long a link works after it is sent. */
export const CHECK_LINK_DAYS = 45;

export interface CheckClaims {
  serviceId: string;
  /** The reminder it came with. */
  stage: ReminderStage;
  expiresAt: Date;
}

export type CheckLinkResult = { ok: true; claims: CheckClaims } | { ok: false; reason: 'invalid' | 'expired' };

const payloadSchema = z.object({
  s: z.uuid(),
  g: z.enum(REMINDER_STAGES),
  e: z.number().int().positive(),
});

const keyOf = (secret: string) => createHmac('sha256', secret).update('signpost:listing-check-link:v1').digest();
const mac = (secret: string, body: string) => createHmac('sha256', keyOf(secret)).update(body).digest();

/** A signed link token for `serviceId`, working until `expiresAt` (default 45 days from `now`). */
export function signCheckToken(
  secret: string,
  input: { serviceId: string; stage: ReminderStage; now: Date; expiresAt?: Date },
): string {
  const expiresAt = input.expiresAt ?? new Date(input.now.getTime() + CHECK_LINK_DAYS * 86_400_000);
  const body = Buffer.from(
    JSON.stringify({ s: input.serviceId, g: input.stage, e: Math.floor(expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** Checks a token's signature, then its expiry; never throws for any input. */
export function verifyCheckToken(secret: string, token: string, now: Date): CheckLinkResult {
  if (token.length > 400 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return { ok: false, reason: 'invalid' };
  const [body, signature] = token.split('.') as [string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const payload = payloadSchema.safeParse(parsed);
  if (!payload.success) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(payload.data.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { serviceId: payload.data.s.toLowerCase(), stage: payload.data.g, expiresAt } };
}
