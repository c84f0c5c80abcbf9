import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedSource } from '../../src/content/embedded';
import type { ContentSource } from '../../src/content/source';
import { searchDocumentsQuery } from '../../src/queries/index';
import { createSearchEngine } from '../../src/search/engine';
import { createSearchIndex } from '../../src/search/index-store';
import { searchParams } from '../../src/search/params';
import { buildService, fixtureDataset } from '../fixtures/dataset';

const NOW = new Date('2026-11-01T12:00:00Z');

/** A source whose search documents arrive only when `release()` is called. */
function heldBack(documents = fixtureDataset()) {
  const inner = createEmbeddedSource(documents);
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  const source: ContentSource = {
    kind: 'hosted',
    fetch: ((query: string) => {
      asked += 1;
      return gate.then(() => inner.fetch(query as typeof searchDocumentsQuery));
    }) as ContentSource['fetch'],
  };
  return { source, release: () => release(), asked: () => asked };
}

describe('the first search after a restart', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'signpost-restart-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('is answered from the saved index without waiting for the content to be read', async () => {
    const dir = join(directory, 'unchanged');
    const original = await createSearchIndex({
      source: () => createEmbeddedSource(fixtureDataset()),
      directory: dir,
      pollIntervalMs: 0,
    }).ready();
    const held = heldBack();
    let builds = 0;
    const index = createSearchIndex({
      source: () => held.source,
      directory: dir,
      pollIntervalMs: 0,
      checkSavedAfterMs: 10,
      build: (documents, fingerprint) => {
        builds += 1;
        return createSearchEngine(documents, { fingerprint });
      },
    });
    const ready = await index.ready(); // resolves while the content is still held back
    expect(ready.fingerprint).toBe(original.fingerprint);
    expect(ready.search(searchParams({ q: 'walking' }), NOW).total).toBeGreaterThan(0);
    expect(held.asked()).toBe(0); // the check behind it waits a moment
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held.asked()).toBe(1);
    held.release();
    expect(await index.refresh()).toBe('unchanged');
    expect(index.current()).toBe(ready);
    expect(builds).toBe(0);
  });

  it('the check behind the saved index waits for the content source to be ready, then a moment more', async () => {
    const dir = join(directory, 'slow-source');
    await createSearchIndex({
      source: () => createEmbeddedSource(fixtureDataset()),
      directory: dir,
      pollIntervalMs: 0,
    }).ready();
    const held = heldBack();
    let sourceReady = (_source: ContentSource) => {};
    const opening = new Promise<ContentSource>((resolve) => (sourceReady = resolve));
    const index = createSearchIndex({
      source: () => opening,
      directory: dir,
      pollIntervalMs: 0,
      checkSavedAfterMs: 10,
    });
    await index.ready(); // answered from the saved file while the source is still opening
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(held.asked()).toBe(0);
    sourceReady(held.source);
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(held.asked()).toBe(0); // not at once: the first pages come first
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(held.asked()).toBe(1);
    held.release();
    index.stop();
  });

  it('content changed while the server was down replaces the saved index once it is read', async () => {
    const dir = join(directory, 'changed');
    await createSearchIndex({
      source: () => createEmbeddedSource(fixtureDataset()),
      directory: dir,
      pollIntervalMs: 0,
    }).ready();
    const held = heldBack([
      ...fixtureDataset(),
      buildService({ _id: '77777777-7777-4777-8777-777777777778', name: 'Lordship Bowling Club' }),
    ]);
    const index = createSearchIndex({
      source: () => held.source,
      directory: dir,
      pollIntervalMs: 0,
      checkSavedAfterMs: 0,
    });
    const saved = await index.ready();
    expect(saved.search(searchParams({ q: 'bowling' }), NOW).total).toBe(0);
    held.release();
    // The background refresh started at the first search builds the new engine; wait for it.
    await index.refresh();
    const next = await index.ready();
    expect(next).not.toBe(saved);
    expect(next.search(searchParams({ q: 'bowling' }), NOW).total).toBe(1);
  });
});
