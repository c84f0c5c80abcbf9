/**
 * Fresh people stores for tests, of both kinds: a temporary `DATA_DIR` for `node:sqlite`, and a
 * temporary PostgreSQL database (`CREATE DATABASE signpost_test_<random>`, dropped afterwards).
 *
 * PostgreSQL is required: if it cannot be reached the tests FAIL with a message saying so. They
 * never skip, so a run without PostgreSQL can never pass for a run that tested both stores.
 * `TEST_POSTGRES_URL` points at the server's maintenance database
 * (default `postgres://postgres@127.0.0.1:5432/postgres`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, beforeEach } from 'vitest';
import { readConfig, type Config } from '../../src/config.ts';

export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type TestStoreKind = (typeof STORE_KINDS)[number];

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function postgresNeeded(error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    [
      '',
      '################################################################################',
      '  PostgreSQL IS NEEDED for the people-data tests, and it could not be reached:',
      `    ${adminUrl.replace(/\/\/[^@/]*@/, '//***@')}: ${reason}`,
      '  Every accounts and store test runs on node:sqlite AND PostgreSQL; none skips.',
      '  Start it (on this kind of machine):',
      '    pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
      '  or set TEST_POSTGRES_URL to a server where this user may CREATE DATABASE.',
      '################################################################################',
    ].join('\n'),
    { cause: error },
  );
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw postgresNeeded(error);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  kind: TestStoreKind;
  /** The environment a server or CLI would be given (DATA_DIR, and DATABASE_URL for PostgreSQL). */
  env: Record<string, string>;
  config: Config;
  /** Removes the database (and the temporary DATA_DIR). */
  dispose(): Promise<void>;
}

/** A new, empty store location of the given kind. */
export async function createTestDatabase(
  kind: TestStoreKind,
  extraEnv: Record<string, string> = {},
): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'signpost-people-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, SITE_URL: 'https://signpost.test', ...extraEnv };
  let dropDatabase = async () => {};
  if (kind === 'postgres') {
    const name = `signpost_test_${randomBytes(6).toString('hex')}`;
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = () =>
      withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  }
  return {
    kind,
    env,
    config: readConfig(env),
    async dispose() {
      await dropDatabase();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * `beforeAll` for a suite that needs a database: if `setup` fails (no PostgreSQL), every test of
 * the suite FAILS with the reason, rather than being reported as skipped.
 */
export function setUpOrFailEveryTest(setup: () => Promise<void>): void {
  let failure: unknown;
  beforeAll(async () => {
    try {
      await setup();
    } catch (error) {
      failure = error;
    }
  });
  beforeEach(() => {
    if (failure) throw failure;
  });
}
