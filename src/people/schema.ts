/**
 * The people-data schema as Kysely sees it: better-auth's tables (camelCase, as better-auth names
 * them; only the columns Signpost reads are typed) and Signpost's own (snake_case).
 *
 * Signpost's timestamps are ISO 8601 strings in UTC (`2026-01-31T09:00:00.000Z`) on both stores,
 * so the same queries compare and group them the same way on SQLite and PostgreSQL. better-auth's
 * own timestamps are native `timestamptz` on PostgreSQL and ISO text on SQLite.
 */
import type { Generated } from 'kysely';

export const ROLES = ['connector', 'partner', 'editor', 'admin', 'commissioner'] as const;
export type Role = (typeof ROLES)[number];

/** Where a referral as a whole stands (the furthest point any of its activities reached). */
export const REFERRAL_STATUSES = [
  'created',
  'opened',
  'interested',
  'accepted',
  'declined',
  'attended',
  'completed',
  'did-not-engage',
  'expired',
  'revoked',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Where one activity of a referral stands; "not-for-me" is the resident's answer. */
export const ITEM_STATUSES = [
  'created',
  'opened',
  'interested',
  'not-for-me',
  'accepted',
  'declined',
  'attended',
  'completed',
  'did-not-engage',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const DECLINE_REASONS = ['not-eligible', 'no-capacity', 'could-not-contact', 'wrong-service', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const EVENT_KINDS = [
  ...ITEM_STATUSES,
  'expired',
  'revoked',
  'reissued',
  'reminded',
  'escalated',
  'anonymised',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const ACTOR_KINDS = ['connector', 'resident', 'partner', 'editor', 'admin', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const CONTACT_ROUTES = ['phone', 'text', 'email'] as const;
export type ContactRoute = (typeof CONTACT_ROUTES)[number];

export const CONSENT_KINDS = ['share-contact', 'feedback'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const OUTBOX_CHANNELS = ['email', 'sms'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export const NOTIFICATION_FREQUENCIES = ['immediate', 'daily'] as const;
export type NotificationFrequency = (typeof NOTIFICATION_FREQUENCIES)[number];

export const TEAM_KINDS = ['neighbourhood', 'pcn'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const OUTCOME_STAGES = ['baseline', 'follow-up'] as const;
export type OutcomeStage = (typeof OUTCOME_STAGES)[number];

type AuthDate = string | Date;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: number | boolean;
  image: string | null;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  twoFactorEnabled: number | boolean | null;
  role: Role;
  /** The connector's team (neighbourhood team or primary care network). */
  team_id: string | null;
  /** Set when an admin deactivates a leaver: sign-in refused, sessions ended. */
  deactivated_at: string | null;
  notification_frequency: Generated<NotificationFrequency>;
}

export interface SessionTable {
  id: string;
  token: string;
  userId: string;
  expiresAt: AuthDate;
  createdAt: AuthDate;
  updatedAt: AuthDate;
  ipAddress: string | null;
  userAgent: string | null;
}

export interface ReferralTable {
  id: string;
  token_hash: string;
  connector_user_id: string;
  note_for_resident: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  status: ReferralStatus;
  closed_at: string | null;
  anonymised_at: string | null;
  /** The connector's team when the referral was made; the team sees and follows it up. */
  team_id: string | null;
  /** The connector's private label (initials, a case reference), encrypted; never shown to providers. */
  private_label: string | null;
  /** When the connector is reminded to follow up (and ask the wellbeing questions again). */
  follow_up_due_at: string | null;
  follow_up_reminded_at: string | null;
}

export interface ReferralItemTable {
  id: string;
  referral_id: string;
  position: number;
  service_id: string;
  organisation_id: string;
  status: ItemStatus;
  decline_reason: DeclineReason | null;
  responded_at: string | null;
  /** When the organisation's members were reminded (5 working days unanswered). */
  reminded_at: string | null;
  /** When it was escalated to editors (10 working days unanswered). */
  escalated_at: string | null;
}

/** A connector's referral being put together: service ids only. */
export interface ReferralBasketTable {
  user_id: string;
  service_id: string;
  added_at: string;
}

export interface ReferralContactTable {
  referral_id: string;
  name: string;
  contact_route: ContactRoute;
  contact_value: string;
  outward_postcode: string | null;
  consent_given_at: string;
}

export interface ReferralConsentTable {
  referral_id: string;
  kind: ConsentKind;
  given_at: string;
  withdrawn_at: string | null;
}

export interface ReferralEventTable {
  id: Generated<number>;
  referral_id: string;
  item_id: string | null;
  kind: EventKind;
  actor_kind: ActorKind;
  actor_user_id: string | null;
  reason: string | null;
  at: string;
  /** The activity's status before this event, so a one-click answer can be undone. */
  previous_status: ItemStatus | null;
  undone_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: string | null;
  action: string;
  subject_kind: string;
  subject_id: string | null;
  /** Set where the entry concerns an organisation or a referral, so the audit page can filter by them. */
  organisation_id: Generated<string | null>;
  referral_id: Generated<string | null>;
  /** JSON without personal data: ids, counts, field names. */
  detail: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: OutboxChannel;
  template: string;
  recipient: string;
  /** JSON. */
  payload: string;
  created_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  claimed_until: string | null;
  claim_token: string | null;
}

export interface OrganisationMembershipTable {
  user_id: string;
  /** The content organisation's UUID. */
  organisation_id: string;
  role: 'member';
  created_at: string;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  /** Null: the invitee gives their own address on accepting (the first admin's invitation). */
  email: string | null;
  role: Role;
  /** JSON array of content organisation UUIDs (partners only). */
  organisation_ids: string;
  invited_by_user_id: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_user_id: string | null;
  revoked_at: string | null;
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

/** What a change request is: an edit of a listing, a new one, or a live field published at once. */
export const CHANGE_KINDS = ['edit', 'new', 'live'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Where a change request stands. */
export const CHANGE_STATUSES = ['pending', 'published', 'returned', 'superseded'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export interface ContentChangeTable {
  id: string;
  document_id: string;
  document_type: string;
  organisation_id: string;
  kind: ChangeKind;
  status: ChangeStatus;
  /** JSON: the field paths it changes. */
  fields: string;
  /** JSON: what an editor must check before it publishes (a phone number, crisis words). */
  flags: string;
  base_rev: string | null;
  submitted_by: string;
  submitted_at: string;
  decided_by: string | null;
  decided_at: string | null;
  message: string | null;
}

export interface ContentVersionTable {
  id: Generated<number>;
  document_id: string;
  rev: string;
  at: string;
  actor_user_id: string | null;
  change_id: string | null;
  action: string;
  /** JSON: the published document as it was. */
  snapshot: string;
}

/** What a member of the public sent: a problem with a listing, or a listing we should add. */
export const FEEDBACK_KINDS = ['problem', 'suggestion'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Why a listing was reported (the reasons on the "Report a problem" form). */
export const PROBLEM_REASONS = ['out-of-date', 'closed', 'wrong-details', 'other'] as const;
export type ProblemReason = (typeof PROBLEM_REASONS)[number];

export const FEEDBACK_STATUSES = ['open', 'resolved'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export interface FeedbackReportTable {
  id: string;
  kind: FeedbackKind;
  /** The reported service (problems only). */
  service_id: string | null;
  /** The reported service's organisation when reported: whose partners see it. */
  organisation_id: string | null;
  reason: ProblemReason | null;
  /** A suggestion's name of the service or group. */
  listing_name: string | null;
  message: string | null;
  status: FeedbackStatus;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

/** A reporter's email, held only when they agreed to be contacted about the report. */
export interface FeedbackContactTable {
  report_id: string;
  email: string;
  agreed_at: string;
}

/** One answer to "Is this page useful?" (a path only, never a query string). */
export interface PageRatingTable {
  id: string;
  path: string;
  useful: 'yes' | 'no';
  comment: string | null;
  created_at: string;
}

/** A review reminder sent for a listing's "checked on" date and stage (each once). */
export interface ListingReviewReminderTable {
  service_id: string;
  /** The "checked on" date the reminder was about (YYYY-MM-DD). */
  verified_on: string;
  stage: 'due-soon' | 'due' | 'overdue';
  organisation_id: string;
  sent_at: string;
  /** How many members it was sent to. */
  recipients: Generated<number>;
}

export interface TeamTable {
  id: string;
  name: string;
  kind: TeamKind;
  /** The area (borough or district slug from content) the team covers. */
  area_slug: string;
  /** The team's shared inbox and phone, shown to residents instead of a connector's own. */
  contact_email: string | null;
  contact_phone: string | null;
  created_at: string;
  archived_at: string | null;
}

/** Something waiting for a person's daily digest (or already sent in one). */
export interface NotificationPendingTable {
  id: string;
  user_id: string;
  kind: string;
  referral_id: string | null;
  item_id: string | null;
  created_at: string;
  digested_at: string | null;
}

/** One set of ONS4 personal wellbeing answers (0-10 each), given with consent. */
export interface OutcomeMeasureTable {
  id: string;
  referral_id: string;
  stage: OutcomeStage;
  life_satisfaction: number;
  worthwhile: number;
  happiness: number;
  anxiety: number;
  recorded_by: 'connector' | 'resident';
  recorded_at: string;
  consent_given_at: string;
}

export interface PeopleDatabase {
  user: UserTable;
  session: SessionTable;
  referral: ReferralTable;
  referral_item: ReferralItemTable;
  referral_basket: ReferralBasketTable;
  referral_contact: ReferralContactTable;
  referral_consent: ReferralConsentTable;
  referral_event: ReferralEventTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  organisation_membership: OrganisationMembershipTable;
  invitation: InvitationTable;
  rate_limit: RateLimitTable;
  content_change: ContentChangeTable;
  content_version: ContentVersionTable;
  feedback_report: FeedbackReportTable;
  feedback_contact: FeedbackContactTable;
  page_rating: PageRatingTable;
  listing_review_reminder: ListingReviewReminderTable;
  team: TeamTable;
  notification_pending: NotificationPendingTable;
  outcome_measure: OutcomeMeasureTable;
}
