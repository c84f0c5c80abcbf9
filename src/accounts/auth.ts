/**
 * Accounts through better-auth: email and password (no public sign-up: people are invited),
 * TOTP two-factor (required for editors and admins, see `viewer.ts`), password reset through the
 * outbox, idle and absolute session timeouts, `__Host-` cookies, rate limits kept in the store.
 */
import { APIError, betterAuth, type BetterAuthPlugin } from 'better-auth';
import { createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { symmetricDecrypt } from 'better-auth/crypto';
import { kyselyAdapter } from '@better-auth/kysely-adapter';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import type { Config } from '../config.ts';
import type { Role } from '../people/schema.ts';
import type { PeopleStore } from '../people/store.ts';
import { hashToken } from '../people/tokens.ts';
import { safe } from '../security/log.ts';
import { authBodyProblem } from './auth-schemas.ts';
import { withHashedTokens } from './hashed-tokens.ts';
import { isCommonPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { resolveAuthSecret } from './secret.ts';
import { TWO_FACTOR_ROLES } from './viewer.ts';

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

/**
 * Per account, whatever the address: after `max` wrong passwords within `windowSeconds` of the
 * first, sign-in answers 429 until that short window ends; then the right password works again.
 * Only failures count, so a stranger can delay the real person by two minutes at most per round.
 */
export const ACCOUNT_BACKOFF = { windowSeconds: 120, max: 8 };

/** Said when a switched-off account signs in with the right password. */
export const DEACTIVATED_MESSAGE = 'This account has been switched off. Ask your administrator.';

const TOTP = { digits: 6, period: 30 } as const;

const accountKey = (email: string) => `sign-in-account:${hashToken(email.trim().toLowerCase())}`;

/** Where each role lands after signing in, unless a safe same-site return path was asked for. */
export const LANDING: Record<Role, string> = {
  connector: '/referrals',
  partner: '/partner/referrals',
  editor: '/editor/changes',
  admin: '/admin/users',
  commissioner: '/reports',
};

export function landingFor(role: Role | string | undefined): string {
  return (role && LANDING[role as Role]) || '/account';
}

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

/**
 * Checks before better-auth acts: every JSON body against its schema (`auth-schemas.ts`); every
 * session follows the idle timeout (better-auth's "don't remember me" gives a fixed 24 hours);
 * per-account back-off on sign-in; two-factor cannot be switched off by roles that need it, and
 * setting it up again needs a current code.
 */
function accountGuards(store: PeopleStore): BetterAuthPlugin {
  return {
    id: 'signpost-account-guards',
    hooks: {
      before: [
        {
          matcher: () => true,
          handler: createAuthMiddleware(async (ctx) => {
            const path = ctx.path ?? '';
            if (ctx.request?.method === 'POST' || ctx.body !== undefined) {
              const problem = authBodyProblem(path, ctx.body ?? {});
              if (problem) throw APIError.from('BAD_REQUEST', { code: 'INVALID_REQUEST_BODY', message: problem });
            }
            if (path === '/sign-in/email') {
              const body = ctx.body as { email: string; rememberMe?: boolean };
              const backoff = await store.rateLimits.peek(accountKey(body.email), ACCOUNT_BACKOFF);
              if (!backoff.allowed) {
                throw new APIError(
                  'TOO_MANY_REQUESTS',
                  {
                    code: 'TOO_MANY_ATTEMPTS',
                    message: 'Too many attempts to sign in to this account. Wait, then try again.',
                  },
                  {
                    'Retry-After': String(backoff.retryAfterSeconds),
                    'X-Retry-After': String(backoff.retryAfterSeconds),
                  },
                );
              }
              // Every session follows SESSION_IDLE_MINUTES, so "remember me" is always on.
              if (body.rememberMe === false) return { context: { body: { ...body, rememberMe: true } } };
            }
            if (path === '/two-factor/disable' || path === '/two-factor/enable') {
              const session = await getSessionFromCtx(ctx);
              if (!session) return;
              const role = (session.user as { role?: string }).role as Role;
              if (path === '/two-factor/disable' && TWO_FACTOR_ROLES.includes(role)) {
                throw APIError.from('FORBIDDEN', {
                  code: 'TWO_FACTOR_REQUIRED',
                  message: 'Two-factor authentication is required for your role, so it cannot be switched off.',
                });
              }
              if (path === '/two-factor/enable' && session.user.twoFactorEnabled) {
                const code = (ctx.body as { code?: string }).code;
                if (!code || !(await currentCodeIsRight(ctx.context, session.user.id, code))) {
                  throw APIError.from('UNAUTHORIZED', {
                    code: 'INVALID_CODE',
                    message:
                      'Two-factor authentication is already set up: enter a current code from your app to set it up again.',
                  });
                }
                const rest = { ...(ctx.body as Record<string, unknown>) };
                delete rest.code;
                return { context: { body: rest } };
              }
            }
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === '/sign-in/email',
          handler: createAuthMiddleware(async (ctx) => {
            const returned: unknown = ctx.context.returned;
            const failed = returned instanceof APIError && returned.statusCode === 401;
            const email = (ctx.body as { email?: unknown } | undefined)?.email;
            if (failed && typeof email === 'string') await store.rateLimits.consume(accountKey(email), ACCOUNT_BACKOFF);
          }),
        },
      ],
    },
  };
}

/** Whether `code` is the current TOTP code of the user's enrolled secret. */
async function currentCodeIsRight(
  context: {
    adapter: { findOne: <T>(query: { model: string; where: { field: string; value: string }[] }) => Promise<T | null> };
    secretConfig?: unknown;
    secret: string;
  },
  userId: string,
  code: string,
): Promise<boolean> {
  const row = await context.adapter.findOne<{ secret: string }>({
    model: 'twoFactor',
    where: [{ field: 'userId', value: userId }],
  });
  if (!row) return false;
  const stored = await symmetricDecrypt({ key: (context.secretConfig ?? context.secret) as string, data: row.secret });
  const secret = stored.startsWith('base32:') ? base32.decode(stored.slice(7).toUpperCase()) : stored;
  return createOTP(secret, TOTP).verify(code);
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
  const scale = config.rateLimitScale ?? 1;
  return betterAuth({
    appName: 'Signpost',
    baseURL: config.siteUrl,
    basePath: AUTH_BASE_PATH,
    secret: resolveAuthSecret(config, options.log),
    trustedOrigins: [config.siteUrl],
    telemetry: { enabled: false },
    // better-auth's own messages can carry request values: one bounded, escaped line each.
    logger: {
      log(level, message, ...args) {
        const line = `[auth] ${level}: ${safe(message)}${args.length ? ' ' + args.map((a) => safe(a)).join(' ') : ''}`;
        if (level === 'error') console.error(line);
        else if (level === 'warn') console.warn(line);
        else console.log(line);
      },
    },
    database: withHashedTokens(
      kyselyAdapter(store.db, { type: store.kind === 'postgres' ? 'postgres' : 'sqlite', transaction: true }),
    ),
    // Password-reset tokens and two-factor steps are stored as hashes too.
    verification: { storeIdentifier: 'hashed' },
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
        deactivatedAt: { type: 'string', required: false, input: false, fieldName: 'deactivated_at' },
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
        create: {
          // A switched-off account gets no session, whichever way it signs in.
          async before(data, ctx) {
            // Through better-auth's adapter, so inside its transaction when there is one (a
            // second query on the SQLite connection would wait for that transaction forever).
            const user = ctx
              ? await ctx.context.internalAdapter.findUserById(String(data.userId))
              : await store.db
                  .selectFrom('user')
                  .select('deactivated_at as deactivatedAt')
                  .where('id', '=', String(data.userId))
                  .executeTakeFirst();
            if ((user as { deactivatedAt?: string | null } | null | undefined)?.deactivatedAt) {
              throw APIError.from('UNAUTHORIZED', { code: 'ACCOUNT_DEACTIVATED', message: DEACTIVATED_MESSAGE });
            }
          },
        },
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
    // Kept in the people store's `rateLimit` table (not in memory), so every instance shares them;
    // keyed on CLIENT_ADDRESS_HEADER, set from the connection. RATE_LIMIT_SCALE is for load tests.
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100 * scale,
      customRules: {
        '/sign-in/email': { window: SIGN_IN_LIMIT.window, max: SIGN_IN_LIMIT.max * scale },
        '/request-password-reset': { window: 15 * 60, max: 5 * scale },
        '/reset-password': { window: 15 * 60, max: 10 * scale },
        '/two-factor/*': { window: 60, max: 10 * scale },
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
      twoFactor({ issuer: 'Signpost', totpOptions: TOTP }),
      accountGuards(store),
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
