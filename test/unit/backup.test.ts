import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runBackupCli } from '../../src/backup/backup.ts';
import { runRestoreCli } from '../../src/backup/restore.ts';
import { readConfig } from '../../src/config.ts';
import { embeddedDatasetPath, readContentForBackup } from '../../src/content/backup.ts';
import { ensureDataset, parseNdjson, readDataset, writeDatasetDurably } from '../../src/content/dataset.ts';
import { createPeopleStore, SQLITE_FILE, type PeopleStore } from '../../src/people/store.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { openAccountsWorld, type AccountsWorld } from '../support/accounts.ts';
import { startContentLake } from '../support/content-lake.ts';
import { createTestDatabase, setUpOrFailEveryTest, type TestDatabase } from '../support/databases.ts';
import { sampleDocuments } from '../support/sample.ts';

// Each test runs the real scripts or pg_dump: seconds each on a shared machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const ROOT = join(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const ORG = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const SERVICE = 'a1a1a1a1-0000-4000-8000-000000000001';
// What a resident gave, which must never appear in a backup in plain text.
const RESIDENT = { name: 'Marigold Quince-Backup', phone: '07700 900987', label: 'Tuesday garden group lead' };

/** Runs one of the real scripts with the project's Node, as an operator would. */
function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [join(ROOT, 'scripts', script), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs a CLI function in this process, collecting what it prints. */
async function inProcess(
  cli: typeof runBackupCli | typeof runRestoreCli,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cli(args, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every row of every table, in order: what "the data is back exactly" compares. */
function dumpSqlite(file: string): Record<string, unknown[]> {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, database.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]),
    );
  } finally {
    database.close();
  }
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function referWith(store: PeopleStore, connector: string, contact = false) {
  return store.referrals.create({
    tokenHash: hashToken(newToken()),
    connectorUserId: connector,
    privateLabel: contact ? RESIDENT.label : undefined,
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
    items: [{ serviceId: SERVICE, organisationId: ORG }],
    ...(contact
      ? {
          contact: { name: RESIDENT.name, route: 'phone' as const, value: RESIDENT.phone, outwardPostcode: 'N17' },
          consents: { shareContact: true },
        }
      : {}),
  });
}

describe('Backing up and restoring a single machine (node:sqlite, embedded content)', () => {
  let database: TestDatabase;
  let world: AccountsWorld;
  let connector: string;
  let email: string;
  let firstReferral: string;
  let backupDir: string;
  let backupRows: Record<string, unknown[]>;
  let contentBefore: string;
  const live = () => join(database.config.dataDir, SQLITE_FILE);

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase('sqlite');
    await ensureDataset(database.config.dataDir, database.config.seedFile);
    contentBefore = await readFile(embeddedDatasetPath(database.config.dataDir), 'utf8');
    world = await openAccountsWorld(database.config);
    ({ id: connector, email } = await world.account('connector'));
    firstReferral = (await referWith(world.store, connector, true)).id;
    backupDir = join(database.config.dataDir, 'backups', 'taken-while-writing');
  });

  afterAll(async () => {
    await world?.close().catch(() => {});
    await database?.dispose();
  });

  it('takes a consistent backup with `npm run backup` while a writer keeps writing', async () => {
    // Recent commits live in the WAL, not yet in people.sqlite: keep all of them there, so a
    // backup that copied the file instead of reading through SQLite would miss them.
    await sql`PRAGMA wal_autocheckpoint = 0`.execute(world.store.db);
    let writing = true;
    const written: string[] = [];
    const writer = (async () => {
      while (writing) {
        written.push((await referWith(world.store, connector)).id);
        // node:sqlite is synchronous: yield, so the child process's output is read meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (written.length < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    const before = [...written];
    const run = await runScript('backup.mjs', [backupDir], database.env);
    writing = false;
    await writer;

    expect(run.stderr).not.toContain('Backup failed');
    expect(run.code).toBe(0);
    for (const secret of [...Object.values(RESIDENT), email]) expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.stdout).toContain('People data (sqlite): people.sqlite');
    expect(run.stdout).toContain(`Backup written to ${backupDir}`);
    const copy = join(backupDir, 'people.sqlite');
    expect((await stat(copy)).mode & 0o777).toBe(0o600);
    const check = new DatabaseSync(copy, { readOnly: true });
    expect(check.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    check.close();
    backupRows = dumpSqlite(copy);
    const ids = (backupRows.referral as { id: string }[]).map((row) => row.id);
    // Everything committed before the backup began is in it; it is one snapshot of what followed.
    expect(ids).toEqual(expect.arrayContaining([firstReferral, ...before]));
    expect(written.slice(0, ids.length - 1)).toEqual(ids.slice(1));
    expect(written.length).toBeGreaterThan(before.length);

    const manifest = JSON.parse(await readFile(join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'signpost-backup',
      people: { store: 'sqlite', file: 'people.sqlite' },
      sealedWithKeys: ['dev'],
      content: { source: 'embedded', documents: parseNdjson(contentBefore).length },
      secrets: [],
    });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['people.sqlite', 'content.ndjson']);
    expect(manifest.files[0].sha256).toBe(await sha256(copy));
    // The development key stays out, and the operator is told where it is.
    expect(run.stderr).toContain('people-data-key');
    expect(await readdir(backupDir)).not.toContain('secrets');
  });

  it('holds no resident’s contact details or private label in plain text', async () => {
    for (const name of await readdir(backupDir)) {
      const text = (await readFile(join(backupDir, name))).toString('latin1');
      for (const secret of Object.values(RESIDENT)) expect(text).not.toContain(secret);
    }
    const contact = backupRows.referral_contact as { name: string; contact_value: string }[];
    expect(contact).toHaveLength(1);
    expect(contact[0]!.name).toMatch(/^enc:v1:dev:/);
    expect(contact[0]!.contact_value).toMatch(/^enc:v1:dev:/);
  });

  it('refuses to restore while another process holds the people store open', async () => {
    const before = await sha256(live());
    const run = await runScript('restore.mjs', [backupDir], database.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The people store is open in another process');
    expect(run.stderr).toContain('Nothing was changed.');
    expect(await sha256(live())).toBe(before);
  });

  it('brings back the people data exactly and the content as it was, with `npm run restore`', async () => {
    // Changes after the backup: a contact deleted, an account renamed, more referrals, content edited.
    await world.store.db.deleteFrom('referral_contact').execute();
    await world.store.db.updateTable('user').set({ name: 'Renamed after backup' }).execute();
    await referWith(world.store, connector);
    const documents = await readDataset(embeddedDatasetPath(database.config.dataDir));
    const edited = documents
      .slice(1)
      .map((document) => (document._type === 'service' ? { ...document, name: 'Edited after backup' } : document));
    await writeDatasetDurably(embeddedDatasetPath(database.config.dataDir), edited);
    await world.close();

    const run = await runScript('restore.mjs', [backupDir], database.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('People data restored');
    expect(run.stdout).toContain(`Content restored into ${embeddedDatasetPath(database.config.dataDir)}`);

    expect(dumpSqlite(live())).toEqual(backupRows);
    expect((await stat(live())).mode & 0o777).toBe(0o600);
    expect(await readFile(embeddedDatasetPath(database.config.dataDir), 'utf8')).toBe(contentBefore);
    // The store opens, and the restored contact details open with the key.
    world = await openAccountsWorld(database.config);
    const referral = await world.store.referrals.get(firstReferral);
    expect(referral?.hasContact).toBe(true);
    expect(referral?.privateLabel).toBe(RESIDENT.label);
    const partner = (await world.account('partner', { organisationIds: [ORG] })).id;
    const contact = await world.store.referrals.readContactForItem({
      itemId: referral!.items[0]!.id,
      organisationIds: [ORG],
      actorUserId: partner,
    });
    expect(contact).toMatchObject({ name: RESIDENT.name, value: RESIDENT.phone, outwardPostcode: 'N17' });
    await world.close();
  });

  it('refuses a tampered backup and leaves the people data and the content untouched', async () => {
    const tampered = join(database.config.dataDir, 'backups', 'tampered');
    await cp(backupDir, tampered, { recursive: true });
    const file = join(tampered, 'people.sqlite');
    const bytes = await readFile(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    await writeFile(file, bytes);
    const before = {
      people: await sha256(live()),
      content: await sha256(embeddedDatasetPath(database.config.dataDir)),
    };

    const run = await inProcess(runRestoreCli, [tampered], database.env);
    expect(run.code).toBe(1);
    expect(run.err).toContain('people.sqlite does not match its checksum in the manifest');
    expect(run.err).toContain('Nothing was changed.');

    await cp(join(backupDir, 'people.sqlite'), file);
    await rm(join(tampered, 'content.ndjson'));
    expect((await inProcess(runRestoreCli, [tampered], database.env)).err).toContain(
      'content.ndjson is missing from the backup',
    );
    expect((await inProcess(runRestoreCli, [join(tampered, 'nowhere')], database.env)).err).toContain(
      'is not a Signpost backup',
    );
    await writeFile(join(tampered, 'manifest.json'), '{"format": "signpost-backup", "files": [');
    expect((await inProcess(runRestoreCli, [tampered], database.env)).err).toContain(
      'is not valid JSON: the backup is damaged',
    );
    expect({
      people: await sha256(live()),
      content: await sha256(embeddedDatasetPath(database.config.dataDir)),
    }).toEqual(before);
  });

  it('refuses to restore contact details the configured keys cannot open', async () => {
    const before = await sha256(live());
    const otherKey = `dev:${randomBytes(32).toString('base64')}`;
    const run = await inProcess(runRestoreCli, [backupDir], { ...database.env, PEOPLE_DATA_KEYS: otherKey });
    expect(run.code).toBe(1);
    expect(run.err).toContain('sealed with key dev, which the keys this server will use cannot open');
    expect(await sha256(live())).toBe(before);
    expect(await readdir(database.config.dataDir)).not.toContain(expect.stringMatching(/restore-.*\.tmp/));
  });

  it('copies the development key files only when asked, and a restore onto a new machine puts them back', async () => {
    const withSecrets = join(database.config.dataDir, 'backups', 'with-secrets');
    const run = await inProcess(runBackupCli, [withSecrets, '--with-secrets'], database.env);
    expect(run.code).toBe(0);
    expect(run.err).toContain('WARNING: secrets/people-data-key, secrets/auth-secret copied into the backup');
    expect((await stat(join(withSecrets, 'secrets', 'people-data-key'))).mode & 0o777).toBe(0o600);
    const key = await readFile(join(database.config.dataDir, 'people-data-key'), 'utf8');
    await rm(join(database.config.dataDir, 'people-data-key'));

    const restored = await inProcess(runRestoreCli, [withSecrets], database.env);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(await readFile(join(database.config.dataDir, 'people-data-key'), 'utf8')).toBe(key);

    // A new machine: an empty DATA_DIR gets the store, the content and the key, and reads the contact.
    const fresh = await mkdtemp(join(tmpdir(), 'signpost-recovered-'));
    const env = { ...database.env, DATA_DIR: join(fresh, 'data') };
    try {
      const recovered = await inProcess(runRestoreCli, [withSecrets], env);
      expect(recovered.err).toBe('');
      expect(recovered.code).toBe(0);
      const store = await createPeopleStore(readConfig(env));
      try {
        expect((await store.referrals.get(firstReferral))?.privateLabel).toBe(RESIDENT.label);
      } finally {
        await store.close();
      }
      expect(await readFile(embeddedDatasetPath(join(fresh, 'data')), 'utf8')).toBe(contentBefore);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('fails with a clear message, and leaves no partial backup, when it cannot back up', async () => {
    const exists = await inProcess(runBackupCli, [backupDir], database.env);
    expect(exists.code).toBe(1);
    expect(exists.err).toContain('already exists');
    const empty = await mkdtemp(join(tmpdir(), 'signpost-nothing-'));
    try {
      const target = join(empty, 'backup');
      const run = await inProcess(runBackupCli, [target], { DATA_DIR: empty });
      expect(run.code).toBe(1);
      expect(run.err).toContain('There is no people store at');
      expect(run.err).toContain('Nothing was written.');
      expect(await readdir(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('Backing up hosted content', () => {
  it('reads the dataset through the Content Lake’s API and names Sanity’s import command for the restore', async () => {
    const database = await createTestDatabase('sqlite');
    const documents = sampleDocuments();
    const draft = { ...documents.find((d) => d._type === 'service')!, _id: 'drafts.backup-test-draft' };
    const lake = await startContentLake([...documents, draft]);
    const env = { ...database.env, SANITY_PROJECT_ID: 'test', SANITY_API_HOST: lake.url, SANITY_READ_TOKEN: 'read' };
    try {
      await (await createPeopleStore(readConfig(env))).close();
      const target = join(database.config.dataDir, 'hosted-backup');
      const run = await inProcess(runBackupCli, [target], env);
      expect(run.err).not.toContain('failed');
      expect(run.code).toBe(0);
      expect(run.out).toContain(`${documents.length + 1} documents, 1 drafts`);
      const saved = parseNdjson(await readFile(join(target, 'content.ndjson'), 'utf8'));
      expect(saved.map((d) => d._id).sort()).toEqual([...documents, draft].map((d) => d._id).sort());

      const restored = await inProcess(runRestoreCli, [target], env);
      expect(restored.code).toBe(0);
      expect(restored.out).toContain(
        `cd studio && npx sanity dataset import '${join(target, 'content.ndjson')}' production --replace`,
      );

      lake.behave({ status: 503 });
      const down = await inProcess(runBackupCli, [join(database.config.dataDir, 'while-down')], env);
      expect(down.code).toBe(1);
      expect(down.err).toContain('The Content Lake (project test, dataset production) could not be read');
      expect(await readdir(database.config.dataDir)).not.toContain('while-down');
    } finally {
      await lake.close();
      await database.dispose();
    }
  });
});

describe('Reading hosted content for a backup', () => {
  it('reads a dataset larger than one page, page by page', async () => {
    const documents = sampleDocuments();
    const lake = await startContentLake(documents);
    const config = readConfig({ DATA_DIR: tmpdir(), SANITY_PROJECT_ID: 'test', SANITY_API_HOST: lake.url });
    try {
      const read = await readContentForBackup(config, { pageSize: 100 });
      expect(read.documents.map((d) => d._id)).toEqual(documents.map((d) => d._id).sort());
      expect(lake.requests.length).toBe(Math.ceil(documents.length / 100) + (documents.length % 100 === 0 ? 1 : 0));
      expect(read.draftsIncluded).toBe(false);
    } finally {
      await lake.close();
    }
  });
});

describe('Backing up and restoring PostgreSQL', () => {
  let database: TestDatabase;
  let world: AccountsWorld;

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase('postgres');
    await ensureDataset(database.config.dataDir, database.config.seedFile);
    world = await openAccountsWorld(database.config);
  });

  afterAll(async () => {
    await world?.close().catch(() => {});
    await database?.dispose();
  });

  it('fails with the exact pg_dump and pg_restore commands where pg_dump is not installed', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const run = await inProcess(runBackupCli, [join(database.config.dataDir, 'no-pg-dump')], database.env);
      expect(run.code).toBe(1);
      expect(run.err).toContain('pg_dump is not on the PATH');
      expect(run.err).toContain('pg_dump --format=custom --no-owner --file');
      expect(run.err).toContain('pg_restore --clean --if-exists --no-owner --single-transaction');
      expect(run.err).not.toMatch(/postgres:\/\/[^@\s]*:[^@\s*]+@/);
      expect(await readdir(database.config.dataDir)).not.toContain('no-pg-dump');
    } finally {
      process.env.PATH = path;
    }
  });

  it('dumps with pg_dump and restores with pg_restore, bringing deleted contact details back', async () => {
    const connector = (await world.account('connector')).id;
    const kept = await referWith(world.store, connector, true);
    const target = join(database.config.dataDir, 'pg-backup');
    const run = await inProcess(runBackupCli, [target], database.env);
    expect(run.err).not.toContain('failed');
    expect(run.code).toBe(0);
    expect(run.out).toContain('People data (postgres): people.pgdump');
    expect((await stat(join(target, 'people.pgdump'))).mode & 0o777).toBe(0o600);
    const dump = (await readFile(join(target, 'people.pgdump'))).toString('latin1');
    for (const secret of Object.values(RESIDENT)) expect(dump).not.toContain(secret);

    await world.store.db.deleteFrom('referral_contact').execute();
    await world.store.db.updateTable('referral').set({ private_label: null }).execute();
    await world.close();

    const restored = await inProcess(runRestoreCli, [target], database.env);
    expect(restored.code).toBe(0);
    world = await openAccountsWorld(database.config);
    const referral = await world.store.referrals.get(kept.id);
    expect(referral?.privateLabel).toBe(RESIDENT.label);
    expect(referral?.hasContact).toBe(true);
  });
});
