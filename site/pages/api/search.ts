import type { APIRoute } from 'astro';
import { toSearchParams } from '@src/search';
import { cardLine } from '@src/schedules/whats-on';
import { runSearch } from '../../server/search';
import { whatsOnFor } from '../../server/whats-on';
import { searchRefusal, SEARCH_LIMIT_MESSAGE } from '../../server/rate-limit';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * The same search as /search, as JSON: `{ total, page, pageCount, words, understood, unmatched,
 * results (each with its `whatsOn` line), place, loosen }`, a 400, or a 429 with Retry-After. `understood` lists what was read from the words (each with
 * the query string of the search without it), `words` what was left to match as text.
 */
export const GET: APIRoute = async (context) => {
  const { url } = context;
  const refusal = await searchRefusal(context);
  if (refusal) {
    return new Response(JSON.stringify({ error: SEARCH_LIMIT_MESSAGE }), {
      status: 429,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'Retry-After': String(refusal.retryAfterSeconds),
      },
    });
  }
  const outcome = await runSearch(url.searchParams);
  if (!outcome.ok) return json({ error: 'Some search parameters are not valid', errors: outcome.errors }, 400);
  const { response } = outcome;
  if (response.problems.length > 0) {
    const place = response.problems.every((problem) => problem.param === 'location' || problem.param === 'lat');
    return json(
      {
        error: place ? 'The place could not be used' : 'Some search parameters are not valid',
        errors: response.problems,
      },
      400,
    );
  }
  return json({
    total: response.total,
    page: response.page,
    pageCount: response.pageCount,
    perPage: response.perPage,
    words: response.params.q,
    understood: outcome.understood.map((reading) => ({
      kind: reading.kind,
      phrase: reading.phrase,
      label: reading.label,
      effects: reading.effects,
      without: toSearchParams(reading.without).toString(),
    })),
    unmatched: outcome.unmatched,
    wantsPlace: outcome.wantsPlace,
    place: response.place && { label: response.place.label, kind: response.place.kind },
    // Each card's "what's on" line, as the server-rendered cards show it.
    results: await Promise.all(
      response.results.map(async ({ score: _score, ...result }) => {
        const answer = await whatsOnFor(result.id);
        return { ...result, whatsOn: answer && { text: cardLine(answer), kind: answer.kind, notice: answer.notice } };
      }),
    ),
    loosen: response.loosen.map((suggestion) => ({ param: suggestion.param, count: suggestion.count })),
  });
};
