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
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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

const paths = queryMix().map((q) => `/search?${q.query}`);
const server = await startBenchServer(dataDir, dataset.path, {
  nodeOptions: [
    ...(snapshots ? ['--heapsnapshot-signal=SIGUSR2'] : []),
    ...option('node-options', '').split(' ').filter(Boolean),
  ],
  cwd: snapshots || undefined,
});

async function step(name: string) {
  const m = server.memory();
  console.log(`${name.padEnd(16)} RSS ${m.rssMB} MB, peak ${m.peakMB} MB`);
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
  let next = 0;
  const result = await autocannon({
    url: server.baseUrl,
    connections: 25,
    duration,
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
