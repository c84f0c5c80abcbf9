/**
 * Backing up and restoring the people store, as stored: sealed contact details stay sealed, so a
 * backup file reveals no more than the database file does (see `src/security/encryption.ts`).
 *
 * - SQLite: an online backup through SQLite's backup API in one step, which reads one consistent
 *   snapshot while the server goes on writing (WAL mode lets writers continue meanwhile). The copy
 *   is made a single self-contained file (no -wal), mode 0600, and checked with `integrity_check`.
 * - PostgreSQL: `pg_dump --format=custom`, checked by `pg_restore --list`; restored with
 *   `pg_restore --clean --if-exists --single-transaction`. Without the tools, exact commands are
 *   given instead: a backup without its people data is never reported as done.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
} from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { SEALED_COLUMNS } from './sealing.ts';

/** Raised with a message fit to print: no personal data, no passwords. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** One sealed value per key id, to prove after a restore that the configured keys open the data. */
export type SealedSamples = Record<string, string>;

/** Copies a live SQLite store to `target` (created 0600) as one consistent, self-contained file. */
export async function backupSqlite(source: string, target: string): Promise<void> {
  if (!existsSync(source)) throw new BackupError(`There is no people store at ${source} to back up.`);
  // Created first with the right mode, so the copy of personal data is never readable by others.
  closeSync(openSync(target, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
  const live = new DatabaseSync(source, { readOnly: true, timeout: 5000 });
  try {
    // All pages in one step: a single read snapshot, which other connections' writes cannot restart.
    await backup(live, target, { rate: 2 ** 31 - 1 });
  } finally {
    live.close();
  }
  const copy = new DatabaseSync(target);
  try {
    // The live file is in WAL mode; the copy should stand alone, with no -wal beside it.
    copy.exec('PRAGMA journal_mode = DELETE');
    checkIntegrity(copy, 'The backup copy');
  } finally {
    copy.close();
  }
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function checkIntegrity(database: DatabaseSync, what: string): void {
  const rows = database.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
  const verdict = rows.map((row) => row.integrity_check).join('; ');
  if (verdict !== 'ok') throw new BackupError(`${what} failed SQLite's integrity check (${verdict.slice(0, 200)}).`);
}

/** The key ids that sealed values in a SQLite store, each with one value sealed by it. */
export function sealedSamplesSqlite(file: string): SealedSamples {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const samples: SealedSamples = {};
    const tables = new Set(
      (database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    for (const { table, columns } of SEALED_COLUMNS) {
      if (!tables.has(table)) continue;
      for (const column of columns) {
        const rows = database
          .prepare(
            `SELECT substr("${column}", 8, instr(substr("${column}", 8), ':') - 1) AS id, min("${column}") AS sample
             FROM "${table}" WHERE "${column}" LIKE 'enc:v1:%' GROUP BY id`,
          )
          .all() as { id: string; sample: string }[];
        for (const row of rows) samples[row.id] ??= row.sample;
      }
    }
    return samples;
  } finally {
    database.close();
  }
}

/**
 * Replaces the SQLite store at `target` with the backup copy `source`, atomically: the copy is
 * made beside it, fsynced and checked, then renamed over it. A failure before the rename leaves
 * the store as it was. `check` runs on the checked copy before it goes live (the key check).
 */
export async function restoreSqlite(
  source: string,
  target: string,
  check: (candidate: string) => void = () => {},
): Promise<void> {
  const partial = `${target}.restore-${process.pid}.tmp`;
  // A new machine recovering from a backup may have no DATA_DIR yet.
  await mkdir(dirname(target), { recursive: true });
  await rm(partial, { force: true });
  closeSync(openSync(partial, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
  try {
    await copyFile(source, partial);
    const candidate = new DatabaseSync(partial, { readOnly: true });
    try {
      // Read only as it is: the server puts it back in WAL mode when it opens it.
      checkIntegrity(candidate, 'The backed-up people store');
    } finally {
      candidate.close();
    }
    check(partial);
    const handle = await open(partial, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existsSync(target)) {
      // Fold the old store's WAL into it first, then drop the -wal/-shm: left beside the new
      // file, SQLite would replay the old store's pages into it.
      const old = new DatabaseSync(target, { timeout: 5000 });
      try {
        old.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } finally {
        old.close();
      }
    }
    await rm(`${target}-wal`, { force: true });
    await rm(`${target}-shm`, { force: true });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  fsyncDirectory(dirname(target));
}

function fsyncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Other processes that hold `file` (or its -wal) open, read from /proc; `undefined` where the
 * system has no /proc and this cannot be told.
 */
export function processesHolding(file: string): number[] | undefined {
  if (!existsSync('/proc/self/fd')) return undefined;
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return [];
  }
  const targets = new Set([real, `${real}-wal`]);
  const holders: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (targets.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) {
          holders.push(Number(entry));
          break;
        }
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  return holders;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** pg_dump and friends take the password from the environment, never from a command line others can read. */
function postgresEnvironment(databaseUrl: string): { env: NodeJS.ProcessEnv; url: string } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = '';
  return { env, url: url.toString() };
}

/** The URL with its password masked, for messages. */
export function maskedUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Whether a command is on the PATH. */
export function hasCommand(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** What to run by hand where pg_dump is not installed here. */
export function pgDumpGuidance(databaseUrl: string, file: string): string {
  return [
    'pg_dump is not on the PATH, so the people data (PostgreSQL) cannot be backed up from here.',
    'Install the PostgreSQL client (Debian: apt-get install postgresql-client, the same major version',
    'as the server or newer), or run on a machine that has it:',
    `  PGPASSWORD=... pg_dump --format=custom --no-owner --file ${file} '${maskedUrl(databaseUrl).replace(':***@', '@')}'`,
    'and restore with (every instance stopped):',
    `  PGPASSWORD=... pg_restore --clean --if-exists --no-owner --single-transaction --dbname '<DATABASE_URL>' ${file}`,
  ].join('\n');
}

/** `pg_dump --format=custom` of the people database to `file` (0600), checked with `pg_restore --list`. */
export async function backupPostgres(databaseUrl: string, file: string): Promise<void> {
  if (!hasCommand('pg_dump') || !hasCommand('pg_restore')) throw new BackupError(pgDumpGuidance(databaseUrl, file));
  closeSync(openSync(file, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
  const { env, url } = postgresEnvironment(databaseUrl);
  const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', url], {
    env,
    encoding: 'utf8',
  });
  if (dump.status !== 0) {
    throw new BackupError(`pg_dump failed (${maskedUrl(databaseUrl)}): ${firstLine(dump.stderr)}`);
  }
  const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
  if (list.status !== 0 || !/TABLE DATA .*referral/.test(list.stdout)) {
    throw new BackupError(`The dump written by pg_dump cannot be read back by pg_restore: ${firstLine(list.stderr)}`);
  }
  if ((await stat(file)).size === 0) throw new BackupError('pg_dump wrote an empty file.');
}

/** Restores a `pg_dump --format=custom` file over the people database, in one transaction. */
export function restorePostgres(databaseUrl: string, file: string): void {
  if (!hasCommand('pg_restore')) {
    throw new BackupError(
      [
        'pg_restore is not on the PATH. Install the PostgreSQL client, then run (every instance stopped):',
        `  PGPASSWORD=... pg_restore --clean --if-exists --no-owner --single-transaction --dbname '<DATABASE_URL>' ${file}`,
      ].join('\n'),
    );
  }
  const { env, url } = postgresEnvironment(databaseUrl);
  const run = spawnSync(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--dbname', url, file],
    { env, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    throw new BackupError(
      `pg_restore failed and, in one transaction, changed nothing (${maskedUrl(databaseUrl)}): ${firstLine(run.stderr)}`,
    );
  }
}

/** The key ids that sealed values in a PostgreSQL store, each with one value sealed by it. */
export async function sealedSamplesPostgres(databaseUrl: string): Promise<SealedSamples> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const samples: SealedSamples = {};
    for (const { table, columns } of SEALED_COLUMNS) {
      for (const column of columns) {
        const { rows } = await client.query<{ id: string; sample: string }>(
          `SELECT split_part("${column}", ':', 3) AS id, min("${column}") AS sample
           FROM "${table}" WHERE "${column}" LIKE 'enc:v1:%' GROUP BY 1`,
        );
        for (const row of rows) samples[row.id] ??= row.sample;
      }
    }
    return samples;
  } finally {
    await client.end();
  }
}

function firstLine(text: string | null | undefined): string {
  const line = (text ?? '').split('\n').find((l) => l.trim() !== '') ?? 'no message';
  // pg tools may echo the connection string; never print a password.
  return line.replace(/(postgres(?:ql)?:\/\/[^:@/\s]+:)[^@\s]+@/g, '$1***@').slice(0, 300);
}
