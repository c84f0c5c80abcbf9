/** ORUK's page envelope for lists. */
import type { OrukPage } from './types';

/**
 * One page of `items`. `size` is how many items this page holds; an empty result is one empty
 * page (page 1 of 1), and a page past the end is empty with `last_page` true.
 */
export function paginate<T, R = T>(
  items: readonly T[],
  pageNumber: number,
  perPage: number,
  map: (item: T) => R = (item) => item as unknown as R,
): OrukPage<R> {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const start = (pageNumber - 1) * perPage;
  const contents = items.slice(start, start + perPage).map(map);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
