/**
 * Referrals and their events: the connector's referral, its activities (one per service), the resident's
 * consents and contact details, and the events that move each activity on.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit, inTransaction, iso, StoreError, type Db, type RepoContext } from './repository.ts';
import type { FieldCipher } from '../security/encryption.ts';
import type {
  ActorKind,
  ConsentKind,
  ContactRoute,
  DeclineReason,
  EventKind,
  ItemStatus,
  PeopleDatabase,
  ReferralStatus,
} from './schema.ts';

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
  /** The connector's team when it was made (its members see and follow it up). */
  teamId: string | null;
  /** The connector's private label, opened: for the connector and their team only. */
  privateLabel: string | null;
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
/** A connectors' team as residents and providers see it: its name and shared contact. */
export interface TeamContact {
  id: string;
  name: string;
  contactEmail: string | null;
  contactPhone: string | null;
}

export interface OrganisationReferralItem extends ReferralItem {
  referralCreatedAt: string;
  referralExpiresAt: string;
  referralRevokedAt: string | null;
  referralStatus: ReferralStatus;
  hasContact: boolean;
  /** Who referred (the connector's name) and their team's name, for the provider's list. */
  connectorName?: string | null;
  teamName?: string | null;
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
  /** The activity's status before this answer, kept for answers that can be undone. */
  previousStatus: ItemStatus | null;
  /** When the answer was undone (the activity went back to `previousStatus`). */
  undoneAt: string | null;
}

export interface NewReferral {
  tokenHash: string;
  connectorUserId: string;
  /** The connector's private label (initials, a case reference); stored sealed. */
  privateLabel?: string | null;
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
  /** The item's status before this answer, for an answer that can be undone. */
  previousStatus?: ItemStatus | null;
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
  previous_status?: ItemStatus | null;
  undone_at?: string | null;
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
    previousStatus: row.previous_status ?? null,
    undoneAt: row.undone_at ?? null,
  };
}

async function loadReferrals(trx: Db, ids: string[], cipher: FieldCipher): Promise<Referral[]> {
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
        teamId: r.team_id,
        privateLabel: r.private_label ? cipher.open(r.private_label) : null,
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

export function referralRepository(db: Db, ctx: RepoContext) {
  const { now, kind, cipher } = ctx;
  /** Referrals whose `column` is `value`, newest first. */
  async function listWhere(
    column: 'connector_user_id' | 'team_id',
    value: string,
    options: { limit?: number; offset?: number },
  ): Promise<Referral[]> {
    const rows = await db
      .selectFrom('referral')
      .select('id')
      .where(column, '=', value)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(options.limit ?? 50)
      .offset(options.offset ?? 0)
      .execute();
    return loadReferrals(
      db,
      rows.map((r) => r.id),
      ctx.cipher,
    );
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
      const label = input.privateLabel?.trim();
      await inTransaction(db, async (trx) => {
        const connector = await trx
          .selectFrom('user')
          .select('team_id')
          .where('id', '=', input.connectorUserId)
          .executeTakeFirst();
        await trx
          .insertInto('referral')
          .values({
            id,
            token_hash: input.tokenHash,
            connector_user_id: input.connectorUserId,
            team_id: connector?.team_id ?? null,
            private_label: label ? ctx.cipher.seal(label) : null,
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
              name: cipher.seal(input.contact.name),
              contact_route: input.contact.route,
              contact_value: cipher.seal(input.contact.value),
              outward_postcode: input.contact.outwardPostcode ? cipher.seal(input.contact.outwardPostcode) : null,
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
        await appendAudit(trx, now, {
          actorUserId: input.connectorUserId,
          action: 'referral.create',
          subjectKind: 'referral',
          subjectId: id,
          referralId: id,
          detail: { items: input.items.length, contact: Boolean(input.contact), consents },
        });
      });
      const [created] = await loadReferrals(db, [id], ctx.cipher);
      return created!;
    },

    async get(id: string): Promise<Referral | undefined> {
      return (await loadReferrals(db, [id], ctx.cipher))[0];
    },

    /** The referral a link's token hash opens, whatever its state (the caller checks expiry and revocation). */
    async findByTokenHash(tokenHash: string): Promise<Referral | undefined> {
      const row = await db.selectFrom('referral').select('id').where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? (await loadReferrals(db, [row.id], ctx.cipher))[0] : undefined;
    },

    /** A connector's own referrals, newest first. */
    listForConnector(connectorUserId: string, options: { limit?: number; offset?: number } = {}): Promise<Referral[]> {
      return listWhere('connector_user_id', connectorUserId, options);
    },

    /** The referrals made by a team's connectors (the team id they had at the time), newest first. */
    listForTeam(teamId: string, options: { limit?: number; offset?: number } = {}): Promise<Referral[]> {
      return listWhere('team_id', teamId, options);
    },

    /** A connector's team (id, name and shared contact), or undefined if they have none. */
    async teamOf(userId: string): Promise<TeamContact | undefined> {
      const row = await db.selectFrom('user').select('team_id').where('id', '=', userId).executeTakeFirst();
      return row?.team_id ? referrals.team(row.team_id) : undefined;
    },

    /** A team's name and shared contact (for the resident's page), or undefined. */
    async team(teamId: string): Promise<TeamContact | undefined> {
      const row = await db
        .selectFrom('team')
        .select(['id', 'name', 'contact_email', 'contact_phone'])
        .where('id', '=', teamId)
        .executeTakeFirst();
      return row
        ? { id: row.id, name: row.name, contactEmail: row.contact_email, contactPhone: row.contact_phone }
        : undefined;
    },

    /** Names of these users (who made a referral, who answered), by id. */
    async userNames(userIds: string[]): Promise<Map<string, string>> {
      const ids = [...new Set(userIds)];
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('user').select(['id', 'name']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** Changes (or clears) a referral's private label; audited with ids only. */
    async setPrivateLabel(referralId: string, label: string | null, actor: Actor): Promise<void> {
      const trimmed = label?.trim();
      await inTransaction(db, async (trx) => {
        const updated = await trx
          .updateTable('referral')
          .set({ private_label: trimmed ? ctx.cipher.seal(trimmed) : null })
          .where('id', '=', referralId)
          .where('anonymised_at', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new StoreError('There is no such referral.');
        await appendAudit(trx, now, {
          actorUserId: actor.userId ?? null,
          action: 'referral.label',
          subjectKind: 'referral',
          subjectId: referralId,
          referralId,
        });
      });
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
        .leftJoin('user as u', 'u.id', 'r.connector_user_id')
        .leftJoin('team as t', 't.id', 'r.team_id')
        .selectAll('i')
        .select([
          'r.created_at as referral_created_at',
          'r.expires_at as referral_expires_at',
          'r.revoked_at as referral_revoked_at',
          'r.status as referral_status',
          'c.referral_id as contact_referral_id',
          'u.name as connector_name',
          't.name as team_name',
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
        connectorName: row.connector_name,
        teamName: row.team_name,
      }));
    },

    /**
     * A referral's contact details for the provider of one of its activities, only where the
     * resident consented, the referral is not revoked (revoking withdraws them) and the item
     * belongs to one of `organisationIds`. Every read is audited
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
          .innerJoin('referral as r', 'r.id', 'i.referral_id')
          .innerJoin('referral_contact as c', 'c.referral_id', 'i.referral_id')
          .innerJoin('referral_consent as k', (join) =>
            join
              .onRef('k.referral_id', '=', 'i.referral_id')
              .on('k.kind', '=', 'share-contact')
              .on('k.withdrawn_at', 'is', null),
          )
          .select([
            'i.referral_id',
            'i.organisation_id',
            'c.name',
            'c.contact_route',
            'c.contact_value',
            'c.outward_postcode',
            'c.consent_given_at',
          ])
          .where('i.id', '=', input.itemId)
          .where('i.organisation_id', 'in', input.organisationIds)
          .where('r.revoked_at', 'is', null)
          .executeTakeFirst();
        if (!row) return undefined;
        await appendAudit(trx, now, {
          actorUserId: input.actorUserId,
          action: 'referral.contact.read',
          subjectKind: 'referral_item',
          subjectId: input.itemId,
          organisationId: row.organisation_id,
          referralId: row.referral_id,
          detail: { referralId: row.referral_id },
        });
        return {
          name: cipher.open(row.name),
          route: row.contact_route,
          value: cipher.open(row.contact_value),
          outwardPostcode: row.outward_postcode === null ? null : cipher.open(row.outward_postcode),
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
            previous_status: input.previousStatus ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toEvent(event);
      });
    },

    /**
     * Undoes an answer: marks its event undone, puts the activity back to `itemStatus` and the
     * referral to `referralStatus`, reopens it and clears the response time if the answer set
     * them, and audits it. False if the event was already undone.
     */
    async undoEvent(input: {
      eventId: number;
      referralId: string;
      itemId: string;
      itemStatus: ItemStatus;
      referralStatus: ReferralStatus;
      reopen: boolean;
      clearResponded: boolean;
      organisationId: string;
      actor: Actor;
    }): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const marked = await trx
          .updateTable('referral_event')
          .set({ undone_at: now() })
          .where('id', '=', input.eventId)
          .where('referral_id', '=', input.referralId)
          .where('item_id', '=', input.itemId)
          .where('undone_at', 'is', null)
          .executeTakeFirst();
        if (Number(marked.numUpdatedRows) === 0) return false;
        const itemChanges: Partial<PeopleDatabase['referral_item']> = { status: input.itemStatus };
        if (input.clearResponded) itemChanges.responded_at = null;
        await trx.updateTable('referral_item').set(itemChanges).where('id', '=', input.itemId).execute();
        const referralChanges: Partial<PeopleDatabase['referral']> = { status: input.referralStatus };
        if (input.reopen) referralChanges.closed_at = null;
        await trx.updateTable('referral').set(referralChanges).where('id', '=', input.referralId).execute();
        await appendAudit(trx, now, {
          actorUserId: input.actor.userId ?? null,
          action: 'referral.undo',
          subjectKind: 'referral_item',
          subjectId: input.itemId,
          organisationId: input.organisationId,
          referralId: input.referralId,
          detail: { eventId: input.eventId },
        });
        return true;
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
        await referralRepository(trx, ctx).recordEvent({
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
        await referralRepository(trx, ctx).recordEvent({
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
        await referralRepository(trx, ctx).lock(referralId);
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
        await referralRepository(trx, ctx).recordEvent({
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
        await referralRepository(trx, ctx).lock(referralId);
        const row = await trx
          .selectFrom('referral')
          .select(['closed_at', 'expires_at', 'anonymised_at'])
          .where('id', '=', referralId)
          .executeTakeFirst();
        if (!row || row.closed_at || row.anonymised_at || row.expires_at > now()) return false;
        await referralRepository(trx, ctx).recordEvent({
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
        await referralRepository(trx, ctx).lock(referralId);
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
          .set({ note_for_resident: null, private_label: null, anonymised_at: at })
          .where('id', '=', referralId)
          .execute();
        await appendAudit(trx, now, {
          actorUserId: null,
          action: 'referral.anonymise',
          subjectKind: 'referral',
          subjectId: referralId,
          referralId,
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
  return referrals;
}
