import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/server-flags';

/** Runs a snippet in a Node process started with the given flags; returns what it printed. */
function runWith(flags: readonly string[], code: string): string {
  const child = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return child.stdout.trim();
}

// Objects that survive a few scavenges make V8 grow the young generation (to 67 MB here without
// the flags); the largest size it reaches is printed.
const newSpaceMB = `import { getHeapSpaceStatistics } from 'node:v8';
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
let keep = [];
let largest = 0;
for (let i = 0; i < 4e6; i++) {
  keep.push({ i });
  if (keep.length > 5e5) keep = [];
  if (i % 1000 === 0) largest = Math.max(largest, newSpace());
}
console.log(Math.round(largest / 1e6));`;

describe('the server process flags', () => {
  it('are accepted by this Node without a warning', () => {
    expect(runWith(SERVER_NODE_FLAGS, 'console.log("ok")')).toBe('ok');
  });

  it('keep the young generation at a few tens of megabytes whatever the machine', () => {
    // Two 8 MB semi-spaces (plus V8's rounding): well under the 134 MB measured without the flags.
    expect(Number(runWith(SERVER_NODE_FLAGS, newSpaceMB))).toBeLessThanOrEqual(20);
  });
});
