/**
 * The one write path for content, on both stores: the embedded store (applied with
 * @sanity/mutator, written durably) and the hosted store (the real @sanity/client against the
 * local stand-in of the Content Lake, which answers the mutate endpoint as the Lake does).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClient } from '@sanity/client';
import { sanityImport } from '@sanity/import';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataset, parseNdjson, readDataset, toNdjson, writeDatasetDurably } from '../../src/content/dataset';
import { createEmbeddedSource } from '../../src/content/embedded';
import { runContentExport } from '../../src/content/export';
import { createHostedSource } from '../../src/content/hosted';
import { MutationError } from '../../src/content/mutations';
import type { ContentChange, ContentStore } from '../../src/content/source';
import { serviceBySlugQuery } from '../../src/queries';
import { startContentLake, type ContentLakeStandIn } from '../support/content-lake';
import { fixtureDataset, ids } from '../fixtures/dataset';

let directory: string;
let lake: ContentLakeStandIn;
const stores = {} as Record<'embedded' | 'hosted', ContentStore>;
const changes: ContentChange[] = [];

const hosted = (url: string) =>
  createHostedSource({
    projectId: 'standin',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: url,
    timeoutMs: 3000,
  });

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'signpost-writes-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

beforeEach(async () => {
  await lake?.close();
  lake = await startContentLake(fixtureDataset());
  const path = join(directory, 'dataset.ndjson');
  stores.embedded = createEmbeddedSource(fixtureDataset(), {
    persist: (documents) => writeDatasetDurably(path, documents),
  });
  stores.hosted = hosted(lake.url);
  changes.length = 0;
  for (const store of Object.values(stores)) store.onChange((change) => changes.push(change));
});
afterAll(() => lake.close());

const service = (id: string) => `svc-${id}`;

describe.each(['embedded', 'hosted'] as const)('writing through the %s content store', (kind) => {
  const store = () => stores[kind];

  it('patches a published document with a new revision and time, and serves the change at once', async () => {
    const [before] = await store().getDocuments([ids.walking]);
    const result = await store().commit([
      { patch: { id: ids.walking, ifRevisionID: before!._rev as string, set: { name: 'Lordship Rec Walking Group' } } },
    ]);
    const [after] = await store().getDocuments([ids.walking]);
    expect(after).toMatchObject({ name: 'Lordship Rec Walking Group', _rev: result.transactionId });
    expect(after!._rev).not.toBe(before!._rev);
    expect(Date.parse(after!._updatedAt as string)).toBeGreaterThan(Date.parse(before!._updatedAt as string));
    const page = await store().fetch(serviceBySlugQuery, {
      slug: before!.slug && (before!.slug as { current: string }).current,
    });
    expect(page?.name).toBe('Lordship Rec Walking Group');
    expect(changes.at(-1)).toEqual({ origin: 'commit', documentIds: [ids.walking] });
  });

  it('keeps a draft beside the published document without serving it, then publishes it', async () => {
    const [published] = await store().getDocuments([ids.walking]);
    const slug = (published!.slug as { current: string }).current;
    await store().commit([{ createOrReplace: { ...published!, _id: `drafts.${ids.walking}`, name: 'Draft name' } }]);
    expect((await store().fetch(serviceBySlugQuery, { slug }))?.name).toBe(published!.name);
    const [draft] = await store().getDocuments([`drafts.${ids.walking}`]);
    expect(draft?.name).toBe('Draft name');
    // Publishing: the draft replaces the published document and goes, in one transaction.
    const { _rev: _ignored, ...body } = draft!;
    await store().commit([
      { patch: { id: ids.walking, ifRevisionID: published!._rev as string, set: { name: 'Draft name' } } },
      { delete: { id: `drafts.${ids.walking}` } },
    ]);
    expect(body._id).toBe(`drafts.${ids.walking}`);
    expect((await store().fetch(serviceBySlugQuery, { slug }))?.name).toBe('Draft name');
    expect(await store().getDocuments([`drafts.${ids.walking}`])).toEqual([null]);
  });

  it('creates, inserts into arrays, unsets and deletes', async () => {
    await store().commit([{ create: { _id: service('new'), _type: 'note', tags: ['a'], extra: 1 } }]);
    await store().commit([
      { patch: { id: service('new'), insert: { after: 'tags[-1]', items: ['b', 'c'] }, unset: ['extra'] } },
    ]);
    expect((await store().getDocuments([service('new')]))[0]).toMatchObject({ tags: ['a', 'b', 'c'] });
    expect((await store().getDocuments([service('new')]))[0]).not.toHaveProperty('extra');
    await store().commit([{ createIfNotExists: { _id: service('new'), _type: 'note', tags: [] } }]);
    expect((await store().getDocuments([service('new')]))[0]?.tags).toEqual(['a', 'b', 'c']);
    await store().commit([{ delete: { id: service('new') } }]);
    expect(await store().getDocuments([service('new')])).toEqual([null]);
  });

  it('refuses a second editor working from an old revision: changed since you opened it', async () => {
    const [opened] = await store().getDocuments([ids.walking]);
    const rev = opened!._rev as string;
    await store().commit([{ patch: { id: ids.walking, ifRevisionID: rev, set: { name: 'First editor' } } }]);
    const second = store().commit([{ patch: { id: ids.walking, ifRevisionID: rev, set: { name: 'Second editor' } } }]);
    await expect(second).rejects.toBeInstanceOf(MutationError);
    await expect(second).rejects.toMatchObject({ reason: 'conflict' });
    expect((await store().getDocuments([ids.walking]))[0]?.name).toBe('First editor');
  });

  it('applies a transaction all or nothing', async () => {
    const [opened] = await store().getDocuments([ids.walking]);
    const attempt = store().commit([
      { patch: { id: ids.walking, set: { name: 'Half done' } } },
      { create: { _id: ids.fiveASide, _type: 'service' } }, // exists already
    ]);
    await expect(attempt).rejects.toMatchObject({ reason: kind === 'embedded' ? 'exists' : 'invalid' });
    expect((await store().getDocuments([ids.walking]))[0]).toEqual(opened);
  });

  it('tells listeners about a change made elsewhere (a webhook or a poll)', () => {
    store().changed({ origin: 'webhook', documentIds: [ids.walking] });
    expect(changes.at(-1)).toEqual({ origin: 'webhook', documentIds: [ids.walking] });
  });
});

describe('the hosted content store and the webhook', () => {
  it('is told by the stand-in after each transaction, with a signature the endpoint can check', async () => {
    const { isValidSignature } = await import('@sanity/webhook');
    const received: { body: string; signature: string }[] = [];
    const { createServer } = await import('node:http');
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ body, signature: String(request.headers['sanity-webhook-signature']) });
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    lake.webhook({ url: `http://127.0.0.1:${port}/`, secret: 'a-webhook-secret-for-tests' });
    await stores.hosted.commit([{ patch: { id: ids.walking, set: { name: 'Hooked' } } }]);
    await expect.poll(() => received.length).toBe(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ _id: ids.walking, _type: 'service' });
    expect(await isValidSignature(received[0]!.body, received[0]!.signature, 'a-webhook-secret-for-tests')).toBe(true);
    expect(await isValidSignature(received[0]!.body, received[0]!.signature, 'another-secret-entirely')).toBe(false);
    server.close();
  });
});

describe('the embedded content store on disk', () => {
  it('writes each acknowledged commit to the dataset file before answering', async () => {
    const path = join(directory, 'acknowledged.ndjson');
    const store = createEmbeddedSource(fixtureDataset(), {
      persist: (documents) => writeDatasetDurably(path, documents),
    });
    await store.commit([{ patch: { id: ids.walking, set: { name: 'On disk' } } }]);
    const saved = await readDataset(path);
    expect(saved.find((document) => document._id === ids.walking)?.name).toBe('On disk');
    expect(saved).toHaveLength(fixtureDataset().length);
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('acknowledges nothing when the file cannot be written, and keeps serving the old documents', async () => {
    const store = createEmbeddedSource(fixtureDataset(), {
      persist: () => writeDatasetDurably(join(directory, 'missing', 'dir', 'dataset.ndjson'), []),
    });
    await expect(store.commit([{ patch: { id: ids.walking, set: { name: 'Lost' } } }])).rejects.toThrow();
    expect((await store.getDocuments([ids.walking]))[0]?.name).toBe('Lordship Walking Group');
  });

  it('loses no acknowledged commit and never leaves a torn file when killed with SIGKILL mid-write', async () => {
    for (let trial = 0; trial < 8; trial += 1) {
      const path = join(directory, `killed-${trial}.ndjson`);
      await writeDatasetDurably(path, fixtureDataset());
      const child = spawn(
        process.execPath,
        ['--import', './test/bench/hooks.mjs', 'test/support/children/content-writer.ts', path],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const acknowledged: number[] = [];
      child.stdout.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n'))
          if (line.startsWith('ack ')) acknowledged.push(Number(line.slice(4)));
      });
      // Kill it at a different point in each trial, while it is writing.
      await new Promise((resolve) => setTimeout(resolve, 400 + trial * 90));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const saved = parseNdjson(await readFile(path, 'utf8')); // throws if torn
      const counter = saved.find((document) => document._id === 'write-counter');
      const last = acknowledged.at(-1) ?? 0;
      expect(last).toBeGreaterThan(0); // the kill landed while it was writing, not before it began
      expect(Number(counter?.count ?? 0)).toBeGreaterThanOrEqual(last);
      expect(saved.length).toBeGreaterThanOrEqual(fixtureDataset().length);
    }
  }, 60_000);

  it('clears the temporary copy a crashed write left behind, and keeps the dataset', async () => {
    const dataDir = join(directory, 'leftovers');
    const path = await ensureDataset(dataDir, './content/sample.ndjson');
    const leftover = `${path}.4242.1700000000000.tmp`;
    await writeFile(leftover, '{"_id":"half');
    expect(await ensureDataset(dataDir, './content/sample.ndjson')).toBe(path);
    await expect(readFile(leftover)).rejects.toThrow();
    expect((await readDataset(path)).length).toBeGreaterThan(100);
  });

  it("exports NDJSON that Sanity's importer (the one `sanity dataset import` runs) loads unchanged", async () => {
    const dataDir = join(directory, 'export-data');
    let text = '';
    const code = await runContentExport(
      [],
      { DATA_DIR: dataDir, CONTENT_SEED_FILE: './content/sample.ndjson' },
      {
        out: (chunk) => (text += chunk),
        err: () => undefined,
      },
    );
    expect(code).toBe(0);
    const exported = parseNdjson(text);
    expect(exported.length).toBeGreaterThan(100);
    const target = await startContentLake([]);
    const client = createClient({
      projectId: 'standin',
      dataset: 'production',
      apiVersion: '2025-02-19',
      apiHost: target.url,
      useProjectHostname: false,
      useCdn: false,
      token: 'import-token',
    });
    const result = await sanityImport(Readable.from([text]), {
      client,
      operation: 'create',
      allowFailingAssets: false,
    });
    expect(result.numDocs).toBe(exported.length);
    for (const document of exported.slice(0, 50)) {
      const { _rev: _a, _updatedAt: _b, _createdAt: _c, ...content } = document;
      expect(target.document(document._id)).toMatchObject(content);
    }
    await target.close();
  });
});

describe('toNdjson', () => {
  it('writes one document per line, ending with a newline', () => {
    expect(
      toNdjson([
        { _id: 'a', _type: 't' },
        { _id: 'b', _type: 't' },
      ]),
    ).toBe('{"_id":"a","_type":"t"}\n{"_id":"b","_type":"t"}\n');
  });
});
