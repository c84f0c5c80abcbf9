/**
 * What the verification pages share: the secret that signs "still accurate" links, and the
 * review reminder job on a timer (`src/listings/review-reminders.ts`).
 */
import { periodicJob, type JobHandle } from './jobs';
import { resolveAuthSecret } from '@src/accounts';
import { sendReviewReminders } from '@src/listings/review-reminders';
import type { PeopleStore } from '@src/people';
import { config, content } from './context';

let secret: string | undefined;

/** The app's secret (`AUTH_SECRET`, or the development one in DATA_DIR), which signs the links. */
export function checkLinkSecret(): string {
  secret ??= resolveAuthSecret(config());
  return secret;
}

/** How often the reminder job runs: reminders are by the day, so hourly is plenty. */
export const REVIEW_JOB_INTERVAL_MS = 60 * 60_000;
/** The first run, shortly after the people store opens. */
const FIRST_RUN_MS = 45_000;

let jobs: JobHandle | undefined;

/**
 * Starts the timer once per process (called by the composition root when the store opens);
 * `stop()` clears its timers and waits for a run in progress, for a graceful shutdown.
 */
export function startReviewReminders(store: PeopleStore): JobHandle {
  jobs ??= periodicJob('Review reminders', { firstMs: FIRST_RUN_MS, everyMs: REVIEW_JOB_INTERVAL_MS }, async () => {
    const sent = await sendReviewReminders(store, await content(), {
      siteUrl: config().siteUrl,
      secret: checkLinkSecret(),
    });
    const done = Object.entries(sent).filter(([, n]) => n > 0);
    if (done.length > 0) console.log(`Review reminders: ${done.map(([stage, n]) => `${n} ${stage}`).join(', ')}.`);
  });
  return jobs;
}
