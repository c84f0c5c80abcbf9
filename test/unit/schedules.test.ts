import { describe, expect, expectTypeOf, it } from 'vitest';
import { schedule as scheduleSchema, closure as closureSchema } from '../../src/content/profile';
import type { Schedule, Service } from '../../src/content/profile';
import {
  bankHolidays,
  bankHolidayYears,
  describeSchedule,
  formatDate,
  formatSession,
  formatTime,
  formatTimeRange,
  isBankHoliday,
  isOnToday,
  isOpenNow,
  londonDateOf,
  nextSessions,
  sessionsOnDate,
} from '../../src/schedules';
import type { ClosureRule, ScheduleInput, ScheduleRule, Session } from '../../src/schedules';

// Builders: every schedule and closure goes through the content profile, so the tests use only
// data an editor could publish.
function schedule(overrides: Partial<Schedule> = {}): Schedule {
  return scheduleSchema.parse({
    _key: 'tuesday-morning',
    _type: 'schedule',
    frequency: 'weekly',
    day: 'tuesday',
    opensAt: '10:00',
    closesAt: '12:00',
    ...overrides,
  });
}

function closure(from: string, to?: string): ClosureRule {
  return closureSchema.parse({
    _key: `closure-${from}`,
    _type: 'closure',
    from,
    ...(to ? { to } : {}),
    reason: 'Venue closed',
  });
}

function service(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    status: 'active',
    closedOnBankHolidays: false,
    schedules: [schedule()],
    closures: [],
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
const starts = (sessions: Session[]) => sessions.map((s) => s.start);
const startsUtc = (sessions: Session[]) => sessions.map((s) => s.startsAt.toISOString());
const dates = (sessions: Session[]) => sessions.map((s) => s.date);

describe('the input type', () => {
  it('accepts a whole service from the content profile', () => {
    expectTypeOf<Service>().toExtend<ScheduleInput>();
    expectTypeOf<Schedule>().toExtend<ScheduleRule>();
  });

  it('accepts query results where absent fields come back as null', () => {
    const fromQuery: ScheduleInput = {
      status: 'active',
      closedOnBankHolidays: false,
      schedules: [
        {
          _key: 'q',
          frequency: 'weekly',
          day: 'tuesday',
          opensAt: '10:00',
          closesAt: '12:00',
          weekOfMonth: null,
          validFrom: null,
          validTo: null,
          location: null,
          note: null,
        },
      ],
      closures: null,
    };
    const [first] = nextSessions(fromQuery, at('2026-01-05T12:00:00Z'), 1);
    expect(first?.start).toBe('2026-01-06T10:00:00+00:00');
    expect(first).not.toHaveProperty('locationRef');
    expect(first).not.toHaveProperty('note');
  });
});

describe('nextSessions: weekly', () => {
  it('lists the next sessions soonest first, in London time', () => {
    const sessions = nextSessions(service(), at('2026-01-05T12:00:00Z'), 3);
    expect(starts(sessions)).toEqual([
      '2026-01-06T10:00:00+00:00',
      '2026-01-13T10:00:00+00:00',
      '2026-01-20T10:00:00+00:00',
    ]);
    expect(sessions[0]?.end).toBe('2026-01-06T12:00:00+00:00');
    expect(dates(sessions)).toEqual(['2026-01-06', '2026-01-13', '2026-01-20']);
  });

  it('gives Date objects for the same instants as the ISO strings', () => {
    const [first] = nextSessions(service(), at('2026-07-01T00:00:00Z'), 1);
    expect(first?.startsAt).toEqual(new Date('2026-07-07T09:00:00Z'));
    expect(first?.endsAt).toEqual(new Date('2026-07-07T11:00:00Z'));
    expect(first?.start).toBe('2026-07-07T10:00:00+01:00');
  });

  it("includes today's session when it has not started yet", () => {
    const [first] = nextSessions(service(), at('2026-01-06T09:00:00Z'), 1);
    expect(first?.date).toBe('2026-01-06');
  });

  it('includes a session in progress at `from`', () => {
    const [first] = nextSessions(service(), at('2026-01-06T11:59:00Z'), 1);
    expect(first?.date).toBe('2026-01-06');
  });

  it('leaves out a session that ends exactly at `from`', () => {
    const [first] = nextSessions(service(), at('2026-01-06T12:00:00Z'), 1);
    expect(first?.date).toBe('2026-01-13');
  });

  it('returns no more than `count` sessions', () => {
    expect(nextSessions(service(), at('2026-01-01T00:00:00Z'), 5)).toHaveLength(5);
    expect(nextSessions(service(), at('2026-01-01T00:00:00Z'), 0)).toEqual([]);
  });

  it('looks only `horizonDays` London dates ahead, starting with the date of `from`', () => {
    // Wednesday 7 January: the 7 dates to Tuesday 13 January include one Tuesday, 6 dates do not.
    expect(dates(nextSessions(service(), at('2026-01-07T08:00:00Z'), 5, 7))).toEqual(['2026-01-13']);
    expect(nextSessions(service(), at('2026-01-07T08:00:00Z'), 5, 6)).toEqual([]);
  });

  it('carries the schedule key, venue and note onto each session', () => {
    const input = service({
      schedules: [
        schedule({
          _key: 'cafe',
          location: { _ref: 'venue-1' },
          note: 'Use the side door',
        }),
      ],
    });
    const [first] = nextSessions(input, at('2026-01-05T00:00:00Z'), 1);
    expect(first).toMatchObject({
      scheduleKey: 'cafe',
      locationRef: 'venue-1',
      note: 'Use the side door',
    });
  });

  it('throws on an invalid `from`', () => {
    expect(() => nextSessions(service(), new Date('nonsense'), 1)).toThrow(RangeError);
  });
});

describe('nextSessions: fortnightly', () => {
  const fortnightly = (validFrom: string, overrides: Partial<Schedule> = {}) =>
    service({
      schedules: [
        schedule({
          _key: 'fortnightly',
          frequency: 'fortnightly',
          day: 'wednesday',
          opensAt: '18:30',
          closesAt: '20:30',
          validFrom,
          ...overrides,
        }),
      ],
    });

  it('keeps the fortnight of an anchor before `from`, across a month end', () => {
    const sessions = nextSessions(fortnightly('2026-01-07'), at('2026-02-01T00:00:00Z'), 3);
    expect(dates(sessions)).toEqual(['2026-02-04', '2026-02-18', '2026-03-04']);
  });

  it('starts at an anchor after `from`, never before it', () => {
    const sessions = nextSessions(fortnightly('2026-03-04'), at('2026-01-01T00:00:00Z'), 2);
    expect(dates(sessions)).toEqual(['2026-03-04', '2026-03-18']);
  });

  it('keeps its parity across a year end', () => {
    const sessions = nextSessions(fortnightly('2025-12-17'), at('2025-12-20T00:00:00Z'), 3);
    expect(dates(sessions)).toEqual(['2025-12-31', '2026-01-14', '2026-01-28']);
  });

  it('keeps its parity a year and two clock changes later', () => {
    const sessions = nextSessions(fortnightly('2026-01-07'), at('2027-01-01T00:00:00Z'), 2);
    expect(dates(sessions)).toEqual(['2027-01-06', '2027-01-20']);
    expect(startsUtc(sessions)[0]).toBe('2027-01-06T18:30:00.000Z');
  });

  it('keeps the London time when the clocks go forward between two sessions', () => {
    const sessions = nextSessions(fortnightly('2026-03-18'), at('2026-03-01T00:00:00Z'), 2);
    expect(startsUtc(sessions)).toEqual(['2026-03-18T18:30:00.000Z', '2026-04-01T17:30:00.000Z']);
  });

  it('counts from the first matching weekday when the anchor is on another day', () => {
    // Monday 5 January anchors a Wednesday session: it first runs on Wednesday 7 January.
    const sessions = nextSessions(fortnightly('2026-01-05'), at('2026-01-01T00:00:00Z'), 2);
    expect(dates(sessions)).toEqual(['2026-01-07', '2026-01-21']);
  });

  it('shows nothing rather than guess the weeks when there is no anchor', () => {
    const unanchored: ScheduleRule = {
      _key: 'broken',
      frequency: 'fortnightly',
      day: 'wednesday',
      opensAt: '18:30',
      closesAt: '20:30',
    };
    expect(nextSessions(service({ schedules: [unanchored] }), at('2026-01-01T00:00:00Z'), 3)).toEqual([]);
  });
});

describe('nextSessions: monthly', () => {
  const monthly = (day: Schedule['day'], weekOfMonth: Schedule['weekOfMonth']) =>
    service({
      schedules: [schedule({ _key: 'monthly', frequency: 'monthly', day, weekOfMonth })],
    });

  it('runs on the first such weekday of each month', () => {
    const sessions = nextSessions(monthly('monday', 1), at('2026-01-01T00:00:00Z'), 4);
    expect(dates(sessions)).toEqual(['2026-01-05', '2026-02-02', '2026-03-02', '2026-04-06']);
  });

  it('runs on the second, third and fourth such weekday', () => {
    const from = at('2026-01-01T00:00:00Z');
    expect(dates(nextSessions(monthly('thursday', 2), from, 2))).toEqual(['2026-01-08', '2026-02-12']);
    expect(dates(nextSessions(monthly('thursday', 3), from, 2))).toEqual(['2026-01-15', '2026-02-19']);
    expect(dates(nextSessions(monthly('thursday', 4), from, 2))).toEqual(['2026-01-22', '2026-02-26']);
  });

  it('runs on the last such weekday in months with five and with four of them', () => {
    // January and May 2026 have five Fridays; February and March have four.
    const sessions = nextSessions(monthly('friday', -1), at('2026-01-01T00:00:00Z'), 5);
    expect(dates(sessions)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29']);
  });

  it('tells the fourth from the last in a month with five', () => {
    const from = at('2026-01-01T00:00:00Z');
    expect(nextSessions(monthly('friday', 4), from, 1)[0]?.date).toBe('2026-01-23');
    expect(nextSessions(monthly('friday', -1), from, 1)[0]?.date).toBe('2026-01-30');
  });

  it('handles February, including a leap year', () => {
    // February 2026 starts on a Sunday and ends on a Saturday; 29 February 2028 is a Tuesday.
    expect(nextSessions(monthly('sunday', 1), at('2026-02-01T00:00:00Z'), 1)[0]?.date).toBe('2026-02-01');
    expect(nextSessions(monthly('saturday', -1), at('2026-02-01T00:00:00Z'), 1)[0]?.date).toBe('2026-02-28');
    expect(nextSessions(monthly('tuesday', -1), at('2028-02-01T00:00:00Z'), 1)[0]?.date).toBe('2028-02-29');
  });
});

describe('nextSessions: several sessions', () => {
  it('orders sessions on the same day by time, whatever the order of the schedules', () => {
    const input = service({
      schedules: [
        schedule({ _key: 'afternoon', opensAt: '14:00', closesAt: '16:00' }),
        schedule({ _key: 'morning', opensAt: '10:00', closesAt: '12:00' }),
      ],
    });
    const sessions = nextSessions(input, at('2026-01-05T00:00:00Z'), 4);
    expect(sessions.map((s) => `${s.date} ${s.scheduleKey}`)).toEqual([
      '2026-01-06 morning',
      '2026-01-06 afternoon',
      '2026-01-13 morning',
      '2026-01-13 afternoon',
    ]);
  });

  it('gives the afternoon session once the morning one is over', () => {
    const input = service({
      schedules: [
        schedule({ _key: 'morning', opensAt: '10:00', closesAt: '12:00' }),
        schedule({ _key: 'afternoon', opensAt: '14:00', closesAt: '16:00' }),
      ],
    });
    expect(nextSessions(input, at('2026-01-06T12:30:00Z'), 1)[0]?.scheduleKey).toBe('afternoon');
  });

  it('lists sessions at two venues at the same time, the shorter first', () => {
    const input = service({
      schedules: [
        schedule({
          _key: 'library',
          location: { _ref: 'library' },
          closesAt: '13:00',
        }),
        schedule({
          _key: 'hall',
          location: { _ref: 'hall' },
          closesAt: '12:00',
        }),
      ],
    });
    const sessions = nextSessions(input, at('2026-01-05T00:00:00Z'), 2);
    expect(sessions.map((s) => s.locationRef)).toEqual(['hall', 'library']);
  });

  it('merges weekly and monthly patterns into one timeline', () => {
    const input = service({
      schedules: [
        schedule({
          _key: 'weekly',
          day: 'monday',
          opensAt: '10:00',
          closesAt: '11:00',
        }),
        schedule({
          _key: 'monthly',
          frequency: 'monthly',
          weekOfMonth: 1,
          day: 'sunday',
        }),
      ],
    });
    const sessions = nextSessions(input, at('2026-01-30T00:00:00Z'), 4);
    expect(sessions.map((s) => `${s.date} ${s.scheduleKey}`)).toEqual([
      '2026-02-01 monthly',
      '2026-02-02 weekly',
      '2026-02-09 weekly',
      '2026-02-16 weekly',
    ]);
  });
});

describe('nextSessions: closures', () => {
  it('skips a single-day closure', () => {
    const sessions = nextSessions(service({ closures: [closure('2026-01-13')] }), at('2026-01-05T00:00:00Z'), 2);
    expect(dates(sessions)).toEqual(['2026-01-06', '2026-01-20']);
  });

  it('skips every date in a closure range, both ends included', () => {
    const input = service({ closures: [closure('2026-01-13', '2026-01-27')] });
    expect(dates(nextSessions(input, at('2026-01-05T00:00:00Z'), 2))).toEqual(['2026-01-06', '2026-02-03']);
  });

  it('closes every session on a closed day, at every venue', () => {
    const input = service({
      schedules: [schedule({ _key: 'a' }), schedule({ _key: 'b', opensAt: '14:00', closesAt: '15:00' })],
      closures: [closure('2026-01-06')],
    });
    expect(sessionsOnDate(input, '2026-01-06')).toEqual([]);
    expect(sessionsOnDate(input, '2026-01-13')).toHaveLength(2);
  });

  it('still closes the days of a range entered backwards', () => {
    const input = service({
      closures: [{ from: '2026-01-20', to: '2026-01-13' }],
    });
    expect(dates(nextSessions(input, at('2026-01-05T00:00:00Z'), 2))).toEqual(['2026-01-06', '2026-01-27']);
  });
});

describe('nextSessions: closures of one venue', () => {
  const library = { _ref: 'venue-library' };
  const hall = { _ref: 'venue-hall' };
  const twoVenues = () =>
    service({
      schedules: [
        schedule({ _key: 'library', location: { _type: 'reference', _ref: library._ref } }),
        schedule({
          _key: 'hall',
          opensAt: '14:00',
          closesAt: '16:00',
          location: { _type: 'reference', _ref: hall._ref },
        }),
      ],
    });
  const venueClosure = (from: string, to: string | undefined, location: { _ref: string }): ClosureRule =>
    closureSchema.parse({
      _key: `closure-${from}-${location._ref}`,
      _type: 'closure',
      from,
      ...(to ? { to } : {}),
      reason: 'Building works',
      location: { _type: 'reference', ...location },
    });

  it('stops only the sessions at the closed venue', () => {
    const input = { ...twoVenues(), closures: [venueClosure('2026-01-13', '2026-01-20', library)] };
    const sessions = nextSessions(input, at('2026-01-12T00:00:00Z'), 4);
    expect(sessions.map((s) => `${s.date} ${s.scheduleKey}`)).toEqual([
      '2026-01-13 hall',
      '2026-01-20 hall',
      '2026-01-27 library',
      '2026-01-27 hall',
    ]);
  });

  it('leaves sessions that name no venue running', () => {
    const input = service({ closures: [venueClosure('2026-01-13', undefined, library)] });
    expect(dates(nextSessions(input, at('2026-01-12T00:00:00Z'), 1))).toEqual(['2026-01-13']);
  });

  it('is not "open now" or "on today" at the closed venue, but is at the other', () => {
    const libraryOnly = {
      ...twoVenues(),
      closures: [venueClosure('2026-01-13', undefined, library)],
    };
    // 10:30 on Tuesday 13 January: the library session would be running.
    expect(isOpenNow(libraryOnly, at('2026-01-13T10:30:00Z'))).toBe(false);
    expect(isOnToday(libraryOnly, at('2026-01-13T10:30:00Z'))).toBe(true);
    const both = {
      ...twoVenues(),
      closures: [venueClosure('2026-01-13', undefined, library), venueClosure('2026-01-13', undefined, hall)],
    };
    expect(isOnToday(both, at('2026-01-13T08:00:00Z'))).toBe(false);
  });
});

describe('nextSessions: bank holidays', () => {
  const mondays = (closedOnBankHolidays: boolean) =>
    service({ closedOnBankHolidays, schedules: [schedule({ day: 'monday' })] });

  it('skips Monday 25 May 2026 when closed on bank holidays', () => {
    expect(dates(nextSessions(mondays(true), at('2026-05-18T00:00:00Z'), 2))).toEqual(['2026-05-18', '2026-06-01']);
  });

  it('runs on bank holidays when not closed on them', () => {
    expect(dates(nextSessions(mondays(false), at('2026-05-18T00:00:00Z'), 2))).toEqual(['2026-05-18', '2026-05-25']);
  });

  it('skips the substitute day, not the weekend day it stands in for', () => {
    // Boxing Day 2026 is a Saturday; the bank holiday is Monday 28 December.
    const input = service({
      closedOnBankHolidays: true,
      schedules: [schedule({ _key: 'sat', day: 'saturday' }), schedule({ _key: 'mon', day: 'monday' })],
    });
    expect(dates(nextSessions(input, at('2026-12-26T00:00:00Z'), 3))).toEqual([
      '2026-12-26',
      '2027-01-02',
      '2027-01-04',
    ]);
  });

  it('skips Good Friday 2027, in March', () => {
    const input = service({
      closedOnBankHolidays: true,
      schedules: [schedule({ day: 'friday' })],
    });
    expect(dates(nextSessions(input, at('2027-03-20T00:00:00Z'), 2))).toEqual(['2027-04-02', '2027-04-09']);
  });
});

describe('nextSessions: validity dates', () => {
  it('starts on `validFrom`', () => {
    const input = service({
      schedules: [schedule({ validFrom: '2026-02-10' })],
    });
    expect(dates(nextSessions(input, at('2026-01-01T00:00:00Z'), 2))).toEqual(['2026-02-10', '2026-02-17']);
  });

  it('runs up to and including `validTo`, then stops', () => {
    const input = service({ schedules: [schedule({ validTo: '2026-01-20' })] });
    expect(dates(nextSessions(input, at('2026-01-01T00:00:00Z'), 5))).toEqual([
      '2026-01-06',
      '2026-01-13',
      '2026-01-20',
    ]);
  });

  it('has nothing once `validTo` has passed', () => {
    const input = service({ schedules: [schedule({ validTo: '2025-12-31' })] });
    expect(nextSessions(input, at('2026-01-01T00:00:00Z'), 5)).toEqual([]);
  });

  it('hands over from an old timetable to a new one', () => {
    const input = service({
      schedules: [
        schedule({ _key: 'old', validTo: '2026-01-31' }),
        schedule({ _key: 'new', day: 'thursday', validFrom: '2026-02-01' }),
      ],
    });
    const sessions = nextSessions(input, at('2026-01-26T00:00:00Z'), 3);
    expect(sessions.map((s) => `${s.date} ${s.scheduleKey}`)).toEqual([
      '2026-01-27 old',
      '2026-02-05 new',
      '2026-02-12 new',
    ]);
  });
});

describe('service status', () => {
  for (const status of ['temporarily-closed', 'inactive', 'defunct'] as const) {
    it(`a ${status} service has no sessions and is never open`, () => {
      const input = service({ status });
      expect(nextSessions(input, at('2026-01-05T00:00:00Z'), 5)).toEqual([]);
      expect(sessionsOnDate(input, '2026-01-06')).toEqual([]);
      expect(isOpenNow(input, at('2026-01-06T11:00:00Z'))).toBe(false);
      expect(isOnToday(input, at('2026-01-06T09:00:00Z'))).toBe(false);
    });
  }

  it('a service with no schedules has no sessions', () => {
    expect(nextSessions(service({ schedules: undefined }), at('2026-01-05T00:00:00Z'), 5)).toEqual([]);
    expect(nextSessions(service({ schedules: [] }), at('2026-01-05T00:00:00Z'), 5)).toEqual([]);
  });
});

describe('isOpenNow', () => {
  it('is open from the opening minute and closed from the closing minute (winter)', () => {
    const input = service();
    expect(isOpenNow(input, at('2026-01-06T09:59:59.999Z'))).toBe(false);
    expect(isOpenNow(input, at('2026-01-06T10:00:00Z'))).toBe(true);
    expect(isOpenNow(input, at('2026-01-06T11:59:59.999Z'))).toBe(true);
    expect(isOpenNow(input, at('2026-01-06T12:00:00Z'))).toBe(false);
  });

  it('follows London time in summer', () => {
    const input = service();
    expect(isOpenNow(input, at('2026-07-14T08:59:59Z'))).toBe(false);
    expect(isOpenNow(input, at('2026-07-14T09:00:00Z'))).toBe(true);
    expect(isOpenNow(input, at('2026-07-14T10:30:00Z'))).toBe(true);
    expect(isOpenNow(input, at('2026-07-14T11:00:00Z'))).toBe(false);
  });

  it('is closed on a day with no session or a closure', () => {
    expect(isOpenNow(service(), at('2026-01-07T11:00:00Z'))).toBe(false);
    expect(isOpenNow(service({ closures: [closure('2026-01-06')] }), at('2026-01-06T11:00:00Z'))).toBe(false);
  });

  it('is open in the gap between two sessions only when one is running', () => {
    const input = service({
      schedules: [
        schedule({ _key: 'am', opensAt: '10:00', closesAt: '12:00' }),
        schedule({ _key: 'pm', opensAt: '14:00', closesAt: '16:00' }),
      ],
    });
    expect(isOpenNow(input, at('2026-01-06T13:00:00Z'))).toBe(false);
    expect(isOpenNow(input, at('2026-01-06T14:00:00Z'))).toBe(true);
  });
});

describe('isOnToday', () => {
  it('is true before and during the session, false once it has ended', () => {
    const input = service();
    expect(isOnToday(input, at('2026-01-06T07:00:00Z'))).toBe(true);
    expect(isOnToday(input, at('2026-01-06T11:00:00Z'))).toBe(true);
    expect(isOnToday(input, at('2026-01-06T12:00:00Z'))).toBe(false);
  });

  it('is false on a day without a session', () => {
    expect(isOnToday(service(), at('2026-01-07T07:00:00Z'))).toBe(false);
  });

  it('uses the London date, not the UTC one', () => {
    // 23:30 UTC on Monday 13 July is 00:30 on Tuesday 14 July in London.
    expect(isOnToday(service(), at('2026-07-13T23:30:00Z'))).toBe(true);
    expect(londonDateOf(at('2026-07-13T23:30:00Z'))).toBe('2026-07-14');
    expect(londonDateOf(at('2026-01-13T23:30:00Z'))).toBe('2026-01-13');
  });
});

describe('sessionsOnDate', () => {
  it('lists every session on the date, including ones that are over', () => {
    const input = service({
      schedules: [
        schedule({ _key: 'pm', opensAt: '14:00', closesAt: '16:00' }),
        schedule({ _key: 'am', opensAt: '10:00', closesAt: '12:00' }),
      ],
    });
    expect(sessionsOnDate(input, '2026-01-06').map((s) => s.scheduleKey)).toEqual(['am', 'pm']);
    expect(sessionsOnDate(input, '2026-01-07')).toEqual([]);
  });

  it('rejects something that is not a date', () => {
    expect(() => sessionsOnDate(service(), '6 January')).toThrow(RangeError);
    expect(() => sessionsOnDate(service(), '2026-02-30')).toThrow(RangeError);
  });
});

describe('clock changes in 2026', () => {
  it('a 10am session is 10:00 UTC in January and 09:00 UTC in July', () => {
    expect(nextSessions(service(), at('2026-01-01T00:00:00Z'), 1)[0]?.startsAt.toISOString()).toBe(
      '2026-01-06T10:00:00.000Z',
    );
    expect(nextSessions(service(), at('2026-07-01T00:00:00Z'), 1)[0]?.startsAt.toISOString()).toBe(
      '2026-07-07T09:00:00.000Z',
    );
  });

  it('moves an hour earlier in UTC across the spring change, not in London', () => {
    const sessions = nextSessions(service(), at('2026-03-23T00:00:00Z'), 2);
    expect(starts(sessions)).toEqual(['2026-03-24T10:00:00+00:00', '2026-03-31T10:00:00+01:00']);
    expect(startsUtc(sessions)).toEqual(['2026-03-24T10:00:00.000Z', '2026-03-31T09:00:00.000Z']);
  });

  it('moves an hour later in UTC across the autumn change, not in London', () => {
    const sessions = nextSessions(service(), at('2026-10-19T00:00:00Z'), 2);
    expect(starts(sessions)).toEqual(['2026-10-20T10:00:00+01:00', '2026-10-27T10:00:00+00:00']);
    expect(startsUtc(sessions)).toEqual(['2026-10-20T09:00:00.000Z', '2026-10-27T10:00:00.000Z']);
  });

  it('keeps a daytime session on the Sunday of each change at its London time', () => {
    const sunday = service({ schedules: [schedule({ day: 'sunday' })] });
    expect(sessionsOnDate(sunday, '2026-03-29')[0]?.startsAt.toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(sessionsOnDate(sunday, '2026-10-25')[0]?.startsAt.toISOString()).toBe('2026-10-25T10:00:00.000Z');
  });

  describe('Sunday 29 March 2026: 01:00 to 02:00 does not happen in London', () => {
    const sunday = (opensAt: string, closesAt: string) =>
      service({ schedules: [schedule({ day: 'sunday', opensAt, closesAt })] });

    it('opens a 01:30 session when the clocks jump to 02:00 BST', () => {
      const [session] = sessionsOnDate(sunday('01:30', '03:00'), '2026-03-29');
      expect(session?.start).toBe('2026-03-29T02:00:00+01:00');
      expect(session?.startsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(session?.end).toBe('2026-03-29T03:00:00+01:00');
    });

    it('keeps the same session at 01:30 on the Sundays either side', () => {
      const input = sunday('01:30', '03:00');
      expect(sessionsOnDate(input, '2026-03-22')[0]?.startsAt.toISOString()).toBe('2026-03-22T01:30:00.000Z');
      expect(sessionsOnDate(input, '2026-04-05')[0]?.startsAt.toISOString()).toBe('2026-04-05T00:30:00.000Z');
    });

    it('closes a session that should close at 01:30 when the clocks jump', () => {
      const [session] = sessionsOnDate(sunday('00:30', '01:30'), '2026-03-29');
      expect(session?.startsAt.toISOString()).toBe('2026-03-29T00:30:00.000Z');
      expect(session?.endsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    });

    it('drops a session that opens and closes inside the missing hour', () => {
      const input = sunday('01:15', '01:45');
      expect(sessionsOnDate(input, '2026-03-29')).toEqual([]);
      expect(dates(nextSessions(input, at('2026-03-28T00:00:00Z'), 1))).toEqual(['2026-04-05']);
    });
  });

  describe('Sunday 25 October 2026: 01:00 to 02:00 happens twice in London', () => {
    it('runs an early-Sunday session for its real length, four hours from midnight to 3am', () => {
      const input = service({
        schedules: [schedule({ day: 'sunday', opensAt: '00:00', closesAt: '03:00' })],
      });
      const [session] = sessionsOnDate(input, '2026-10-25');
      expect(session?.start).toBe('2026-10-25T00:00:00+01:00');
      expect(session?.end).toBe('2026-10-25T03:00:00+00:00');
      expect(session?.startsAt.toISOString()).toBe('2026-10-24T23:00:00.000Z');
      expect(session!.endsAt.getTime() - session!.startsAt.getTime()).toBe(4 * 3_600_000);
    });

    it('opens a 01:30 session the first time the clock shows 01:30 (BST)', () => {
      const input = service({
        schedules: [schedule({ day: 'sunday', opensAt: '01:30', closesAt: '02:30' })],
      });
      const [session] = sessionsOnDate(input, '2026-10-25');
      expect(session?.start).toBe('2026-10-25T01:30:00+01:00');
      expect(session?.end).toBe('2026-10-25T02:30:00+00:00');
      expect(isOpenNow(input, at('2026-10-25T00:29:00Z'))).toBe(false);
      expect(isOpenNow(input, at('2026-10-25T00:30:00Z'))).toBe(true);
      // 01:15 GMT, the second time the clock shows 01:15: still open.
      expect(isOpenNow(input, at('2026-10-25T01:15:00Z'))).toBe(true);
      expect(isOpenNow(input, at('2026-10-25T02:30:00Z'))).toBe(false);
    });
  });
});

describe('describeSchedule', () => {
  it('describes weekly, fortnightly and monthly patterns', () => {
    expect(describeSchedule(schedule())).toBe('Every Tuesday, 10am to 12pm');
    expect(
      describeSchedule(
        schedule({
          frequency: 'fortnightly',
          day: 'wednesday',
          opensAt: '18:30',
          closesAt: '20:30',
          validFrom: '2026-01-07',
        }),
      ),
    ).toBe('Every other Wednesday, 6:30pm to 8:30pm');
    expect(
      describeSchedule(
        schedule({
          frequency: 'monthly',
          weekOfMonth: 1,
          day: 'monday',
          opensAt: '14:00',
          closesAt: '16:00',
        }),
      ),
    ).toBe('First Monday of the month, 2pm to 4pm');
    expect(
      describeSchedule(
        schedule({
          frequency: 'monthly',
          weekOfMonth: -1,
          day: 'friday',
          opensAt: '10:30',
          closesAt: '12:15',
        }),
      ),
    ).toBe('Last Friday of the month, 10:30am to 12:15pm');
  });

  it('names the second, third and fourth weeks', () => {
    const nth = (weekOfMonth: Schedule['weekOfMonth']) =>
      describeSchedule(schedule({ frequency: 'monthly', weekOfMonth, day: 'saturday' }));
    expect([nth(2), nth(3), nth(4)]).toEqual([
      'Second Saturday of the month, 10am to 12pm',
      'Third Saturday of the month, 10am to 12pm',
      'Fourth Saturday of the month, 10am to 12pm',
    ]);
  });
});

describe('formatTime', () => {
  it('writes times the NHS.UK way', () => {
    expect(['00:00', '00:30', '09:05', '10:00', '12:00', '12:30', '13:00', '23:59'].map(formatTime)).toEqual([
      'midnight',
      '12:30am',
      '9:05am',
      '10am',
      '12pm',
      '12:30pm',
      '1pm',
      '11:59pm',
    ]);
    expect(formatTimeRange('18:30', '20:00')).toBe('6:30pm to 8pm');
  });

  it('rejects something that is not a time', () => {
    expect(() => formatTime('24:00')).toThrow(RangeError);
    expect(() => formatTime('9:00')).toThrow(RangeError);
  });
});

describe('formatSession and formatDate', () => {
  it('writes a session with its day, date and London times', () => {
    const [winter] = nextSessions(service(), at('2026-12-01T00:00:00Z'), 1);
    expect(formatSession(winter!)).toBe('Tuesday 1 December, 10am to 12pm');
    const [summer] = nextSessions(service(), at('2026-07-14T00:00:00Z'), 1);
    expect(formatSession(summer!)).toBe('Tuesday 14 July, 10am to 12pm');
    expect(formatSession(summer!, { year: true })).toBe('Tuesday 14 July 2026, 10am to 12pm');
  });

  it('writes the real opening time of a session moved by the spring change', () => {
    const input = service({
      schedules: [schedule({ day: 'sunday', opensAt: '01:30', closesAt: '03:00' })],
    });
    expect(formatSession(sessionsOnDate(input, '2026-03-29')[0]!)).toBe('Sunday 29 March, 2am to 3am');
  });

  it('writes dates without leading zeros', () => {
    expect(formatDate('2026-01-06')).toBe('6 January 2026');
    expect(formatDate('2026-01-06', { weekday: true })).toBe('Tuesday 6 January 2026');
    expect(formatDate('2026-01-06', { weekday: true, year: false })).toBe('Tuesday 6 January');
  });

  it('reads a date-time as its London date', () => {
    expect(formatDate('2026-07-13T23:30:00Z')).toBe('14 July 2026');
    expect(formatDate('2026-07-14T00:30:00+01:00', { weekday: true })).toBe('Tuesday 14 July 2026');
  });

  it('rejects something that is not a date', () => {
    expect(() => formatDate('tomorrow')).toThrow(RangeError);
  });
});

describe('bank holidays', () => {
  /** Easter Sunday by the anonymous Gregorian algorithm, to check the listed Easter dates. */
  function easterSunday(year: number): Date {
    const a = year % 19;
    const b = Math.floor(year / 100);
    const c = year % 100;
    const d = Math.floor(b / 4);
    const e = b % 4;
    const f = Math.floor((b + 8) / 25);
    const g = Math.floor((b - f + 1) / 3);
    const h = (19 * a + b - d - g + 15) % 30;
    const i = Math.floor(c / 4);
    const k = c % 4;
    const l = (32 + 2 * e + 2 * i - h - k) % 7;
    const m = Math.floor((a + 11 * h + 22 * l) / 451);
    const month = Math.floor((h + l - 7 * m + 114) / 31);
    const day = ((h + l - 7 * m + 114) % 31) + 1;
    return new Date(Date.UTC(year, month - 1, day));
  }
  const plusDays = (date: Date, days: number) =>
    new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

  it('has eight a year for every covered year, all on weekdays', () => {
    for (let year = bankHolidayYears.first; year <= bankHolidayYears.last; year++) {
      expect(bankHolidays.filter((d) => d.startsWith(`${year}-`))).toHaveLength(8);
    }
    for (const date of bankHolidays) {
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      expect(weekday, date).not.toBe(0);
      expect(weekday, date).not.toBe(6);
    }
    expect([...bankHolidays].sort()).toEqual(bankHolidays);
  });

  it('has Good Friday and Easter Monday in every covered year', () => {
    for (let year = bankHolidayYears.first; year <= bankHolidayYears.last; year++) {
      const easter = easterSunday(year);
      expect(isBankHoliday(plusDays(easter, -2)), `Good Friday ${year}`).toBe(true);
      expect(isBankHoliday(plusDays(easter, 1)), `Easter Monday ${year}`).toBe(true);
    }
    expect(plusDays(easterSunday(2027), -2)).toBe('2027-03-26');
    expect(plusDays(easterSunday(2028), 1)).toBe('2028-04-17');
  });

  it('has the 2026 dates, including the Boxing Day substitute', () => {
    expect(bankHolidays.filter((d) => d.startsWith('2026-'))).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    expect(isBankHoliday('2026-12-26')).toBe(false);
  });

  it('has the substitute days for Christmas 2027 and New Year 2028', () => {
    expect(['2027-12-27', '2027-12-28', '2028-01-03'].every(isBankHoliday)).toBe(true);
    expect(['2027-12-25', '2027-12-26', '2028-01-01'].some(isBankHoliday)).toBe(false);
  });

  it('does not count an ordinary day', () => {
    expect(isBankHoliday('2026-05-26')).toBe(false);
    expect(isBankHoliday('not a date')).toBe(false);
  });
});
