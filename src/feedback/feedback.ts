/**
 * Public feedback without an account: "Report a problem with this listing", "Suggest a listing"
 * and "Is this page useful?", and the editors' and partners' side of them.
 *
 * - Bots are turned away without third parties: a honeypot box people never see, a signed stamp
 *   of when the form was shown (too quick, forged or a day old: refused), and a limit per client
 *   address (counted in the people store under a hash of it, so no address is kept).
 * - A reporter's email is kept only if they agreed to be contacted, in the people store, and only
 *   editors see it (each time audited). Partners see reports about their own organisations'
 *   listings, never who sent them, and are told through the outbox with a link only.
 * - Resolving is the editors' and is in the audit log.
 */
import { hashToken } from '../people/tokens.ts';
import type { FeedbackReport, PageRatingComment, PageRatingSummary } from '../people/feedback.ts';
import type { Role } from '../people/schema.ts';
import type { PeopleStore } from '../people/store.ts';
import {
  parseCommentForm,
  parseRatingForm,
  parseReportForm,
  parseResolveForm,
  parseSuggestionForm,
  PROBLEM_REASON_LABELS,
  type FormProblem,
} from './form.ts';
import { readStamp, type StampPurpose } from './stamp.ts';

/** The field people never see (hidden by the stylesheet); anything in it means a bot filled the form. */
export const HONEYPOT_FIELD = 'website';
/** The field holding the form's signed stamp. */
export const STAMP_FIELD = 'formStarted';

/** Fewer seconds than this between showing a form and sending it: not a person. */
export const MIN_SECONDS: Record<StampPurpose, number> = { report: 5, suggest: 5, rate: 2, comment: 2 };

/** Reports and suggestions per client address: 5 an hour. */
export const REPORT_LIMIT = { windowSeconds: 60 * 60, max: 5 };
/** Page answers ("useful?" and "what was wrong") per client address: 30 an hour. */
export const RATING_LIMIT = { windowSeconds: 60 * 60, max: 30 };
/** "What was wrong" can be added to a "no" for this long after it. */
export const COMMENT_WINDOW_MINUTES = 60;

export type FeedbackDeps = {
  people: PeopleStore;
  /** The form-stamp key (`stampKey(AUTH_SECRET)`). */
  stampKey: Buffer;
  siteUrl: string;
};

/** Who is sending: the client address (hashed before it is used) and the form's own fields. */
export type Submission = { clientAddress: string; fields: Record<string, string | undefined> };

/** The listing a report is about, as the content store has it. */
export type ReportedService = { id: string; name: string; organisationId: string | null };

export type Staff = { userId: string; role: Role; organisationIds: string[] };

/** Why feedback was refused, with what to tell the person. */
export class FeedbackError extends Error {
  readonly reason: 'invalid' | 'bot' | 'rate-limited' | 'not-found';
  readonly problems: FormProblem[];
  readonly retryAfterSeconds: number;

  constructor(
    reason: FeedbackError['reason'],
    message: string,
    options: { problems?: FormProblem[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'FeedbackError';
    this.reason = reason;
    this.problems = options.problems ?? [{ field: 'form', message }];
    this.retryAfterSeconds = options.retryAfterSeconds ?? 0;
  }
}

const isEditor = (role: Role) => role === 'editor' || role === 'admin';

/** The honeypot and the stamp; throws a `FeedbackError('bot')` saying what to do. */
export function checkNotBot(
  deps: Pick<FeedbackDeps, 'people' | 'stampKey'>,
  purpose: StampPurpose,
  submission: Submission,
): void {
  if ((submission.fields[HONEYPOT_FIELD] ?? '') !== '') {
    throw new FeedbackError(
      'bot',
      'This was not sent because the box marked “Leave this box empty” had something in it. Clear it and send again.',
    );
  }
  const stamp = readStamp(deps.stampKey, purpose, submission.fields[STAMP_FIELD], deps.people.clock());
  if (!stamp.ok) {
    throw new FeedbackError(
      'bot',
      stamp.reason === 'expired'
        ? 'This form was open for more than a day, so it was not sent. Check your answers and send it again.'
        : 'This form could not be checked, so it was not sent. Check your answers and send it again.',
    );
  }
  if (stamp.ageSeconds < MIN_SECONDS[purpose]) {
    throw new FeedbackError(
      'bot',
      'This was sent faster than a person usually can, so it was not sent. Check your answers and send it again.',
    );
  }
}

async function checkLimit(
  people: PeopleStore,
  kind: 'feedback-report' | 'page-rating',
  clientAddress: string,
): Promise<void> {
  const rule = kind === 'feedback-report' ? REPORT_LIMIT : RATING_LIMIT;
  const { allowed, retryAfterSeconds } = await people.rateLimits.consume(
    `${kind}:${hashToken(clientAddress || 'unknown')}`,
    rule,
  );
  if (!allowed) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    throw new FeedbackError(
      'rate-limited',
      `A lot has been sent from your connection in the last hour, so this was not sent. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
      { retryAfterSeconds },
    );
  }
}

function invalid(problems: FormProblem[]): never {
  throw new FeedbackError('invalid', 'Some answers need correcting.', { problems });
}

/** "Report a problem with this listing": stored, and the listing's organisation told (a link only). */
export async function reportProblem(
  deps: FeedbackDeps,
  service: ReportedService,
  submission: Submission,
): Promise<FeedbackReport> {
  checkNotBot(deps, 'report', submission);
  const parsed = parseReportForm(submission.fields);
  if (!parsed.ok) invalid(parsed.problems);
  await checkLimit(deps.people, 'feedback-report', submission.clientAddress);
  const request = parsed.value;
  return deps.people.transaction(async (tx) => {
    const report = await tx.feedback.submit({
      kind: 'problem',
      serviceId: service.id,
      organisationId: service.organisationId,
      reason: request.reason,
      message: request.message ?? null,
      contactEmail: request.contactAgreed ? (request.email ?? null) : null,
    });
    await tx.audit.append({
      action: 'feedback.report',
      subjectKind: 'feedback',
      subjectId: report.id,
      detail: { service: service.id, reason: request.reason, contact: report.hasContact },
    });
    if (service.organisationId) {
      for (const userId of await tx.memberships.membersOf(service.organisationId)) {
        const account = await tx.users.get(userId);
        if (!account) continue;
        await tx.outbox.enqueue({
          channel: 'email',
          template: 'listing-reported',
          recipient: account.email,
          payload: {
            listing: service.name,
            reason: PROBLEM_REASON_LABELS[request.reason],
            link: new URL('/partner/reports', deps.siteUrl).href,
          },
        });
      }
    }
    return report;
  });
}

/** "Suggest a listing": stored for editors. */
export async function suggestListing(deps: FeedbackDeps, submission: Submission): Promise<FeedbackReport> {
  checkNotBot(deps, 'suggest', submission);
  const parsed = parseSuggestionForm(submission.fields);
  if (!parsed.ok) invalid(parsed.problems);
  await checkLimit(deps.people, 'feedback-report', submission.clientAddress);
  const request = parsed.value;
  return deps.people.transaction(async (tx) => {
    const report = await tx.feedback.submit({
      kind: 'suggestion',
      listingName: request.listingName,
      message: request.message,
      contactEmail: request.contactAgreed ? (request.email ?? null) : null,
    });
    await tx.audit.append({
      action: 'feedback.suggest',
      subjectKind: 'feedback',
      subjectId: report.id,
      detail: { contact: report.hasContact },
    });
    return report;
  });
}

/** "Is this page useful?": the answer for a page's path; a "no" can then say what was wrong. */
export async function ratePage(
  deps: FeedbackDeps,
  submission: Submission,
): Promise<{ id: string; page: string; useful: 'yes' | 'no' }> {
  checkNotBot(deps, 'rate', submission);
  const parsed = parseRatingForm(submission.fields);
  if (!parsed.ok) invalid(parsed.problems);
  await checkLimit(deps.people, 'page-rating', submission.clientAddress);
  const id = await deps.people.feedback.rate({ path: parsed.value.page, useful: parsed.value.useful });
  return { id, page: parsed.value.page, useful: parsed.value.useful };
}

/** A "no" answer that may still be given its "what was wrong", or null. */
export async function openRating(
  deps: Pick<FeedbackDeps, 'people'>,
  ratingId: string,
): Promise<{ id: string; path: string } | null> {
  const rating = await deps.people.feedback.getRating(ratingId);
  if (!rating || rating.useful !== 'no') return null;
  const cutoff = deps.people.clock().getTime() - COMMENT_WINDOW_MINUTES * 60_000;
  return new Date(rating.createdAt).getTime() >= cutoff ? { id: rating.id, path: rating.path } : null;
}

/** "What was wrong with this page?" (optional: an empty answer just ends the question). */
export async function commentOnRating(deps: FeedbackDeps, submission: Submission): Promise<{ path: string }> {
  const parsed = parseCommentForm(submission.fields);
  if (!parsed.ok) invalid(parsed.problems);
  const rating = await openRating(deps, parsed.value.rating);
  if (!rating)
    throw new FeedbackError('not-found', 'We could not find your answer. It may have been more than an hour ago.');
  if (!parsed.value.comment) return { path: rating.path };
  checkNotBot(deps, 'comment', submission);
  await checkLimit(deps.people, 'page-rating', submission.clientAddress);
  const notBefore = new Date(deps.people.clock().getTime() - COMMENT_WINDOW_MINUTES * 60_000).toISOString();
  await deps.people.feedback.addComment(rating.id, parsed.value.comment, notBefore);
  return { path: rating.path };
}

// ---------------------------------------------------------------------------------------------
// Editors and partners

/** The editors' queue: open problem reports and suggestions, recently resolved ones, and page answers. */
export async function editorQueue(
  deps: Pick<FeedbackDeps, 'people'>,
  staff: Staff,
): Promise<{
  problems: FeedbackReport[];
  suggestions: FeedbackReport[];
  resolved: FeedbackReport[];
  ratings: PageRatingSummary[];
  comments: PageRatingComment[];
}> {
  if (!isEditor(staff.role)) throw new FeedbackError('not-found', 'There is no such report.');
  const since = new Date(deps.people.clock().getTime() - 90 * 86_400_000).toISOString();
  const [problems, suggestions, resolved, ratings, comments] = await Promise.all([
    deps.people.feedback.list({ status: 'open', kind: 'problem', oldestFirst: true }),
    deps.people.feedback.list({ status: 'open', kind: 'suggestion', oldestFirst: true }),
    deps.people.feedback.list({ status: 'resolved', limit: 20 }),
    deps.people.feedback.ratingSummary(since),
    deps.people.feedback.recentComments(20),
  ]);
  return {
    problems,
    suggestions,
    resolved,
    ratings,
    comments,
  };
}

/**
 * One report as an editor opens it, with the reporter's email when they gave it and agreed to be
 * contacted; each time the email is shown is in the audit log.
 */
export async function openReport(
  deps: Pick<FeedbackDeps, 'people'>,
  staff: Staff,
  reportId: string,
): Promise<{ report: FeedbackReport; contactEmail: string | null }> {
  if (!isEditor(staff.role)) throw new FeedbackError('not-found', 'There is no such report.');
  return deps.people.transaction(async (tx) => {
    const report = await tx.feedback.get(reportId);
    if (!report) throw new FeedbackError('not-found', 'There is no such report.');
    const contactEmail = report.hasContact ? await tx.feedback.contactOf(report.id) : null;
    if (contactEmail) {
      await tx.audit.append({
        actorUserId: staff.userId,
        action: 'feedback.read-contact',
        subjectKind: 'feedback',
        subjectId: report.id,
      });
    }
    return { report, contactEmail };
  });
}

/** Marks a report resolved with an optional note (audited); refused if it is no longer open. */
export async function resolveReport(
  deps: Pick<FeedbackDeps, 'people'>,
  staff: Staff,
  reportId: string,
  fields: Record<string, string | undefined>,
): Promise<void> {
  if (!isEditor(staff.role)) throw new FeedbackError('not-found', 'There is no such report.');
  const parsed = parseResolveForm(fields);
  if (!parsed.ok) invalid(parsed.problems);
  await deps.people.transaction(async (tx) => {
    const report = await tx.feedback.get(reportId);
    if (!report) throw new FeedbackError('not-found', 'There is no such report.');
    if (!(await tx.feedback.resolve(report.id, { resolvedBy: staff.userId, note: parsed.value.note ?? null }))) {
      throw new FeedbackError('invalid', 'This report has already been resolved.', {
        problems: [{ field: 'note', message: 'This report has already been resolved' }],
      });
    }
    await tx.audit.append({
      actorUserId: staff.userId,
      action: 'feedback.resolve',
      subjectKind: 'feedback',
      subjectId: report.id,
      detail: { kind: report.kind, note: Boolean(parsed.value.note) },
    });
  });
}

/** Problem reports about a partner's own organisations' listings (no reporter details, ever). */
export async function partnerReports(
  deps: Pick<FeedbackDeps, 'people'>,
  staff: Staff,
  options: { status?: 'open' | 'resolved' } = {},
): Promise<FeedbackReport[]> {
  if (staff.role !== 'partner') return [];
  const reports = await deps.people.feedback.list({
    kind: 'problem',
    organisationIds: staff.organisationIds,
    ...(options.status ? { status: options.status } : {}),
    limit: 100,
  });
  // The contact flag too stays with editors.
  return reports
    .filter((report) => report.organisationId !== null && staff.organisationIds.includes(report.organisationId))
    .map((report) => ({ ...report, hasContact: false }));
}
