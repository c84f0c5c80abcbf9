/**
 * "Add to calendar": a service's upcoming sessions as an iCalendar (RFC 5545) file.
 *
 * Each session is its own VEVENT with UTC times, rather than a recurrence rule, so closures, bank
 * holidays and clock changes are already applied and every calendar app shows the same times.
 * Only published service details go in: never anything about the person downloading it.
 */
import { createEvents } from 'ics';
import type { EventAttributes } from 'ics';
import { nextSessions } from './index';
import type { ScheduleInput, Session } from './index';

/** What the calendar needs to know about a service. */
export type CalendarInput = ScheduleInput & {
  /** The service's document id: it makes each event's UID stable across downloads. */
  id: string;
  name: string;
  summary: string;
  /** The public page for the service. */
  url: string;
  /** The address or "Online" / "By phone", used when a session names no venue of its own. */
  locationText?: string | null;
  /** Addresses by location `_ref`, for services that run at more than one venue. */
  locationTexts?: Readonly<Record<string, string>> | null;
};

/**
 * There are no sessions to put in a calendar (closed, no schedules, or none in the horizon).
 * RFC 5545 requires at least one component in a calendar, so the route answers 404 instead.
 */
export class NoUpcomingSessionsError extends Error {
  readonly code = 'no-upcoming-sessions';
  constructor(serviceId: string) {
    super(`service ${serviceId} has no upcoming sessions to put in a calendar`);
    this.name = 'NoUpcomingSessionsError';
  }
}

/** The `Content-Type` to serve the calendar with. */
export const calendarContentType = 'text/calendar; charset=utf-8';

const productId = '-//Signpost//Community services directory//EN';

/** "20260714T090000Z": the UTC basic format iCalendar uses. */
function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function toEvent(input: CalendarInput, session: Session, stamp: number): EventAttributes {
  const location =
    (session.locationRef !== undefined ? input.locationTexts?.[session.locationRef] : undefined) ??
    input.locationText ??
    undefined;
  const description = [input.summary, session.note, `Details: ${input.url}`]
    .filter((line): line is string => Boolean(line))
    .join('\n');
  // `timestamp` (DTSTAMP) is accepted by the library but missing from its types; setting it
  // keeps the file identical for the same `from` instead of stamping the time of the request.
  const event: EventAttributes & { timestamp: number } = {
    uid: `${input.id}-${utcStamp(session.startsAt)}@signpost`,
    title: input.name,
    description,
    url: input.url,
    start: session.startsAt.getTime(),
    end: session.endsAt.getTime(),
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    timestamp: stamp,
  };
  if (location) event.location = location;
  return event;
}

/**
 * The service's sessions from `from` for `weeks` weeks (London dates, today included), as an
 * iCalendar file with CRLF line endings. Throws `NoUpcomingSessionsError` when there are none.
 */
export function serviceCalendar(input: CalendarInput, from: Date, weeks = 12): string {
  const sessions = nextSessions(input, from, Number.POSITIVE_INFINITY, weeks * 7);
  if (sessions.length === 0) throw new NoUpcomingSessionsError(input.id);
  const stamp = from.getTime();
  const { error, value } = createEvents(
    sessions.map((session) => toEvent(input, session, stamp)),
    { productId, method: 'PUBLISH', calName: input.name },
  );
  if (error || value === null) {
    throw new Error(`could not write the calendar for service ${input.id}`, {
      cause: error,
    });
  }
  return value;
}
