/**
 * "My list": services a person saves without an account. The list lives only in their browser,
 * in one cookie holding service ids (UUIDs) and nothing else, so no personal data is kept.
 *
 * Framework-free: the site reads and writes the cookie through Astro; everything here is plain
 * string handling, so it is tested without a server. Nothing here throws on any input.
 */

/** The cookie holding the list. */
export const COOKIE_NAME = 'my-list';
/** The most services a list holds; a full list refuses more rather than dropping old ones. */
export const MAX_ITEMS = 50;
/** How long the cookie lasts: a year, renewed on every change. */
export const COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
/**
 * Ids are joined with dots: a cookie value may not hold commas (RFC 6265 cookie-octet), and a
 * UUID never holds a dot. 50 ids make 1,849 characters, well inside the 4 kB a browser keeps.
 */
const COOKIE_SEPARATOR = '.';
/** Longer input than a full list could be is cut before it is read, so nothing slow can happen. */
const MAX_INPUT = (36 + 1) * MAX_ITEMS * 2;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A service id as Signpost writes them: a UUID, compared in lower case. */
export function isServiceId(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/** The id in canonical form (trimmed, lower case), or undefined when it is not a UUID. */
export function normaliseServiceId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const id = value.trim().toLowerCase();
  return isServiceId(id) ? id : undefined;
}

export type ParsedIds = {
  /** Valid ids, first occurrence kept, in order, at most `MAX_ITEMS`. */
  ids: string[];
  /** Pieces that were not service ids (ignored). */
  malformed: number;
  /** Valid ids beyond `MAX_ITEMS` (ignored). */
  overflow: number;
};

/** Reads ids separated by dots, commas or white space; anything else is counted and ignored. */
export function parseIds(text: string | null | undefined): ParsedIds {
  const result: ParsedIds = { ids: [], malformed: 0, overflow: 0 };
  if (typeof text !== 'string' || text.trim() === '') return result;
  const seen = new Set<string>();
  for (const piece of text.slice(0, MAX_INPUT).split(/[.,\s]+/)) {
    if (piece === '') continue;
    const id = normaliseServiceId(piece);
    if (!id) result.malformed += 1;
    else if (seen.has(id)) continue;
    else if (seen.size >= MAX_ITEMS) result.overflow += 1;
    else {
      seen.add(id);
      result.ids.push(id);
    }
  }
  return result;
}

/** The list held in a cookie value (undefined or garbage gives an empty list). */
export function parseListCookie(value: string | null | undefined): string[] {
  let text = value ?? '';
  try {
    text = decodeURIComponent(text);
  } catch {
    // A malformed escape: read it as it is; the bad pieces are dropped below.
  }
  return parseIds(text).ids;
}

/** The cookie value for a list: valid ids only, no repeats, at most `MAX_ITEMS`. */
export function serialiseListCookie(ids: readonly string[]): string {
  return parseIds(ids.join(COOKIE_SEPARATOR)).ids.join(COOKIE_SEPARATOR);
}

/** The options the cookie is written with (Astro's `cookies.set` and `Set-Cookie` share them). */
export function listCookieOptions(secure: boolean) {
  return {
    path: '/',
    sameSite: 'lax' as const,
    maxAge: COOKIE_MAX_AGE_SECONDS,
    httpOnly: false,
    secure,
  };
}

/** A whole `Set-Cookie` header value for a list; an empty list expires the cookie. */
export function listSetCookieHeader(ids: readonly string[], secure: boolean): string {
  const value = serialiseListCookie(ids);
  const parts = [
    `${COOKIE_NAME}=${value}`,
    'Path=/',
    'SameSite=Lax',
    value === '' ? 'Max-Age=0' : `Max-Age=${COOKIE_MAX_AGE_SECONDS}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export const listActions = ['add', 'remove', 'add-all', 'clear'] as const;
export type ListAction = (typeof listActions)[number];

export type ListChange = {
  ids: string[];
  /** Ids asked for that did not fit. */
  refused: number;
  /** Whether anything changed. */
  changed: boolean;
};

/**
 * Applies one change to a list: `add` and `add-all` append ids not already there (up to
 * `MAX_ITEMS`), `remove` drops them, `clear` empties the list. Unknown actions change nothing.
 */
export function changeList(list: readonly string[], action: string, ids: readonly string[]): ListChange {
  const current = parseIds(list.join(',')).ids;
  const wanted = parseIds(ids.join(',')).ids;
  switch (action) {
    case 'add':
    case 'add-all': {
      const next = [...current];
      let refused = 0;
      for (const id of wanted) {
        if (next.includes(id)) continue;
        if (next.length >= MAX_ITEMS) refused += 1;
        else next.push(id);
      }
      return { ids: next, refused, changed: next.length !== current.length };
    }
    case 'remove': {
      const next = current.filter((id) => !wanted.includes(id));
      return { ids: next, refused: 0, changed: next.length !== current.length };
    }
    case 'clear':
      return { ids: [], refused: 0, changed: current.length > 0 };
    default:
      return { ids: current, refused: 0, changed: false };
  }
}

/**
 * A path on this site to send someone back to after a change, or `fallback`. Only a plain
 * absolute path is accepted: no scheme, no host, no `//` or `\` (browsers read `/\evil.example`
 * as another host), no control characters, and never longer than 2,000 characters.
 */
export function safeReturnPath(value: unknown, fallback = '/my-list'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || /^\/[/\\]/.test(value) || /[\\\u0000-\u001f\u007f\s]/.test(value)) return fallback;
  try {
    const base = 'http://signpost.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** The share link's query for a list: `ids=<uuid>,<uuid>` (commas left readable). */
export function shareQuery(ids: readonly string[]): string {
  return `ids=${parseIds(ids.join(',')).ids.join(',')}`;
}

/** "1 listing is no longer available", "3 listings are no longer available". */
export function unavailableMessage(count: number): string {
  return count === 1 ? '1 listing is no longer available' : `${count} listings are no longer available`;
}
