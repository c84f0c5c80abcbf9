/**
 * The people-data store: accounts, referrals, consents, events, the audit log and the outbox.
 * One interface, two implementations chosen in one place (`createPeopleStore`): `node:sqlite`
 * in `DATA_DIR/people.sqlite` by default, PostgreSQL when `DATABASE_URL` is set. Both run the
 * same migrations and the same Kysely queries; better-auth shares the same Kysely instance.
 * Each aggregate has its own module (`referrals.ts`, `accounts.ts`, `audit.ts`, `outbox.ts`,
 * `rate-limits.ts`, ...); this file puts them behind the one `PeopleStore`.
 *
 * Every write that belongs together runs in one transaction, and a write is acknowledged only
 * once committed: SQLite runs in WAL mode with `synchronous=FULL` (each commit is fsynced), and
 * PostgreSQL's defaults (`synchronous_commit=on`, `fsync=on`) do the same.
 */
import { reportRepository } from './reports.ts';
import { chmodSync, mkdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { dirname, join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { createFieldCipher, resolveDataKeys, type FieldCipher } from '../security/encryption.ts';
import { accountRepository } from './accounts.ts';
import { auditRepository } from './audit.ts';
import { basketRepository } from './baskets.ts';
import { contentChangeRepository } from './content-changes.ts';
import { feedbackRepository } from './feedback.ts';
import { migrateToLatest, type StoreKind } from './migrations.ts';
import { resealPeopleData } from './sealing.ts';
import { notificationRepository } from './notifications.ts';
import { outboxRepository } from './outbox.ts';
import { outcomeRepository } from './outcomes.ts';
import { rateLimitRepository } from './rate-limits.ts';
import { referralRepository } from './referrals.ts';
import type { Clock, Db } from './repository.ts';
import { reviewReminderRepository } from './review-reminders.ts';
import { teamRepository } from './teams.ts';
import type { PeopleDatabase } from './schema.ts';
import { NodeSqliteDialect } from './sqlite-dialect.ts';

export type { StoreKind } from './migrations.ts';
export { AccountChangeError, type Invitation, type PersonAccount } from './accounts.ts';
export type { Team, TeamInput, TeamMember } from './teams.ts';
export type { AuditEntry } from './audit.ts';
export type { OutboxMessage } from './outbox.ts';
export type {
  Actor,
  NewEvent,
  NewReferral,
  OrganisationReferralItem,
  Referral,
  ReferralContact,
  ReferralEvent,
  ReferralItem,
} from './referrals.ts';
export { StoreError, type Clock } from './repository.ts';

/** The file name of the SQLite store inside `DATA_DIR`. */
export const SQLITE_FILE = 'people.sqlite';

/** How long SQLite waits for another process's write lock before failing, in milliseconds. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export type PeopleStoreOptions = (
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; connectionString: string; poolSize?: number }
) & {
  /** Seals residents' contact details; `createPeopleStore` makes it from the configured keys. */
  cipher: FieldCipher;
  /** The time, for tests; defaults to the system clock. */
  clock?: Clock;
  /** Multiplies every rate limit's allowance (RATE_LIMIT_SCALE, load tests only); default 1. */
  rateLimitScale?: number;
};

/** What the store needs from the configuration. */
export type PeopleStoreConfig = Pick<Config, 'dataDir' | 'databaseUrl'> &
  Partial<Pick<Config, 'peopleDataKeys' | 'production' | 'rateLimitScale'>>;

function repositories(db: Db, clock: Clock, kind: StoreKind, cipher: FieldCipher, rateLimitScale = 1) {
  const ctx = { clock, kind, cipher, now: () => clock().toISOString() };
  return {
    referrals: referralRepository(db, ctx),
    baskets: basketRepository(db, ctx),
    audit: auditRepository(db, ctx),
    outbox: outboxRepository(db, ctx),
    notifications: notificationRepository(db, ctx),
    ...accountRepository(db, ctx),
    rateLimits: rateLimitRepository(db, ctx, rateLimitScale),
    reports: reportRepository(db, ctx),
    contentChanges: contentChangeRepository(db, ctx.now),
    feedback: feedbackRepository(db, ctx),
    reviewReminders: reviewReminderRepository(db, ctx.now),
    teams: teamRepository(db, ctx),
    outcomes: outcomeRepository(db, ctx),
  };
}

export type PeopleRepositories = ReturnType<typeof repositories>;

export interface PeopleStore extends PeopleRepositories {
  readonly kind: StoreKind;
  /** The Kysely instance (shared with better-auth); prefer the repositories. */
  readonly db: Kysely<PeopleDatabase>;
  readonly clock: Clock;
  /** Runs `fn` in one transaction; everything it does through its argument commits or none does. */
  transaction<T>(fn: (tx: PeopleRepositories) => Promise<T>): Promise<T>;
  /** Brings the schema up to date (idempotent); returns the migrations it applied. */
  migrate(): Promise<string[]>;
  /** Seals plain or older-key contact details with the current key (idempotent); returns how many. */
  reseal(): Promise<number>;
  close(): Promise<void>;
}

/** Opens a store of the given kind without migrating it. */
export function openPeopleStore(options: PeopleStoreOptions): PeopleStore {
  const clock = options.clock ?? (() => new Date());
  let db: Kysely<PeopleDatabase>;
  if (options.kind === 'sqlite') {
    mkdirSync(dirname(options.file), { recursive: true });
    const database = new DatabaseSync(options.file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    database.exec('PRAGMA journal_mode = WAL');
    database.exec('PRAGMA synchronous = FULL');
    database.exec('PRAGMA foreign_keys = ON');
    database.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // Personal data: readable by this user only (SQLite gives its -wal and -shm files the same mode).
    chmodSync(options.file, 0o600);
    db = new Kysely<PeopleDatabase>({ dialect: new NodeSqliteDialect(database) });
  } else {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', (error) => console.error(`People store (PostgreSQL): idle connection failed: ${error.message}`));
    db = new Kysely<PeopleDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  const kind = options.kind;
  return {
    kind,
    db,
    clock,
    ...repositories(db, clock, kind, options.cipher, options.rateLimitScale),
    transaction: (fn) =>
      db.transaction().execute((trx) => fn(repositories(trx, clock, kind, options.cipher, options.rateLimitScale))),
    migrate: () => migrateToLatest(db as Kysely<unknown>, kind),
    reseal: () => resealPeopleData(db, options.cipher),
    close: () => db.destroy(),
  };
}

/** Where the configuration puts people data: PostgreSQL if `DATABASE_URL` is set, else SQLite in `DATA_DIR`. */
export function peopleStoreOptions(config: PeopleStoreConfig): PeopleStoreOptions {
  const cipher = createFieldCipher(resolveDataKeys(config));
  const rateLimitScale = config.rateLimitScale ?? 1;
  return config.databaseUrl
    ? { kind: 'postgres', connectionString: config.databaseUrl, cipher, rateLimitScale }
    : { kind: 'sqlite', file: join(config.dataDir, SQLITE_FILE), cipher, rateLimitScale };
}

/** The one place the store is chosen: opens it as configured and brings its schema up to date. */
export async function createPeopleStore(
  config: PeopleStoreConfig,
  options: { clock?: Clock } = {},
): Promise<PeopleStore> {
  const store = openPeopleStore({ ...peopleStoreOptions(config), ...options });
  try {
    await store.migrate();
    // Rows written before encryption (or sealed with a key since rotated out of first place).
    await store.reseal();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
