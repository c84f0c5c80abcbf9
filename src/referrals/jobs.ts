/**
 * The referral housekeeping that runs on a timer (`site/server/referral-jobs.ts`) and in tests
 * with an injected clock (the store's): expire links past their date, remind providers who have
 * not answered after 5 working days and escalate to editors after 10, and anonymise referrals
 * closed for longer than the retention period, and send the daily notification digests.
 *
 * Every step is safe to run twice and from several instances at once: each change is a
 * conditional update in its own transaction, and a message is queued only by the instance whose
 * update took effect.
 */
import { DateTime } from 'luxon';
import type { PeopleStore } from '../people/store.ts';
import type { ServiceDirectory } from './referrals.ts';
import { clearResidentRecipients, sendDailyDigests } from './notifications.ts';
import { referralStatusOf } from './status.ts';
import { workingDaysBetween } from './working-days.ts';

/** Unanswered after this many working days: the organisation's members are reminded. */
export const REMIND_AFTER_WORKING_DAYS = 5;
/** Unanswered after this many working days: escalated to editors. */
export const ESCALATE_AFTER_WORKING_DAYS = 10;

export interface ReferralJobOptions {
  siteUrl: string;
  retentionMonths: number;
}

export interface ReferralJobReport {
  expired: number;
  reminded: number;
  escalated: number;
  anonymised: number;
  followUpsReminded: number;
  digests: number;
  recipientsCleared: number;
}

/** Closes referrals whose link has expired, each with an `expired` event. */
export async function expireReferrals(store: PeopleStore): Promise<number> {
  const now = store.clock();
  let count = 0;
  for (const id of await store.referrals.listExpired(now)) {
    const referral = await store.referrals.get(id);
    if (!referral) continue;
    if (await store.referrals.expire(id, referralStatusOf(referral, now))) count += 1;
  }
  return count;
}

/** Reminds and escalates unanswered activities; returns how many of each. */
export async function chaseUnanswered(
  store: PeopleStore,
  directory: ServiceDirectory,
  options: Pick<ReferralJobOptions, 'siteUrl'>,
): Promise<{ reminded: number; escalated: number }> {
  const now = store.clock();
  const waiting = await store.referrals.listAwaitingResponse();
  const due = waiting
    .map((item) => ({ item, days: workingDaysBetween(new Date(item.referralCreatedAt), now) }))
    .filter(
      ({ item, days }) =>
        (days >= ESCALATE_AFTER_WORKING_DAYS && !item.escalatedAt) ||
        (days >= REMIND_AFTER_WORKING_DAYS && days < ESCALATE_AFTER_WORKING_DAYS && !item.remindedAt),
    );
  if (due.length === 0) return { reminded: 0, escalated: 0 };
  const services = new Map(
    (await directory.services([...new Set(due.map((d) => d.item.serviceId))])).map((s) => [s._id, s]),
  );
  let editors = (await store.users.listByRole(['editor'])).map((a) => a.email);
  if (editors.length === 0) editors = (await store.users.listByRole(['admin'])).map((a) => a.email);
  let reminded = 0;
  let escalated = 0;
  for (const { item, days } of due) {
    const service = services.get(item.serviceId);
    const payload = {
      service: service?.name ?? 'An activity no longer listed',
      organisation: service?.organisation?.name ?? null,
      workingDays: days,
    };
    const escalate = days >= ESCALATE_AFTER_WORKING_DAYS;
    await store.transaction(async (tx) => {
      if (!(await tx.referrals.flagItem(item.id, escalate ? 'escalated' : 'reminded'))) return;
      if (escalate) {
        escalated += 1;
        for (const email of editors) {
          await tx.outbox.enqueue({
            channel: 'email',
            template: 'referral-escalated',
            recipient: email,
            payload: { ...payload, link: `${options.siteUrl}/referrals/overdue` },
          });
        }
      } else {
        reminded += 1;
        for (const userId of await tx.memberships.membersOf(item.organisationId)) {
          const account = await tx.users.get(userId);
          if (!account) continue;
          await tx.outbox.enqueue({
            channel: 'email',
            template: 'referral-reminder',
            recipient: account.email,
            payload: { ...payload, link: `${options.siteUrl}/partner/referrals/${item.id}` },
          });
        }
      }
    });
  }
  return { reminded, escalated };
}

/**
 * Reminds each connector once, by email, of a referral whose wellbeing follow-up is due and not
 * yet recorded. The email holds a link to the referral only.
 */
export async function remindFollowUps(
  store: PeopleStore,
  options: Pick<ReferralJobOptions, 'siteUrl'>,
): Promise<number> {
  let count = 0;
  for (const due of await store.outcomes.listFollowUpsDue(store.clock())) {
    if (due.remindedAt) continue;
    await store.transaction(async (tx) => {
      if (!(await tx.outcomes.markFollowUpReminded(due.referralId))) return;
      const account = await tx.users.get(due.connectorUserId);
      count += 1;
      if (!account) return;
      await tx.outbox.enqueue({
        channel: 'email',
        template: 'referral-follow-up-due',
        recipient: account.email,
        payload: { link: `${options.siteUrl}/referrals/${due.referralId}#wellbeing` },
      });
    });
  }
  return count;
}

/** When referrals closed before now count as past retention. */
export const retentionCutoff = (now: Date, months: number): Date =>
  DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months }).toJSDate();

/** Anonymises referrals closed for longer than `months`. */
export async function anonymiseClosedReferrals(store: PeopleStore, months: number): Promise<number> {
  let count = 0;
  for (const id of await store.referrals.listClosedBefore(retentionCutoff(store.clock(), months))) {
    if (await store.referrals.anonymise(id)) count += 1;
  }
  return count;
}

/** Runs every job once, at the store's clock. */
export async function runReferralJobs(
  store: PeopleStore,
  directory: ServiceDirectory,
  options: ReferralJobOptions,
): Promise<ReferralJobReport> {
  const expired = await expireReferrals(store);
  const { reminded, escalated } = await chaseUnanswered(store, directory, options);
  const followUpsReminded = await remindFollowUps(store, options);
  const anonymised = await anonymiseClosedReferrals(store, options.retentionMonths);
  const digests = await sendDailyDigests(store, { siteUrl: options.siteUrl });
  const recipientsCleared = await clearResidentRecipients(store);
  return { expired, reminded, escalated, anonymised, followUpsReminded, digests, recipientsCleared };
}
