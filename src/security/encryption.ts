/**
 * Field encryption for residents' contact details at rest (AES-256-GCM), so a copied database
 * file or dump reveals none of them. Each sealed value names the key that sealed it:
 *
 *     enc:v1:<key id>:<12-byte IV>:<16-byte tag>:<ciphertext>      (base64url parts)
 *
 * Keys come from `PEOPLE_DATA_KEYS`: `id:base64key` pairs separated by commas, the first one
 * sealing new values and every one opening old ones, which is how keys are rotated (README,
 * "Encryption keys"). Outside production, if unset, a key is generated on first start and kept
 * in `DATA_DIR/people-data-key` (mode 0600), as the development auth secret is.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_KEY_FILE = 'people-data-key';

const PREFIX = 'enc:v1:';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface DataKey {
  id: string;
  key: Buffer;
}

export interface FieldCipher {
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  seal(plain: string): string;
  /** Opens a sealed value; a value stored before encryption (no prefix) is returned as it is. */
  open(stored: string): string;
  /** Whether `stored` is sealed with the current key (false: plain text, or an older key). */
  isCurrent(stored: string): boolean;
}

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

/** Parses `id:base64key,id2:base64key`; every key must be 32 bytes and every id distinct. */
export function parseDataKeys(text: string): DataKey[] {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      const id = colon > 0 ? part.slice(0, colon) : '';
      if (!KEY_ID.test(id)) {
        throw new EncryptionKeyError(
          'each key must be written id:key, the id letters, digits, - or _ (e.g. 2026a:<32 bytes in base64>)',
        );
      }
      const key = Buffer.from(part.slice(colon + 1), 'base64');
      if (key.length !== 32) {
        throw new EncryptionKeyError(`key "${id}" must be 32 bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
      }
      return { id, key };
    });
  if (keys.length === 0) throw new EncryptionKeyError('must hold at least one key (id:base64key)');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new EncryptionKeyError('key ids must be distinct');
  return keys;
}

export function createFieldCipher(keys: readonly DataKey[]): FieldCipher {
  if (keys.length === 0) throw new EncryptionKeyError('must hold at least one key');
  const current = keys[0]!;
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    keyId: current.id,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      // The key id is authenticated too, so a value cannot be passed off as sealed by another key.
      cipher.setAAD(Buffer.from(current.id));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return `${PREFIX}${current.id}:${parts.join(':')}`;
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [id, iv, tag, body] = stored.slice(PREFIX.length).split(':');
      const key = id === undefined ? undefined : byId.get(id);
      if (!key || iv === undefined || tag === undefined || body === undefined) {
        throw new EncryptionKeyError(`a value is sealed with key "${id ?? ''}", which PEOPLE_DATA_KEYS does not hold`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(id!));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // A changed value, or one sealed with a different key under the same id: never garbage.
        throw new EncryptionKeyError(`a value sealed with key "${id}" failed its integrity check and was refused`);
      }
    },
    isCurrent(stored) {
      return stored.startsWith(`${PREFIX}${current.id}:`);
    },
  };
}

/** The configured keys, or outside production a development key kept under `dataDir`. */
export function resolveDataKeys(
  config: { peopleDataKeys?: string; production?: boolean; dataDir: string },
  log: (line: string) => void = console.log,
): DataKey[] {
  if (config.peopleDataKeys) return parseDataKeys(config.peopleDataKeys);
  if (config.production) throw new EncryptionKeyError('PEOPLE_DATA_KEYS must be set in production.');
  const file = join(config.dataDir, DEV_KEY_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // `wx`: only the first of several starting processes creates it; the others read it.
    writeFileSync(file, `dev:${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    log(`Generated a development PEOPLE_DATA_KEYS key in ${file} (set PEOPLE_DATA_KEYS in production).`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  return parseDataKeys(readFileSync(file, 'utf8').trim());
}
