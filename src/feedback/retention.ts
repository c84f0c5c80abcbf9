/**
 * How long feedback keeps what a person typed about themselves. A reporter's email (held only
 * when they agreed to be contacted) is deleted 90 days after the report is resolved, or 12
 * months after it was sent if it is still open by then; "what was wrong" comments on pages are
 * deleted after 12 months, their yes/no answers kept for counts. Reports themselves stay: they
 * are about listings, and the forms ask people not to put personal details in them.
 */
import { DateTime } from 'luxon';
import type { PeopleStore } from '../people/store.ts';

/** A resolved report's email is kept this many days after it was resolved. */
export const EMAIL_DAYS_AFTER_RESOLVED = 90;
/** No report's email is kept longer than this many months after it was sent. */
export const EMAIL_MAX_MONTHS = 12;
/** Page comments are kept this many months. */
export const COMMENT_MONTHS = 12;

/** Runs once at the store's clock (idempotent; safe from several instances at once). */
export async function runFeedbackRetention(store: PeopleStore): Promise<{ emails: number; comments: number }> {
  const now = DateTime.fromJSDate(store.clock(), { zone: 'utc' });
  const emails = await store.feedback.clearContacts({
    resolvedBefore: now.minus({ days: EMAIL_DAYS_AFTER_RESOLVED }).toJSDate().toISOString(),
    createdBefore: now.minus({ months: EMAIL_MAX_MONTHS }).toJSDate().toISOString(),
  });
  const comments = await store.feedback.clearComments(now.minus({ months: COMMENT_MONTHS }).toJSDate().toISOString());
  if (emails > 0 || comments > 0) {
    await store.audit.append({
      action: 'feedback.retention',
      subjectKind: 'feedback',
      detail: { emails, comments },
    });
  }
  return { emails, comments };
}
