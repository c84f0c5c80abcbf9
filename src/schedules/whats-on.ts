/**
 * "What's on" for a card in a list: the next session in a few words ("Today 2pm", "Thu 10am"),
 * a closure ("Closed until 5 January"), or, for a service with no sessions, how to reach it.
 *
 * Built on `nextSessions`, so closures (of the service or of one venue), bank holidays and
 * fortnightly or monthly rules are honoured, in Europe/London across the clock changes. Like the
 * rest of this folder it never reads the clock: pass `now`.
 */
import { DateTime } from 'luxon';
import type { Service } from '../content/profile';
import { closureRange, formatTime, LONDON, londonDateOf, monthNames, nextSessions } from './index';
import type { ClosureRule, ScheduleInput, Session } from './index';

const shortDays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayMs = 86_400_000;
/** Beyond this many days a short date also names its year, so "5 Jan" cannot be read as this January. */
const yearAfterDays = 180;

/** Days from one London date (YYYY-MM-DD) to another. */
function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / dayMs);
}

/** The London clock time of an instant in NHS.UK style ("2pm", "10:30am"). */
function clockOf(instant: Date): string {
  return formatTime(DateTime.fromJSDate(instant, { zone: LONDON }).toFormat('HH:mm'));
}

/**
 * A session's start in a few words, as a London reader would say it relative to `now`:
 * "Today 2pm", "Tomorrow 10:30am", "Thu 10am" (the rest of this week), "Sat 12 Dec 11am" (later),
 * "Tue 5 Jan 2027 10am" (more than six months away).
 */
export function formatShortSession(session: Pick<Session, 'date' | 'startsAt'>, now: Date): string {
  const days = daysBetween(londonDateOf(now), session.date);
  const clock = clockOf(session.startsAt);
  if (days <= 0) return `Today ${clock}`;
  if (days === 1) return `Tomorrow ${clock}`;
  const date = DateTime.fromISO(session.date, { zone: 'utc' });
  const weekday = shortDays[date.weekday - 1];
  if (days < 7) return `${weekday} ${clock}`;
  const year = days > yearAfterDays ? ` ${date.year}` : '';
  return `${weekday} ${date.day} ${shortMonths[date.month - 1]}${year} ${clock}`;
}

/** "5 January", with the year when it is not the year of `today` (YYYY-MM-DD). */
function dayMonth(iso: string, today: string): string {
  const date = DateTime.fromISO(iso, { zone: 'utc' });
  const year = iso.slice(0, 4) === today.slice(0, 4) ? '' : ` ${date.year}`;
  return `${date.day} ${monthNames[date.month - 1]}${year}`;
}

/** The day after a London date. */
function nextDay(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).plus({ days: 1 }).toISODate() ?? iso;
}

/** A closure in force on a date, with the date it opens again (the day after its last day). */
export type ClosureToday = { closure: ClosureRule; reopens: string; venue: string | undefined };

/**
 * The closure covering the London date of `now`, if any: a whole-service closure first, then one
 * of a venue. Of several, the one lasting longest wins, so "until" is never too early.
 */
export function closureToday(
  input: Pick<ScheduleInput, 'closures'> & { venues?: readonly VenueName[] | null },
  now: Date,
): ClosureToday | undefined {
  const today = londonDateOf(now);
  const covering = (input.closures ?? [])
    .map((closure) => ({ closure, range: closureRange(closure) }))
    .filter(({ range: [from, to] }) => from <= today && today <= to)
    .sort(
      (a, b) =>
        Number(Boolean(a.closure.location)) - Number(Boolean(b.closure.location)) ||
        (a.range[1] < b.range[1] ? 1 : a.range[1] > b.range[1] ? -1 : 0),
    );
  const first = covering[0];
  if (!first) return undefined;
  const ref = first.closure.location?._ref;
  const venue = ref === undefined ? undefined : (input.venues?.find((place) => place._id === ref)?.name ?? 'one venue');
  return { closure: first.closure, reopens: nextDay(first.range[1]), venue };
}

/** A venue's id and public name, for "Closed at ... until ...". */
export type VenueName = { _id: string; name: string };

/** What a card needs to say what's on. */
export type WhatsOnInput = ScheduleInput &
  Pick<Service, 'accessRoute' | 'coverage'> & {
    /** The service's venues, for closure notices and "Drop in at ...". */
    venues?: readonly VenueName[] | null;
  };

/** What's on, for a card: the main words, and a notice (a venue closure) to show beside them. */
export type WhatsOn = {
  /** "Today 2pm", "On now until 4pm", "Closed until 5 January", "Phone service"... */
  text: string;
  /** What kind of answer it is, for styling: a session, a closure, or how to get in touch. */
  kind: 'session' | 'closed' | 'contact' | 'none';
  /** "Closed at Tottenham Library until 5 January", when one venue is closed today. */
  notice?: string;
};

/** How to reach a service that has no sessions, in honest words from its coverage and way in. */
function reachText(input: WhatsOnInput): string {
  if (input.coverage.includes('phone')) return 'Phone service';
  if (input.coverage.includes('online')) return 'Online';
  if (input.accessRoute === 'referral-needed' || input.accessRoute === 'via-connector') return 'By referral';
  if (input.accessRoute === 'drop-in') {
    const venue = input.venues?.[0]?.name;
    return venue ? `Drop in at ${venue} during opening hours` : 'Drop in during opening hours';
  }
  return 'Contact them to find out when';
}

/** What's on at a service, as of `now` (see the module notes). */
export function whatsOn(input: WhatsOnInput, now: Date): WhatsOn {
  if (input.status !== 'active') return { text: 'Closed', kind: 'closed' };
  const today = londonDateOf(now);
  const closed = closureToday(input, now);
  // "until" names the day it opens again; a closure of today only says "today".
  const until =
    closed && (closureRange(closed.closure)[1] === today ? 'today' : `until ${dayMonth(closed.reopens, today)}`);
  if (closed && closed.venue === undefined) return { text: `Closed ${until}`, kind: 'closed' };
  const notice = closed ? `Closed at ${closed.venue} ${until}` : undefined;
  const withNotice = (answer: WhatsOn): WhatsOn => (notice ? { ...answer, notice } : answer);
  if ((input.schedules ?? []).length === 0) return withNotice({ text: reachText(input), kind: 'contact' });
  const [next] = nextSessions(input, now, 1);
  if (!next) return withNotice({ text: 'No dates coming up', kind: 'none' });
  if (next.startsAt <= now) return withNotice({ text: `On now until ${clockOf(next.endsAt)}`, kind: 'session' });
  return withNotice({ text: formatShortSession(next, now), kind: 'session' });
}

/** The words a card shows: "Next: " before a coming session ("Next: Today 2pm"), else as they are. */
export function cardLine(answer: WhatsOn): string {
  return answer.kind === 'session' && !answer.text.startsWith('On now') ? `Next: ${answer.text}` : answer.text;
}
