/**
 * The review reminder job: run on the server's timer (`site/server/verification.ts`) and in tests
 * with an injected clock (the people store's). For every listed service in a reminder stage
 * (due soon, due, overdue) it emails each member of the service's organisation once per stage
 * and "checked on" date, with a signed one-click "still accurate" link. Safe to run twice and
 * from several instances: the reminder is claimed (a row keyed by service, date and stage) in
 * the same transaction that queues the messages.
 */
import type { ContentSource } from '../content/source';
import type { PeopleStore } from '../people/store';
import { formatDate } from '../schedules/index';
import { CHECK_LINK_DAYS, signCheckToken } from './check-link';
import { reviewStatuses } from './reviews';
import { REMINDER_STAGES, type ReminderStage, type VerificationStage } from './verification';

export interface ReviewReminderOptions {
  siteUrl: string;
  /** The app's secret (`AUTH_SECRET`), which signs the links. */
  secret: string;
}

/** The outbox template of each reminder. */
export const REMINDER_TEMPLATES: Record<ReminderStage, string> = {
  'due-soon': 'listing-review-due-soon',
  due: 'listing-review-due',
  overdue: 'listing-review-overdue',
};

const isReminderStage = (stage: VerificationStage): stage is ReminderStage =>
  (REMINDER_STAGES as readonly string[]).includes(stage);

/** Sends the reminders due now; returns how many listings were reminded at each stage. */
export async function sendReviewReminders(
  store: PeopleStore,
  content: Pick<ContentSource, 'fetch'>,
  options: ReviewReminderOptions,
): Promise<Record<ReminderStage, number>> {
  const now = store.clock();
  const sent: Record<ReminderStage, number> = { 'due-soon': 0, due: 0, overdue: 0 };
  const due = (await reviewStatuses(content, now)).filter(
    ({ listing, verification }) => isReminderStage(verification.stage) && listing.organisation?._id,
  );
  if (due.length === 0) return sent;
  // Already sent: skipped without a transaction each (the claim below still decides races).
  const done = new Set(
    (await store.reviewReminders.list(due.map(({ listing }) => listing._id))).map(
      (r) => `${r.serviceId} ${r.verifiedOn} ${r.stage}`,
    ),
  );
  for (const { listing, verification } of due) {
    const stage = verification.stage;
    const organisationId = listing.organisation?._id;
    if (!isReminderStage(stage) || !organisationId) continue;
    if (done.has(`${listing._id} ${verification.verifiedOn} ${stage}`)) continue;
    const expiresAt = new Date(now.getTime() + CHECK_LINK_DAYS * 86_400_000);
    const token = signCheckToken(options.secret, { serviceId: listing._id, stage, now, expiresAt });
    const payload = {
      service: listing.name,
      organisation: listing.organisation?.name ?? null,
      checkedOn: formatDate(verification.verifiedOn),
      dueOn: formatDate(verification.dueOn),
      ...(stage === 'overdue' ? { hiddenFrom: formatDate(verification.droppedFrom) } : {}),
      link: new URL(`/listings/check/${token}`, options.siteUrl).href,
      linkExpiresOn: formatDate(expiresAt.toISOString()),
      listingsLink: new URL('/partner/listings', options.siteUrl).href,
    };
    await store.transaction(async (tx) => {
      const members = await tx.memberships.membersOf(organisationId);
      const emails: string[] = [];
      for (const userId of members) {
        const account = await tx.users.get(userId);
        if (account?.role === 'partner') emails.push(account.email);
      }
      // Nobody to tell yet: try again on the next run (a member may join).
      if (emails.length === 0) return;
      const claimed = await tx.reviewReminders.claim({
        serviceId: listing._id,
        verifiedOn: verification.verifiedOn,
        stage,
        organisationId,
        recipients: emails.length,
      });
      if (!claimed) return;
      sent[stage] += 1;
      for (const email of emails) {
        await tx.outbox.enqueue({ channel: 'email', template: REMINDER_TEMPLATES[stage], recipient: email, payload });
      }
    });
  }
  return sent;
}
