/**
 * Public pages served like static files: the HTTP caching policy (Cache-Control, ETag,
 * Last-Modified, 304s) and an in-memory cache of rendered anonymous pages, bounded by bytes (LRU)
 * and keyed on the content version. The middleware decides what is public; this module only
 * knows Request and Response. See docs/decisions.md, "Public pages cached by browsers, CDNs
 * and in memory".
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib';
// Relative, not @src, so unit tests (which know no aliases) can load this module too.
import { isFullPostcode } from '../../src/geo/outcodes';

/** How long browsers and CDNs may use a public page without asking (seconds). */
export const PUBLIC_MAX_AGE = 60;
/** How long after that a cache may still answer with it while it fetches a fresh one (seconds). */
export const STALE_WHILE_REVALIDATE = 300;
/** How long a cache may answer with it when this site is failing (seconds). */
export const STALE_IF_ERROR = 86_400;

/** For public pages, the feed and the sitemap; `s-maxage` is left out on purpose (decisions.md). */
export const PUBLIC_CACHE_CONTROL = `public, max-age=${PUBLIC_MAX_AGE}, stale-while-revalidate=${STALE_WHILE_REVALIDATE}, stale-if-error=${STALE_IF_ERROR}`;
/** For anonymous pages that only this browser may keep (they vary by its saved list, or hold a postcode). */
export const PRIVATE_CACHE_CONTROL = `private, max-age=${PUBLIC_MAX_AGE}`;

/** A rendered 200 response, with its validators; kept in memory in gzip and brotli (each a sixth of the bytes or less). */
export type CachedPage = {
  /** The response headers as rendered (no set-cookie: such responses are never kept). */
  headers: [string, string][];
  /** The body as rendered (a page not kept in memory). */
  body?: Uint8Array;
  /** The body gzipped (a page kept): sent as it is to browsers that accept gzip, which all do. */
  gzipped?: Uint8Array;
  /** The body brotli-compressed (a page kept): sent as it is to browsers that accept br. */
  brotli?: Uint8Array;
  /** A weak ETag made from the body: equal bytes, equal tag, whichever instance rendered it. */
  etag: string;
  /** When this process first rendered these bytes for this key, in whole seconds (ms). */
  lastModified: number;
};

type Entry = CachedPage & { key: string; version: string; expires: number; bytes: number };

/** Options of `createPageCache`. */
export type PageCacheOptions = {
  /** Total bytes of bodies and keys kept, at most. */
  maxBytes: number;
  /** A response bigger than this is never kept (one page must not push out all the others). */
  maxEntryBytes?: number;
  /** The clock (tests move it). */
  now?: () => number;
};

/** The in-memory cache of rendered pages; see `createPageCache`. */
export type PageCache = {
  /**
   * The page for `key` rendered under `version` and not yet expired, counted as recently used;
   * `countMiss: false` for a look that another will follow on a miss (the server process's).
   */
  get(key: string, version: string, countMiss?: boolean): CachedPage | undefined;
  /**
   * The page for `key` under `version` that expired less than a minute ago: what others get
   * while one request renders it again, so an expiry costs one slow request, not a stall.
   */
  stale(key: string, version: string): CachedPage | undefined;
  /**
   * Keeps a rendered page (if it fits) for a minute, so nothing that depends on the clock
   * ("open now", "happening today") is more than a minute out of date; each page's minute starts
   * when it was rendered, so expiries are spread out rather than all at once.
   * A page whose bytes are the same as the expired one it replaces keeps that one's Last-Modified.
   */
  set(key: string, version: string, page: { headers: [string, string][]; body: Uint8Array }): CachedPage;
  /** Waits for a render of `key` already under way, if any (the others share its result). */
  pending(key: string): Promise<CachedPage | undefined> | undefined;
  /** Marks a render of `key` as under way; call the returned function with its outcome. */
  begin(key: string): (page: CachedPage | undefined) => void;
  /** Entries, bytes kept and hit counts, for logs and tests. */
  stats(): { entries: number; bytes: number; hits: number; misses: number; version: string | undefined };
};

const MINUTE = 60_000;
/**
 * Brotli once per render of a kept page, at a middling quality (a few milliseconds for a page;
 * the copy is then sent for a minute of requests; the compressor's per-request quality is 4).
 */
const BROTLI = { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } };
/** How long after expiry a page may still be sent while it is rendered again. */
const STALE_GRACE = MINUTE;

/** A bounded LRU of rendered pages, emptied when the content version changes. */
export function createPageCache(options: PageCacheOptions): PageCache {
  const now = options.now ?? Date.now;
  const maxEntryBytes = options.maxEntryBytes ?? Math.floor(options.maxBytes / 8);
  // Map order is use order: the first entry is the least recently used.
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<CachedPage | undefined>>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let currentVersion: string | undefined;

  const remove = (entry: Entry) => {
    entries.delete(entry.key);
    bytes -= entry.bytes;
  };
  const follow = (version: string) => {
    if (version === currentVersion) return;
    entries.clear();
    bytes = 0;
    currentVersion = version;
  };

  return {
    get(key, version, countMiss = true) {
      follow(version);
      const entry = entries.get(key);
      if (!entry || entry.expires <= now()) {
        if (countMiss) misses += 1;
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      hits += 1;
      return entry;
    },

    stale(key, version) {
      follow(version);
      const entry = entries.get(key);
      return entry && entry.expires + STALE_GRACE > now() ? entry : undefined;
    },

    set(key, version, page) {
      follow(version);
      const etag = etagOf(page.body);
      const previous = entries.get(key);
      const at = now();
      const lastModified = previous?.etag === etag ? previous.lastModified : Math.floor(at / 1000) * 1000;
      if (previous) remove(previous);
      if (page.body.byteLength > maxEntryBytes * 4)
        return { headers: page.headers, body: page.body, etag, lastModified };
      const kept: CachedPage = {
        headers: page.headers,
        gzipped: gzipSync(page.body),
        brotli: brotliCompressSync(page.body, BROTLI),
        etag,
        lastModified,
      };
      const size =
        (kept.gzipped as Uint8Array).byteLength + (kept.brotli as Uint8Array).byteLength + key.length * 2 + 256;
      if (size > maxEntryBytes) return kept;
      const entry: Entry = { ...kept, key, version, expires: at + MINUTE, bytes: size };
      entries.set(key, entry);
      bytes += size;
      for (const oldest of entries.values()) {
        if (bytes <= options.maxBytes) break;
        remove(oldest);
      }
      return kept;
    },

    pending(key) {
      return inflight.get(key);
    },

    begin(key) {
      let settle: (page: CachedPage | undefined) => void = () => {};
      const promise = new Promise<CachedPage | undefined>((resolve) => (settle = resolve));
      inflight.set(key, promise);
      return (page) => {
        if (inflight.get(key) === promise) inflight.delete(key);
        settle(page);
      };
    },

    stats() {
      return { entries: entries.size, bytes, hits, misses, version: currentVersion };
    },
  };
}

/** A weak validator for a body (weak, because a compressing proxy or server may re-encode it). */
export function etagOf(body: Uint8Array): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Weak comparison (RFC 9110 8.8.3.2): `W/"x"` and `"x"` match. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** A request as the server process sees it, before any `Request` exists: its method and headers. */
export type PlainRequest = {
  method: string;
  /** The header's value (names in lower case), undefined when absent. */
  header(name: string): string | undefined;
};

/** An answer as plain data, for scripts/serve.mjs to write out without building a `Response`. */
export type PlainResponse = { status: number; headers: [string, string][]; body: Uint8Array | undefined };

const plain = (request: Request): PlainRequest => ({
  method: request.method,
  header: (name) => request.headers.get(name) ?? undefined,
});

/**
 * True when the request's validators say its copy is current (RFC 9110 13.1.2, 13.1.3):
 * If-None-Match wins when present; If-Modified-Since is read only without it.
 */
export function isNotModified(request: Request | PlainRequest, etag: string, lastModified: number): boolean {
  const asked = request instanceof Request ? plain(request) : request;
  if (asked.method !== 'GET' && asked.method !== 'HEAD') return false;
  const ifNoneMatch = asked.header('if-none-match');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    const wanted = opaque(etag);
    return ifNoneMatch.split(',').some((tag) => opaque(tag) === wanted);
  }
  const ifModifiedSince = asked.header('if-modified-since');
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && lastModified <= since;
}

/** Headers a 304 keeps (RFC 9110 15.4.5): the validators and caching rules, never the body's. */
const NOT_MODIFIED_KEEPS = new Set(['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary']);

/** A 304 for `headers` (those of the full response): no body, only what a 304 may carry. */
export function notModified(headers: Headers): Response {
  const kept = new Headers();
  headers.forEach((value, name) => {
    if (NOT_MODIFIED_KEEPS.has(name) || name === 'last-modified') kept.append(name, value);
  });
  return new Response(null, { status: 304, headers: kept });
}

/** Adds the public policy and validators to rendered headers. */
export function withValidators(
  headers: Headers,
  page: Pick<CachedPage, 'etag' | 'lastModified'>,
  cacheControl: string,
): Headers {
  headers.set('Cache-Control', cacheControl);
  headers.set('ETag', page.etag);
  headers.set('Last-Modified', new Date(page.lastModified).toUTCString());
  headers.delete('expires');
  // The page shell shows the saved list (a cookie) and, after sign-in, who is signed in.
  if ((headers.get('content-type') ?? '').includes('text/html')) appendVary(headers, 'Cookie');
  return headers;
}

function appendVary(headers: Headers, name: string): void {
  const existing = (headers.get('vary') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (existing.some((part) => part === '*' || part.toLowerCase() === name.toLowerCase())) return;
  headers.set('Vary', [...existing, name].join(', '));
}

/**
 * True when a rendered response may be kept and marked cacheable: a 200 that sets no cookie and
 * whose route did not ask for something stricter (no-store, private, no-cache).
 */
export function isKeepable(response: Response): boolean {
  return (
    response.status === 200 &&
    !response.headers.has('set-cookie') &&
    !/no-store|private|no-cache/i.test(response.headers.get('cache-control') ?? '')
  );
}

/**
 * True when the query string places the search precisely: browser coordinates or a full
 * postcode (typed in the place box or among the words). Such pages stay with the browser that
 * asked: not in a CDN, nor in memory where response times could tell someone it was asked.
 */
export function locatesSomeone(search: URLSearchParams): boolean {
  for (const [name, value] of search) {
    if (name === 'lat' || name === 'lng') return true;
    const words = value
      .toUpperCase()
      .split(/[^A-Z0-9]+/)
      .filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      if (isFullPostcode(word) || (i + 1 < words.length && isFullPostcode(`${word} ${words[i + 1]}`))) return true;
    }
  }
  return false;
}

/** The rendered response as a page to keep: body bytes and headers (minus any set by the way out). */
export async function readPage(response: Response): Promise<{ headers: [string, string][]; body: Uint8Array }> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && name !== 'content-length') headers.push([name, value]);
  });
  return { headers, body };
}

/** True when Accept-Encoding allows gzip (RFC 9110 12.5.3). */
export function acceptsGzip(request: Request | PlainRequest): boolean {
  return accepts(request, ['gzip', 'x-gzip']);
}

/** True when Accept-Encoding allows brotli. */
export function acceptsBrotli(request: Request | PlainRequest): boolean {
  return accepts(request, ['br']);
}

function accepts(request: Request | PlainRequest, codings: string[]): boolean {
  const accepted =
    request instanceof Request ? request.headers.get('accept-encoding') : request.header('accept-encoding');
  let named: boolean | undefined;
  let any = false;
  for (const part of (accepted ?? '').toLowerCase().split(',')) {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim());
    const q = params.find((param) => param.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (codings.includes(coding)) named = allowed;
    else if (coding === '*') any = allowed;
  }
  return named ?? any;
}

/**
 * The answer for a page as plain data: a 304 when the browser's copy is current, the body in
 * brotli or gzip when the browser accepts it, headers only for HEAD. `responseFor` and the server process's
 * answer from memory (scripts/serve.mjs) are both this, so they cannot drift apart.
 */
export function answerFor(request: Request | PlainRequest, page: CachedPage, cacheControl: string): PlainResponse {
  const headers = withValidators(new Headers(page.headers), page, cacheControl);
  if (page.gzipped) appendVary(headers, 'Accept-Encoding');
  if (isNotModified(request, page.etag, page.lastModified)) {
    const kept: [string, string][] = [];
    headers.forEach((value, name) => {
      if (NOT_MODIFIED_KEEPS.has(name) || name === 'last-modified') kept.push([name, value]);
    });
    return { status: 304, headers: kept, body: undefined };
  }
  let body = page.body;
  // Brotli first when both are accepted (smaller), as the compressor chooses.
  if (page.brotli && acceptsBrotli(request)) {
    body = page.brotli;
    headers.set('Content-Encoding', 'br');
  } else if (page.gzipped && acceptsGzip(request)) {
    body = page.gzipped;
    headers.set('Content-Encoding', 'gzip');
  } else if (page.gzipped) {
    // A Buffer is a Uint8Array: no second copy of the page per request.
    body = gunzipSync(page.gzipped);
  }
  const bytes = body ?? new Uint8Array(0);
  headers.set('Content-Length', String(bytes.byteLength));
  const list: [string, string][] = [];
  headers.forEach((value, name) => list.push([name, value]));
  return { status: 200, headers: list, body: request.method === 'HEAD' ? undefined : bytes };
}

/** A fresh response for a page (a 304 when the browser's copy is current; HEAD gets the headers only). */
export function responseFor(request: Request, page: CachedPage, cacheControl: string): Response {
  const answer = answerFor(request, page, cacheControl);
  return new Response((answer.body ?? null) as Uint8Array<ArrayBuffer> | null, {
    status: answer.status,
    headers: answer.headers,
  });
}
