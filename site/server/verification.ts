/**
 * What the verification pages share: the secret that signs "still accurate" links, and the
 * review reminder job on a timer (`src/listings/review-reminders.ts`).
 */
import { jobErrorText } from '@src/security/redact';
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

let jobs: { stop(): Promise<void> } | undefined;
let running: Promise<void> | undefined;

async function runOnce(store: PeopleStore): Promise<void> {
  if (running) return;
  running = (async () => {
    try {
      const sent = await sendReviewReminders(store, await content(), {
        siteUrl: config().siteUrl,
        secret: checkLinkSecret(),
      });
      const done = Object.entries(sent).filter(([, n]) => n > 0);
      if (done.length > 0) console.log(`Review reminders: ${done.map(([stage, n]) => `${n} ${stage}`).join(', ')}.`);
    } catch (error) {
      console.error(`Review reminders failed: ${jobErrorText(error)}`);
    } finally {
      running = undefined;
    }
  })();
  await running;
}

/**
 * Starts the timer once per process (called by the composition root when the store opens);
 * `stop()` clears it and waits for a run in progress, for a graceful shutdown.
 */
export function startReviewReminders(store: PeopleStore): { stop(): Promise<void> } {
  if (jobs) return jobs;
  const first = setTimeout(() => void runOnce(store), FIRST_RUN_MS);
  first.unref();
  const every = setInterval(() => void runOnce(store), REVIEW_JOB_INTERVAL_MS);
  every.unref();
  const handle = {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      if (jobs === handle) jobs = undefined;
      await running;
    },
  };
  jobs = handle;
  return handle;
}
