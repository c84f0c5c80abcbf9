/**
 * The production server process (scripts/serve.mjs): health and readiness, security headers on
 * static files, compression, the request body limit and a graceful stop on SIGTERM.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';

const baseUrl = inject('baseUrl');

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/**
 * One raw HTTP request (no automatic decompression), its body sent in `parts` with `between`
 * awaited after each part but the last; no `content-length` for a chunked body.
 */
function send(
  path: string,
  options: {
    base?: string;
    method?: string;
    headers?: Record<string, string>;
    parts?: (string | Buffer)[];
    chunked?: boolean;
    between?: () => Promise<void>;
    /** Send `Expect: 100-continue` and the body only once the server says it is handling the request. */
    expectContinue?: boolean;
  } = {},
): Promise<Answer> {
  const url = new URL(path, options.base ?? baseUrl);
  const parts = options.parts ?? [];
  const length = parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0);
  const headers: Record<string, string> = { ...options.headers };
  if (parts.length > 0 && !options.chunked) headers['content-length'] = String(length);
  if (options.expectContinue) headers.expect = '100-continue';
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    // A refused body may be cut short by the server once it has answered: the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const handling = options.expectContinue
      ? new Promise<void>((resolve) => req.once('continue', () => resolve()))
      : Promise.resolve();
    if (options.expectContinue) req.flushHeaders();
    void (async () => {
      await handling;
      for (const [i, part] of parts.entries()) {
        req.write(part);
        if (i < parts.length - 1 && options.between) await options.between();
      }
      req.end();
    })().catch((error: unknown) => {
      req.destroy();
      reject(error);
    });
  });
}

const SECURITY_HEADERS = [
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
];

// The page feedback form carries a per-render stamp; everything else on a page is the same each time.
const withoutStamps = (html: string) => html.replace(/name="formStarted" value="[^"]*"/g, 'name="formStarted"');

describe('health and readiness', () => {
  it('answers /healthz with ok, never stored', async () => {
    const answer = await send('/healthz');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body.toString())).toEqual({ status: 'ok' });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('answers /readyz with 200 once the search index is loaded and the people store answers', async () => {
    await expect.poll(async () => (await send('/readyz')).status, { timeout: 30_000 }).toBe(200);
    const answer = await send('/readyz');
    expect(JSON.parse(answer.body.toString())).toEqual({
      status: 'ready',
      checks: { searchIndex: true, peopleStore: true },
    });
    expect(answer.headers['cache-control']).toBe('no-store');
  });
});

describe('readiness when the people store cannot be reached', () => {
  let server: RunningServer;
  let dataDir: string;
  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers /readyz with 503 naming the people store', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'signpost-unready-'));
    // Nothing listens on port 9: the PostgreSQL store never opens.
    server = await startServer(dataDir, { DATABASE_URL: 'postgres://signpost@127.0.0.1:9/none' });
    const answer = await send('/readyz', { base: server.baseUrl });
    expect(answer.status).toBe(503);
    const body = JSON.parse(answer.body.toString()) as { status: string; notReady: string[] };
    expect(body.status).toBe('not-ready');
    expect(body.notReady).toContain('peopleStore');
    expect(answer.body.toString()).not.toMatch(/postgres:|signpost@/);
    // Liveness is another matter: the process is serving.
    expect((await send('/healthz', { base: server.baseUrl })).status).toBe(200);
  });
});

describe('security headers on static files', () => {
  it('sends the full set with a hashed stylesheet and with the favicon', async () => {
    const home = (await send('/')).body.toString();
    const stylesheet = /href="(\/_astro\/[^"]+\.css)"/.exec(home)?.[1];
    expect(stylesheet).toBeDefined();
    for (const path of [stylesheet!, '/favicon.svg']) {
      const answer = await send(path);
      expect(answer.status, path).toBe(200);
      for (const name of SECURITY_HEADERS) expect(answer.headers[name], `${name} on ${path}`).toBeTruthy();
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(answer.headers['content-security-policy']).not.toContain('unsafe-inline');
    }
  });
});

describe('public files', () => {
  it('serves the favicon and icons from memory with validators, and a 304 when the copy is current', async () => {
    const favicon = await send('/favicon.svg');
    expect(favicon.status).toBe(200);
    expect(favicon.headers['content-type']).toBe('image/svg+xml');
    expect(favicon.body.toString()).toContain('<svg');
    expect(Number(favicon.headers['content-length'])).toBe(favicon.body.length);
    const etag = favicon.headers.etag!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(favicon.headers['last-modified']).toBeTruthy();
    const again = await send('/favicon.svg', { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    for (const name of SECURITY_HEADERS) expect(again.headers[name], name).toBeTruthy();
    expect((await send('/favicon.svg', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    const manifest = await send('/site.webmanifest');
    expect(manifest.headers['content-type']).toBe('application/manifest+json');
    expect(JSON.parse(manifest.body.toString()).short_name).toBe('Signpost');
    expect((await send('/assets/images/nhsuk-icon-cross.svg')).status).toBe(200);
  });
});

describe('compression', () => {
  const decoders = { br: brotliDecompressSync, gzip: gunzipSync };

  it.each(['br', 'gzip'] as const)(
    'gives %s-compressed HTML, CSS and JSON that decode to the same text',
    async (encoding) => {
      const home = (await send('/')).body.toString();
      const stylesheet = /href="(\/_astro\/[^"]+\.css)"/.exec(home)![1]!;
      for (const [path, type] of [
        ['/', 'text/html'],
        [stylesheet, 'text/css'],
        ['/api/search?q=music', 'application/json'],
      ] as const) {
        const plain = await send(path);
        const packed = await send(path, { headers: { 'accept-encoding': encoding } });
        expect(packed.headers['content-type'], path).toContain(type);
        expect(packed.headers['content-encoding'], path).toBe(encoding);
        expect(packed.headers.vary, path).toMatch(/accept-encoding/i);
        expect(packed.body.length, path).toBeLessThan(plain.body.length);
        expect(withoutStamps(decoders[encoding](packed.body).toString()), path).toBe(
          withoutStamps(plain.body.toString()),
        );
      }
    },
  );

  it('serves hashed assets compressed, immutable and with the security headers', async () => {
    const home = (await send('/')).body.toString();
    const stylesheet = /href="(\/_astro\/[^"]+\.css)"/.exec(home)![1]!;
    const packed = await send(stylesheet, { headers: { 'accept-encoding': 'gzip;q=0, br' } });
    expect(packed.headers['content-encoding']).toBe('br');
    expect(packed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(packed.headers['content-length'])).toBe(packed.body.length);
    for (const name of SECURITY_HEADERS) expect(packed.headers[name], name).toBeTruthy();
    expect((await send('/_astro/not-in-this-build.css', { headers: { 'accept-encoding': 'br' } })).status).toBe(404);
    // A client that takes no encoding gets the file itself, from memory, with the same headers.
    const plain = await send(stylesheet);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(plain.body.equals(brotliDecompressSync(packed.body))).toBe(true);
    for (const name of SECURITY_HEADERS) expect(plain.headers[name], name).toBeTruthy();
    expect((await send('/_astro/not-in-this-build.css')).status).toBe(404);
  });

  it('prefers brotli when both are accepted, and leaves tiny bodies alone', async () => {
    const page = await send('/', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(page.headers['content-encoding']).toBe('br');
    const health = await send('/healthz', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});

describe('the request body limit', () => {
  // BODY_LIMIT_KB is 128 by default.
  const oversized = `email=a&password=${'x'.repeat(200 * 1024)}`;
  const origin = { origin: new URL(baseUrl).origin };

  it('answers an oversized form with a 413 page at once, closing the connection', async () => {
    const answer = await send('/sign-in', {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/x-www-form-urlencoded' },
      parts: [oversized],
    });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toContain('text/html');
    expect(answer.headers.connection).toBe('close');
    expect(answer.body.toString()).toContain('This form accepts up to 128 kB');
    for (const name of SECURITY_HEADERS) expect(answer.headers[name], name).toBeTruthy();
  });

  it('answers an oversized sign-in API call with a JSON 413, not a 500', async () => {
    const answer = await send('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/json' },
      parts: [JSON.stringify({ email: 'a', password: 'x'.repeat(200 * 1024) })],
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: 'body-too-large' });
  });

  it('counts a chunked body as it arrives and answers 413 once it is over the limit', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const answer = await send('/sign-in', {
      method: 'POST',
      headers: { ...origin, 'content-type': 'application/x-www-form-urlencoded' },
      parts: ['email=a&password=', ...Array.from({ length: 20 }, () => chunk)],
      chunked: true,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
  });

  it('still takes a normal form, sent whole or chunked', async () => {
    for (const chunked of [false, true]) {
      const answer = await send('/sign-in', {
        method: 'POST',
        headers: { ...origin, 'content-type': 'application/x-www-form-urlencoded' },
        parts: ['email=&', 'password='],
        chunked,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.toString()).toContain('Enter your email address');
    }
  });
});

describe('stopping on SIGTERM', () => {
  let dataDir: string;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('lets a request in progress finish with 200, stops the jobs and exits 0', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'signpost-sigterm-'));
    const server = await startServer(dataDir);
    // Open the people store (and so start its background jobs) first.
    await expect
      .poll(async () => (await send('/readyz', { base: server.baseUrl })).status, { timeout: 30_000 })
      .toBe(200);
    let exited: Promise<void> | undefined;
    const answer = await send('/sign-in', {
      base: server.baseUrl,
      method: 'POST',
      headers: { origin: server.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      // Once the server is handling the request: half the form, SIGTERM, then (once the server
      // says it is stopping) the rest.
      expectContinue: true,
      parts: ['email=&pass', 'word='],
      between: async () => {
        exited = server.kill('SIGTERM');
        await expect
          .poll(async () => readFile(server.log, 'utf8'), { timeout: 10_000 })
          .toContain('Shutting down (SIGTERM)');
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toContain('Enter your email address');
    await exited;
    expect(server.exitCode()).toBe(0);
    const log = await readFile(server.log, 'utf8');
    expect(log).toMatch(
      /background jobs stopped \(search index timer, referral jobs, feedback retention, review reminders\)/,
    );
    expect(log).toContain('people store closed');
    // Every line is one JSON object (the log is not a terminal, so JSON is the default).
    for (const line of log.trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
  });
});

describe('the access log', () => {
  it('writes one JSON line per request with the path masked and without its query string', async () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';
    await send(`/r/${token}`);
    await send('/search?q=N17+6XY&near=me');
    const lines = () =>
      readFile(inject('serverLog'), 'utf8').then((log) =>
        log
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((record) => record.msg === 'request'),
      );
    // A line is written as its response closes, a moment after the client has it: wait for both.
    await expect.poll(async () => (await lines()).some((record) => record.path === '/r/[redacted]')).toBe(true);
    await expect.poll(async () => (await lines()).some((record) => record.path === '/search')).toBe(true);
    const search = (await lines()).find((record) => record.path === '/search')!;
    expect(search).toMatchObject({ level: 'info', method: 'GET', status: 200 });
    expect(typeof search.ms).toBe('number');
    expect(typeof search.bytes).toBe('number');
    const log = await readFile(inject('serverLog'), 'utf8');
    expect(log).not.toContain(token);
    expect(log).not.toContain('N17');
  });
});
