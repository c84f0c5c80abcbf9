/**
 * Browse pages (`/categories/<slug>`, `/areas/<slug>`): the search engine with the page's own
 * category or area fixed, so they can be narrowed by everything search offers (another area or
 * category, a place, day, time, cost...) and paginated the same way.
 *
 * The query string is read with the search's own schema. A parameter it refuses is left out, and
 * its message shown, so a mistyped link still lists the page's services instead of failing.
 */
import {
  parseSearchParams,
  toSearchParams,
  type ParamError,
  type SearchParams,
  type SearchResponse,
} from '@src/search';
import { runSearch } from './search';

/** The filter a browse page stands for: its category or its area. */
export type BrowseFixed = { param: 'category' | 'area'; slug: string };

export type BrowseOutcome = {
  /** The search as run, the fixed filter included. */
  params: SearchParams;
  response: SearchResponse;
  /** What was wrong with the query string (those parameters were left out), or with the place. */
  errors: ParamError[];
  /** Asked for a page after the last one: there is nothing to list on it. */
  outOfRange: boolean;
  /** The browse page's own address for a search (the fixed filter is the path, not a parameter). */
  href: (params: SearchParams) => string;
  /** The browse page's path, without a query string. */
  path: string;
};

/** The same query string with the page's filter set to its own value only. */
function withFixed(query: URLSearchParams, fixed: BrowseFixed): URLSearchParams {
  const asked = new URLSearchParams(query);
  asked.delete(fixed.param);
  asked.append(fixed.param, fixed.slug);
  return asked;
}

/** Runs a browse page's search from its query string; never throws for any query string. */
export async function runBrowse(query: URLSearchParams, fixed: BrowseFixed, now = new Date()): Promise<BrowseOutcome> {
  const asked = withFixed(query, fixed);
  const errors: ParamError[] = [];
  const parsed = parseSearchParams(asked);
  if (!parsed.ok) {
    errors.push(...parsed.errors);
    for (const error of parsed.errors) {
      asked.delete(error.param);
      // A position is two parameters: one without the other means nothing.
      if (error.param === 'lat' || error.param === 'lng') ['lat', 'lng'].forEach((name) => asked.delete(name));
    }
  }
  let outcome = await runSearch(asked, now);
  // Cannot happen after the refused parameters are left out, but if it did: the page's own list.
  if (!outcome.ok) outcome = await runSearch(withFixed(new URLSearchParams(), fixed), now);
  if (!outcome.ok) throw new Error(`browse search for ${fixed.param} ${fixed.slug} was refused`);
  const { response } = outcome;
  errors.push(...response.problems);
  const path = `/${fixed.param === 'category' ? 'categories' : 'areas'}/${fixed.slug}`;
  const href = (params: SearchParams) => {
    const search = toSearchParams({ ...params, [fixed.param]: params[fixed.param].filter((v) => v !== fixed.slug) });
    const text = search.toString();
    return text ? `${path}?${text}` : path;
  };
  return {
    params: response.params,
    response,
    errors,
    outOfRange: response.page > response.pageCount,
    href,
    path,
  };
}
