/**
 * `npm run fuzz`: hostile inputs in every query parameter, path parameter and form field of every
 * page, as every role (see ./engine.ts). Builds the site if stale, starts the real server on a
 * fresh data directory, and exits non-zero on any failure.
 *
 *   npm run fuzz -- [--inputs 10000] [--seed <number>] [--concurrency 4]
 *
 * Runs on Node 24 with type stripping; `../bench/hooks.mjs` resolves `src/`'s extensionless imports.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { startServer } from '../support/server.ts';
import { fuzz, prepareWorld, summary } from './engine.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
};
const count = Number(option('inputs', '10000'));
const seed = Number(option('seed', String(Date.now() % 2 ** 31)));
const concurrency = Number(option('concurrency', '4'));
if (!Number.isInteger(count) || count < 1) throw new Error('--inputs takes a whole number of requests');
if (!Number.isInteger(seed)) throw new Error('--seed takes a whole number');

console.log(
  `fuzz: seed ${seed}, ${count} inputs, ${concurrency} at a time (replay: npm run fuzz -- --seed ${seed} --inputs ${count})`,
);
buildIfStale();
const dataRoot = await mkdtemp(join(tmpdir(), 'signpost-fuzz-'));
const server = await startServer(dataRoot);
let failed = true;
try {
  const world = await prepareWorld(server.baseUrl, join(dataRoot, 'data'));
  const started = Date.now();
  const report = await fuzz(world, {
    seed,
    count,
    concurrency,
    onProgress: (done) => console.log(`  ${done} requests, ${Math.round((Date.now() - started) / 1000)} s`),
  });
  await world.close();
  console.log(summary(report).join('\n'));
  console.log(`took ${Math.round((Date.now() - started) / 1000)} s; server log: ${server.log}`);
  failed = report.failures.length > 0;
} finally {
  await server.stop();
  if (!failed && !process.env.KEEP_TEST_DATA) await rm(dataRoot, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
