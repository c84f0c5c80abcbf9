/**
 * `npm run restore -- <backup directory> [--force] [--skip-key-check]`: puts a backup back. In
 * order, and stopping at the first problem with nothing changed:
 *
 * 1. the manifest and every file's checksum are verified;
 * 2. with SQLite, no other process may hold `DATA_DIR/people.sqlite` (the server must be stopped;
 *    `--force` overrides); with PostgreSQL every instance must be stopped (this cannot be checked);
 * 3. the people data is restored: SQLite through a checked temporary copy renamed over the store,
 *    PostgreSQL through `pg_restore` in one transaction; before either goes live, the keys that
 *    will be configured must open the backup's sealed values (`--skip-key-check` overrides);
 * 4. secret files in the backup (taken with `--with-secrets`) are put back in `DATA_DIR`;
 * 5. embedded content replaces the dataset atomically; hosted content is restored with the
 *    printed `sanity dataset import ... --replace` command.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, readConfig, type Config } from '../config.ts';
import { hostedImportCommand, restoreEmbeddedContent } from '../content/backup.ts';
import { parseNdjson } from '../content/dataset.ts';
import {
  BackupError,
  processesHolding,
  restorePostgres,
  restoreSqlite,
  sealedSamplesPostgres,
  sealedSamplesSqlite,
  type SealedSamples,
} from '../people/backup.ts';
import { SQLITE_FILE } from '../people/store.ts';
import { createFieldCipher, DEV_KEY_FILE, parseDataKeys, type DataKey } from '../security/encryption.ts';
import type { BackupIo } from './backup.ts';
import { verifyBackup, SECRETS_DIR, type Manifest } from './manifest.ts';

export type RestoreOptions = { force?: boolean; skipKeyCheck?: boolean };

/** The keys the server will have once the restore is done: configured, or the development key file. */
async function keysAfterRestore(config: Config, directory: string, manifest: Manifest): Promise<DataKey[]> {
  if (config.peopleDataKeys) return parseDataKeys(config.peopleDataKeys);
  if (config.production) return [];
  const inBackup = manifest.secrets.includes(`${SECRETS_DIR}/${DEV_KEY_FILE}`);
  const file = inBackup ? join(directory, SECRETS_DIR, DEV_KEY_FILE) : join(config.dataDir, DEV_KEY_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text ? parseDataKeys(text.trim()) : [];
}

function keysMissing(ids: string[]): BackupError {
  return new BackupError(
    `The backup's contact details are sealed with key${ids.length === 1 ? '' : 's'} ${ids.join(', ')}, ` +
      'which the keys this server will use cannot open. Set PEOPLE_DATA_KEYS to include ' +
      `${ids.length === 1 ? 'it' : 'them'} (or put back DATA_DIR/${DEV_KEY_FILE} in development) and ` +
      'restore again; --skip-key-check restores anyway.',
  );
}

/** Throws unless every sample opens with `keys`: restored contact details must be readable. */
function checkKeysOpen(samples: SealedSamples, keys: DataKey[]): void {
  const cipher = keys.length > 0 ? createFieldCipher(keys) : undefined;
  const failing = Object.keys(samples).filter((id) => {
    if (!cipher) return true;
    try {
      cipher.open(samples[id]!);
      return false;
    } catch {
      return true;
    }
  });
  if (failing.length > 0) throw keysMissing(failing);
}

async function writeSecret(path: string, text: string): Promise<void> {
  const partial = `${path}.restore-${process.pid}.tmp`;
  await writeFile(partial, text, { encoding: 'utf8', mode: 0o600 });
  await rename(partial, path);
}

/** Restores the backup in `directory`; throws with a message fit to print. */
export async function restoreBackup(
  config: Config,
  directory: string,
  options: RestoreOptions,
  io: BackupIo,
  /** Filled with what has been restored so far, so a failure can say what did change. */
  done: string[] = [],
): Promise<Manifest> {
  const manifest = await verifyBackup(directory);
  const wanted = config.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.people.store !== wanted) {
    throw new BackupError(
      `This backup holds ${manifest.people.store} people data, but this server is configured for ${wanted}` +
        ` (${config.databaseUrl ? 'DATABASE_URL is set' : 'DATABASE_URL is unset'}).`,
    );
  }
  const wantedContent = config.sanity ? 'hosted' : 'embedded';
  if (manifest.content.source !== wantedContent) {
    io.err(`Note: the backup's content is ${manifest.content.source}; this server's is ${wantedContent}.`);
  }
  // Parsed before anything changes, so a damaged dataset stops the restore here.
  const documents = parseNdjson(await readFile(join(directory, manifest.content.file), 'utf8'));
  const keys = await keysAfterRestore(config, directory, manifest);

  if (manifest.people.store === 'sqlite') {
    const live = join(config.dataDir, SQLITE_FILE);
    const holders = processesHolding(live);
    if (holders === undefined) {
      io.err('Cannot tell here whether a server has the people store open: make sure it is stopped.');
    } else if (holders.length > 0 && !options.force) {
      throw new BackupError(
        `The people store is open in another process (pid ${holders.join(', ')}): stop the server first ` +
          '(--force restores anyway, and the running server would go on with the old data).',
      );
    }
    await restoreSqlite(join(directory, manifest.people.file), live, (candidate) => {
      if (!options.skipKeyCheck) checkKeysOpen(sealedSamplesSqlite(candidate), keys);
    });
    done.push('people data');
    io.out(`People data restored into ${live}.`);
  } else {
    const missing = manifest.sealedWithKeys.filter((id) => !keys.some((key) => key.id === id));
    if (missing.length > 0 && !options.skipKeyCheck) throw keysMissing(missing);
    io.err('PostgreSQL: every Signpost instance must be stopped while it is restored (this cannot be checked here).');
    restorePostgres(config.databaseUrl!, join(directory, manifest.people.file));
    io.out('People data restored into the PostgreSQL database (DATABASE_URL).');
    done.push('people data');
    // Same ids, other key bytes: told now, as the restore has happened.
    if (!options.skipKeyCheck) checkKeysOpen(await sealedSamplesPostgres(config.databaseUrl!), keys);
  }

  for (const path of manifest.secrets) {
    const name = path.slice(SECRETS_DIR.length + 1);
    await writeSecret(join(config.dataDir, name), await readFile(join(directory, path), 'utf8'));
    done.push(name);
    io.out(`Restored ${join(config.dataDir, name)}.`);
  }

  if (!config.sanity) {
    const path = await restoreEmbeddedContent(config.dataDir, documents);
    done.push('content');
    io.out(`Content restored into ${path} (${documents.length} documents).`);
  } else {
    const dataset = config.sanity?.dataset ?? manifest.content.dataset ?? 'production';
    io.out('Content is hosted in Sanity: restore it into the project with Sanity’s CLI:');
    io.out(`  ${hostedImportCommand(resolve(directory, manifest.content.file), dataset)}`);
  }
  return manifest;
}

const USAGE = 'Usage: npm run restore -- <backup directory> [--force] [--skip-key-check]';

/** The command line: reads the configuration and restores the named backup. */
export async function runRestoreCli(
  args: string[],
  env: Record<string, string | undefined>,
  io: BackupIo,
): Promise<number> {
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 1;
  }
  const flags = new Set(['--force', '--skip-key-check']);
  const rest = args.filter((arg) => !flags.has(arg));
  if (rest.length !== 1 || rest[0]!.startsWith('-')) {
    io.err(USAGE);
    return 1;
  }
  const directory = resolve(rest[0]!);
  const options = { force: args.includes('--force'), skipKeyCheck: args.includes('--skip-key-check') };
  const done: string[] = [];
  try {
    await restoreBackup(config, directory, options, io, done);
  } catch (error) {
    io.err(
      `Restore ${done.length === 0 ? 'refused' : 'failed'}: ${error instanceof Error ? error.message : String(error)}`,
    );
    io.err(done.length === 0 ? 'Nothing was changed.' : `Already restored: ${done.join(', ')}.`);
    return 1;
  }
  io.out(`Restored from ${directory}. Start the server again.`);
  return 0;
}
