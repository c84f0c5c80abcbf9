/**
 * Signpost's configuration, declared once. `site/server/` passes `process.env` in; nothing else
 * reads the environment. Every variable is documented in `.env.example`.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const configSchema = z.object({
  /** Where runtime state lives: the embedded content store, later the people-data database. */
  DATA_DIR: z.string().trim().min(1).default('./data'),
  /** The public address of the site, used in the sitemap, calendar files and structured data. */
  SITE_URL: z.url({ message: 'must be a full URL like https://signpost.example.org' }).default('http://localhost:4321'),
  /** The dataset a fresh embedded store is seeded from. */
  CONTENT_SEED_FILE: z.string().trim().min(1).default('./content/sample.ndjson'),
  SANITY_PROJECT_ID: optional.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a Sanity project id (lower-case letters, digits, hyphens)')
      .optional(),
  ),
  SANITY_DATASET: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a Sanity dataset name like "production"')
    .default('production'),
  SANITY_API_VERSION: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an API version date like 2025-02-19')
    .default('2025-02-19'),
  SANITY_READ_TOKEN: optional,
  /** For a stand-in speaking Sanity's HTTP API (tests); normally unset. */
  SANITY_API_HOST: optional.pipe(z.url({ message: 'must be a URL like http://127.0.0.1:3333' }).optional()),
  SANITY_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int()
    .min(100)
    .max(60_000)
    .default(4000),
  /** People data in PostgreSQL instead of `DATA_DIR/people.sqlite` (needed for several instances). */
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL like postgres://user:password@host:5432/signpost')
      .optional(),
  ),
  /** Signs sessions and encrypts two-factor secrets; required in production, at least 32 characters. */
  AUTH_SECRET: optional.pipe(
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  ),
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(5).max(240).default(30),
  SESSION_MAX_HOURS: z.coerce.number({ message: 'must be a number of hours' }).int().min(1).max(72).default(12),
  NODE_ENV: optional,
});

export type Config = {
  dataDir: string;
  siteUrl: string;
  seedFile: string;
  sanity?: {
    projectId: string;
    dataset: string;
    apiVersion: string;
    token?: string;
    apiHost?: string;
    timeoutMs: number;
  };
  /** PostgreSQL for people data; unset means `node:sqlite` in `dataDir`. */
  databaseUrl?: string;
  /** Unset outside production: a development secret is generated under `dataDir`. */
  authSecret?: string;
  /** `NODE_ENV=production`. */
  production: boolean;
  session: { idleMinutes: number; maxHours: number };
};

/** Raised at start-up with every variable that is wrong, each named. */
export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Signpost cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the configuration from an environment. */
export function readConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && !e.AUTH_SECRET)
    problems.push('AUTH_SECRET must be set in production (at least 32 random characters)');
  if (e.SESSION_IDLE_MINUTES > e.SESSION_MAX_HOURS * 60) {
    problems.push('SESSION_IDLE_MINUTES must not be longer than SESSION_MAX_HOURS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    dataDir: resolve(e.DATA_DIR),
    siteUrl: e.SITE_URL.replace(/\/+$/, ''),
    seedFile: resolve(e.CONTENT_SEED_FILE),
    sanity: e.SANITY_PROJECT_ID
      ? {
          projectId: e.SANITY_PROJECT_ID,
          dataset: e.SANITY_DATASET,
          apiVersion: e.SANITY_API_VERSION,
          token: e.SANITY_READ_TOKEN,
          apiHost: e.SANITY_API_HOST,
          timeoutMs: e.SANITY_TIMEOUT_MS,
        }
      : undefined,
    databaseUrl: e.DATABASE_URL,
    authSecret: e.AUTH_SECRET,
    production,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
  };
}
