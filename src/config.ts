/**
 * Signpost's configuration, declared once. `site/server/` passes `process.env` in; nothing else
 * reads the environment. Every variable is documented in `.env.example`.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseDataKeys } from './security/encryption.ts';

const optional = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** OpenStreetMap's standard tiles; their usage policy asks for the attribution below. */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_ATTRIBUTION = '© OpenStreetMap contributors';

/** The scheme and host of a tile template as it would be fetched, with `{s}.` read as any subdomain. */
/** A same-site template (`/tiles/{z}/{x}/{y}.png`) needs nothing more than `'self'`. */
function tileHost(template: string): string | undefined {
  if (template.startsWith('/') && !template.startsWith('//')) return "'self'";
  const match = /^(https?):\/\/(\{s\}\.)?([a-z0-9.-]+)(:\d{1,5})?\//i.exec(template);
  if (!match) return undefined;
  const [, scheme, anySubdomain, host, port] = match;
  return `${scheme!.toLowerCase()}://${anySubdomain ? '*.' : ''}${host!.toLowerCase()}${port ?? ''}`;
}

function isTileUrlTemplate(template: string): boolean {
  return (
    template.length <= 500 &&
    !/[\s"';]/.test(template) &&
    ['{z}', '{x}', '{y}'].every((part) => template.includes(part)) &&
    tileHost(template) !== undefined
  );
}

const configSchema = z.object({
  /** Where runtime state lives: the embedded content store, later the people-data database. */
  DATA_DIR: z.string().trim().min(1).default('./data'),
  /** The public address of the site, used in the sitemap, calendar files and structured data. */
  /** Unset: where this server listens (HOST and PORT), for trying it on one machine. */
  SITE_URL: optional.pipe(z.url({ message: 'must be a full URL like https://signpost.example.org' }).optional()),
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
  /** A token with write access (an Editor robot token): the portal's partner and editor edits. */
  SANITY_WRITE_TOKEN: optional,
  /** The secret of the Sanity webhook that calls POST /api/content-webhook after each publish. */
  SANITY_WEBHOOK_SECRET: optional.pipe(
    z.string().min(16, 'must be at least 16 characters (the secret set on the Sanity webhook)').optional(),
  ),
  /** For a stand-in speaking Sanity's HTTP API (tests); normally unset. */
  SANITY_API_HOST: optional.pipe(z.url({ message: 'must be a URL like http://127.0.0.1:3333' }).optional()),
  /** A postcodes.io-compatible service for exact postcode positions; unset uses district centres. */
  POSTCODES_API_URL: optional.pipe(z.url({ message: 'must be a URL like https://api.postcodes.io' }).optional()),
  POSTCODES_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int()
    .min(50)
    .max(10_000)
    .default(800),
  SANITY_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int()
    .min(100)
    .max(60_000)
    .default(4000),
  /** Hosted content: how often the whole published dataset is synced into the local snapshot. */
  SANITY_SYNC_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(5).max(86_400).default(60),
  /** Hosted content: after this long without a successful sync, pages say they may be out of date. */
  CONTENT_STALE_AFTER_MINUTES: z.coerce
    .number({ message: 'must be a number of minutes' })
    .int()
    .min(1)
    .max(10_080)
    .default(60),
  /** The largest request body accepted, in kilobytes; a bigger one is refused with 413. */
  BODY_LIMIT_KB: z.coerce.number({ message: 'must be a number of kilobytes' }).int().min(8).max(1024).default(128),
  /** People data in PostgreSQL instead of `DATA_DIR/people.sqlite` (needed for several instances). */
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL like postgres://user:password@host:5432/signpost')
      .optional(),
  ),
  /** Keys residents' contact details are encrypted with (`id:base64key,...`, first seals); required in production. */
  PEOPLE_DATA_KEYS: optional.pipe(
    z
      .string()
      .refine(
        (text) => {
          try {
            parseDataKeys(text);
            return true;
          } catch {
            return false;
          }
        },
        {
          message: 'must be id:key pairs separated by commas, each key 32 bytes in base64 (`openssl rand -base64 32`)',
        },
      )
      .optional(),
  ),
  /** Signs sessions and encrypts two-factor secrets; required in production, at least 32 characters. */
  AUTH_SECRET: optional.pipe(
    z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  ),
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(5).max(240).default(30),
  SESSION_MAX_HOURS: z.coerce.number({ message: 'must be a number of hours' }).int().min(1).max(72).default(12),
  /** Map tiles: a Leaflet URL template ({z}/{x}/{y}, optional {s} subdomain and {r}). */
  MAP_TILE_URL: optional
    .transform((value) => value ?? DEFAULT_TILE_URL)
    .refine(isTileUrlTemplate, {
      message: 'must be a tile URL template like https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    }),
  /** The credit the tile provider requires, shown on every map (plain text). */
  MAP_ATTRIBUTION: optional
    .transform((value) => value ?? DEFAULT_ATTRIBUTION)
    .pipe(z.string().max(300, 'must be at most 300 characters')),
  /** Closed referrals are anonymised this many months after they close. */
  RETENTION_MONTHS: z.coerce.number({ message: 'must be a whole number of months' }).int().min(1).max(120).default(6),
  /** GOV.UK Notify: sends the outbox when set; unset, messages wait in the outbox for admins. */
  NOTIFY_API_KEY: optional.pipe(
    z
      .string()
      .regex(/^.+-[0-9a-f-]{36}-[0-9a-f-]{36}$/, 'must be a GOV.UK Notify API key (name-serviceid-secret)')
      .optional(),
  ),
  /** Another host speaking Notify's API (a local stand-in in tests); normally unset. */
  NOTIFY_BASE_URL: optional.pipe(
    z.url({ message: 'must be a URL like https://api.notifications.service.gov.uk' }).optional(),
  ),
  NODE_ENV: optional,
  /** Multiplies every rate limit's allowance: for load tests from one address only; 1 in service. */
  RATE_LIMIT_SCALE: z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(1_000_000).default(1),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `NOTIFY_TEMPLATE_<NAME>=<template uuid>` for each outbox template Notify should send, e.g.
 * `NOTIFY_TEMPLATE_PASSWORD_RESET` for the `password-reset` template.
 */
function readNotifyTemplates(env: Record<string, string | undefined>, problems: string[]): Record<string, string> {
  const templates: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('NOTIFY_TEMPLATE_') || !value?.trim()) continue;
    if (!UUID.test(value.trim())) {
      problems.push(`${name} must be a Notify template id (a UUID)`);
      continue;
    }
    templates[name.slice('NOTIFY_TEMPLATE_'.length).toLowerCase().replace(/_/g, '-')] = value.trim().toLowerCase();
  }
  return templates;
}

export type Config = {
  dataDir: string;
  siteUrl: string;
  seedFile: string;
  sanity?: {
    projectId: string;
    dataset: string;
    apiVersion: string;
    token?: string;
    writeToken?: string;
    webhookSecret?: string;
    apiHost?: string;
    timeoutMs: number;
    /** How often the published dataset is synced into the snapshot under `dataDir`. */
    syncSeconds: number;
    /** A snapshot older than this is served with an "information may be out of date" notice. */
    staleAfterMinutes: number;
  };
  /** The largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** PostgreSQL for people data; unset means `node:sqlite` in `dataDir`. */
  databaseUrl?: string;
  /** Unset outside production: a development secret is generated under `dataDir`. */
  authSecret?: string;
  /** Unset outside production: a development key is generated under `dataDir`. */
  peopleDataKeys?: string;
  /** `NODE_ENV=production`. */
  production: boolean;
  session: { idleMinutes: number; maxHours: number };
  /** Closed referrals are anonymised this many months after they close. */
  retentionMonths: number;
  /** GOV.UK Notify, when configured: template ids by outbox template name. */
  notify?: { apiKey: string; baseUrl?: string; templates: Record<string, string> };
  /** Map tiles and their credit; `imgSource` is what the Content-Security-Policy must allow. */
  map: { tileUrl: string; attribution: string; imgSource: string };
  /** Optional exact postcode positions (postcodes.io-compatible). */
  postcodes?: { baseUrl: string; timeoutMs: number };
  /** Every rate limit allows this many times its usual count (1 except in load tests). */
  rateLimitScale: number;
};

/** Raised at start-up with every variable that is wrong, each named. */
export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Signpost cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The address of a server listening on HOST and PORT, as a browser on the same machine reaches it. */
function localUrl(env: Record<string, string | undefined>): string {
  const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT || '4321'}`;
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
  const notifyTemplates = readNotifyTemplates(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    dataDir: resolve(e.DATA_DIR),
    siteUrl: (e.SITE_URL ?? localUrl(env)).replace(/\/+$/, ''),
    seedFile: resolve(e.CONTENT_SEED_FILE),
    sanity: e.SANITY_PROJECT_ID
      ? {
          projectId: e.SANITY_PROJECT_ID,
          dataset: e.SANITY_DATASET,
          apiVersion: e.SANITY_API_VERSION,
          token: e.SANITY_READ_TOKEN,
          writeToken: e.SANITY_WRITE_TOKEN,
          webhookSecret: e.SANITY_WEBHOOK_SECRET,
          apiHost: e.SANITY_API_HOST,
          timeoutMs: e.SANITY_TIMEOUT_MS,
          syncSeconds: e.SANITY_SYNC_SECONDS,
          staleAfterMinutes: e.CONTENT_STALE_AFTER_MINUTES,
        }
      : undefined,
    bodyLimitBytes: e.BODY_LIMIT_KB * 1024,
    databaseUrl: e.DATABASE_URL,
    authSecret: e.AUTH_SECRET,
    peopleDataKeys: e.PEOPLE_DATA_KEYS,
    production,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    retentionMonths: e.RETENTION_MONTHS,
    notify: e.NOTIFY_API_KEY
      ? { apiKey: e.NOTIFY_API_KEY, baseUrl: e.NOTIFY_BASE_URL, templates: notifyTemplates }
      : undefined,
    map: { tileUrl: e.MAP_TILE_URL, attribution: e.MAP_ATTRIBUTION, imgSource: tileHost(e.MAP_TILE_URL)! },
    postcodes: e.POSTCODES_API_URL ? { baseUrl: e.POSTCODES_API_URL, timeoutMs: e.POSTCODES_TIMEOUT_MS } : undefined,
    rateLimitScale: e.RATE_LIMIT_SCALE,
  };
}
