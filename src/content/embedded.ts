/**
 * The embedded content store: groq-js evaluating the named queries over the local dataset, and
 * the write path applying Sanity mutations to it.
 *
 * groq-js scans every document on each filter, so results are cached per query and parameters
 * and the cache is dropped whenever the documents change (see TOOLCHAIN: "groq-js is a scanner").
 * Each query is handed only the documents of the types it asks for (`./scope.ts`), so a lookup
 * of one category does not visit ten thousand services, and the few whole-dataset queries read
 * on every list page are answered in plain code (`./materialised.ts`), in turns so that pages keep
 * answering while one runs. The cache is bounded by entries and by an estimate of the values it
 * holds; the search documents and the service times, which their readers (the search index, the
 * "what's on" lines) read once per revision and hold themselves, are never cached: keeping them
 * here would only double tens of MB at 10k services.
 * Commits run one at a time: the mutations are applied to a copy of the documents, the copy is
 * persisted (durably, when a `persist` is given), and only then does it become the dataset and is
 * the commit acknowledged.
 */
import { evaluate, parse } from 'groq-js';
import { searchDocumentsQuery, serviceTimesByIdQuery, serviceTimesQuery } from '../queries/index';
import { inTurns } from '../search/turns';
import type { NamedQuery, QueryResults } from '../queries/types';
import { safe } from '../security/log';
import { isUnpublished, type StoredDocument } from './dataset';
import { applyTransaction, newRevision, type ContentMutation } from './mutations';
import { materialised } from './materialised';
import { scopeOf, type QueryScope } from './scope';
import type { CommitResult, ContentChange, ContentStore } from './source';

/** Enough for every page of a London-wide directory; the oldest results are dropped first. */
const CACHE_LIMIT = 5000;
/**
 * The cache's bound on what it holds, in values (objects, arrays and scalars) of its results:
 * about 100 MB of small projected values. A result larger than this is answered but not kept.
 */
const CACHE_WEIGHT_LIMIT = 2_000_000;
/**
 * Read once per content revision by a holder of their own (caching them only doubles memory), or
 * answered from the id index in microseconds (keeping them saves nothing).
 */
const UNCACHED: ReadonlySet<string> = new Set([searchDocumentsQuery, serviceTimesQuery, serviceTimesByIdQuery]);

/** How many values a query result holds (its cache weight), counted once when it is cached. */
export function weightOf(value: unknown): number {
  let weight = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    weight += 1;
    if (Array.isArray(next)) for (const item of next) stack.push(item);
    else if (next && typeof next === 'object') for (const item of Object.values(next)) stack.push(item);
  }
  return weight;
}

export interface EmbeddedSource extends ContentStore {
  readonly kind: 'embedded';
  /** Swaps in a new set of documents (a restore or an import); cached results are dropped. */
  replaceDocuments(documents: StoredDocument[]): void;
  /** Increases each time the documents change. */
  readonly revision: number;
  /** Every stored document, drafts included, in a stable order (for the NDJSON export). */
  allDocuments(): StoredDocument[];
}

export type EmbeddedOptions = {
  /** Makes a committed dataset durable before the commit is acknowledged (the dataset file). */
  persist?: (documents: StoredDocument[]) => Promise<void>;
  /** The time, for tests. */
  clock?: () => Date;
  /** The result cache's bounds (tests use small ones): entries, and values held in all. */
  cacheLimits?: { entries: number; weight: number };
  /** How long a query answered in plain code runs before pages get a turn (10 ms; tests use 0). */
  sliceMs?: number;
};

export function createEmbeddedSource(documents: StoredDocument[], options: EmbeddedOptions = {}): EmbeddedSource {
  const clock = options.clock ?? (() => new Date());
  const limits = options.cacheLimits ?? { entries: CACHE_LIMIT, weight: CACHE_WEIGHT_LIMIT };
  let all = new Map<string, StoredDocument>();
  let dataset: StoredDocument[] = [];
  let byId = new Map<string, StoredDocument>();
  let revision = 0;
  type Entry = { result: Promise<unknown>; weight: number };
  const cache = new Map<string, Entry>();
  let cachedWeight = 0;
  // The documents each scope can read, in dataset order, made on first use per revision.
  const scoped = new Map<string, StoredDocument[]>();
  const scopes = new Map<string, QueryScope | undefined>();
  const listeners = new Set<(change: ContentChange) => void>();
  let writing: Promise<unknown> = Promise.resolve();

  const load = (next: Map<string, StoredDocument>) => {
    all = next;
    dataset = [...next.values()].filter((document) => !isUnpublished(document));
    byId = new Map(dataset.map((document) => [document._id, document]));
    revision += 1;
    clearCache();
  };
  const clearCache = () => {
    cache.clear();
    cachedWeight = 0;
    scoped.clear();
  };
  load(new Map(documents.map((document) => [document._id, document])));

  /** Drops the least recently used results until both bounds hold. */
  const evict = () => {
    while (cache.size > limits.entries || (cachedWeight > limits.weight && cache.size > 1)) {
      const oldest = cache.keys().next().value as string;
      cachedWeight -= (cache.get(oldest) as Entry).weight;
      cache.delete(oldest);
    }
  };

  const emit = (change: ContentChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error(`Content change listener failed: ${safe(error)}`);
      }
    }
  };

  const documentsFor = (query: string): StoredDocument[] => {
    if (!scopes.has(query)) scopes.set(query, scopeOf(query));
    const scope = scopes.get(query);
    if (!scope) return dataset;
    const key = `${scope.types.join(',')}\u0000${scope.ids.join(',')}`;
    let documents = scoped.get(key);
    if (!documents) {
      const types = new Set(scope.types);
      const ids = new Set(scope.ids);
      documents = dataset.filter((document) => types.has(document._type) || ids.has(document._id));
      scoped.set(key, documents);
    }
    return documents;
  };

  const run = async (query: string, params: Record<string, unknown>) => {
    const native = materialised.get(query);
    if (native) {
      const context = {
        byId,
        params,
        get documents() {
          return documentsFor(query);
        },
      };
      const value = await inTurns(native(context), options.sliceMs);
      if (value !== undefined) return value;
    }
    // Parsed per call: groq-js folds parameters into the tree, so a tree is not reusable.
    const value = await evaluate(parse(query, { params }), {
      dataset: documentsFor(query),
      params,
      dereference: ({ _ref }) => byId.get(_ref) ?? null,
    });
    return value.get();
  };

  async function apply(mutations: ContentMutation[], transactionId: string): Promise<CommitResult> {
    const next = new Map(all);
    const documentIds = applyTransaction(next, mutations, { transactionId, timestamp: clock().toISOString() });
    await options.persist?.([...next.values()]);
    load(next);
    emit({ documentIds, origin: 'commit' });
    return { transactionId, documentIds };
  }

  return {
    kind: 'embedded',
    get revision() {
      return revision;
    },
    replaceDocuments(next) {
      load(new Map(next.map((document) => [document._id, document])));
      emit({ origin: 'commit' });
    },
    allDocuments: () => [...all.values()],
    fetch<Q extends NamedQuery>(query: Q, params: Record<string, unknown> = {}) {
      if (UNCACHED.has(query)) return run(query, params) as Promise<QueryResults[Q]>;
      const key = `${query}\u0000${JSON.stringify(params)}`;
      const found = cache.get(key);
      if (found) {
        cache.delete(key); // re-insert to keep the most recently used last
        cache.set(key, found);
        return found.result as Promise<QueryResults[Q]>;
      }
      const result = run(query, params);
      const entry: Entry = { result, weight: 1 };
      const forget = () => {
        if (cache.get(key) !== entry) return;
        cache.delete(key);
        cachedWeight -= entry.weight;
      };
      result.then((value) => {
        if (cache.get(key) !== entry) return;
        entry.weight = weightOf(value);
        cachedWeight += entry.weight - 1;
        if (entry.weight > limits.weight) forget();
        evict();
      }, forget);
      cache.set(key, entry);
      cachedWeight += 1;
      evict();
      return result as Promise<QueryResults[Q]>;
    },
    async getDocuments(ids) {
      return ids.map((id) => {
        const document = all.get(id);
        return document ? structuredClone(document) : null;
      });
    },
    commit(mutations, commitOptions = {}) {
      // One commit at a time, in order; a refused one does not stop the next.
      const result = writing.then(() => apply(mutations, commitOptions.transactionId ?? newRevision()));
      writing = result.catch(() => undefined);
      return result;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed(change) {
      clearCache();
      revision += 1;
      emit(change);
    },
  };
}
