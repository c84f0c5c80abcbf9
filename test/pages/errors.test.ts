import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { textOf } from '../support/sample';

// A server whose content store is broken: every page that needs content fails.
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'signpost-broken-'));
  await mkdir(join(dataDir, 'data', 'content'), { recursive: true });
  await writeFile(join(dataDir, 'data', 'content', 'dataset.ndjson'), '{"_id": "half a docu');
  server = await startServer(dataDir);
});
afterAll(async () => {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('when content cannot be read', () => {
  it('shows a friendly 500 page with urgent help', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    expect(response.status).toBe(500);
    const text = textOf(await response.text());
    expect(text).toContain('Sorry, there is a problem with the service');
    expect(text).toContain('116 123');
  });

  it('still gives the urgent help numbers', async () => {
    const response = await fetch(`${server.baseUrl}/urgent-help`);
    const text = textOf(await response.text());
    for (const number of ['111', '116 123', '85258', '999']) expect(text).toContain(number);
  });
});
