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
import { limitHeapGrowth } from '@src/server-flags';
import { sql } from 'kysely';

// RSS close to the live heap under load (src/server-flags.ts); the semi-space flag is the launcher's.
limitHeapGrowth();

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
      // Hosted content syncs its snapshot on a timer; it stops before the process exits.
      if (store.stop) onShutdown('content sync', () => store.stop?.());
      return store;
    })
    .catch((error: unknown) => {
      contentSource = undefined; // try again on the next request
      throw error;
    });
  return contentSource;
}

let peopleData: Promise<{ store: PeopleStore; auth: SignpostAuth }> | undefined;

/** Stop handles of everything started in the background, in start order. */
const running: { name: string; stop: Promise<{ stop(): Promise<void> | void }> }[] = [];
let shuttingDown = false;

/**
 * People data (private, SQL: node:sqlite in DATA_DIR, or PostgreSQL when DATABASE_URL is set) and
 * accounts (better-auth over the same store), migrated on first use. On an empty store this
 * prints the first admin's invitation link.
 */
export function people(): Promise<{ store: PeopleStore; auth: SignpostAuth }> {
  if (shuttingDown && !peopleData) return Promise.reject(new Error('The server is shutting down'));
  // The first admin's one-time link is the one line printed unredacted (see src/security/redact.ts).
  peopleData ??= startPeople(config(), writeUnredacted)
    .then((started) => {
      startSender(started.store);
      // Referral housekeeping (expiry, reminders, escalation, retention) on a timer.
      running.push({
        name: 'referral jobs',
        stop: import('./referrals').then((referrals) => referrals.startReferralJobs(started.store)),
      });
      // Feedback retention (reporters' emails, page comments) on a timer.
      running.push({
        name: 'feedback retention',
        stop: import('./feedback').then((feedback) => feedback.startFeedbackJobs(started.store)),
      });
      // Review reminders of the verification cycle (due soon, due, overdue) on a timer.
      running.push({
        name: 'review reminders',
        stop: import('./verification').then((verification) => verification.startReviewReminders(started.store)),
      });
      return started;
    })
    .catch((error: unknown) => {
      peopleData = undefined; // try again on the next request
      throw error;
    });
  return peopleData;
}

/** How long readiness waits for the people store before calling it not ready. */
const READY_TIMEOUT_MS = 2000;

/** Whether the people store opens and answers a trivial query within 2 s (for /readyz). */
export async function peopleStoreAnswers(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  const check = people()
    .then(({ store }) => sql`select 1 as one`.execute(store.db))
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
  running.push({ name: 'outbox sender', stop: Promise.resolve(sender) });
  console.log(`Outbox: sending through ${channel.name}.`);
}

/** Registers something else to stop at shutdown (e.g. a content sync timer), before the store closes. */
export function onShutdown(name: string, stop: () => Promise<void> | void): void {
  running.push({ name, stop: Promise.resolve({ stop }) });
}

/**
 * Stops every background job (waiting for a run in progress), the search index's change timer and
 * anything registered with `onShutdown`, then closes the people store. Returns what was stopped,
 * for the log. Called once the server has stopped taking requests (scripts/serve.mjs).
 */
export async function shutdown(): Promise<{ stopped: string[]; peopleStoreClosed: boolean }> {
  shuttingDown = true;
  const stopped: string[] = [];
  const { searchIndexStore } = await import('./search');
  searchIndexStore().stop();
  stopped.push('search index timer');
  for (const job of running.splice(0)) {
    try {
      await (await job.stop).stop();
      stopped.push(job.name);
    } catch (error) {
      console.error(`Shutdown: ${job.name} did not stop cleanly: ${safe(error)}`);
    }
  }
  sender = undefined;
  let peopleStoreClosed = false;
  const opened = peopleData;
  peopleData = undefined;
  if (opened) {
    try {
      await (await opened).store.close();
      peopleStoreClosed = true;
    } catch (error) {
      console.error(`Shutdown: the people store did not close cleanly: ${safe(error)}`);
    }
  }
  return { stopped, peopleStoreClosed };
}

// The server process (scripts/serve.mjs) lives outside the built bundle and cannot import this
// module's bundled copy, so the bundle hands it `shutdown` through a process-wide registry
// symbol: no endpoint can trigger it, and a second copy of this module would overwrite, not add.
(globalThis as Record<symbol, unknown>)[Symbol.for('signpost.shutdown')] = shutdown;
