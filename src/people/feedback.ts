/**
 * Public feedback (the people store's side): problem reports on listings, listing suggestions,
 * the reporter's optional email, and "Is this page useful?" answers.
 *
 * The email lives in its own table, written only when the reporter agreed to be contacted, read
 * only through `contactOf` (editors, audited by the caller) and cleared by the retention job.
 * Nothing else here returns it: partners and lists see `hasContact` at most.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db, RepoContext } from './repository.ts';
import type { FeedbackKind, FeedbackStatus, PeopleDatabase, ProblemReason } from './schema.ts';

export interface FeedbackReport {
  id: string;
  kind: FeedbackKind;
  serviceId: string | null;
  organisationId: string | null;
  reason: ProblemReason | null;
  listingName: string | null;
  message: string | null;
  status: FeedbackStatus;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  /** Whether the reporter left an email and agreed to be contacted (the address itself is not here). */
  hasContact: boolean;
}

export interface PageRatingSummary {
  path: string;
  yes: number;
  no: number;
}

export interface PageRatingComment {
  id: string;
  path: string;
  comment: string;
  createdAt: string;
}

const toReport = (row: Selectable<PeopleDatabase['feedback_report']>, hasContact: boolean): FeedbackReport => ({
  id: row.id,
  kind: row.kind,
  serviceId: row.service_id,
  organisationId: row.organisation_id,
  reason: row.reason,
  listingName: row.listing_name,
  message: row.message,
  status: row.status,
  createdAt: row.created_at,
  resolvedAt: row.resolved_at,
  resolvedBy: row.resolved_by,
  resolutionNote: row.resolution_note,
  hasContact,
});

export function feedbackRepository(db: Db, ctx: Pick<RepoContext, 'now' | 'cipher'>) {
  const { now, cipher } = ctx;
  async function withContacts(rows: Selectable<PeopleDatabase['feedback_report']>[]): Promise<FeedbackReport[]> {
    if (rows.length === 0) return [];
    const contacts = await db
      .selectFrom('feedback_contact')
      .select('report_id')
      .where(
        'report_id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
    const held = new Set(contacts.map((c) => c.report_id));
    return rows.map((row) => toReport(row, held.has(row.id)));
  }

  return {
    /** Records a report or suggestion, and the email only with the reporter's agreement to be contacted. */
    async submit(input: {
      kind: FeedbackKind;
      serviceId?: string | null;
      organisationId?: string | null;
      reason?: ProblemReason | null;
      listingName?: string | null;
      message?: string | null;
      /** Given only when the reporter agreed to be contacted about it. */
      contactEmail?: string | null;
    }): Promise<FeedbackReport> {
      const at = now();
      const row = {
        id: randomUUID(),
        kind: input.kind,
        service_id: input.serviceId ?? null,
        organisation_id: input.organisationId ?? null,
        reason: input.reason ?? null,
        listing_name: input.listingName ?? null,
        message: input.message ?? null,
        status: 'open' as const,
        created_at: at,
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
      };
      await db.insertInto('feedback_report').values(row).execute();
      if (input.contactEmail) {
        await db
          .insertInto('feedback_contact')
          .values({ report_id: row.id, email: cipher.seal(input.contactEmail), agreed_at: at })
          .execute();
      }
      return toReport(row, Boolean(input.contactEmail));
    },

    async get(id: string): Promise<FeedbackReport | null> {
      const row = await db.selectFrom('feedback_report').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? ((await withContacts([row]))[0] ?? null) : null;
    },

    /**
     * Reports, newest first (or oldest first, for a queue); `organisationIds` limits them to those
     * organisations' listings (partners).
     */
    async list(
      options: {
        status?: FeedbackStatus;
        kind?: FeedbackKind;
        organisationIds?: string[];
        oldestFirst?: boolean;
        limit?: number;
      } = {},
    ): Promise<FeedbackReport[]> {
      let query = db.selectFrom('feedback_report').selectAll();
      if (options.status) query = query.where('status', '=', options.status);
      if (options.kind) query = query.where('kind', '=', options.kind);
      if (options.organisationIds) {
        if (options.organisationIds.length === 0) return [];
        query = query.where('organisation_id', 'in', options.organisationIds);
      }
      const rows = await query
        .orderBy('created_at', options.oldestFirst ? 'asc' : 'desc')
        .orderBy('id')
        .limit(options.limit ?? 200)
        .execute();
      return withContacts(rows);
    },

    /** The reporter's email, if they left one and agreed to be contacted. The caller checks and audits. */
    async contactOf(reportId: string): Promise<string | null> {
      const row = await db
        .selectFrom('feedback_contact')
        .select('email')
        .where('report_id', '=', reportId)
        .executeTakeFirst();
      return row ? cipher.open(row.email) : null;
    },

    /** Marks an open report resolved; false when it was not open (someone else resolved it). */
    async resolve(id: string, input: { resolvedBy: string; note?: string | null }): Promise<boolean> {
      const result = await db
        .updateTable('feedback_report')
        .set({
          status: 'resolved',
          resolved_at: now(),
          resolved_by: input.resolvedBy,
          resolution_note: input.note ?? null,
        })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Records a "useful?" answer for a page path; returns its id. */
    async rate(input: { path: string; useful: 'yes' | 'no' }): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('page_rating')
        .values({ id, path: input.path, useful: input.useful, comment: null, created_at: now() })
        .execute();
      return id;
    },

    /** Adds "what was wrong" to a "no" answer made since `notBefore`, once; false otherwise. */
    async addComment(id: string, comment: string, notBefore: string): Promise<boolean> {
      const result = await db
        .updateTable('page_rating')
        .set({ comment })
        .where('id', '=', id)
        .where('useful', '=', 'no')
        .where('comment', 'is', null)
        .where('created_at', '>=', notBefore)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async getRating(id: string): Promise<{ id: string; path: string; useful: 'yes' | 'no'; createdAt: string } | null> {
      const row = await db
        .selectFrom('page_rating')
        .select(['id', 'path', 'useful', 'created_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { id: row.id, path: row.path, useful: row.useful, createdAt: row.created_at } : null;
    },

    /** Answers per page since `since`, most answers first. */
    async ratingSummary(since: string, limit = 50): Promise<PageRatingSummary[]> {
      const rows = await db
        .selectFrom('page_rating')
        .select([
          'path',
          sql<number>`sum(case when useful = 'yes' then 1 else 0 end)`.as('yes'),
          sql<number>`sum(case when useful = 'no' then 1 else 0 end)`.as('no'),
          sql<number>`count(*)`.as('total'),
        ])
        .where('created_at', '>=', since)
        .groupBy('path')
        .orderBy('total', 'desc')
        .orderBy('path')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ path: row.path, yes: Number(row.yes), no: Number(row.no) }));
    },

    /** The latest "what was wrong" comments. */
    async recentComments(limit = 20): Promise<PageRatingComment[]> {
      const rows = await db
        .selectFrom('page_rating')
        .select(['id', 'path', 'comment', 'created_at'])
        .where('comment', 'is not', null)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ id: row.id, path: row.path, comment: row.comment ?? '', createdAt: row.created_at }));
    },

    /**
     * Retention: deletes reporters' emails of reports resolved before `resolvedBefore` or made
     * before `createdBefore` (whichever comes first); returns how many.
     */
    async clearContacts(cutoffs: { resolvedBefore: string; createdBefore: string }): Promise<number> {
      const due = db
        .selectFrom('feedback_report')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'resolved'), eb('resolved_at', '<', cutoffs.resolvedBefore)]),
            eb('created_at', '<', cutoffs.createdBefore),
          ]),
        );
      const result = await db.deleteFrom('feedback_contact').where('report_id', 'in', due).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Retention: removes "what was wrong" comments made before `createdBefore` (the answers stay, for counts). */
    async clearComments(createdBefore: string): Promise<number> {
      const result = await db
        .updateTable('page_rating')
        .set({ comment: null })
        .where('comment', 'is not', null)
        .where('created_at', '<', createdBefore)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type FeedbackRepository = ReturnType<typeof feedbackRepository>;
