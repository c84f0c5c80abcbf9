/**
 * The search index for this process: built or loaded from `DATA_DIR/search` in the background
 * and kept in step with the content (see `src/search/index-store.ts`).
 */
import { join } from 'node:path';
import {
  createSearchIndex,
  parseSearchParams,
  searchParams,
  type ParamError,
  type SearchEngine,
  type SearchIndex,
  type SearchParams,
  type SearchResponse,
} from '@src/search';
import { createPostcodeLookup, type PostcodeLookup } from '@src/geo/postcode-lookup';
import { isFullPostcode } from '@src/geo/outcodes';
import { config, content } from './context';

let index: SearchIndex | undefined;

/** The process's search index, created and started on first use. */
export function searchIndexStore(): SearchIndex {
  if (!index) {
    index = createSearchIndex({
      source: content,
      directory: join(config().dataDir, 'search'),
      log: (message) => console.info(`[search] ${message}`),
    });
    index.start();
  }
  return index;
}

/** The ready search engine; the first call after start-up waits for it to be loaded or built. */
export function searchIndex(): Promise<SearchEngine> {
  return searchIndexStore().ready();
}

/** The outcome of a search request: results, or what was wrong with the parameters. */
export type SearchOutcome =
  { ok: true; response: SearchResponse } | { ok: false; errors: ParamError[]; params: SearchParams };

let postcodeLookup: PostcodeLookup | undefined | null = null;

/**
 * Runs a search from a query string, for both the page and the JSON API. A full postcode is
 * placed exactly when a postcode lookup is configured and answers in time; otherwise its
 * district's centre is used.
 */
export async function runSearch(query: URLSearchParams, now = new Date()): Promise<SearchOutcome> {
  const parsed = parseSearchParams(query);
  if (!parsed.ok)
    return { ok: false, errors: parsed.errors, params: searchParams({ q: (query.get('q') ?? '').slice(0, 200) }) };
  const { params } = parsed;
  if (postcodeLookup === null) {
    const settings = config().postcodes;
    postcodeLookup = settings ? createPostcodeLookup(settings.baseUrl, settings.timeoutMs) : undefined;
  }
  const point =
    postcodeLookup && params.location && isFullPostcode(params.location)
      ? await postcodeLookup(params.location)
      : undefined;
  const response = (await searchIndex()).search(params, now, point);
  return { ok: true, response };
}
