/**
 * The verification cycle: when a listing is due to be checked again and where it stands now.
 *
 * "Checked on" (`verifiedOn`) is a person saying the listing is right; it is never the last edit
 * (`_updatedAt`). A listing is due `reviewEveryMonths` after it was checked: the shortest period
 * of its categories, 12 months when none sets one. Dates are London calendar days (luxon).
 *
 * | stage      | from                         | what happens                                        |
 * | ---------- | ---------------------------- | --------------------------------------------------- |
 * | `ok`       | checked                      | nothing                                             |
 * | `due-soon` | 1 month before the due date  | the organisation's members are reminded             |
 * | `due`      | the due date                 | reminded again; the page says "Not checked since"; ranked lower |
 * | `overdue`  | 1 month after the due date   | an urgent reminder                                  |
 * | `dropped`  | 3 months after the due date  | left out of search, browse lists and the map until checked |
 */
import { DateTime } from 'luxon';
import { REVERIFY_AFTER_MONTHS } from '../content/rules';

export const ZONE = 'Europe/London';
/** Months between checks when no category of the listing says otherwise. */
export const DEFAULT_REVIEW_MONTHS = REVERIFY_AFTER_MONTHS;
/** The first reminder goes this many months before the due date. */
export const DUE_SOON_MONTHS = 1;
/** The urgent reminder goes this many months after the due date. */
export const OVERDUE_AFTER_MONTHS = 1;
/** This many months after the due date, the listing drops out of search and browse lists. */
export const DROPPED_AFTER_MONTHS = 3;

export const VERIFICATION_STAGES = ['ok', 'due-soon', 'due', 'overdue', 'dropped'] as const;
export type VerificationStage = (typeof VERIFICATION_STAGES)[number];

/** The stages a reminder is sent for, once each per "checked on" date. */
export const REMINDER_STAGES = ['due-soon', 'due', 'overdue'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

export const stageLabels: Record<VerificationStage, string> = {
  ok: 'Checked',
  'due-soon': 'Due for a check soon',
  due: 'Due for a check',
  overdue: 'Overdue for a check',
  dropped: 'Hidden from search until checked',
};

export interface Verification {
  stage: VerificationStage;
  /** The London day it was last checked (YYYY-MM-DD). */
  verifiedOn: string;
  /** Months between checks for this listing. */
  reviewEveryMonths: number;
  /** The day it is due to be checked again. */
  dueOn: string;
  /** The day the first reminder is due. */
  dueSoonFrom: string;
  /** The day the urgent reminder is due. */
  overdueFrom: string;
  /** The day it drops out of search and browse lists. */
  droppedFrom: string;
}

/** A listing's review period: the shortest of its categories' `reviewEveryMonths`, else 12. */
export function reviewPeriodOf(
  categoryPeriods: readonly (number | null | undefined)[] | number | null | undefined,
): number {
  const periods = (Array.isArray(categoryPeriods) ? categoryPeriods : [categoryPeriods]).filter(
    (months): months is number => typeof months === 'number' && Number.isInteger(months) && months >= 1,
  );
  return periods.length > 0 ? Math.min(...periods) : DEFAULT_REVIEW_MONTHS;
}

/** Today's date in London (YYYY-MM-DD). */
export function londonToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!;
}

/**
 * Where a listing stands on `now`'s London day. A missing or unreadable `verifiedOn` counts as
 * never checked: dropped.
 */
export function verificationOf(
  verifiedOn: string | null | undefined,
  reviewEveryMonths: number | null | undefined,
  now: Date,
): Verification {
  const months = reviewPeriodOf(reviewEveryMonths);
  const checked = DateTime.fromISO(verifiedOn ?? '', { zone: ZONE });
  const today = londonToday(now);
  if (!checked.isValid) {
    return {
      stage: 'dropped',
      verifiedOn: verifiedOn ?? '',
      reviewEveryMonths: months,
      dueOn: today,
      dueSoonFrom: today,
      overdueFrom: today,
      droppedFrom: today,
    };
  }
  const due = checked.startOf('day').plus({ months });
  const day = (date: DateTime) => date.toISODate()!;
  const dates = {
    dueOn: day(due),
    dueSoonFrom: day(due.minus({ months: DUE_SOON_MONTHS })),
    overdueFrom: day(due.plus({ months: OVERDUE_AFTER_MONTHS })),
    droppedFrom: day(due.plus({ months: DROPPED_AFTER_MONTHS })),
  };
  // ISO dates compare as strings.
  const stage: VerificationStage =
    today >= dates.droppedFrom
      ? 'dropped'
      : today >= dates.overdueFrom
        ? 'overdue'
        : today >= dates.dueOn
          ? 'due'
          : today >= dates.dueSoonFrom
            ? 'due-soon'
            : 'ok';
  return { stage, verifiedOn: day(checked), reviewEveryMonths: months, ...dates };
}

/** Past its due date: the page says so and search ranks it lower. */
export const isPastDue = (stage: VerificationStage): boolean =>
  stage === 'due' || stage === 'overdue' || stage === 'dropped';

/** Shown in search, browse lists and on the map: everything but a dropped listing. */
export const isListed = (stage: VerificationStage): boolean => stage !== 'dropped';

/** Keeps the services still listed on `now` (drops those 3 months past their due date). */
export function listedOnly<T extends { verifiedOn?: string | null; reviewEveryMonths?: number | null }>(
  services: readonly T[],
  now: Date,
): T[] {
  return services.filter((service) =>
    isListed(verificationOf(service.verifiedOn, service.reviewEveryMonths, now).stage),
  );
}
