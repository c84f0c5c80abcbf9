/**
 * Wellbeing outcomes (ONS4), the people store's side: one set of answers per stage (baseline,
 * follow-up) per referral, given with the resident's consent, and the follow-up date the
 * connector is reminded of.
 *
 * A stage once recorded is not replaced: a second answer for the same stage is refused, so a
 * follow-up can never silently overwrite what the resident said before. Answers hold scores
 * only; once a referral is anonymised they stay as scores with no link to a person (the
 * referral row keeps no name, contact or note).
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { appendAudit, inTransaction, iso, StoreError, type Db, type RepoContext } from './repository.ts';
import { OUTCOME_STAGES, type OutcomeStage, type PeopleDatabase } from './schema.ts';

const MEASURE_KEYS = ['life_satisfaction', 'worthwhile', 'happiness', 'anxiety'] as const;

export interface OutcomeScores {
  life_satisfaction: number;
  worthwhile: number;
  happiness: number;
  anxiety: number;
}

export interface OutcomeMeasure {
  id: string;
  referralId: string;
  stage: OutcomeStage;
  scores: OutcomeScores;
  recordedBy: 'connector' | 'resident';
  recordedAt: string;
  consentGivenAt: string;
}

export interface NewOutcome {
  referralId: string;
  stage: OutcomeStage;
  scores: OutcomeScores;
  recordedBy: 'connector' | 'resident';
  /** When the resident agreed to answer and for the answers to be kept: required. */
  consentGivenAt: Date | string;
  /** The connector who recorded it (null for the resident). */
  actorUserId?: string | null;
}

export interface FollowUpDue {
  referralId: string;
  connectorUserId: string;
  referralCreatedAt: string;
  followUpDueAt: string;
  remindedAt: string | null;
}

const toMeasure = (row: Selectable<PeopleDatabase['outcome_measure']>): OutcomeMeasure => ({
  id: row.id,
  referralId: row.referral_id,
  stage: row.stage,
  scores: {
    life_satisfaction: Number(row.life_satisfaction),
    worthwhile: Number(row.worthwhile),
    happiness: Number(row.happiness),
    anxiety: Number(row.anxiety),
  },
  recordedBy: row.recorded_by,
  recordedAt: row.recorded_at,
  consentGivenAt: row.consent_given_at,
});

function checkScores(scores: OutcomeScores): void {
  for (const key of MEASURE_KEYS) {
    const value = scores[key];
    if (!Number.isInteger(value) || value < 0 || value > 10) {
      throw new StoreError(`Each wellbeing answer must be a whole number from 0 to 10 (${key}).`);
    }
  }
}

export function outcomeRepository(db: Db, ctx: RepoContext) {
  const { now } = ctx;
  return {
    /** Records one stage's answers; refuses a stage already recorded, answers without consent, or out of range. */
    async record(input: NewOutcome): Promise<OutcomeMeasure> {
      if (!OUTCOME_STAGES.includes(input.stage)) throw new StoreError('Unknown wellbeing stage.');
      if (!input.consentGivenAt) throw new StoreError('Wellbeing answers can be kept only with consent.');
      checkScores(input.scores);
      return inTransaction(db, async (trx) => {
        const referral = await trx
          .selectFrom('referral')
          .select(['id', 'anonymised_at'])
          .where('id', '=', input.referralId)
          .executeTakeFirst();
        if (!referral) throw new StoreError('No such referral.');
        if (referral.anonymised_at) throw new StoreError('This referral has been anonymised.');
        const existing = await trx
          .selectFrom('outcome_measure')
          .select('id')
          .where('referral_id', '=', input.referralId)
          .where('stage', '=', input.stage)
          .executeTakeFirst();
        if (existing) throw new StoreError('These wellbeing answers have already been recorded.');
        const row = {
          id: randomUUID(),
          referral_id: input.referralId,
          stage: input.stage,
          ...input.scores,
          recorded_by: input.recordedBy,
          recorded_at: now(),
          consent_given_at: iso(input.consentGivenAt),
        };
        await trx.insertInto('outcome_measure').values(row).execute();
        await appendAudit(trx, now, {
          actorUserId: input.actorUserId ?? null,
          action: 'outcome.recorded',
          subjectKind: 'outcome',
          subjectId: row.id,
          referralId: input.referralId,
          detail: { stage: input.stage, recordedBy: input.recordedBy },
        });
        return toMeasure(row);
      });
    },

    /** The referral's answers, baseline first. */
    async listForReferral(referralId: string): Promise<OutcomeMeasure[]> {
      const rows = await db.selectFrom('outcome_measure').selectAll().where('referral_id', '=', referralId).execute();
      return rows.map(toMeasure).sort((a, b) => OUTCOME_STAGES.indexOf(a.stage) - OUTCOME_STAGES.indexOf(b.stage));
    },

    /** When the referral's follow-up is due and when its connector was reminded. */
    async followUpOf(referralId: string): Promise<{ dueAt: string | null; remindedAt: string | null } | undefined> {
      const row = await db
        .selectFrom('referral')
        .select(['follow_up_due_at', 'follow_up_reminded_at'])
        .where('id', '=', referralId)
        .executeTakeFirst();
      return row && { dueAt: row.follow_up_due_at, remindedAt: row.follow_up_reminded_at };
    },

    /** Sets when the follow-up is due (at creation). */
    async setFollowUpDue(referralId: string, at: Date | string): Promise<void> {
      await db
        .updateTable('referral')
        .set({ follow_up_due_at: iso(at) })
        .where('id', '=', referralId)
        .execute();
    },

    /**
     * Referrals whose follow-up is due by `at` and not yet answered: not revoked, not anonymised.
     * With `connectorUserId`, only that connector's.
     */
    async listFollowUpsDue(at: Date, options: { connectorUserId?: string } = {}): Promise<FollowUpDue[]> {
      let query = db
        .selectFrom('referral')
        .select(['id', 'connector_user_id', 'created_at', 'follow_up_due_at', 'follow_up_reminded_at'])
        .where('follow_up_due_at', 'is not', null)
        .where('follow_up_due_at', '<=', at.toISOString())
        .where('revoked_at', 'is', null)
        .where('anonymised_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('outcome_measure')
                .select('outcome_measure.id')
                .whereRef('outcome_measure.referral_id', '=', 'referral.id')
                .where('outcome_measure.stage', '=', 'follow-up'),
            ),
          ),
        );
      if (options.connectorUserId) query = query.where('connector_user_id', '=', options.connectorUserId);
      const rows = await query.orderBy('follow_up_due_at').orderBy('id').execute();
      return rows.map((r) => ({
        referralId: r.id,
        connectorUserId: r.connector_user_id,
        referralCreatedAt: r.created_at,
        followUpDueAt: r.follow_up_due_at!,
        remindedAt: r.follow_up_reminded_at,
      }));
    },

    /** Marks the connector reminded; false if another run already did (so each reminder is sent once). */
    async markFollowUpReminded(referralId: string): Promise<boolean> {
      const result = await db
        .updateTable('referral')
        .set({ follow_up_reminded_at: now() })
        .where('id', '=', referralId)
        .where('follow_up_reminded_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
