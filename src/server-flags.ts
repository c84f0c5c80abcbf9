/**
 * How the server process keeps V8's heap close to what it holds alive.
 *
 * Measured (docs/decisions.md, "V8's headroom"): on a machine with several GB of memory V8 sizes
 * its heap for throughput. The young generation grows to 64 MB semi-spaces (a new space of
 * 134 MB) and the old generation to up to 4x the live heap between full collections; a server
 * that renders pages all day touches all of it, so RSS was 500-600 MB over a 105 MB live heap at
 * 10k services. Pages allocate short-lived objects that die young either way: small semi-spaces
 * cost a few more (cheap) scavenges, a 1.25x growth step a few more concurrent marking cycles.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * Node flags the server process must start with (V8 sizes the young generation once, at start):
 * `node --max-semi-space-size=8 scripts/serve.mjs`, or `NODE_OPTIONS=--max-semi-space-size=8`,
 * which Node accepts for this flag.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** The old generation grows by this percentage of the live heap between full collections. */
export const HEAP_GROWING_PERCENT = 25;

let applied = false;

/**
 * Caps how far the old generation grows between full collections. V8 reads this setting at each
 * collection, so unlike the semi-space size it can be set once the process runs; the composition
 * root calls it once, before the first page renders.
 */
export function limitHeapGrowth(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
