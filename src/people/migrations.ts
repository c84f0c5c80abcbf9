/**
 * The people store's versioned migrations: one list, run by Kysely's Migrator on both SQLite and
 * PostgreSQL. Migrations are append-only: never edit one that has shipped, add the next.
 *
 * better-auth's tables are created here too, with the exact columns and types better-auth's own
 * generator (`getMigrations` from `better-auth/db/migration`) produces for the plugins Signpost
 * enables, so there is one migration path. A test runs that generator against a migrated store
 * and fails if better-auth would still create or add anything (for example after an upgrade
 * that adds a column): then write the next migration here.
 */
import {
  Migrator,
  sql,
  type ColumnDefinitionBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from 'kysely';

export type StoreKind = 'sqlite' | 'postgres';

/** The names Kysely's Migrator keeps its bookkeeping under. */
export const MIGRATION_TABLE = 'people_migration';
export const MIGRATION_LOCK_TABLE = 'people_migration_lock';

function types(kind: StoreKind) {
  const postgres = kind === 'postgres';
  return {
    /** better-auth's date columns. */
    authDate: postgres ? sql`timestamptz` : sql`date`,
    /** better-auth's boolean columns. */
    authBool: postgres ? sql`boolean` : sql`integer`,
    /** An auto-incrementing integer key. */
    serial: postgres ? sql`serial` : sql`integer`,
    postgres,
  };
}

function accounts(kind: StoreKind): Migration {
  const t = types(kind);
  // better-auth's generator gives PostgreSQL's creation timestamps a default; mirror it.
  const createdNow = (c: ColumnDefinitionBuilder) => (t.postgres ? c.defaultTo(sql`CURRENT_TIMESTAMP`) : c);
  return {
    async up(db: Kysely<unknown>) {
      // better-auth core (emailAndPassword), the `role` field, twoFactor and rate limits.
      await db.schema
        .createTable('user')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('emailVerified', t.authBool, (c) => c.notNull())
        .addColumn('image', 'text')
        .addColumn('createdAt', t.authDate, (c) => createdNow(c.notNull()))
        .addColumn('updatedAt', t.authDate, (c) => createdNow(c.notNull()))
        .addColumn('twoFactorEnabled', t.authBool)
        .addColumn('role', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('session')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('expiresAt', t.authDate, (c) => c.notNull())
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('createdAt', t.authDate, (c) => createdNow(c.notNull()))
        .addColumn('updatedAt', t.authDate, (c) => c.notNull())
        .addColumn('ipAddress', 'text')
        .addColumn('userAgent', 'text')
        .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
        .execute();
      await db.schema
        .createTable('account')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('accountId', 'text', (c) => c.notNull())
        .addColumn('providerId', 'text', (c) => c.notNull())
        .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
        .addColumn('accessToken', 'text')
        .addColumn('refreshToken', 'text')
        .addColumn('idToken', 'text')
        .addColumn('accessTokenExpiresAt', t.authDate)
        .addColumn('refreshTokenExpiresAt', t.authDate)
        .addColumn('scope', 'text')
        .addColumn('password', 'text')
        .addColumn('createdAt', t.authDate, (c) => createdNow(c.notNull()))
        .addColumn('updatedAt', t.authDate, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('verification')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('expiresAt', t.authDate, (c) => c.notNull())
        .addColumn('createdAt', t.authDate, (c) => createdNow(c.notNull()))
        .addColumn('updatedAt', t.authDate, (c) => createdNow(c.notNull()))
        .execute();
      await db.schema
        .createTable('twoFactor')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('backupCodes', 'text', (c) => c.notNull())
        .addColumn('userId', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
        .addColumn('verified', t.authBool)
        .addColumn('failedVerificationCount', 'integer')
        .addColumn('lockedUntil', t.authDate)
        .execute();
      await db.schema
        .createTable('rateLimit')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('lastRequest', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('session_userId_idx').on('session').column('userId').execute();
      await db.schema.createIndex('account_userId_idx').on('account').column('userId').execute();
      await db.schema.createIndex('verification_identifier_idx').on('verification').column('identifier').execute();
      await db.schema.createIndex('twoFactor_secret_idx').on('twoFactor').column('secret').execute();
      await db.schema.createIndex('twoFactor_userId_idx').on('twoFactor').column('userId').execute();

      // Signpost's account tables.
      await db.schema
        .createTable('organisation_membership')
        .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('organisation_membership_pk', ['user_id', 'organisation_id'])
        .execute();
      await db.schema
        .createIndex('organisation_membership_organisation_idx')
        .on('organisation_membership')
        .column('organisation_id')
        .execute();
      await db.schema
        .createTable('invitation')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organisation_ids', 'text', (c) => c.notNull())
        .addColumn('invited_by_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .addColumn('accepted_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('invitation_email_idx').on('invitation').column('email').execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', t.serial, (c) => (t.postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema
        .createIndex('audit_log_subject_idx')
        .on('audit_log')
        .columns(['subject_kind', 'subject_id'])
        .execute();
      await db.schema
        .createTable('outbox')
        .addColumn('id', t.serial, (c) => (t.postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('claimed_until', 'text')
        .addColumn('claim_token', 'text')
        .execute();
      await db.schema.createIndex('outbox_pending_idx').on('outbox').columns(['sent_at', 'id']).execute();
      await db.schema
        .createTable('rate_limit')
        .addColumn('key', 'text', (c) => c.notNull().primaryKey())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}

function referrals(kind: StoreKind): Migration {
  const t = types(kind);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('referral')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('connector_user_id', 'text', (c) => c.notNull().references('user.id'))
        .addColumn('note_for_resident', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('anonymised_at', 'text')
        .execute();
      await db.schema
        .createIndex('referral_connector_idx')
        .on('referral')
        .columns(['connector_user_id', 'created_at'])
        .execute();
      await db.schema.createIndex('referral_closed_idx').on('referral').column('closed_at').execute();
      await db.schema
        .createTable('referral_item')
        .addColumn('id', 'text', (c) => c.notNull().primaryKey())
        .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decline_reason', 'text')
        .addColumn('responded_at', 'text')
        .addUniqueConstraint('referral_item_service_unique', ['referral_id', 'service_id'])
        .execute();
      await db.schema
        .createIndex('referral_item_organisation_idx')
        .on('referral_item')
        .column('organisation_id')
        .execute();
      await db.schema
        .createTable('referral_contact')
        .addColumn('referral_id', 'text', (c) => c.notNull().primaryKey().references('referral.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact_route', 'text', (c) => c.notNull())
        .addColumn('contact_value', 'text', (c) => c.notNull())
        .addColumn('outward_postcode', 'text')
        .addColumn('consent_given_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('referral_consent')
        .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('given_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .addPrimaryKeyConstraint('referral_consent_pk', ['referral_id', 'kind'])
        .execute();
      await db.schema
        .createTable('referral_event')
        .addColumn('id', t.serial, (c) => (t.postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
        .addColumn('item_id', 'text', (c) => c.references('referral_item.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('reason', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('referral_event_referral_idx')
        .on('referral_event')
        .columns(['referral_id', 'id'])
        .execute();
    },
  };
}

/**
 * The referral workflow: when an activity's provider was reminded and when it was escalated to
 * editors (working-day deadlines), and each connector's referral list ("basket": service ids
 * only, never anything about a resident).
 */
function referralWorkflow(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('referral_item').addColumn('reminded_at', 'text').execute();
      await db.schema.alterTable('referral_item').addColumn('escalated_at', 'text').execute();
      await db.schema.createIndex('referral_expires_idx').on('referral').column('expires_at').execute();
      await db.schema.createIndex('referral_item_service_idx').on('referral_item').column('service_id').execute();
      await db.schema
        .createTable('referral_basket')
        .addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('referral_basket_pk', ['user_id', 'service_id'])
        .execute();
    },
  };
}

/**
 * Content change requests and published versions. The drafts themselves live in the content
 * store (`drafts.<id>`); here is who asked for what, its status and the editor's answer, and a
 * snapshot of each published version for history and restore. Content is public, so snapshots
 * hold nothing personal; the people are referenced by account id only.
 */
function contentChanges(kind: StoreKind): Migration {
  const t = types(kind);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('content_change')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('document_type', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('base_rev', 'text')
        .addColumn('submitted_by', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('message', 'text')
        .execute();
      await db.schema
        .createIndex('content_change_status_idx')
        .on('content_change')
        .columns(['status', 'submitted_at'])
        .execute();
      await db.schema
        .createIndex('content_change_document_idx')
        .on('content_change')
        .columns(['document_id', 'submitted_at'])
        .execute();
      await db.schema
        .createIndex('content_change_organisation_idx')
        .on('content_change')
        .columns(['organisation_id', 'submitted_at'])
        .execute();
      await db.schema
        .createTable('content_version')
        .addColumn('id', t.serial, (c) => c.primaryKey())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('rev', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('change_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('content_version_document_idx')
        .on('content_version')
        .columns(['document_id', 'id'])
        .execute();
    },
  };
}

/**
 * Public feedback without an account: problem reports on listings and listing suggestions (an
 * editors' queue), the reporter's optional email in its own table (kept only with their
 * agreement to be contacted, cleared by the retention job), and "Is this page useful?" answers.
 */
function feedback(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('feedback_report')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text')
        .addColumn('organisation_id', 'text')
        .addColumn('reason', 'text')
        .addColumn('listing_name', 'text')
        .addColumn('message', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('resolution_note', 'text')
        .execute();
      await db.schema
        .createIndex('feedback_report_status_idx')
        .on('feedback_report')
        .columns(['status', 'created_at'])
        .execute();
      await db.schema
        .createIndex('feedback_report_organisation_idx')
        .on('feedback_report')
        .columns(['organisation_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('feedback_contact')
        .addColumn('report_id', 'text', (c) =>
          c.notNull().primaryKey().references('feedback_report.id').onDelete('cascade'),
        )
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('agreed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('page_rating')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('useful', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('page_rating_created_idx').on('page_rating').column('created_at').execute();
    },
  };
}

/**
 * The verification cycle: which review reminder (due soon, due, overdue) went out for which
 * listing and "checked on" date, so each is sent once, from however many instances. A new
 * "checked on" date starts a new cycle. Service and organisation ids only: nothing personal.
 */
function verification(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('listing_review_reminder')
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('verified_on', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('listing_review_reminder_pk', ['service_id', 'verified_on', 'stage'])
        .execute();
      await db.schema
        .createIndex('listing_review_reminder_sent_idx')
        .on('listing_review_reminder')
        .column('sent_at')
        .execute();
    },
  };
}

/**
 * Issue 9's people data: connector teams, deactivated accounts, notification choices and the
 * daily digest, private labels and follow-up reminders on referrals, undoable answers,
 * wellbeing measures (ONS4) and audit entries findable by organisation and referral.
 */
function connectors(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('team')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('area_slug', 'text', (c) => c.notNull())
        .addColumn('contact_email', 'text')
        .addColumn('contact_phone', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('archived_at', 'text')
        .execute();
      await db.schema.alterTable('user').addColumn('team_id', 'text').execute();
      await db.schema.alterTable('user').addColumn('deactivated_at', 'text').execute();
      await db.schema
        .alterTable('user')
        .addColumn('notification_frequency', 'text', (c) => c.notNull().defaultTo('immediate'))
        .execute();
      await db.schema.createIndex('user_team_idx').on('user').column('team_id').execute();

      await db.schema.alterTable('referral').addColumn('team_id', 'text').execute();
      await db.schema.alterTable('referral').addColumn('private_label', 'text').execute();
      await db.schema.alterTable('referral').addColumn('follow_up_due_at', 'text').execute();
      await db.schema.alterTable('referral').addColumn('follow_up_reminded_at', 'text').execute();
      await db.schema.createIndex('referral_team_idx').on('referral').columns(['team_id', 'created_at']).execute();

      await db.schema.alterTable('referral_event').addColumn('previous_status', 'text').execute();
      await db.schema.alterTable('referral_event').addColumn('undone_at', 'text').execute();

      await db.schema
        .createTable('notification_pending')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('referral_id', 'text')
        .addColumn('item_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('digested_at', 'text')
        .execute();
      await db.schema
        .createIndex('notification_pending_user_idx')
        .on('notification_pending')
        .columns(['digested_at', 'user_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('outcome_measure')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('referral_id', 'text', (c) => c.notNull().references('referral.id').onDelete('cascade'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('life_satisfaction', 'integer', (c) => c.notNull())
        .addColumn('worthwhile', 'integer', (c) => c.notNull())
        .addColumn('happiness', 'integer', (c) => c.notNull())
        .addColumn('anxiety', 'integer', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('consent_given_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcome_measure_referral_idx')
        .on('outcome_measure')
        .columns(['referral_id', 'stage'])
        .unique()
        .execute();

      await db.schema.alterTable('audit_log').addColumn('organisation_id', 'text').execute();
      await db.schema.alterTable('audit_log').addColumn('referral_id', 'text').execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
      await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_user_id', 'at']).execute();
      await db.schema
        .createIndex('audit_log_organisation_idx')
        .on('audit_log')
        .columns(['organisation_id', 'at'])
        .execute();
      await db.schema.createIndex('audit_log_referral_idx').on('audit_log').columns(['referral_id', 'at']).execute();
    },
  };
}

/** Every migration, in order, for one kind of store. */
export function peopleMigrations(kind: StoreKind): Record<string, Migration> {
  return {
    '0001-accounts': accounts(kind),
    '0002-referrals': referrals(kind),
    '0003-referral-workflow': referralWorkflow(),
    '0004-content-changes': contentChanges(kind),
    '0005-feedback': feedback(),
    '0006-verification': verification(),
    '0007-connectors': connectors(),
  };
}

/** Brings a store's schema up to date; safe to run on every start and from several processes. */
export async function migrateToLatest(db: Kysely<unknown>, kind: StoreKind): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => peopleMigrations(kind) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `People store migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
