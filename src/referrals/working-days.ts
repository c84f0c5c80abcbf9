/**
 * Working days in England and Wales: Monday to Friday, except bank holidays
 * (`src/schedules/bank-holidays.ts`), counted on London calendar dates.
 */
import { DateTime } from 'luxon';
import { isBankHoliday, LONDON } from '../schedules/index.ts';

/** Whether a London date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(isoDate: string): boolean {
  const day = DateTime.fromISO(isoDate, { zone: LONDON });
  return day.weekday <= 5 && !isBankHoliday(isoDate);
}

/**
 * Whole working days from `from` to `to`: the working days after `from`'s London date, up to and
 * including `to`'s. A referral made on a Friday evening has had 1 working day by Monday.
 */
export function workingDaysBetween(from: Date, to: Date): number {
  let day = DateTime.fromJSDate(from, { zone: LONDON }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone: LONDON }).startOf('day');
  let count = 0;
  while (day < last) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day.toISODate()!)) count += 1;
  }
  return count;
}
