/**
 * Pages served like static files (issue 10, must-show 4), measured in one run on one machine:
 * the 175-byte `/favicon.svg` (the server's ceiling for a request that does no work), `/search`
 * over the whole query mix, and one public page asked for again and again, each by autocannon at
 * the same number of connections. Goals: search at least a quarter of the favicon's throughput
 * with p99 <= 50 ms; the repeated page at least half. Requests carry a browser's Accept-Encoding.
 * Called by `run.ts` for each server size.
 */
import autocannon from 'autocannon';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What `measureThroughput` needs from the benchmark. */
export type ThroughputOptions = {
  baseUrl: string;
  /** `/search?...` for every search of the query mix, in order. */
  searchPaths: string[];
  connections: number;
  /** Seconds per load. */
  duration: number;
  /** Waits for the shared machine to be quiet; resolves with the load average then. */
  quiet: () => Promise<number>;
  log: (message: string) => void;
};

/** One load of `paths` (taken in turn) at the set connections: rate, latency percentiles, failures. */
async function load(options: ThroughputOptions, paths: string[]): Promise<Json> {
  let next = 0;
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.duration,
    // As every browser sends it: pages kept in memory are gzipped, and sent as they are.
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] as string }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** A service page linked from a search, else the home page: the "repeated page". */
async function publicPagePath(baseUrl: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/search?q=football`)).text();
  return /href="(\/services\/[a-z0-9-]+)"/.exec(html)?.[1] ?? '/';
}

/** A kept page's life in the server's memory (site/server/page-cache.ts), plus a second. */
const PAGE_LIFE_SECONDS = 61;

const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

/**
 * Loads the favicon, the search mix (twice: with its pages expiring during the load, then with
 * them fresh) and a repeated public page, each right after one unloaded pass (so what the server
 * keeps in memory is warm); returns the figures, the ratios to the favicon and whether each goal
 * (judged on the fresh search load) was met.
 */
export async function measureThroughput(options: ThroughputOptions): Promise<Json> {
  const { baseUrl, searchPaths, log } = options;
  const pagePath = await publicPagePath(baseUrl);
  /** Waits for quiet, asks for each path once (unloaded), then loads them. */
  const measure = async (paths: string[]): Promise<Json> => {
    const loadAverageBefore = await options.quiet();
    for (const path of paths) await (await fetch(`${baseUrl}${path}`)).arrayBuffer();
    return { loadAverageBefore, ...(await load(options, paths)) };
  };
  const favicon = await measure(['/favicon.svg']);
  // The mix's pages were all rendered together, earlier in the run, so they all expire (and are
  // rendered again) within this load: five times the re-rendering of steady use, where each page's
  // minute starts at its own time. Reported, not judged.
  const searchExpiring = await measure(searchPaths);
  // Then once every kept page has expired (a minute's life), so the unloaded pass renders each
  // afresh and none expires during the load: the cache's serving rate, which the goal is about.
  log(`throughput: waiting ${PAGE_LIFE_SECONDS} s for the search pages to expire, then rendering each once`);
  await new Promise((resolve) => setTimeout(resolve, PAGE_LIFE_SECONDS * 1000));
  const search = await measure(searchPaths);
  const page: Json = { path: pagePath, ...(await measure([pagePath])) };
  const searchRatio = ratio(search.requestsPerSecond, favicon.requestsPerSecond);
  const pageRatio = ratio(page.requestsPerSecond, favicon.requestsPerSecond);
  const goals = [
    { target: '/search >= 1/4 of /favicon.svg throughput', measured: `${searchRatio}`, met: searchRatio >= 0.25 },
    { target: '/search p99 <= 50 ms', measured: `${search.latencyMs.p99} ms`, met: search.latencyMs.p99 <= 50 },
    { target: `repeated page >= 1/2 of /favicon.svg throughput`, measured: `${pageRatio}`, met: pageRatio >= 0.5 },
    {
      target: 'no errors or non-2xx',
      measured: String(
        [favicon, searchExpiring, search, page].reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
      ),
      met: [favicon, searchExpiring, search, page].every((r) => r.non2xx + r.errors + r.timeouts === 0),
    },
  ];
  for (const [name, r] of [
    ['/favicon.svg', favicon],
    [`/search (${searchPaths.length} searches in turn, each page expiring during the load)`, searchExpiring],
    [`/search (${searchPaths.length} searches in turn, pages fresh)`, search],
    [`${pagePath} (repeated)`, page],
  ] as const) {
    log(
      `throughput ${name}: ${r.requestsPerSecond.toFixed(0)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, load before ${r.loadAverageBefore}`,
    );
  }
  for (const goal of goals) log(`throughput goal: ${goal.target}: ${goal.measured} (${goal.met ? 'met' : 'NOT met'})`);
  return {
    connections: options.connections,
    durationSeconds: options.duration,
    favicon,
    search,
    searchExpiring,
    searchExpiringToFavicon: ratio(searchExpiring.requestsPerSecond, favicon.requestsPerSecond),
    page,
    searchToFavicon: searchRatio,
    pageToFavicon: pageRatio,
    goals,
  };
}
