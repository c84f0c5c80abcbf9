// Hosted content goes live by itself: a publish in the Content Lake (as the Studio makes one)
// reaches the service page, search and the ORUK feed through the signed webhook, within the 5
// seconds the directory promises, with polling left at its slow default.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@sanity/client';
import { encodeSignatureHeader } from '@sanity/webhook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, type StoredDocument } from '../../src/content/dataset';
import { startContentLake, type ContentLakeStandIn } from '../support/content-lake';
import { startServer, type RunningServer } from '../support/server';

const SECRET = 'webhook-secret-for-tests-0123456789';
const PROMISE_MS = 5000;

let directory: string;
let lake: ContentLakeStandIn;
let server: RunningServer;
let service: StoredDocument;

/** Checks `probe` until it holds or the promised time runs out; how long it took. */
async function within(promiseMs: number, probe: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + promiseMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'signpost-live-'));
  const documents = await readDataset('content/sample.ndjson');
  service = documents.find((document) => document._type === 'service' && document.status === 'active')!;
  lake = await startContentLake(documents);
  server = await startServer(directory, {
    SANITY_PROJECT_ID: 'standin',
    SANITY_DATASET: 'production',
    SANITY_API_HOST: lake.url,
    SANITY_WEBHOOK_SECRET: SECRET,
  });
  lake.webhook({ url: new URL('/api/content-webhook', server.baseUrl).href, secret: SECRET });
  // The index is built once before the change, so the change has to reach it.
  await fetch(new URL('/api/search?q=walking', server.baseUrl));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await lake?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('content changed in the hosted Content Lake', () => {
  it('shows a publish on the service page, in search and in the feed within 5 seconds of the webhook', async () => {
    const studio = createClient({
      projectId: 'standin',
      dataset: 'production',
      apiVersion: '2025-02-19',
      apiHost: lake.url,
      useProjectHostname: false,
      useCdn: false,
      token: 'studio-token',
    });
    const name = 'Zanzibar Harmonica Circle';
    await studio.patch(service._id).set({ name }).commit();

    const slug = (service.slug as { current: string }).current;
    const live = await within(PROMISE_MS, async () => {
      const [page, search, feed] = await Promise.all([
        fetch(new URL(`/services/${slug}`, server.baseUrl)).then((r) => r.text()),
        fetch(new URL('/api/search?q=zanzibar', server.baseUrl)).then(
          (r) => r.json() as Promise<{ results: { name: string }[] }>,
        ),
        fetch(new URL(`/api/oruk/services/${service._id}`, server.baseUrl)).then(
          (r) => r.json() as Promise<{ name?: string }>,
        ),
      ]);
      return page.includes(name) && search.results.some((result) => result.name === name) && feed.name === name;
    });
    expect(live).toBe(true);
  });

  it('refuses a webhook without a signature or with a wrong one', async () => {
    const url = new URL('/api/content-webhook', server.baseUrl);
    const body = JSON.stringify({ _id: service._id });
    const unsigned = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    const forged = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), 'not-the-secret-at-all-xx'),
      },
    });
    expect(forged.status).toBe(401);
    expect((await forged.json()) as { message: string }).toMatchObject({ message: expect.stringMatching(/signature/) });
  });

  it('accepts a correctly signed webhook', async () => {
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
  });
});
