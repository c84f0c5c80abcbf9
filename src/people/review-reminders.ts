/**
 * Review reminders sent (the people store's side of the verification cycle): one row per
 * listing, "checked on" date and stage, so each reminder goes out once however often the job
 * runs and from however many instances. Ids only, nothing personal.
 */
import type { Db } from './repository.ts';
import type { ListingReviewReminderTable, PeopleDatabase } from './schema.ts';

export type ReviewReminderStage = ListingReviewReminderTable['stage'];

export interface ReviewReminder {
  serviceId: string;
  verifiedOn: string;
  stage: ReviewReminderStage;
  organisationId: string;
  sentAt: string;
  recipients: number;
}

export function reviewReminderRepository(db: Db, now: () => string) {
  return {
    /**
     * Claims the reminder of `stage` for a listing's "checked on" date: true for the one caller
     * that recorded it first (it then sends it, in the same transaction), false if already sent.
     */
    async claim(input: {
      serviceId: string;
      verifiedOn: string;
      stage: ReviewReminderStage;
      organisationId: string;
      recipients: number;
    }): Promise<boolean> {
      const result = await db
        .insertInto('listing_review_reminder')
        .values({
          service_id: input.serviceId,
          verified_on: input.verifiedOn,
          stage: input.stage,
          organisation_id: input.organisationId,
          sent_at: now(),
          recipients: input.recipients,
        })
        .onConflict((oc) => oc.columns(['service_id', 'verified_on', 'stage']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** The reminders sent for some listings (all of them without `serviceIds`), newest first. */
    async list(serviceIds?: string[]): Promise<ReviewReminder[]> {
      let query = db.selectFrom('listing_review_reminder').selectAll();
      if (serviceIds) {
        if (serviceIds.length === 0) return [];
        query = query.where('service_id', 'in', serviceIds);
      }
      const rows = await query.orderBy('sent_at', 'desc').orderBy('service_id').execute();
      return rows.map((row) => ({
        serviceId: row.service_id,
        verifiedOn: row.verified_on,
        stage: row.stage,
        organisationId: row.organisation_id,
        sentAt: row.sent_at,
        recipients: Number(row.recipients),
      }));
    },
  };
}

export type ReviewReminderRepository = ReturnType<typeof reviewReminderRepository>;
