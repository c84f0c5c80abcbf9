// The production server process: the built Astro app (dist/server/entry.mjs, its `handler`
// serving static files then rendered pages) behind our own node:http server, which adds what the
// adapter's standalone server lacks:
// - the security headers on every response, static files included (src/security/headers.ts);
// - brotli or gzip for text bodies over 1 kB, flushed as the page streams;
// - a request body limit (BODY_LIMIT_KB) answered with a clear 413, never a silently empty form;
// - public pages kept in the bundle's page cache answered from memory, before Astro's pipeline;
// - one structured log line per request (path without its query, capability tokens masked);
// - a graceful stop on SIGTERM/SIGINT: no new connections, in-flight requests finish (up to
//   10 s), then the background jobs stop and the people store closes, and the process exits 0.
// `npm start` (scripts/start.mjs) runs it after its checks; tests and CI spawn it directly.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import compression from 'compression';
import { serverEntry } from './build-if-stale.mjs';

const { readConfig, ConfigError } = await import('../src/config.ts');
const { securityHeaders } = await import('../src/security/headers.ts');
const { installLogRedaction, logEvent } = await import('../src/security/redact.ts');
const { accessLogPath, logFormatFrom, setLogFormat } = await import('../src/security/log-format.ts');

let config;
try {
  config = readConfig(process.env);
  setLogFormat(logFormatFrom(process.env.LOG_FORMAT, Boolean(process.stdout.isTTY)));
} catch (error) {
  if (!(error instanceof ConfigError) && !/^LOG_FORMAT/.test(String(error?.message))) throw error;
  console.error(error.message);
  process.exit(1);
}
installLogRedaction();

/** How long in-flight requests may take to finish after SIGTERM before their sockets are closed. */
const DRAIN_MS = 10_000;
/** How long a refused (413) request may go on sending before its connection is cut. */
const LINGER_MS = 5_000;

// The adapter serves nothing by itself: we listen, it handles.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(serverEntry);

const headers = Object.entries(securityHeaders(config));

// How many proxies in front of this server append to X-Forwarded-For (TRUSTED_PROXIES, default 0).
const trustedProxies = Number(process.env.TRUSTED_PROXIES ?? 0);
if (!Number.isInteger(trustedProxies) || trustedProxies < 0 || trustedProxies > 10) {
  console.error('Signpost cannot start; fix these settings:\n  - TRUSTED_PROXIES must be a whole number from 0 to 10');
  process.exit(1);
}
const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];

/**
 * Astro trusts X-Forwarded-* for the site's own host (security.allowedDomains), and rate limits
 * key on the client address it gives. A client can send those headers itself, so with no trusted
 * proxy they are dropped; behind N proxies the client is the address the outermost one appended.
 */
function trustForwarded(req) {
  if (trustedProxies === 0) {
    for (const name of FORWARDED) delete req.headers[name];
    return;
  }
  const chain = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const client = chain[chain.length - trustedProxies];
  if (client) req.headers['x-forwarded-for'] = client;
  else delete req.headers['x-forwarded-for'];
}
const limit = config.bodyLimitBytes;
/** Bodies smaller than this are sent as they are: compressing them saves less than it costs. */
const COMPRESS_THRESHOLD = 1024;
// Brotli quality 4 (the package's default) and gzip's default level: cheap enough for pages rendered
// per request; the top levels cost many times the CPU for a few percent fewer bytes.
const compress = compression({
  threshold: COMPRESS_THRESHOLD,
  brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  // No body to compress in a 204 or 304 (a Content-Encoding on a 304 would contradict the cached copy).
  filter: (req, res) => res.statusCode !== 204 && res.statusCode !== 304 && compression.filter(req, res),
});

// Hashed build assets (/_astro/*) never change, so each is compressed once, at the strongest
// levels, and served from memory: the 248 kB stylesheet would otherwise cost milliseconds of CPU
// on every request. A client that takes neither encoding gets the file as it is, from memory too:
// streamed from disk per request, its buffers left the heap fragmented after a load (RSS at 10k
// services grew by about 100 MB). The set is bounded by the build's files, three copies of each.
const assetsDir = join(dirname(serverEntry), '../client/_astro');
const ASSET = /^\/_astro\/([\w.-]+\.(css|js|mjs|svg|json))$/;
const ASSET_TYPES = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json; charset=utf-8',
};
const packers = {
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length },
    }),
  gzip: (data) => promisify(gzip)(data, { level: 9 }),
  identity: async (data) => data,
};
const packedAssets = new Map();

// "br" or "gzip" in Accept-Encoding, unless refused with q=0.
const accepts = (name) => new RegExp(`(?:^|,)\\s*${name}\\s*(?:;\\s*q=(?!0(?:\\.0*)?\\s*(?:,|$))[\\d.]+)?\\s*(?:,|$)`);
const ACCEPTS_BR = accepts('br');
const ACCEPTS_GZIP = accepts('gzip');

/** The encoding to send an asset in: brotli if accepted, else gzip, else none. */
function assetEncoding(accepted = '') {
  return ACCEPTS_BR.test(accepted) ? 'br' : ACCEPTS_GZIP.test(accepted) ? 'gzip' : 'identity';
}

/** Serves a hashed asset from memory, compressed if accepted; false when it is not one (the adapter serves it). */
async function servePackedAsset(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const match = ASSET.exec(req.url ?? '');
  if (!match) return false;
  const encoding = assetEncoding(req.headers['accept-encoding']);
  const key = `${encoding} ${match[1]}`;
  let packed = packedAssets.get(key);
  if (!packed) {
    packed = readFile(join(assetsDir, match[1])).then((data) => packers[encoding](data));
    packedAssets.set(key, packed);
    packed.catch(() => packedAssets.delete(key));
  }
  let body;
  try {
    body = await packed;
  } catch {
    return false; // not in this build: the adapter answers 404
  }
  res.writeHead(200, {
    'Content-Type': ASSET_TYPES[match[2]],
    ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    'Content-Length': body.length,
    'Cache-Control': 'public, max-age=31536000, immutable',
    Vary: 'Accept-Encoding',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

// The build's other public files (favicons, icons, the web manifest: a few kB in all) are read
// once at start and served from memory with the adapter's validators: streamed from disk, the
// 175-byte favicon answered fewer requests a second than a rendered search page, and each
// stream's buffers stayed behind in the heap.
const PUBLIC_TYPES = {
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};
const PUBLIC_FILE_LIMIT = 64 * 1024;
const publicFiles = new Map();
function readPublicFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (path !== assetsDir) readPublicFiles(path);
      continue;
    }
    const type = PUBLIC_TYPES[extname(entry.name)];
    const { size, mtime } = statSync(path);
    if (!type || size > PUBLIC_FILE_LIMIT) continue;
    const body = readFileSync(path);
    publicFiles.set(`/${relative(dirname(assetsDir), path).split(sep).join('/')}`, {
      body,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      lastModified: mtime.toUTCString(),
    });
  }
}
try {
  readPublicFiles(dirname(assetsDir));
} catch {
  // No client directory in this build: the adapter answers as before.
}

/** Serves one of the build's public files from memory (304 when the browser's copy is current); false if not one. */
function servePublicFile(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const file = publicFiles.get(req.url);
  if (!file) return false;
  const current = String(req.headers['if-none-match'] ?? '')
    .split(',')
    .some((tag) => tag.trim().replace(/^W\//, '') === file.etag);
  res.writeHead(current ? 304 : 200, {
    'Content-Type': file.type,
    ...(current ? {} : { 'Content-Length': file.body.length }),
    'Cache-Control': 'public, max-age=0',
    ETag: file.etag,
    'Last-Modified': file.lastModified,
  });
  res.end(current || req.method === 'HEAD' ? undefined : file.body);
  return true;
}

// The bundle's page cache (site/middleware.ts registers it on this symbol when it loads: a
// separate module graph from this file). Until then, and on every miss, Astro answers.
const PAGE_CACHE = Symbol.for('signpost.pageCache');
/** Responses answered from the page cache: their access line says so. */
const fromMemory = new WeakSet();

/**
 * Answers a public page kept in memory without entering Astro's pipeline; false on a miss. The
 * bundle decides what may be answered (the same rules as its middleware), this only writes it:
 * the security headers are already set, the body is already gzipped (so never recompressed).
 */
function serveCachedPage(req, res) {
  const answer = globalThis[PAGE_CACHE]?.lookup(req);
  if (!answer) return false;
  fromMemory.add(res);
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = answer.status;
  res.end(answer.body);
  return true;
}

/** Whether the client asked for JSON (an API call, a JSON body), so errors answer in JSON. */
function wantsJson(req) {
  const type = req.headers['content-type'] ?? '';
  const accept = req.headers.accept ?? '';
  return (
    (req.url ?? '').startsWith('/api/') ||
    type.includes('json') ||
    (accept.includes('application/json') && !accept.includes('text/html'))
  );
}

const kb = Math.round(limit / 1024);
// No styles: the policy allows no inline ones, and this page must not depend on a build's asset names.
const tooLargeHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>What you sent is too large - Signpost</title></head>
<body>
<h1>What you sent is too large</h1>
<p>This form accepts up to ${kb} kB. Go back, shorten what you wrote, and send it again.</p>
<p><a href="/">Go to the home page</a></p>
<p>Need help now? <a href="/urgent-help">Get urgent help</a>, or call NHS 111 and select the mental health option.</p>
</body></html>
`;

/** Answers 413 at once and closes the connection once the client has stopped sending (or after 5 s). */
function refuseTooLarge(req, res) {
  const json = wantsJson(req);
  const body = json
    ? JSON.stringify({ error: 'body-too-large', message: `The request body is over the ${kb} kB limit.` })
    : tooLargeHtml;
  res.writeHead(413, {
    'Content-Type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(body);
  // Read and discard the rest, so closing does not reset the connection before the client has
  // read the answer; a client that never stops is cut off.
  req.resume();
  setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
}

/** Calls `next` with the body within the limit: declared lengths checked up front, chunked ones counted. */
function limitBody(req, res, next) {
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    if (Number(declared) > limit) return refuseTooLarge(req, res);
    return next();
  }
  if (req.headers['transfer-encoding'] === undefined) return next();
  // A chunked body is read here up to the limit (at most BODY_LIMIT_KB in memory), then handed to
  // the adapter whole: it reads `req.body` when set instead of the stream.
  const chunks = [];
  let received = 0;
  let refused = false;
  const onData = (chunk) => {
    received += chunk.length;
    if (received > limit) {
      refused = true;
      req.off('data', onData);
      chunks.length = 0;
      refuseTooLarge(req, res);
    } else chunks.push(chunk);
  };
  req.on('data', onData);
  req.once('end', () => {
    if (refused) return;
    req.body = Buffer.concat(chunks);
    next();
  });
}

// Every response carries at most one access line; `bytes` counts what reached the socket
// (headers included), so it is the compressed size.
function logAccess(req, res, started, bytesBefore) {
  const path = (req.url ?? '/').split('?')[0];
  logEvent('info', 'request', {
    method: req.method,
    path: accessLogPath(path),
    status: res.statusCode,
    ms: Math.round(performance.now() - started),
    bytes: (req.socket?.bytesWritten ?? bytesBefore) - bytesBefore,
    // The client went away before the answer was complete.
    ...(res.writableFinished ? {} : { aborted: true }),
    ...(fromMemory.has(res) ? { cache: 'memory' } : {}),
  });
}

let stopping = false;

/** The whole pipeline for one request. */
function onRequest(req, res) {
  const started = performance.now();
  const bytesBefore = req.socket?.bytesWritten ?? 0;
  res.once('close', () => {
    logAccess(req, res, started, bytesBefore);
    // While stopping, a keep-alive connection is closed as soon as its answer is sent.
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
  for (const [name, value] of headers) res.setHeader(name, value);
  trustForwarded(req);
  // While stopping, every answer ends its connection, so keep-alive clients move elsewhere.
  if (stopping) res.setHeader('Connection', 'close');
  limitBody(req, res, () => {
    if (serveCachedPage(req, res) || servePublicFile(req, res)) return;
    void servePackedAsset(req, res).then((served) => {
      if (served) return;
      compress(req, res, () => {
        streamThroughCompression(res);
        handler(req, res);
      });
    });
  });
}

/**
 * Sits between the renderer and the compressor. Headers are held until the body is known to be
 * big enough (1 kB) or complete: a complete small body gets its Content-Length, so the
 * compressor leaves it alone; 204 and 304 answers are never compressed. Once streaming, whatever
 * was written in one turn of the event loop is flushed through the compressor before the
 * renderer waits for data again, so the top of a page reaches the browser as it renders.
 */
function streamThroughCompression(res) {
  const { writeHead, write, end } = res;
  let held;
  let chunks = [];
  let size = 0;
  let committed = false;
  let turnScheduled = false;
  const endOfTurn = () => {
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(() => {
      turnScheduled = false;
      commit(false);
      if (!res.writableEnded && typeof res.flush === 'function') res.flush();
    });
  };
  function commit(complete) {
    if (committed) return;
    committed = true;
    res.writeHead = writeHead;
    res.write = function (chunk, encoding, callback) {
      const done = typeof encoding === 'function' ? encoding : callback;
      const result = write.call(this, chunk, typeof encoding === 'string' ? encoding : undefined);
      // The compressor drops write callbacks; the renderer's error path relies on one.
      if (done) setImmediate(done);
      endOfTurn();
      return result;
    };
    const status = held?.[0] ?? res.statusCode;
    const bodiless = status === 204 || status === 304 || res.req?.method === 'HEAD';
    if (complete && !bodiless && !res.hasHeader('content-length')) {
      res.setHeader('Content-Length', size);
    }
    if (held) writeHead.apply(res, held);
    for (const [chunk, done] of chunks) {
      write.call(res, chunk);
      if (done) setImmediate(done);
    }
    chunks = [];
  }
  res.writeHead = function (...args) {
    held = args;
    return this;
  };
  res.write = function (chunk, encoding, callback) {
    const done = typeof encoding === 'function' ? encoding : callback;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined);
    chunks.push([buffer, done]);
    size += buffer.length;
    if (size >= COMPRESS_THRESHOLD) commit(false);
    else endOfTurn();
    return true;
  };
  res.end = function (chunk, encoding, callback) {
    const done = typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : callback;
    if (chunk && typeof chunk !== 'function') {
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk, typeof encoding === 'string' ? encoding : undefined);
      if (committed) write.call(res, buffer);
      else {
        chunks.push([buffer, undefined]);
        size += buffer.length;
      }
    }
    commit(true);
    if (done) res.once('finish', done);
    return end.call(res);
  };
}

const tls =
  process.env.SERVER_CERT_PATH && process.env.SERVER_KEY_PATH
    ? { cert: readFileSync(process.env.SERVER_CERT_PATH), key: readFileSync(process.env.SERVER_KEY_PATH) }
    : undefined;
const server = tls ? createHttpsServer(tls, onRequest) : createHttpServer(onRequest);
// `Expect: 100-continue`: a body declared too large is refused before the client sends it.
server.on('checkContinue', (req, res) => {
  if (Number(req.headers['content-length'] ?? 0) > limit) return refuseTooLarge(req, res);
  res.writeContinue();
  onRequest(req, res);
});

const host = process.env.HOST ?? 'localhost';
const port = Number(process.env.PORT ?? 4321);
server.once('error', (error) => {
  console.error(`Signpost could not listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`Signpost is listening on http${tls ? 's' : ''}://${host}:${port}`);
});

/** Stops taking requests, lets in-flight ones finish, stops the jobs, closes the store, exits 0. */
async function stop(signal) {
  if (stopping) {
    // A second signal: stop waiting for slow requests.
    server.closeAllConnections();
    return;
  }
  stopping = true;
  console.log(`Shutting down (${signal}): no new connections; finishing requests in progress`);
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  let timer;
  const drained = await Promise.race([
    closed.then(() => true),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(false), DRAIN_MS);
    }),
  ]);
  clearTimeout(timer);
  if (!drained) {
    console.warn(`Shutdown: requests still running after ${DRAIN_MS / 1000} s were cut off`);
    server.closeAllConnections();
  }
  // The jobs and the people store live in the built bundle, which hands us its `shutdown`
  // through this registry symbol (site/server/context.ts); absent if no page was ever rendered.
  const shutdown = globalThis[Symbol.for('signpost.shutdown')];
  try {
    const { stopped, peopleStoreClosed } = shutdown ? await shutdown() : { stopped: [], peopleStoreClosed: false };
    console.log(
      `Shutdown: background jobs stopped (${stopped.join(', ') || 'none were running'}); ` +
        `people store ${peopleStoreClosed ? 'closed' : 'was not open'}`,
    );
  } catch (error) {
    console.error(`Shutdown: stopping the jobs failed: ${error?.message ?? error}`);
    process.exit(1);
  }
  process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => void stop(signal));
