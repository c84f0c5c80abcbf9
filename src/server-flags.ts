/**
 * The Node flags the production server process runs with. They must be given when the process
 * starts (V8 sizes its heap once): `npm start` and anything that spawns scripts/serve.mjs put them
 * before the script, e.g. `node --max-semi-space-size=8 scripts/serve.mjs`.
 *
 * Why: on a machine with several GB of memory V8 sizes the young generation for throughput, up to
 * 64 MB per semi-space (a new space of 134 MB measured here), and a server that renders pages all
 * day touches all of it: about 110 MB of RSS that holds only garbage. Pages allocate short-lived
 * objects that die young either way, so 8 MB semi-spaces cost a few more (cheap) scavenges and
 * keep RSS near the live heap (docs/decisions.md, "V8's young generation").
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--heap-growing-percent=50'];
