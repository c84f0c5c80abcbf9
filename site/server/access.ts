/**
 * Access to private pages: `requireRole(Astro, ...roles)` answers the signed-in viewer, or the
 * response to send instead (sign in, set up two-factor, or the 403 page).
 */
import type { AstroGlobal } from 'astro';
import { access, type Viewer } from '@src/accounts/viewer';
import type { Role } from '@src/people/schema';

/** The longest `next` kept: a longer one would make a Location header proxies refuse (found by the fuzzer). */
const MAX_NEXT = 2000;

/** A path on this site to come back to after signing in; anything else becomes `/account`. */
export function safeNext(next: string | null | undefined, fallback = '/account'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.length > MAX_NEXT) return fallback;
  if (/[\u0000-\u001f]/.test(next)) return fallback;
  return next;
}

/** Where to come back to after signing in: this page (GET) or the page a form was posted from. */
function comeBack(url: URL, method: string): string {
  const full = `${url.pathname}${url.search}`;
  return (method === 'GET' || method === 'HEAD') && full.length <= MAX_NEXT ? full : url.pathname;
}

/** The sign-in page, coming back to `path` afterwards. */
export function signInPath(path: string): string {
  return `/sign-in?next=${encodeURIComponent(safeNext(path))}`;
}

/**
 * The viewer if they may act as one of `roles` (admins also as editors); otherwise a response:
 * a redirect to sign in (coming back here), to two-factor enrolment, or the 403 page.
 * Every private page is `no-store` (the middleware adds it for any signed-in viewer).
 */
export async function requireRole(astro: AstroGlobal, ...roles: Role[]): Promise<Viewer | Response> {
  const viewer = astro.locals.viewer;
  const decision = access(viewer, ...roles);
  astro.response.headers.set('Cache-Control', 'no-store');
  switch (decision) {
    case 'ok':
      return viewer!;
    case 'sign-in':
      return astro.redirect(signInPath(comeBack(astro.url, astro.request.method)), 303);
    case 'enrol-two-factor':
      return astro.redirect(
        `/account/two-factor?next=${encodeURIComponent(safeNext(comeBack(astro.url, astro.request.method)))}`,
        303,
      );
    case 'forbidden':
      astro.locals.forbiddenReason = 'role';
      return astro.rewrite('/forbidden');
  }
}

/** The viewer if anyone is signed in (whatever their role, even before two-factor enrolment). */
export function requireSignedIn(astro: AstroGlobal): Viewer | Response {
  astro.response.headers.set('Cache-Control', 'no-store');
  const viewer = astro.locals.viewer;
  if (viewer) return viewer;
  return astro.redirect(signInPath(comeBack(astro.url, astro.request.method)), 303);
}
