// Preloaded into the server by `memory-probe.ts` (`--import`): on SIGWINCH (ignored by default, so
// harmless if sent to a process without it) writes process.memoryUsage() and V8's heap spaces to
// the file named by MEMORY_REPORT_FILE, for telling the live heap from V8's headroom and native memory.
import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const file = process.env.MEMORY_REPORT_FILE;
if (file) {
  process.on('SIGWINCH', () => {
    const mb = (n) => Math.round(n / 1e5) / 10;
    const usage = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, mb(v)]));
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((s) => [s.space_name, { size: mb(s.space_size), used: mb(s.space_used_size) }]),
    );
    writeFileSync(file, JSON.stringify({ usage, spaces }));
  });
}
