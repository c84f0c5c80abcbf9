import { describe, expect, it } from 'vitest';
import { closure as closureSchema, schedule as scheduleSchema } from '../../src/content/profile';
import type { Schedule } from '../../src/content/profile';
import { nextSessions } from '../../src/schedules';
import type { ClosureRule } from '../../src/schedules';
import { closureToday, formatShortSession, whatsOn } from '../../src/schedules/whats-on';
import type { WhatsOnInput } from '../../src/schedules/whats-on';

// Builders go through the content profile, so the tests use only data an editor could publish.
function schedule(overrides: Partial<Schedule> = {}): Schedule {
  return scheduleSchema.parse({
    _key: 'tuesday-afternoon',
    _type: 'schedule',
    frequency: 'weekly',
    day: 'tuesday',
    opensAt: '14:00',
    closesAt: '16:00',
    ...overrides,
  });
}

function closure(from: string, to?: string, venue?: string): ClosureRule {
  return closureSchema.parse({
    _key: `closure-${from}`,
    _type: 'closure',
    from,
    ...(to ? { to } : {}),
    ...(venue ? { location: { _type: 'reference', _ref: venue } } : {}),
    reason: 'Christmas break',
  });
}

function service(overrides: Partial<WhatsOnInput> = {}): WhatsOnInput {
  return {
    status: 'active',
    closedOnBankHolidays: false,
    accessRoute: 'drop-in',
    coverage: ['venue'],
    schedules: [schedule()],
    closures: [],
    venues: [{ _id: 'venue-library', name: 'Marcus Garvey Library' }],
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
/** The short label of the first session at or after `now`. */
const shortNext = (input: WhatsOnInput, now: Date) => formatShortSession(nextSessions(input, now, 1)[0]!, now);

describe('formatShortSession', () => {
  // Tuesday 1 December 2026, 9am in London (GMT).
  const tuesdayMorning = at('2026-12-01T09:00:00Z');

  it('says "Today" with the time for a session later today', () => {
    expect(shortNext(service(), tuesdayMorning)).toBe('Today 2pm');
  });

  it('says "Tomorrow" with minutes when the session is not on the hour', () => {
    const input = service({ schedules: [schedule({ day: 'wednesday', opensAt: '10:30', closesAt: '12:00' })] });
    expect(shortNext(input, tuesdayMorning)).toBe('Tomorrow 10:30am');
  });

  it('gives only the short weekday for the rest of this week', () => {
    const input = service({ schedules: [schedule({ day: 'thursday', opensAt: '10:00', closesAt: '11:00' })] });
    expect(shortNext(input, tuesdayMorning)).toBe('Thu 10am');
    const monday = service({ schedules: [schedule({ day: 'monday', opensAt: '10:00', closesAt: '11:00' })] });
    expect(shortNext(monday, tuesdayMorning)).toBe('Mon 10am');
  });

  it('adds the date a week or more ahead', () => {
    // Today's session is over by 5pm: the next is a week on, so the weekday alone would mislead.
    expect(shortNext(service(), at('2026-12-01T17:00:00Z'))).toBe('Tue 8 Dec 2pm');
    const saturday = service({
      schedules: [schedule({ day: 'saturday', opensAt: '11:00', closesAt: '12:00', validFrom: '2026-12-10' })],
    });
    expect(shortNext(saturday, tuesdayMorning)).toBe('Sat 12 Dec 11am');
  });

  it('names the year more than six months ahead', () => {
    const later = service({ schedules: [schedule({ validFrom: '2027-08-01' })] });
    expect(shortNext(later, tuesdayMorning)).toBe('Tue 3 Aug 2027 2pm');
  });

  it('counts days in London, not UTC, the night the clocks go forward', () => {
    // 23:30 GMT on Saturday 28 March 2026; the clocks go forward at 1am on Sunday.
    const sunday = service({ schedules: [schedule({ day: 'sunday', opensAt: '10:00', closesAt: '12:00' })] });
    expect(shortNext(sunday, at('2026-03-28T23:30:00Z'))).toBe('Tomorrow 10am');
    // 00:30 GMT is already Sunday in London: the session is today, at 10am British Summer Time.
    expect(shortNext(sunday, at('2026-03-29T00:30:00Z'))).toBe('Today 10am');
  });

  it('counts days in London, not UTC, the night the clocks go back', () => {
    // 23:30 UTC on Saturday 24 October 2026 is 00:30 BST on Sunday 25 October in London.
    const sunday = service({ schedules: [schedule({ day: 'sunday', opensAt: '10:00', closesAt: '12:00' })] });
    expect(shortNext(sunday, at('2026-10-24T23:30:00Z'))).toBe('Today 10am');
    // By 10am GMT that day the session (10am London time) has started: it is on now.
    expect(whatsOn(sunday, at('2026-10-25T10:30:00Z')).text).toBe('On now until 12pm');
  });
});

describe('whatsOn', () => {
  const monday = at('2026-12-21T12:00:00Z');

  it('gives the next session, skipping closed days and bank holidays', () => {
    // Tuesdays 22 and 29 December are closed: the next session is Tuesday 5 January.
    const input = service({ closures: [closure('2026-12-22', '2026-12-29')] });
    expect(whatsOn(input, monday)).toEqual({ text: 'Tue 5 Jan 2pm', kind: 'session' });
    expect(whatsOn(input, at('2026-12-30T12:00:00Z')).text).toBe('Tue 2pm');
    const bankHoliday = service({
      closedOnBankHolidays: true,
      schedules: [schedule({ day: 'monday', opensAt: '10:00', closesAt: '12:00' })],
    });
    // Monday 28 December 2026 is the Boxing Day bank holiday.
    expect(whatsOn(bankHoliday, at('2026-12-27T12:00:00Z')).text).toBe('Mon 4 Jan 10am');
  });

  it('says "On now" with the closing time while a session runs', () => {
    expect(whatsOn(service(), at('2026-12-22T14:30:00Z'))).toEqual({ text: 'On now until 4pm', kind: 'session' });
  });

  it('says "Closed until" the day it opens again when a closure covers today', () => {
    const input = service({ closures: [closure('2026-12-21', '2027-01-04')] });
    expect(whatsOn(input, monday)).toEqual({ text: 'Closed until 5 January 2027', kind: 'closed' });
    const sameYear = service({ closures: [closure('2026-12-01', '2026-12-24')] });
    expect(whatsOn(sameYear, monday).text).toBe('Closed until 25 December');
  });

  it('says "Closed today" for a closure of one day', () => {
    expect(whatsOn(service({ closures: [closure('2026-12-21')] }), monday).text).toBe('Closed today');
  });

  it('names the venue of a venue closure and still gives the sessions elsewhere', () => {
    const input = service({
      venues: [
        { _id: 'venue-library', name: 'Marcus Garvey Library' },
        { _id: 'venue-hall', name: 'Bruce Grove Hall' },
      ],
      schedules: [
        schedule({ _key: 'library', location: { _type: 'reference', _ref: 'venue-library' } }),
        schedule({
          _key: 'hall',
          day: 'thursday',
          opensAt: '10:00',
          closesAt: '11:00',
          location: { _type: 'reference', _ref: 'venue-hall' },
        }),
      ],
      closures: [closure('2026-12-21', '2027-01-04', 'venue-library')],
    });
    expect(whatsOn(input, monday)).toEqual({
      text: 'Thu 10am',
      kind: 'session',
      notice: 'Closed at Marcus Garvey Library until 5 January 2027',
    });
  });

  it('says "Closed" when the service is not running', () => {
    expect(whatsOn(service({ status: 'temporarily-closed' }), monday)).toEqual({ text: 'Closed', kind: 'closed' });
    expect(whatsOn(service({ status: 'inactive' }), monday).text).toBe('Closed');
  });

  it('says how to reach a service with no sessions', () => {
    const none = { schedules: [] };
    expect(whatsOn(service({ ...none, coverage: ['phone', 'borough-wide'] }), monday)).toEqual({
      text: 'Phone service',
      kind: 'contact',
    });
    expect(whatsOn(service({ ...none, coverage: ['online'] }), monday).text).toBe('Online');
    expect(whatsOn(service({ ...none, accessRoute: 'referral-needed' }), monday).text).toBe('By referral');
    expect(whatsOn(service({ ...none, accessRoute: 'via-connector' }), monday).text).toBe('By referral');
    expect(whatsOn(service(none), monday).text).toBe('Drop in at Marcus Garvey Library during opening hours');
    expect(whatsOn(service({ ...none, venues: [] }), monday).text).toBe('Drop in during opening hours');
    expect(whatsOn(service({ ...none, accessRoute: 'self-refer' }), monday).text).toBe('Contact them to find out when');
  });

  it('says so when every session is in the past', () => {
    const ended = service({ schedules: [schedule({ validTo: '2026-06-30' })] });
    expect(whatsOn(ended, monday)).toEqual({ text: 'No dates coming up', kind: 'none' });
  });
});

describe('closureToday', () => {
  it('prefers a closure of the whole service over one of a venue, and the longest of several', () => {
    const found = closureToday(
      {
        closures: [
          closure('2026-12-20', '2026-12-31', 'venue-library'),
          closure('2026-12-21', '2026-12-22'),
          { ...closure('2026-12-18', '2026-12-28'), _key: 'longer' } as ClosureRule,
        ],
      },
      at('2026-12-21T09:00:00Z'),
    );
    expect(found).toMatchObject({ reopens: '2026-12-29', venue: undefined });
  });

  it('finds nothing on a day no closure covers', () => {
    expect(closureToday({ closures: [closure('2026-12-24', '2026-12-26')] }, at('2026-12-21T09:00:00Z'))).toBe(
      undefined,
    );
  });
});
