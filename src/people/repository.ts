/**
 * What every people-store repository shares: the database handle (the store or an open
 * transaction), the clock and store kind, and the few helpers each aggregate's module uses.
 */
import type { Kysely, Transaction } from 'kysely';
import type { FieldCipher } from '../security/encryption.ts';
import type { StoreKind } from './migrations.ts';
import type { PeopleDatabase } from './schema.ts';

export type Db = Kysely<PeopleDatabase> | Transaction<PeopleDatabase>;

export type Clock = () => Date;

export interface RepoContext {
  clock: Clock;
  kind: StoreKind;
  /** The clock's time as an ISO string, as every column stores it. */
  now: () => string;
  /** Seals and opens residents' contact details (AES-256-GCM), so the columns hold no plain text. */
  cipher: FieldCipher;
}

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

export const iso = (value: Date | string): string =>
  typeof value === 'string' ? new Date(value).toISOString() : value.toISOString();

export const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** Runs `fn` in the transaction `db` already is, or in a new one. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Kysely<PeopleDatabase>).transaction().execute(fn);
}

/** Appends an audit entry inside the caller's transaction. `detail` holds ids, counts and field names only. */
export async function appendAudit(
  trx: Db,
  now: () => string,
  entry: {
    actorUserId?: string | null;
    action: string;
    subjectKind: string;
    subjectId?: string | null;
    /** The organisation and referral the entry concerns, where there is one (the audit page filters by them). */
    organisationId?: string | null;
    referralId?: string | null;
    detail?: Record<string, unknown> | null;
  },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: now(),
      actor_user_id: entry.actorUserId ?? null,
      action: entry.action,
      subject_kind: entry.subjectKind,
      subject_id: entry.subjectId ?? null,
      organisation_id: entry.organisationId ?? null,
      referral_id: entry.referralId ?? (entry.subjectKind === 'referral' ? (entry.subjectId ?? null) : null),
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
