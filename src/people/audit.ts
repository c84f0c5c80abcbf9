/**
 * The audit log: who did what to which record, append-only. Entries hold ids, counts and field names, never personal data.
 */
import { appendAudit, parseJson, type Db, type RepoContext } from './repository.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  action: string;
  subjectKind: string;
  subjectId: string | null;
  organisationId: string | null;
  referralId: string | null;
  detail: Record<string, unknown> | null;
}

/** What the admins' audit page filters by; every one optional, all of them together (AND). */
export interface AuditFilter {
  subjectKind?: string;
  subjectId?: string;
  action?: string;
  /** Who did it. */
  actorUserId?: string;
  /** Entries by this person or about them (their account, as subject). */
  personUserId?: string;
  organisationId?: string;
  referralId?: string;
  /** ISO instants: `from` inclusive, `before` exclusive. */
  from?: string;
  before?: string;
}

export function auditRepository(db: Db, ctx: RepoContext) {
  const { now } = ctx;
  const filtered = (filter: AuditFilter) => {
    let query = db.selectFrom('audit_log').selectAll();
    if (filter.subjectKind) query = query.where('subject_kind', '=', filter.subjectKind);
    if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
    if (filter.personUserId) {
      const person = filter.personUserId;
      query = query.where((eb) =>
        eb.or([
          eb('actor_user_id', '=', person),
          eb.and([eb('subject_kind', '=', 'user'), eb('subject_id', '=', person)]),
        ]),
      );
    }
    if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
    if (filter.referralId) query = query.where('referral_id', '=', filter.referralId);
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.before) query = query.where('at', '<', filter.before);
    return query;
  };
  const audit = {
    /** Appends an entry. `detail` must hold no personal data: ids, counts and field names only. */
    async append(entry: Parameters<typeof appendAudit>[2]): Promise<void> {
      await appendAudit(db, now, entry);
    },

    /** Entries matching `filter`, newest first, `limit` (default 100) from `offset`. */
    async list(filter: AuditFilter & { limit?: number; offset?: number } = {}): Promise<AuditEntry[]> {
      const rows = await filtered(filter)
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 100)
        .offset(filter.offset ?? 0)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        actorUserId: r.actor_user_id,
        action: r.action,
        subjectKind: r.subject_kind,
        subjectId: r.subject_id,
        organisationId: r.organisation_id,
        referralId: r.referral_id,
        detail: parseJson<Record<string, unknown>>(r.detail),
      }));
    },

    /** The actions that occur in the log, for the audit page's choice of action. */
    async actions(): Promise<string[]> {
      const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
      return rows.map((r) => r.action);
    },
  };
  return audit;
}
