/**
 * Hosted content served from the last known good snapshot, so a Content Lake outage is invisible
 * to residents (see docs/decisions.md, "Hosted content is read from a local snapshot").
 *
 * - Every read is answered from an embedded store (groq-js over the snapshot, cached per query
 *   and content revision), never from the Lake: an outage, a slow Lake or a malformed answer
 *   cannot reach a page.
 * - A sync keeps the snapshot current: at start, every `syncSeconds`, and after each commit or
 *   webhook. A cheap probe (document count and the latest edits) says whether anything changed;
 *   only then is the whole published dataset fetched, in pages by `_id`. Each good sync is written
 *   atomically and durably under the data directory (NDJSON, Sanity's export format, plus the sync
 *   time), and loaded at the next start before the first request is answered.
 * - After a commit or a webhook naming documents, only those documents are fetched again.
 * - Writes (`commit`) and raw reads (`getDocuments`) go to the Lake: a write cannot be faked.
 * - Anything unexpected in an answer fails the sync and leaves the snapshot untouched.
 */
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { NamedQuery } from '../queries/types';
import { safe } from '../security/log';
import { readDataset, writeDatasetDurably, type StoredDocument } from './dataset';
import { createEmbeddedSource, type EmbeddedSource } from './embedded';
import type { HostedSource } from './hosted';
import { publishedId } from './mutations';
import { ContentUnavailableError, type ContentChange, type ContentFreshness, type ContentStore } from './source';

/** Documents per page of a full sync: a few megabytes per answer at most. */
export const SYNC_PAGE_SIZE = 2000;
/** How many of the latest edits the probe compares (a lost webhook shows up among them). */
const PROBE_RECENT = 20;
/** A full sync at least this often, whatever the probe says (changes the probe cannot see). */
const FULL_SYNC_EVERY_MS = 60 * 60_000;
/** With no snapshot at all, a failed sync makes reads fail at once for this long. */
const NO_SNAPSHOT_RETRY_MS = 5000;

const PUBLISHED = '!(_id in path("drafts.**")) && !(_id in path("versions.**"))';
const RECENT_ORDER = 'order(_updatedAt desc, _id asc)';
/** Whether the published dataset changed: how many documents, and the latest edits. */
export const snapshotProbeQuery = `{"count": count(*[${PUBLISHED}]), "recent": *[${PUBLISHED}] | ${RECENT_ORDER} [0...${PROBE_RECENT}]{_id, _rev}}`;
/** One page of the published dataset in `_id` order, after `$after` (Sanity's paging advice). */
export const snapshotPageQuery = `*[${PUBLISHED} && _id > $after] | order(_id asc) [0...${SYNC_PAGE_SIZE}]`;
/** The published documents among `$ids`. */
export const snapshotDocumentsQuery = `*[${PUBLISHED} && _id in $ids]`;

/** The snapshot's files under a directory (the hosted store uses `DATA_DIR/content`). */
export function snapshotFiles(directory: string): { documents: string; meta: string } {
  return { documents: join(directory, 'snapshot.ndjson'), meta: join(directory, 'snapshot.json') };
}

/** Raised when the Lake answers, but not in the shape Sanity's API has. */
export class MalformedAnswerError extends Error {
  constructor(what: string) {
    super(`The Content Lake answered with ${what}`);
    this.name = 'MalformedAnswerError';
  }
}

type Probe = { count: number; recent: { _id: string; _rev: string | null }[] };

function isDocument(value: unknown): value is StoredDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StoredDocument)._id === 'string' &&
    typeof (value as StoredDocument)._type === 'string'
  );
}

function parseProbe(value: unknown): Probe {
  const probe = value as Probe | null;
  if (
    typeof probe !== 'object' ||
    probe === null ||
    typeof probe.count !== 'number' ||
    !Array.isArray(probe.recent) ||
    !probe.recent.every((item) => typeof item === 'object' && item !== null && typeof item._id === 'string')
  ) {
    throw new MalformedAnswerError('something other than a count and recent edits');
  }
  return { count: probe.count, recent: probe.recent.map((item) => ({ _id: item._id, _rev: item._rev ?? null })) };
}

function parseDocuments(value: unknown): StoredDocument[] {
  if (!Array.isArray(value) || !value.every(isDocument)) {
    throw new MalformedAnswerError('something other than a list of documents');
  }
  if (value.some((document) => document._id.startsWith('drafts.') || document._id.startsWith('versions.'))) {
    throw new MalformedAnswerError('drafts in the published view');
  }
  return value;
}

/** The probe's answer, worked out over the documents held here: equal means nothing changed. */
export function fingerprintOf(documents: StoredDocument[]): string {
  // GROQ orders a missing value above every other one (the Lake always sets `_updatedAt`).
  const updated = (document: StoredDocument) =>
    typeof document._updatedAt === 'string' ? document._updatedAt : '\uffff';
  const recent = [...documents]
    .sort((a, b) => {
      const [x, y] = [updated(a), updated(b)];
      if (x !== y) return x > y ? -1 : 1;
      return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
    })
    .slice(0, PROBE_RECENT)
    .map((document) => ({ _id: document._id, _rev: typeof document._rev === 'string' ? document._rev : null }));
  return JSON.stringify({ count: documents.length, recent });
}

async function writeFileDurably(path: string, text: string): Promise<void> {
  const partial = `${path}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(partial, 'w', 0o644);
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(partial, { force: true });
    throw error;
  }
  await file.close();
  await rename(partial, path);
}

type SavedSnapshot = { documents: StoredDocument[]; syncedAt: Date };

/** The snapshot on disk, or undefined when there is none (or it is unreadable: logged). */
export async function readSnapshot(
  directory: string,
  log: (message: string) => void = () => {},
): Promise<SavedSnapshot | undefined> {
  const files = snapshotFiles(directory);
  let metaText: string;
  try {
    metaText = await readFile(files.meta, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const meta = JSON.parse(metaText) as { syncedAt?: unknown };
    const syncedAt = new Date(typeof meta.syncedAt === 'string' ? meta.syncedAt : NaN);
    if (Number.isNaN(syncedAt.getTime())) throw new Error('no sync time');
    return { documents: await readDataset(files.documents), syncedAt };
  } catch (error) {
    log(`Content snapshot unusable, ignored: ${safe(error)}`);
    return undefined;
  }
}

/** Writes a snapshot atomically: the documents, then the sync time that vouches for them. */
export async function writeSnapshot(directory: string, snapshot: Partial<SavedSnapshot>): Promise<void> {
  const files = snapshotFiles(directory);
  await mkdir(dirname(files.documents), { recursive: true });
  if (snapshot.documents) await writeDatasetDurably(files.documents, snapshot.documents);
  if (snapshot.syncedAt) {
    await writeFileDurably(files.meta, JSON.stringify({ syncedAt: snapshot.syncedAt.toISOString() }) + '\n');
  }
}

export type SnapshotOptions = {
  /** The hosted store: the source of every sync, and where writes go. */
  lake: HostedSource;
  /** Where the snapshot lives (`DATA_DIR/content`). */
  directory: string;
  /** How often to sync; 0 turns the timer off (tests sync by hand). */
  syncSeconds: number;
  /** A snapshot whose last sync is older than this is served as stale. */
  staleAfterMinutes: number;
  clock?: () => Date;
  /** Told about syncs and failures, in words safe to log. */
  log?: (message: string) => void;
};

/** The hosted content store, served from its snapshot. */
export interface SnapshotStore extends ContentStore {
  readonly kind: 'hosted';
  freshness(): ContentFreshness & {
    /** The last sync attempt failed (the Lake is down, slow or answering nonsense). */
    failing: boolean;
  };
  /** Syncs now (after any sync already running); true when the Lake answered. */
  sync(): Promise<boolean>;
  /** Stops the sync timer. */
  stop(): void;
}

/** Opens the hosted store: loads the snapshot on disk (if any), then syncs (awaited only without one). */
export async function openSnapshotStore(options: SnapshotOptions): Promise<SnapshotStore> {
  const { lake, directory } = options;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.info(`[content] ${message}`));
  // A write cut off by a crash leaves its temporary file behind; the snapshot itself is whole.
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    if (/^snapshot\.(ndjson|json)\.\d+\.\d+\.tmp$/.test(name)) await rm(join(directory, name), { force: true });
  }
  const saved = await readSnapshot(directory, log);

  let local: EmbeddedSource | undefined;
  let localFingerprint = '';
  let syncedAt: Date | null = saved?.syncedAt ?? null;
  let lastFullAt = saved?.syncedAt.getTime() ?? 0;
  let failing = false;
  let failedAt = 0;
  let revision = 0;
  const listeners = new Set<(change: ContentChange) => void>();

  const install = (documents: StoredDocument[]) => {
    if (local) local.replaceDocuments(documents);
    else local = createEmbeddedSource(documents);
    localFingerprint = fingerprintOf(documents);
  };
  if (saved) install(saved.documents);

  const emit = (change: ContentChange) => {
    revision += 1;
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error(`Content change listener failed: ${safe(error)}`);
      }
    }
  };

  const fail = (error: unknown) => {
    // The client's own error (a status, a timeout) says more than the wrapper; no personal data is in either.
    const reason = error instanceof ContentUnavailableError && error.cause ? error.cause : error;
    if (!failing) log(`Content Lake unavailable; serving the snapshot: ${safe(reason)}`);
    failing = true;
    failedAt = clock().getTime();
  };
  const succeeded = (at: Date) => {
    if (failing) log('Content Lake answering again; snapshot synced');
    failing = false;
    syncedAt = at;
  };
  const persist = (snapshot: Partial<SavedSnapshot>) =>
    writeSnapshot(directory, snapshot).catch((error: unknown) => log(`Content snapshot not saved: ${safe(error)}`));

  // Syncs run one at a time, in order, so an older answer never overwrites a newer one.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  // The Lake holds the truth, so a commit need not wait for the disk: the snapshot file follows
  // in the queue, one write for any number of changes made meanwhile.
  let persistQueued = false;
  const persistSoon = () => {
    if (persistQueued) return;
    persistQueued = true;
    void serial(async () => {
      persistQueued = false;
      if (local) await persist({ documents: local.allDocuments() });
    });
  };

  async function fetchAll(): Promise<StoredDocument[]> {
    const documents: StoredDocument[] = [];
    let after = '';
    for (;;) {
      const page = parseDocuments(await lake.fetchRaw(snapshotPageQuery, { after }));
      for (const document of page) documents.push(document);
      if (page.length < SYNC_PAGE_SIZE) return documents;
      after = page[page.length - 1]!._id;
    }
  }

  /** What a sync did. */
  type Outcome = 'changed' | 'unchanged' | 'failed';

  async function fullSync(): Promise<Outcome> {
    let documents: StoredDocument[] | undefined;
    const at = clock();
    try {
      const probe = JSON.stringify(parseProbe(await lake.fetchRaw(snapshotProbeQuery)));
      const due = at.getTime() - lastFullAt >= FULL_SYNC_EVERY_MS;
      if (!local || probe !== localFingerprint || due) documents = await fetchAll();
    } catch (error) {
      fail(error);
      return 'failed';
    }
    succeeded(at);
    if (!documents) {
      await persist({ syncedAt: at });
      return 'unchanged';
    }
    lastFullAt = at.getTime();
    const changed = !local || fingerprintOf(documents) !== localFingerprint || !sameDocuments(local, documents);
    await persist({ documents: changed ? documents : undefined, syncedAt: at });
    if (changed) install(documents);
    return changed ? 'changed' : 'unchanged';
  }

  async function syncDocuments(ids: string[]): Promise<Outcome> {
    if (!local) return fullSync();
    const wanted = [...new Set(ids.map(publishedId))];
    let found: StoredDocument[];
    try {
      found = parseDocuments(await lake.fetchRaw(snapshotDocumentsQuery, { ids: wanted }));
    } catch (error) {
      fail(error);
      return 'failed';
    }
    const byId = new Map(found.map((document) => [document._id, document]));
    const next = new Map(local.allDocuments().map((document) => [document._id, document]));
    const documentIds: string[] = [];
    for (const id of wanted) {
      const before = next.get(id);
      const after = byId.get(id);
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      documentIds.push(id);
      if (after) next.set(id, after);
      else next.delete(id);
    }
    // A draft saved in the Studio names its document too, but changes nothing published.
    if (documentIds.length === 0) return 'unchanged';
    install([...next.values()]);
    persistSoon();
    return 'changed';
  }

  let queuedFull: Promise<boolean> | undefined;
  /** A full sync after the running one (a change may have come after its answer); queued ones merge. */
  const sync = (): Promise<boolean> => {
    queuedFull ??= serial(async () => {
      queuedFull = undefined;
      const outcome = await fullSync();
      if (outcome === 'changed') emit({ origin: 'poll' });
      return outcome !== 'failed';
    });
    return queuedFull;
  };

  /** After a commit or webhook: fetch what changed, then tell pages and search. */
  const follow = async (change: ContentChange): Promise<void> => {
    const outcome = await serial(() => (change.documentIds?.length ? syncDocuments(change.documentIds) : fullSync()));
    // After a commit listeners always run (something was written, even if the Lake went away again).
    if (outcome === 'changed' || change.origin === 'commit') emit(change);
  };

  /** The snapshot, or a sync's when there is none yet; fails fast for a while after a failed one. */
  async function snapshot(): Promise<EmbeddedSource> {
    if (local) return local;
    if (!failing || clock().getTime() - failedAt >= NO_SNAPSHOT_RETRY_MS) await sync();
    if (local) return local;
    throw new ContentUnavailableError(new Error('No content snapshot yet and the Content Lake is unavailable'));
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  if (options.syncSeconds > 0) {
    timer = setInterval(() => void sync(), options.syncSeconds * 1000);
    timer.unref();
  }

  // With a snapshot, pages are served from it at once and the first sync runs in the background.
  if (local) void sync();
  else await sync();

  return {
    kind: 'hosted',
    get revision() {
      return revision;
    },
    async fetch<Q extends NamedQuery>(query: Q, params?: Record<string, unknown>) {
      return (await snapshot()).fetch(query, params);
    },
    getDocuments: (ids) => lake.getDocuments(ids),
    async commit(mutations, commitOptions) {
      const result = await lake.commit(mutations, commitOptions);
      // Acknowledged once the snapshot has it, so the next page shows the change.
      await follow({ documentIds: result.documentIds, origin: 'commit' });
      return result;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed(change) {
      void follow(change);
    },
    freshness() {
      const stale = syncedAt !== null && clock().getTime() - syncedAt.getTime() > options.staleAfterMinutes * 60_000;
      return { syncedAt, stale, failing };
    },
    sync,
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

function sameDocuments(local: EmbeddedSource, documents: StoredDocument[]): boolean {
  const held = new Map(local.allDocuments().map((document) => [document._id, document]));
  if (held.size !== documents.length) return false;
  return documents.every((document) => JSON.stringify(held.get(document._id)) === JSON.stringify(document));
}
