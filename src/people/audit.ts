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
  detail: Record<string, unknown> | null;
}

export function auditRepository(db: Db, ctx: RepoContext) {
  const { now } = ctx;
  const audit = {
    /** Appends an entry. `detail` must hold no personal data: ids, counts and field names only. */
    async append(entry: Parameters<typeof appendAudit>[2]): Promise<void> {
      await appendAudit(db, now, entry);
    },

    /** Entries, newest first. */
    async list(
      options: { subjectKind?: string; subjectId?: string; action?: string; limit?: number } = {},
    ): Promise<AuditEntry[]> {
      let query = db.selectFrom('audit_log').selectAll();
      if (options.subjectKind) query = query.where('subject_kind', '=', options.subjectKind);
      if (options.subjectId) query = query.where('subject_id', '=', options.subjectId);
      if (options.action) query = query.where('action', '=', options.action);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(options.limit ?? 100)
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        actorUserId: r.actor_user_id,
        action: r.action,
        subjectKind: r.subject_kind,
        subjectId: r.subject_id,
        detail: parseJson<Record<string, unknown>>(r.detail),
      }));
    },
  };
  return audit;
}
