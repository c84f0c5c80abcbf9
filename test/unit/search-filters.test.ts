import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/content/dataset';
import { createEmbeddedSource } from '../../src/content/embedded';
import { searchDocumentsQuery } from '../../src/queries/index';
import { audiencesOf } from '../../src/search/audience';
import { createSearchEngine, loadSearchEngine } from '../../src/search/engine';
import { searchParams } from '../../src/search/params';
import { isOnToday, isOpenNow, nextSessions, type ScheduleInput } from '../../src/schedules/index';
import { buildService, fixtureDataset } from '../fixtures/dataset';
import { sampleDocuments } from '../support/sample';

const womenTurkish = '77777777-7777-4777-8777-777777777771';
const olderPolish = '77777777-7777-4777-8777-777777777772';
const mondayClub = '77777777-7777-4777-8777-777777777773';
const monthly = '77777777-7777-4777-8777-777777777774';

const extra: StoredDocument[] = [
  buildService({
    _id: womenTurkish,
    name: 'Kadinlar Tuesday Circle',
    forWhom: 'Women aged 18 and over, especially those new to the area',
    languages: ['English', 'Turkish'],
    schedules: [
      { _key: 's1', _type: 'schedule', frequency: 'weekly', day: 'tuesday', opensAt: '10:00', closesAt: '12:00' },
    ],
    closures: [{ _key: 'c1', _type: 'closure', from: '2026-11-10', reason: 'Hall booked' }],
  }),
  buildService({
    _id: olderPolish,
    name: 'Thursday Evening Supper',
    forWhom: 'People aged 50 and over who live alone',
    ageMin: 50,
    languages: ['English', 'Polish'],
    schedules: [
      { _key: 's1', _type: 'schedule', frequency: 'weekly', day: 'thursday', opensAt: '18:00', closesAt: '20:00' },
    ],
  }),
  buildService({
    _id: mondayClub,
    name: 'Monday Craft Club',
    forWhom: 'Unpaid carers and the people they care for',
    tags: ['carers'],
    schedules: [
      { _key: 's1', _type: 'schedule', frequency: 'weekly', day: 'monday', opensAt: '10:00', closesAt: '12:00' },
    ],
    closedOnBankHolidays: true,
  }),
  buildService({
    _id: monthly,
    name: 'First Wednesday Film Club',
    schedules: [
      {
        _key: 's1',
        _type: 'schedule',
        frequency: 'monthly',
        weekOfMonth: 1,
        day: 'wednesday',
        opensAt: '14:00',
        closesAt: '16:00',
      },
    ],
  }),
];

async function engine() {
  return createSearchEngine(await createEmbeddedSource([...fixtureDataset(), ...extra]).fetch(searchDocumentsQuery));
}

const ids = (response: { results: { id: string }[] }) => response.results.map((result) => result.id).sort();

describe('the language filter', () => {
  it('finds the services that list a language, and offers only languages some listing is in', async () => {
    const search = await engine();
    expect(ids(search.search(searchParams({ language: ['turkish'] })))).toEqual([womenTurkish]);
    expect(ids(search.search(searchParams({ language: ['turkish', 'polish'] })))).toEqual([womenTurkish, olderPolish]);
    expect(search.languages).toEqual([
      { slug: 'polish', name: 'Polish', count: 1 },
      { slug: 'turkish', name: 'Turkish', count: 1 },
    ]);
  });

  it('sets aside a language no listing is in, with a message', async () => {
    const search = await engine();
    const response = search.search(searchParams({ language: ['klingon', 'turkish'] }));
    expect(response.problems).toEqual([
      { param: 'language', message: 'No listings are in that language yet. Choose a language from the list' },
    ]);
    expect(ids(response)).toEqual([womenTurkish]);
  });
});

describe('the audience filter', () => {
  it('reads who a listing is for from its ages, words and tags', () => {
    expect(audiencesOf({ forWhom: 'Women aged 18 and over' })).toEqual(['women']);
    expect(audiencesOf({ ageMin: 50, forWhom: 'Anyone who likes to sing' })).toEqual(['older-people']);
    expect(audiencesOf({ forWhom: 'Older residents who would enjoy a cooked meal' })).toEqual(['older-people']);
    expect(audiencesOf({ ageMin: 16, ageMax: 25, forWhom: 'Young people aged 16 to 25' })).toEqual(['young-people']);
    expect(audiencesOf({ forWhom: 'Young people aged 16 to 25 who help care for a family member' })).toEqual([
      'young-people',
      'carers',
    ]);
    expect(audiencesOf({ forWhom: "A men's shed for anyone" })).toEqual(['men']);
    expect(audiencesOf({ forWhom: 'Anyone who would like a free hot meal, including families' })).toEqual(['families']);
    expect(audiencesOf({ forWhom: 'Adults who enjoy reading', tags: ['books'] })).toEqual([]);
  });

  it('filters by audience', async () => {
    const search = await engine();
    expect(ids(search.search(searchParams({ audience: ['women'] })))).toEqual([womenTurkish]);
    expect(ids(search.search(searchParams({ audience: ['older-people'] })))).toEqual([olderPolish]);
    expect(ids(search.search(searchParams({ audience: ['carers'] })))).toEqual([mondayClub]);
  });
});

describe('the when filter', () => {
  // Tuesday 3 November 2026, 11:00 in London (GMT).
  const tuesdayEleven = new Date('2026-11-03T11:00:00Z');

  it('open now: only a session running at that moment', async () => {
    const search = await engine();
    const now = search.search(searchParams({ when: 'now' }), tuesdayEleven);
    // The fixture dataset's own services meet on Tuesdays 10:00-12:00 too.
    expect(now.results.map((r) => r.id)).toContain(womenTurkish);
    expect(ids(now)).not.toContain(olderPolish);
    expect(search.search(searchParams({ when: 'now' }), new Date('2026-11-03T12:00:00Z')).total).toBe(0);
  });

  it('on today: a session later today counts, one already over does not', async () => {
    const search = await engine();
    const thursdayNoon = new Date('2026-11-05T12:00:00Z');
    expect(ids(search.search(searchParams({ when: 'today' }), thursdayNoon))).toEqual([olderPolish]);
    expect(search.search(searchParams({ when: 'today' }), new Date('2026-11-05T20:00:00Z')).total).toBe(0);
  });

  it('leaves out a closure and a bank holiday', async () => {
    const search = await engine();
    // The circle is closed on Tuesday 10 November.
    const closedDay = search.search(searchParams({ when: 'today' }), new Date('2026-11-10T09:00:00Z'));
    expect(ids(closedDay)).not.toContain(womenTurkish);
    expect(closedDay.total).toBeGreaterThan(0);
    // Monday 28 December 2026 is the Boxing Day bank holiday; a week later it meets.
    expect(ids(search.search(searchParams({ when: 'today' }), new Date('2026-12-28T09:00:00Z')))).not.toContain(
      mondayClub,
    );
    expect(ids(search.search(searchParams({ when: 'today' }), new Date('2027-01-04T09:00:00Z')))).toContain(mondayClub);
  });

  it('this week: a monthly session only in the week it falls', async () => {
    const search = await engine();
    // Wednesday 4 November 2026 is the first Wednesday; from Thursday 5 November the next is in December.
    expect(ids(search.search(searchParams({ when: 'week' }), new Date('2026-11-02T09:00:00Z')))).toContain(monthly);
    expect(ids(search.search(searchParams({ when: 'week' }), new Date('2026-11-05T09:00:00Z')))).not.toContain(monthly);
  });

  it('suggests removing when nothing is on', async () => {
    const search = await engine();
    const response = search.search(
      searchParams({ when: 'now', language: ['polish'] }),
      new Date('2026-11-03T11:00:00Z'),
    );
    expect(response.total).toBe(0);
    expect(response.loosen.map((suggestion) => suggestion.param)).toContain('when');
    expect(response.loosen.find((suggestion) => suggestion.param === 'when')?.params.when).toBeUndefined();
  });
});

describe('the when filter over the sample directory', () => {
  it('agrees with src/schedules at many moments, clock changes and bank holidays included', async () => {
    const documents = sampleDocuments();
    const search = createSearchEngine(await createEmbeddedSource(documents).fetch(searchDocumentsQuery));
    const byId = new Map(documents.map((doc) => [doc._id, doc as unknown as ScheduleInput]));
    const allIds = (params: ReturnType<typeof searchParams>, at: Date) => {
      const found: string[] = [];
      for (let page = 1; ; page++) {
        const response = search.search({ ...params, page }, at);
        found.push(...response.results.map((result) => result.id));
        if (page >= response.pageCount) return found.sort();
      }
    };
    const moments = [
      '2026-11-01T12:00:00Z', // a Sunday
      '2026-11-03T10:30:00Z',
      '2026-11-04T18:15:00Z',
      '2026-11-06T09:59:59Z',
      '2026-12-24T17:00:00Z', // the week of Christmas and Boxing Day
      '2026-12-28T11:00:00Z', // a bank holiday Monday
      '2027-03-26T10:00:00Z', // the week the clocks go forward
      '2027-03-28T10:00:00Z', // the day they do
      '2026-10-25T14:00:00Z', // the day they go back
      '2026-07-15T19:30:00Z',
    ];
    let seen = 0;
    for (const iso of moments) {
      const at = new Date(iso);
      const listed = allIds(searchParams(), at);
      const truth = {
        now: listed.filter((id) => isOpenNow(byId.get(id)!, at)),
        today: listed.filter((id) => isOnToday(byId.get(id)!, at)),
        week: listed.filter((id) => nextSessions(byId.get(id)!, at, 1, 7).length > 0),
      };
      for (const when of ['now', 'today', 'week'] as const) {
        expect(allIds(searchParams({ when }), at), `${when} at ${iso}`).toEqual(truth[when]);
        seen += truth[when].length;
      }
    }
    expect(seen).toBeGreaterThan(100);
  }, 30_000);
});

describe('what the index keeps', () => {
  it('a saved index gives the same language, audience and when results', async () => {
    const built = await engine();
    const loaded = loadSearchEngine(JSON.parse(JSON.stringify(built.serialise())));
    const at = new Date('2026-11-05T12:00:00Z');
    for (const params of [
      searchParams({ language: ['polish'] }),
      searchParams({ audience: ['women'] }),
      searchParams({ when: 'today' }),
    ]) {
      expect(ids(loaded.search(params, at))).toEqual(ids(built.search(params, at)));
    }
    expect(loaded.languages).toEqual(built.languages);
  });

  it('names the words no listing has at all', async () => {
    const search = await engine();
    expect(search.unmatchedWords('xyzzy walking')).toEqual(['xyzzy']);
    expect(search.unmatchedWords('walking')).toEqual([]);
  });
});
