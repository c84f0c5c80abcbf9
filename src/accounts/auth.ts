/**
 * Accounts through better-auth: email and password (no public sign-up: people are invited),
 * TOTP two-factor (required for editors and admins, see `viewer.ts`), password reset through the
 * outbox, idle and absolute session timeouts, `__Host-` cookies, rate limits kept in the store.
 */
import { APIError, betterAuth, type BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';
import { twoFactor } from 'better-auth/plugins/two-factor';
import type { Config } from '../config.ts';
import type { PeopleStore } from '../people/store.ts';
import { isCommonPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { resolveAuthSecret } from './secret.ts';

/** Where better-auth is mounted (`site/pages/api/auth/[...all].ts`). */
export const AUTH_BASE_PATH = '/api/auth';

/**
 * The header the auth route sets from the connection's address (replacing anything a client
 * sent), which better-auth's rate limits key on.
 */
export const CLIENT_ADDRESS_HEADER = 'x-signpost-client-address';

/** Cookie names start with this: `__Host-` means Secure, Path=/ and no Domain, enforced by browsers. */
export const COOKIE_PREFIX = '__Host-signpost';

/** Failed or not, at most this many sign-in attempts per address per window. */
export const SIGN_IN_LIMIT = { window: 60, max: 5 };

/** How often an active session's idle deadline moves forward (seconds). */
const SESSION_REFRESH_SECONDS = 60;

/** Refuses common passwords wherever better-auth sets one (reset, change). */
function commonPasswordCheck(): BetterAuthPlugin {
  return {
    id: 'signpost-common-passwords',
    init(ctx) {
      const hash = ctx.password.hash;
      return {
        context: {
          password: {
            ...ctx.password,
            async hash(password: string) {
              if (isCommonPassword(password)) {
                throw APIError.from('BAD_REQUEST', {
                  code: 'PASSWORD_TOO_COMMON',
                  message: 'That password is too common or easy to guess. Try three or four random words together.',
                });
              }
              return hash(password);
            },
          },
        },
      };
    },
  };
}

/** Audit entries for account events (no personal data: user ids and the path only). */
function auditTrail(store: PeopleStore): BetterAuthPlugin {
  const audited: Record<string, string> = {
    '/sign-in/email': 'auth.sign-in',
    '/two-factor/verify-totp': 'auth.sign-in',
    '/two-factor/verify-backup-code': 'auth.sign-in',
    '/sign-out': 'auth.sign-out',
    '/revoke-sessions': 'auth.sign-out-everywhere',
    '/reset-password': 'auth.password-reset',
    '/change-password': 'auth.password-change',
    '/two-factor/disable': 'auth.two-factor-disable',
  };
  return {
    id: 'signpost-audit',
    hooks: {
      after: [
        {
          matcher: (ctx) => Boolean(ctx.path && audited[ctx.path]),
          handler: createAuthMiddleware(async (ctx) => {
            const returned: unknown = ctx.context.returned;
            if (returned instanceof Error || (returned instanceof Response && !returned.ok)) return;
            const userId = ctx.context.newSession?.user.id ?? ctx.context.session?.user.id ?? null;
            // A password sign-in that still needs its second factor has no session yet.
            if (ctx.path === '/sign-in/email' && !ctx.context.newSession) return;
            await store.audit.append({
              actorUserId: userId,
              action: audited[ctx.path]!,
              subjectKind: 'user',
              subjectId: userId,
              detail: { via: ctx.path },
            });
          }),
        },
      ],
    },
  };
}

export function createAuth(store: PeopleStore, config: Config, options: { log?: (line: string) => void } = {}) {
  const idleSeconds = config.session.idleMinutes * 60;
  const maxMs = config.session.maxHours * 3_600_000;
  return betterAuth({
    appName: 'Signpost',
    baseURL: config.siteUrl,
    basePath: AUTH_BASE_PATH,
    secret: resolveAuthSecret(config, options.log),
    trustedOrigins: [config.siteUrl],
    telemetry: { enabled: false },
    database: { db: store.db, type: store.kind === 'postgres' ? 'postgres' : 'sqlite', transaction: true },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      autoSignIn: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      // The link goes into the outbox only: never into a log line.
      async sendResetPassword({ user, token }) {
        await store.outbox.enqueue({
          channel: 'email',
          template: 'password-reset',
          recipient: user.email,
          payload: { link: `${config.siteUrl}/reset-password/${encodeURIComponent(token)}`, expiresInMinutes: 60 },
        });
      },
    },
    user: {
      additionalFields: {
        role: { type: 'string', required: true, input: false },
      },
    },
    session: {
      // Idle timeout: a session lives `idle` minutes past its last use (moved on at most once a minute).
      expiresIn: idleSeconds,
      updateAge: SESSION_REFRESH_SECONDS,
      cookieCache: { enabled: false },
    },
    databaseHooks: {
      session: {
        update: {
          // Absolute timeout: a refresh never moves the deadline past creation + SESSION_MAX_HOURS.
          async before(data, ctx) {
            const createdAt = ctx?.context.session?.session.createdAt;
            if (!data.expiresAt || !createdAt) return;
            const limit = new Date(new Date(createdAt).getTime() + maxMs);
            if (new Date(data.expiresAt) > limit) return { data: { ...data, expiresAt: limit } };
          },
        },
      },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': SIGN_IN_LIMIT,
        '/request-password-reset': { window: 15 * 60, max: 5 },
        '/reset-password': { window: 15 * 60, max: 10 },
        '/two-factor/*': { window: 60, max: 10 },
      },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // better-auth's own secure mode would prefix `__Secure-`; the attributes below make the
      // `__Host-` cookies Secure whatever the protocol (browsers accept that on localhost too).
      useSecureCookies: false,
      defaultCookieAttributes: { secure: true, httpOnly: true, sameSite: 'lax', path: '/' },
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    plugins: [
      twoFactor({ issuer: 'Signpost', totpOptions: { digits: 6, period: 30 } }),
      commonPasswordCheck(),
      auditTrail(store),
    ],
  });
}

export type SignpostAuth = ReturnType<typeof createAuth>;

/**
 * The request better-auth should see: the client's address in `CLIENT_ADDRESS_HEADER`, set here
 * from the connection and never taken from the client.
 */
export function withClientAddress(request: Request, clientAddress: string | undefined): Request {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  if (clientAddress) headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
  return new Request(request, { headers });
}
