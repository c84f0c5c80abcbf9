import { defineMiddleware } from 'astro:middleware';
import { COOKIE_PREFIX, getViewer } from '@src/accounts';
import { isSameSiteRequest } from '@src/security/csrf';
import { installLogRedaction } from '@src/security/redact';
import { securityHeaders } from '@src/security/headers';
import { safe } from '@src/security/log';
import { config, people } from './server/context';
import { searchIndexStore } from './server/search';

// Whatever starts the server, nothing it logs carries a token, email, phone or postcode.
installLogRedaction();
// Load or build the search index as the server starts, not on the first search.
searchIndexStore();

// Security headers on every response (scripts/serve.mjs sets the same on static files); pages
// add stricter ones (e.g. no-store) where needed.
let headerSetCache: Record<string, string> | undefined;
const headerSet = () => (headerSetCache ??= securityHeaders(config()));

/** Pages that hold something private: never stored by a browser or a proxy, signed in or not. */
const PRIVATE_PREFIXES = [
  '/api/auth/',
  '/sign-in',
  '/sign-out',
  '/account',
  '/admin',
  '/invite/',
  '/forgot-password',
  '/reset-password',
  '/r/',
  '/referrals',
  '/partner',
  '/editor',
  '/reports',
];

/** Called by other servers, never browsers; each request is checked by its signature. */
const SIGNED_ENDPOINTS: ReadonlySet<string> = new Set(['/api/content-webhook']);

const isPrivatePath = (path: string) =>
  PRIVATE_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));

function wantsJson(request: Request): boolean {
  const type = request.headers.get('content-type') ?? '';
  const accept = request.headers.get('accept') ?? '';
  return type.includes('json') || (accept.includes('application/json') && !accept.includes('text/html'));
}

const hasSessionCookie = (request: Request) =>
  (request.headers.get('cookie') ?? '').split(';').some((pair) => pair.trim().startsWith(COOKIE_PREFIX));

export const onRequest = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  const siteUrl = config().siteUrl;
  context.locals.siteUrl = siteUrl;

  // CSRF: every state-changing request, whatever its body, must come from this site, except
  // endpoints that authenticate each request by its signature instead (the Sanity webhook).
  if (
    !SIGNED_ENDPOINTS.has(url.pathname) &&
    !isSameSiteRequest(request.method, request.headers, [siteUrl, url.origin])
  ) {
    context.locals.viewer ??= null;
    if (wantsJson(request) || url.pathname.startsWith('/api/')) {
      return finish(
        Response.json(
          { error: 'cross-site-request', message: 'This request did not come from this site, so it was refused.' },
          { status: 403 },
        ),
        [],
        true,
      );
    }
    context.locals.forbiddenReason = 'cross-site';
    return finish(await next('/forbidden'), [], true);
  }

  // Who is asking, once per request (a rewrite keeps it). Residents carry no session cookie.
  let setCookies: string[] = [];
  if (context.locals.viewer === undefined) {
    context.locals.viewer = null;
    if (hasSessionCookie(request) && !url.pathname.startsWith('/api/auth/')) {
      try {
        const { store, auth } = await people();
        const resolved = await getViewer(auth, store, config(), request.headers);
        context.locals.viewer = resolved.viewer;
        setCookies = resolved.setCookies;
      } catch (error) {
        // The public site keeps working if people data is unreachable; private pages ask to sign in.
        console.error(`Could not read the session: ${safe(error instanceof Error ? error.message : error)}`);
      }
    }
  }

  const response = await next();
  const privateResponse =
    context.locals.viewer !== null || isPrivatePath(url.pathname) || response.headers.has('set-cookie');
  return finish(response, setCookies, privateResponse);
});

/** Adds the security headers, the session's refreshed cookies (before the page's own) and no-store. */
function finish(response: Response, setCookies: string[], privateResponse: boolean): Response {
  // Some responses (redirects) have immutable headers, so build a fresh set.
  const headers = new Headers();
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.append(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) headers.append('set-cookie', cookie);
  for (const [name, value] of Object.entries(headerSet())) {
    if (!headers.has(name)) headers.set(name, value);
  }
  if (privateResponse) {
    headers.set('Cache-Control', 'no-store');
    headers.delete('expires');
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
