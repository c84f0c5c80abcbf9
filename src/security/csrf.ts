/**
 * Cross-site request forgery: a state-changing request (anything but GET, HEAD and OPTIONS) is
 * accepted only if the browser says it comes from this site. Astro's own `checkOrigin` covers
 * form posts only; this covers every body type, JSON included.
 *
 * The signals, in order: `Origin` (sent by every current browser on non-GET requests);
 * without it, or when it is the opaque `null`, `Sec-Fetch-Site`; without that, the origin of
 * `Referer`. A request with none of
 * them is refused: browsers always send one, and other clients can send `Origin`.
 */

/** Methods that never change state (GET never does, by design). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether a request may change state. `siteOrigins` are this site's origins (the configured
 * `SITE_URL` and the address the request was made to).
 */
export function isSameSiteRequest(method: string, headers: Headers, siteOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const allowed = new Set(siteOrigins.map((origin) => originOf(origin)).filter((o): o is string => Boolean(o)));
  const origin = headers.get('origin');
  const fetchSite = headers.get('sec-fetch-site');
  // Browsers send `Origin: null` from pages with `Referrer-Policy: no-referrer` (the capability
  // link pages) as well as from sandboxed frames; `Sec-Fetch-Site` tells the two apart.
  if (origin !== null && origin !== 'null') return allowed.has(origin);
  if (fetchSite !== null) return fetchSite === 'same-origin';
  if (origin === 'null') return false;
  const referer = originOf(headers.get('referer'));
  return referer !== undefined && allowed.has(referer);
}
