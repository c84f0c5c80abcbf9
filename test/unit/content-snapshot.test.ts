// Hosted content served from the last known good snapshot: every kind of Content Lake failure
// leaves reads answering from it, the snapshot on disk is replaced only by a good sync and only
// atomically, it is loaded at start with the Lake down, it turns stale after the set age, and the
// store recovers by itself.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDataset, type StoredDocument } from '../../src/content/dataset';
import { createHostedSource } from '../../src/content/hosted';
import {
  openSnapshotStore,
  readSnapshot,
  snapshotFiles,
  SYNC_PAGE_SIZE,
  writeSnapshot,
  type SnapshotStore,
} from '../../src/content/snapshot';
import { ContentUnavailableError } from '../../src/content/source';
import { serviceBySlugQuery, siteSettingsQuery } from '../../src/queries';
import { startContentLake, type ContentLakeStandIn } from '../support/content-lake';
import { fixtureDataset, ids } from '../fixtures/dataset';

let directory: string;
let lake: ContentLakeStandIn;
let now: Date;
const stores: SnapshotStore[] = [];

const hosted = (timeoutMs = 300) =>
  createHostedSource({
    projectId: 'standin',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: lake.url,
    timeoutMs,
  });

async function open(options: { staleAfterMinutes?: number; timeoutMs?: number } = {}): Promise<SnapshotStore> {
  const store = await openSnapshotStore({
    lake: hosted(options.timeoutMs),
    directory,
    syncSeconds: 0,
    staleAfterMinutes: options.staleAfterMinutes ?? 60,
    clock: () => now,
    log: () => {},
  });
  stores.push(store);
  return store;
}

/** Renames the walking group in the Lake, as a publish from the Studio would. */
async function renameInLake(name: string): Promise<void> {
  await hosted(2000).commit([{ patch: { id: ids.walking, set: { name } } }]);
}

const walkingName = async (store: SnapshotStore) =>
  (await store.fetch(serviceBySlugQuery, { slug: 'lordship-walking-group' }))?.name;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'signpost-snapshot-'));
  lake = await startContentLake(fixtureDataset());
  now = new Date('2026-11-02T10:00:00Z');
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.stop();
  await lake.close();
  await rm(directory, { recursive: true, force: true });
});

const failures: [string, () => Promise<void> | void][] = [
  ['down (the port refuses)', () => lake.down()],
  ['slower than the timeout', () => lake.behave({ delayMs: 1000 })],
  ['answering 503', () => lake.behave({ status: 503 })],
  ['answering something that is not JSON', () => lake.behave({ malformed: 'not-json' })],
  ['answering JSON that is not in the Sanity shape', () => lake.behave({ malformed: 'wrong-shape' })],
];

describe('the hosted store served from its snapshot', () => {
  it('syncs at start and writes the published dataset and its sync time under the data directory', async () => {
    const store = await open();
    expect((await store.fetch(siteSettingsQuery))?.title).toBe('Signpost');
    const saved = await readDataset(snapshotFiles(directory).documents);
    expect(saved.map((document) => document._id)).toContain(ids.walking);
    expect(saved.some((document) => document._id.startsWith('drafts.'))).toBe(false);
    expect(JSON.parse(await readFile(snapshotFiles(directory).meta, 'utf8'))).toEqual({ syncedAt: now.toISOString() });
    expect(store.freshness()).toEqual({ syncedAt: now, stale: false, failing: false });
  });

  describe.each(failures)('when the Content Lake is %s', (_name, breakLake) => {
    it('keeps answering reads from the snapshot and leaves the file on disk as it was', async () => {
      const store = await open();
      const before = await readFile(snapshotFiles(directory).documents, 'utf8');
      await renameInLake('Renamed while the Lake was failing');
      await breakLake();
      now = new Date(now.getTime() + 60_000);

      expect(await store.sync()).toBe(false);
      expect(store.freshness().failing).toBe(true);
      expect(await walkingName(store)).toBe('Lordship Walking Group');
      expect((await store.fetch(siteSettingsQuery))?.title).toBe('Signpost');
      expect(await readFile(snapshotFiles(directory).documents, 'utf8')).toBe(before);
      expect((await readSnapshot(directory))?.syncedAt.toISOString()).toBe('2026-11-02T10:00:00.000Z');
    });

    it('recovers by itself once the Lake answers again, with the new content', async () => {
      const store = await open();
      await breakLake();
      expect(await store.sync()).toBe(false);
      const revision = store.revision;
      const told: string[] = [];
      store.onChange((change) => told.push(change.origin));

      await lake.up();
      lake.behave({});
      await renameInLake('Lordship Walkers');
      now = new Date(now.getTime() + 60_000);
      expect(await store.sync()).toBe(true);

      expect(await walkingName(store)).toBe('Lordship Walkers');
      expect(store.revision).toBeGreaterThan(revision);
      expect(told).toEqual(['poll']);
      expect(store.freshness()).toEqual({ syncedAt: now, stale: false, failing: false });
    });
  });

  it('says it is stale only once the last good sync is older than the set age', async () => {
    const store = await open({ staleAfterMinutes: 1 });
    await lake.down();
    now = new Date(now.getTime() + 59_000);
    await store.sync();
    expect(store.freshness().stale).toBe(false);
    now = new Date(now.getTime() + 2_000);
    expect(store.freshness().stale).toBe(true);
    await lake.up();
    expect(await store.sync()).toBe(true);
    expect(store.freshness().stale).toBe(false);
  });

  it('starts with the Lake down from the snapshot on disk, stale when that snapshot is old', async () => {
    const first = await open();
    first.stop();
    await lake.down();
    now = new Date(now.getTime() + 2 * 60 * 60_000);

    const restarted = await open({ staleAfterMinutes: 60 });
    expect((await restarted.fetch(siteSettingsQuery))?.title).toBe('Signpost');
    expect(await walkingName(restarted)).toBe('Lordship Walking Group');
    expect(restarted.freshness()).toMatchObject({ syncedAt: new Date('2026-11-02T10:00:00Z'), stale: true });
  });

  it('refuses reads with a content-unavailable error when there is no snapshot and the Lake is down', async () => {
    await lake.down();
    const store = await open();
    await expect(store.fetch(siteSettingsQuery)).rejects.toBeInstanceOf(ContentUnavailableError);
    expect(store.freshness()).toEqual({ syncedAt: null, stale: false, failing: true });

    await lake.up();
    now = new Date(now.getTime() + 10_000);
    expect((await store.fetch(siteSettingsQuery))?.title).toBe('Signpost');
  });

  it('asks only the cheap probe when nothing changed', async () => {
    const store = await open();
    const asked = lake.requests.length;
    now = new Date(now.getTime() + 60_000);
    expect(await store.sync()).toBe(true);
    expect(lake.requests.length - asked).toBe(1);
    expect(store.freshness().syncedAt).toEqual(now);
  });

  it('fetches a dataset larger than one page in full', async () => {
    await lake.close();
    const notes: StoredDocument[] = Array.from({ length: SYNC_PAGE_SIZE + 5 }, (_, index) => ({
      _id: `note-${String(index).padStart(5, '0')}`,
      _type: 'note',
      _updatedAt: '2026-01-01T00:00:00Z',
      _rev: 'r',
    }));
    lake = await startContentLake([...fixtureDataset(), ...notes]);
    await open({ timeoutMs: 5000 });
    const saved = await readDataset(snapshotFiles(directory).documents);
    expect(saved.filter((document) => document._type === 'note')).toHaveLength(SYNC_PAGE_SIZE + 5);
  });

  it('shows a commit on the next read, the commit itself going to the Lake', async () => {
    const store = await open();
    const told: string[] = [];
    store.onChange((change) => told.push(change.origin));
    await store.commit([{ patch: { id: ids.walking, set: { name: 'Committed Walkers' } } }]);
    expect(lake.document(ids.walking)?.name).toBe('Committed Walkers');
    expect(await walkingName(store)).toBe('Committed Walkers');
    expect(told).toEqual(['commit']);
    await store.sync(); // queued after the snapshot file's write
    const saved = await readDataset(snapshotFiles(directory).documents);
    expect(saved.find((document) => document._id === ids.walking)?.name).toBe('Committed Walkers');
  });

  it('follows a webhook naming the changed document, then tells its listeners', async () => {
    const store = await open();
    await renameInLake('Webhook Walkers');
    const told = new Promise<string[] | undefined>((resolve) =>
      store.onChange((change) => resolve(change.documentIds)),
    );
    store.changed({ origin: 'webhook', documentIds: [ids.walking] });
    expect(await told).toEqual([ids.walking]);
    expect(await walkingName(store)).toBe('Webhook Walkers');
  });

  it('tells nobody about a webhook for a draft that changes nothing published', async () => {
    const store = await open();
    await hosted(2000).commit([
      { createOrReplace: { _id: `drafts.${ids.walking}`, _type: 'service', name: 'Draft only' } },
    ]);
    const revision = store.revision;
    const told: string[] = [];
    store.onChange((change) => told.push(change.origin));
    store.changed({ origin: 'webhook', documentIds: [`drafts.${ids.walking}`] });
    expect(await store.sync()).toBe(true); // runs after the webhook's fetch
    expect(told).toEqual([]);
    expect(store.revision).toBe(revision);
    expect(await walkingName(store)).toBe('Lordship Walking Group');
  });

  it('drops a document deleted in the Lake', async () => {
    const store = await open();
    await hosted(2000).commit([{ delete: { id: ids.walking } }]);
    now = new Date(now.getTime() + 60_000);
    await store.sync();
    expect(await walkingName(store)).toBeUndefined();
  });
});

describe('the snapshot on disk', () => {
  it('is replaced atomically: a reader during a write sees the old or the new dataset, never a torn one', async () => {
    const big = (count: number, text: string): StoredDocument[] =>
      Array.from({ length: count }, (_, index) => ({ _id: `doc-${index}`, _type: 'note', text: text.repeat(200) }));
    await writeSnapshot(directory, { documents: big(3000, 'a'), syncedAt: now });
    const sizes = new Set<number>();
    let writing = true;
    const write = writeSnapshot(directory, { documents: big(5000, 'b'), syncedAt: now }).finally(() => {
      writing = false;
    });
    while (writing) {
      const documents = await readDataset(snapshotFiles(directory).documents);
      sizes.add(documents.length);
    }
    await write;
    sizes.add((await readDataset(snapshotFiles(directory).documents)).length);
    expect([...sizes].every((size) => size === 3000 || size === 5000)).toBe(true);
    expect(sizes.has(5000)).toBe(true);
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('clears the temporary files a crashed write left behind at the next start, keeping the snapshot', async () => {
    await writeSnapshot(directory, { documents: fixtureDataset(), syncedAt: now });
    const leftover = `${snapshotFiles(directory).documents}.4242.1796000000000.tmp`;
    await writeFile(leftover, '{"_id": "half a docu');
    await lake.down();
    const store = await open();
    expect((await store.fetch(siteSettingsQuery))?.title).toBe('Signpost');
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('is ignored when its sync time is unreadable, rather than served as if current', async () => {
    await writeSnapshot(directory, { documents: fixtureDataset(), syncedAt: now });
    await writeFile(snapshotFiles(directory).meta, '{"syncedAt": "not a date"}');
    expect(await readSnapshot(directory)).toBeUndefined();
  });
});
