import { beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedSource } from '../../src/content/embedded';
import { searchDocumentsQuery } from '../../src/queries/index';
import { createSearchEngine, type SearchEngine } from '../../src/search/engine';
import { createLexicon, interpretQuery, type Interpreted } from '../../src/search/interpret';
import {
  defaultSort,
  parseSearchParams,
  searchParams,
  toSearchParams,
  type SearchParams,
} from '../../src/search/params';
import type { ResolvePlace } from '../../src/search/interpret';
import type { Place } from '../../src/search/place';
import words from '../../src/search/search-words.json' with { type: 'json' };
import { sampleDocuments } from '../support/sample';

/** A Thursday afternoon in London (GMT). */
const THURSDAY = new Date('2026-11-05T14:00:00Z');

/** A stand-in gazetteer: the places it knows, so tests do not depend on the real one's size. */
const known = new Map([
  ['hackney', 'Hackney'],
  ['haringey', 'Haringey'],
  ['tottenham', 'Tottenham'],
  ['bow', 'Bow'],
  ['wood green', 'Wood Green'],
  ['bank', 'Bank'],
]);
const resolvePlace: ResolvePlace = ({ location }) => {
  if (location === undefined) return undefined;
  const label = known.get(location.toLowerCase()) ?? (/^n17$/i.test(location) ? 'N17' : undefined);
  return label
    ? { ok: true, place: { kind: 'area', label, lat: 51.5, lng: -0.1, areas: [], precise: false } satisfies Place }
    : { ok: false, param: 'location', message: 'We could not find that place', suggestions: [] };
};
const lexicon = createLexicon({
  languages: [
    { slug: 'english', name: 'English' },
    { slug: 'turkish', name: 'Turkish' },
    { slug: 'bengali', name: 'Bengali' },
    { slug: 'polish', name: 'Polish' },
    { slug: 'british-sign-language', name: 'British Sign Language' },
  ],
  resolvePlace,
});

function params(query: string): SearchParams {
  const parsed = parseSearchParams(query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.params;
}

function read(q: string, extra = '', now = THURSDAY): Interpreted {
  return interpretQuery(params(`q=${encodeURIComponent(q)}${extra ? `&${extra}` : ''}`), { lexicon, now });
}

/** The search to run, as a query string: one line says everything that was understood. */
const runAs = (q: string, extra = '', now = THURSDAY) => toSearchParams(read(q, extra, now).params).toString();
const labels = (q: string, extra = '') => read(q, extra).understood.map((reading) => reading.label);

describe('reading days and times', () => {
  it('reads a day and drops the filler around it', () => {
    expect(runAs('something to do on sunday')).toBe('day=sunday');
    expect(labels('something to do on sunday')).toEqual(['Sunday']);
  });

  it('reads plural days, the weekend and weekdays', () => {
    expect(runAs('sundays')).toBe('day=sunday');
    expect(runAs('this weekend')).toBe('day=saturday&day=sunday');
    expect(runAs('walks at weekends')).toBe('q=walks&day=saturday&day=sunday');
    expect(runAs('weekdays')).toBe('day=monday&day=tuesday&day=wednesday&day=thursday&day=friday');
  });

  it('reads parts of the day', () => {
    expect(runAs('mornings')).toBe('time=morning');
    expect(runAs('yoga in the afternoon')).toBe('q=yoga&time=afternoon');
    expect(runAs('choir evenings')).toBe('q=choir&time=evening');
  });

  it('reads open now, today, tonight and this week as the when filter', () => {
    expect(runAs('open now')).toBe('when=now');
    expect(runAs('today')).toBe('when=today');
    expect(runAs('tonight')).toBe('time=evening&when=today');
    expect(runAs('things to do this week')).toBe('when=week');
  });

  it('reads tomorrow as the next London weekday', () => {
    expect(runAs('tomorrow')).toBe('day=friday');
    // 23:30 on Sunday in London (BST ended): tomorrow is Monday, whatever the UTC date says.
    expect(runAs('tomorrow', '', new Date('2026-11-08T23:30:00Z'))).toBe('day=monday');
  });

  it('keeps the rest of the words: "sunday lunch club" is the lunch club on Sundays', () => {
    expect(runAs('sunday lunch club')).toBe('q=lunch+club&day=sunday');
  });

  it('does not read a coffee morning as the morning filter', () => {
    expect(runAs('coffee morning')).toBe('q=coffee+morning');
    expect(read('coffee morning').understood).toEqual([]);
  });
});

describe('reading languages', () => {
  it('reads a language the content offers, with its little words', () => {
    expect(runAs('turkish')).toBe('language=turkish');
    expect(runAs('in Bengali')).toBe('language=bengali');
    expect(runAs('groups in polish')).toBe('language=polish');
    expect(read('groups in polish').understood[0]?.phrase).toBe('in polish');
  });

  it('reads several words and other names of a language', () => {
    expect(runAs('british sign language')).toBe('language=british-sign-language');
    expect(runAs('bsl choir')).toBe('q=choir&language=british-sign-language');
  });

  it('leaves English as words: every listing is in English, and "english classes" means ESOL', () => {
    expect(runAs('english classes')).toBe('q=english+classes');
  });

  it('leaves a language no listing offers as words', () => {
    expect(runAs('welsh')).toBe('q=welsh');
  });
});

describe('reading who it is for and access', () => {
  it.each([
    ['over 50s', 'older-people'],
    ['over-50s lunch', 'older-people'],
    ['older people', 'older-people'],
    ['women only', 'women'],
    ['for women', 'women'],
    ['young people', 'young-people'],
    ['teenagers', 'young-people'],
    ['for carers', 'carers'],
    ['families', 'families'],
    ['men', 'men'],
  ])('reads "%s" as the %s audience', (q, audience) => {
    expect(read(q).params.audience).toEqual([audience]);
  });

  it('keeps "young carers" as words: a group for young carers, not everything for young people or carers', () => {
    expect(read('young carers').params.audience).toEqual([]);
    expect(read('young carers').params.q).toBe('young carers');
  });

  it('does not read "young at heart" as young people', () => {
    expect(runAs('young at heart')).toBe('q=young+at+heart');
  });

  it("does not read a men's shed as the men filter", () => {
    expect(runAs("men's shed")).toBe('q=men%27s+shed');
  });

  it('reads wheelchair, step-free and accessible as the step-free filter, and free as free', () => {
    expect(runAs('wheelchair accessible pottery')).toBe('q=pottery&accessible=1');
    expect(runAs('step-free')).toBe('accessible=1');
    expect(runAs('accessible')).toBe('accessible=1');
    expect(runAs('free yoga')).toBe('q=yoga&free=1');
  });

  it('reads "step free" as access, not as free', () => {
    expect(read('step free').params.free).toBe(false);
  });
});

describe('reading places', () => {
  it('reads a place after in, near or around', () => {
    expect(runAs('choir in hackney')).toBe('q=choir&location=hackney');
    expect(runAs('near Tottenham')).toBe('location=Tottenham');
    expect(labels('near Tottenham')).toEqual(['near Tottenham']);
    // The little word goes with the place, so removing it leaves nothing behind.
    expect(read('football near Tottenham').understood[0]?.phrase).toBe('near Tottenham');
    expect(toSearchParams(read('football near Tottenham').understood[0]!.without).toString()).toBe('q=football');
    expect(runAs('walks around bow')).toBe('q=walks&location=bow');
  });

  it('reads a place at the end of the words', () => {
    expect(runAs('football haringey')).toBe('q=football&location=haringey');
    expect(runAs('football haringey on sunday')).toBe('q=football&location=haringey&day=sunday');
  });

  it('tries the longest run of words first', () => {
    expect(runAs('art in wood green')).toBe('q=art&location=wood+green');
    expect(runAs('art wood green')).toBe('q=art&location=wood+green');
  });

  it('reads a postcode district in the words', () => {
    expect(runAs('football near n17')).toBe('q=football&location=N17');
  });

  it('does not read bowls as the place Bow', () => {
    expect(runAs('bowls')).toBe('q=bowls');
    expect(runAs('bowls in bow')).toBe('q=bowls&location=bow');
  });

  it('leaves the place as words when the search already has one', () => {
    expect(runAs('choir in hackney', 'location=N17')).toBe('q=choir+in+hackney&location=N17');
    expect(read('choir in hackney', 'lat=51.5&lng=-0.1').params.location).toBeUndefined();
  });

  it('a sort left at its default follows the default for a search with a place', () => {
    expect(read('choir in hackney').params.sort).toBe(defaultSort({ location: 'hackney' }));
    expect(read('choir in hackney', 'sort=distance').params.sort).toBe('distance');
  });

  it('does not read the bank of a food bank as the place Bank', () => {
    expect(runAs('food bank')).toBe('q=food+bank');
    expect(runAs('food bank near bank')).toBe('q=food+bank&location=bank');
  });

  it("asks a resolver's cheap knows() first and reads only what it knows", () => {
    const asked: string[] = [];
    const resolve: ResolvePlace = Object.assign(
      (query: { location?: string | undefined }) => {
        asked.push(query.location ?? '');
        return resolvePlace(query);
      },
      { knows: (text: string) => known.has(text.toLowerCase()) },
    );
    const quick = createLexicon({ languages: [], resolvePlace: resolve });
    const result = interpretQuery(params('q=choir+singing+in+hackney'), { lexicon: quick, now: THURSDAY });
    expect(result.params.location).toBe('hackney');
    expect(asked).toEqual(['hackney']);
  });

  it('leaves words that are no known place', () => {
    expect(runAs('gardening in paradise')).toBe('q=gardening+in+paradise');
  });
});

describe('asking for somewhere near', () => {
  it('says when the words ask for somewhere near but the search has no place', () => {
    expect(read('football near me').wantsPlace).toBe(true);
    expect(read('something nearby on sunday').wantsPlace).toBe(true);
    expect(read('choir near where I live').wantsPlace).toBe(true);
    expect(runAs('football near me')).toBe('q=football+near+me');
  });

  it('does not when there is a place, in the search or in the words', () => {
    expect(read('football near me', 'location=N17').wantsPlace).toBe(false);
    expect(read('football nearby in hackney').wantsPlace).toBe(false);
    expect(read('football').wantsPlace).toBe(false);
  });
});

describe('combinations and removal', () => {
  it('reads several things at once, in the order typed', () => {
    const result = read('turkish groups near Tottenham on sundays');
    expect(toSearchParams(result.params).toString()).toBe('location=Tottenham&day=sunday&language=turkish');
    expect(result.understood.map((reading) => reading.label)).toEqual(['Turkish', 'near Tottenham', 'Sunday']);
  });

  it('gives each reading the search without it: its words taken out, the others still to read', () => {
    const result = read('choir in hackney on sunday', 'free=1&page=3');
    const [place, day] = result.understood;
    expect(toSearchParams(place!.without).toString()).toBe('q=choir+on+sunday&free=1');
    expect(toSearchParams(day!.without).toString()).toBe('q=choir+in+hackney&free=1');
    // The search without the day, read again, still finds the place but not the day.
    const again = interpretQuery(day!.without, { lexicon, now: THURSDAY });
    expect(again.understood.map((reading) => reading.label)).toEqual(['near Hackney']);
  });

  it('adds to filters already chosen and does not show one the search already had', () => {
    expect(runAs('walks on sunday', 'day=saturday')).toBe('q=walks&day=saturday&day=sunday');
    const ticked = read('walks on sunday', 'day=sunday');
    expect(ticked.understood).toEqual([]);
    expect(ticked.params.q).toBe('walks');
  });

  it('keeps explicit choices a reading would change', () => {
    expect(runAs('open now', 'when=week')).toBe('when=week');
  });

  it('searches the words as typed when nothing is understood, filler included', () => {
    const asked = params('q=walking+group+for+me');
    expect(interpretQuery(asked, { lexicon, now: THURSDAY })).toEqual({
      params: asked,
      understood: [],
      wantsPlace: false,
    });
    expect(interpretQuery(searchParams(), { lexicon, now: THURSDAY }).understood).toEqual([]);
  });

  it('shows everything for words that are all filler', () => {
    expect(read('things to do near me')).toEqual({ params: params(''), understood: [], wantsPlace: true });
  });

  it('never throws, whatever the words', () => {
    for (const q of ['+++', ':~^*', 'in', 'near', 'on on on on', '50+', "'", 'in in hackney', 'x'.repeat(200)]) {
      expect(() => read(q)).not.toThrow();
    }
  });
});

describe('the word lists', () => {
  it('never give one phrase two meanings', () => {
    const lists = [
      words.protected,
      words.weekend,
      words.weekdays,
      words.tomorrow,
      ...Object.values(words.times),
      ...Object.values(words.when),
      ...Object.values(words.audiences).map((audience) => audience.words),
      words.stepFree,
      words.free,
    ];
    const seen = new Map<string, number>();
    lists.forEach((list, i) => {
      for (const phrase of list) {
        expect(seen.get(phrase), phrase).toBeUndefined();
        seen.set(phrase, i);
      }
    });
  });

  it('every listed phrase is read as its list says', () => {
    for (const phrase of words.protected) expect(read(phrase).understood, phrase).toEqual([]);
    for (const phrase of words.stepFree) expect(read(phrase).params.accessible, phrase).toBe(true);
    for (const [audience, { words: phrases }] of Object.entries(words.audiences)) {
      for (const phrase of phrases) expect(read(phrase).params.audience, phrase).toContain(audience);
    }
  });
});

describe('reading words over the sample directory', () => {
  let engine: SearchEngine;
  const NOW = new Date('2026-11-01T12:00:00Z');
  beforeAll(async () => {
    engine = createSearchEngine(await createEmbeddedSource(sampleDocuments()).fetch(searchDocumentsQuery));
  });
  const search = (q: string) => {
    const sample = createLexicon({ languages: engine.languages, resolvePlace: engine.resolvePlace });
    return engine.search(
      interpretQuery(params(`q=${encodeURIComponent(q)}`), { lexicon: sample, now: NOW }).params,
      NOW,
    );
  };

  it('finds every Sunday service for "something to do on sunday"', () => {
    const sunday = engine.search(params('day=sunday'), NOW);
    expect(sunday.total).toBe(11);
    expect(search('something to do on sunday').total).toBe(sunday.total);
  });

  it('finds the services that list a language', () => {
    const turkish = sampleDocuments().filter(
      (doc) => doc._type === 'service' && ((doc as { languages?: string[] }).languages ?? []).includes('Turkish'),
    );
    expect(turkish.length).toBeGreaterThan(10);
    expect(search('turkish').total).toBe(engine.search(params('language=turkish'), NOW).total);
    expect(search('turkish').total).toBeGreaterThan(10);
  });

  it('reads a borough of the content as the place', () => {
    const result = search('choir in hackney');
    expect(result.place?.label).toBe('Hackney');
    expect(result.params.q).toBe('choir');
  });
});
