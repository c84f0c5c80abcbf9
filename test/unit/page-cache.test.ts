// The rendered-page cache and the HTTP caching rules of site/server/page-cache.ts, on a clock of
// our own: LRU within a byte bound, emptied when the content version moves, no page older than
// the minute it was rendered in, validators as RFC 9110 reads them.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  acceptsGzip,
  answerFor,
  createPageCache,
  etagOf,
  isKeepable,
  isNotModified,
  locatesSomeone,
  notModified,
  PUBLIC_CACHE_CONTROL,
  responseFor,
} from '../../site/server/page-cache';

const encoder = new TextEncoder();
const html = (text: string) => ({
  headers: [['content-type', 'text/html']] as [string, string][],
  body: encoder.encode(text),
});
/** Text gzip cannot shrink much, so sizes stay predictable. */
const noise = (bytes: number, seed: number) => {
  let x = seed;
  let text = '';
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    text += String.fromCharCode(33 + ((x >>> 16) % 90));
  }
  return text;
};

describe('the rendered-page cache', () => {
  it('gives back a kept page under the same version, gzipped', () => {
    const cache = createPageCache({ maxBytes: 1 << 20, now: () => 1_000 });
    cache.set('/a', 'v1', html('<p>hello</p>'));
    const page = cache.get('/a', 'v1')!;
    expect(new TextDecoder().decode(gunzipSync(page.gzipped!))).toBe('<p>hello</p>');
    expect(page.etag).toBe(etagOf(encoder.encode('<p>hello</p>')));
  });

  it('forgets every page when the content version changes', () => {
    const cache = createPageCache({ maxBytes: 1 << 20, now: () => 1_000 });
    cache.set('/a', 'v1', html('a'));
    expect(cache.get('/a', 'v2')).toBeUndefined();
    expect(cache.get('/a', 'v1')).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it('drops the least recently used pages to stay within its bytes', () => {
    const probe = createPageCache({ maxBytes: 1 << 20 });
    probe.set('/1', 'v', html(noise(12_000, 1)));
    const each = probe.stats().bytes;
    const cache = createPageCache({ maxBytes: Math.floor(each * 3.5), maxEntryBytes: each * 2, now: () => 1_000 });
    cache.set('/1', 'v', html(noise(12_000, 1)));
    cache.set('/2', 'v', html(noise(12_000, 2)));
    cache.set('/3', 'v', html(noise(12_000, 3)));
    expect(cache.get('/1', 'v')).toBeDefined(); // now /2 is the least recently used
    cache.set('/4', 'v', html(noise(12_000, 4)));
    expect(cache.get('/2', 'v')).toBeUndefined();
    expect(cache.get('/1', 'v')).toBeDefined();
    expect(cache.get('/4', 'v')).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(each * 3.5);
  });

  it('never keeps one page bigger than its share', () => {
    const cache = createPageCache({ maxBytes: 80_000, maxEntryBytes: 10_000, now: () => 1_000 });
    const page = cache.set('/big', 'v', html(noise(30_000, 5)));
    expect(page.etag).toMatch(/^W\//);
    expect(cache.get('/big', 'v')).toBeUndefined();
  });

  it('lets a page live for one minute after it was rendered', () => {
    let now = Date.UTC(2026, 11, 4, 16, 59, 30);
    const cache = createPageCache({ maxBytes: 1 << 20, now: () => now });
    cache.set('/open-now', 'v', html('open'));
    now += 59_999;
    expect(cache.get('/open-now', 'v')).toBeDefined();
    now += 1; // 17:00:30
    expect(cache.get('/open-now', 'v')).toBeUndefined();
  });

  it('offers an expired page for a minute more, for others to get while one request renders it again', () => {
    let now = Date.UTC(2026, 11, 4, 16, 59, 30);
    const cache = createPageCache({ maxBytes: 1 << 20, now: () => now });
    cache.set('/p', 'v', html('p'));
    now = Date.UTC(2026, 11, 4, 17, 1, 29);
    expect(cache.get('/p', 'v')).toBeUndefined();
    expect(cache.stale('/p', 'v')).toBeDefined();
    now = Date.UTC(2026, 11, 4, 17, 1, 30);
    expect(cache.stale('/p', 'v')).toBeUndefined();
    now = Date.UTC(2026, 11, 4, 17, 1, 0);
    expect(cache.stale('/p', 'v')).toBeDefined();
    expect(cache.stale('/p', 'v2')).toBeUndefined(); // a new content version has none
  });

  it('keeps Last-Modified when the page is rendered again with the same bytes, and moves it when they differ', () => {
    let now = Date.UTC(2026, 11, 4, 10, 0, 10, 500);
    const cache = createPageCache({ maxBytes: 1 << 20, now: () => now });
    const first = cache.set('/p', 'v', html('same'));
    expect(first.lastModified).toBe(Date.UTC(2026, 11, 4, 10, 0, 10));
    now += 60_000;
    expect(cache.set('/p', 'v', html('same')).lastModified).toBe(first.lastModified);
    expect(cache.set('/p', 'v', html('different')).lastModified).toBe(Date.UTC(2026, 11, 4, 10, 1, 10));
  });

  it('counts a first look that another look will follow on a miss as no miss', () => {
    const cache = createPageCache({ maxBytes: 1 << 20, now: () => 1_000 });
    expect(cache.get('/a', 'v', false)).toBeUndefined();
    expect(cache.stats().misses).toBe(0);
    cache.set('/a', 'v', html('a'));
    expect(cache.get('/a', 'v', false)).toBeDefined();
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 0 });
  });

  it('lets renders of the same page at the same moment share one result', async () => {
    const cache = createPageCache({ maxBytes: 1 << 20 });
    const done = cache.begin('/a');
    const waiting = cache.pending('/a');
    expect(waiting).toBeDefined();
    const page = cache.set('/a', 'v', html('a'));
    done(page);
    expect(await waiting).toBe(page);
    expect(cache.pending('/a')).toBeUndefined();
  });
});

describe('validators and 304s', () => {
  const get = (headers: Record<string, string>, method = 'GET') =>
    new Request('http://example.test/', { method, headers });
  const etag = 'W/"abc"';
  const lastModified = Date.UTC(2026, 11, 4, 10, 0, 0);

  it('matches If-None-Match weakly, in a list, or as *', () => {
    expect(isNotModified(get({ 'if-none-match': 'W/"abc"' }), etag, lastModified)).toBe(true);
    expect(isNotModified(get({ 'if-none-match': '"abc"' }), etag, lastModified)).toBe(true);
    expect(isNotModified(get({ 'if-none-match': '"x", W/"abc"' }), etag, lastModified)).toBe(true);
    expect(isNotModified(get({ 'if-none-match': '*' }), etag, lastModified)).toBe(true);
    expect(isNotModified(get({ 'if-none-match': 'W/"abcd"' }), etag, lastModified)).toBe(false);
  });

  it('reads If-Modified-Since only without If-None-Match, and ignores a date it cannot read', () => {
    const since = new Date(lastModified).toUTCString();
    expect(isNotModified(get({ 'if-modified-since': since }), etag, lastModified)).toBe(true);
    expect(
      isNotModified(get({ 'if-modified-since': new Date(lastModified - 1000).toUTCString() }), etag, lastModified),
    ).toBe(false);
    expect(isNotModified(get({ 'if-modified-since': since, 'if-none-match': 'W/"other"' }), etag, lastModified)).toBe(
      false,
    );
    expect(isNotModified(get({ 'if-modified-since': 'yesterday-ish' }), etag, lastModified)).toBe(false);
  });

  it('never answers 304 to a POST', () => {
    const post = new Request('http://example.test/', { method: 'POST', headers: { 'if-none-match': '*' } });
    expect(isNotModified(post, etag, lastModified)).toBe(false);
  });

  it('sends a 304 with the validators and the policy but no body or content headers', async () => {
    const headers = new Headers({
      etag,
      'cache-control': PUBLIC_CACHE_CONTROL,
      'content-type': 'text/html',
      vary: 'Cookie',
    });
    const response = notModified(headers);
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(response.headers.get('etag')).toBe(etag);
    expect(response.headers.get('cache-control')).toBe(PUBLIC_CACHE_CONTROL);
    expect(response.headers.get('content-type')).toBeNull();
  });

  it('sends a kept page in brotli or gzip only to a browser that accepts it, and the same bytes otherwise', async () => {
    const cache = createPageCache({ maxBytes: 1 << 20 });
    const page = cache.set('/a', 'v', html('<p>hello</p>'));
    const gzipped = responseFor(get({ 'accept-encoding': 'gzip, deflate' }), page, PUBLIC_CACHE_CONTROL);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const brotli = responseFor(get({ 'accept-encoding': 'gzip, br' }), page, PUBLIC_CACHE_CONTROL);
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).toString()).toBe('<p>hello</p>');
    expect(
      responseFor(get({ 'accept-encoding': 'br;q=0, gzip' }), page, PUBLIC_CACHE_CONTROL).headers.get(
        'content-encoding',
      ),
    ).toBe('gzip');
    expect(gzipped.headers.get('vary')).toBe('Cookie, Accept-Encoding');
    const plain = responseFor(get({}), page, PUBLIC_CACHE_CONTROL);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('<p>hello</p>');
    const head = responseFor(get({}, 'HEAD'), page, PUBLIC_CACHE_CONTROL);
    expect(head.headers.get('content-length')).toBe(String('<p>hello</p>'.length));
    expect(await head.text()).toBe('');
  });

  it('gives the server process the same answer as a Response, as plain data, for its own request shape', async () => {
    const cache = createPageCache({ maxBytes: 1 << 20 });
    const page = cache.set('/a', 'v', html('<p>hello</p>'));
    const asked = (headers: Record<string, string>, method = 'GET') => ({
      method,
      header: (name: string) => headers[name],
    });
    for (const [headers, method] of [
      [{ 'accept-encoding': 'gzip' }, 'GET'],
      [{ 'accept-encoding': 'gzip, br' }, 'GET'],
      [{}, 'GET'],
      [{}, 'HEAD'],
      [{ 'if-none-match': page.etag }, 'GET'],
      [{ 'if-modified-since': new Date(page.lastModified).toUTCString() }, 'HEAD'],
    ] as [Record<string, string>, string][]) {
      const answer = answerFor(asked(headers, method), page, PUBLIC_CACHE_CONTROL);
      const response = responseFor(get(headers, method), page, PUBLIC_CACHE_CONTROL);
      expect(answer.status).toBe(response.status);
      expect(new Headers(answer.headers)).toEqual(response.headers);
      expect(Buffer.from(answer.body ?? new Uint8Array(0))).toEqual(Buffer.from(await response.arrayBuffer()));
    }
    const gzipped = answerFor(asked({ 'accept-encoding': 'gzip' }), page, PUBLIC_CACHE_CONTROL);
    expect(new TextDecoder().decode(gunzipSync(gzipped.body!))).toBe('<p>hello</p>');
    const unchanged = answerFor(asked({ 'if-none-match': page.etag }), page, PUBLIC_CACHE_CONTROL);
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBeUndefined();
    expect(unchanged.headers.map(([name]) => name)).not.toContain('content-type');
  });

  it('reads Accept-Encoding with its weights', () => {
    const accepts = (value: string) => acceptsGzip(get({ 'accept-encoding': value }));
    expect(accepts('gzip, deflate, br')).toBe(true);
    expect(accepts('gzip;q=0')).toBe(false);
    expect(accepts('*')).toBe(true);
    expect(accepts('*, gzip;q=0')).toBe(false);
    expect(accepts('br')).toBe(false);
    expect(acceptsGzip(get({}))).toBe(false);
  });
});

describe('what may be kept', () => {
  it('keeps only a 200 that sets no cookie and whose route asked for nothing stricter', () => {
    expect(isKeepable(new Response('ok'))).toBe(true);
    expect(isKeepable(new Response('ok', { headers: { 'set-cookie': 'my-list=a; Path=/' } }))).toBe(false);
    expect(isKeepable(new Response('ok', { headers: { 'cache-control': 'no-store' } }))).toBe(false);
    expect(isKeepable(new Response('ok', { headers: { 'cache-control': 'private, max-age=5' } }))).toBe(false);
    expect(isKeepable(new Response('missing', { status: 404 }))).toBe(false);
    expect(isKeepable(new Response(null, { status: 303, headers: { location: '/' } }))).toBe(false);
  });

  it('treats a full postcode or coordinates anywhere in the query as placing someone', () => {
    const located = (query: string) => locatesSomeone(new URLSearchParams(query));
    expect(located('location=N17+9LA')).toBe(true);
    expect(located('location=n179la')).toBe(true);
    expect(located('q=football+near+e13+8aa')).toBe(true);
    expect(located('lat=51.5&lng=-0.1')).toBe(true);
    expect(located('location=N17')).toBe(false);
    expect(located('q=football&location=Haringey&radius=2')).toBe(false);
  });
});
