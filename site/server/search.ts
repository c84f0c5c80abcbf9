/**
 * The search index for this process: built or loaded from `DATA_DIR/search` in the background
 * and kept in step with the content (see `src/search/index-store.ts`).
 */
import { join } from 'node:path';
import {
  createLexicon,
  createSearchIndex,
  interpretQuery,
  parseSearchParams,
  searchParams,
  type ParamError,
  type SearchEngine,
  type Interpretation,
  type LanguageChoice,
  type Lexicon,
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

/**
 * The outcome of a search request: results, or what was wrong with the parameters. `asked` is
 * the search as the URL holds it (words as typed), for links that should read the words again
 * (pagination); `response.params` is the search as run, after the words were read.
 */
export type SearchOutcome =
  | {
      ok: true;
      asked: SearchParams;
      response: SearchResponse;
      /** What was understood in the words ("Sunday", "near Tottenham"), each with its removal. */
      understood: Interpretation[];
      /** Words left to match that no listing has at all ("xyzzy"). */
      unmatched: string[];
      /** The words ask for somewhere near ("near me") but the search has no place. */
      wantsPlace: boolean;
    }
  | { ok: false; errors: ParamError[]; params: SearchParams };

// One lexicon per engine (languages and places follow the content it was built from).
const lexicons = new WeakMap<SearchEngine, Lexicon>();
function lexiconOf(engine: SearchEngine): Lexicon {
  let lexicon = lexicons.get(engine);
  if (!lexicon) {
    lexicon = createLexicon({ languages: engine.languages, resolvePlace: engine.resolvePlace });
    lexicons.set(engine, lexicon);
  }
  return lexicon;
}

/** Languages listings are in, for the language filter (English, which all offer, left out). */
export async function searchLanguages(): Promise<readonly LanguageChoice[]> {
  return (await searchIndex()).languages;
}

let postcodeLookup: PostcodeLookup | undefined | null = null;

/**
 * Runs a search from a query string, for both the page and the JSON API: the words are read into
 * filters first (`interpretQuery`), then the engine runs the result. A full postcode is
 * placed exactly when a postcode lookup is configured and answers in time; otherwise its
 * district's centre is used.
 */
export async function runSearch(query: URLSearchParams, now = new Date()): Promise<SearchOutcome> {
  const parsed = parseSearchParams(query);
  if (!parsed.ok)
    return { ok: false, errors: parsed.errors, params: searchParams({ q: (query.get('q') ?? '').slice(0, 200) }) };
  const engine = await searchIndex();
  const { params, understood, wantsPlace } = interpretQuery(parsed.params, { lexicon: lexiconOf(engine), now });
  if (postcodeLookup === null) {
    const settings = config().postcodes;
    postcodeLookup = settings ? createPostcodeLookup(settings.baseUrl, settings.timeoutMs) : undefined;
  }
  const point =
    postcodeLookup && params.location && isFullPostcode(params.location)
      ? await postcodeLookup(params.location)
      : undefined;
  const response = engine.search(params, now, point);
  const unmatched = params.q === '' ? [] : engine.unmatchedWords(params.q);
  return { ok: true, asked: parsed.params, response, understood, unmatched, wantsPlace };
}
