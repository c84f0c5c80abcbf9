/**
 * `npm run bench:http`: load and soak of the real server (not part of `npm test`). See README,
 * "Performance" > "Load and soak".
 *
 *   npm run bench:http -- [--size sample|1k|10k] [--duration 10] [--connections 25,100]
 *                         [--soak-minutes 5] [--soak-connections 25] [--timeout 10]
 *                         [--out bench-results/http.json]
 *
 * Builds the site if stale, starts it on the sample data or a synthetic dataset
 * (`content/generate-synthetic.ts`), makes one referral link, then drives each page (home,
 * `/search` over the query mix, a service page, the ORUK feed, the referral page) with
 * autocannon at each connection count, then soaks the whole mix while sampling the server's RSS
 * every 10 s. Passes with zero errors, timeouts and non-2xx answers, and the soak's last minute
 * of RSS within 10% of its second minute. Rate limits are raised with RATE_LIMIT_SCALE (one load
 * generator is one client address; see docs/decisions.md).
 *
 * Runs on Node 24 with type stripping; `./hooks.mjs` resolves `src/`'s extensionless imports.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  defaultBenchDirectory,
  parseSize,
  sizeLabel,
  writeSyntheticDataset,
} from '../../content/generate-synthetic.ts';
import { createAuth } from '../../src/accounts/auth.ts';
import { acceptInvitation, invite } from '../../src/accounts/invitations.ts';
import { readConfig } from '../../src/config.ts';
import { createPeopleStore } from '../../src/people/store.ts';
import { hashToken } from '../../src/people/tokens.ts';
import { newReferralCode } from '../../src/referrals/code.ts';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { queryMix } from './queries.ts';
import { startBenchServer, type BenchServer } from './server.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? (args[at + 1] as string) : fallback;
};
const size = option('size', 'sample');
const duration = Number(option('duration', '10'));
const connectionCounts = option('connections', '25,100').split(',').map(Number);
const soakMinutes = Number(option('soak-minutes', '5'));
const soakConnections = Number(option('soak-connections', '25'));
const timeoutSeconds = Number(option('timeout', '10'));
const sampleSeconds = 10;
const outPath = resolve(root, option('out', 'bench-results/http.json'));
const log = (message: string) => console.log(`[bench:http] ${message}`);

// The bench is one client address driving thousands of requests: every limit times a million.
const RATE_LIMIT_SCALE = '1000000';
const AUTH_SECRET = randomBytes(36).toString('base64url');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A published, active service with an organisation: the page to load and the referral's activity. */
async function pickService(seedFile: string): Promise<{ id: string; slug: string; organisationId: string }> {
  const lines = createInterface({ input: createReadStream(seedFile, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes('"_type":"service"')) continue;
    const doc = JSON.parse(line) as Json;
    if (doc._id.startsWith('drafts.') || doc.status !== 'active' || !doc.organisation?._ref || !doc.slug?.current)
      continue;
    lines.close();
    return { id: doc._id, slug: doc.slug.current, organisationId: doc.organisation._ref };
  }
  throw new Error(`No active service in ${seedFile}`);
}

/** Makes a connector and a referral for `service` in the server's store; answers the link's path. */
async function makeReferralLink(server: BenchServer, dataDir: string, service: { id: string; organisationId: string }) {
  const config = readConfig({ DATA_DIR: join(dataDir, 'data'), SITE_URL: server.baseUrl, AUTH_SECRET });
  const store = await createPeopleStore(config);
  try {
    const auth = createAuth(store, config, { log: () => {} });
    const email = `bench-connector-${randomBytes(4).toString('hex')}@example.org`;
    const { link } = await invite(store, config, { email, role: 'connector', organisationIds: [] });
    const account = await acceptInvitation(store, auth, {
      token: link.split('/').pop()!,
      name: 'Bench connector',
      password: `bench-${randomBytes(12).toString('base64url')}`,
    });
    const token = newReferralCode();
    await store.referrals.create({
      tokenHash: hashToken(token),
      connectorUserId: account.id,
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      items: [{ serviceId: service.id, organisationId: service.organisationId }],
    });
    return `/r/${token}`;
  } finally {
    await store.close();
  }
}

/**
 * Waits until the server answers a static file quickly again: requests still queued from one
 * run (the load generator stops sending, the server goes on rendering) must not be counted
 * against the next page.
 */
async function drain(baseUrl: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    const t0 = performance.now();
    await (await fetch(`${baseUrl}/robots.txt`)).arrayBuffer();
    if (performance.now() - t0 < 50) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return Date.now() - started;
}

/** One autocannon run over `paths` (cycled); answers its figures. */
async function load(baseUrl: string, paths: string[], connections: number, seconds: number): Promise<Json> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: timeoutSeconds,
    // As every browser asks: pages and assets come compressed.
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
  return {
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    requests: result.requests.total,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
  };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
// autocannon counts timeouts among its errors.
const failuresOf = (run: Json) => run.errors + run.non2xx;
/** What is wrong with a run: failed requests, or none finished (nothing was measured). */
const problemOf = (run: Json) =>
  failuresOf(run) > 0 ? `${failuresOf(run)} failed requests` : run.requests === 0 ? 'no request finished' : undefined;

// ---------------------------------------------------------------------------------------------

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
};
log(
  `machine: ${machine.cores} x ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`,
);

buildIfStale();
const benchDir = defaultBenchDirectory();
mkdirSync(benchDir, { recursive: true });
let seedFile = join(root, 'content/sample.ndjson');
if (size !== 'sample') {
  const dataset = await writeSyntheticDataset(parseSize(size), benchDir);
  seedFile = dataset.path;
  log(`dataset ${sizeLabel(parseSize(size))} ${dataset.reused ? 'reused' : 'written'}: ${relative(root, seedFile)}`);
}
const service = await pickService(seedFile);
const dataDir = join(benchDir, `http-${size}`);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

process.env.AUTH_SECRET = AUTH_SECRET;
process.env.RATE_LIMIT_SCALE = RATE_LIMIT_SCALE;
const results: Json = {
  date: new Date().toISOString(),
  machine,
  options: {
    size,
    duration,
    connections: connectionCounts,
    soakMinutes,
    soakConnections,
    rateLimitScale: RATE_LIMIT_SCALE,
  },
  pages: {} as Json,
};
const server = await startBenchServer(dataDir, seedFile);
const failed: string[] = [];
try {
  // Wait for the search index (built from the content at first start) before measuring.
  const waitFrom = Date.now();
  for (;;) {
    const response = await fetch(`${server.baseUrl}/search?q=football`);
    await response.arrayBuffer();
    if (response.status === 200) break;
    if (Date.now() - waitFrom > 20 * 60_000) throw new Error(`/search answered ${response.status} for 20 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const referral = await makeReferralLink(server, dataDir, service);
  const pages: Record<string, string[]> = {
    home: ['/'],
    search: queryMix().map((q) => `/search?${q.query}`),
    service: [`/services/${service.slug}`],
    feed: ['/api/oruk/services'],
    referral: [referral],
  };
  // Every path answers 200 once before the load starts (else the figures would measure errors).
  for (const [name, paths] of Object.entries(pages)) {
    for (const path of name === 'search' ? paths.slice(0, 5) : paths) {
      const response = await fetch(`${server.baseUrl}${path}`, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status !== 200)
        throw new Error(`${name} (${path.startsWith('/r/') ? '/r/<token>' : path}) answered ${response.status}`);
    }
  }
  results.memory = { afterWarmUp: server.memory() };
  log(`server ready; RSS ${server.memory().rssMB} MB; ${pages.search!.length} searches in the mix`);

  for (const [name, paths] of Object.entries(pages)) {
    results.pages[name] = [];
    for (const connections of connectionCounts) {
      const drainedMs = await drain(server.baseUrl);
      const loadAverageBefore = Math.round((os.loadavg()[0] as number) * 100) / 100;
      const run: Json = { ...(await load(server.baseUrl, paths, connections, duration)), drainedMs, loadAverageBefore };
      run.rssMBAfter = server.memory().rssMB;
      results.pages[name].push(run);
      log(
        `${name} x${connections} (load ${loadAverageBefore}): ${run.requestsPerSecond} req/s, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, errors ${run.errors}, timeouts ${run.timeouts}, non-2xx ${run.non2xx}`,
      );
      const problem = problemOf(run);
      if (problem) failed.push(`${name} at ${connections} connections: ${problem}`);
    }
  }
  results.memory.afterLoad = server.memory();

  // The soak: the whole mix, one request of each page in turn (searches vary), RSS every 10 s.
  const soakPaths: string[] = [];
  for (let i = 0; i < pages.search!.length; i++) {
    soakPaths.push(pages.search![i]!, '/', pages.service![0]!, pages.feed![0]!, referral);
  }
  const samples: { atSeconds: number; rssMB: number }[] = [];
  const soakStart = Date.now();
  const sampler = setInterval(() => {
    samples.push({ atSeconds: Math.round((Date.now() - soakStart) / 1000), rssMB: server.memory().rssMB });
  }, sampleSeconds * 1000);
  await drain(server.baseUrl);
  log(`soak: ${soakMinutes} min at ${soakConnections} connections over the mix`);
  const soak = await load(server.baseUrl, soakPaths, soakConnections, soakMinutes * 60);
  clearInterval(sampler);
  const minutes = Array.from({ length: soakMinutes }, (_, m) => {
    const inMinute = samples.filter((s) => s.atSeconds > m * 60 && s.atSeconds <= (m + 1) * 60).map((s) => s.rssMB);
    return inMinute.length > 0 ? Math.round(mean(inMinute) * 10) / 10 : NaN;
  });
  const second = minutes[1];
  const last = minutes[minutes.length - 1];
  const drift = second && last ? Math.round(((last - second) / second) * 1000) / 10 : NaN;
  results.soak = { ...soak, samples, rssMBPerMinute: minutes, lastVsSecondMinutePercent: drift };
  log(
    `soak: ${soak.requestsPerSecond} req/s, p50 ${soak.latencyMs.p50} ms, p99 ${soak.latencyMs.p99} ms, errors ${soak.errors}, timeouts ${soak.timeouts}, non-2xx ${soak.non2xx}`,
  );
  const soakProblem = problemOf(soak);
  if (soakProblem) failed.push(`soak: ${soakProblem}`);
  if (soakMinutes < 2) failed.push('soak: at least 2 minutes are needed to compare memory');
  else if (!(Math.abs(drift) <= 10))
    failed.push(`soak: last minute's RSS ${last} MB is ${drift}% off the second minute's ${second} MB`);
  results.memory.afterSoak = server.memory();
} catch (error) {
  failed.push(String(error));
} finally {
  await server.stop();
  rmSync(join(dataDir, 'data'), { recursive: true, force: true });
}
results.machine.loadAverageAtEnd = os.loadavg().map((n) => Math.round(n * 100) / 100);
results.failures = failed;
results.passed = failed.length === 0;

// ---------------------------------------------------------------------------------------------

const rows = Object.entries(results.pages as Json).flatMap(([name, runs]) =>
  (runs as Json[]).map((run) => [
    name,
    String(run.connections),
    String(run.requestsPerSecond),
    `${run.latencyMs.p50} ms`,
    `${run.latencyMs.p99} ms`,
    String(run.errors),
    String(run.non2xx),
  ]),
);
if (results.soak) {
  const s = results.soak;
  rows.push([
    'soak (mix)',
    String(s.connections),
    String(s.requestsPerSecond),
    `${s.latencyMs.p50} ms`,
    `${s.latencyMs.p99} ms`,
    String(s.errors),
    String(s.non2xx),
  ]);
}
console.log(`\n${table(['page', 'connections', 'req/s', 'p50', 'p99', 'errors (timeouts incl.)', 'non-2xx'], rows)}`);
if (results.soak) {
  console.log(
    `\n${table(
      ['soak minute', 'mean RSS'],
      (results.soak.rssMBPerMinute as number[]).map((mb, m) => [String(m + 1), `${mb} MB`]),
    )}\nlast vs second minute: ${results.soak.lastVsSecondMinutePercent}% (limit 10%)`,
  );
}
console.log(
  `\nload average at start ${machine.loadAverageAtStart.join(' ')}, at end ${results.machine.loadAverageAtEnd.join(' ')}`,
);
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify(results, null, 2)}\n`);
log(`wrote ${relative(root, outPath)}`);
if (failed.length > 0) {
  console.log(`\nFAILED:\n${failed.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('\nPASSED: no errors, and memory flat over the soak.');
