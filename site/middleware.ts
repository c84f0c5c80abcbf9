import type { APIContext, MiddlewareNext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { COOKIE_PREFIX, getViewer } from '@src/accounts';
import { isSameSiteRequest } from '@src/security/csrf';
import { installLogRedaction } from '@src/security/redact';
import { securityHeaders } from '@src/security/headers';
import { safe } from '@src/security/log';
import { COOKIE_NAME as LIST_COOKIE, parseListCookie } from '@src/shortlist';
import { config, content, people } from './server/context';
import { searchIndexStore } from './server/search';
import {
  createPageCache,
  etagOf,
  isKeepable,
  locatesSomeone,
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
  readPage,
  responseFor,
  answerFor,
  type CachedPage,
  type PlainResponse,
} from './server/page-cache';
import { CONTENT_RETRY_AFTER_SECONDS, ContentUnavailableError, type ContentStore } from '@src/content';

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
  // A partner's one-click "still accurate" link carries its token in the path.
  '/listings/check/',
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

const cookiePairs = (cookie: string | null | undefined) => (cookie ?? '').split(';').map((pair) => pair.trim());

const hasSessionCookie = (request: Request) => hasSessionIn(request.headers.get('cookie'));
const hasSessionIn = (cookie: string | null | undefined) =>
  cookiePairs(cookie).some((pair) => pair.startsWith(COOKIE_PREFIX));

/** True when this browser has saved services: the page shell and save buttons show them. */
const hasSavedList = (request: Request) => hasSavedListIn(request.headers.get('cookie'));
const hasSavedListIn = (cookie: string | null | undefined) =>
  cookiePairs(cookie).some(
    (pair) => pair.startsWith(`${LIST_COOKIE}=`) && parseListCookie(pair.slice(LIST_COOKIE.length + 1)).length > 0,
  );

/** Rendered anonymous pages, per content version: 16 MB at most, least recently used first out. */
const pages = createPageCache({ maxBytes: 16 * 1024 * 1024 });

/**
 * What every public page is rendered from: the content revision and the search index built
 * from it (swapped in a little after the revision moves); undefined while content is unreadable.
 */
async function contentVersion(): Promise<string | undefined> {
  try {
    knownStore = await content();
    return versionOf(knownStore);
  } catch {
    return undefined;
  }
}
const versionOf = (store: ContentStore) => `${store.revision}/${searchIndexStore().current()?.fingerprint ?? '-'}`;
/** The store once `content()` has given it (it never changes after): the version read without waiting. */
let knownStore: ContentStore | undefined;

/** A request as scripts/serve.mjs has it (node:http): method, raw target, headers by lower-case name. */
type ServerRequest = { method?: string; url?: string; headers: Record<string, string | string[] | undefined> };

/**
 * The page cache, answered by the server process before Astro's pipeline (scripts/serve.mjs):
 * a fresh hit, for a request that would reach `anonymousPage` and be served that same hit there
 * (GET or HEAD, no session cookie, not a private path, no saved list), as plain data, or the copy
 * that just expired while a render of it is under way; anything else is undefined and goes
 * through Astro as before. Nothing here counts against a rate limit:
 * a page from memory costs next to nothing (docs/decisions.md).
 */
function lookup(request: ServerRequest): PlainResponse | undefined {
  const { method, url: target } = request;
  if ((method !== 'GET' && method !== 'HEAD') || !knownStore) return undefined;
  // Only origin-form targets ("/path?query"), parsed the way the adapter builds the page's URL.
  if (!target || target[0] !== '/') return undefined;
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const cookie = header('cookie');
  if (cookie !== undefined && (hasSessionIn(cookie) || hasSavedListIn(cookie))) return undefined;
  let url: URL;
  try {
    url = new URL(`http://localhost${target}`);
  } catch {
    return undefined;
  }
  if (isPrivatePath(url.pathname)) return undefined;
  const key = `${url.pathname}${url.search}`;
  const version = versionOf(knownStore);
  // As in `anonymousPage`: while one request renders an expired page again, the others get the
  // copy that just expired. With no render under way, Astro answers (and starts one).
  const page = pages.get(key, version, false) ?? (pages.pending(key) && pages.stale(key, version));
  if (!page) return undefined;
  return answerFor({ method, header }, page, cacheControlFor(url.searchParams));
}
(globalThis as Record<symbol, unknown>)[Symbol.for('signpost.pageCache')] = { lookup };

/**
 * A located search (coordinates or a full postcode) may be kept in this server's memory like any
 * page, but no browser other than the one that asked, nor any CDN, may keep it (decisions.md).
 */
const cacheControlFor = (search: URLSearchParams) =>
  locatesSomeone(search) ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL;

/**
 * Renders the request; with no content to render it from (a first start with the Content Lake
 * unreachable, before any snapshot exists) it answers 503 with Retry-After: the error page for
 * people, a JSON message for clients. Anything else that fails is Astro's 500 as before.
 */
async function rendered(context: APIContext, next: MiddlewareNext): Promise<Response> {
  try {
    return await next();
  } catch (error) {
    if (!(error instanceof ContentUnavailableError)) throw error;
    const headers = { 'Retry-After': String(CONTENT_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' };
    if (wantsJson(context.request) || context.url.pathname.startsWith('/api/')) {
      return Response.json(
        { error: 'The directory cannot be read just now; please try again in a minute' },
        { status: 503, headers },
      );
    }
    // The error page never reads content, so it renders whatever state the Lake is in.
    const page = await context.rewrite('/500');
    return new Response(page.body, {
      status: 503,
      headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
    });
  }
}

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

  if (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !hasSessionCookie(request) &&
    !isPrivatePath(url.pathname)
  ) {
    context.locals.viewer ??= null;
    return anonymousPage(request, url, () => rendered(context, next));
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

  const response = await rendered(context, next);
  // A session cookie that no longer signs anyone in still marks a browser that was signed in.
  const privateResponse =
    context.locals.viewer !== null ||
    hasSessionCookie(request) ||
    isPrivatePath(url.pathname) ||
    response.headers.has('set-cookie');
  return finish(response, setCookies, privateResponse);
});

/**
 * A public page for someone not signed in: from memory when this content version already
 * rendered it, else rendered (once, however many ask at the same moment), with a cache policy
 * and validators for browsers and CDNs, and a 304 when the browser's copy is current. Only a
 * 200 without set-cookie, whose route set no stricter policy, is kept or marked cacheable.
 */
async function anonymousPage(request: Request, url: URL, next: () => Promise<Response>): Promise<Response> {
  // Pages showing this browser's saved list stay with this browser: not in a CDN, not in the
  // shared memory. A search placed at a postcode or coordinates is kept in memory (public
  // directory results, a minute at most) but stays out of CDNs and other browsers.
  const personal = hasSavedList(request);
  const cacheControl = personal ? PRIVATE_CACHE_CONTROL : cacheControlFor(url.searchParams);
  const version = personal ? undefined : await contentVersion();
  const key = `${url.pathname}${url.search}`;
  if (version !== undefined) {
    // Fresh; else, while another request renders it again, the copy that just expired (or,
    // with none, that render's result); else this request renders it.
    const pending = pages.pending(key);
    const hit = pages.get(key, version) ?? (pending && (pages.stale(key, version) ?? (await pending)));
    if (hit) return finish(responseFor(request, hit, cacheControl), [], false);
  }
  const done = version !== undefined && request.method === 'GET' ? pages.begin(key) : undefined;
  let kept: CachedPage | undefined;
  try {
    const response = await next();
    if (!isKeepable(response)) return finish(response, [], response.headers.has('set-cookie'));
    const page = await readPage(response);
    if (request.method === 'HEAD' && page.body.byteLength === 0) {
      // Nothing to make a validator from: the policy alone.
      const headers = new Headers(page.headers);
      headers.set('Cache-Control', cacheControl);
      return finish(new Response(null, { status: 200, headers }), [], false);
    }
    // A render that straddled a content change may be half old, half new: served, not kept.
    if (done && (await contentVersion()) === version) kept = pages.set(key, version as string, page);
    const described = kept ?? { ...page, etag: etagOf(page.body), lastModified: Math.floor(Date.now() / 1000) * 1000 };
    return finish(responseFor(request, described, cacheControl), [], false);
  } finally {
    done?.(kept);
  }
}

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
