/**
 * Referrals, closed loop: what connectors, residents and providers may do, each checked here
 * (who may touch which referral, which status may follow which) and recorded in the people store
 * as an event with its actor and time, in one transaction with the status it brings.
 */
import { createHash } from 'node:crypto';
import type { ReferralService } from '../queries/types.ts';
import { DECLINE_REASONS, type DeclineReason, type ItemStatus, type ReferralStatus } from '../people/schema.ts';
import type { PeopleRepositories, PeopleStore, Referral, ReferralEvent, ReferralItem } from '../people/store.ts';
import { hashToken } from '../people/tokens.ts';
import { newReferralCode, referralTokenHash } from './code.ts';
import type { ReferralRequest } from './form.ts';
import { FOLLOW_UP_WEEKS, type Ons4Scores } from './outcomes.ts';
import { DEFAULT_EXPIRY_DAYS, EXPIRY_CHOICES, parsePrivateLabel } from './form.ts';
import { answerSiteUrl, tellConnectorOfAnswer, tellPartnersOfNewReferral } from './notifications.ts';
import {
  allFinished,
  isExpired,
  isResponse,
  providerTransition,
  referralStatusOf,
  residentTransition,
  type ProviderAction,
  type ResidentAction,
} from './status.ts';

/** Where the activities' details come from (the content store, through a named query). */
export interface ServiceDirectory {
  services(ids: string[]): Promise<ReferralService[]>;
}

/** Someone signed in, as far as referrals care. */
export interface Person {
  userId: string;
  organisationIds: string[];
}

/** A refusal to show the person, in plain English; never holds personal data. */
export class ReferralError extends Error {
  readonly code: 'not-found' | 'not-allowed' | 'invalid' | 'already-made' | 'gone';
  constructor(code: ReferralError['code'], message: string) {
    super(message);
    this.name = 'ReferralError';
    this.code = code;
  }
}

/** Services a connector can still refer to (closed and defunct ones cannot take referrals). */
export const REFERRABLE_STATUSES: readonly ReferralService['status'][] = ['active', 'temporarily-closed'];

/** Why a resident says "not for me" (codes only: never free text, which could hold health details). */
export const NOT_FOR_ME_REASONS = ['too-far', 'times', 'found-other-help', 'not-now', 'other'] as const;
export type NotForMeReason = (typeof NOT_FOR_ME_REASONS)[number];
export const NOT_FOR_ME_LABELS: Record<NotForMeReason, string> = {
  'too-far': 'It is too far or hard to get to',
  times: 'The times do not suit me',
  'found-other-help': 'I have found other help',
  'not-now': 'Not right now',
  other: 'Another reason',
};

export const DECLINE_LABELS: Record<DeclineReason, string> = {
  'not-eligible': 'Not eligible',
  'no-capacity': 'No capacity',
  'could-not-contact': 'Could not contact them',
  'wrong-service': 'Wrong service',
  other: 'Other',
};

/** A decline's note ("other") is short and for the connector: at most this long. */
export const MAX_DECLINE_NOTE = 200;

const DAY_MS = 86_400_000;

/**
 * Makes a referral from a connector's list: the activities must all be on their list (and come
 * off it in the same transaction, so a form sent twice makes one referral) and still take
 * referrals. Each provider's members are told a referral arrived (no detail about the person).
 * Returns the referral and its token: shown once, never stored.
 */
export async function createReferral(
  store: PeopleStore,
  directory: ServiceDirectory,
  input: {
    connector: Person;
    request: ReferralRequest;
    siteUrl: string;
    /** ONS4 answers at referral, given with the resident's consent (recorded in the same transaction). */
    wellbeing?: Ons4Scores;
  },
): Promise<{ referral: Referral; token: string }> {
  const { connector, request } = input;
  const services = await directory.services(request.serviceIds);
  const byId = new Map(services.map((s) => [s._id, s]));
  const items = request.serviceIds.map((id) => {
    const service = byId.get(id);
    if (!service || !REFERRABLE_STATUSES.includes(service.status) || !service.organisation) {
      throw new ReferralError(
        'invalid',
        'One of the activities can no longer take referrals. Remove it and try again.',
      );
    }
    return { serviceId: id, organisationId: service.organisation._id, name: service.name };
  });
  const token = newReferralCode();
  const expiresAt = new Date(store.clock().getTime() + request.expiryDays * DAY_MS);
  const referral = await store.transaction(async (tx) => {
    const removed = await tx.baskets.clear(connector.userId, request.serviceIds);
    if (removed !== request.serviceIds.length) {
      throw new ReferralError('already-made', 'This referral has already been made: find it in your referrals.');
    }
    const created = await tx.referrals.create({
      tokenHash: hashToken(token),
      connectorUserId: connector.userId,
      privateLabel: request.privateLabel,
      noteForResident: request.note,
      expiresAt,
      items: items.map(({ serviceId, organisationId }) => ({ serviceId, organisationId })),
      contact: request.shareContact ? request.contact : undefined,
      consents: { shareContact: request.shareContact, feedback: request.feedbackConsent },
    });
    await tx.outcomes.setFollowUpDue(created.id, new Date(store.clock().getTime() + FOLLOW_UP_WEEKS * 7 * DAY_MS));
    if (input.wellbeing) {
      await tx.outcomes.record({
        referralId: created.id,
        stage: 'baseline',
        scores: input.wellbeing,
        recordedBy: 'connector',
        consentGivenAt: store.clock(),
        actorUserId: connector.userId,
      });
    }
    await tellPartnersOfNewReferral(tx, created, input.siteUrl);
    return created;
  });
  return { referral, token };
}

// ---------------------------------------------------------------------------------------------
// The resident's link

/** Wrong or unknown links from one address, at most this many in the window, then 429. */
export const LINK_MISS_LIMIT = { windowSeconds: 15 * 60, max: 10 };
/** Any link lookups from one address (pages, answers, calendar files), at most this many. */
export const LINK_LOOKUP_LIMIT = { windowSeconds: 15 * 60, max: 300 };

export type LinkLookup =
  | { kind: 'ok'; referral: Referral }
  | { kind: 'gone'; why: 'expired' | 'revoked' }
  | { kind: 'not-found' }
  | { kind: 'rate-limited'; retryAfterSeconds: number };

/** A rate-limit key for a client address: hashed, so no address is stored. */
const addressKey = (prefix: string, address: string) =>
  `${prefix}:${createHash('sha256').update(`signpost-referral-link:${address}`).digest('hex')}`;

/**
 * Finds the referral a link opens, counting the lookup against the client's address: after
 * `LINK_MISS_LIMIT.max` wrong tokens every lookup from that address is refused until the window
 * ends, so guessing gets nowhere (and a code has 130 bits anyway). `token` is a code in any
 * typed form (see `./code.ts`) or an older full token.
 */
export async function lookupLink(store: PeopleStore, token: string, clientAddress: string): Promise<LinkLookup> {
  const missKey = addressKey('referral-link-miss', clientAddress);
  const blocked = await store.rateLimits.peek(missKey, LINK_MISS_LIMIT);
  if (!blocked.allowed) return { kind: 'rate-limited', retryAfterSeconds: blocked.retryAfterSeconds };
  const lookups = await store.rateLimits.consume(addressKey('referral-link', clientAddress), LINK_LOOKUP_LIMIT);
  if (!lookups.allowed) return { kind: 'rate-limited', retryAfterSeconds: lookups.retryAfterSeconds };
  const tokenHash = referralTokenHash(token);
  const referral = tokenHash ? await store.referrals.findByTokenHash(tokenHash) : undefined;
  if (!referral) {
    await store.rateLimits.consume(missKey, LINK_MISS_LIMIT);
    return { kind: 'not-found' };
  }
  if (referral.revokedAt || referral.anonymisedAt) return { kind: 'gone', why: 'revoked' };
  if (isExpired(referral, store.clock())) return { kind: 'gone', why: 'expired' };
  return { kind: 'ok', referral };
}

/** The referral's items after one of them moves to `status`. */
const withItem = (items: readonly ReferralItem[], itemId: string, status: ItemStatus) =>
  items.map((item) => (item.id === itemId ? { ...item, status } : item));

/**
 * Records that the resident opened their link, once (a POST from the page, never the GET).
 * Returns whether this was the first time.
 */
export async function recordOpened(store: PeopleStore, referral: Referral): Promise<boolean> {
  const items = referral.items.map((item) =>
    item.status === 'created' ? { ...item, status: 'opened' as const } : item,
  );
  return store.referrals.markOpened(referral.id, referralStatusOf({ ...referral, items }, store.clock()));
}

/** A resident's answer about one activity of their (valid, unexpired) referral. */
export async function residentAnswer(
  store: PeopleStore,
  referralId: string,
  input: { itemId: string; action: ResidentAction; reason?: string; siteUrl?: string },
): Promise<void> {
  const reason =
    input.action === 'not-for-me' && (NOT_FOR_ME_REASONS as readonly string[]).includes(input.reason ?? '')
      ? input.reason!
      : null;
  await store.transaction(async (tx) => {
    await tx.referrals.lock(referralId);
    let referral = await tx.referrals.get(referralId);
    if (!referral || referral.revokedAt || referral.anonymisedAt || isExpired(referral, store.clock())) {
      throw new ReferralError('gone', 'This link no longer works.');
    }
    // Answering is also opening: record it first if the page's own signal never came.
    if (!(await tx.referrals.events(referralId)).some((e) => e.kind === 'opened')) {
      const opened = referral.items.map((i) => (i.status === 'created' ? { ...i, status: 'opened' as const } : i));
      await tx.referrals.markOpened(referralId, referralStatusOf({ ...referral, items: opened }, store.clock()));
      referral = (await tx.referrals.get(referralId))!;
    }
    const item = referral.items.find((i) => i.id === input.itemId);
    if (!item) throw new ReferralError('not-found', 'That activity is not part of this referral.');
    const next = residentTransition(item.status, input.action);
    if (!next) throw new ReferralError('not-allowed', 'That answer has already been given or no longer applies.');
    const items = withItem(referral.items, item.id, next);
    await tx.referrals.recordEvent({
      referralId,
      itemId: item.id,
      kind: next,
      actorKind: 'resident',
      reason,
      itemStatus: next,
      referralStatus: referralStatusOf({ ...referral, items }, store.clock()),
      close: !referral.closedAt && allFinished(items),
    });
    await tellConnectorOfAnswer(tx, referral, {
      itemId: item.id,
      by: 'resident',
      siteUrl: answerSiteUrl(input.siteUrl),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Providers

/**
 * One referred activity if it belongs to one of the partner's organisations; otherwise not
 * found, exactly as if it did not exist (no hint that another organisation's id is real).
 */
export async function itemForPartner(store: PeopleStore, partner: Person, itemId: string) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(itemId)) return undefined;
  const item = await store.referrals.getItem(itemId);
  if (!item || !partner.organisationIds.includes(item.organisationId)) return undefined;
  return item;
}

/** One-click answers a provider can undo for a few minutes (a slip of the finger). */
export const UNDOABLE_ACTIONS: readonly ProviderAction[] = ['accept', 'attended', 'did-not-engage'];
export const UNDO_WINDOW_MINUTES = 5;

/** The partner's latest answer to an activity that they can still undo now, if there is one. */
export function undoableEvent(
  events: readonly ReferralEvent[],
  item: { id: string; status: ItemStatus },
  partnerUserId: string,
  now: Date,
): ReferralEvent | undefined {
  const latest = events.filter((e) => e.itemId === item.id && !e.undoneAt && e.kind !== 'opened').at(-1);
  if (!latest || latest.actorKind !== 'partner' || latest.actorUserId !== partnerUserId) return undefined;
  if (!latest.previousStatus || latest.kind !== item.status) return undefined;
  return withinUndoWindow(latest, now) ? latest : undefined;
}

const withinUndoWindow = (event: ReferralEvent, now: Date): boolean =>
  now.getTime() - new Date(event.at).getTime() <= UNDO_WINDOW_MINUTES * 60_000;

/** Undoes a provider's one-click answer within the window; after it, refused with a reason. */
export async function undoProviderAnswer(
  store: PeopleStore,
  partner: Person,
  input: { itemId: string; eventId: number },
): Promise<void> {
  const found = await itemForPartner(store, partner, input.itemId);
  if (!found) throw new ReferralError('not-found', 'There is no such referral for your organisation.');
  await store.transaction(async (tx) => {
    await tx.referrals.lock(found.referralId);
    const referral = await tx.referrals.get(found.referralId);
    if (!referral || referral.anonymisedAt) throw new ReferralError('not-found', 'There is no such referral.');
    const item = referral.items.find((i) => i.id === found.id)!;
    const events = await tx.referrals.events(referral.id);
    const event = events.find((e) => e.id === input.eventId && e.itemId === item.id);
    if (!event || event.undoneAt || !event.previousStatus || event.actorUserId !== partner.userId) {
      throw new ReferralError('not-allowed', 'This answer cannot be undone: reload the page to see where it is.');
    }
    if (!withinUndoWindow(event, store.clock())) {
      throw new ReferralError(
        'not-allowed',
        `Answers can be undone only within ${UNDO_WINDOW_MINUTES} minutes. Record what happened since instead.`,
      );
    }
    if (undoableEvent(events, item, partner.userId, store.clock())?.id !== event.id) {
      throw new ReferralError('not-allowed', 'This referral has moved on since, so the answer cannot be undone.');
    }
    const items = withItem(referral.items, item.id, event.previousStatus);
    const undone = await tx.referrals.undoEvent({
      eventId: event.id,
      referralId: referral.id,
      itemId: item.id,
      itemStatus: event.previousStatus,
      referralStatus: referralStatusOf({ ...referral, items }, store.clock()),
      reopen: referral.closedAt === event.at && !allFinished(items),
      clearResponded: item.respondedAt === event.at,
      organisationId: item.organisationId,
      actor: { kind: 'partner', userId: partner.userId },
    });
    if (!undone) throw new ReferralError('not-allowed', 'This answer has already been undone.');
  });
}

/** A provider's answer about an activity referred to one of their organisations. */
export async function providerAnswer(
  store: PeopleStore,
  partner: Person,
  input: { itemId: string; action: ProviderAction; reason?: string; note?: string; siteUrl?: string },
): Promise<void> {
  const found = await itemForPartner(store, partner, input.itemId);
  if (!found) throw new ReferralError('not-found', 'There is no such referral for your organisation.');
  let declineReason: DeclineReason | undefined;
  let note: string | null = null;
  if (input.action === 'decline') {
    if (!(DECLINE_REASONS as readonly string[]).includes(input.reason ?? '')) {
      throw new ReferralError('invalid', 'Choose why you cannot take this referral');
    }
    declineReason = input.reason as DeclineReason;
    note = (input.note ?? '').trim().replace(/\s+/g, ' ') || null;
    if (declineReason === 'other' && !note) throw new ReferralError('invalid', 'Say briefly why, for the connector');
    if (note && note.length > MAX_DECLINE_NOTE) {
      throw new ReferralError('invalid', `Keep the reason to ${MAX_DECLINE_NOTE} characters or fewer`);
    }
  }
  await store.transaction(async (tx) => {
    await tx.referrals.lock(found.referralId);
    const referral = await tx.referrals.get(found.referralId);
    if (!referral || referral.anonymisedAt) throw new ReferralError('not-found', 'There is no such referral.');
    if (referral.revokedAt) {
      throw new ReferralError('gone', 'The connector has withdrawn this referral, so it cannot be changed.');
    }
    const item = referral.items.find((i) => i.id === found.id)!;
    const next = providerTransition(item.status, input.action);
    if (!next)
      throw new ReferralError('not-allowed', 'This referral has moved on: reload the page to see where it is.');
    const items = withItem(referral.items, item.id, next);
    await tx.referrals.recordEvent({
      referralId: referral.id,
      itemId: item.id,
      kind: next,
      actorKind: 'partner',
      actorUserId: partner.userId,
      reason: declineReason ? (note ?? declineReason) : null,
      previousStatus: UNDOABLE_ACTIONS.includes(input.action) ? item.status : null,
      itemStatus: next,
      declineReason,
      responded: !item.respondedAt && isResponse(input.action),
      referralStatus: referralStatusOf({ ...referral, items }, store.clock()),
      close: !referral.closedAt && allFinished(items),
    });
    await tellConnectorOfAnswer(tx, referral, {
      itemId: item.id,
      by: 'provider',
      siteUrl: answerSiteUrl(input.siteUrl),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Connectors

/**
 * A referral the connector made, or one made by their team (the team it was made in, and the
 * connector is in that team now); anyone else's is not found, as if it did not exist.
 */
export async function referralForConnector(
  store: PeopleStore,
  connector: Person,
  referralId: string,
): Promise<Referral | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(referralId)) return undefined;
  const referral = await store.referrals.get(referralId);
  if (!referral) return undefined;
  if (referral.connectorUserId === connector.userId) return referral;
  if (!referral.teamId) return undefined;
  const team = await store.referrals.teamOf(connector.userId);
  return team?.id === referral.teamId ? referral : undefined;
}

/** Changes the private label of a referral the connector (or their team) may follow up. */
export async function relabelReferral(
  store: PeopleStore,
  connector: Person,
  referralId: string,
  label: string | null,
): Promise<void> {
  const referral = await referralForConnector(store, connector, referralId);
  if (!referral) throw new ReferralError('not-found', 'There is no such referral.');
  if (referral.anonymisedAt) throw new ReferralError('gone', 'This referral has been anonymised.');
  const parsed = parsePrivateLabel(label);
  if (!parsed.ok) throw new ReferralError('invalid', parsed.message);
  await store.referrals.setPrivateLabel(referral.id, parsed.value, { kind: 'connector', userId: connector.userId });
}

/** Stops a connector's link working at once. */
export async function revokeReferral(store: PeopleStore, connector: Person, referralId: string): Promise<void> {
  const referral = await referralForConnector(store, connector, referralId);
  if (!referral) throw new ReferralError('not-found', 'There is no such referral.');
  if (referral.anonymisedAt) throw new ReferralError('gone', 'This referral has been anonymised.');
  if (referral.revokedAt) return;
  await store.referrals.revoke(referral.id, { kind: 'connector', userId: connector.userId });
}

/** Gives a connector's referral a new link (the old one stops working); returns the new token. */
export async function reissueReferral(
  store: PeopleStore,
  connector: Person,
  referralId: string,
  expiryDays: number = DEFAULT_EXPIRY_DAYS,
): Promise<{ referral: Referral; token: string }> {
  if (!(EXPIRY_CHOICES as readonly number[]).includes(expiryDays)) {
    throw new ReferralError('invalid', 'Choose how long the link works');
  }
  const referral = await referralForConnector(store, connector, referralId);
  if (!referral) throw new ReferralError('not-found', 'There is no such referral.');
  if (referral.anonymisedAt) throw new ReferralError('gone', 'This referral has been anonymised.');
  const token = newReferralCode();
  const expiresAt = new Date(store.clock().getTime() + expiryDays * DAY_MS);
  const status: ReferralStatus = referralStatusOf(
    { revokedAt: null, expiresAt: expiresAt.toISOString(), items: referral.items },
    store.clock(),
  );
  await store.referrals.reissue(
    referral.id,
    { tokenHash: hashToken(token), expiresAt, status, staysClosed: allFinished(referral.items) },
    { kind: 'connector', userId: connector.userId },
  );
  return { referral: (await store.referrals.get(referral.id))!, token };
}
