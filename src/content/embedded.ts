/**
 * The embedded content store: groq-js evaluating the named queries over the local dataset, and
 * the write path applying Sanity mutations to it.
 *
 * groq-js scans every document on each filter, so results are cached per query and parameters
 * and the cache is dropped whenever the documents change (see TOOLCHAIN: "groq-js is a scanner").
 * Commits run one at a time: the mutations are applied to a copy of the documents, the copy is
 * persisted (durably, when a `persist` is given), and only then does it become the dataset and is
 * the commit acknowledged.
 */
import { evaluate, parse } from 'groq-js';
import type { NamedQuery, QueryResults } from '../queries/types';
import { safe } from '../security/log';
import { isUnpublished, type StoredDocument } from './dataset';
import { applyTransaction, newRevision, type ContentMutation } from './mutations';
import type { CommitResult, ContentChange, ContentStore } from './source';

/** Enough for every page of a London-wide directory; the oldest results are dropped first. */
const CACHE_LIMIT = 5000;

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
};

export function createEmbeddedSource(documents: StoredDocument[], options: EmbeddedOptions = {}): EmbeddedSource {
  const clock = options.clock ?? (() => new Date());
  let all = new Map<string, StoredDocument>();
  let dataset: StoredDocument[] = [];
  let byId = new Map<string, StoredDocument>();
  let revision = 0;
  const cache = new Map<string, Promise<unknown>>();
  const listeners = new Set<(change: ContentChange) => void>();
  let writing: Promise<unknown> = Promise.resolve();

  const load = (next: Map<string, StoredDocument>) => {
    all = next;
    dataset = [...next.values()].filter((document) => !isUnpublished(document));
    byId = new Map(dataset.map((document) => [document._id, document]));
    revision += 1;
    cache.clear();
  };
  load(new Map(documents.map((document) => [document._id, document])));

  const emit = (change: ContentChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error(`Content change listener failed: ${safe(error)}`);
      }
    }
  };

  const run = async (query: string, params: Record<string, unknown>) => {
    // Parsed per call: groq-js folds parameters into the tree, so a tree is not reusable.
    const value = await evaluate(parse(query, { params }), {
      dataset,
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
      const key = `${query}\u0000${JSON.stringify(params)}`;
      let result = cache.get(key);
      if (result) {
        cache.delete(key); // re-insert to keep the most recently used last
      } else {
        result = run(query, params);
        result.catch(() => cache.delete(key));
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      }
      cache.set(key, result);
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
      cache.clear();
      revision += 1;
      emit(change);
    },
  };
}
