/**
 * The composition root: the only place that reads the environment and chooses implementations.
 * Everything is created once, on first use, and shared by every request.
 */
import { readConfig, type Config } from '@src/config';
import { openContentSource, type ContentStore } from '@src/content';
import { startPeople, type SignpostAuth } from '@src/accounts';
import type { PeopleStore } from '@src/people';
import { createChannel, startOutboxSender, type OutboxSender } from '@src/notifications';
import { writeUnredacted } from '@src/security/redact';
import { safe } from '@src/security/log';

let configuration: Config | undefined;
let contentSource: Promise<ContentStore> | undefined;

/** The checked configuration; a wrong variable stops the server with a message naming it. */
export function config(): Config {
  configuration ??= readConfig(process.env);
  return configuration;
}

/**
 * The content store for this process: published reads and the one write path. After every
 * change (a commit here, the webhook, a poll) the search index is rebuilt in the background and
 * swapped in; pages and the feed read the store, whose caches the change has already dropped.
 */
export function content(): Promise<ContentStore> {
  contentSource ??= openContentSource(config())
    .then((store) => {
      store.onChange(() => {
        void import('./search').then(({ searchIndexStore }) =>
          searchIndexStore()
            .refresh()
            .catch((error: unknown) => console.error(`Search index refresh failed: ${safe(error)}`)),
        );
      });
      return store;
    })
    .catch((error: unknown) => {
      contentSource = undefined; // try again on the next request
      throw error;
    });
  return contentSource;
}

let peopleData: Promise<{ store: PeopleStore; auth: SignpostAuth }> | undefined;

/**
 * People data (private, SQL: node:sqlite in DATA_DIR, or PostgreSQL when DATABASE_URL is set) and
 * accounts (better-auth over the same store), migrated on first use. On an empty store this
 * prints the first admin's invitation link.
 */
export function people(): Promise<{ store: PeopleStore; auth: SignpostAuth }> {
  // The first admin's one-time link is the one line printed unredacted (see src/security/redact.ts).
  peopleData ??= startPeople(config(), writeUnredacted)
    .then((started) => {
      startSender(started.store);
      // Referral housekeeping (expiry, reminders, escalation, retention) on a timer.
      void import('./referrals').then((referrals) => referrals.startReferralJobs(started.store));
      // Feedback retention (reporters' emails, page comments) on a timer.
      void import('./feedback').then((feedback) => feedback.startFeedbackJobs(started.store));
      // Review reminders of the verification cycle (due soon, due, overdue) on a timer.
      void import('./verification').then((verification) => verification.startReviewReminders(started.store));
      return started;
    })
    .catch((error: unknown) => {
      peopleData = undefined; // try again on the next request
      throw error;
    });
  return peopleData;
}

let sender: OutboxSender | undefined;

/**
 * The outbox sender, started with the people store when GOV.UK Notify is configured; otherwise
 * messages wait in the outbox and admins read them at /admin/outbox.
 */
function startSender(store: PeopleStore): void {
  const channel = createChannel(config());
  if (!channel || sender) return;
  sender = startOutboxSender({ store, channel });
  console.log(`Outbox: sending through ${channel.name}.`);
}
