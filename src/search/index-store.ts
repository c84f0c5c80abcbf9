/**
 * Keeps a search engine ready for the current published content, off the request path.
 *
 * - The first `ready()` starts loading in the background if `start()` has not; every search
 *   before the first engine exists waits for it, none after.
 * - Each engine is persisted as one file, `<directory>/index-<fingerprint>.json` (written to a
 *   temporary file, then renamed), so a restart with unchanged content loads it instead of
 *   rebuilding. The fingerprint hashes the search documents and the engine version.
 * - `refresh()` fetches the search documents and swaps in a new engine only when the
 *   fingerprint changed; readers keep the old engine until the new one is complete (a single
 *   assignment), and concurrent refreshes are coalesced.
 * - Change detection: the embedded source counts revisions, so `ready()` refreshes in the
 *   background as soon as it moves. The hosted source cannot tell us, so a timer refreshes every
 *   `pollIntervalMs` (60 s by default) and compares fingerprints; a publish webhook could call
 *   `refresh()` directly.
 * - At start the newest persisted index is served at once, while a refresh behind it checks it
 *   against the content; if content cannot be read (the Content Lake is down) it is served until
 *   a refresh succeeds.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContentSource } from '../content/source';
import { searchDocumentsQuery } from '../queries/index';
import type { SearchDocumentsResult } from '../queries/types';
import {
  createSearchEngineSteps,
  fingerprintSteps,
  loadSearchEngineSteps,
  type SearchEngine,
  type SerialisedIndex,
} from './engine';
import { inTurns } from './turns';

/** What a refresh did. */
export type RefreshOutcome = 'unchanged' | 'loaded' | 'built' | 'fallback';

export type SearchIndexOptions = {
  /** The content source (or a promise of it, as the composition root holds one). */
  source: () => ContentSource | Promise<ContentSource>;
  /** Where index files live, e.g. `DATA_DIR/search`. */
  directory: string;
  /** How often to look for changes when the source has no revision counter; 0 turns it off. */
  pollIntervalMs?: number;
  /** Builds an engine from documents (tests count builds through it). */
  build?: (documents: SearchDocumentsResult, fingerprint: string) => SearchEngine | Promise<SearchEngine>;
  /**
   * How long after a restart served from the saved index the content is read to check it (5 s
   * by default, counted from when the content source is ready): reading it is seconds of work at
   * 100k services, which the first pages should not queue behind.
   */
  checkSavedAfterMs?: number;
  /** Told about builds, loads and failures, in words safe to log (no personal data exists here). */
  log?: (message: string) => void;
};

export interface SearchIndex {
  /** The current engine, waiting for the first one; starts a background refresh if content moved. */
  ready(): Promise<SearchEngine>;
  /** The current engine, if one is ready. */
  current(): SearchEngine | undefined;
  /** Looks for changed content and swaps in a new engine if there is any. */
  refresh(): Promise<RefreshOutcome>;
  /** Begins loading in the background and starts the change timer (both idempotent). */
  start(): void;
  /** Stops the change timer. */
  stop(): void;
}

const DEFAULT_POLL_MS = 60_000;
const filePattern = /^index-([0-9a-f]{32})\.json$/;

type Revisioned = ContentSource & { readonly revision?: number };

export function createSearchIndex(options: SearchIndexOptions): SearchIndex {
  // Building, loading and fingerprinting run in turns: pages keep answering while they run.
  const build =
    options.build ?? ((documents, fingerprint) => inTurns(createSearchEngineSteps(documents, { fingerprint })));
  const log = options.log ?? (() => {});
  let engine: SearchEngine | undefined;
  let first: Promise<SearchEngine> | undefined;
  let seenRevision: number | undefined;
  let source: Revisioned | undefined;
  let active: Promise<RefreshOutcome> | undefined;
  let queued: Promise<RefreshOutcome> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let check: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const fileFor = (fingerprint: string) => join(options.directory, `index-${fingerprint}.json`);

  async function readSaved(path: string, fingerprint?: string): Promise<SearchEngine | undefined> {
    try {
      const data = JSON.parse(await readFile(path, 'utf8')) as SerialisedIndex;
      if (fingerprint !== undefined && data.fingerprint !== fingerprint) return undefined;
      return await inTurns(loadSearchEngineSteps(data));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log(`Search index file ${path} unusable: ${String(error)}`);
      return undefined;
    }
  }

  async function save(next: SearchEngine): Promise<void> {
    await mkdir(options.directory, { recursive: true });
    const target = fileFor(next.fingerprint);
    const partial = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(partial, serialisedText(next.serialise()));
    await rename(partial, target);
    // Older indexes (and temporary files left by a crash) are of no further use.
    for (const name of await readdir(options.directory)) {
      if (name !== `index-${next.fingerprint}.json` && (filePattern.test(name) || name.endsWith('.tmp'))) {
        await rm(join(options.directory, name), { force: true });
      }
    }
  }

  /** The newest persisted index, whatever its content: the last known good one. */
  async function newestSaved(): Promise<SearchEngine | undefined> {
    const names = await readdir(options.directory).catch(() => [] as string[]);
    const candidates = names.filter((name) => filePattern.test(name));
    const withTimes = await Promise.all(
      candidates.map(async (name) => ({ name, mtimeMs: (await stat(join(options.directory, name))).mtimeMs })),
    );
    for (const { name } of withTimes.sort((a, b) => b.mtimeMs - a.mtimeMs)) {
      const saved = await readSaved(join(options.directory, name));
      if (saved) return saved;
    }
    return undefined;
  }

  async function run(): Promise<RefreshOutcome> {
    let documents: SearchDocumentsResult;
    let revision: number | undefined;
    try {
      source = await options.source();
      revision = source.revision;
      documents = await source.fetch(searchDocumentsQuery);
    } catch (error) {
      if (engine) throw error;
      const saved = await newestSaved();
      if (!saved) throw error;
      engine = saved;
      log('Content is unavailable; searching the last saved index until it is back');
      return 'fallback';
    }
    const fingerprint = await inTurns(fingerprintSteps(documents));
    if (engine?.fingerprint === fingerprint) {
      seenRevision = revision;
      return 'unchanged';
    }
    const started = Date.now();
    let next = await readSaved(fileFor(fingerprint), fingerprint);
    let outcome: RefreshOutcome = 'loaded';
    if (!next) {
      next = await build(documents, fingerprint);
      outcome = 'built';
      await save(next).catch((error: unknown) => log(`Search index not saved: ${String(error)}`));
    }
    engine = next; // the swap: searches from here on use the new engine
    seenRevision = revision;
    log(`Search index ${outcome} (${next.size} services, ${Date.now() - started} ms)`);
    return outcome;
  }

  function refresh(): Promise<RefreshOutcome> {
    if (!active) {
      active = run().finally(() => {
        active = undefined;
      });
      return active;
    }
    // One more run after the current one covers every change made while it ran.
    queued ??= active
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return refresh();
      });
    return queued;
  }

  /**
   * A restart answers its first search from the newest saved index (a file read and parse,
   * well under a second) instead of waiting for the search documents to be read from content
   * (seconds at 10k on the embedded store); the refresh behind it swaps in a new engine only
   * if the content changed while the process was down.
   */
  async function fromSaved(): Promise<SearchEngine | undefined> {
    const saved = await newestSaved();
    if (!saved || engine) return engine;
    engine = saved;
    log(`Search index loaded from its saved file (${saved.size} services); the content is checked behind it`);
    // The embedded store reads its whole dataset first (seconds at 100k): the pause starts after.
    void Promise.resolve()
      .then(options.source)
      .catch(() => undefined) // the check itself reports a source that cannot be had
      .then(() => {
        if (stopped) return;
        check = setTimeout(() => {
          check = undefined;
          background();
        }, options.checkSavedAfterMs ?? 5000);
        check.unref?.();
      });
    return saved;
  }

  function initial(): Promise<SearchEngine> {
    first ??= fromSaved()
      .then((saved) => saved ?? refresh().then(() => engine as SearchEngine))
      .then(
        () => engine as SearchEngine,
        (error: unknown) => {
          first = undefined; // the next search tries again
          throw error;
        },
      );
    return first;
  }

  function background(): void {
    refresh().catch((error: unknown) => log(`Search index refresh failed: ${String(error)}`));
  }

  return {
    ready() {
      if (!engine) return initial();
      if (source?.revision !== undefined && source.revision !== seenRevision && !active) background();
      return Promise.resolve(engine);
    },
    current: () => engine,
    refresh,
    start() {
      stopped = false;
      void initial().catch((error: unknown) => log(`Search index not ready: ${String(error)}`));
      const every = options.pollIntervalMs ?? DEFAULT_POLL_MS;
      if (!timer && every > 0) {
        timer = setInterval(() => {
          // The embedded source says when it changed; only the hosted one needs a full look.
          if (source?.revision !== undefined && source.revision === seenRevision) return;
          background();
        }, every);
        timer.unref();
      }
    },
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (check) clearTimeout(check);
      timer = undefined;
      check = undefined;
    },
  };
}

/**
 * The saved index as JSON, a slice of services at a time: one `JSON.stringify` of it takes a
 * fifth of a second at 10k services, during which no page would be answered.
 */
function* serialisedText({ services, ...rest }: SerialisedIndex): Generator<string> {
  const head = JSON.stringify(rest);
  yield `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"services":[`;
  for (let from = 0; from < services.length; from += 200) {
    yield `${from > 0 ? ',' : ''}${services
      .slice(from, from + 200)
      .map((service) => JSON.stringify(service))
      .join(',')}`;
  }
  yield ']}';
}
