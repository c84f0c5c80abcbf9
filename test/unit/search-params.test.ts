import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  parseSearchParams,
  removeFilter,
  searchParams,
  toSearchParams,
  type SearchParams,
} from '../../src/search/params';

function valid(query: string): SearchParams {
  const result = parseSearchParams(query);
  if (!result.ok) throw new Error(`expected ${query} to parse: ${JSON.stringify(result.errors)}`);
  return result.params;
}

function errorsOf(query: string) {
  const result = parseSearchParams(query);
  if (result.ok) throw new Error(`expected ${query} to be refused`);
  return result.errors;
}

describe('reading search parameters', () => {
  it('an empty query string is a browse of everything with the defaults', () => {
    expect(valid('')).toEqual(searchParams());
    expect(valid('')).toMatchObject({ q: '', radius: 5, page: 1, sort: 'relevance', free: false, category: [] });
  });

  it('trims the words and collapses runs of spaces', () => {
    expect(valid('q=%20%20knitting%20%20%20group%20').q).toBe('knitting group');
  });

  it('turns NUL and other control characters in the words into spaces', () => {
    expect(valid('q=knit%00ting%07club').q).toBe('knit ting club');
  });

  it('refuses more than 200 characters of words, saying how many are allowed', () => {
    expect(errorsOf(`q=${'a'.repeat(201)}`)).toEqual([
      { param: 'q', message: 'Use 200 characters or fewer in your search' },
    ]);
    expect(valid(`q=${'a'.repeat(200)}`).q).toHaveLength(200);
  });

  it('reads repeated categories and areas as a sorted list without duplicates', () => {
    const params = valid('category=sport&category=arts-and-crafts&category=sport&area=haringey');
    expect(params.category).toEqual(['arts-and-crafts', 'sport']);
    expect(params.area).toEqual(['haringey']);
  });

  it('refuses a category that is not a slug', () => {
    expect(errorsOf('category=Sport%20%26%20fitness')).toEqual([
      { param: 'category', message: 'Choose a category from the list' },
    ]);
  });

  it('reads days in any case and puts them in week order', () => {
    expect(valid('day=Friday&day=monday&day=TUESDAY').day).toEqual(['monday', 'tuesday', 'friday']);
  });

  it('refuses a day that is not a day of the week', () => {
    expect(errorsOf('day=funday')).toEqual([
      { param: 'day', message: 'Choose days of the week, like monday or saturday' },
    ]);
  });

  it('reads parts of the day and refuses others', () => {
    expect(valid('time=evening&time=morning').time).toEqual(['morning', 'evening']);
    expect(errorsOf('time=night')[0]).toEqual({ param: 'time', message: 'Choose morning, afternoon or evening' });
  });

  it('reads yes-or-no filters from 1, true or on', () => {
    expect(valid('free=1&accessible=true&accepting=on')).toMatchObject({
      free: true,
      accessible: true,
      accepting: true,
    });
    expect(valid('free=0').free).toBe(false);
  });

  it('refuses a yes-or-no filter with another value', () => {
    expect(errorsOf('free=maybe')[0]?.param).toBe('free');
  });

  it('reads an age from 0 to 120 and refuses anything else with the same message', () => {
    expect(valid('age=42').age).toBe(42);
    for (const age of ['121', '-1', '4.5', 'forty', '1e2']) {
      expect(errorsOf(`age=${age}`)).toEqual([
        { param: 'age', message: 'Enter an age as a whole number from 0 to 120' },
      ]);
    }
  });

  it('treats empty fields from a submitted form as absent', () => {
    expect(valid('q=&age=&location=&radius=&page=&sort=&lat=&lng=')).toEqual(searchParams());
  });

  it('reads the ways in and refuses unknown ones', () => {
    expect(valid('access=via-connector&access=drop-in').access).toEqual(['drop-in', 'via-connector']);
    expect(errorsOf('access=walk-in')[0]?.param).toBe('access');
  });

  it('reads online and phone', () => {
    expect(valid('remote=phone&remote=online').remote).toEqual(['online', 'phone']);
    expect(errorsOf('remote=carrier-pigeon')[0]).toEqual({ param: 'remote', message: 'Choose online or phone' });
  });

  it('writes a full postcode in capitals with one space', () => {
    expect(valid('location=n179la').location).toBe('N17 9LA');
    expect(valid('location=%20n17%20%209la%20').location).toBe('N17 9LA');
  });

  it('writes a postcode district in capitals', () => {
    expect(valid('location=n17').location).toBe('N17');
  });

  it('keeps a place name as typed', () => {
    expect(valid('location=Tower%20Hamlets').location).toBe('Tower Hamlets');
  });

  it('refuses a location that is neither a postcode nor a place name, saying what to enter', () => {
    expect(errorsOf('location=%3Cscript%3E')).toEqual([
      {
        param: 'location',
        message:
          'Enter a full postcode like N17 9LA, a postcode area like N17, or the name of a town, neighbourhood or borough',
      },
    ]);
  });

  it('rounds the browser position to three decimals', () => {
    expect(valid('lat=51.59876543&lng=-0.07123456')).toMatchObject({ lat: 51.599, lng: -0.071 });
  });

  it('refuses a latitude without a longitude', () => {
    expect(errorsOf('lat=51.5')[0]).toEqual({
      param: 'lng',
      message: 'We could not read your location. Enter a postcode instead.',
    });
  });

  it('refuses a position that is not a number on the globe', () => {
    expect(errorsOf('lat=91&lng=0')[0]?.param).toBe('lat');
    expect(errorsOf('lat=51.5&lng=east')[0]?.param).toBe('lng');
  });

  it('accepts only the distances offered', () => {
    expect(valid('radius=10').radius).toBe(10);
    expect(errorsOf('radius=7')).toEqual([
      { param: 'radius', message: 'Choose a distance of 1, 2, 5, 10 or 20 miles' },
    ]);
  });

  it('reads a page number of 1 or more', () => {
    expect(valid('page=3').page).toBe(3);
    expect(errorsOf('page=0')[0]?.param).toBe('page');
  });

  it('sorts by best match by default, with or without a place, and by distance only when asked', () => {
    expect(valid('location=N17').sort).toBe('relevance');
    expect(valid('lat=51.6&lng=-0.07').sort).toBe('relevance');
    expect(valid('q=tea').sort).toBe('relevance');
    expect(valid('location=N17&sort=distance').sort).toBe('distance');
    expect(valid('q=tea&sort=DISTANCE').sort).toBe('distance');
  });

  it('ignores parameters it does not know', () => {
    expect(valid('utm_source=leaflet&q=tea')).toEqual(searchParams({ q: 'tea' }));
  });

  it('lists every problem, one per parameter', () => {
    expect(errorsOf('age=200&radius=3&day=x&day=y').map((error) => error.param)).toEqual(['day', 'age', 'radius']);
  });

  it('accepts URLSearchParams and plain objects as well as strings', () => {
    expect(parseSearchParams(new URLSearchParams('q=tea'))).toEqual({ ok: true, params: searchParams({ q: 'tea' }) });
    expect(parseSearchParams({ day: ['monday', 'friday'], q: 'tea' })).toEqual({
      ok: true,
      params: searchParams({ q: 'tea', day: ['monday', 'friday'] }),
    });
  });
});

describe('writing search URLs', () => {
  it('writes parameters in a fixed order and leaves defaults out', () => {
    const params = valid('page=2&free=1&day=friday&q=tea&location=n17&category=cafes&radius=5&day=monday');
    expect(toSearchParams(params).toString()).toBe(
      'q=tea&location=N17&category=cafes&day=monday&day=friday&free=1&page=2',
    );
  });

  it('gives equal searches equal URLs whatever order they were typed in', () => {
    expect(toSearchParams(valid('day=friday&day=monday&free=true')).toString()).toBe(
      toSearchParams(valid('free=1&day=monday&day=friday')).toString(),
    );
  });

  it('writes the sort only when it differs from the default for the search', () => {
    expect(toSearchParams(valid('location=N17&sort=relevance')).toString()).toBe('location=N17');
    expect(toSearchParams(valid('location=N17&sort=distance')).toString()).toBe('location=N17&sort=distance');
  });

  it('reads back every search it writes unchanged', () => {
    for (const query of [
      '',
      'q=knitting',
      'q=tea&location=N17%209LA&radius=2&category=cafes&area=haringey&day=tuesday&time=morning&free=1&age=70&access=drop-in&accessible=1&accepting=1&remote=phone&sort=distance&page=4',
      'lat=51.6&lng=-0.07&radius=20',
      'location=Tower%20Hamlets&remote=online&remote=phone',
    ]) {
      const params = valid(query);
      expect(valid(toSearchParams(params).toString())).toEqual(params);
    }
  });

  it('lists each applied filter once per value, in URL order', () => {
    expect(activeFilters(valid('q=tea&day=friday&day=monday&free=1&age=30&location=N17'))).toEqual([
      { param: 'day', value: 'monday' },
      { param: 'day', value: 'friday' },
      { param: 'free', value: '1' },
      { param: 'age', value: '30' },
    ]);
  });

  it('removes one value of a filter and goes back to the first page', () => {
    const params = valid('day=monday&day=friday&free=1&age=30&page=3');
    expect(toSearchParams(removeFilter(params, { param: 'day', value: 'monday' })).toString()).toBe(
      'day=friday&free=1&age=30',
    );
    expect(toSearchParams(removeFilter(params, { param: 'age' })).toString()).toBe('day=monday&day=friday&free=1');
    expect(toSearchParams(removeFilter(params, { param: 'free' })).toString()).toBe('day=monday&day=friday&age=30');
  });

  it('reads languages, who it is for and when, in canonical order', () => {
    expect(valid('language=Turkish&language=bengali&audience=women&audience=older-people&when=NOW')).toMatchObject({
      language: ['bengali', 'turkish'],
      audience: ['older-people', 'women'],
      when: 'now',
    });
    expect(valid('when=')).not.toHaveProperty('when');
  });

  it.each([
    ['language=%3Cb%3E', 'language', 'Choose a language from the list'],
    ['audience=pensioners', 'audience', 'Choose who it is for from the list'],
    ['when=tomorrow', 'when', 'Choose when: open now, on today or this week'],
  ])('refuses %s with a message', (query, param, message) => {
    expect(errorsOf(query)).toEqual([{ param, message }]);
  });

  it('keeps the new filters through a round trip, and removes each one', () => {
    const params = valid('q=choir&language=polish&audience=carers&when=week');
    expect(valid(toSearchParams(params).toString())).toEqual(params);
    expect(toSearchParams(params).toString()).toBe('q=choir&when=week&language=polish&audience=carers');
    expect(activeFilters(params)).toEqual([
      { param: 'when', value: 'week' },
      { param: 'language', value: 'polish' },
      { param: 'audience', value: 'carers' },
    ]);
    expect(toSearchParams(removeFilter(params, { param: 'when' })).toString()).toBe(
      'q=choir&language=polish&audience=carers',
    );
    expect(toSearchParams(removeFilter(params, { param: 'language', value: 'polish' })).toString()).toBe(
      'q=choir&when=week&audience=carers',
    );
  });
});
