/**
 * Summarises a V8 heap snapshot (from `memory-probe.ts --snapshots DIR`): self size by kind and
 * constructor, largest first. Not part of `npm test`.
 *
 *   node test/bench/heap-summary.ts <file.heapsnapshot> [rows]
 */
import { readFileSync } from 'node:fs';

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
};

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('Usage: node test/bench/heap-summary.ts <file.heapsnapshot> [rows]');
const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const fields = snap.snapshot.meta.node_fields;
const types = snap.snapshot.meta.node_types[0];
const width = fields.length;
const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((name) => fields.indexOf(name)) as [
  number,
  number,
  number,
];
const totals = new Map<string, { size: number; count: number }>();
let total = 0;
for (let i = 0; i < snap.nodes.length; i += width) {
  const type = types[snap.nodes[i + typeAt] as number] as string;
  const name = snap.strings[snap.nodes[i + nameAt] as number] as string;
  // Strings and code are grouped whole: their names are their contents.
  const key = /string/.test(type)
    ? '(strings)'
    : type === 'code' || type === 'closure'
      ? `(${type})`
      : `${type}: ${name.slice(0, 60)}`;
  const entry = totals.get(key) ?? { size: 0, count: 0 };
  entry.size += snap.nodes[i + sizeAt] as number;
  entry.count += 1;
  totals.set(key, entry);
  total += snap.nodes[i + sizeAt] as number;
}
console.log(`${(total / 1e6).toFixed(1)} MB in ${snap.nodes.length / width} objects`);
for (const [key, { size, count }] of [...totals].sort((a, b) => b[1].size - a[1].size).slice(0, Number(rowsArg ?? 30)))
  console.log(`${(size / 1e6).toFixed(1).padStart(7)} MB ${String(count).padStart(9)}  ${key}`);
