import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedSource } from '../../src/content/embedded';
import { searchDocumentsQuery } from '../../src/queries/index';
import type { SearchDocumentsResult } from '../../src/queries/types';
import {
  createSearchEngine,
  createSearchEngineSteps,
  fingerprintOf,
  fingerprintSteps,
  loadSearchEngineSteps,
} from '../../src/search/engine';
import { createSearchIndex } from '../../src/search/index-store';
import { searchParams } from '../../src/search/params';
import { atOnce, inTurns, type Steps } from '../../src/search/turns';
import { buildService, fixtureDataset } from '../fixtures/dataset';

const NOW = new Date('2026-11-01T12:00:00Z');

/** The fixture directory with enough extra services that the saved index is written in several slices. */
function largerDataset() {
  const extra = Array.from({ length: 450 }, (_, n) =>
    buildService({
      _id: `88888888-8888-4888-8888-${String(n).padStart(12, '0')}`,
      name: `${['Walking', 'Knitting', 'Chess', 'Choir'][n % 4]} group ${n}`,
    }),
  );
  return [...fixtureDataset(), ...extra];
}

/** Counts the turns other work got while `run` ran. */
async function turnsDuring<T>(run: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await run();
  running = false;
  return { result, turns };
}

describe('work in turns', () => {
  let documents: SearchDocumentsResult;
  let directory: string;

  beforeAll(async () => {
    documents = await createEmbeddedSource(largerDataset()).fetch(searchDocumentsQuery);
    directory = await mkdtemp(join(tmpdir(), 'signpost-turns-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('gives the same result at once and in turns', async () => {
    function* counting(): Steps<number> {
      let total = 0;
      for (let i = 1; i <= 100; i++) {
        total += i;
        yield;
      }
      return total;
    }
    expect(atOnce(counting())).toBe(5050);
    const { result, turns } = await turnsDuring(() => inTurns(counting(), 0));
    expect(result).toBe(5050);
    expect(turns).toBeGreaterThanOrEqual(50);
  });

  it('builds, loads and fingerprints an index in turns exactly as at once', async () => {
    const atOnceEngine = createSearchEngine(documents);
    const built = await turnsDuring(() => inTurns(createSearchEngineSteps(documents), 0));
    expect(built.turns).toBeGreaterThan(documents.services.length);
    expect(JSON.stringify(built.result.serialise()) === JSON.stringify(atOnceEngine.serialise())).toBe(true);

    const loaded = await turnsDuring(() => inTurns(loadSearchEngineSteps(atOnceEngine.serialise()), 0));
    expect(loaded.turns).toBeGreaterThan(0);
    expect(loaded.result.search(searchParams({ q: 'knitting' }), NOW)).toEqual(
      atOnceEngine.search(searchParams({ q: 'knitting' }), NOW),
    );

    const fingerprint = await turnsDuring(() => inTurns(fingerprintSteps(documents), 0));
    expect(fingerprint.turns).toBeGreaterThan(documents.services.length / 2);
    expect(fingerprint.result).toBe(fingerprintOf(documents));
  });

  it('saves the index a slice at a time as the same JSON', async () => {
    const engine = await createSearchIndex({
      source: () => createEmbeddedSource(largerDataset()),
      directory,
      pollIntervalMs: 0,
    }).ready();
    const [name] = (await readdir(directory)).filter((file) => file.endsWith('.json'));
    expect(name).toBe(`index-${engine.fingerprint}.json`);
    const text = await readFile(join(directory, name!), 'utf8');
    expect(engine.size).toBeGreaterThan(400);
    // Compared as data (the order of the top-level keys differs); a diff of it would fill a screen.
    expect(isDeepStrictEqual(JSON.parse(text), JSON.parse(JSON.stringify(engine.serialise())))).toBe(true);
  });
});
