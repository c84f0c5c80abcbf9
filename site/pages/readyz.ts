import type { APIRoute } from 'astro';
import { peopleStoreAnswers } from '../server/context';
import { searchIndexStore } from '../server/search';

/**
 * Readiness: 200 once the search index is loaded and the people store answers, else 503 naming
 * what is not ready yet, so a load balancer sends no traffic to an instance still starting.
 */
export const GET: APIRoute = async () => {
  const checks = {
    searchIndex: searchIndexStore().current() !== undefined,
    peopleStore: await peopleStoreAnswers(),
  };
  const ready = checks.searchIndex && checks.peopleStore;
  const notReady = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([part]) => part);
  return Response.json(ready ? { status: 'ready', checks } : { status: 'not-ready', notReady, checks }, {
    status: ready ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
};
