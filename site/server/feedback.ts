/**
 * Wires the public feedback use cases (src/feedback) to this process: the people store, the
 * form-stamp key derived from AUTH_SECRET, and the retention timer.
 */
import { periodicJob, type JobHandle } from './jobs';
import type { AstroGlobal } from 'astro';
import { resolveAuthSecret } from '@src/accounts';
import {
  FeedbackError,
  HONEYPOT_FIELD,
  makeStamp,
  runFeedbackRetention,
  STAMP_FIELD,
  stampKey,
  type FeedbackDeps,
  type StampPurpose,
} from '@src/feedback';
import { formFields } from '@src/feedback/form';
import type { PeopleStore } from '@src/people';
import { config, people } from './context';

export { HONEYPOT_FIELD, STAMP_FIELD };

let key: Buffer | undefined;

/** The stamp key, derived once from the app's secret. */
function feedbackKey(): Buffer {
  key ??= stampKey(resolveAuthSecret(config()));
  return key;
}

/** A fresh stamp for a form shown now (no cookie, nothing personal: the page stays cacheable). */
export function formStamp(purpose: StampPurpose): string {
  return makeStamp(feedbackKey(), purpose, new Date());
}

export async function feedbackDeps(): Promise<FeedbackDeps> {
  const { store } = await people();
  return { people: store, stampKey: feedbackKey(), siteUrl: config().siteUrl };
}

/** The posted form's fields and the connection's address (never a client header). */
export async function submissionOf(astro: AstroGlobal) {
  const data = await astro.request.formData().catch(() => new FormData());
  let clientAddress = 'unknown';
  try {
    clientAddress = astro.clientAddress ?? 'unknown';
  } catch {
    // No address on this adapter or request: every such request shares one limit.
  }
  return { clientAddress, fields: formFields(data) };
}

/** Sets the status for a refusal: 429 (with Retry-After) for the limit, 400 otherwise. */
export function refusalStatus(astro: AstroGlobal, error: FeedbackError): void {
  if (error.reason === 'rate-limited') {
    astro.response.status = 429;
    astro.response.headers.set('Retry-After', String(error.retryAfterSeconds));
  } else {
    astro.response.status = error.reason === 'not-found' ? 404 : 400;
  }
}

/** Answers 405 for anything but GET, HEAD and POST. */
export function onlyGetAndPost(astro: AstroGlobal): Response | undefined {
  if (['GET', 'HEAD', 'POST'].includes(astro.request.method)) return undefined;
  return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD, POST' } });
}

// ---------------------------------------------------------------------------------------------
// Retention: reporters' emails and page comments (see src/feedback/retention.ts)

const RETENTION_INTERVAL_MS = 60 * 60_000;
const FIRST_RUN_MS = 45_000;
let jobs: JobHandle | undefined;

/**
 * Starts the hourly retention run once per process (called by the composition root);
 * `stop()` clears its timers and waits for a run in progress, for a graceful shutdown.
 */
export function startFeedbackJobs(store: PeopleStore): JobHandle {
  jobs ??= periodicJob('Feedback retention', { firstMs: FIRST_RUN_MS, everyMs: RETENTION_INTERVAL_MS }, async () => {
    const { emails, comments } = await runFeedbackRetention(store);
    // Counts only: never an address, a comment or whose they were.
    if (emails > 0 || comments > 0) {
      console.log(`Feedback retention: cleared ${emails} reporter contact(s) and ${comments} page comment(s).`);
    }
  });
  return jobs;
}
