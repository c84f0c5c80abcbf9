/**
 * When a service runs: upcoming sessions, "open now", "happening today", and plain English for them.
 *
 * Every schedule is a Europe/London wall-clock pattern; every session is a real instant, so "next
 * session" and "open now" stay true across the clock changes. Framework-free: pass the fields of a
 * service (or a query result holding them) and an explicit `now`; nothing here reads the clock.
 *
 * Rules, in order:
 * - Only `active` services have sessions ('temporarily-closed', 'inactive' and 'defunct' have none).
 * - A schedule applies from `validFrom` to `validTo`, both inclusive (London dates).
 * - Fortnightly sessions run every 14 days from `validFrom`, the anchor (if the anchor is not on
 *   the schedule's weekday, the first such weekday after it is used).
 * - Monthly sessions run on the nth (1-4) or the last (-1) such weekday of each month.
 * - Closures (`from` to `to`, inclusive; one day when `to` is absent) remove every session on
 *   those dates, as do bank holidays when `closedOnBankHolidays` is set. A closure that names a
 *   venue (`location`) removes only the sessions whose schedule names that venue.
 * - Clock changes: a time the clocks skip (01:00-01:59 on the last Sunday of March) is read as
 *   the moment they jump (02:00 BST), which is when a wall clock first shows a later time; a
 *   session that opens and closes inside the gap does not happen. A time the clocks repeat
 *   (01:00-01:59 on the last Sunday of October) is its first occurrence (BST).
 */
import { DateTime } from 'luxon';
import type { Closure, Schedule, Service } from '../content/profile';
import { isBankHoliday } from './bank-holidays';

export { bankHolidays, bankHolidayYears, isBankHoliday } from './bank-holidays';

/** The zone every schedule is written in. */
export const LONDON = 'Europe/London';

/** The schedule fields this module reads (a profile `Schedule` or a query projection of one). */
export type ScheduleRule = Pick<Schedule, '_key' | 'frequency' | 'day' | 'opensAt' | 'closesAt'> & {
  weekOfMonth?: Schedule['weekOfMonth'] | null;
  validFrom?: string | null;
  validTo?: string | null;
  location?: { _ref: string } | null;
  note?: string | null;
};

/** The closure fields this module reads. */
export type ClosureRule = Pick<Closure, 'from'> & {
  to?: string | null;
  /** Set when only one venue of the service is closed. */
  location?: { _ref: string } | null;
  reason?: string | null;
};

/** The service fields this module reads, so callers can pass a whole service or a query result. */
export type ScheduleInput = Pick<Service, 'status' | 'closedOnBankHolidays'> & {
  schedules?: readonly ScheduleRule[] | null;
  closures?: readonly ClosureRule[] | null;
};

/** One real occurrence of a schedule. */
export type Session = {
  /** The London calendar date it falls on (YYYY-MM-DD). */
  date: string;
  /** ISO 8601 with the London offset, e.g. "2026-07-14T10:00:00+01:00". */
  start: string;
  /** ISO 8601 with the London offset. */
  end: string;
  startsAt: Date;
  endsAt: Date;
  /** The `_key` of the schedule it comes from. */
  scheduleKey: string;
  /** The location `_ref` when the schedule names a venue. */
  locationRef?: string;
  note?: string;
};

const weekdayNumbers: Record<Schedule['day'], number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ordinals: Record<string, string> = {
  '1': 'First',
  '2': 'Second',
  '3': 'Third',
  '4': 'Fourth',
  '-1': 'Last',
};

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
const dayMs = 86_400_000;

type Clock = { hour: number; minute: number };

type PreparedRule = {
  key: string;
  frequency: Schedule['frequency'];
  weekday: number;
  weekOfMonth: number | undefined;
  opens: Clock;
  closes: Clock;
  validFrom: string | undefined;
  validTo: string | undefined;
  /** Epoch day of the first fortnightly session. */
  anchor: number | undefined;
  locationRef: string | undefined;
  note: string | undefined;
};

/** A closure as an inclusive range of London dates, for the whole service or one venue. */
type PreparedClosure = { from: string; to: string; locationRef: string | undefined };

type Prepared = {
  active: boolean;
  rules: PreparedRule[];
  closures: PreparedClosure[];
  closedOnBankHolidays: boolean;
};

/** A calendar date with no zone: luxon in UTC, used only for its year, month, day and weekday. */
function plainDate(iso: string): DateTime | undefined {
  if (!isoDatePattern.test(iso)) return undefined;
  const date = DateTime.fromISO(iso, { zone: 'utc' });
  return date.isValid ? date : undefined;
}

function epochDay(date: DateTime): number {
  return Math.round(date.toMillis() / dayMs);
}

function isoOf(date: DateTime): string {
  const iso = date.toISO({ suppressMilliseconds: true });
  if (iso === null) throw new RangeError(`invalid date-time: ${date.invalidReason}`);
  return iso;
}

function dateOf(date: DateTime): string {
  const iso = date.toISODate();
  if (iso === null) throw new RangeError(`invalid date: ${date.invalidReason}`);
  return iso;
}

function parseClock(value: string): Clock | undefined {
  const match = clockPattern.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

function assertValidDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}

/** Turns a schedule into something quick to test dates against; malformed ones never match. */
function prepareRule(rule: ScheduleRule): PreparedRule | undefined {
  const opens = parseClock(rule.opensAt);
  const closes = parseClock(rule.closesAt);
  const weekday = weekdayNumbers[rule.day];
  if (!opens || !closes || weekday === undefined || rule.opensAt >= rule.closesAt) return undefined;
  const validFrom = rule.validFrom ?? undefined;
  const validTo = rule.validTo ?? undefined;
  if (validFrom !== undefined && !plainDate(validFrom)) return undefined;
  if (validTo !== undefined && !plainDate(validTo)) return undefined;

  let anchor: number | undefined;
  if (rule.frequency === 'fortnightly') {
    // Without a date it runs on, we cannot know which weeks: show nothing rather than guess.
    const from = validFrom === undefined ? undefined : plainDate(validFrom);
    if (!from) return undefined;
    anchor = epochDay(from) + ((weekday - from.weekday + 7) % 7);
  }
  const weekOfMonth = rule.weekOfMonth ?? undefined;
  if (rule.frequency === 'monthly' && (weekOfMonth === undefined || !(String(weekOfMonth) in ordinals))) {
    return undefined;
  }
  return {
    key: rule._key,
    frequency: rule.frequency,
    weekday,
    weekOfMonth,
    opens,
    closes,
    validFrom,
    validTo,
    anchor,
    locationRef: rule.location?._ref ?? undefined,
    note: rule.note ?? undefined,
  };
}

function prepare(input: ScheduleInput): Prepared {
  const rules: PreparedRule[] = [];
  for (const rule of input.schedules ?? []) {
    const prepared = prepareRule(rule);
    if (prepared) rules.push(prepared);
  }
  const closures: PreparedClosure[] = [];
  for (const closure of input.closures ?? []) {
    const [from, to] = closureRange(closure);
    closures.push({ from, to, locationRef: closure.location?._ref ?? undefined });
  }
  return {
    active: input.status === 'active',
    rules,
    closures,
    closedOnBankHolidays: input.closedOnBankHolidays,
  };
}

function occursOn(rule: PreparedRule, date: DateTime, iso: string): boolean {
  if (date.weekday !== rule.weekday) return false;
  if (rule.validFrom !== undefined && iso < rule.validFrom) return false;
  if (rule.validTo !== undefined && iso > rule.validTo) return false;
  switch (rule.frequency) {
    case 'weekly':
      return true;
    case 'fortnightly': {
      const days = epochDay(date) - (rule.anchor ?? 0);
      return ((days % 14) + 14) % 14 === 0;
    }
    case 'monthly':
      return rule.weekOfMonth === -1
        ? date.day + 7 > (date.daysInMonth ?? 31)
        : Math.ceil(date.day / 7) === rule.weekOfMonth;
  }
}

/** The instant a London wall clock shows `clock` on `date` (see the module notes on clock changes). */
function londonInstant(date: DateTime, clock: Clock): DateTime {
  const local = DateTime.fromObject(
    {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: clock.hour,
      minute: clock.minute,
    },
    { zone: LONDON },
  );
  if (local.hour !== clock.hour || local.minute !== clock.minute) {
    // Skipped time: luxon moves it on by the gap (01:30 -> 02:30 BST). London's gap is the whole
    // hour 01:00-02:00 GMT, so the jump happens at the top of the hour luxon landed in.
    return local.startOf('hour');
  }
  // Repeated time: luxon picks the later (GMT) occurrence; a wall clock shows the earlier first.
  return local.getPossibleOffsets().reduce((first, dt) => (dt < first ? dt : first), local);
}

/** A closure's first and last London dates; a range entered backwards still closes the days between its ends. */
export function closureRange(closure: ClosureRule): [string, string] {
  const to = closure.to ?? closure.from;
  return closure.from <= to ? [closure.from, to] : [to, closure.from];
}

/** Whether the whole service is closed on a date (a closure naming no venue, or a bank holiday). */
function isClosed(prepared: Prepared, iso: string): boolean {
  if (prepared.closedOnBankHolidays && isBankHoliday(iso)) return true;
  return prepared.closures.some(({ from, to, locationRef }) => locationRef === undefined && from <= iso && iso <= to);
}

/** Whether a closure of one venue covers a rule's sessions on a date. */
function isVenueClosed(prepared: Prepared, rule: PreparedRule, iso: string): boolean {
  if (rule.locationRef === undefined) return false;
  return prepared.closures.some(
    ({ from, to, locationRef }) => locationRef === rule.locationRef && from <= iso && iso <= to,
  );
}

function compareSessions(a: Session, b: Session): number {
  return (
    a.startsAt.getTime() - b.startsAt.getTime() ||
    a.endsAt.getTime() - b.endsAt.getTime() ||
    (a.scheduleKey < b.scheduleKey ? -1 : a.scheduleKey > b.scheduleKey ? 1 : 0)
  );
}

/** Every session on one London date, in order, ended or not. */
function sessionsFor(prepared: Prepared, date: DateTime): Session[] {
  if (!prepared.active) return [];
  const iso = dateOf(date);
  if (isClosed(prepared, iso)) return [];
  const sessions: Session[] = [];
  for (const rule of prepared.rules) {
    if (!occursOn(rule, date, iso) || isVenueClosed(prepared, rule, iso)) continue;
    const start = londonInstant(date, rule.opens);
    const end = londonInstant(date, rule.closes);
    if (end <= start) continue; // opens and closes inside the hour the clocks skip
    const session: Session = {
      date: iso,
      start: isoOf(start),
      end: isoOf(end),
      startsAt: start.toJSDate(),
      endsAt: end.toJSDate(),
      scheduleKey: rule.key,
    };
    if (rule.locationRef !== undefined) session.locationRef = rule.locationRef;
    if (rule.note !== undefined) session.note = rule.note;
    sessions.push(session);
  }
  return sessions.sort(compareSessions);
}

/** The London calendar date (YYYY-MM-DD) of an instant. */
export function londonDateOf(instant: Date): string {
  assertValidDate(instant, 'instant');
  return dateOf(DateTime.fromJSDate(instant, { zone: LONDON }));
}

/**
 * The next `count` sessions at or after `from`, soonest first.
 *
 * A session already in progress at `from` (started, not yet ended) is included, so a page can say
 * "on now"; one that ends exactly at `from` is not. Only sessions on the `horizonDays` London
 * dates starting with the date of `from` are considered.
 */
export function nextSessions(input: ScheduleInput, from: Date, count: number, horizonDays = 400): Session[] {
  assertValidDate(from, 'from');
  const prepared = prepare(input);
  if (count <= 0 || !prepared.active || prepared.rules.length === 0) return [];
  const first = plainDate(londonDateOf(from));
  if (!first) return [];
  const found: Session[] = [];
  for (let day = 0; day < horizonDays && found.length < count; day++) {
    for (const session of sessionsFor(prepared, first.plus({ days: day }))) {
      if (session.endsAt > from) found.push(session);
    }
  }
  // Sessions never cross midnight, so day-by-day order is overall order.
  return found.slice(0, count);
}

/** Every session on a London date (YYYY-MM-DD), in order, including any that are over. */
export function sessionsOnDate(input: ScheduleInput, isoDate: string): Session[] {
  const date = plainDate(isoDate);
  if (!date) throw new RangeError(`not a date (YYYY-MM-DD): ${isoDate}`);
  return sessionsFor(prepare(input), date);
}

/** "Happening today": a session on the London date of `now` that has not yet ended. */
export function isOnToday(input: ScheduleInput, now: Date): boolean {
  return sessionsOnDate(input, londonDateOf(now)).some((session) => session.endsAt > now);
}

/** "Open now": a session has started (opening time included) and not ended (closing time excluded). */
export function isOpenNow(input: ScheduleInput, now: Date): boolean {
  return sessionsOnDate(input, londonDateOf(now)).some((session) => session.startsAt <= now && now < session.endsAt);
}

function formatClock(hour: number, minute: number): string {
  if (hour === 0 && minute === 0) return 'midnight';
  const suffix = hour < 12 ? 'am' : 'pm';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return minute === 0 ? `${twelve}${suffix}` : `${twelve}:${String(minute).padStart(2, '0')}${suffix}`;
}

/** A 24-hour "HH:MM" as NHS.UK style: "10am", "6:30pm", "12pm", "midnight". */
export function formatTime(clock: string): string {
  const parsed = parseClock(clock);
  if (!parsed) throw new RangeError(`not a time (HH:MM): ${clock}`);
  return formatClock(parsed.hour, parsed.minute);
}

/** "10am to 12pm". */
export function formatTimeRange(opensAt: string, closesAt: string): string {
  return `${formatTime(opensAt)} to ${formatTime(closesAt)}`;
}

/** A schedule in plain English: "Every Tuesday, 10am to 12pm", "Last Friday of the month, 2pm to 4pm". */
export function describeSchedule(
  schedule: Pick<ScheduleRule, 'frequency' | 'day' | 'weekOfMonth' | 'opensAt' | 'closesAt'>,
): string {
  const day = dayNames[weekdayNumbers[schedule.day] - 1];
  const times = formatTimeRange(schedule.opensAt, schedule.closesAt);
  switch (schedule.frequency) {
    case 'weekly':
      return `Every ${day}, ${times}`;
    case 'fortnightly':
      return `Every other ${day}, ${times}`;
    case 'monthly': {
      const ordinal = ordinals[String(schedule.weekOfMonth)];
      return ordinal ? `${ordinal} ${day} of the month, ${times}` : `${day}s once a month, ${times}`;
    }
  }
}

/**
 * A date in NHS.UK style: "1 December 2026", or "Tuesday 1 December 2026" with `weekday`.
 * Takes a date (YYYY-MM-DD) or an ISO date-time, which is read as a London date.
 */
export function formatDate(iso: string, options: { weekday?: boolean; year?: boolean } = {}): string {
  const { weekday = false, year = true } = options;
  const date = isoDatePattern.test(iso)
    ? DateTime.fromISO(iso, { zone: 'utc' })
    : DateTime.fromISO(iso, { setZone: true }).setZone(LONDON);
  if (!date.isValid) throw new RangeError(`not an ISO date: ${iso}`);
  const parts = `${date.day} ${monthNames[date.month - 1]}${year ? ` ${date.year}` : ''}`;
  return weekday ? `${dayNames[date.weekday - 1]} ${parts}` : parts;
}

/** A session in NHS.UK style: "Tuesday 1 December, 10am to 12pm" (London times). */
export function formatSession(session: Pick<Session, 'start' | 'end'>, options: { year?: boolean } = {}): string {
  const start = DateTime.fromISO(session.start, { setZone: true }).setZone(LONDON);
  const end = DateTime.fromISO(session.end, { setZone: true }).setZone(LONDON);
  if (!start.isValid || !end.isValid) throw new RangeError('session has an invalid start or end');
  const date = formatDate(session.start, {
    weekday: true,
    year: options.year ?? false,
  });
  return `${date}, ${formatClock(start.hour, start.minute)} to ${formatClock(end.hour, end.minute)}`;
}
