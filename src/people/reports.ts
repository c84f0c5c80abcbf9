/**
 * What commissioners' reports read: one row per activity referred (with the provider's answer
 * and any decline reason) and the wellbeing (ONS4) scores recorded for referrals. Ids, dates,
 * statuses and scores only: nothing that names or reaches a person.
 */
import type { DeclineReason, ItemStatus, OutcomeStage } from './schema.ts';
import type { Db, RepoContext } from './repository.ts';

export interface OrganisationReportRow {
  itemId: string;
  referralId: string;
  serviceId: string;
  organisationId: string;
  status: ItemStatus;
  declineReason: DeclineReason | null;
  createdAt: string;
  respondedAt: string | null;
}

export interface OutcomeScores {
  referralId: string;
  stage: OutcomeStage;
  lifeSatisfaction: number;
  worthwhile: number;
  happiness: number;
  anxiety: number;
}

export function reportRepository(db: Db, _ctx: RepoContext) {
  return {
    /** Every activity referred, oldest referral first. */
    async organisationRows(): Promise<OrganisationReportRow[]> {
      const rows = await db
        .selectFrom('referral_item as i')
        .innerJoin('referral as r', 'r.id', 'i.referral_id')
        .select(['i.id', 'i.referral_id', 'i.service_id', 'i.organisation_id', 'i.status', 'i.decline_reason'])
        .select(['i.responded_at', 'r.created_at'])
        .orderBy('r.created_at')
        .orderBy('i.id')
        .execute();
      return rows.map((row) => ({
        itemId: row.id,
        referralId: row.referral_id,
        serviceId: row.service_id,
        organisationId: row.organisation_id,
        status: row.status,
        declineReason: row.decline_reason,
        createdAt: row.created_at,
        respondedAt: row.responded_at,
      }));
    },

    /** Every ONS4 record (baseline and follow-up), by referral. */
    async outcomeScores(): Promise<OutcomeScores[]> {
      const rows = await db
        .selectFrom('outcome_measure')
        .select(['referral_id', 'stage', 'life_satisfaction', 'worthwhile', 'happiness', 'anxiety'])
        .orderBy('referral_id')
        .orderBy('stage')
        .execute();
      return rows.map((row) => ({
        referralId: row.referral_id,
        stage: row.stage,
        lifeSatisfaction: row.life_satisfaction,
        worthwhile: row.worthwhile,
        happiness: row.happiness,
        anxiety: row.anxiety,
      }));
    },
  };
}
