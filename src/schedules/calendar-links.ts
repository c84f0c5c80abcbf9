/**
 * "Add to Google calendar" and "Add to Outlook calendar": links that open the person's own
 * calendar with one session filled in, beside the `.ics` file (which holds the next weeks).
 *
 * Times go in as UTC instants (`20260714T090000Z`, `2026-07-14T09:00:00Z`), so the calendar
 * shows the right London time whatever the clocks are doing and wherever the phone thinks it is.
 * Only published details go in: the service's name, summary, page and a public venue's address;
 * nothing about the person, and no referral link.
 */
import type { Session } from './index';

/** What a calendar link says about one session. */
export type CalendarLinkInput = {
  name: string;
  summary: string;
  /** The public page for the service. */
  url: string;
  /** A public venue's address, or nothing (a confidential venue is never put in). */
  location?: string | null;
};

export type CalendarLinks = { google: string; outlook: string };

/** `encodeURIComponent` for each value: a space as %20, not "+", which Outlook shows as "+". */
function query(params: Record<string, string | null | undefined>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
}

/** "2026-07-14T09:00:00Z": an instant in UTC, to the second. */
const isoUtc = (instant: Date) => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** "20260714T090000Z": the same in the basic format Google's link takes. */
const basicUtc = (instant: Date) => isoUtc(instant).replace(/[-:]/g, '');

/** The words for the event: the summary, the session's note, and where the details are. */
function details(input: CalendarLinkInput, session: Pick<Session, 'note'>): string {
  return [input.summary, session.note, `Details: ${input.url}`].filter(Boolean).join('\n\n');
}

/** Links that add `session` to Google Calendar and to Outlook.com. */
export function calendarLinks(
  input: CalendarLinkInput,
  session: Pick<Session, 'startsAt' | 'endsAt' | 'note'>,
): CalendarLinks {
  const text = details(input, session);
  const google = query({
    action: 'TEMPLATE',
    text: input.name,
    dates: `${basicUtc(session.startsAt)}/${basicUtc(session.endsAt)}`,
    details: text,
    location: input.location,
  });
  const outlook = query({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: input.name,
    startdt: isoUtc(session.startsAt),
    enddt: isoUtc(session.endsAt),
    body: text,
    location: input.location,
  });
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?${outlook}`,
  };
}
