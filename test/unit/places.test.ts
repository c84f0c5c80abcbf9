/**
 * The gazetteer of towns and neighbourhoods (src/geo/gazetteer.json), how `location` resolves
 * against it and the sample areas (src/search/place.ts), the `postcode` alias, and distances in
 * words that are only as precise as the place they are measured from.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedSource } from '../../src/content/embedded';
import { closestNames, editDistance, findPlace, gazetteer, placeKey } from '../../src/geo/gazetteer';
import { findOutcode } from '../../src/geo/outcodes';
import { searchDocumentsQuery } from '../../src/queries/index';
import type { SearchArea } from '../../src/queries/types';
import { createSearchEngine, type SearchEngine } from '../../src/search/engine';
import { parseSearchParams, toSearchParams, type SearchParams } from '../../src/search/params';
import {
  createPlaceResolver,
  describeDistance,
  haversineMetres,
  isPlaceName,
  METRES_PER_MILE,
  type Place,
  type PlaceResolver,
} from '../../src/search/place';
import { sampleDocuments } from '../support/sample';

const NOW = new Date('2026-11-01T10:00:00Z');
let areas: SearchArea[];
let resolve: PlaceResolver;
let engine: SearchEngine;

beforeAll(async () => {
  const data = await createEmbeddedSource(sampleDocuments()).fetch(searchDocumentsQuery);
  areas = data.areas;
  resolve = createPlaceResolver(areas);
  engine = createSearchEngine(data);
});

function paramsOf(query: string): SearchParams {
  const parsed = parseSearchParams(query);
  if (!parsed.ok) throw new Error(`invalid test query ${query}: ${JSON.stringify(parsed.errors)}`);
  return parsed.params;
}

function placeOf(location: string): Place {
  const result = resolve({ location });
  if (!result?.ok) throw new Error(`${location} did not resolve: ${JSON.stringify(result)}`);
  return result.place;
}

const coveredBoroughs = [
  'Barnet',
  'Enfield',
  'Haringey',
  'Camden',
  'Islington',
  'Hackney',
  'City of London',
  'Newham',
  'Tower Hamlets',
  'Luton',
  'Bedford',
  'Central Bedfordshire',
];

describe('the gazetteer', () => {
  it('names its source', async () => {
    const data = (await import('../../src/geo/gazetteer.json', { with: { type: 'json' } })).default;
    expect(data.source).toMatch(/ONS Index of Place Names/);
    expect(data.source).toMatch(/approximate/);
  });

  it.each(coveredBoroughs.filter((b) => b !== 'City of London'))('has at least ten places in %s', (borough) => {
    expect(gazetteer.filter((place) => place.borough === borough).length).toBeGreaterThanOrEqual(10);
  });

  it('puts every place in a postcode district we have, near that district’s centre', () => {
    for (const place of gazetteer) {
      const district = findOutcode(place.outcode);
      expect(district, place.name).toBeDefined();
      // Districts are a few kilometres across; rural ones in Bedfordshire up to about 10 km.
      expect(haversineMetres(place.lat, place.lng, district!.lat, district!.lng), place.name).toBeLessThan(10_000);
    }
  });

  it('never uses one name (or alias) for two places', () => {
    const keys = gazetteer.flatMap((place) => [place.name, ...(place.aliases ?? [])].map(placeKey));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds a place whatever the case, apostrophes or "Saint"', () => {
    expect(findPlace('stoke newington')?.outcode).toBe('N16');
    expect(findPlace('Kings Cross')?.name).toBe("King's Cross");
    expect(findPlace('Saint Luke’s')?.name).toBe("St Luke's");
    expect(findPlace('bromley by bow')?.name).toBe('Bromley-by-Bow');
    expect(findPlace('Chipping Barnet')?.name).toBe('High Barnet');
    expect(findPlace('Narnia')).toBeUndefined();
  });

  it('is the list the sample data takes its venues’ places from', () => {
    const venuePlaces = sampleDocuments()
      .filter((doc) => doc._type === 'location')
      .map((doc) => (doc as unknown as { address: { line2?: string } }).address.line2)
      .filter((line): line is string => line !== undefined);
    expect(venuePlaces.length).toBeGreaterThan(50);
    expect(venuePlaces.filter((name) => !findPlace(name))).toEqual([]);
  });
});

describe('resolving a place name', () => {
  it.each([
    ['Tottenham', 'N17', 'haringey'],
    ['Stratford', 'E15', 'newham'],
    ['Dalston', 'E8', 'city-and-hackney'],
    ['Stoke Newington', 'N16', 'city-and-hackney'],
    ['Camden Town', 'NW1', 'camden'],
    ['Bow', 'E3', 'tower-hamlets'],
    ['Dunstable', 'LU6', 'central-bedfordshire'],
    ['Leighton Buzzard', 'LU7', 'central-bedfordshire'],
    ['Kempston', 'MK42', 'bedford'],
    ['Biggleswade', 'SG18', 'central-bedfordshire'],
  ])('%s is a place in %s, in %s', (name, outcode, area) => {
    const place = placeOf(name);
    const entry = findPlace(name)!;
    expect(place).toEqual({
      kind: 'place',
      label: name,
      lat: entry.lat,
      lng: entry.lng,
      precise: false,
      outcode,
      areas: [area],
    });
  });

  it('Luton and Bedford name our own areas, which win over the town of the same name', () => {
    expect(placeOf('Luton')).toMatchObject({ kind: 'area', label: 'Luton', areas: ['luton'] });
    expect(placeOf('bedford')).toMatchObject({ kind: 'area', label: 'Bedford', areas: ['bedford'] });
    expect(placeOf('Central Bedfordshire')).toMatchObject({ kind: 'area', areas: ['central-bedfordshire'] });
  });

  it('a place is in its own borough’s area even when its district is mostly in another', () => {
    // Hoxton is in Hackney; its district N1 is mostly Islington.
    expect(placeOf('Hoxton')).toMatchObject({ outcode: 'N1', areas: ['city-and-hackney'] });
    // Stotfold is in Central Bedfordshire; its district SG5 is mostly Hitchin, in Hertfordshire.
    expect(placeOf('Stotfold').areas).toEqual(['central-bedfordshire']);
  });

  it('a neighbouring borough’s town resolves but is in none of our areas', () => {
    expect(placeOf('Walthamstow')).toMatchObject({ kind: 'place', outcode: 'E17', areas: [] });
  });

  it('postcodes in Bedfordshire and Luton resolve to their district and area', () => {
    expect(placeOf('LU1 3AB')).toMatchObject({ kind: 'postcode', label: 'LU1', areas: ['luton'], precise: false });
    expect(placeOf('MK42')).toMatchObject({ kind: 'outcode', areas: ['bedford'] });
    expect(placeOf('SG19')).toMatchObject({ kind: 'outcode', areas: ['central-bedfordshire'] });
  });

  it('a postcode outside every area we cover names the areas we do cover', () => {
    const result = resolve({ location: 'M1 1AA' });
    expect(result).toMatchObject({ ok: false, param: 'location', suggestions: [] });
    expect(result?.ok === false && result.message).toMatch(/North London, East London, and Bedfordshire and Luton/);
  });

  it('the browser’s position in a Bedfordshire town finds the town’s area', () => {
    const result = resolve({ lat: 52.129, lng: -0.218 }); // Potton
    expect(result).toMatchObject({ ok: true, place: { kind: 'coordinates', precise: true } });
    expect(result?.ok && result.place.areas).toEqual(['central-bedfordshire']);
  });

  it('says quickly whether text names a place, for trying runs of search words', () => {
    expect(isPlaceName('tottenham')).toBe(true);
    expect(isPlaceName('Hackney')).toBe(true);
    expect(isPlaceName('Houghton Regis')).toBe(true);
    expect(isPlaceName('choir')).toBe(false);
    expect(isPlaceName('')).toBe(false);
    expect(resolve.knows('City and Hackney')).toBe(true);
    expect(resolve.knows('N17 9LA')).toBe(true);
    expect(resolve.knows('M1 1AA')).toBe(false);
    expect(resolve.knows('choir')).toBe(false);
  });
});

describe('suggestions for a place we cannot find', () => {
  it.each([
    ['Totenham', 'Tottenham'],
    ['Stratferd', 'Stratford'],
    ['Dalstan', 'Dalston'],
    ['Leighton', 'Leighton Buzzard'],
    ['Biggleswaid', 'Biggleswade'],
    ['Hackny', 'Hackney'],
  ])('"%s" suggests %s', (typed, expected) => {
    const result = resolve({ location: typed });
    expect(result?.ok).toBe(false);
    expect(result?.ok === false && result.suggestions[0]).toBe(expected);
  });

  it('suggests nothing for text unlike any place', () => {
    expect(resolve({ location: 'Narnia' })).toMatchObject({ ok: false, suggestions: [] });
  });

  it('offers at most three names, closest first', () => {
    expect(closestNames('Edmonton Gren', ['Edmonton Green', 'Upper Edmonton', 'Edmonton'])[0]).toBe('Edmonton Green');
    expect(
      closestNames(
        'Bow',
        gazetteer.map((p) => p.name),
      ).length,
    ).toBeLessThanOrEqual(3);
  });

  it('reaches the search response as the problem’s suggestions', () => {
    const response = engine.search(paramsOf('location=Totenham&q=choir'), NOW);
    expect(response.problems).toEqual([
      expect.objectContaining({ param: 'location', suggestions: expect.arrayContaining(['Tottenham']) }),
    ]);
    expect(response.place).toBeNull();
  });

  it('counts edits, giving up past the limit', () => {
    expect(editDistance('totenham', 'tottenham')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
  });
});

describe('postcode as another name for location', () => {
  it('reads ?postcode= exactly as ?location=', () => {
    expect(paramsOf('postcode=n17%209la').location).toBe('N17 9LA');
    expect(paramsOf('postcode=Tottenham')).toEqual(paramsOf('location=Tottenham'));
  });

  it('gives the same message for a postcode it cannot read, against location', () => {
    const viaPostcode = parseSearchParams('postcode=%3Cscript%3E');
    expect(viaPostcode.ok).toBe(false);
    expect(viaPostcode).toEqual(parseSearchParams('location=%3Cscript%3E'));
  });

  it('lets location win when both are given, and links use location', () => {
    const params = paramsOf('postcode=E15&location=N17');
    expect(params.location).toBe('N17');
    expect(toSearchParams(paramsOf('postcode=E15')).toString()).toBe('location=E15');
  });
});

describe('distances in words, by where they are measured from', () => {
  const mile = METRES_PER_MILE;

  it.each([
    [400, 'less than a mile from the middle of N17'],
    [0.8 * mile, 'about 1 mile from the middle of N17'],
    [1.4 * mile, 'about 1.5 miles from the middle of N17'],
    [3.1 * mile, 'about 3 miles from the middle of N17'],
    [12.4 * mile, 'about 12 miles from the middle of N17'],
  ])('from a postcode district, %d metres reads "%s"', (metres, text) => {
    expect(describeDistance(metres, { label: 'N17', precise: false })).toBe(text);
  });

  it('from a town, a neighbourhood or a borough, names its middle', () => {
    expect(describeDistance(1700, placeOf('Tottenham'))).toBe('about 1 mile from the middle of Tottenham');
    expect(describeDistance(300, placeOf('Haringey'))).toBe('less than a mile from the middle of Haringey');
    expect(describeDistance(300, placeOf('N17 9LA'))).toBe('less than a mile from the middle of N17');
  });

  it('from the browser’s position or a looked-up postcode, gives walking times', () => {
    expect(describeDistance(700, { label: 'your location', precise: true })).toBe('about a 10-minute walk away');
    expect(describeDistance(2253, { label: 'your location', precise: true })).toBe('1.4 miles away');
  });

  it('search results say how far from the middle of a district, and walking times only from a precise point', () => {
    const fromDistrict = engine.search(paramsOf('location=N17&radius=2'), NOW);
    const texts = fromDistrict.results.flatMap((r) => (r.distance ? [r.distance.text] : []));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => / from the middle of N17$/.test(text))).toBe(true);

    const fromTown = engine.search(paramsOf('location=Dunstable&radius=5'), NOW);
    expect(fromTown.results.some((r) => r.distance?.text.endsWith('from the middle of Dunstable'))).toBe(true);

    const looked = engine.search(paramsOf('location=N17%209LA&radius=2'), NOW, { lat: 51.597, lng: -0.07 });
    expect(looked.place?.precise).toBe(true);
    const walking = looked.results.flatMap((r) => (r.distance ? [r.distance.text] : []));
    expect(walking.length).toBeGreaterThan(0);
    expect(walking.every((text) => /^about a \d+-minute walk away$|^\d+(\.\d)? miles? away$/.test(text))).toBe(true);

    const browser = engine.search(paramsOf('lat=51.597&lng=-0.07&radius=2'), NOW);
    expect(browser.results.every((r) => !r.distance || / away$/.test(r.distance.text))).toBe(true);
  });

  it('finds Bedfordshire and Luton services near their towns', () => {
    const response = engine.search(paramsOf('location=Luton&q=walking'), NOW);
    expect(response.total).toBeGreaterThan(0);
    expect(response.results[0]?.areas.map((a) => a.slug)).toContain('luton');
  });
});
