/**
 * A memory probe for the server (not part of `npm test`): starts the built server on a synthetic
 * dataset, drives the first search, every search of the mix and an autocannon phase, and prints
 * RSS and V8 figures after each step; with `--snapshots DIR` it takes a heap snapshot after each
 * (SIGUSR2, `--heapsnapshot-signal`) for `test/bench/heap-summary.ts`.
 *
 *   node --import ./test/bench/hooks.mjs test/bench/memory-probe.ts [--size 10k] [--snapshots DIR]
 *        [--duration 12] [--node-options "--trace-gc"]
 *
 * Taking a snapshot costs the server memory of its own: read RSS from a run without snapshots.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  defaultBenchDirectory,
  parseSize,
  sizeLabel,
  writeSyntheticDataset,
} from '../../content/generate-synthetic.ts';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { queryMix } from './queries.ts';
import { startBenchServer } from './server.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? (args[at + 1] as string) : fallback;
};
const services = parseSize(option('size', '10k'));
const snapshots = option('snapshots', '');
const duration = Number(option('duration', '12'));
const benchDir = defaultBenchDirectory();
const dataset = await writeSyntheticDataset(services, benchDir);
buildIfStale();
const dataDir = join(benchDir, `probe-${sizeLabel(services)}`);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
if (snapshots) mkdirSync(snapshots, { recursive: true });

const reportFile = join(dataDir, 'memory-report.json');
const paths = queryMix().map((q) => `/search?${q.query}`);
const server = await startBenchServer(dataDir, dataset.path, {
  nodeOptions: [
    `--import=${new URL('./memory-report.mjs', import.meta.url).pathname}`,
    ...(snapshots ? ['--heapsnapshot-signal=SIGUSR2'] : []),
    ...option('node-options', '').split(' ').filter(Boolean),
  ],
  cwd: snapshots || undefined,
  env: { MEMORY_REPORT_FILE: reportFile },
});

/** RSS by kind of mapping from /proc/<pid>/smaps: the malloc heap, other anonymous memory, files. */
function mappings(pid: number): string {
  const totals = new Map<string, number>();
  let kind = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const name = head[1] ?? '';
      kind =
        name === ''
          ? 'anonymous'
          : name.startsWith('[')
            ? name
            : name.includes('/node')
              ? 'node binary'
              : 'other files';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) totals.set(kind, (totals.get(kind) ?? 0) + Number(rss[1]));
  }
  return [...totals]
    .filter(([, kb]) => kb > 1024)
    .map(([name, kb]) => `${name} ${(kb / 1024).toFixed(0)}`)
    .join(', ');
}

/** The server's own view (process.memoryUsage and V8's spaces), written on SIGWINCH by memory-report.mjs. */
async function inside(): Promise<string> {
  rmSync(reportFile, { force: true });
  process.kill(server.pid, 'SIGWINCH');
  for (let i = 0; i < 50 && !existsSync(reportFile); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(reportFile)) return '(no report)';
  const { usage, spaces } = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    usage: Record<string, number>;
    spaces: Record<string, { size: number; used: number }>;
  };
  const big = Object.entries(spaces)
    .filter(([, s]) => s.size > 1)
    .map(([name, s]) => `${name.replace('_space', '')} ${s.used}/${s.size}`)
    .join(', ');
  return `${Object.entries(usage)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}\n  spaces (used/size MB): ${big}`;
}

async function step(name: string) {
  const m = server.memory();
  console.log(`${name.padEnd(16)} RSS ${m.rssMB} MB, peak ${m.peakMB} MB`);
  console.log(`  ${await inside()}`);
  console.log(`  mappings (RSS MB): ${mappings(server.pid)}`);
  if (!snapshots) return;
  const before = new Set(readdirSync(snapshots));
  process.kill(server.pid, 'SIGUSR2');
  // The snapshot is written by the server's main thread; wait until its size stops changing.
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const added = readdirSync(snapshots).filter((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (added.length === 0) continue;
    const size = statSync(join(snapshots, added[0]!)).size;
    if (size === last && size > 0) {
      console.log(`  snapshot ${added[0]} (${(size / 1e6).toFixed(0)} MB)`);
      return;
    }
    last = size;
  }
}

try {
  await step('after start');
  const t0 = Date.now();
  for (;;) {
    const response = await fetch(`${server.baseUrl}/search?q=football`);
    await response.arrayBuffer();
    if (response.status === 200) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  console.log(`server log: ${server.log}`);
  console.log(`first search ${Date.now() - t0} ms`);
  await step('first search');
  for (const path of paths) await (await fetch(`${server.baseUrl}${path}`)).arrayBuffer();
  await step('warm pass');
  // As the bench: the browser's Accept-Encoding (without it, every cached page is gunzipped per request).
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  // The bench's static phase: the main stylesheet.
  const css = readdirSync('dist/client/_astro').find((name) => name.startsWith('main.') && name.endsWith('.css'));
  if (css && option('static', 'yes') === 'yes') {
    const stat = await autocannon({ url: `${server.baseUrl}/_astro/${css}`, connections: 25, duration, headers });
    console.log(`static: ${stat.requests.average} req/s, p99 ${stat.latency.p99} ms`);
    await step('after static');
  }
  let next = 0;
  const result = await autocannon({
    url: server.baseUrl,
    connections: 25,
    duration,
    headers,
    requests: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] as string }) },
    ],
  });
  console.log(`load: ${result.requests.average} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
  await step('after load');
} finally {
  await server.stop();
  rmSync(join(dataDir, 'data'), { recursive: true, force: true });
}
