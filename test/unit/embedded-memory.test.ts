import { evaluate, parse } from 'groq-js';
import { describe, expect, it } from 'vitest';
import { isUnpublished, type StoredDocument } from '../../src/content/dataset';
import { createEmbeddedSource, weightOf } from '../../src/content/embedded';
import { materialised } from '../../src/content/materialised';
import { scopeOf } from '../../src/content/scope';
import * as queries from '../../src/queries/index';
import * as orukQueries from '../../src/queries/oruk';
import type { NamedQuery } from '../../src/queries/types';
import { buildService, fixtureDataset, ids } from '../fixtures/dataset';
import { sampleDocuments } from '../support/sample';

const named = Object.entries({ ...queries, ...orukQueries }).filter(
  (entry): entry is [string, NamedQuery] => typeof entry[1] === 'string',
);

/** The same query evaluated by groq-js over every published document, as before scoping. */
async function overEverything(documents: StoredDocument[], query: string, params: Record<string, unknown>) {
  const dataset = documents.filter((document) => !isUnpublished(document));
  const byId = new Map(dataset.map((document) => [document._id, document]));
  const value = await evaluate(parse(query, { params }), {
    dataset,
    params,
    dereference: ({ _ref }) => byId.get(_ref) ?? null,
  });
  return value.get();
}

describe('which documents a query reads', () => {
  it('a query filtered by type reads only that type', () => {
    expect(scopeOf('*[_type == "area" && !(_id in path("drafts.**"))]{ name }')).toEqual({ types: ['area'], ids: [] });
  });

  it('a subquery adds its own type, and an id lookup its id', () => {
    expect(
      scopeOf(
        '*[_type == "category" && slug.current == $slug][0]{ "n": count(*[_type == "service" && ^._id in categories[]._ref]) }',
      ),
    ).toEqual({ types: ['category', 'service'], ids: [] });
    expect(scopeOf('*[_id == "siteSettings"][0]{ title }')).toEqual({ types: [], ids: ['siteSettings'] });
    expect(scopeOf('*[_type in ["organisation", "service"] && defined(name)]')).toEqual({
      types: ['organisation', 'service'],
      ids: [],
    });
  });

  it('a bare star, a filter not led by its type, or an "or" beside the type reads everything', () => {
    expect(scopeOf('*{ _id }')).toBeUndefined();
    expect(scopeOf('*[defined(slug)]')).toBeUndefined();
    expect(scopeOf('*[_type == "area" || _type == "service"]')).toBeUndefined();
    expect(scopeOf('*[_type == "area" && a || b]')).toBeUndefined();
    expect(scopeOf('*[_type == "area"]{ "x": price * 2 }')).toBeUndefined();
  });

  it('a star or a bar inside a string does not count', () => {
    expect(scopeOf('*[_type == "service" && name match "a*||b" && (a || b)]')).toEqual({ types: ['service'], ids: [] });
  });

  it('every named query is scoped to the types it names', () => {
    const unscoped = named.filter(([, query]) => !scopeOf(query)).map(([name]) => name);
    expect(unscoped).toEqual([]);
  });
});

describe('the embedded store reads less and keeps less', () => {
  const documents = sampleDocuments();
  const first = <T>(type: string, pick: (document: StoredDocument) => T) =>
    pick(documents.find((document) => document._type === type && !isUnpublished(document)) as StoredDocument);
  const slugOf = (document: StoredDocument) => (document.slug as { current: string }).current;
  const params: Record<string, Record<string, unknown>> = {
    serviceBySlugQuery: { slug: first('service', slugOf) },
    organisationBySlugQuery: { slug: first('organisation', slugOf) },
    categoryBySlugQuery: { slug: first('category', slugOf) },
    categoryPageQuery: { slug: first('category', slugOf) },
    areaBySlugQuery: { slug: first('area', slugOf) },
    areaPageQuery: { slug: first('area', slugOf) },
    pageBySlugQuery: { slug: first('page', slugOf) },
    servicesByIdsQuery: {
      ids: documents
        .filter((d) => d._type === 'service')
        .slice(0, 5)
        .map((d) => d._id),
    },
    referralServicesQuery: {
      ids: documents
        .filter((d) => d._type === 'service')
        .slice(0, 5)
        .map((d) => d._id),
    },
    listingChoicesQuery: { organisationId: first('organisation', (d) => d._id) },
    serviceTimesByIdQuery: { id: first('service', (d) => d._id) },
    organisationListingsQuery: { organisationIds: [first('organisation', (d) => d._id)] },
  };

  it('every named query answers exactly as groq-js over the whole sample dataset', async () => {
    const source = createEmbeddedSource(documents);
    for (const [name, query] of named) {
      const asked = params[name] ?? {};
      expect({ name, result: await source.fetch(query, asked) }).toEqual({
        name,
        result: await overEverything(documents, query, asked),
      });
    }
  }, 120_000);

  it('what is answered in plain code matches groq-js on odd documents too', async () => {
    const odd: StoredDocument[] = [
      ...fixtureDataset(),
      buildService({
        _id: '77777777-7777-4777-8777-77777777777a',
        name: 'Odd one',
        status: 'temporarily-closed',
        schedules: [{ _key: 'a', day: 'monday', extra: 1 }, 'not an object', { _key: 'b' }],
        closures: { not: 'an array' },
        locations: [{ _ref: ids.refuge }, { _ref: 'missing-location' }, { noRef: true }, { _ref: ids.pavilion }],
      }),
      buildService({ _id: '77777777-7777-4777-8777-77777777777b', name: 'Bare', schedules: undefined, locations: 'x' }),
      buildService({ _id: '77777777-7777-4777-8777-77777777777c', name: 'Gone', status: 'closed' }),
      { ...buildService({ _id: 'drafts.77777777-7777-4777-8777-77777777777a', name: 'Draft' }) },
    ];
    const source = createEmbeddedSource(odd);
    // The lookup by id: the odd ones, a closed one, a draft, a location and one that is not there.
    const byId = ['7a', '7b', '7c'].map((end) => ({ id: `77777777-7777-4777-8777-7777777777${end}` }));
    byId.push({ id: 'drafts.77777777-7777-4777-8777-77777777777a' }, { id: ids.refuge }, { id: 'missing' });
    for (const query of materialised.keys())
      for (const asked of query === queries.serviceTimesByIdQuery ? byId : [{}])
        expect(await source.fetch(query as NamedQuery, asked)).toEqual(await overEverything(odd, query, asked));
  });

  it('the search documents in plain code serialise byte for byte as groq-js gives them (the index fingerprint)', async () => {
    const ours = await createEmbeddedSource(documents).fetch(queries.searchDocumentsQuery);
    expect(JSON.stringify(ours)).toBe(
      JSON.stringify(await overEverything(documents, queries.searchDocumentsQuery, {})),
    );
  });

  it('the search documents and the service times are answered afresh each time rather than kept', async () => {
    const source = createEmbeddedSource(fixtureDataset());
    for (const query of [queries.searchDocumentsQuery, queries.serviceTimesQuery]) {
      const first = await source.fetch(query);
      const second = await source.fetch(query);
      expect(second).toEqual(first);
      expect(second).not.toBe(first);
    }
  });

  it('what is answered in plain code lets other work run while it reads the documents', async () => {
    const many = [
      ...fixtureDataset(),
      ...Array.from({ length: 2000 }, (_, n) =>
        buildService({ _id: `88888888-8888-4888-8888-${String(n).padStart(12, '0')}`, name: `Many ${n}` }),
      ),
    ];
    const source = createEmbeddedSource(many, { sliceMs: 0 }); // a turn after every step
    for (const query of [queries.serviceTimesQuery, queries.searchDocumentsQuery]) {
      let turns = 0;
      const ticking = setInterval(() => (turns += 1), 0);
      const answer = (await source.fetch(query as NamedQuery)) as unknown[] | { services: unknown[] };
      clearInterval(ticking);
      expect(Array.isArray(answer) ? answer.length : answer.services.length).toBeGreaterThan(2000);
      expect(turns).toBeGreaterThan(0);
    }
  });

  it('other results are kept until content changes, and read again after', async () => {
    const source = createEmbeddedSource(fixtureDataset());
    const before = await source.fetch(queries.areasQuery);
    expect(await source.fetch(queries.areasQuery)).toBe(before);
    source.replaceDocuments([
      ...fixtureDataset(),
      buildService({ _id: '77777777-7777-4777-8777-777777777779', name: 'Another', areas: [{ _ref: ids.haringey }] }),
    ]);
    expect(await source.fetch(queries.areasQuery)).not.toBe(before);
  });

  it('a result is weighed by the values it holds', () => {
    expect(weightOf(null)).toBe(1);
    expect(weightOf({ a: 1, b: [1, 2, { c: 'x' }] })).toBe(7);
  });

  it('drops the least recently used result once it holds more entries than its bound', async () => {
    const source = createEmbeddedSource(fixtureDataset(), { cacheLimits: { entries: 3, weight: 1_000_000 } });
    const areas = await source.fetch(queries.areasQuery);
    const categories = await source.fetch(queries.categoriesQuery);
    await source.fetch(queries.areasQuery); // used again: now the most recent
    for (const slug of ['a', 'b']) await source.fetch(queries.serviceBySlugQuery, { slug });
    expect(await source.fetch(queries.areasQuery)).toBe(areas);
    expect(await source.fetch(queries.categoriesQuery)).not.toBe(categories);
  });

  it('keeps no result heavier than its bound, and drops old ones to stay within it', async () => {
    const bound = weightOf(await createEmbeddedSource(fixtureDataset()).fetch(queries.sitemapQuery)) - 1;
    const source = createEmbeddedSource(fixtureDataset(), { cacheLimits: { entries: 100, weight: bound } });
    const sitemap = await source.fetch(queries.sitemapQuery);
    expect(await source.fetch(queries.sitemapQuery)).not.toBe(sitemap);
    const areas = await source.fetch(queries.areasQuery);
    expect(weightOf(areas)).toBeLessThan(bound);
    expect(await source.fetch(queries.areasQuery)).toBe(areas);
    // Lookups of one value each, enough to pass the bound, push the areas out.
    for (let n = 0; n <= bound; n += 1) await source.fetch(queries.serviceBySlugQuery, { slug: `s-${n}` });
    expect(await source.fetch(queries.areasQuery)).not.toBe(areas);
  });
});
