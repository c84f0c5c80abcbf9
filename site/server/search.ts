/**
 * The search index for this process: built or loaded from `DATA_DIR/search` in the background
 * and kept in step with the content (see `src/search/index-store.ts`).
 */
import { join } from 'node:path';
import { createSearchIndex, type SearchEngine, type SearchIndex } from '@src/search';
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
