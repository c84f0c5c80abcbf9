/**
 * `npm run backup -- [directory] [--with-secrets]`: writes one backup directory (by default
 * `DATA_DIR/backups/<UTC time>/`) holding the people data as stored (an online SQLite copy, or a
 * `pg_dump` of PostgreSQL), the content as NDJSON and a manifest with each file's sha256. It is
 * written as `<directory>.partial-<pid>` and renamed when complete, so a backup directory that
 * exists is whole; on any failure nothing is left behind and the exit code is 1.
 *
 * Keys are left out unless asked for: contact details in the people data are sealed, and a backup
 * that held its own keys would open them to whoever holds the backup (docs/decisions.md).
 */
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DEV_SECRET_FILE } from '../accounts/secret.ts';
import { ConfigError, readConfig, type Config } from '../config.ts';
import { readContentForBackup } from '../content/backup.ts';
import { toNdjson } from '../content/dataset.ts';
import {
  BackupError,
  backupPostgres,
  backupSqlite,
  sealedSamplesPostgres,
  sealedSamplesSqlite,
} from '../people/backup.ts';
import { SQLITE_FILE } from '../people/store.ts';
import { DEV_KEY_FILE } from '../security/encryption.ts';
import {
  CONTENT_FILE,
  describeFile,
  MANIFEST_FILE,
  PEOPLE_PG_FILE,
  PEOPLE_SQLITE_FILE,
  SECRETS_DIR,
  signpostVersion,
  type Manifest,
  type ManifestFile,
} from './manifest.ts';

export type BackupIo = { out(line: string): void; err(line: string): void };

/** The secret files a development DATA_DIR may hold; production keeps them in the environment. */
export const SECRET_FILES = [DEV_KEY_FILE, DEV_SECRET_FILE] as const;

/** A directory name for a backup taken at `time`: `2026-12-04T01-50-12Z`, sortable and portable. */
export function backupName(time: Date): string {
  return time
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

/** Takes one backup into `target`, returning its manifest. */
export async function takeBackup(
  config: Config,
  options: { target: string; withSecrets?: boolean; now?: Date },
  io: BackupIo,
): Promise<Manifest> {
  const target = resolve(options.target);
  if (
    await stat(target).then(
      () => true,
      () => false,
    )
  ) {
    throw new BackupError(`${target} already exists: give a new directory for the backup.`);
  }
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const partial = join(dirname(target), `${basename(target)}.partial-${process.pid}`);
  await mkdir(partial, { mode: 0o700 });
  try {
    const manifest = await writeBackup(config, partial, options, io);
    await rename(partial, target);
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

async function writeBackup(
  config: Config,
  directory: string,
  options: { withSecrets?: boolean; now?: Date },
  io: BackupIo,
): Promise<Manifest> {
  const createdAt = (options.now ?? new Date()).toISOString();
  let people: Manifest['people'];
  let sealedWithKeys: string[];
  if (config.databaseUrl) {
    await backupPostgres(config.databaseUrl, join(directory, PEOPLE_PG_FILE));
    people = { store: 'postgres', file: PEOPLE_PG_FILE };
    sealedWithKeys = Object.keys(await sealedSamplesPostgres(config.databaseUrl));
  } else {
    const copy = join(directory, PEOPLE_SQLITE_FILE);
    await backupSqlite(join(config.dataDir, SQLITE_FILE), copy);
    people = { store: 'sqlite', file: PEOPLE_SQLITE_FILE };
    sealedWithKeys = Object.keys(sealedSamplesSqlite(copy));
  }

  const content = await readContentForBackup(config);
  await writeFile(join(directory, CONTENT_FILE), toNdjson(content.documents), { encoding: 'utf8', mode: 0o600 });

  const secrets: string[] = [];
  const present: string[] = [];
  for (const name of SECRET_FILES) {
    const text = await readFile(join(config.dataDir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    present.push(name);
    if (!options.withSecrets) continue;
    await mkdir(join(directory, SECRETS_DIR), { recursive: true, mode: 0o700 });
    await writeFile(join(directory, SECRETS_DIR, name), text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    secrets.push(`${SECRETS_DIR}/${name}`);
  }

  const files: ManifestFile[] = [];
  for (const path of [people.file, CONTENT_FILE, ...secrets]) files.push(await describeFile(directory, path));
  const manifest: Manifest = {
    format: 'signpost-backup',
    formatVersion: 1,
    createdAt,
    signpostVersion: signpostVersion(),
    people,
    sealedWithKeys,
    content: {
      source: content.source,
      file: CONTENT_FILE,
      documents: content.documents.length,
      unpublished: content.unpublished,
      draftsIncluded: content.draftsIncluded,
      ...(content.dataset ? { dataset: content.dataset, projectId: content.projectId } : {}),
    },
    secrets,
    files,
  };
  await writeFile(join(directory, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await chmod(directory, 0o700);

  const line = (path: string) => {
    const file = files.find((f) => f.path === path)!;
    return `${path} (${kb(file.bytes)})`;
  };
  io.out(`People data (${people.store}): ${line(people.file)}`);
  io.out(
    `Content (${content.source}${content.dataset ? `, dataset ${content.dataset}` : ''}): ${line(CONTENT_FILE)}, ` +
      `${content.documents.length} documents, ${content.unpublished} drafts` +
      (content.draftsIncluded ? '' : ' (no read token: published documents only)'),
  );
  if (secrets.length > 0) {
    io.err(
      `WARNING: ${secrets.join(', ')} copied into the backup: anyone holding it can open the sealed contact ` +
        'details. Keep it as safe as the keys themselves.',
    );
  } else if (present.length > 0) {
    io.err(
      `Not in the backup: ${present.map((name) => join(config.dataDir, name)).join(', ')}. Without ` +
        `${DEV_KEY_FILE} the sealed contact details cannot be opened after a restore: keep a copy apart ` +
        'from the backups, or back up with --with-secrets.',
    );
  } else if (sealedWithKeys.length > 0 || config.peopleDataKeys) {
    io.err(
      `Sealed with PEOPLE_DATA_KEYS key${sealedWithKeys.length === 1 ? '' : 's'} ${sealedWithKeys.join(', ') || '(none yet)'}: ` +
        'the keys and AUTH_SECRET live in your secret store, not in this backup; it cannot be read without them.',
    );
  }
  return manifest;
}

const USAGE = 'Usage: npm run backup -- [backup directory] [--with-secrets]';

/** The command line: reads the configuration, takes the backup, prints what it wrote. */
export async function runBackupCli(
  args: string[],
  env: Record<string, string | undefined>,
  io: BackupIo,
  now = new Date(),
): Promise<number> {
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 1;
  }
  const withSecrets = args.includes('--with-secrets');
  const rest = args.filter((arg) => arg !== '--with-secrets');
  if (rest.length > 1 || rest.some((arg) => arg.startsWith('-'))) {
    io.err(USAGE);
    return 1;
  }
  const target = rest[0] ?? join(config.dataDir, 'backups', backupName(now));
  try {
    await takeBackup(config, { target, withSecrets, now }, io);
  } catch (error) {
    io.err(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    io.err('Nothing was written.');
    return 1;
  }
  io.out(`Backup written to ${resolve(target)}`);
  return 0;
}
