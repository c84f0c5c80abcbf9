/**
 * What the referral pages share: the service directory over the content store, the connector's
 * list ("Add to referral"), the headers of capability-link pages, and the housekeeping timer.
 */
import { jobErrorText } from '@src/security/redact';
import { periodicJob, type JobHandle } from './jobs';
import type { AstroGlobal } from 'astro';
import { referralReportServicesQuery, referralServicesQuery } from '@src/queries';
import type { ReferralService } from '@src/queries/types';
import type { PeopleStore } from '@src/people';
import {
  buildOrganisationReport,
  buildReports,
  filterChoices,
  parseReportFilters,
  runReferralJobs,
  usualResponseDays,
  type ReferralReports,
  type ServiceDirectory,
} from '@src/referrals';
import { config, content, people } from './context';

/** The activities' details, from the content store. */
export const directory: ServiceDirectory = {
  async services(ids: string[]): Promise<ReferralService[]> {
    if (ids.length === 0) return [];
    return (await content()).fetch(referralServicesQuery, { ids });
  },
};

/** Services by id, keeping `ids`' order and dropping any no longer published. */
export async function servicesInOrder(ids: string[]): Promise<Map<string, ReferralService>> {
  const found = new Map((await directory.services([...new Set(ids)])).map((s) => [s._id, s]));
  return new Map(ids.filter((id) => found.has(id)).map((id) => [id, found.get(id)!]));
}

/**
 * "Usually responds within N working days" for a service's page, once 5 of its referrals have
 * been answered; undefined before that, or if people data cannot be read (the page still shows).
 */
export async function usualResponseFor(serviceId: string): Promise<number | undefined> {
  try {
    const { store } = await people();
    return usualResponseDays(await store.referrals.responseTimes(serviceId));
  } catch (error) {
    console.error(`Response time unavailable: ${jobErrorText(error)}`);
    return undefined;
  }
}

/** Every referral report, now (counts only; small ones suppressed). */
export async function loadReports(): Promise<ReferralReports> {
  const [{ store }, source] = await Promise.all([people(), content()]);
  const [rows, services] = await Promise.all([store.referrals.reportRows(), source.fetch(referralReportServicesQuery)]);
  return buildReports(rows, services, new Date());
}

/** The commissioners' report by provider for a request's filters (bad ones: messages, defaults). */
export async function loadOrganisationReport(query: URLSearchParams) {
  const [{ store }, source] = await Promise.all([people(), content()]);
  const [rows, scores, services] = await Promise.all([
    store.reports.organisationRows(),
    store.reports.outcomeScores(),
    source.fetch(referralReportServicesQuery),
  ]);
  const choices = filterChoices(services);
  const { filters, errors } = parseReportFilters(query, choices, new Date());
  return { choices, filters, errors, report: buildOrganisationReport(rows, scores, services, filters) };
}

const baskets = new WeakMap<Request, Promise<string[]>>();

/** A connector's list (service ids), read once per request however many buttons a page shows. */
export function basketOf(request: Request, userId: string): Promise<string[]> {
  let list = baskets.get(request);
  if (!list) {
    list = people().then(({ store }) => store.baskets.list(userId));
    baskets.set(request, list);
  }
  return list;
}

/** Headers for pages opened by a referral link: never cached, indexed or sent on as a referrer. */
export function capabilityHeaders(astro: Pick<AstroGlobal, 'response'>): void {
  astro.response.headers.set('Cache-Control', 'no-store');
  astro.response.headers.set('Referrer-Policy', 'no-referrer');
  astro.response.headers.set('X-Robots-Tag', 'noindex');
}

/** The same for a connector's and a provider's pages, which hold a link or contact details. */
export const privateHeaders = capabilityHeaders;

/** A path on this site to return to after a form; anything else becomes `fallback`. */
export function localPath(value: string | null | undefined, fallback: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\s]/.test(value)) return fallback;
  return value;
}

/** Reads the UUID of a path segment, or undefined. */
export function uuidOf(value: string | undefined): string | undefined {
  return value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
    ? value.toLowerCase()
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// Housekeeping: expiry, reminders, escalation, retention

/** How often the referral jobs run. */
export const JOB_INTERVAL_MS = 15 * 60_000;
/** The first run, shortly after the people store opens. */
const FIRST_RUN_MS = 30_000;

let jobs: JobHandle | undefined;

/**
 * Starts the timer once per process (called by the composition root when the store opens);
 * `stop()` clears its timers and waits for a run in progress, for a graceful shutdown.
 */
export function startReferralJobs(store: PeopleStore): JobHandle {
  jobs ??= periodicJob('Referral jobs', { firstMs: FIRST_RUN_MS, everyMs: JOB_INTERVAL_MS }, async () => {
    const report = await runReferralJobs(store, directory, {
      siteUrl: config().siteUrl,
      retentionMonths: config().retentionMonths,
    });
    const done = Object.entries(report).filter(([, n]) => n > 0);
    if (done.length > 0) console.log(`Referral jobs: ${done.map(([what, n]) => `${n} ${what}`).join(', ')}.`);
  });
  return jobs;
}
