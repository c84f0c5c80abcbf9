/**
 * Public pages are served like static files, over HTTP against a server of its own (embedded
 * content, so a partner's publish changes it): browsers and CDNs may keep them a short time and
 * revalidate them with ETag / Last-Modified for a 304; a content change gives a new ETag; the
 * server keeps rendered pages in memory (gzipped) and answers them from the server process,
 * before Astro's pipeline; nothing private, personal or setting a cookie is ever cacheable.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import type { TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType } from '../support/sample';
import { formEntries, withValues } from '../support/forms.ts';

const services = sampleOfType<Service>('service').filter((s) => s.status === 'active');
const service = services[0]!;
const servicePath = `/services/${service.slug.current}`;

let world: ReferralWorld;
let partner: TestAccount;

beforeAll(async () => {
  world = await startReferralWorld('sqlite');
  partner = await world.account('partner', { organisationIds: [service.organisation._ref] });
}, 120_000);
afterAll(() => world?.close());

type Raw = { status: number; headers: Headers; body: Buffer };

/** One request as a browser would send it, the body left as it came (no decompression). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const url = new URL(path, world.baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const responseHeaders = new Headers();
          for (let i = 0; i < response.rawHeaders.length; i += 2) {
            responseHeaders.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
          }
          resolve({ status: response.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks) });
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const text = (response: Raw) => {
  const encoding = response.headers.get('content-encoding');
  const body =
    encoding === 'gzip'
      ? gunzipSync(response.body)
      : encoding === 'br'
        ? brotliDecompressSync(response.body)
        : response.body;
  return body.toString('utf8');
};

function expectPublic(response: Raw) {
  expect(response.status).toBe(200);
  const cacheControl = response.headers.get('cache-control') ?? '';
  expect(cacheControl).toMatch(/^public\b/);
  expect(cacheControl).toMatch(/max-age=\d+/);
  expect(cacheControl).toMatch(/stale-while-revalidate=\d+/);
  expect(response.headers.get('etag')).toMatch(/^W\/"[^"]+"$/);
  expect(Number.isNaN(Date.parse(response.headers.get('last-modified') ?? ''))).toBe(false);
}

type AccessLine = { msg: string; method: string; path: string; status: number; cache?: string };

const accessLines = (path: string): AccessLine[] =>
  readFileSync(world.log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as AccessLine)
    .filter((line) => line.msg === 'request' && line.path === path);

/** Makes one request and waits for its access line (written when the response closes). */
async function logged(send: () => Promise<Raw>, path: string): Promise<{ response: Raw; line: AccessLine }> {
  // Access lines are written as responses close, a moment after the client has them: first let
  // the earlier requests' lines land, so the next new line is this request's.
  let count = -1;
  for (let tries = 0; tries < 50 && count !== accessLines(path).length; tries++) {
    count = accessLines(path).length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const before = accessLines(path).length;
  const response = await send();
  for (let tries = 0; tries < 100; tries++) {
    const lines = accessLines(path);
    if (lines.length > before) return { response, line: lines[lines.length - 1]! };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`No access line for ${path}`);
}

const SECURITY_HEADERS = [
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
];

function expectNeverStored(response: Raw) {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('etag')).toBeNull();
  expect(response.headers.get('last-modified')).toBeNull();
}

describe('pages answered from memory by the server process', () => {
  // The content version includes the search index in use, swapped in a little after start or a
  // publish (and emptying the cache): wait until a page stays in memory from one request to the next.
  beforeAll(async () => {
    let inARow = 0;
    for (let tries = 0; tries < 150 && inARow < 3; tries++) {
      await raw('/urgent-help');
      inARow = (await logged(() => raw('/urgent-help'), '/urgent-help')).line.cache === 'memory' ? inARow + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(inARow).toBe(3);
  }, 60_000);

  it('answers a repeated public page before Astro, with the security headers, ETag and brotli or gzip, decoding to the same page', async () => {
    const first = await logged(() => raw(servicePath), servicePath);
    const { response: hit, line } = await logged(
      () => raw(servicePath, { 'accept-encoding': 'gzip, deflate, br' }),
      servicePath,
    );
    expect(line.cache).toBe('memory');
    expectPublic(hit);
    expect(hit.headers.get('content-encoding')).toBe('br');
    for (const name of SECURITY_HEADERS) expect(hit.headers.get(name), name).toBe(first.response.headers.get(name));
    expect(hit.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    expect(hit.headers.get('vary')).toMatch(/Cookie/);
    expect(hit.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(hit.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(hit.headers.get('content-length'))).toBe(hit.body.byteLength);
    expect(hit.headers.get('etag')).toBe(first.response.headers.get('etag'));
    expect(text(hit)).toBe(text(first.response));

    // Only gzip accepted: gzip; nothing accepted: the same page, not encoded.
    const { response: gzipped, line: gzipLine } = await logged(
      () => raw(servicePath, { 'accept-encoding': 'gzip' }),
      servicePath,
    );
    expect(gzipLine.cache).toBe('memory');
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(text(gzipped)).toBe(text(first.response));
    const { response: plain, line: plainLine } = await logged(() => raw(servicePath), servicePath);
    expect(plainLine.cache).toBe('memory');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.body.toString('utf8')).toBe(text(first.response));
  });

  it('answers 304 and HEAD from memory with the validators and the security headers', async () => {
    const page = await raw(servicePath);
    const etag = page.headers.get('etag')!;
    const { response: unchanged, line } = await logged(() => raw(servicePath, { 'if-none-match': etag }), servicePath);
    expect(line.cache).toBe('memory');
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.byteLength).toBe(0);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(unchanged.headers.get('content-encoding')).toBeNull();
    for (const name of SECURITY_HEADERS) expect(unchanged.headers.get(name), name).not.toBeNull();

    const { response: head, line: headLine } = await logged(() => raw(servicePath, {}, 'HEAD'), servicePath);
    expect(headLine.cache).toBe('memory');
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('never answers a signed-in request, or one with a saved list, from the copy kept for residents', async () => {
    await raw('/');
    expect((await logged(() => raw('/'), '/')).line.cache).toBe('memory');
    const client = await world.client(partner);
    const { response: signedIn, line } = await logged(async () => {
      const answer = await client.request('/');
      return { status: answer.status, headers: answer.headers, body: Buffer.from(answer.html) };
    }, '/');
    expect(line.cache).toBeUndefined();
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect(signedIn.body.toString('utf8')).toContain('Signed in as');

    const withList = await logged(() => raw('/', { cookie: `my-list=${service._id}` }), '/');
    expect(withList.line.cache).toBeUndefined();
    expect(text(withList.response)).toMatch(/My list \(1\)/);
    const expired = await logged(() => raw('/', { cookie: '__Host-signpost.session_token=expired.session' }), '/');
    expect(expired.line.cache).toBeUndefined();
    expectNeverStored(expired.response);
  });

  it('never answers a private path from memory, even one asked for with no cookie', async () => {
    for (const path of ['/sign-in', '/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      await raw(path);
      const { response, line } = await logged(() => raw(path), path.startsWith('/r/') ? '/r/[redacted]' : path);
      expect(line.cache, path).toBeUndefined();
      expectNeverStored(response);
    }
  });

  it('keeps a search placed at a postcode in memory, but tells browsers and CDNs to keep it private', async () => {
    const path = '/search?q=walking&location=N17+9LA';
    const first = await raw(path);
    const { response, line } = await logged(() => raw(path), '/search');
    expect(line.cache).toBe('memory');
    expect(response.headers.get('cache-control')).toMatch(/^private\b/);
    expect(text(response)).toBe(text(first));
  });
});

describe('public pages, the feed and the sitemap', () => {
  it('may be kept by browsers and CDNs for a short time, with an ETag and Last-Modified', async () => {
    for (const path of ['/', servicePath, '/search?q=walking', '/urgent-help']) {
      const response = await raw(path);
      expectPublic(response);
      expect(response.headers.get('vary')).toMatch(/Cookie/);
    }
    for (const path of ['/sitemap.xml', '/api/oruk/services', `/api/oruk/services/${service._id}`]) {
      expectPublic(await raw(path));
    }
  });

  it('answers 304 with no body when the browser’s ETag is current, and 200 when it is not', async () => {
    const first = await raw(servicePath);
    const etag = first.headers.get('etag')!;
    const again = await raw(servicePath, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    // Several tags, one of them current; and the strong form of a weak tag (weak comparison).
    expect((await raw(servicePath, { 'if-none-match': `W/"nope", ${etag}` })).status).toBe(304);
    expect((await raw(servicePath, { 'if-none-match': etag.slice(2) })).status).toBe(304);
    const other = await raw(servicePath, { 'if-none-match': 'W/"not-this-page"' });
    expect(other.status).toBe(200);
    expect(text(other)).toContain(service.name);
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified, and 200 to an earlier date', async () => {
    const first = await raw('/urgent-help');
    const lastModified = Date.parse(first.headers.get('last-modified')!);
    const later = await raw('/urgent-help', { 'if-modified-since': new Date(lastModified + 5000).toUTCString() });
    expect(later.status).toBe(304);
    expect(later.body.byteLength).toBe(0);
    const earlier = await raw('/urgent-help', { 'if-modified-since': new Date(lastModified - 5000).toUTCString() });
    expect(earlier.status).toBe(200);
    expect(earlier.body.byteLength).toBeGreaterThan(0);
  });

  it('answers HEAD with the same validators and no body, and a 304 to a current ETag', async () => {
    const get = await raw(servicePath);
    const head = await raw(servicePath, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('cache-control')).toBe(get.headers.get('cache-control'));
    expect((await raw(servicePath, { 'if-none-match': get.headers.get('etag')! }, 'HEAD')).status).toBe(304);
  });

  it('serves a repeated page from memory, gzipped to a browser that accepts only gzip, the same page either way', async () => {
    const plain = await raw('/');
    const gzipped = await raw('/', { 'accept-encoding': 'gzip, deflate' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(gzipped.body.byteLength).toBeLessThan(plain.body.byteLength / 2);
    expect(text(gzipped)).toBe(text(plain));
    expect(gzipped.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  it('gives a changed page a new ETag once a partner publishes, and the old ETag then gets the new page', async () => {
    const before = await raw(servicePath);
    const oldTag = before.headers.get('etag')!;
    const kept = await logged(() => raw(servicePath, { 'if-none-match': oldTag }), servicePath);
    expect(kept.response.status).toBe(304);
    expect(kept.line.cache).toBe('memory');

    const client = await world.client(partner);
    const edit = await client.get(`/partner/listings/${service._id}`);
    const next = service.accepting === 'paused' ? 'yes' : 'paused';
    const sent = await client.post(
      `/partner/listings/${service._id}`,
      withValues(formEntries(edit.html, 'value="live"'), { accepting: next }),
    );
    expect(sent.status).toBe(303);

    const after = await raw(servicePath, { 'if-none-match': oldTag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(oldTag);
    expect(text(after)).not.toBe(text(before));
    expect((await raw(servicePath, { 'if-none-match': after.headers.get('etag')! })).status).toBe(304);
  });
});

describe('what is never cacheable', () => {
  it('keeps no-store and no validators on sign-in, account, capability links and staff pages', async () => {
    for (const path of [
      '/sign-in',
      '/account',
      '/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '/partner/listings',
      '/listings/check/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      const response = await raw(path, { 'if-none-match': '*' });
      expect(response.status, path).not.toBe(304);
      expectNeverStored(response);
    }
  });

  it('sends a public page to someone signed in with no-store, never the copy kept for residents', async () => {
    const anonymous = await raw('/');
    expectPublic(anonymous);
    const client = await world.client(partner);
    const signedIn = await client.request('/', { headers: { 'if-none-match': anonymous.headers.get('etag')! } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect(signedIn.headers.get('etag')).toBeNull();
    expect(signedIn.html).toContain('Signed in as');
    expect(text(await raw('/'))).not.toContain('Signed in as');
  });

  it('sends no-store to a browser whose session cookie no longer signs anyone in', async () => {
    const response = await raw('/', { cookie: '__Host-signpost.session_token=expired.session' });
    expect(response.status).toBe(200);
    expectNeverStored(response);
    expect(text(response)).not.toContain('Signed in as');
  });

  it('keeps pages showing a saved list to this browser, and never shows that list to anyone else', async () => {
    const cookie = `my-list=${service._id}`;
    const mine = await raw(servicePath, { cookie });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toMatch(/^private\b/);
    expect(text(mine)).toMatch(/My list \(1\)/);
    const theirs = await raw(servicePath);
    expectPublic(theirs);
    expect(text(theirs)).not.toMatch(/My list \(1\)/);
  });

  it('keeps a search placed at a full postcode or coordinates to this browser', async () => {
    for (const path of [
      '/search?q=walking&location=N17+9LA',
      '/search?q=walking+N17+9LA',
      '/search?lat=51.6&lng=-0.07',
    ]) {
      const response = await raw(path);
      expect(response.headers.get('cache-control'), path).toMatch(/^private\b/);
    }
    expectPublic(await raw('/search?q=walking&location=N17'));
  });

  it('leaves error pages uncacheable by policy (a 404 gets no public Cache-Control)', async () => {
    const missing = await raw('/services/no-such-service-at-all');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control') ?? '').not.toMatch(/public/);
    expect(missing.headers.get('etag')).toBeNull();
  });
});
