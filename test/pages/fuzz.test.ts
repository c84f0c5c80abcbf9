/**
 * The fuzzer's short form for CI: a fixed seed, a few hundred hostile inputs spread over every
 * page, query parameter, path parameter and form field, as every role, against the shared test
 * server. The full run (10,000 inputs or more) is `npm run fuzz`; see test/fuzz/engine.ts.
 */
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { fuzz, prepareWorld, summary, type FuzzWorld } from '../fuzz/engine.ts';

const SEED = 20261204;
const INPUTS = 450;

let world: FuzzWorld;
beforeAll(async () => {
  world = await prepareWorld(inject('baseUrl'), inject('dataDir'));
});
afterAll(async () => {
  await world?.close();
});

it('answers hundreds of hostile inputs on every route and role without a server error, injected markup or a slow answer', async () => {
  const report = await fuzz(world, { seed: SEED, count: INPUTS, concurrency: 2 });
  const lines = summary(report);
  expect(
    report.failures.map(
      (f) => `${f.request.method} ${f.request.path.slice(0, 200)} as ${f.request.role}: ${f.problem}`,
    ),
    lines.join('\n'),
  ).toEqual([]);
  // Every page was reached, so a new page cannot slip past the fuzzer.
  const missed = [...report.byRoute].filter(([, r]) => r.requests === 0).map(([file]) => file);
  expect(missed).toEqual([]);
  expect(report.requests).toBeGreaterThan(INPUTS * 0.9);
  // The signed-in roles were still signed in at the end, so their requests reached their pages.
  expect(report.sessionsRenewed).toEqual([]);
  expect(report.sessionsLost).toEqual([]);
}, 120_000);
