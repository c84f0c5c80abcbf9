/**
 * Notification choices and the daily digest queue: whether a person is emailed straight away or
 * once a day, and the changes waiting for their next digest (ids only, nothing personal).
 */
import { randomUUID } from 'node:crypto';
import type { Db, RepoContext } from './repository.ts';
import type { NotificationFrequency } from './schema.ts';

export interface PendingNotification {
  id: string;
  userId: string;
  kind: string;
  referralId: string | null;
  itemId: string | null;
  createdAt: string;
}

export function notificationRepository(db: Db, ctx: RepoContext) {
  const { now } = ctx;
  return {
    /** A person's email and choice, or undefined for an unknown or deactivated account. */
    async recipient(userId: string): Promise<{ email: string; frequency: NotificationFrequency } | undefined> {
      const row = await db
        .selectFrom('user')
        .select(['email', 'notification_frequency', 'deactivated_at'])
        .where('id', '=', userId)
        .executeTakeFirst();
      if (!row || row.deactivated_at) return undefined;
      return { email: row.email, frequency: row.notification_frequency === 'daily' ? 'daily' : 'immediate' };
    },

    async setFrequency(userId: string, frequency: NotificationFrequency): Promise<void> {
      await db.updateTable('user').set({ notification_frequency: frequency }).where('id', '=', userId).execute();
    },

    /** Queues a change for the person's next digest. */
    async addPending(input: { userId: string; kind: string; referralId?: string; itemId?: string }): Promise<void> {
      await db
        .insertInto('notification_pending')
        .values({
          id: randomUUID(),
          user_id: input.userId,
          kind: input.kind,
          referral_id: input.referralId ?? null,
          item_id: input.itemId ?? null,
          created_at: now(),
          digested_at: null,
        })
        .execute();
    },

    /** People with changes waiting that were queued before `before`. */
    async usersWithPending(before: Date): Promise<string[]> {
      const rows = await db
        .selectFrom('notification_pending')
        .select('user_id')
        .distinct()
        .where('digested_at', 'is', null)
        .where('created_at', '<', before.toISOString())
        .orderBy('user_id')
        .execute();
      return rows.map((r) => r.user_id);
    },

    /**
     * Marks a person's waiting changes queued before `before` as digested and returns them; a
     * second caller (another instance, a rerun) finds none, so each change is in one digest only.
     * Run it in the transaction that queues the digest email.
     */
    async claimPending(userId: string, before: Date): Promise<PendingNotification[]> {
      const rows = await db
        .updateTable('notification_pending')
        .set({ digested_at: now() })
        .where('user_id', '=', userId)
        .where('digested_at', 'is', null)
        .where('created_at', '<', before.toISOString())
        .returningAll()
        .execute();
      return rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        kind: r.kind,
        referralId: r.referral_id,
        itemId: r.item_id,
        createdAt: r.created_at,
      }));
    },

    async listPending(userId: string): Promise<PendingNotification[]> {
      const rows = await db
        .selectFrom('notification_pending')
        .selectAll()
        .where('user_id', '=', userId)
        .where('digested_at', 'is', null)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        kind: r.kind,
        referralId: r.referral_id,
        itemId: r.item_id,
        createdAt: r.created_at,
      }));
    },

    /**
     * Clears the recipient (a resident's number or address) of messages of these templates once
     * they were sent, or finally failed, before `before`. Returns how many were cleared.
     */
    async clearRecipients(templates: readonly string[], before: Date, maxAttempts = 5): Promise<number> {
      if (templates.length === 0) return 0;
      const cutoff = before.toISOString();
      const result = await db
        .updateTable('outbox')
        .set({ recipient: CLEARED_RECIPIENT })
        .where('template', 'in', [...templates])
        .where('recipient', '!=', CLEARED_RECIPIENT)
        .where((eb) =>
          eb.or([
            eb('sent_at', '<', cutoff),
            eb.and([eb('sent_at', 'is', null), eb('attempts', '>=', maxAttempts), eb('created_at', '<', cutoff)]),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

/** What a cleared outbox recipient reads. */
export const CLEARED_RECIPIENT = '(removed)';
