import { describe, expect, it } from 'vitest';
import { calendarLinks } from '../../src/schedules/calendar-links';
import { nextSessions, type ScheduleInput } from '../../src/schedules';

const service = {
  name: 'Tottenham Wellbeing Cafe',
  summary: 'A friendly drop-in cafe with tea & peer support.',
  url: 'https://signpost.example/services/tottenham-wellbeing-cafe',
  location: 'Marcus Garvey Library, 1 Philip Lane, London, N15 4JA',
};

const tuesdays: ScheduleInput = {
  status: 'active',
  closedOnBankHolidays: false,
  schedules: [{ _key: 'tue', frequency: 'weekly', day: 'tuesday', opensAt: '10:00', closesAt: '12:00' }],
  closures: [],
};

/** The query of a link as a map, decoded. */
const paramsOf = (link: string) => Object.fromEntries(new URL(link).searchParams);

function firstSessionFrom(iso: string) {
  return nextSessions(tuesdays, new Date(iso), 1)[0]!;
}

describe('calendarLinks', () => {
  it('gives Google the session in UTC: 10am London in summer is 9am UTC', () => {
    const session = firstSessionFrom('2026-07-13T12:00:00Z');
    const { google } = calendarLinks(service, session);
    expect(google.startsWith('https://calendar.google.com/calendar/render?')).toBe(true);
    expect(paramsOf(google)).toMatchObject({
      action: 'TEMPLATE',
      text: 'Tottenham Wellbeing Cafe',
      dates: '20260714T090000Z/20260714T110000Z',
      location: service.location,
    });
  });

  it('gives Outlook the same instants: 10am London in winter is 10am UTC', () => {
    const session = firstSessionFrom('2026-01-05T12:00:00Z');
    const { outlook } = calendarLinks(service, session);
    expect(outlook.startsWith('https://outlook.live.com/calendar/0/deeplink/compose?')).toBe(true);
    expect(paramsOf(outlook)).toMatchObject({
      subject: 'Tottenham Wellbeing Cafe',
      startdt: '2026-01-06T10:00:00Z',
      enddt: '2026-01-06T12:00:00Z',
      location: service.location,
    });
  });

  it('follows the clocks: the Tuesday after they go back is an hour later in UTC than the one before', () => {
    // The clocks go back on Sunday 25 October 2026.
    const before = calendarLinks(service, firstSessionFrom('2026-10-19T12:00:00Z'));
    const after = calendarLinks(service, firstSessionFrom('2026-10-26T12:00:00Z'));
    expect(paramsOf(before.google).dates).toBe('20261020T090000Z/20261020T110000Z');
    expect(paramsOf(after.google).dates).toBe('20261027T100000Z/20261027T120000Z');
    expect(paramsOf(before.outlook).startdt).toBe('2026-10-20T09:00:00Z');
    expect(paramsOf(after.outlook).startdt).toBe('2026-10-27T10:00:00Z');
    // And forward again on Sunday 29 March 2026.
    expect(paramsOf(calendarLinks(service, firstSessionFrom('2026-03-23T12:00:00Z')).google).dates).toBe(
      '20260324T100000Z/20260324T120000Z',
    );
    expect(paramsOf(calendarLinks(service, firstSessionFrom('2026-03-30T12:00:00Z')).google).dates).toBe(
      '20260331T090000Z/20260331T110000Z',
    );
  });

  it('says what it is and where the details are, with spaces written as %20', () => {
    const session = { ...firstSessionFrom('2026-07-13T12:00:00Z'), note: 'Bring a cup' };
    const { google, outlook } = calendarLinks(service, session);
    const expected = `${service.summary}\n\nBring a cup\n\nDetails: ${service.url}`;
    expect(paramsOf(google).details).toBe(expected);
    expect(paramsOf(outlook).body).toBe(expected);
    expect(google).not.toContain('+');
    expect(outlook).toContain('Tottenham%20Wellbeing%20Cafe');
    expect(google).toContain('tea%20%26%20peer');
  });

  it('leaves the place out when there is no public address', () => {
    const session = firstSessionFrom('2026-07-13T12:00:00Z');
    const { google, outlook } = calendarLinks({ ...service, location: undefined }, session);
    expect(paramsOf(google)).not.toHaveProperty('location');
    expect(paramsOf(outlook)).not.toHaveProperty('location');
  });
});
