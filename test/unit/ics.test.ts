import { describe, expect, it } from 'vitest';
import { NoUpcomingSessionsError, serviceCalendar } from '../../src/schedules/ics';
import type { CalendarInput } from '../../src/schedules/ics';
import { nextSessions } from '../../src/schedules';
import type { ScheduleRule } from '../../src/schedules';

const tuesdays: ScheduleRule = {
  _key: 'tuesday-morning',
  frequency: 'weekly',
  day: 'tuesday',
  opensAt: '10:00',
  closesAt: '12:00',
};

function calendarInput(overrides: Partial<CalendarInput> = {}): CalendarInput {
  return {
    id: '6f1c2a9e-0b1d-4c3e-9f7a-2d5e8b4c1a00',
    name: 'Tottenham Wellbeing Cafe',
    summary: 'A friendly drop-in cafe for adults who feel low or lonely, with tea and peer support.',
    url: 'https://signpost.example/services/tottenham-wellbeing-cafe',
    locationText: 'Marcus Garvey Library, 1 Philip Lane, London N15 4JA',
    status: 'active',
    closedOnBankHolidays: true,
    schedules: [tuesdays],
    closures: [],
    ...overrides,
  };
}

/** Splits an iCalendar file into logical lines, undoing RFC 5545 line folding. */
function contentLines(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

function property(lines: string[], name: string): string[] {
  return lines
    .filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
    .map((l) => l.slice(l.indexOf(':') + 1));
}

/** The VEVENT blocks, each as its own list of lines. */
function events(lines: string[]): string[][] {
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT') {
      if (current) found.push(current);
      current = undefined;
    } else current?.push(line);
  }
  return found;
}

const from = new Date('2026-01-05T12:00:00Z');

describe('serviceCalendar', () => {
  it('is a calendar with CRLF line endings and nothing else', () => {
    const ics = serviceCalendar(calendarInput(), from);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = contentLines(ics);
    expect(property(lines, 'VERSION')).toEqual(['2.0']);
    expect(property(lines, 'PRODID')).toEqual(['-//Signpost//Community services directory//EN']);
    expect(property(lines, 'METHOD')).toEqual(['PUBLISH']);
    expect(property(lines, 'X-WR-CALNAME')).toEqual(['Tottenham Wellbeing Cafe']);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(lines.filter((l) => l === 'END:VEVENT').length);
  });

  it('has one event per session in the next 12 weeks', () => {
    const lines = contentLines(serviceCalendar(calendarInput(), from));
    const expected = nextSessions(calendarInput(), from, 100, 84);
    expect(expected).toHaveLength(12);
    expect(events(lines)).toHaveLength(12);
    expect(property(lines, 'DTSTART')[0]).toBe('20260106T100000Z');
    expect(property(lines, 'DTSTART').at(-1)).toBe('20260324T100000Z');
  });

  it('honours a shorter horizon', () => {
    expect(events(contentLines(serviceCalendar(calendarInput(), from, 2)))).toHaveLength(2);
  });

  it('writes UTC times that keep 10am London time across the spring change', () => {
    const lines = contentLines(serviceCalendar(calendarInput(), new Date('2026-03-16T00:00:00Z'), 3));
    expect(property(lines, 'DTSTART')).toEqual(['20260317T100000Z', '20260324T100000Z', '20260331T090000Z']);
    expect(property(lines, 'DTEND')).toEqual(['20260317T120000Z', '20260324T120000Z', '20260331T110000Z']);
  });

  it('writes UTC times that keep 10am London time across the autumn change', () => {
    const lines = contentLines(serviceCalendar(calendarInput(), new Date('2026-10-19T00:00:00Z'), 2));
    expect(property(lines, 'DTSTART')).toEqual(['20261020T090000Z', '20261027T100000Z']);
  });

  it('leaves out closures and bank holidays', () => {
    const input = calendarInput({
      schedules: [{ ...tuesdays, day: 'monday' }],
      closures: [{ from: '2026-05-11', to: '2026-05-18' }],
    });
    const lines = contentLines(serviceCalendar(input, new Date('2026-05-01T00:00:00Z'), 5));
    // Mondays 4 May (bank holiday), 11 and 18 May (closed), 25 May (bank holiday), 1 June.
    expect(property(lines, 'DTSTART')).toEqual(['20260601T090000Z']);
  });

  it('gives each session a UID that is stable per service and start', () => {
    const first = serviceCalendar(calendarInput(), from);
    const uids = property(contentLines(first), 'UID');
    expect(uids[0]).toBe('6f1c2a9e-0b1d-4c3e-9f7a-2d5e8b4c1a00-20260106T100000Z@signpost');
    expect(new Set(uids).size).toBe(uids.length);
    // Same input and `from`: the same file, byte for byte (DTSTAMP is `from`, not the clock).
    expect(serviceCalendar(calendarInput(), from)).toBe(first);
    expect(property(contentLines(first), 'DTSTAMP')[0]).toBe('20260105T120000Z');
    // A later download keeps the UIDs of the sessions both files share.
    const later = property(contentLines(serviceCalendar(calendarInput(), new Date('2026-01-12T12:00:00Z'))), 'UID');
    expect(later[0]).toBe(uids[1]);
  });

  it('describes the service with its published details only', () => {
    const [event] = events(contentLines(serviceCalendar(calendarInput(), from)));
    expect(property(event!, 'SUMMARY')).toEqual(['Tottenham Wellbeing Cafe']);
    expect(property(event!, 'URL')).toEqual(['https://signpost.example/services/tottenham-wellbeing-cafe']);
    expect(property(event!, 'LOCATION')).toEqual(['Marcus Garvey Library\\, 1 Philip Lane\\, London N15 4JA']);
    expect(property(event!, 'DESCRIPTION')[0]).toContain('A friendly drop-in cafe');
    expect(property(event!, 'DESCRIPTION')[0]).toContain('https://signpost.example/services/tottenham-wellbeing-cafe');
    expect(event!.some((l) => /^(ATTENDEE|ORGANIZER)/.test(l))).toBe(false);
  });

  it('uses the venue of each session when there is more than one', () => {
    const input = calendarInput({
      schedules: [
        { ...tuesdays, _key: 'library', location: { _ref: 'loc-library' } },
        {
          ...tuesdays,
          _key: 'hall',
          day: 'thursday',
          location: { _ref: 'loc-hall' },
          note: 'Upstairs',
        },
      ],
      locationTexts: {
        'loc-library': 'Marcus Garvey Library',
        'loc-hall': 'Bruce Grove Hall',
      },
    });
    const [tuesday, thursday] = events(contentLines(serviceCalendar(input, from, 1)));
    expect(property(tuesday!, 'LOCATION')).toEqual(['Marcus Garvey Library']);
    expect(property(thursday!, 'LOCATION')).toEqual(['Bruce Grove Hall']);
    expect(property(thursday!, 'DESCRIPTION')[0]).toContain('Upstairs');
  });

  it('throws NoUpcomingSessionsError when there is nothing to add', () => {
    expect(() => serviceCalendar(calendarInput({ status: 'temporarily-closed' }), from)).toThrow(
      NoUpcomingSessionsError,
    );
    expect(() => serviceCalendar(calendarInput({ schedules: [] }), from)).toThrow(NoUpcomingSessionsError);
    const closedForAges = calendarInput({
      closures: [{ from: '2026-01-01', to: '2026-06-30' }],
    });
    try {
      serviceCalendar(closedForAges, from);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(NoUpcomingSessionsError);
      expect((error as NoUpcomingSessionsError).code).toBe('no-upcoming-sessions');
    }
  });

  it('leaves out the sessions of a venue closed for a while, and keeps the other venue', () => {
    const input = calendarInput({
      schedules: [
        { ...tuesdays, _key: 'library', location: { _ref: 'venue-library' } },
        { ...tuesdays, _key: 'hall', opensAt: '14:00', closesAt: '15:00', location: { _ref: 'venue-hall' } },
      ],
      locationTexts: { 'venue-library': 'Marcus Garvey Library', 'venue-hall': 'Bruce Grove Hall' },
      closures: [{ from: '2026-01-06', to: '2026-01-13', location: { _ref: 'venue-library' } }],
    });
    const found = events(contentLines(serviceCalendar(input, from, 2)));
    expect(found.map((event) => `${property(event, 'DTSTART')[0]} ${property(event, 'LOCATION')[0]}`)).toEqual([
      '20260106T140000Z Bruce Grove Hall',
      '20260113T140000Z Bruce Grove Hall',
    ]);
  });
});
