/**
 * The secret better-auth signs cookies and encrypts two-factor secrets with. In production it
 * must come from `AUTH_SECRET` (the configuration refuses to start without it). Elsewhere, if
 * unset, one is generated on first start and kept in `DATA_DIR/auth-secret` (mode 0600), so
 * sessions survive restarts; the secret itself is never printed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';

export const DEV_SECRET_FILE = 'auth-secret';

export function resolveAuthSecret(
  config: Pick<Config, 'authSecret' | 'production' | 'dataDir'>,
  log: (line: string) => void = console.log,
): string {
  if (config.authSecret) return config.authSecret;
  if (config.production) throw new Error('AUTH_SECRET must be set in production.');
  const file = join(config.dataDir, DEV_SECRET_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // `wx`: only the first of several starting processes creates it; the others read it.
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    log(`Generated a development AUTH_SECRET in ${file} (set AUTH_SECRET in production).`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret; delete it to generate a new one.`);
  return secret;
}
