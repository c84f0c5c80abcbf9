/**
 * Where a referral and each of its activities stand, and who may move them on.
 *
 * An activity (referral item) moves through `created -> opened -> interested -> accepted ->
 * attended -> completed`, or ends in `not-for-me` (the resident), `declined` or `did-not-engage`
 * (the provider). The referral as a whole shows the furthest point any activity reached, unless
 * its link was revoked, or expired before any provider took the resident on.
 *
 * A referral is closed (its retention period runs) once every activity has finished, or its link
 * has expired or been revoked. A re-issued link opens it again.
 */
import type { ItemStatus, ReferralStatus } from '../people/schema.ts';

/** The resident's answers on the link page. */
export const RESIDENT_ACTIONS = ['interested', 'went', 'not-for-me'] as const;
export type ResidentAction = (typeof RESIDENT_ACTIONS)[number];

/** The provider's answers. */
export const PROVIDER_ACTIONS = ['accept', 'decline', 'attended', 'completed', 'did-not-engage'] as const;
export type ProviderAction = (typeof PROVIDER_ACTIONS)[number];

/** Statuses an activity does not move on from (by the same kind of actor, at least). */
export const FINAL_ITEM_STATUSES: readonly ItemStatus[] = ['not-for-me', 'declined', 'completed', 'did-not-engage'];

/** Progress, in order: the referral shows the furthest an activity reached. */
const PROGRESS: readonly ItemStatus[] = ['created', 'opened', 'interested', 'accepted', 'attended', 'completed'];

interface Transition {
  to: ItemStatus;
  from: readonly ItemStatus[];
}

const RESIDENT: Record<ResidentAction, Transition> = {
  // A resident may change their mind after "not for me".
  interested: { to: 'interested', from: ['created', 'opened', 'not-for-me'] },
  went: { to: 'attended', from: ['created', 'opened', 'interested', 'accepted'] },
  'not-for-me': { to: 'not-for-me', from: ['created', 'opened', 'interested', 'accepted'] },
};

const PROVIDER: Record<ProviderAction, Transition> = {
  accept: { to: 'accepted', from: ['created', 'opened', 'interested'] },
  decline: { to: 'declined', from: ['created', 'opened', 'interested', 'accepted'] },
  attended: { to: 'attended', from: ['opened', 'interested', 'accepted'] },
  completed: { to: 'completed', from: ['accepted', 'attended'] },
  'did-not-engage': { to: 'did-not-engage', from: ['opened', 'interested', 'accepted', 'attended'] },
};

/** The status a resident's answer moves an activity to, or undefined if it cannot from `current`. */
export function residentTransition(current: ItemStatus, action: ResidentAction): ItemStatus | undefined {
  const rule = RESIDENT[action];
  return rule.from.includes(current) ? rule.to : undefined;
}

/** The status a provider's answer moves an activity to, or undefined if it cannot from `current`. */
export function providerTransition(current: ItemStatus, action: ProviderAction): ItemStatus | undefined {
  const rule = PROVIDER[action];
  return rule.from.includes(current) ? rule.to : undefined;
}

/** The provider's answers open to an activity in `current`, in the order a page offers them. */
export function providerActionsFrom(current: ItemStatus): ProviderAction[] {
  return PROVIDER_ACTIONS.filter((action) => PROVIDER[action].from.includes(current));
}

/** The resident's answers open to an activity in `current`. */
export function residentActionsFrom(current: ItemStatus): ResidentAction[] {
  return RESIDENT_ACTIONS.filter((action) => RESIDENT[action].from.includes(current));
}

/** Whether a provider action is the first answer to an activity (its response time). */
export const isResponse = (action: ProviderAction): boolean => action !== 'completed';

export interface ReferralState {
  revokedAt: string | null;
  expiresAt: string;
  items: readonly { status: ItemStatus }[];
}

export const isExpired = (referral: Pick<ReferralState, 'expiresAt'>, now: Date): boolean =>
  new Date(referral.expiresAt).getTime() <= now.getTime();

/** The furthest point any activity reached; the worst outcome if every one has ended badly. */
export function progressOf(items: readonly { status: ItemStatus }[]): ReferralStatus {
  let best = -1;
  for (const item of items) best = Math.max(best, PROGRESS.indexOf(item.status));
  if (best >= 0) return PROGRESS[best] as ReferralStatus;
  if (items.some((item) => item.status === 'did-not-engage')) return 'did-not-engage';
  return 'declined';
}

/** The status the referral as a whole shows. */
export function referralStatusOf(referral: ReferralState, now: Date): ReferralStatus {
  if (referral.revokedAt) return 'revoked';
  const progress = progressOf(referral.items);
  const takenOn = PROGRESS.indexOf(progress as ItemStatus) >= PROGRESS.indexOf('accepted');
  if (isExpired(referral, now) && !takenOn && !['declined', 'did-not-engage'].includes(progress)) return 'expired';
  return progress;
}

/** Whether every activity has finished (the referral closes). */
export const allFinished = (items: readonly { status: ItemStatus }[]): boolean =>
  items.length > 0 && items.every((item) => FINAL_ITEM_STATUSES.includes(item.status));

/** Whether the referral is closed: everything finished, or its link expired or revoked. */
export function isClosed(referral: ReferralState, now: Date): boolean {
  return Boolean(referral.revokedAt) || isExpired(referral, now) || allFinished(referral.items);
}

/** Plain words for each status, as the connector and provider pages show them. */
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  created: 'Not opened yet',
  opened: 'Opened',
  interested: 'Interested',
  'not-for-me': 'Not for them',
  accepted: 'Accepted',
  declined: 'Declined',
  attended: 'Attended',
  completed: 'Completed',
  'did-not-engage': 'Did not engage',
};

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  created: 'Not opened yet',
  opened: 'Opened',
  interested: 'Interested',
  accepted: 'Accepted',
  declined: 'Declined',
  attended: 'Attended',
  completed: 'Completed',
  'did-not-engage': 'Did not engage',
  expired: 'Link expired',
  revoked: 'Link revoked',
};

/** NHS.UK tag colours for statuses. */
export const STATUS_TAG: Record<ReferralStatus | ItemStatus, string> = {
  created: 'nhsuk-tag--grey',
  opened: 'nhsuk-tag--blue',
  interested: 'nhsuk-tag--aqua-green',
  'not-for-me': 'nhsuk-tag--grey',
  accepted: 'nhsuk-tag--green',
  declined: 'nhsuk-tag--orange',
  attended: 'nhsuk-tag--green',
  completed: 'nhsuk-tag--green',
  'did-not-engage': 'nhsuk-tag--orange',
  expired: 'nhsuk-tag--grey',
  revoked: 'nhsuk-tag--red',
};

/** What each event says in a timeline. */
export const EVENT_LABELS: Record<import('../people/schema.ts').EventKind, string> = {
  created: 'Referral made',
  opened: 'Link opened',
  interested: 'Said they are interested',
  'not-for-me': 'Said it is not for them',
  accepted: 'Accepted',
  declined: 'Declined',
  attended: 'Went',
  completed: 'Completed',
  'did-not-engage': 'Did not engage',
  expired: 'Link expired',
  revoked: 'Link revoked',
  reissued: 'New link made (the old one stopped working)',
  reminded: 'Provider reminded: no answer after 5 working days',
  escalated: 'Escalated to editors: no answer after 10 working days',
  anonymised: 'Personal details removed (retention period over)',
};

/** How an activity's status counts in a summary, in the order the summary lists them. */
const SUMMARY_GROUPS: readonly { words: string; statuses: readonly ItemStatus[] }[] = [
  { words: 'completed', statuses: ['completed'] },
  { words: 'attended', statuses: ['attended'] },
  { words: 'accepted', statuses: ['accepted'] },
  { words: 'waiting', statuses: ['created', 'opened', 'interested'] },
  { words: 'not for them', statuses: ['not-for-me'] },
  { words: 'declined', statuses: ['declined'] },
  { words: 'did not engage', statuses: ['did-not-engage'] },
];

/**
 * Where all of a referral's activities stand, in words that read true across them:
 * "1 of 3 accepted, 1 waiting, 1 not for them". A single activity reads "Accepted".
 */
export function statusSummary(items: readonly { status: ItemStatus }[]): string {
  if (items.length === 0) return 'No activities';
  if (items.length === 1) return ITEM_STATUS_LABELS[items[0]!.status];
  const parts: string[] = [];
  for (const group of SUMMARY_GROUPS) {
    const count = items.filter((item) => group.statuses.includes(item.status)).length;
    if (count === 0) continue;
    parts.push(parts.length === 0 ? `${count} of ${items.length} ${group.words}` : `${count} ${group.words}`);
  }
  return parts.join(', ');
}
