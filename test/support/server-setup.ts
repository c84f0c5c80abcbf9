/**
 * Global setup for page and browser tests: builds the site if its build is stale, then starts the
 * real server once with a fresh data directory seeded from the sample data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's output, for tests that check what it logs. */
    serverLog: string;
    /** The server's DATA_DIR, for tests that open its people store (e.g. to create accounts). */
    dataDir: string;
  }
}

export default async function setup(project: TestProject) {
  buildIfStale();
  const dataDir = await mkdtemp(join(tmpdir(), 'signpost-test-'));
  const server = await startServer(dataDir);
  project.provide('baseUrl', server.baseUrl);
  project.provide('serverLog', server.log);
  project.provide('dataDir', join(dataDir, 'data'));
  return async () => {
    await server.stop();
    if (!process.env.KEEP_TEST_DATA) await rm(dataDir, { recursive: true, force: true });
  };
}
