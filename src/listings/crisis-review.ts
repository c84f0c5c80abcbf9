/**
 * The urgent help page is reviewed every CRISIS_REVIEW_AFTER_MONTHS months by the team that owns
 * it: a wrong crisis number is the most harmful mistake this directory could make. Editors are
 * warned when the review is overdue.
 */
import { formatDate, monthsBefore, todayInLondon } from '../../studio/lib/dates';
import { CRISIS_REVIEW_AFTER_MONTHS } from '../content/rules';

export type CrisisReview = { reviewedOn: string; owner: string; overdue: boolean; message: string };

export function crisisReview(crisis: { reviewedOn: string; owner: string }, now = new Date()): CrisisReview {
  const overdue = crisis.reviewedOn < monthsBefore(todayInLondon(now), CRISIS_REVIEW_AFTER_MONTHS);
  const message = overdue
    ? `The urgent help page was last reviewed on ${formatDate(crisis.reviewedOn)}: it is overdue for its ${CRISIS_REVIEW_AFTER_MONTHS}-monthly review. Ask ${crisis.owner} to check every number on it, then record the new review date.`
    : `The urgent help page was last reviewed on ${formatDate(crisis.reviewedOn)} by ${crisis.owner}; it is reviewed every ${CRISIS_REVIEW_AFTER_MONTHS} months.`;
  return { reviewedOn: crisis.reviewedOn, owner: crisis.owner, overdue, message };
}
