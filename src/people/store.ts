/**
 * The people-data store: accounts, referrals, consents, events, the audit log and the outbox.
 * One interface, two implementations chosen in one place (`createPeopleStore`): `node:sqlite`
 * in `DATA_DIR/people.sqlite` by default, PostgreSQL when `DATABASE_URL` is set. Both run the
 * same migrations and the same Kysely queries; better-auth shares the same Kysely instance.
 *
 * Every write that belongs together runs in one transaction, and a write is acknowledged only
 * once committed: SQLite runs in WAL mode with `synchronous=FULL` (each commit is fsynced), and
 * PostgreSQL's defaults (`synchronous_commit=on`, `fsync=on`) do the same.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { dirname, join } from 'node:path';
import { Kysely, PostgresDialect, sql, type Selectable, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { contentChangeRepository } from './content-changes.ts';
import { feedbackRepository } from './feedback.ts';
import { migrateToLatest, type StoreKind } from './migrations.ts';
import { reviewReminderRepository } from './review-reminders.ts';
import type {
  ActorKind,
  ConsentKind,
  ContactRoute,
  DeclineReason,
  EventKind,
  ItemStatus,
  OutboxChannel,
  PeopleDatabase,
  ReferralStatus,
  Role,
} from './schema.ts';
import { NodeSqliteDialect } from './sqlite-dialect.ts';

export type { StoreKind } from './migrations.ts';

/** The file name of the SQLite store inside `DATA_DIR`. */
export const SQLITE_FILE = 'people.sqlite';

/** How long SQLite waits for another process's write lock before failing, in milliseconds. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export type Clock = () => Date;

export type PeopleStoreOptions = (
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; connectionString: string; poolSize?: number }
) & {
  /** The time, for tests; defaults to the system clock. */
  clock?: Clock;
};

type Db = Kysely<PeopleDatabase> | Transaction<PeopleDatabase>;

// ---------------------------------------------------------------------------------------------
// What the repository returns

export interface ReferralItem {
  id: string;
  referralId: string;
  position: number;
  serviceId: string;
  organisationId: string;
  status: ItemStatus;
  declineReason: DeclineReason | null;
  respondedAt: string | null;
  /** When the organisation's members were reminded to answer. */
  remindedAt: string | null;
  /** When the unanswered activity was escalated to editors. */
  escalatedAt: string | null;
}

export interface Referral {
  id: string;
  connectorUserId: string;
  noteForResident: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: ReferralStatus;
  closedAt: string | null;
  anonymisedAt: string | null;
  items: ReferralItem[];
  /** Consents given and not withdrawn. */
  consents: ConsentKind[];
  /** Whether contact details are held (only ever with the share-contact consent). */
  hasContact: boolean;
}

/** One activity of a referral as its provider sees it: no note, no contact details. */
export interface OrganisationReferralItem extends ReferralItem {
  referralCreatedAt: string;
  referralExpiresAt: string;
  referralRevokedAt: string | null;
  referralStatus: ReferralStatus;
  hasContact: boolean;
}

export interface ReferralContact {
  name: string;
  route: ContactRoute;
  value: string;
  outwardPostcode: string | null;
  consentGivenAt: string;
}

export interface ReferralEvent {
  id: number;
  referralId: string;
  itemId: string | null;
  kind: EventKind;
  actorKind: ActorKind;
  actorUserId: string | null;
  reason: string | null;
  at: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  action: string;
  subjectKind: string;
  subjectId: string | null;
  detail: Record<string, unknown> | null;
}

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

export interface Invitation {
  id: string;
  /** Null: the invitee gives their own address on accepting (the first admin only). */
  email: string | null;
  role: Role;
  organisationIds: string[];
  invitedByUserId: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedUserId: string | null;
  revokedAt: string | null;
}

export interface PersonAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  twoFactorEnabled: boolean;
}

// ---------------------------------------------------------------------------------------------
// What the repository accepts

export interface NewReferral {
  tokenHash: string;
  connectorUserId: string;
  noteForResident?: string | null;
  expiresAt: Date | string;
  /** One or more activities, in the connector's order; each service once. */
  items: { serviceId: string; organisationId: string }[];
  /** Given only with the resident's explicit share-contact consent. */
  contact?: { name: string; route: ContactRoute; value: string; outwardPostcode?: string | null };
  consents?: { shareContact?: boolean; feedback?: boolean };
}

export interface NewEvent {
  referralId: string;
  itemId?: string | null;
  kind: EventKind;
  actorKind: ActorKind;
  actorUserId?: string | null;
  reason?: string | null;
  /** Moves the item to this status (needs `itemId`). */
  itemStatus?: ItemStatus;
  declineReason?: DeclineReason | null;
  /** Records this as the provider's response time for the item. */
  responded?: boolean;
  /** Moves the referral as a whole to this status. */
  referralStatus?: ReferralStatus;
  /** Closes the referral (its retention period starts). */
  close?: boolean;
}

export interface Actor {
  kind: ActorKind;
  userId?: string | null;
}

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

// ---------------------------------------------------------------------------------------------

const iso = (value: Date | string): string =>
  typeof value === 'string' ? new Date(value).toISOString() : value.toISOString();

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Kysely<PeopleDatabase>).transaction().execute(fn);
}

function toItem(row: PeopleDatabase['referral_item']): ReferralItem {
  return {
    id: row.id,
    referralId: row.referral_id,
    position: Number(row.position),
    serviceId: row.service_id,
    organisationId: row.organisation_id,
    status: row.status,
    declineReason: row.decline_reason,
    respondedAt: row.responded_at,
    remindedAt: row.reminded_at,
    escalatedAt: row.escalated_at,
  };
}

function toEvent(row: {
  id: number;
  referral_id: string;
  item_id: string | null;
  kind: EventKind;
  actor_kind: ActorKind;
  actor_user_id: string | null;
  reason: string | null;
  at: string;
}): ReferralEvent {
  return {
    id: Number(row.id),
    referralId: row.referral_id,
    itemId: row.item_id,
    kind: row.kind,
    actorKind: row.actor_kind,
    actorUserId: row.actor_user_id,
    reason: row.reason,
    at: row.at,
  };
}

function toInvitation(row: PeopleDatabase['invitation']): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    organisationIds: parseJson<string[]>(row.organisation_ids) ?? [],
    invitedByUserId: row.invited_by_user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedUserId: row.accepted_user_id,
    revokedAt: row.revoked_at,
  };
}

function repositories(db: Db, clock: Clock, kind: StoreKind) {
  const now = () => clock().toISOString();

  async function loadReferrals(trx: Db, ids: string[]): Promise<Referral[]> {
    if (ids.length === 0) return [];
    const [rows, items, consents, contacts] = await Promise.all([
      trx.selectFrom('referral').selectAll().where('id', 'in', ids).execute(),
      trx.selectFrom('referral_item').selectAll().where('referral_id', 'in', ids).orderBy('position').execute(),
      trx
        .selectFrom('referral_consent')
        .select(['referral_id', 'kind'])
        .where('referral_id', 'in', ids)
        .where('withdrawn_at', 'is', null)
        .orderBy('kind')
        .execute(),
      trx.selectFrom('referral_contact').select('referral_id').where('referral_id', 'in', ids).execute(),
    ]);
    const byId = new Map<string, Referral>(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          connectorUserId: r.connector_user_id,
          noteForResident: r.note_for_resident,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          revokedAt: r.revoked_at,
          status: r.status,
          closedAt: r.closed_at,
          anonymisedAt: r.anonymised_at,
          items: [],
          consents: [],
          hasContact: false,
        },
      ]),
    );
    for (const item of items) byId.get(item.referral_id)?.items.push(toItem(item));
    for (const consent of consents) byId.get(consent.referral_id)?.consents.push(consent.kind);
    for (const contact of contacts) {
      const referral = byId.get(contact.referral_id);
      if (referral) referral.hasContact = true;
    }
    return ids.map((id) => byId.get(id)).filter((r): r is Referral => r !== undefined);
  }

  async function appendAudit(
    trx: Db,
    entry: {
      actorUserId?: string | null;
      action: string;
      subjectKind: string;
      subjectId?: string | null;
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
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
      })
      .execute();
  }

  const referrals = {
    /** Creates a referral with its activities, consents, contact, `created` event and audit entry, atomically. */
    async create(input: NewReferral): Promise<Referral> {
      if (input.items.length === 0) throw new StoreError('A referral needs at least one activity.');
      const services = new Set(input.items.map((i) => i.serviceId));
      if (services.size !== input.items.length) throw new StoreError('Each activity can be in a referral only once.');
      if (input.contact && !input.consents?.shareContact) {
        throw new StoreError('Contact details can be kept only with the resident’s consent to share them.');
      }
      const id = randomUUID();
      const at = now();
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('referral')
          .values({
            id,
            token_hash: input.tokenHash,
            connector_user_id: input.connectorUserId,
            note_for_resident: input.noteForResident?.trim() || null,
            created_at: at,
            expires_at: iso(input.expiresAt),
            revoked_at: null,
            status: 'created',
            closed_at: null,
            anonymised_at: null,
          })
          .execute();
        await trx
          .insertInto('referral_item')
          .values(
            input.items.map((item, position) => ({
              id: randomUUID(),
              referral_id: id,
              position,
              service_id: item.serviceId,
              organisation_id: item.organisationId,
              status: 'created' as const,
              decline_reason: null,
              responded_at: null,
              reminded_at: null,
              escalated_at: null,
            })),
          )
          .execute();
        const consents: ConsentKind[] = [];
        if (input.consents?.shareContact) consents.push('share-contact');
        if (input.consents?.feedback) consents.push('feedback');
        if (consents.length > 0) {
          await trx
            .insertInto('referral_consent')
            .values(consents.map((kind) => ({ referral_id: id, kind, given_at: at, withdrawn_at: null })))
            .execute();
        }
        if (input.contact) {
          await trx
            .insertInto('referral_contact')
            .values({
              referral_id: id,
              name: input.contact.name,
              contact_route: input.contact.route,
              contact_value: input.contact.value,
              outward_postcode: input.contact.outwardPostcode ?? null,
              consent_given_at: at,
            })
            .execute();
        }
        await trx
          .insertInto('referral_event')
          .values({
            referral_id: id,
            item_id: null,
            kind: 'created',
            actor_kind: 'connector',
            actor_user_id: input.connectorUserId,
            reason: null,
            at,
          })
          .execute();
        await appendAudit(trx, {
          actorUserId: input.connectorUserId,
          action: 'referral.create',
          subjectKind: 'referral',
          subjectId: id,
          detail: { items: input.items.length, contact: Boolean(input.contact), consents },
        });
      });
      const [created] = await loadReferrals(db, [id]);
      return created!;
    },

    async get(id: string): Promise<Referral | undefined> {
      return (await loadReferrals(db, [id]))[0];
    },

    /** The referral a link's token hash opens, whatever its state (the caller checks expiry and revocation). */
    async findByTokenHash(tokenHash: string): Promise<Referral | undefined> {
      const row = await db.selectFrom('referral').select('id').where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? (await loadReferrals(db, [row.id]))[0] : undefined;
    },

    /** A connector's own referrals, newest first. */
    async listForConnector(
      connectorUserId: string,
      options: { limit?: number; offset?: number } = {},
    ): Promise<Referral[]> {
      const rows = await db
        .selectFrom('referral')
        .select('id')
        .where('connector_user_id', '=', connectorUserId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(options.limit ?? 50)
        .offset(options.offset ?? 0)
        .execute();
      return loadReferrals(
        db,
        rows.map((r) => r.id),
      );
    },

    /** The activities referred to these organisations (a partner's own), newest first; never another's. */
    async listItemsForOrganisations(
      organisationIds: string[],
      options: { limit?: number; offset?: number; statuses?: ItemStatus[] } = {},
    ): Promise<OrganisationReferralItem[]> {
      if (organisationIds.length === 0) return [];
      let query = db
        .selectFrom('referral_item as i')
        .innerJoin('referral as r', 'r.id', 'i.referral_id')
        .leftJoin('referral_contact as c', 'c.referral_id', 'r.id')
        .selectAll('i')
        .select([
          'r.created_at as referral_created_at',
          'r.expires_at as referral_expires_at',
          'r.revoked_at as referral_revoked_at',
          'r.status as referral_status',
          'c.referral_id as contact_referral_id',
        ])
        .where('i.organisation_id', 'in', organisationIds)
        .where('r.anonymised_at', 'is', null);
      if (options.statuses && options.statuses.length > 0) query = query.where('i.status', 'in', options.statuses);
      const rows = await query
        .orderBy('r.created_at', 'desc')
        .orderBy('i.id')
        .limit(options.limit ?? 100)
        .offset(options.offset ?? 0)
        .execute();
      return rows.map((row) => ({
        ...toItem(row),
        referralCreatedAt: row.referral_created_at,
        referralExpiresAt: row.referral_expires_at,
        referralRevokedAt: row.referral_revoked_at,
        referralStatus: row.referral_status,
        hasContact: row.contact_referral_id !== null,
      }));
    },

    /**
     * A referral's contact details for the provider of one of its activities, only where the
     * resident consented and the item belongs to one of `organisationIds`. Every read is audited
     * in the same transaction; nothing is returned (and nothing audited) otherwise.
     */
    async readContactForItem(input: {
      itemId: string;
      organisationIds: string[];
      actorUserId: string;
    }): Promise<ReferralContact | undefined> {
      if (input.organisationIds.length === 0) return undefined;
      return inTransaction(db, async (trx) => {
        const row = await trx
          .selectFrom('referral_item as i')
          .innerJoin('referral_contact as c', 'c.referral_id', 'i.referral_id')
          .innerJoin('referral_consent as k', (join) =>
            join
              .onRef('k.referral_id', '=', 'i.referral_id')
              .on('k.kind', '=', 'share-contact')
              .on('k.withdrawn_at', 'is', null),
          )
          .select([
            'i.referral_id',
            'c.name',
            'c.contact_route',
            'c.contact_value',
            'c.outward_postcode',
            'c.consent_given_at',
          ])
          .where('i.id', '=', input.itemId)
          .where('i.organisation_id', 'in', input.organisationIds)
          .executeTakeFirst();
        if (!row) return undefined;
        await appendAudit(trx, {
          actorUserId: input.actorUserId,
          action: 'referral.contact.read',
          subjectKind: 'referral_item',
          subjectId: input.itemId,
          detail: { referralId: row.referral_id },
        });
        return {
          name: row.name,
          route: row.contact_route,
          value: row.contact_value,
          outwardPostcode: row.outward_postcode,
          consentGivenAt: row.consent_given_at,
        };
      });
    },

    /** Records an event and the status changes it brings, atomically; refuses an item of another referral. */
    async recordEvent(input: NewEvent): Promise<ReferralEvent> {
      if ((input.itemStatus || input.responded || input.declineReason) && !input.itemId) {
        throw new StoreError('An item status change needs the item.');
      }
      const at = now();
      return inTransaction(db, async (trx) => {
        const referral = await trx
          .selectFrom('referral')
          .select(['id', 'anonymised_at'])
          .where('id', '=', input.referralId)
          .executeTakeFirst();
        if (!referral) throw new StoreError('No such referral.');
        if (referral.anonymised_at) throw new StoreError('This referral has been anonymised.');
        if (input.itemId) {
          const item = await trx
            .selectFrom('referral_item')
            .select('id')
            .where('id', '=', input.itemId)
            .where('referral_id', '=', input.referralId)
            .executeTakeFirst();
          if (!item) throw new StoreError('No such activity in this referral.');
          const changes: Partial<PeopleDatabase['referral_item']> = {};
          if (input.itemStatus) changes.status = input.itemStatus;
          if (input.declineReason !== undefined) changes.decline_reason = input.declineReason;
          if (input.responded) changes.responded_at = at;
          if (Object.keys(changes).length > 0)
            await trx.updateTable('referral_item').set(changes).where('id', '=', input.itemId).execute();
        }
        const referralChanges: Partial<PeopleDatabase['referral']> = {};
        if (input.referralStatus) referralChanges.status = input.referralStatus;
        if (input.close) referralChanges.closed_at = at;
        if (Object.keys(referralChanges).length > 0) {
          await trx.updateTable('referral').set(referralChanges).where('id', '=', input.referralId).execute();
        }
        const event = await trx
          .insertInto('referral_event')
          .values({
            referral_id: input.referralId,
            item_id: input.itemId ?? null,
            kind: input.kind,
            actor_kind: input.actorKind,
            actor_user_id: input.actorUserId ?? null,
            reason: input.reason ?? null,
            at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toEvent(event);
      });
    },

    /** The referral's timeline, oldest first. */
    async events(referralId: string): Promise<ReferralEvent[]> {
      const rows = await db
        .selectFrom('referral_event')
        .selectAll()
        .where('referral_id', '=', referralId)
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    },

    /** Stops the link working; the referral can be re-issued with a new link. */
    async revoke(referralId: string, actor: Actor): Promise<void> {
      await inTransaction(db, async (trx) => {
        const at = now();
        await trx.updateTable('referral').set({ revoked_at: at }).where('id', '=', referralId).execute();
        // A revoked link closes the referral (its retention period starts) until it is re-issued.
        await trx
          .updateTable('referral')
          .set({ closed_at: at })
          .where('id', '=', referralId)
          .where('closed_at', 'is', null)
          .execute();
        await repositories(trx, clock, kind).referrals.recordEvent({
          referralId,
          kind: 'revoked',
          actorKind: actor.kind,
          actorUserId: actor.userId,
          referralStatus: 'revoked',
        });
      });
    },

    /** Gives the referral a new link (the old one stops working) and a new expiry. */
    async reissue(
      referralId: string,
      input: {
        tokenHash: string;
        expiresAt: Date | string;
        status: ReferralStatus;
        /** Keep the referral closed (every activity already finished); otherwise it is open again. */
        staysClosed?: boolean;
      },
      actor: Actor,
    ): Promise<void> {
      await inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable('referral')
          .set({
            token_hash: input.tokenHash,
            expires_at: iso(input.expiresAt),
            revoked_at: null,
            status: input.status,
            ...(input.staysClosed ? {} : { closed_at: null }),
          })
          .where('id', '=', referralId)
          .where('anonymised_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw new StoreError('No such referral.');
        await repositories(trx, clock, kind).referrals.recordEvent({
          referralId,
          kind: 'reissued',
          actorKind: actor.kind,
          actorUserId: actor.userId,
        });
      });
    },

    /**
     * Locks a referral's row until the transaction ends (PostgreSQL; SQLite's write transactions
     * are already serialised), so concurrent status changes read what the other committed.
     */
    async lock(referralId: string): Promise<void> {
      if (kind === 'postgres') {
        await db.selectFrom('referral').select('id').where('id', '=', referralId).forUpdate().execute();
      }
    },

    /** One activity of a referral with its referral's dates and state; the caller checks who may see it. */
    async getItem(itemId: string): Promise<OrganisationReferralItem | undefined> {
      const row = await db
        .selectFrom('referral_item as i')
        .innerJoin('referral as r', 'r.id', 'i.referral_id')
        .leftJoin('referral_contact as c', 'c.referral_id', 'r.id')
        .selectAll('i')
        .select([
          'r.created_at as referral_created_at',
          'r.expires_at as referral_expires_at',
          'r.revoked_at as referral_revoked_at',
          'r.status as referral_status',
          'r.anonymised_at as referral_anonymised_at',
          'c.referral_id as contact_referral_id',
        ])
        .where('i.id', '=', itemId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        ...toItem(row),
        referralCreatedAt: row.referral_created_at,
        referralExpiresAt: row.referral_expires_at,
        referralRevokedAt: row.referral_revoked_at,
        referralStatus: row.referral_status,
        hasContact: row.contact_referral_id !== null,
      };
    },

    /**
     * Records that the resident opened the link, once: activities not yet opened move to
     * "opened". Returns false (and records nothing) if it was already recorded.
     */
    async markOpened(referralId: string, referralStatus: ReferralStatus): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        await repositories(trx, clock, kind).referrals.lock(referralId);
        const already = await trx
          .selectFrom('referral_event')
          .select('id')
          .where('referral_id', '=', referralId)
          .where('kind', '=', 'opened')
          .executeTakeFirst();
        if (already) return false;
        await trx
          .updateTable('referral_item')
          .set({ status: 'opened' })
          .where('referral_id', '=', referralId)
          .where('status', '=', 'created')
          .execute();
        await repositories(trx, clock, kind).referrals.recordEvent({
          referralId,
          kind: 'opened',
          actorKind: 'resident',
          referralStatus,
        });
        return true;
      });
    },

    /**
     * Flags an unanswered activity as reminded or escalated, once, with its event (actor: the
     * system). Returns false if it was already flagged (another instance got there first).
     */
    async flagItem(itemId: string, flag: 'reminded' | 'escalated'): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const at = now();
        const column = flag === 'reminded' ? 'reminded_at' : 'escalated_at';
        const result = await trx
          .updateTable('referral_item')
          .set({ [column]: at })
          .where('id', '=', itemId)
          .where(column, 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        const item = await trx
          .selectFrom('referral_item')
          .select('referral_id')
          .where('id', '=', itemId)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('referral_event')
          .values({
            referral_id: item.referral_id,
            item_id: itemId,
            kind: flag,
            actor_kind: 'system',
            actor_user_id: null,
            reason: null,
            at,
          })
          .execute();
        return true;
      });
    },

    /** Activities still waiting for their provider's first answer, in referrals still open. */
    async listAwaitingResponse(
      options: { escalatedOnly?: boolean; organisationIds?: string[] } = {},
    ): Promise<OrganisationReferralItem[]> {
      let query = db
        .selectFrom('referral_item as i')
        .innerJoin('referral as r', 'r.id', 'i.referral_id')
        .leftJoin('referral_contact as c', 'c.referral_id', 'r.id')
        .selectAll('i')
        .select([
          'r.created_at as referral_created_at',
          'r.expires_at as referral_expires_at',
          'r.revoked_at as referral_revoked_at',
          'r.status as referral_status',
          'c.referral_id as contact_referral_id',
        ])
        .where('i.status', 'in', ['created', 'opened', 'interested'])
        .where('i.responded_at', 'is', null)
        .where('r.closed_at', 'is', null)
        .where('r.revoked_at', 'is', null)
        .where('r.anonymised_at', 'is', null);
      if (options.escalatedOnly) query = query.where('i.escalated_at', 'is not', null);
      if (options.organisationIds) {
        if (options.organisationIds.length === 0) return [];
        query = query.where('i.organisation_id', 'in', options.organisationIds);
      }
      const rows = await query.orderBy('r.created_at').orderBy('i.id').execute();
      return rows.map((row) => ({
        ...toItem(row),
        referralCreatedAt: row.referral_created_at,
        referralExpiresAt: row.referral_expires_at,
        referralRevokedAt: row.referral_revoked_at,
        referralStatus: row.referral_status,
        hasContact: row.contact_referral_id !== null,
      }));
    },

    /** Open referrals whose link has expired by `at` (for the expiry job). */
    async listExpired(at: Date): Promise<string[]> {
      const rows = await db
        .selectFrom('referral')
        .select('id')
        .where('expires_at', '<=', at.toISOString())
        .where('closed_at', 'is', null)
        .where('anonymised_at', 'is', null)
        .orderBy('expires_at')
        .execute();
      return rows.map((r) => r.id);
    },

    /** Records a link's expiry, once: the referral closes and takes `referralStatus`. */
    async expire(referralId: string, referralStatus: ReferralStatus): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        await repositories(trx, clock, kind).referrals.lock(referralId);
        const row = await trx
          .selectFrom('referral')
          .select(['closed_at', 'expires_at', 'anonymised_at'])
          .where('id', '=', referralId)
          .executeTakeFirst();
        if (!row || row.closed_at || row.anonymised_at || row.expires_at > now()) return false;
        await repositories(trx, clock, kind).referrals.recordEvent({
          referralId,
          kind: 'expired',
          actorKind: 'system',
          referralStatus,
          close: true,
        });
        return true;
      });
    },

    /** Referrals closed on or before `cutoff` and not yet anonymised (for the retention job). */
    async listClosedBefore(cutoff: Date): Promise<string[]> {
      const rows = await db
        .selectFrom('referral')
        .select('id')
        .where('closed_at', 'is not', null)
        .where('closed_at', '<=', cutoff.toISOString())
        .where('anonymised_at', 'is', null)
        .orderBy('closed_at')
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Removes everything about the resident from a closed referral: contact details, the note,
     * free-text reasons. Activities, statuses, dates, consents given (kind and time) and events
     * stay, so reports keep their counts. Records an `anonymised` event and an audit entry.
     */
    async anonymise(referralId: string): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        await repositories(trx, clock, kind).referrals.lock(referralId);
        const row = await trx
          .selectFrom('referral')
          .select(['anonymised_at', 'closed_at'])
          .where('id', '=', referralId)
          .executeTakeFirst();
        if (!row || row.anonymised_at || !row.closed_at) return false;
        const at = now();
        await trx.deleteFrom('referral_contact').where('referral_id', '=', referralId).execute();
        await trx.updateTable('referral_event').set({ reason: null }).where('referral_id', '=', referralId).execute();
        await trx
          .insertInto('referral_event')
          .values({
            referral_id: referralId,
            item_id: null,
            kind: 'anonymised',
            actor_kind: 'system',
            actor_user_id: null,
            reason: null,
            at,
          })
          .execute();
        await trx
          .updateTable('referral')
          .set({ note_for_resident: null, anonymised_at: at })
          .where('id', '=', referralId)
          .execute();
        await appendAudit(trx, {
          actorUserId: null,
          action: 'referral.anonymise',
          subjectKind: 'referral',
          subjectId: referralId,
        });
        return true;
      });
    },

    /** When each answered referral to a service was made and first answered (for its response time). */
    async responseTimes(serviceId: string): Promise<{ createdAt: string; respondedAt: string }[]> {
      const rows = await db
        .selectFrom('referral_item as i')
        .innerJoin('referral as r', 'r.id', 'i.referral_id')
        .select(['r.created_at', 'i.responded_at'])
        .where('i.service_id', '=', serviceId)
        .where('i.responded_at', 'is not', null)
        .execute();
      return rows.map((r) => ({ createdAt: r.created_at, respondedAt: r.responded_at! }));
    },

    /**
     * Every activity ever referred, without anything about a person, with the stages it reached
     * (from its events): the raw material of the reports, which only ever show counts.
     */
    async reportRows(): Promise<
      {
        itemId: string;
        serviceId: string;
        organisationId: string;
        status: ItemStatus;
        createdAt: string;
        respondedAt: string | null;
        reached: EventKind[];
      }[]
    > {
      const [items, events] = await Promise.all([
        db
          .selectFrom('referral_item as i')
          .innerJoin('referral as r', 'r.id', 'i.referral_id')
          .select(['i.id', 'i.referral_id', 'i.service_id', 'i.organisation_id', 'i.status', 'i.responded_at'])
          .select('r.created_at')
          .orderBy('r.created_at')
          .orderBy('i.id')
          .execute(),
        db
          .selectFrom('referral_event')
          .select(['referral_id', 'item_id', 'kind'])
          .where('kind', 'in', ['opened', 'interested', 'accepted', 'attended', 'completed'])
          .distinct()
          .execute(),
      ]);
      const byItem = new Map<string, Set<EventKind>>();
      const byReferral = new Map<string, Set<EventKind>>();
      for (const event of events) {
        const map = event.item_id ? byItem : byReferral;
        const key = event.item_id ?? event.referral_id;
        const set = map.get(key) ?? new Set<EventKind>();
        set.add(event.kind);
        map.set(key, set);
      }
      return items.map((item) => ({
        itemId: item.id,
        serviceId: item.service_id,
        organisationId: item.organisation_id,
        status: item.status,
        createdAt: item.created_at,
        respondedAt: item.responded_at,
        reached: [...new Set([...(byReferral.get(item.referral_id) ?? []), ...(byItem.get(item.id) ?? [])])],
      }));
    },
  };

  const audit = {
    /** Appends an entry. `detail` must hold no personal data: ids, counts and field names only. */
    async append(entry: {
      actorUserId?: string | null;
      action: string;
      subjectKind: string;
      subjectId?: string | null;
      detail?: Record<string, unknown> | null;
    }): Promise<void> {
      await appendAudit(db, entry);
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

  const toMessage = (r: Selectable<PeopleDatabase['outbox']>): OutboxMessage => ({
    id: Number(r.id),
    channel: r.channel,
    template: r.template,
    recipient: r.recipient,
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
          recipient: message.recipient,
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

  const baskets = {
    /** Adds a service to a connector's referral list (once). */
    async add(userId: string, serviceId: string): Promise<void> {
      await db
        .insertInto('referral_basket')
        .values({ user_id: userId, service_id: serviceId, added_at: now() })
        .onConflict((oc) => oc.columns(['user_id', 'service_id']).doNothing())
        .execute();
    },
    async remove(userId: string, serviceId: string): Promise<void> {
      await db
        .deleteFrom('referral_basket')
        .where('user_id', '=', userId)
        .where('service_id', '=', serviceId)
        .execute();
    },
    /** The service ids on a connector's list, in the order they were added. */
    async list(userId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('referral_basket')
        .select('service_id')
        .where('user_id', '=', userId)
        .orderBy('added_at')
        .orderBy('service_id')
        .execute();
      return rows.map((r) => r.service_id);
    },
    /** Empties the list, or takes only `serviceIds` off it; returns how many were removed. */
    async clear(userId: string, serviceIds?: string[]): Promise<number> {
      let query = db.deleteFrom('referral_basket').where('user_id', '=', userId);
      if (serviceIds) {
        if (serviceIds.length === 0) return 0;
        query = query.where('service_id', 'in', serviceIds);
      }
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };

  const memberships = {
    async add(userId: string, organisationId: string): Promise<void> {
      await db
        .insertInto('organisation_membership')
        .values({ user_id: userId, organisation_id: organisationId, role: 'member', created_at: now() })
        .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doNothing())
        .execute();
    },
    async remove(userId: string, organisationId: string): Promise<void> {
      await db
        .deleteFrom('organisation_membership')
        .where('user_id', '=', userId)
        .where('organisation_id', '=', organisationId)
        .execute();
    },
    /** The content organisations (UUIDs) a user belongs to. */
    async organisationsOf(userId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('organisation_membership')
        .select('organisation_id')
        .where('user_id', '=', userId)
        .orderBy('organisation_id')
        .execute();
      return rows.map((r) => r.organisation_id);
    },
    async membersOf(organisationId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('organisation_membership')
        .select('user_id')
        .where('organisation_id', '=', organisationId)
        .orderBy('user_id')
        .execute();
      return rows.map((r) => r.user_id);
    },
  };

  type NewInvitation = {
    tokenHash: string;
    /** Null: the invitee gives their own address on accepting (the first admin only). */
    email: string | null;
    role: Role;
    organisationIds: string[];
    invitedByUserId: string | null;
    expiresAt: Date | string;
  };

  async function insertInvitation(trx: Db, input: NewInvitation): Promise<Invitation> {
    const row = {
      id: randomUUID(),
      token_hash: input.tokenHash,
      email: input.email,
      role: input.role,
      organisation_ids: JSON.stringify(input.organisationIds),
      invited_by_user_id: input.invitedByUserId,
      created_at: now(),
      expires_at: iso(input.expiresAt),
      accepted_at: null,
      accepted_user_id: null,
      revoked_at: null,
    };
    await trx.insertInto('invitation').values(row).execute();
    await appendAudit(trx, {
      actorUserId: input.invitedByUserId,
      action: 'invitation.create',
      subjectKind: 'invitation',
      subjectId: row.id,
      detail: { role: input.role, organisations: input.organisationIds },
    });
    return toInvitation(row);
  }

  const invitations = {
    async create(input: NewInvitation): Promise<Invitation> {
      return inTransaction(db, (trx) => insertInvitation(trx, input));
    },

    /**
     * Creates the invitation only if the store has no account and no pending admin invitation,
     * atomically even when several instances start at once.
     */
    async createIfNoAccounts(input: NewInvitation): Promise<Invitation | undefined> {
      return inTransaction(db, async (trx) => {
        // SQLite's `BEGIN IMMEDIATE` already serialises writers; PostgreSQL needs the lock.
        if (kind === 'postgres') await sql`lock table invitation in exclusive mode`.execute(trx);
        const accounts = await trx
          .selectFrom('user')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        if (Number(accounts.n) > 0) return undefined;
        const pending = await trx
          .selectFrom('invitation')
          .select('id')
          .where('role', '=', 'admin')
          .where('accepted_at', 'is', null)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', now())
          .executeTakeFirst();
        if (pending) return undefined;
        return insertInvitation(trx, input);
      });
    },

    async findByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
      const row = await db.selectFrom('invitation').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toInvitation(row) : undefined;
    },

    /** Invitations not yet accepted, revoked or expired. */
    async listPending(options: { role?: Role } = {}): Promise<Invitation[]> {
      let query = db
        .selectFrom('invitation')
        .selectAll()
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now());
      if (options.role) query = query.where('role', '=', options.role);
      const rows = await query.orderBy('created_at').execute();
      return rows.map(toInvitation);
    },

    /** Marks a pending invitation used; false if it was already used, revoked or has expired. */
    async claim(id: string): Promise<boolean> {
      const at = now();
      const result = await db
        .updateTable('invitation')
        .set({ accepted_at: at })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Gives a claimed invitation back (the account could not be created). */
    async unclaim(id: string): Promise<void> {
      await db
        .updateTable('invitation')
        .set({ accepted_at: null })
        .where('id', '=', id)
        .where('accepted_user_id', 'is', null)
        .execute();
    },

    async complete(id: string, userId: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        await trx.updateTable('invitation').set({ accepted_user_id: userId }).where('id', '=', id).execute();
        await appendAudit(trx, {
          actorUserId: userId,
          action: 'invitation.accept',
          subjectKind: 'invitation',
          subjectId: id,
        });
      });
    },

    async revoke(id: string, actorUserId: string | null): Promise<void> {
      await inTransaction(db, async (trx) => {
        await trx
          .updateTable('invitation')
          .set({ revoked_at: now() })
          .where('id', '=', id)
          .where('accepted_at', 'is', null)
          .execute();
        await appendAudit(trx, { actorUserId, action: 'invitation.revoke', subjectKind: 'invitation', subjectId: id });
      });
    },
  };

  const users = {
    async count(): Promise<number> {
      const row = await db
        .selectFrom('user')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async get(id: string): Promise<PersonAccount | undefined> {
      const row = await db
        .selectFrom('user')
        .select(['id', 'email', 'name', 'role', 'twoFactorEnabled'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { ...row, twoFactorEnabled: Boolean(row.twoFactorEnabled) } : undefined;
    },
    async findByEmail(email: string): Promise<PersonAccount | undefined> {
      const row = await db
        .selectFrom('user')
        .select(['id', 'email', 'name', 'role', 'twoFactorEnabled'])
        .where('email', '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return row ? { ...row, twoFactorEnabled: Boolean(row.twoFactorEnabled) } : undefined;
    },
    /** Accounts with one of these roles (for notifications to editors). */
    async listByRole(roles: Role[]): Promise<PersonAccount[]> {
      if (roles.length === 0) return [];
      const rows = await db
        .selectFrom('user')
        .select(['id', 'email', 'name', 'role', 'twoFactorEnabled'])
        .where('role', 'in', roles)
        .orderBy('email')
        .execute();
      return rows.map((row) => ({ ...row, twoFactorEnabled: Boolean(row.twoFactorEnabled) }));
    },
    /** Every account, by name (for the admins' users page), with its organisations and last sign-in. */
    async list(): Promise<(PersonAccount & { createdAt: string; organisationIds: string[] })[]> {
      const rows = await db
        .selectFrom('user')
        .select(['id', 'email', 'name', 'role', 'twoFactorEnabled', 'createdAt'])
        .orderBy('name')
        .orderBy('email')
        .execute();
      const memberships = await db
        .selectFrom('organisation_membership')
        .select(['user_id', 'organisation_id'])
        .execute();
      return rows.map((row) => ({
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        twoFactorEnabled: Boolean(row.twoFactorEnabled),
        createdAt: new Date(row.createdAt).toISOString(),
        organisationIds: memberships.filter((m) => m.user_id === row.id).map((m) => m.organisation_id),
      }));
    },
    async endSession(sessionId: string): Promise<void> {
      await db.deleteFrom('session').where('id', '=', sessionId).execute();
    },
    /** Ends every session of a user (an admin's "sign out everywhere"); returns how many. */
    async endSessions(userId: string): Promise<number> {
      const result = await db.deleteFrom('session').where('userId', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };

  const rateLimits = {
    /** Whether `key` has used up its window, without counting an attempt. */
    async peek(
      key: string,
      rule: { windowSeconds: number; max: number },
    ): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
      const at = clock();
      const row = await db
        .selectFrom('rate_limit')
        .select(['count', 'window_start'])
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return { allowed: true, retryAfterSeconds: 0 };
      const ends = new Date(row.window_start).getTime() + rule.windowSeconds * 1000;
      if (ends <= at.getTime() || Number(row.count) < rule.max) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((ends - at.getTime()) / 1000)) };
    },

    /**
     * Counts one attempt against `key` in a fixed window, in one atomic statement (so it holds
     * across processes and restarts). Keys must hold no personal data: hash them first.
     */
    async consume(
      key: string,
      rule: { windowSeconds: number; max: number },
    ): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
      const at = clock();
      const nowIso = at.toISOString();
      const cutoff = new Date(at.getTime() - rule.windowSeconds * 1000).toISOString();
      const row = await db
        .insertInto('rate_limit')
        .values({ key, window_start: nowIso, count: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            count: sql<number>`case when rate_limit.window_start <= ${cutoff} then 1 else rate_limit.count + 1 end`,
            window_start: sql<string>`case when rate_limit.window_start <= ${cutoff} then ${nowIso} else rate_limit.window_start end`,
          }),
        )
        .returning(['count', 'window_start'])
        .executeTakeFirstOrThrow();
      const allowed = Number(row.count) <= rule.max;
      const retryAfterSeconds = allowed
        ? 0
        : Math.max(
            1,
            Math.ceil((new Date(row.window_start).getTime() + rule.windowSeconds * 1000 - at.getTime()) / 1000),
          );
      return { allowed, retryAfterSeconds };
    },
  };

  const contentChanges = contentChangeRepository(db, now);
  const feedback = feedbackRepository(db, now);
  const reviewReminders = reviewReminderRepository(db, now);

  return {
    referrals,
    baskets,
    audit,
    outbox,
    memberships,
    invitations,
    users,
    rateLimits,
    contentChanges,
    feedback,
    reviewReminders,
  };
}

export type PeopleRepositories = ReturnType<typeof repositories>;

export interface PeopleStore extends PeopleRepositories {
  readonly kind: StoreKind;
  /** The Kysely instance (shared with better-auth); prefer the repositories. */
  readonly db: Kysely<PeopleDatabase>;
  readonly clock: Clock;
  /** Runs `fn` in one transaction; everything it does through its argument commits or none does. */
  transaction<T>(fn: (tx: PeopleRepositories) => Promise<T>): Promise<T>;
  /** Brings the schema up to date (idempotent); returns the migrations it applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens a store of the given kind without migrating it. */
export function openPeopleStore(options: PeopleStoreOptions): PeopleStore {
  const clock = options.clock ?? (() => new Date());
  let db: Kysely<PeopleDatabase>;
  if (options.kind === 'sqlite') {
    mkdirSync(dirname(options.file), { recursive: true });
    const database = new DatabaseSync(options.file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    database.exec('PRAGMA journal_mode = WAL');
    database.exec('PRAGMA synchronous = FULL');
    database.exec('PRAGMA foreign_keys = ON');
    database.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // Personal data: readable by this user only (SQLite gives its -wal and -shm files the same mode).
    chmodSync(options.file, 0o600);
    db = new Kysely<PeopleDatabase>({ dialect: new NodeSqliteDialect(database) });
  } else {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', (error) => console.error(`People store (PostgreSQL): idle connection failed: ${error.message}`));
    db = new Kysely<PeopleDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  const kind = options.kind;
  return {
    kind,
    db,
    clock,
    ...repositories(db, clock, kind),
    transaction: (fn) => db.transaction().execute((trx) => fn(repositories(trx, clock, kind))),
    migrate: () => migrateToLatest(db as Kysely<unknown>, kind),
    close: () => db.destroy(),
  };
}

/** Where the configuration puts people data: PostgreSQL if `DATABASE_URL` is set, else SQLite in `DATA_DIR`. */
export function peopleStoreOptions(config: Pick<Config, 'dataDir' | 'databaseUrl'>): PeopleStoreOptions {
  return config.databaseUrl
    ? { kind: 'postgres', connectionString: config.databaseUrl }
    : { kind: 'sqlite', file: join(config.dataDir, SQLITE_FILE) };
}

/** The one place the store is chosen: opens it as configured and brings its schema up to date. */
export async function createPeopleStore(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
  options: { clock?: Clock } = {},
): Promise<PeopleStore> {
  const store = openPeopleStore({ ...peopleStoreOptions(config), ...options });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
