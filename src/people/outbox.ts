/**
 * The outbox: messages written in the same transaction as the change they announce, sent (and retried) by the sender job.
 */
import { randomUUID } from 'node:crypto';
import { type Selectable } from 'kysely';
import { parseJson, type Db, type RepoContext } from './repository.ts';
import type { OutboxChannel, PeopleDatabase } from './schema.ts';

export interface OutboxMessage {
  id: number;
  channel: OutboxChannel;
  template: string;
  recipient: string;
  payload: Record<string, unknown>;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  /** Set on claimed messages: pass it back to `markSent` / `markFailed`. */
  claimToken: string | null;
}

export function outboxRepository(db: Db, ctx: RepoContext) {
  const { now, clock, cipher } = ctx;
  const toMessage = (r: Selectable<PeopleDatabase['outbox']>): OutboxMessage => ({
    id: Number(r.id),
    channel: r.channel,
    template: r.template,
    recipient: cipher.open(r.recipient),
    payload: parseJson<Record<string, unknown>>(r.payload) ?? {},
    createdAt: r.created_at,
    sentAt: r.sent_at,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    claimToken: r.claim_token,
  });

  const outbox = {
    /** Queues a message; the sender claims it later. Returns its id. */
    async enqueue(message: {
      channel: OutboxChannel;
      template: string;
      recipient: string;
      payload: Record<string, unknown>;
    }): Promise<number> {
      const row = await db
        .insertInto('outbox')
        .values({
          channel: message.channel,
          template: message.template,
          recipient: cipher.seal(message.recipient),
          payload: JSON.stringify(message.payload),
          created_at: now(),
          sent_at: null,
          last_error: null,
          claimed_until: null,
          claim_token: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    /**
     * Claims up to `limit` unsent messages for `leaseSeconds`, oldest first; two senders never
     * claim the same message. A claim that is neither marked sent nor failed lapses and the
     * message is claimed again. Each claim counts as an attempt; after `maxAttempts` it stays put.
     */
    async claim(
      options: { limit?: number; leaseSeconds?: number; maxAttempts?: number } = {},
    ): Promise<OutboxMessage[]> {
      const at = clock();
      const nowIso = at.toISOString();
      const until = new Date(at.getTime() + (options.leaseSeconds ?? 60) * 1000).toISOString();
      const token = randomUUID();
      const claimable = (q: Db) =>
        q
          .selectFrom('outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where('attempts', '<', options.maxAttempts ?? 5)
          .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]));
      const candidates = await claimable(db)
        .orderBy('id')
        .limit(options.limit ?? 10)
        .execute();
      if (candidates.length === 0) return [];
      await db
        .updateTable('outbox')
        .set((eb) => ({ claimed_until: until, claim_token: token, attempts: eb('attempts', '+', 1) }))
        .where(
          'id',
          'in',
          candidates.map((c) => c.id),
        )
        .where('sent_at', 'is', null)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', nowIso)]))
        .execute();
      const rows = await db.selectFrom('outbox').selectAll().where('claim_token', '=', token).orderBy('id').execute();
      return rows.map(toMessage);
    },

    async markSent(id: number, claimToken: string): Promise<boolean> {
      const result = await db
        .updateTable('outbox')
        .set({ sent_at: now(), claimed_until: null, last_error: null })
        .where('id', '=', id)
        .where('claim_token', '=', claimToken)
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Records a failure; the message is retried after a back-off (1, 2, 4 ... minutes). */
    async markFailed(id: number, claimToken: string, error: string): Promise<boolean> {
      const row = await db
        .selectFrom('outbox')
        .select('attempts')
        .where('id', '=', id)
        .where('claim_token', '=', claimToken)
        .executeTakeFirst();
      if (!row) return false;
      const backoffMs = 60_000 * 2 ** Math.max(0, Number(row.attempts) - 1);
      const result = await db
        .updateTable('outbox')
        .set({ last_error: error.slice(0, 500), claimed_until: new Date(clock().getTime() + backoffMs).toISOString() })
        .where('id', '=', id)
        .where('claim_token', '=', claimToken)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Messages, newest first (for the admins' outbox page when no sender is configured). */
    async list(options: { unsentOnly?: boolean; limit?: number } = {}): Promise<OutboxMessage[]> {
      let query = db.selectFrom('outbox').selectAll();
      if (options.unsentOnly) query = query.where('sent_at', 'is', null);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(options.limit ?? 100)
        .execute();
      return rows.map(toMessage);
    },
  };
  return outbox;
}
