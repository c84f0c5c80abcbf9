import type { APIRoute } from 'astro';
import { runSearch } from '../../server/search';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/** The same search as /search, as JSON: `{ total, page, pageCount, results, place, loosen }` or a 400. */
export const GET: APIRoute = async ({ url }) => {
  const outcome = await runSearch(url.searchParams);
  if (!outcome.ok) return json({ error: 'Some search parameters are not valid', errors: outcome.errors }, 400);
  const { response } = outcome;
  if (response.problems.length > 0) {
    return json({ error: 'The place could not be used', errors: response.problems }, 400);
  }
  return json({
    total: response.total,
    page: response.page,
    pageCount: response.pageCount,
    perPage: response.perPage,
    place: response.place && { label: response.place.label, kind: response.place.kind },
    results: response.results.map(({ score: _score, ...result }) => result),
    loosen: response.loosen.map((suggestion) => ({ param: suggestion.param, count: suggestion.count })),
  });
};
