// A process that commits to an embedded content store as fast as it can and prints "ack N" after
// each acknowledged commit, for the kill -9 durability test in test/unit/content-writes.test.ts.
import { readDataset, writeDatasetDurably } from '../../../src/content/dataset';
import { createEmbeddedSource } from '../../../src/content/embedded';

const path = process.argv[2]!;
const documents = await readDataset(path);
// Big enough that a write takes a while, so the kill often lands in the middle of one.
const padding = 'x'.repeat(200_000);
const store = createEmbeddedSource([...documents, { _id: 'padding', _type: 'note', padding }], {
  persist: (next) => writeDatasetDurably(path, next),
});
await store.commit([{ createOrReplace: { _id: 'write-counter', _type: 'note', count: 0 } }]);
for (let count = 1; ; count += 1) {
  await store.commit([{ patch: { id: 'write-counter', set: { count } } }]);
  process.stdout.write(`ack ${count}\n`);
}
