/** Plain-English descriptions used by Studio previews. */
import { formatDate } from './dates';
import { acceptingTitles, statusTitles, weekOfMonthTitles, weekdayTitles } from './options';

const titleOf = <T extends string | number>(titles: Record<T, string>, value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : (titles as Record<string | number, string>)[value as T];

/** "Every Tuesday, 10:00-12:00", "Every other Friday, 14:00-16:00", "Last Monday of the month, 18:00-20:00". */
export function describeSchedule(schedule: {
  frequency?: string;
  day?: string;
  weekOfMonth?: number;
  opensAt?: string;
  closesAt?: string;
}): string {
  const day = titleOf(weekdayTitles, schedule.day) ?? 'Day not set';
  let when: string;
  if (schedule.frequency === 'fortnightly') when = `Every other ${day}`;
  else if (schedule.frequency === 'monthly') {
    const week = titleOf(weekOfMonthTitles, schedule.weekOfMonth);
    when = week ? `${week} ${day} of the month` : `${day}, once a month`;
  } else when = `Every ${day}`;
  const times = schedule.opensAt && schedule.closesAt ? `${schedule.opensAt}-${schedule.closesAt}` : 'times not set';
  return `${when}, ${times}`;
}

/** "Closed on 25 December 2025" or "Closed from 24 December 2025 to 2 January 2026". */
export function describeClosure(from?: string, to?: string): string {
  if (!from) return 'Dates not set';
  if (!to || to === from) return `Closed on ${formatDate(from)}`;
  return `Closed from ${formatDate(from)} to ${formatDate(to)}`;
}

/**
 * A service's preview subtitle: its organisation, then "Closed" if temporarily closed, the
 * status if it is no longer running, or whether it is accepting people if that is not "Yes".
 */
export function serviceSubtitle(service: { organisationName?: string; status?: string; accepting?: string }): string {
  const parts: string[] = [service.organisationName ?? 'No organisation'];
  if (service.status === 'temporarily-closed') parts.push('Closed');
  else if (service.status && service.status !== 'active')
    parts.push(titleOf(statusTitles, service.status) ?? service.status);
  else if (service.accepting && service.accepting !== 'yes') {
    parts.push(`Accepting: ${titleOf(acceptingTitles, service.accepting) ?? service.accepting}`);
  }
  return parts.join(' · ');
}
