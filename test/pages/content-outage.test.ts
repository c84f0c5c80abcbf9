// A Content Lake outage is invisible to residents: with hosted content down, slow, answering 503
// or answering nonsense, every public page and the feed keep answering 200 from the last known
// good snapshot; a server started with the Lake down serves the snapshot on disk, says quietly
// that information may be out of date once it is older than the set age, and recovers by itself
// (new content, no notice) once the Lake answers again.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@sanity/client';
import { encodeSignatureHeader } from '@sanity/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, type StoredDocument } from '../../src/content/dataset';
import { snapshotFiles } from '../../src/content/snapshot';
import { startContentLake, type ContentLakeStandIn } from '../support/content-lake';
import { startServer, type RunningServer } from '../support/server';

const SECRET = 'webhook-secret-for-tests-0123456789';
const NOTICE = 'Some information may be out of date';

let directory: string;
let lake: ContentLakeStandIn;
let server: RunningServer;
let service: StoredDocument;
let slug: string;

const env = () => ({
  SANITY_PROJECT_ID: 'standin',
  SANITY_DATASET: 'production',
  SANITY_API_HOST: lake.url,
  SANITY_WEBHOOK_SECRET: SECRET,
  SANITY_TIMEOUT_MS: '1500',
  SANITY_SYNC_SECONDS: '5',
  CONTENT_STALE_AFTER_MINUTES: '1',
});

/** Checks `probe` until it holds or `ms` runs out. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** The public pages and feed a resident (or a feed reader) would ask for, with what each must show. */
const pages = () => [
  { path: '/', shows: 'Need urgent help?' },
  { path: `/search?q=${encodeURIComponent(service.name as string)}`, shows: service.name as string },
  { path: `/services/${slug}`, shows: service.name as string },
  { path: '/sitemap.xml', shows: `/services/${slug}` },
  { path: '/api/oruk/services', shows: '"contents"' },
  { path: `/api/oruk/services/${service._id}`, shows: JSON.stringify(service.name) },
];

async function get(path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(new URL(path, server.baseUrl));
  return { status: response.status, text: await response.text() };
}

/** Tells the server content changed, so it syncs with the Lake now (whatever state the Lake is in). */
async function sendWebhook(): Promise<void> {
  const body = JSON.stringify({ _id: service._id });
  const response = await fetch(new URL('/api/content-webhook', server.baseUrl), {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), SECRET),
    },
  });
  expect(response.status).toBe(202);
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'signpost-outage-'));
  const documents = await readDataset('content/sample.ndjson');
  service = documents.find((document) => document._type === 'service' && document.status === 'active')!;
  slug = (service.slug as { current: string }).current;
  lake = await startContentLake(documents);
  server = await startServer(directory, env());
  // The first sync and the search index, before anything fails.
  expect((await get('/')).status).toBe(200);
  await fetch(new URL(`/api/search?q=walking`, server.baseUrl));
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await lake?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('hosted content while the Content Lake is healthy', () => {
  it('serves every public page and the feed without the out-of-date notice', async () => {
    for (const { path, shows } of pages()) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain(shows);
      expect(page.text, path).not.toContain(NOTICE);
    }
  });
});

const failures: [string, () => Promise<void> | void][] = [
  ['down (the port refuses)', () => lake.down()],
  ['slower than the timeout', () => lake.behave({ delayMs: 4000 })],
  ['answering 503', () => lake.behave({ status: 503 })],
  ['answering a malformed body', () => lake.behave({ malformed: true })],
];

describe.each(failures)('hosted content while the Content Lake is %s', (_name, breakLake) => {
  it('keeps every public page and the feed answering 200 with real content from the snapshot', async () => {
    const logged = (await readFile(server.log, 'utf8')).length;
    await breakLake();
    try {
      await sendWebhook(); // the server asks the failing Lake now, not at its next timer
      for (const { path, shows } of pages()) {
        const page = await get(path);
        expect(page.status, path).toBe(200);
        expect(page.text, path).toContain(shows);
      }
      // The failure really reached the store (it said so), and pages were served all the same.
      const noticed = await within(8000, async () =>
        (await readFile(server.log, 'utf8')).slice(logged).includes('Content Lake unavailable'),
      );
      expect(noticed).toBe(true);
      for (const { path } of pages()) expect((await get(path)).status, path).toBe(200);
    } finally {
      lake.behave({});
      await lake.up();
      // Back to healthy before the next case, so each one starts from a working Lake.
      const recovered = await within(15_000, async () =>
        (await readFile(server.log, 'utf8')).slice(logged).includes('Content Lake answering again'),
      );
      expect(recovered).toBe(true);
    }
  }, 40_000);
});

describe('a server started with the Content Lake down and an old snapshot on disk', () => {
  it('serves pages from the snapshot with the notice, then recovers by itself with the new content', async () => {
    await server.stop();
    const studio = createClient({
      projectId: 'standin',
      dataset: 'production',
      apiVersion: '2025-02-19',
      apiHost: lake.url,
      useProjectHostname: false,
      useCdn: false,
      token: 'studio-token',
    });
    const renamed = 'Quokka Allotment Collective';
    await studio.patch(service._id).set({ name: renamed }).commit();
    await lake.down();
    // The snapshot's last good sync was two hours ago: older than the 1 minute set.
    const meta = snapshotFiles(join(directory, 'data', 'content')).meta;
    await writeFile(meta, JSON.stringify({ syncedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }));

    server = await startServer(directory, env());
    for (const { path, shows } of pages()) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain(shows);
      if (!path.startsWith('/api/') && !path.endsWith('.xml')) expect(page.text, path).toContain(NOTICE);
    }
    expect((await get(`/services/${slug}`)).text).not.toContain(renamed);

    await lake.up();
    const recovered = await within(20_000, async () => {
      const page = await get(`/services/${slug}`);
      return page.status === 200 && page.text.includes(renamed) && !page.text.includes(NOTICE);
    });
    expect(recovered).toBe(true);
    const feed = (await (await fetch(new URL(`/api/oruk/services/${service._id}`, server.baseUrl))).json()) as {
      name?: string;
    };
    expect(feed.name).toBe(renamed);
  }, 120_000);
});

describe('a first start with the Content Lake down and no snapshot on disk', () => {
  it('answers 503 with Retry-After (pages, search and the feed) and urgent help 200, then recovers by itself', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'signpost-first-start-'));
    let first: RunningServer | undefined;
    try {
      await lake.down();
      first = await startServer(empty, env());
      const at = (path: string, init?: RequestInit) => fetch(new URL(path, first!.baseUrl), init);
      for (const path of ['/', '/search?q=walking', `/services/${slug}`, '/sitemap.xml']) {
        const response = await at(path);
        expect(response.status, path).toBe(503);
        expect(Number(response.headers.get('retry-after')), path).toBeGreaterThan(0);
        expect(response.headers.get('cache-control'), path).toBe('no-store');
        if (path !== '/sitemap.xml') expect(await response.text(), path).toContain('Try again in a few minutes');
      }
      for (const path of ['/api/search?q=walking', '/api/oruk/services']) {
        const response = await at(path);
        expect(response.status, path).toBe(503);
        expect(Number(response.headers.get('retry-after')), path).toBeGreaterThan(0);
        expect(response.headers.get('content-type'), path).toContain('application/json');
      }
      const urgent = await at('/urgent-help');
      expect(urgent.status).toBe(200);
      expect(await urgent.text()).toContain('116 123');

      await lake.up();
      // (An earlier test may have renamed the service in the Lake: its page answering is the proof.)
      const recovered = await within(30_000, async () => (await at(`/services/${slug}`)).status === 200);
      expect(recovered).toBe(true);
    } finally {
      await lake.up();
      await first?.stop();
      await rm(empty, { recursive: true, force: true });
    }
  }, 120_000);
});
