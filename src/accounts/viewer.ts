/**
 * Who is asking: the signed-in person, their role and organisations, read once per request from
 * better-auth's session. Pages and API routes decide access with `access()` only.
 *
 * Two-factor enforcement: editors and admins must have TOTP set up. better-auth's `twoFactor`
 * plugin asks every account that has it for a code at sign-in (no session until the code is
 * right). An editor or admin who has not set it up yet gets a session after the password, but
 * `mustEnrolTwoFactor` is true and `access()` answers `enrol-two-factor` for every role check,
 * so the portal can do nothing but send them to enrolment (which turns it on for good).
 */
import type { Config } from '../config.ts';
import type { Role } from '../people/schema.ts';
import type { PeopleStore } from '../people/store.ts';
import type { SignpostAuth } from './auth.ts';

/**
 * Roles that cannot act until TOTP two-factor is set up: every role that can see a resident's
 * contact details or change the directory. Commissioners see suppressed counts only.
 */
export const TWO_FACTOR_ROLES: readonly Role[] = ['connector', 'partner', 'editor', 'admin'];

export interface Viewer {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Content organisation UUIDs (partners). */
  organisationIds: string[];
  twoFactorEnabled: boolean;
  /** An editor or admin without two-factor: may only enrol. */
  mustEnrolTwoFactor: boolean;
  sessionId: string;
  sessionCreatedAt: Date;
  sessionExpiresAt: Date;
}

/** What a role may also do: admins can do everything editors can. */
const IMPLIED: Record<Role, readonly Role[]> = {
  connector: ['connector'],
  partner: ['partner'],
  editor: ['editor'],
  admin: ['admin', 'editor'],
  commissioner: ['commissioner'],
};

export type Access = 'ok' | 'sign-in' | 'enrol-two-factor' | 'forbidden';

/** Whether the viewer may act as one of `roles`. */
export function access(viewer: Viewer | null, ...roles: Role[]): Access {
  if (!viewer) return 'sign-in';
  if (viewer.mustEnrolTwoFactor) return 'enrol-two-factor';
  return roles.some((role) => IMPLIED[viewer.role].includes(role)) ? 'ok' : 'forbidden';
}

/**
 * Reads the session from the request's cookies. `setCookies` must be added to the response: an
 * active session's idle deadline moves forward, and an ended one's cookie is cleared.
 */
export async function getViewer(
  auth: SignpostAuth,
  store: PeopleStore,
  config: Pick<Config, 'session'>,
  headers: Headers,
): Promise<{ viewer: Viewer | null; setCookies: string[] }> {
  const result = await auth.api.getSession({ headers, returnHeaders: true });
  const setCookies = result.headers.getSetCookie();
  const data = result.response;
  if (!data) return { viewer: null, setCookies };
  const createdAt = new Date(data.session.createdAt);
  // better-auth never moves a deadline past the absolute limit; this holds even if it did.
  if (store.clock().getTime() - createdAt.getTime() >= config.session.maxHours * 3_600_000) {
    await store.users.endSession(data.session.id);
    return { viewer: null, setCookies };
  }
  // A switched-off account's remaining sessions count as signed out.
  const account = await store.db
    .selectFrom('user')
    .select('deactivated_at')
    .where('id', '=', data.user.id)
    .executeTakeFirst();
  if (!account || account.deactivated_at) return { viewer: null, setCookies };
  const role = data.user.role as Role;
  const twoFactorEnabled = Boolean(data.user.twoFactorEnabled);
  return {
    viewer: {
      userId: data.user.id,
      email: data.user.email,
      name: data.user.name,
      role,
      organisationIds: role === 'partner' ? await store.memberships.organisationsOf(data.user.id) : [],
      twoFactorEnabled,
      mustEnrolTwoFactor: TWO_FACTOR_ROLES.includes(role) && !twoFactorEnabled,
      sessionId: data.session.id,
      sessionCreatedAt: createdAt,
      sessionExpiresAt: new Date(data.session.expiresAt),
    },
    setCookies,
  };
}
