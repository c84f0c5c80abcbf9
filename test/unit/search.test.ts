import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lunr from 'lunr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/content/dataset';
import { createEmbeddedSource } from '../../src/content/embedded';
import type { ContentSource } from '../../src/content/source';
import { searchDocumentsQuery } from '../../src/queries/index';
import type { SearchDocumentsResult } from '../../src/queries/types';
import { createSearchEngine, loadSearchEngine, type SearchEngine, type SearchResponse } from '../../src/search/engine';
import { createSearchIndex } from '../../src/search/index-store';
import { parseSearchParams, searchParams, type SearchParams } from '../../src/search/params';
import { describeDistance, haversineMetres } from '../../src/search/place';
import { buildService, fixtureDataset, ids } from '../fixtures/dataset';
import { sampleDocuments } from '../support/sample';

/** The sample data's own "today": verification dates are spread over the year before it. */
const NOW = new Date('2026-11-01T12:00:00Z');

let sampleData: SearchDocumentsResult;
let engine: SearchEngine;

beforeAll(async () => {
  sampleData = await createEmbeddedSource(sampleDocuments()).fetch(searchDocumentsQuery);
  engine = createSearchEngine(sampleData);
});

function paramsOf(query: string): SearchParams {
  const parsed = parseSearchParams(query);
  if (!parsed.ok) throw new Error(`${query}: ${JSON.stringify(parsed.errors)}`);
  return parsed.params;
}

function run(query: string, on: SearchEngine = engine): SearchResponse {
  return on.search(paramsOf(query), NOW);
}

// What the raw sample says about each service, to check results against.
type Facts = {
  name: string;
  status: string;
  categories: string[];
  areas: string[];
  tags: string[];
  free: boolean;
  coverage: string[];
  accessRoute: string;
  accepting: string;
  ageMin?: number;
  ageMax?: number;
  schedules: { day: string; opensAt: string; closesAt: string }[];
  stepFree: boolean;
  venues: { confidential: boolean; lat: number; lng: number; postcode: string; name: string; line1: string }[];
};

function sampleFacts(): Map<string, Facts> {
  const docs = sampleDocuments();
  const byId = new Map(docs.map((d) => [d._id, d as Record<string, any>]));
  const slugOf = (id: string) => (byId.get(id)?.slug as { current: string } | undefined)?.current ?? '';
  const facts = new Map<string, Facts>();
  for (const d of docs as Record<string, any>[]) {
    if (d._type !== 'service') continue;
    const categories = (d.categories ?? []).flatMap((r: { _ref: string }) => {
      const category = byId.get(r._ref)!;
      return category.parent ? [category.slug.current, slugOf(category.parent._ref)] : [category.slug.current];
    });
    const venues = (d.locations ?? []).map((r: { _ref: string }) => byId.get(r._ref)!);
    facts.set(d._id, {
      name: d.name,
      status: d.status,
      categories,
      areas: (d.areas ?? []).map((r: { _ref: string }) => slugOf(r._ref)),
      tags: d.tags ?? [],
      free: d.free,
      coverage: d.coverage,
      accessRoute: d.accessRoute,
      accepting: d.accepting,
      ageMin: d.ageMin,
      ageMax: d.ageMax,
      schedules: d.schedules ?? [],
      stepFree:
        (d.accessibility ?? []).includes('step-free-access') ||
        venues.some((v: any) => !v.confidential && (v.accessibility ?? []).includes('step-free-access')),
      venues: venues.map((v: any) => ({
        confidential: v.confidential,
        lat: v.position.lat,
        lng: v.position.lng,
        postcode: v.address.postcode,
        name: v.name,
        line1: v.address.line1,
      })),
    });
  }
  return facts;
}

const facts = sampleFacts();
const listed = [...facts].filter(([, f]) => f.status === 'active' || f.status === 'temporarily-closed');
const factsOf = (id: string) => facts.get(id)!;
const inCategory = (slug: string) => (id: string) => factsOf(id).categories.includes(slug);
const tagged =
  (...tags: string[]) =>
  (id: string) =>
    tags.some((tag) => factsOf(id).tags.includes(tag));
const top = (response: SearchResponse, n: number) => response.results.slice(0, n).map((r) => r.id);
const namesOf = (ids: string[]) => ids.map((id) => factsOf(id).name);

describe('relevance on the sample data', () => {
  const cases: [sentence: string, query: string, n: number, test: (id: string) => boolean][] = [
    ['"soccer" finds football groups first', 'soccer', 3, inCategory('football')],
    ['"five-a-side" finds football groups first', 'five-a-side', 3, inCategory('football')],
    ['"footbal" (a typo) finds football groups first', 'footbal', 3, inCategory('football')],
    ['"football" finds football groups first', 'football', 3, inCategory('football')],
    ['"mosque" finds faith centres first', 'mosque', 5, inCategory('faith-centres')],
    ['"mosque" puts a mosque in the top three', 'mosque', 3, tagged('mosque')],
    ['"gurdwara" finds faith centres first', 'gurdwara', 5, inCategory('faith-centres')],
    ['"synagogue" finds faith centres first', 'synagogue', 5, inCategory('faith-centres')],
    ['"church" finds faith centres first', 'church', 5, inCategory('faith-centres')],
    ['"temple" finds faith centres first', 'temple', 5, inCategory('faith-centres')],
    ['"lonely" finds social groups and befriending first', 'lonely', 5, inCategory('cafes-and-social-groups')],
    ['"isolated" finds social groups and befriending first', 'isolated', 5, inCategory('cafes-and-social-groups')],
    ['"befriending" finds befriending schemes first', 'befriending', 3, tagged('befriending')],
    ['"knitting" finds knitting and sewing groups first', 'knitting', 3, inCategory('knitting-and-sewing')],
    ['"crochet" finds knitting and sewing groups first', 'crochet', 3, inCategory('knitting-and-sewing')],
    ['"sewing" finds knitting and sewing groups first', 'sewing', 3, inCategory('knitting-and-sewing')],
    ['"crafts" finds arts and crafts first', 'crafts', 5, inCategory('arts-and-crafts')],
    ['"debt" finds money advice first', 'debt', 5, inCategory('money-benefits-and-debt')],
    ['"bills" finds money advice first', 'bills', 5, inCategory('money-benefits-and-debt')],
    ['"benefits" finds money advice first', 'benefits', 5, inCategory('money-benefits-and-debt')],
    ['"help with money" finds money advice first', 'help with money', 5, inCategory('money-benefits-and-debt')],
    ['"choir" finds choirs first', 'choir', 3, inCategory('choirs-and-singing')],
    ['"singing" finds choirs first', 'singing', 3, inCategory('choirs-and-singing')],
    ['"gardning" (a typo) finds gardening groups first', 'gardning', 3, inCategory('gardening-and-nature')],
    ['"allotment" finds allotments first', 'allotment', 2, tagged('allotment')],
    ['"garde" (still typing) finds gardening groups first', 'garde', 3, inCategory('gardening-and-nature')],
    ['"jobs" finds work support first', 'jobs', 5, inCategory('work-and-volunteering')],
    ['"cv" finds work support first', 'cv', 3, inCategory('work-and-volunteering')],
    ['"carers" finds carers support first', 'carers', 5, inCategory('carers')],
    ['"eviction" finds housing advice first', 'eviction', 5, inCategory('housing-advice')],
    ['"walking" finds walking groups first', 'walking', 5, inCategory('walking-groups')],
    ['"chess" finds chess clubs first', 'chess', 2, tagged('chess')],
    ['"esol" finds English classes first', 'esol', 3, tagged('esol')],
    ['"food bank" finds food first', 'food bank', 3, tagged('food bank', 'food', 'pantry')],
    ['"hearing voices" finds hearing voices groups first', 'hearing voices', 2, tagged('hearing voices')],
    ['"tai chi" finds tai chi first', 'tai chi', 2, tagged('tai chi')],
    ['"men\'s shed" finds the men\'s shed', "men's shed", 1, tagged('mens shed')],
    ['"Café" with an accent matches listings written without one', 'Café', 3, inCategory('cafes-and-social-groups')],
    ['"benefits" finds benefits advice before debt advice', 'benefits', 5, inCategory('benefits-advice')],
    ['"debt" finds debt advice before benefits advice', 'debt', 5, tagged('debt')],
    ['"food parcels" finds pantries first', 'food parcels', 3, tagged('pantry')],
    ['"swimming" finds the swim first', 'swimming', 1, tagged('swimming')],
    ['"guitar lessons" finds music groups', 'guitar lessons', 3, inCategory('music')],
    ['"grief" finds listening lines and talking groups', 'grief', 3, tagged('listening', 'talking')],
    ['"over 50s" finds something for older people', 'over 50s', 2, tagged('older people')],
    ['"meditaton" (a misspelt ending) finds meditation', 'meditaton', 3, tagged('meditation', 'mindfulness')],
    ['"allotmnet" (a misspelt ending) finds an allotment first', 'allotmnet', 1, tagged('allotment')],
  ];

  it('"wheelchair" is not read as a misspelt "wheel" (a pottery wheel)', () => {
    expect(
      namesOf(
        run('q=wheelchair')
          .results.map((r) => r.id)
          .filter(tagged('wheel')),
      ),
    ).toEqual([]);
  });

  it.each(['bereavement', 'grief', 'bereavment', 'loss'])('"%s" never finds carers’ groups', (query) => {
    const response = run(`q=${query}&page=1`);
    expect(namesOf(response.results.map((r) => r.id).filter(inCategory('carers')))).toEqual([]);
  });

  it.each(cases)('%s', (_sentence, query, n, test) => {
    const response = run(`q=${encodeURIComponent(query)}`);
    expect(response.total).toBeGreaterThanOrEqual(n);
    const found = top(response, n);
    expect(namesOf(found.filter((id) => !test(id)))).toEqual([]);
  });

  it('words and an area name put services in that area first', () => {
    const response = run('q=football%20haringey');
    const [first] = top(response, 1);
    expect(factsOf(first!).categories).toContain('football');
    expect(factsOf(first!).areas).toContain('haringey');
  });

  it('an area name alone lists the services in that area', () => {
    const response = run('q=haringey');
    const inHaringey = listed.filter(([, f]) => f.areas.includes('haringey')).length;
    expect(response.total).toBeGreaterThanOrEqual(inHaringey);
    expect(namesOf(top(response, 10).filter((id) => !factsOf(id).areas.includes('haringey')))).toEqual([]);
  });

  it('a service matching every word ranks above one matching only some', () => {
    const response = run('q=knitting%20tea');
    const first = factsOf(top(response, 1)[0]!);
    expect(first.categories).toContain('knitting-and-sewing');
  });

  it('words nobody uses find nothing', () => {
    expect(run('q=xylophonequartz').total).toBe(0);
  });

  it('drops weak matches that would crowd real ones', () => {
    // Every result for "soccer" is football: sports that only share a parent category are left out.
    const response = run('q=soccer');
    expect(namesOf(response.results.map((r) => r.id).filter((id) => !inCategory('football')(id)))).toEqual([]);
  });
});

describe('filters on the sample data', () => {
  const overlapsMorning = (s: { opensAt: string }) => s.opensAt < '12:00';

  it('free, Tuesday, morning and Haringey together give exactly the matching services', () => {
    const response = run('free=1&day=tuesday&time=morning&area=haringey');
    const expected = listed
      .filter(
        ([, f]) =>
          f.free && f.areas.includes('haringey') && f.schedules.some((s) => s.day === 'tuesday' && overlapsMorning(s)),
      )
      .map(([id]) => id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(response.total).toBe(expected.length);
    expect(response.results.map((r) => r.id).sort()).toEqual(expected);
  });

  it('a time filter counts a session that overlaps the part of the day', () => {
    const response = run('time=evening');
    const expected = listed.filter(([, f]) => f.schedules.some((s) => s.closesAt > '17:00')).length;
    expect(response.total).toBe(expected);
  });

  it('a parent category includes services filed only under its children', () => {
    const football = run('category=football');
    expect(football.total).toBeGreaterThan(0);
    expect(run('category=sport-and-fitness').total).toBe(
      listed.filter(([, f]) => f.categories.includes('sport-and-fitness')).length,
    );
    expect(football.results.every((r) => factsOf(r.id).categories.includes('sport-and-fitness'))).toBe(true);
  });

  it('two values of one filter mean either of them', () => {
    expect(run('area=haringey&area=newham').total).toBe(
      listed.filter(([, f]) => f.areas.includes('haringey') || f.areas.includes('newham')).length,
    );
  });

  it('an age keeps only services whose age range includes it', () => {
    const response = run('age=70');
    expect(response.total).toBe(listed.filter(([, f]) => (f.ageMin ?? 0) <= 70 && 70 <= (f.ageMax ?? 120)).length);
  });

  it('a way in keeps only services with that way in', () => {
    const response = run('access=drop-in');
    expect(response.total).toBe(listed.filter(([, f]) => f.accessRoute === 'drop-in').length);
  });

  it('step-free keeps services with step-free access at the service or a public venue', () => {
    expect(run('accessible=1').total).toBe(listed.filter(([, f]) => f.stepFree).length);
  });

  it('accepting keeps only services taking new people now', () => {
    expect(run('accepting=1').total).toBe(listed.filter(([, f]) => f.accepting === 'yes').length);
  });

  it('online keeps only services run online', () => {
    const response = run('remote=online');
    expect(response.total).toBe(listed.filter(([, f]) => f.coverage.includes('online')).length);
    expect(response.results.every((r) => r.coverage.includes('online'))).toBe(true);
  });

  it('browsing with no words lists every listed service', () => {
    expect(run('').total).toBe(listed.length);
  });

  it('never lists inactive or defunct services', () => {
    const gone = [...facts].filter(([, f]) => f.status === 'inactive' || f.status === 'defunct').map(([id]) => id);
    const everything = Array.from({ length: Math.ceil(listed.length / 20) }, (_, i) => run(`page=${i + 1}`).results);
    const shown = new Set(everything.flat().map((r) => r.id));
    expect(shown.size).toBe(listed.length);
    for (const id of gone) expect(shown.has(id)).toBe(false);
  });

  it('pages hold 20 results each, without repeats, and say how many pages there are', () => {
    const first = run('page=1');
    const second = run('page=2');
    expect(first.results).toHaveLength(20);
    expect(first.pageCount).toBe(Math.ceil(listed.length / 20));
    expect(second.results.filter((r) => first.results.some((f) => f.id === r.id))).toEqual([]);
  });

  it('a page beyond the last is empty but keeps the total', () => {
    const response = run('page=999');
    expect(response.results).toEqual([]);
    expect(response.total).toBe(listed.length);
  });

  it('when nothing matches, suggests single filters to remove with the results each would give', () => {
    const response = run('q=chess&area=newham&day=sunday&free=1');
    expect(response.total).toBe(0);
    expect(response.loosen.length).toBeGreaterThan(0);
    for (const suggestion of response.loosen) {
      expect(suggestion.count).toBeGreaterThan(0);
      expect(engine.search(suggestion.params, NOW).total).toBe(suggestion.count);
    }
  });

  it('suggests a wider distance when nothing is near enough', () => {
    const response = run('q=ukulele&location=EN5&radius=1');
    expect(response.total).toBe(0);
    const wider = response.loosen.find((s) => s.param === 'radius');
    expect(wider?.params.radius).toBeGreaterThan(1);
    expect(engine.search(wider!.params, NOW).total).toBe(wider!.count);
  });
});

describe('hostile input', () => {
  const hostile = [
    'foo:',
    '~',
    '+',
    '-',
    'a^b^',
    '*abc',
    'title:x',
    'name:foo~2^3 +bar -baz',
    '*',
    '"unclosed',
    'a'.repeat(10_000),
    'word '.repeat(2_000),
    'Zürich café naïve façade',
    '⚽️🏳️‍🌈🧶 👩🏽‍🦯',
    'مرحبا بكم في الحديقة',
    'שלום עולם',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    "'; DROP TABLE services; --",
    "1' OR '1'='1",
    'a\u0000b',
    '\u0000',
    '\ud800',
    '%00%ff',
    '__proto__',
    'constructor',
    'hasOwnProperty toString valueOf',
    '../../etc/passwd',
    '\u202egnittink',
  ];
  const names = [
    'q',
    'category',
    'area',
    'day',
    'time',
    'free',
    'age',
    'access',
    'accessible',
    'accepting',
    'remote',
    'location',
    'lat',
    'lng',
    'radius',
    'page',
    'sort',
  ];

  it.each(names)('no value of %s makes parsing or searching throw, and messages never echo input', (name) => {
    for (const value of hostile) {
      const query = new URLSearchParams([[name, value]]);
      if (name === 'lat') query.append('lng', '0');
      const parsed = parseSearchParams(query);
      if (parsed.ok) {
        const response = engine.search(parsed.params, NOW);
        expect(response.total).toBeGreaterThanOrEqual(0);
        for (const problem of response.problems) expect(problem.message).not.toContain('<');
      } else {
        for (const error of parsed.errors) expect(error.message).not.toContain('<');
      }
    }
  });

  it('the engine itself never throws on hostile words, even past the length the schema allows', () => {
    for (const q of hostile) {
      expect(() => engine.search(searchParams({ q }), NOW)).not.toThrow();
    }
  });

  it('lunr query syntax in the words is searched as plain words', () => {
    expect(run('q=title%3Aknitting').results.map((r) => r.id)).toEqual(
      run('q=title%20knitting').results.map((r) => r.id),
    );
    expect(top(run('q=%2Bchoir~2%5E3'), 3).every(inCategory('choirs-and-singing'))).toBe(true);
  });
});

describe('places and distance on the sample data', () => {
  it('a full postcode searches from its district, the same as the district itself', () => {
    const full = run('location=N17%209LA');
    const district = run('location=N17');
    expect(full.place).toMatchObject({ kind: 'postcode', label: 'N17', outcode: 'N17', areas: ['haringey'] });
    expect(district.place).toMatchObject({ kind: 'outcode', label: 'N17' });
    expect(full.results.map((r) => r.id)).toEqual(district.results.map((r) => r.id));
  });

  it('measures from a full postcode’s own position when the lookup gave one', () => {
    const point = { lat: 51.6, lng: -0.07 };
    const from = engine.search(paramsOf('location=N17%209LA'), NOW, point);
    expect(from.place).toMatchObject(point);
  });

  it('never names a full postcode as the place searched from', () => {
    expect(JSON.stringify(run('location=N17%209LA').place)).not.toContain('9LA');
  });

  it('an area name searches from the area centre and covers that area', () => {
    const response = run('location=haringey');
    expect(response.place).toMatchObject({ kind: 'area', label: 'Haringey', areas: ['haringey'] });
    expect(run('location=London%20Borough%20of%20Haringey').place?.label).toBe('Haringey');
  });

  it('a borough inside a wider area resolves to that area', () => {
    expect(run('location=Hackney').place).toMatchObject({ kind: 'area', areas: ['city-and-hackney'] });
  });

  it('a place we cannot find is reported and the search goes on without it', () => {
    const response = run('location=Narnia&q=choir');
    expect(response.problems).toEqual([
      {
        param: 'location',
        message:
          'We could not find that place. Enter a full postcode like N17 9LA, a postcode area like N17, or the name of a town, neighbourhood or borough',
      },
    ]);
    expect(response.place).toBeNull();
    expect(response.params.sort).toBe('relevance');
    expect(response.total).toBe(run('q=choir').total);
  });

  it('a real postcode outside London is reported as outside the areas we cover', () => {
    expect(run('location=M1%201AA').problems[0]?.message).toMatch(/^That postcode is outside the areas we cover/);
  });

  it("the browser's position finds the district it is in", () => {
    const response = run('lat=51.6&lng=-0.07');
    expect(response.place).toMatchObject({ kind: 'coordinates', label: 'your location', areas: ['haringey'] });
  });

  it('a browser position far from London is reported as outside the areas we cover', () => {
    expect(run('lat=53.48&lng=-2.24').problems[0]).toMatchObject({ param: 'lat' });
  });

  it('every venue result lies within the chosen radius', () => {
    for (const radius of [1, 2, 5]) {
      const response = run(`location=E1&radius=${radius}&page=1`);
      for (const result of response.results.filter((r) => r.reach === 'nearby')) {
        expect(result.distance!.metres).toBeLessThanOrEqual(radius * 1609.344);
      }
    }
    expect(run('location=E1&radius=1').total).toBeLessThan(run('location=E1&radius=5').total);
  });

  it('distances are measured to the nearest public venue', () => {
    const response = run('location=N17&radius=5');
    for (const result of response.results.filter((r) => r.reach === 'nearby')) {
      const venues = factsOf(result.id).venues.filter((v) => !v.confidential);
      const nearest = Math.min(...venues.map((v) => haversineMetres(51.599, -0.068, v.lat, v.lng)));
      expect(Math.abs(result.distance!.metres - nearest)).toBeLessThan(1);
      expect(result.venue?.postcode).toBeDefined();
    }
  });

  it('phone, online and borough-wide services covering the area appear beside venues, labelled', () => {
    const response = run('location=N17&radius=1');
    const reach = new Map(
      Array.from({ length: response.pageCount }, (_, i) => run(`location=N17&radius=1&page=${i + 1}`).results)
        .flat()
        .map((r) => [r.id, r.reach]),
    );
    const expected = listed.filter(([, f]) => f.areas.includes('haringey') && !f.coverage.includes('venue'));
    expect(expected.length).toBeGreaterThan(0);
    for (const [id, f] of expected) {
      const label = f.coverage.includes('borough-wide')
        ? 'covers your area'
        : f.coverage.includes('phone')
          ? 'by phone'
          : 'online';
      expect([f.name, reach.get(id)]).toEqual([f.name, label]);
    }
  });

  it('phone services for other areas are not shown for a place outside them', () => {
    const response = run('location=N17&radius=1&remote=phone');
    for (const result of response.results) expect(result.areas.map((a) => a.slug)).toContain('haringey');
  });

  it('a service whose only venue is confidential appears through its area, with no distance or venue', () => {
    const hidden = listed.filter(([, f]) => f.venues.length > 0 && f.venues.every((v) => v.confidential));
    expect(hidden.length).toBeGreaterThan(0);
    for (const [id, f] of hidden) {
      const area = f.areas[0]!;
      const results = run(`location=${area}&radius=20&q=${encodeURIComponent(f.name)}`).results;
      const result = results.find((r) => r.id === id);
      expect(result).toMatchObject({ reach: 'covers your area' });
      expect(result?.distance).toBeUndefined();
      expect(result?.venue).toBeUndefined();
    }
  });

  it('no confidential name, address, postcode or position reaches the index or its saved form', () => {
    const secret = listed.flatMap(([, f]) => f.venues.filter((v) => v.confidential));
    expect(secret.length).toBeGreaterThan(0);
    const strings: string[] = [];
    const points: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const { lat, lng } = value as { lat?: unknown; lng?: unknown };
        if (typeof lat === 'number' && typeof lng === 'number') points.push(`${lat},${lng}`);
        Object.values(value).forEach(walk);
      }
    };
    walk(JSON.parse(JSON.stringify(engine.serialise())));
    walk(sampleData);
    for (const venue of secret) {
      expect(points).not.toContain(`${venue.lat},${venue.lng}`);
      for (const text of [venue.postcode, venue.name, venue.line1]) {
        expect(strings.filter((s) => s.includes(text))).toEqual([]);
      }
    }
  });

  it('best match with a place keeps the place filter and orders by the blended score, highest first', () => {
    const response = run('location=N17&q=carers');
    expect(response.params.sort).toBe('relevance');
    const scores = response.results.map((r) => r.score);
    expect(scores.length).toBeGreaterThan(1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((score) => score > 0 && score <= 1)).toBe(true);
  });

  it('sort=distance orders the same results nearest first, services that come to you as a mile away', () => {
    const blended = run('location=N17&q=carers');
    const nearest = run('location=N17&q=carers&sort=distance');
    expect(nearest.total).toBe(blended.total);
    const metres = nearest.results.map((r) => r.distance?.metres ?? 1609.344);
    expect(metres).toEqual([...metres].sort((a, b) => a - b));
    expect(nearest.results.map((r) => r.id).sort()).toEqual(blended.results.map((r) => r.id).sort());
  });
});

describe('distances in words', () => {
  it.each([
    [100, 'about a 5-minute walk'],
    [400, 'about a 5-minute walk'],
    [900, 'about a 10-minute walk'],
    [990, 'about a 10-minute walk'],
    [1609.344, '1 mile'],
    [2253, '1.4 miles'],
    [15_500, '9.6 miles'],
    [20_000, '12 miles'],
  ])('%d metres reads "%s"', (metres, text) => {
    expect(describeDistance(metres)).toBe(text);
  });
});

/** The fixture dataset plus services built for one test. */
async function fixtureEngine(extra: StoredDocument[] = []) {
  const documents = await createEmbeddedSource([...fixtureDataset(), ...extra]).fetch(searchDocumentsQuery);
  return createSearchEngine(documents);
}

describe('ranking rules', () => {
  const twin = (id: string, verifiedOn: string, status = 'active') =>
    buildService({
      _id: id,
      name: 'Riverside Knitting Circle',
      slug: { _type: 'slug', current: `riverside-knitting-circle-${id.slice(-1)}` },
      tags: ['knitting'],
      verifiedOn,
      status,
      ...(status === 'temporarily-closed' ? { statusNote: 'Closed until March' } : {}),
    });

  it('a listing past its review date ranks below a verified one with the same text', async () => {
    const stale = '66666666-6666-4666-8666-666666666661';
    const fresh = '66666666-6666-4666-8666-666666666662';
    const search = await fixtureEngine([twin(stale, '2025-10-01'), twin(fresh, '2026-09-01')]);
    const results = search.search(searchParams({ q: 'knitting' }), NOW).results;
    expect(results.map((r) => [r.id, r.stale])).toEqual([
      [fresh, false],
      [stale, true],
    ]);
  });

  it('a stale listing sorts after a verified one at the same venue when sorting by distance', async () => {
    const stale = '66666666-6666-4666-8666-666666666661';
    const fresh = '66666666-6666-4666-8666-666666666662';
    const search = await fixtureEngine([twin(stale, '2025-10-01'), twin(fresh, '2026-09-01')]);
    const results = search.search(searchParams({ q: 'knitting', location: 'N17' }), NOW).results;
    expect(results.map((r) => r.id)).toEqual([fresh, stale]);
  });

  it('a temporarily closed listing ranks below an open one with the same text', async () => {
    const closed = '66666666-6666-4666-8666-666666666661';
    const open = '66666666-6666-4666-8666-666666666662';
    const search = await fixtureEngine([twin(closed, '2026-09-01', 'temporarily-closed'), twin(open, '2026-09-01')]);
    expect(search.search(searchParams({ q: 'knitting' }), NOW).results.map((r) => r.id)).toEqual([open, closed]);
  });

  // Venues due north of the N17 district centre (51.599, -0.068), `miles` away.
  const milesNorth = (id: string, miles: number, area: string = ids.haringey): StoredDocument => ({
    _id: id,
    _type: 'location',
    _createdAt: '2026-01-05T09:00:00Z',
    _updatedAt: '2026-10-01T09:00:00Z',
    _rev: 'fixture',
    name: `Hall ${miles} miles north`,
    organisation: { _type: 'reference', _ref: ids.parkRunners },
    area: { _type: 'reference', _ref: area },
    address: { line1: `${miles} North Road`, city: 'London', postcode: 'N17 6NU' },
    position: { _type: 'geopoint', lat: 51.599 + (miles * 1609.344) / 111_195, lng: -0.068 },
    confidential: false,
  });
  const hallFar = '77777777-7777-4777-8777-777777777771';
  const hallNear = '77777777-7777-4777-8777-777777777772';
  const strongId = '66666666-6666-4666-8666-666666666671';
  const weakId = '66666666-6666-4666-8666-666666666672';
  /** A knitting group (name, tags, summary) 1.5 miles off, and a café tagged knitting 0.2 miles off. */
  const strongAndWeak = (strong: Partial<StoredDocument> = {}) => [
    milesNorth(hallFar, 1.5),
    milesNorth(hallNear, 0.2),
    buildService({
      _id: strongId,
      name: 'Knitting Circle',
      summary: 'Knitting and crochet for all, with wool to borrow.',
      tags: ['knitting', 'crochet'],
      locations: [{ _type: 'reference', _ref: hallFar, _key: 'l1' }],
      ...strong,
    }),
    buildService({
      _id: weakId,
      name: 'Corner Café',
      summary: 'Tea, cake and crafts.',
      tags: ['knitting', 'tea'],
      locations: [{ _type: 'reference', _ref: hallNear, _key: 'l1' }],
    }),
  ];

  it('a strong match 1.5 miles away ranks above a weak one 0.2 miles away', async () => {
    const search = await fixtureEngine(strongAndWeak());
    const words = search.search(searchParams({ q: 'knitting' }), NOW).results;
    expect(words.map((r) => r.id)).toEqual([strongId, weakId]);
    const near = search.search(searchParams({ q: 'knitting', location: 'N17' }), NOW).results;
    expect(near.map((r) => [r.id, r.distance?.text])).toEqual([
      [strongId, 'about 1.5 miles from the middle of N17'],
      [weakId, 'less than a mile from the middle of N17'],
    ]);
    // score = text share x 1 / (1 + miles): the strong one is 1 / 2.5, the weak one its share / 1.2.
    expect(near[0]!.score).toBeCloseTo(1 / 2.5, 2);
    expect(near[1]!.score).toBeCloseTo(words[1]!.score / 1.2, 2);
  });

  it('sort=distance is pure distance: the weak match next door comes first', async () => {
    const search = await fixtureEngine(strongAndWeak());
    const results = search.search(searchParams({ q: 'knitting', location: 'N17', sort: 'distance' }), NOW).results;
    expect(results.map((r) => r.id)).toEqual([weakId, strongId]);
  });

  it('a stale listing drops below an equally good checked one with a place, and stays first by distance', async () => {
    const stale = '66666666-6666-4666-8666-666666666661';
    const fresh = '66666666-6666-4666-8666-666666666662';
    const search = await fixtureEngine([
      milesNorth(hallFar, 1.5),
      milesNorth(hallNear, 0.2),
      { ...twin(stale, '2025-10-01'), locations: [{ _type: 'reference', _ref: hallNear, _key: 'l1' }] },
      { ...twin(fresh, '2026-09-01'), locations: [{ _type: 'reference', _ref: hallFar, _key: 'l1' }] },
    ]);
    const blended = search.search(searchParams({ q: 'knitting', location: 'N17' }), NOW).results;
    // The stale one is 0.6 / 1.2 = 0.5, the checked one 1 / 2.5 = 0.4: next door still wins at 1.5 miles...
    expect(blended.map((r) => r.id)).toEqual([stale, fresh]);
    expect(blended.map((r) => r.score)).toEqual([0.5, 0.4]);
    const byDistance = search.search(searchParams({ q: 'knitting', location: 'N17', sort: 'distance' }), NOW);
    expect(byDistance.results.map((r) => r.id)).toEqual([stale, fresh]);
  });

  it('a stale listing drops below an equally good checked one at the same distance', async () => {
    const stale = '66666666-6666-4666-8666-666666666661';
    const fresh = '66666666-6666-4666-8666-666666666662';
    const at = (id: string) => ({ locations: [{ _type: 'reference', _ref: hallNear, _key: 'l1' }], _id: id });
    const search = await fixtureEngine([
      milesNorth(hallNear, 0.2),
      { ...twin(stale, '2025-10-01'), ...at(stale) },
      { ...twin(fresh, '2026-09-01'), ...at(fresh) },
    ]);
    const results = search.search(searchParams({ q: 'knitting', location: 'N17' }), NOW).results;
    expect(results.map((r) => [r.id, r.stale])).toEqual([
      [fresh, false],
      [stale, true],
    ]);
    expect(results[1]!.score).toBeCloseTo(results[0]!.score * 0.6, 2);
  });

  it('a phone service covering the area counts as a mile away', async () => {
    const phone = '66666666-6666-4666-8666-666666666673';
    const near = '66666666-6666-4666-8666-666666666674';
    const far = '66666666-6666-4666-8666-666666666675';
    const circle = (id: string, more: Partial<StoredDocument>) =>
      buildService({
        _id: id,
        name: 'Knitting Circle',
        slug: { _type: 'slug', current: `knitting-circle-${id.slice(-1)}` },
        tags: ['knitting'],
        ...more,
      });
    const search = await fixtureEngine([
      milesNorth(hallFar, 1.5),
      milesNorth(hallNear, 0.2),
      circle(near, { locations: [{ _type: 'reference', _ref: hallNear, _key: 'l1' }] }),
      circle(phone, { locations: [], coverage: ['phone'] }),
      circle(far, { locations: [{ _type: 'reference', _ref: hallFar, _key: 'l1' }] }),
    ]);
    const results = search.search(searchParams({ q: 'knitting', location: 'N17' }), NOW).results;
    expect(results.map((r) => [r.id, r.reach, r.score])).toEqual([
      [near, 'nearby', 0.833],
      [phone, 'by phone', 0.5],
      [far, 'nearby', 0.4],
    ]);
  });

  it('searching a named area counts its own venues as in the place, before a nearer neighbour', async () => {
    // Both halls north of N17; the far one is filed under Haringey, the near one under Newham.
    const inArea = '66666666-6666-4666-8666-666666666674';
    const outside = '66666666-6666-4666-8666-666666666675';
    const knitting = (id: string, hall: string, area: string) =>
      buildService({
        _id: id,
        name: 'Knitting Circle',
        slug: { _type: 'slug', current: `knitting-circle-${id.slice(-1)}` },
        tags: ['knitting'],
        areas: [{ _type: 'reference', _ref: area, _key: 'a1' }],
        locations: [{ _type: 'reference', _ref: hall, _key: 'l1' }],
      });
    const search = await fixtureEngine([
      milesNorth(hallFar, 1.5),
      milesNorth(hallNear, 0.2, ids.newham),
      knitting(inArea, hallFar, ids.haringey),
      knitting(outside, hallNear, ids.newham),
    ]);
    const byArea = search.search(searchParams({ q: 'knitting', location: 'Haringey' }), NOW).results;
    expect(byArea.map((r) => r.id)).toEqual([inArea, outside]);
    const byDistrict = search.search(searchParams({ q: 'knitting', location: 'N17' }), NOW).results;
    expect(byDistrict.map((r) => r.id)).toEqual([outside, inArea]);
  });

  it('"choir" in Hackney puts a Hackney choir before a nearer one in Islington', async () => {
    // The sample's Hackney choir is in Stoke Newington; add one at a Shoreditch venue, 2.1 miles
    // from the area's centre, further than Angel Voices in Islington (1.6 miles).
    const docs = sampleDocuments() as Record<string, any>[];
    const bySlug = (type: string, slug: string) => docs.find((d) => d._type === type && d.slug?.current === slug)!;
    const host = bySlug('service', 'work-ready-shoreditch');
    const hackneyChoir = buildService({
      _id: '88888888-8888-4888-8888-888888888881',
      name: 'Shoreditch Community Choir',
      tags: ['choir', 'singing', 'music'],
      organisation: host.organisation,
      categories: [
        { _type: 'reference', _ref: bySlug('category', 'music')._id, _key: 'c1' },
        { _type: 'reference', _ref: bySlug('category', 'choirs-and-singing')._id, _key: 'c2' },
      ],
      areas: host.areas,
      locations: host.locations,
    });
    const search = createSearchEngine(
      await createEmbeddedSource([...sampleDocuments(), hackneyChoir]).fetch(searchDocumentsQuery),
    );
    const results = search.search(paramsOf('q=choir&location=Hackney'), NOW).results;
    expect(results[0]).toMatchObject({ areas: [{ slug: 'city-and-hackney' }] });
    const shoreditch = results.findIndex((r) => r.name === 'Shoreditch Community Choir');
    const angel = results.findIndex((r) => r.slug === 'angel-voices');
    expect(shoreditch).toBeGreaterThanOrEqual(0);
    expect(shoreditch).toBeLessThan(angel);
    expect(results[shoreditch]!.distance!.metres).toBeGreaterThan(results[angel]!.distance!.metres);
  });

  it('venues sort nearest first', async () => {
    const search = await fixtureEngine();
    const results = search.search(searchParams({ location: 'N17', radius: 20 }), NOW).results;
    const nearby = results.filter((r) => r.reach === 'nearby').map((r) => r.distance!.metres);
    expect(nearby.length).toBeGreaterThan(1);
    expect(nearby).toEqual([...nearby].sort((a, b) => a - b));
  });

  it('the fixture phone helpline reaches Newham, not Haringey', async () => {
    const search = await fixtureEngine();
    const newham = search.search(searchParams({ location: 'E13' }), NOW).results;
    expect(newham.find((r) => r.id === ids.debtHelpline)?.reach).toBe('by phone');
    const haringey = search.search(searchParams({ location: 'N17' }), NOW).results;
    expect(haringey.find((r) => r.id === ids.debtHelpline)).toBeUndefined();
  });
});

describe('the text index', () => {
  const queries = [
    'soccer',
    'lonely',
    'knitting tea',
    'debt',
    'gardning',
    'garde',
    'mosque',
    'carers haringey',
    'choir',
  ];

  it('the fast scorer gives exactly the scores of lunr Index#query', () => {
    const reference = createSearchEngine(sampleData, { scorer: 'lunr', cacheSize: 0 });
    for (const q of queries) {
      const fast = engine.search(searchParams({ q }), NOW);
      const slow = reference.search(searchParams({ q }), NOW);
      expect(fast.total).toBe(slow.total);
      const byScore = (r: SearchResponse) => r.results.map((x) => `${x.score} ${x.id}`).sort();
      expect(byScore(fast)).toEqual(byScore(slow));
    }
  });

  it('exports a lunr index that lunr itself loads and queries', () => {
    const loaded = lunr.Index.load(JSON.parse(JSON.stringify(engine.lunrIndex().toJSON())));
    const results = loaded.query((query) => {
      query.term('knit', { usePipeline: false });
    });
    const knittingIds = new Set(
      listed.filter(([, f]) => f.categories.includes('knitting-and-sewing')).map(([id]) => id),
    );
    expect(results.length).toBeGreaterThan(0);
    const refs = results.map((r) => sampleData.services[Number(r.ref)]!._id);
    expect(refs.some((id) => knittingIds.has(id))).toBe(true);
  });

  it('a saved engine loads to give the same results as the one it was saved from', () => {
    const loaded = loadSearchEngine(JSON.parse(JSON.stringify(engine.serialise())));
    expect(loaded.fingerprint).toBe(engine.fingerprint);
    for (const query of ['q=lonely', 'location=N17&q=carers', 'free=1&day=tuesday', 'q=gardning&area=haringey']) {
      expect(run(query, loaded)).toEqual(run(query, engine));
    }
  });

  it('refuses a saved engine from another version', () => {
    expect(() => loadSearchEngine({ ...engine.serialise(), version: -1 })).toThrow(/another version/);
  });

  it('equal content gives an equal fingerprint, and any change a new one', async () => {
    const again = createSearchEngine(await createEmbeddedSource(sampleDocuments()).fetch(searchDocumentsQuery));
    expect(again.fingerprint).toBe(engine.fingerprint);
    const changed = structuredClone(sampleData);
    changed.services[0]!.summary += ' Now with biscuits.';
    expect(createSearchEngine(changed).fingerprint).not.toBe(engine.fingerprint);
  });
});

describe('the persisted index', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'signpost-search-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  function counting(source: ContentSource, dir: string) {
    const counter = { builds: 0 };
    const index = createSearchIndex({
      source: () => source,
      directory: dir,
      pollIntervalMs: 0,
      build: (documents, fingerprint) => {
        counter.builds += 1;
        return createSearchEngine(documents, { fingerprint });
      },
    });
    return { index, counter };
  }

  it('builds once at first start and saves one file named by the content fingerprint', async () => {
    const dir = join(directory, 'first');
    const { index, counter } = counting(createEmbeddedSource(fixtureDataset()), dir);
    const ready = await index.ready();
    expect(counter.builds).toBe(1);
    expect(await readdir(dir)).toEqual([`index-${ready.fingerprint}.json`]);
  });

  it('the first searches all wait for the same engine', async () => {
    const { index, counter } = counting(createEmbeddedSource(fixtureDataset()), join(directory, 'waiting'));
    const engines = await Promise.all([index.ready(), index.ready(), index.ready()]);
    expect(new Set(engines).size).toBe(1);
    expect(counter.builds).toBe(1);
  });

  it('a restart with unchanged content loads the saved index instead of rebuilding', async () => {
    const dir = join(directory, 'restart');
    const before = counting(createEmbeddedSource(fixtureDataset()), dir);
    const original = await before.index.ready();
    const after = counting(createEmbeddedSource(fixtureDataset()), dir);
    expect(await after.index.refresh()).toBe('loaded');
    expect(after.counter.builds).toBe(0);
    expect(after.index.current()?.fingerprint).toBe(original.fingerprint);
    expect(after.index.current()?.search(searchParams({ q: 'walking' }), NOW).total).toBe(
      original.search(searchParams({ q: 'walking' }), NOW).total,
    );
  });

  it('a damaged saved index is rebuilt rather than trusted', async () => {
    const dir = join(directory, 'damaged');
    const first = counting(createEmbeddedSource(fixtureDataset()), dir);
    const original = await first.index.ready();
    await writeFile(join(dir, `index-${original.fingerprint}.json`), '{"format":"signpost-search"');
    const second = counting(createEmbeddedSource(fixtureDataset()), dir);
    expect(await second.index.refresh()).toBe('built');
    expect(second.counter.builds).toBe(1);
  });

  it('a content change rebuilds and swaps engines at once, old searches keeping the old engine until then', async () => {
    const dir = join(directory, 'change');
    const source = createEmbeddedSource(fixtureDataset());
    const { index, counter } = counting(source, dir);
    const old = await index.ready();
    expect(old.search(searchParams({ q: 'bowling' }), NOW).total).toBe(0);

    source.replaceDocuments([
      ...fixtureDataset(),
      buildService({ _id: '77777777-7777-4777-8777-777777777771', name: 'Lordship Bowling Club' }),
    ]);
    // The search that notices the change is answered by the old engine; the rebuild runs behind it.
    expect(await index.ready()).toBe(old);
    expect(await index.refresh()).toBe('unchanged');
    const next = await index.ready();
    expect(next).not.toBe(old);
    expect(counter.builds).toBe(2);
    expect(next.search(searchParams({ q: 'bowling' }), NOW).total).toBe(1);
    expect(old.search(searchParams({ q: 'bowling' }), NOW).total).toBe(0);
    expect(await readdir(dir)).toEqual([`index-${next.fingerprint}.json`]);
  });

  it('refreshing unchanged content neither builds nor writes', async () => {
    const dir = join(directory, 'unchanged');
    const { index, counter } = counting(createEmbeddedSource(fixtureDataset()), dir);
    const ready = await index.ready();
    const saved = await readFile(join(dir, `index-${ready.fingerprint}.json`), 'utf8');
    expect(await index.refresh()).toBe('unchanged');
    expect(counter.builds).toBe(1);
    expect(await readFile(join(dir, `index-${ready.fingerprint}.json`), 'utf8')).toBe(saved);
  });

  it('when content cannot be read at start, the last saved index is served', async () => {
    const dir = join(directory, 'fallback');
    await counting(createEmbeddedSource(fixtureDataset()), dir).index.ready();
    const down: ContentSource = {
      kind: 'hosted',
      fetch: () => Promise.reject(new Error('Content Lake unavailable')),
    };
    const { index, counter } = counting(down, dir);
    expect(await index.refresh()).toBe('fallback');
    expect(counter.builds).toBe(0);
    expect(index.current()?.search(searchParams({ q: 'walking' }), NOW).total).toBeGreaterThan(0);
  });

  it('with no content and nothing saved, the first search fails and the next one tries again', async () => {
    let calls = 0;
    const flaky: ContentSource = {
      kind: 'hosted',
      fetch: ((query: string) => {
        calls += 1;
        return calls === 1
          ? Promise.reject(new Error('Content Lake unavailable'))
          : createEmbeddedSource(fixtureDataset()).fetch(query as typeof searchDocumentsQuery);
      }) as ContentSource['fetch'],
    };
    const { index } = counting(flaky, join(directory, 'flaky'));
    await expect(index.ready()).rejects.toThrow('Content Lake unavailable');
    await expect(index.ready()).resolves.toBeDefined();
  });
});
