/**
 * Content change requests and published versions (the people store's side of listing edits).
 *
 * A partner's edit is a draft in the content store; the request here says who made it, for
 * which organisation, what it changes and what an editor must check, and records the editor's
 * answer. Each publish keeps a snapshot of the published document, for history and restore.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from './repository.ts';
import type { ChangeKind, ChangeStatus, PeopleDatabase } from './schema.ts';

export interface ContentChangeRequest {
  id: string;
  documentId: string;
  documentType: string;
  organisationId: string;
  kind: ChangeKind;
  status: ChangeStatus;
  fields: string[];
  flags: string[];
  baseRev: string | null;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  message: string | null;
}

export interface ContentVersion {
  id: number;
  documentId: string;
  rev: string;
  at: string;
  actorUserId: string | null;
  changeId: string | null;
  action: string;
  snapshot: Record<string, unknown>;
}

const toChange = (row: Selectable<PeopleDatabase['content_change']>): ContentChangeRequest => ({
  id: row.id,
  documentId: row.document_id,
  documentType: row.document_type,
  organisationId: row.organisation_id,
  kind: row.kind,
  status: row.status,
  fields: JSON.parse(row.fields) as string[],
  flags: JSON.parse(row.flags) as string[],
  baseRev: row.base_rev,
  submittedBy: row.submitted_by,
  submittedAt: row.submitted_at,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  message: row.message,
});

export function contentChangeRepository(db: Db, now: () => string) {
  return {
    /**
     * Records a request. A pending request for the same document is superseded by it (the draft
     * holds both), so each listing has at most one pending request.
     */
    async submit(input: {
      documentId: string;
      documentType: string;
      organisationId: string;
      kind: ChangeKind;
      fields: string[];
      flags: string[];
      baseRev: string | null;
      submittedBy: string;
      /** For a live change: published at once. */
      status?: 'pending' | 'published';
    }): Promise<ContentChangeRequest> {
      const at = now();
      const status = input.status ?? 'pending';
      if (status === 'pending') {
        await db
          .updateTable('content_change')
          .set({ status: 'superseded', decided_at: at })
          .where('document_id', '=', input.documentId)
          .where('status', '=', 'pending')
          .execute();
      }
      const row = {
        id: randomUUID(),
        document_id: input.documentId,
        document_type: input.documentType,
        organisation_id: input.organisationId,
        kind: input.kind,
        status,
        fields: JSON.stringify(input.fields),
        flags: JSON.stringify(input.flags),
        base_rev: input.baseRev,
        submitted_by: input.submittedBy,
        submitted_at: at,
        decided_by: status === 'published' ? input.submittedBy : null,
        decided_at: status === 'published' ? at : null,
        message: null,
      };
      await db.insertInto('content_change').values(row).execute();
      return toChange(row);
    },

    async get(id: string): Promise<ContentChangeRequest | null> {
      const row = await db.selectFrom('content_change').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toChange(row) : null;
    },

    /** The pending request for a document, if any. */
    async pendingFor(documentId: string): Promise<ContentChangeRequest | null> {
      const row = await db
        .selectFrom('content_change')
        .selectAll()
        .where('document_id', '=', documentId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row ? toChange(row) : null;
    },

    /** Requests, newest first: every pending one for editors, or one organisation's for its partners. */
    async list(
      options: { status?: ChangeStatus; organisationIds?: string[]; documentId?: string; limit?: number } = {},
    ): Promise<ContentChangeRequest[]> {
      let query = db.selectFrom('content_change').selectAll();
      if (options.status) query = query.where('status', '=', options.status);
      if (options.organisationIds) {
        if (options.organisationIds.length === 0) return [];
        query = query.where('organisation_id', 'in', options.organisationIds);
      }
      if (options.documentId) query = query.where('document_id', '=', options.documentId);
      const rows = await query
        .orderBy('submitted_at', 'desc')
        .orderBy('id')
        .limit(options.limit ?? 200)
        .execute();
      return rows.map(toChange);
    },

    /** Decides a pending request; false when it was no longer pending (someone else decided). */
    async decide(
      id: string,
      decision: { status: 'published' | 'returned'; decidedBy: string; message?: string | null },
    ): Promise<boolean> {
      const result = await db
        .updateTable('content_change')
        .set({
          status: decision.status,
          decided_by: decision.decidedBy,
          decided_at: now(),
          message: decision.message ?? null,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Moves a document's pending request onto a new published revision (a live field was published under it). */
    async rebase(documentId: string, rev: string): Promise<void> {
      await db
        .updateTable('content_change')
        .set({ base_rev: rev })
        .where('document_id', '=', documentId)
        .where('status', '=', 'pending')
        .execute();
    },

    /** Keeps a snapshot of a document as just published. */
    async recordVersion(input: {
      documentId: string;
      rev: string;
      actorUserId: string | null;
      changeId?: string | null;
      action: string;
      snapshot: Record<string, unknown>;
    }): Promise<void> {
      await db
        .insertInto('content_version')
        .values({
          document_id: input.documentId,
          rev: input.rev,
          at: now(),
          actor_user_id: input.actorUserId,
          change_id: input.changeId ?? null,
          action: input.action,
          snapshot: JSON.stringify(input.snapshot),
        })
        .execute();
    },

    /** A document's published versions, newest first. */
    async versions(documentId: string, limit = 50): Promise<ContentVersion[]> {
      const rows = await db
        .selectFrom('content_version')
        .selectAll()
        .where('document_id', '=', documentId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: Number(row.id),
        documentId: row.document_id,
        rev: row.rev,
        at: row.at,
        actorUserId: row.actor_user_id,
        changeId: row.change_id,
        action: row.action,
        snapshot: JSON.parse(row.snapshot) as Record<string, unknown>,
      }));
    },
  };
}

export type ContentChangeRepository = ReturnType<typeof contentChangeRepository>;
