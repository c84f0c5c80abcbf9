/**
 * The relevance suite: judged searches (`test/fixtures/relevance-queries.ts`) run over the sample
 * dataset through the path the page takes (query string -> `parseSearchParams` -> `interpretQuery`
 * -> `engine.search`).
 * It prints the share whose first five answer the need, with and without the searches that wait
 * for the words to be read as filters and places, and fails when the share falls below FLOOR.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedSource } from '../../src/content/embedded';
import { searchDocumentsQuery } from '../../src/queries/index';
import { createSearchEngine, type SearchEngine, type SearchResponse } from '../../src/search/engine';
import { createLexicon, interpretQuery } from '../../src/search/interpret';
import { parseSearchParams } from '../../src/search/params';
import { relevanceQueries, type Match, type RelevanceQuery } from '../fixtures/relevance-queries';
import { sampleDocuments } from '../support/sample';

/** The sample data's own "today", as in `search.test.ts`: which listings are stale stays fixed. */
const NOW = new Date('2026-11-01T12:00:00Z');
/**
 * The share of all judged searches that must pass, with the words read as filters and places:
 * the goal (0.95), met. Raise it when ranking improves; never lower it to let a change through.
 */
const FLOOR = 0.95;
/** The share of the searches judged before words were read as filters (what the engine alone did). */
const FLOOR_WITHOUT_PENDING = 0.97;

type Facts = {
  slug: string;
  categories: string[];
  tags: string[];
  languages: string[];
  days: string[];
  areas: string[];
  stepFree: boolean;
  ageMin: number;
  ageMax: number;
};

/** What the raw sample says about each service, by id. */
function sampleFacts(): Map<string, Facts> {
  const docs = sampleDocuments() as Record<string, any>[];
  const byId = new Map(docs.map((d) => [d._id as string, d]));
  const slugOf = (id: string) => (byId.get(id)?.slug?.current as string | undefined) ?? '';
  const facts = new Map<string, Facts>();
  for (const d of docs) {
    if (d._type !== 'service') continue;
    const venues = (d.locations ?? []).map((r: { _ref: string }) => byId.get(r._ref)).filter(Boolean);
    facts.set(d._id, {
      slug: d.slug.current,
      categories: (d.categories ?? []).flatMap((r: { _ref: string }) => {
        const category = byId.get(r._ref)!;
        return category.parent ? [category.slug.current, slugOf(category.parent._ref)] : [category.slug.current];
      }),
      tags: d.tags ?? [],
      languages: d.languages ?? [],
      days: (d.schedules ?? []).map((s: { day: string }) => s.day),
      areas: (d.areas ?? []).map((r: { _ref: string }) => slugOf(r._ref)),
      stepFree:
        (d.accessibility ?? []).includes('step-free-access') ||
        venues.some((v: any) => !v.confidential && (v.accessibility ?? []).includes('step-free-access')),
      ageMin: d.ageMin ?? 0,
      ageMax: d.ageMax ?? 120,
    });
  }
  return facts;
}

const anyOf = (wanted: readonly string[] | undefined, have: readonly string[]) =>
  wanted === undefined || wanted.some((value) => have.includes(value));

function matches(facts: Facts, match: Match): boolean {
  return (
    anyOf(match.category, facts.categories) &&
    anyOf(match.tag, facts.tags) &&
    anyOf(match.language, facts.languages) &&
    anyOf(match.day, facts.days) &&
    anyOf(match.area, facts.areas) &&
    anyOf(match.slug, [facts.slug]) &&
    (match.stepFree === undefined || facts.stepFree) &&
    (match.age === undefined || (facts.ageMin <= match.age && match.age <= facts.ageMax))
  );
}

/** Why a judged search fails, or null when its first five answer the need. */
function judge(judged: RelevanceQuery, top: Facts[]): string | null {
  if (top.length === 0) return judged.noneIsRight ? null : 'no results';
  if (judged.first && !matches(top[0]!, judged.first)) return `first is ${top[0]!.slug}`;
  if (judged.top) {
    const answering = top.filter((facts) => matches(facts, judged.top!.match)).length;
    const wanted = judged.top.count === 'all' ? top.length : judged.top.count;
    if (answering < wanted) return `${answering} of the first ${top.length} answer, wanted ${wanted}`;
  }
  const wrong = judged.never ? top.find((facts) => matches(facts, judged.never!)) : undefined;
  if (wrong) return `${wrong.slug} should not be in the first five`;
  return null;
}

let engine: SearchEngine;
let facts: Map<string, Facts>;

beforeAll(async () => {
  engine = createSearchEngine(await createEmbeddedSource(sampleDocuments()).fetch(searchDocumentsQuery));
  facts = sampleFacts();
});

/** The search as the page runs it. */
function answer(query: string): SearchResponse {
  const parsed = parseSearchParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`${query}: ${JSON.stringify(parsed.errors)}`);
  const lexicon = createLexicon({ languages: engine.languages, resolvePlace: engine.resolvePlace });
  return engine.search(interpretQuery(parsed.params, { lexicon, now: NOW }).params, NOW);
}

type Outcome = { judged: RelevanceQuery; failure: string | null };

function runAll(): Outcome[] {
  return relevanceQueries.map((judged) => {
    const top = answer(judged.query)
      .results.slice(0, 5)
      .map((result) => facts.get(result.id)!);
    return { judged, failure: judge(judged, top) };
  });
}

const share = (outcomes: Outcome[]) => outcomes.filter((o) => o.failure === null).length / outcomes.length;
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

describe('the relevance suite', () => {
  it('has at least 80 judged searches, each query string valid and distinct', () => {
    expect(relevanceQueries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(relevanceQueries.map((q) => q.query)).size).toBe(relevanceQueries.length);
    for (const judged of relevanceQueries) {
      expect(parseSearchParams(new URLSearchParams(judged.query)).ok, judged.query).toBe(true);
      expect(judged.first ?? judged.top ?? judged.never, judged.query).toBeDefined();
    }
  });

  it('every judgement names something the sample holds, so none passes by matching nothing', () => {
    const all = [...facts.values()];
    for (const judged of relevanceQueries) {
      for (const match of [judged.first, judged.top?.match, judged.never]) {
        if (match)
          expect(
            all.some((f) => matches(f, match)),
            `${judged.query}: ${JSON.stringify(match)}`,
          ).toBe(true);
      }
    }
  });

  it('the first five answer the need for enough of the judged searches', () => {
    const outcomes = runAll();
    const ready = outcomes.filter((o) => o.judged.needs === undefined);
    const failures = outcomes.filter((o) => o.failure !== null);
    const lines = [
      `Relevance: ${percent(share(outcomes))} of ${outcomes.length} judged searches answer the need in the first five`,
      `  without the ${outcomes.length - ready.length} that wait for words read as filters and places: ${percent(share(ready))} of ${ready.length}`,
      ...failures.map(
        (o) => `  FAIL ${o.judged.query}${o.judged.needs ? ` (needs ${o.judged.needs})` : ''}: ${o.failure}`,
      ),
    ];
    console.info(lines.join('\n'));
    expect(share(outcomes)).toBeGreaterThanOrEqual(FLOOR);
    expect(share(ready)).toBeGreaterThanOrEqual(FLOOR_WITHOUT_PENDING);
  });
});
