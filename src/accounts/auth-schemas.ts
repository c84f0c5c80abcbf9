/**
 * The JSON bodies better-auth's endpoints accept, checked before better-auth sees them (a
 * before-hook in `auth.ts`): a null, array or object where text belongs answers a clear 400, never
 * a 500 or a half-applied update. Endpoints not listed here still need a flat JSON object of
 * text, numbers, true/false or null.
 */
import * as z from 'zod';

const MAX_TEXT = 10_000;

const text = (max = MAX_TEXT) => z.string().max(max);
const password = text(1024);
const email = text(320);
const code = text(64);

/** A path on this site (`/account`), never another site or a scheme (`//evil`, `javascript:`). */
export function isSameSitePath(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return false;
  if (value.length > 500) return false;
  return !/[\u0000-\u001f\u007f\\]/.test(value);
}

const sameSitePath = z
  .string()
  .refine(isSameSitePath, { message: 'must be a path on this site, starting with a single /' });

const scalar = z.union([z.string().max(MAX_TEXT), z.number(), z.boolean(), z.null()]);

/** Any endpoint's body: a flat object of scalars. */
export const ANY_BODY = z.record(z.string(), scalar);

export const AUTH_BODY_SCHEMAS: Record<string, z.ZodType> = {
  '/sign-in/email': z.object({
    email,
    password,
    rememberMe: z.boolean().optional(),
    callbackURL: sameSitePath.optional(),
  }),
  '/request-password-reset': z.object({ email, redirectTo: sameSitePath.optional() }),
  '/reset-password': z.object({ newPassword: password, token: text(512).optional() }),
  '/change-password': z.object({
    currentPassword: password,
    newPassword: password,
    revokeOtherSessions: z.boolean().optional(),
  }),
  '/update-user': z.strictObject({ name: text(200).trim().min(1).optional(), image: text(2048).optional() }),
  '/two-factor/enable': z.object({ password, issuer: text(100).optional(), code: code.optional() }),
  '/two-factor/disable': z.object({ password }),
  '/two-factor/verify-totp': z.object({ code, trustDevice: z.boolean().optional() }),
  '/two-factor/verify-backup-code': z.object({
    code,
    trustDevice: z.boolean().optional(),
    disableSession: z.boolean().optional(),
  }),
  '/two-factor/generate-backup-codes': z.object({ password }),
  '/two-factor/get-totp-uri': z.object({ password }),
  '/revoke-session': z.object({ token: text(512) }),
};

/** Why `body` is not acceptable for `path`, in a sentence; undefined when it is fine. */
export function authBodyProblem(path: string, body: unknown): string | undefined {
  const flat = ANY_BODY.safeParse(body);
  const result = flat.success ? (AUTH_BODY_SCHEMAS[path]?.safeParse(body) ?? flat) : flat;
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  if (!field) return 'The request body must be a JSON object.';
  if (issue.code === 'invalid_union') return `“${field.slice(0, 50)}” must be text, a number, true or false.`;
  if (issue.code === 'invalid_type') return `“${field.slice(0, 50)}” must be ${describe(issue.expected)}.`;
  if (issue.code === 'unrecognized_keys') return `“${issue.keys.join(', ').slice(0, 50)}” cannot be changed here.`;
  if (issue.code === 'too_big') return `“${field.slice(0, 50)}” is too long.`;
  if (issue.code === 'too_small') return `“${field.slice(0, 50)}” cannot be empty.`;
  return `“${field.slice(0, 50)}” ${issue.message}.`;
}

function describe(expected: string): string {
  if (expected === 'string') return 'text';
  if (expected === 'boolean') return 'true or false';
  return `a ${expected}`;
}
