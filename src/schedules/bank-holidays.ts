/**
 * Bank holidays in England and Wales (the calendar for every Signpost partnership).
 *
 * Source: https://www.gov.uk/bank-holidays. When Christmas Day, Boxing Day or New Year's Day falls
 * at a weekend, the substitute weekday is listed instead (e.g. Monday 28 December 2026 for Boxing
 * Day). Add each new year here before it starts: outside the covered years no date is treated as
 * a bank holiday, so a service closed on bank holidays would be shown as open.
 */

/** The years this list covers, inclusive. */
export const bankHolidayYears = { first: 2025, last: 2028 } as const;

/** Every England and Wales bank holiday in the covered years, as ISO dates, in order. */
export const bankHolidays: readonly string[] = Object.freeze([
  // 2025
  '2025-01-01', // New Year's Day
  '2025-04-18', // Good Friday
  '2025-04-21', // Easter Monday
  '2025-05-05', // Early May bank holiday
  '2025-05-26', // Spring bank holiday
  '2025-08-25', // Summer bank holiday
  '2025-12-25', // Christmas Day
  '2025-12-26', // Boxing Day
  // 2026
  '2026-01-01', // New Year's Day
  '2026-04-03', // Good Friday
  '2026-04-06', // Easter Monday
  '2026-05-04', // Early May bank holiday
  '2026-05-25', // Spring bank holiday
  '2026-08-31', // Summer bank holiday
  '2026-12-25', // Christmas Day
  '2026-12-28', // Boxing Day (substitute day: 26 December is a Saturday)
  // 2027
  '2027-01-01', // New Year's Day
  '2027-03-26', // Good Friday
  '2027-03-29', // Easter Monday
  '2027-05-03', // Early May bank holiday
  '2027-05-31', // Spring bank holiday
  '2027-08-30', // Summer bank holiday
  '2027-12-27', // Christmas Day (substitute day: 25 December is a Saturday)
  '2027-12-28', // Boxing Day (substitute day: 26 December is a Sunday)
  // 2028
  '2028-01-03', // New Year's Day (substitute day: 1 January is a Saturday)
  '2028-04-14', // Good Friday
  '2028-04-17', // Easter Monday
  '2028-05-01', // Early May bank holiday
  '2028-05-29', // Spring bank holiday
  '2028-08-28', // Summer bank holiday
  '2028-12-25', // Christmas Day
  '2028-12-26', // Boxing Day
]);

const lookup = new Set(bankHolidays);

/** Whether an ISO date (YYYY-MM-DD) is a bank holiday in England and Wales. */
export function isBankHoliday(isoDate: string): boolean {
  return lookup.has(isoDate);
}
