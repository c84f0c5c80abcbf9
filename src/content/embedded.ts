/**
 * The embedded content source: groq-js evaluating the named queries over the local dataset.
 *
 * groq-js scans every document on each filter, so results are cached per query and parameters
 * and the cache is dropped whenever the documents change (see TOOLCHAIN: "groq-js is a scanner").
 */
import { evaluate, parse } from 'groq-js';
import type { NamedQuery, QueryResults } from '../queries/types';
import { isUnpublished, type StoredDocument } from './dataset';
import type { ContentSource } from './source';

/** Enough for every page of a London-wide directory; the oldest results are dropped first. */
const CACHE_LIMIT = 5000;

export interface EmbeddedSource extends ContentSource {
  readonly kind: 'embedded';
  /** Swaps in a new set of documents (after an edit is published); cached results are dropped. */
  replaceDocuments(documents: StoredDocument[]): void;
  /** Increases each time the documents change. */
  readonly revision: number;
}

export function createEmbeddedSource(documents: StoredDocument[]): EmbeddedSource {
  let dataset: StoredDocument[] = [];
  let byId = new Map<string, StoredDocument>();
  let revision = 0;
  const cache = new Map<string, Promise<unknown>>();

  const load = (next: StoredDocument[]) => {
    dataset = next.filter((document) => !isUnpublished(document));
    byId = new Map(dataset.map((document) => [document._id, document]));
    revision += 1;
    cache.clear();
  };
  load(documents);

  const run = async (query: string, params: Record<string, unknown>) => {
    // Parsed per call: groq-js folds parameters into the tree, so a tree is not reusable.
    const value = await evaluate(parse(query, { params }), {
      dataset,
      params,
      dereference: ({ _ref }) => byId.get(_ref) ?? null,
    });
    return value.get();
  };

  return {
    kind: 'embedded',
    get revision() {
      return revision;
    },
    replaceDocuments: load,
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
  };
}
