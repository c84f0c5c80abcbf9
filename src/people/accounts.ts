/**
 * Accounts and invitations: people (the user table better-auth writes), their organisation memberships and the invitations that create them.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit, inTransaction, iso, parseJson, StoreError, type Db, type RepoContext } from './repository.ts';
import type { PeopleDatabase, Role } from './schema.ts';

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
  /** The connector's team, if any. */
  teamId: string | null;
  /** Set when an admin has switched the account off (a leaver). */
  deactivatedAt: string | null;
}

/** A change an admin asked for that would break a rule (e.g. leave no active admin). */
export class AccountChangeError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'AccountChangeError';
  }
}

const ACCOUNT_COLUMNS = ['id', 'email', 'name', 'role', 'twoFactorEnabled', 'team_id', 'deactivated_at'] as const;

function toAccount(row: {
  id: string;
  email: string;
  name: string;
  role: Role;
  twoFactorEnabled: boolean | number | null;
  team_id: string | null;
  deactivated_at: string | null;
}): PersonAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    twoFactorEnabled: Boolean(row.twoFactorEnabled),
    teamId: row.team_id,
    deactivatedAt: row.deactivated_at,
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

export function accountRepository(db: Db, ctx: RepoContext) {
  const { now, kind } = ctx;
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
    await appendAudit(trx, now, {
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
        await appendAudit(trx, now, {
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
        await appendAudit(trx, now, {
          actorUserId,
          action: 'invitation.revoke',
          subjectKind: 'invitation',
          subjectId: id,
        });
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
      const row = await db.selectFrom('user').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },
    async findByEmail(email: string): Promise<PersonAccount | undefined> {
      const row = await db
        .selectFrom('user')
        .select(ACCOUNT_COLUMNS)
        .where('email', '=', email.trim().toLowerCase())
        .executeTakeFirst();
      return row ? toAccount(row) : undefined;
    },
    /** Accounts with one of these roles (for notifications to editors). */
    async listByRole(roles: Role[]): Promise<PersonAccount[]> {
      if (roles.length === 0) return [];
      const rows = await db
        .selectFrom('user')
        .select(ACCOUNT_COLUMNS)
        .where('role', 'in', roles)
        .orderBy('email')
        .execute();
      return rows.map(toAccount);
    },
    /** Every account, by name (for the admins' users page), with its organisations and last sign-in. */
    async list(): Promise<(PersonAccount & { createdAt: string; organisationIds: string[] })[]> {
      const rows = await db
        .selectFrom('user')
        .select([...ACCOUNT_COLUMNS, 'createdAt'])
        .orderBy('name')
        .orderBy('email')
        .execute();
      const memberships = await db
        .selectFrom('organisation_membership')
        .select(['user_id', 'organisation_id'])
        .execute();
      return rows.map((row) => ({
        ...toAccount(row),
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

    /** Changes a person's role; refuses to leave the store without an active admin. */
    async setRole(userId: string, role: Role, actorUserId: string | null): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const user = await lockedUser(trx, userId);
        if (user.role === role) return false;
        if (user.role === 'admin') await keepAnAdmin(trx, userId, 'change the role of');
        await trx.updateTable('user').set({ role }).where('id', '=', userId).execute();
        await appendAudit(trx, now, {
          actorUserId,
          action: 'user.update',
          subjectKind: 'user',
          subjectId: userId,
          detail: { field: 'role', from: user.role, to: role },
        });
        return true;
      });
    },

    /** Sets the organisations (content ids) a person is a member of; audits old -> new ids. */
    async setOrganisations(userId: string, organisationIds: string[], actorUserId: string | null): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        await lockedUser(trx, userId);
        const rows = await trx
          .selectFrom('organisation_membership')
          .select('organisation_id')
          .where('user_id', '=', userId)
          .orderBy('organisation_id')
          .execute();
        const before = rows.map((r) => r.organisation_id);
        const after = [...new Set(organisationIds)].sort();
        if (before.join() === after.join()) return false;
        const removed = before.filter((id) => !after.includes(id));
        const added = after.filter((id) => !before.includes(id));
        if (removed.length > 0) {
          await trx
            .deleteFrom('organisation_membership')
            .where('user_id', '=', userId)
            .where('organisation_id', 'in', removed)
            .execute();
        }
        for (const organisationId of added) {
          await trx
            .insertInto('organisation_membership')
            .values({ user_id: userId, organisation_id: organisationId, role: 'member', created_at: now() })
            .execute();
        }
        await appendAudit(trx, now, {
          actorUserId,
          action: 'user.update',
          subjectKind: 'user',
          subjectId: userId,
          detail: { field: 'organisations', from: before, to: after },
        });
        return true;
      });
    },

    /** Puts a person in a team (or none); the team must exist and not be archived. */
    async setTeam(userId: string, teamId: string | null, actorUserId: string | null): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const user = await lockedUser(trx, userId);
        if (user.team_id === teamId) return false;
        if (teamId !== null) {
          const team = await trx
            .selectFrom('team')
            .select('id')
            .where('id', '=', teamId)
            .where('archived_at', 'is', null)
            .executeTakeFirst();
          if (!team) throw new AccountChangeError('Choose a team that is in use');
        }
        await trx.updateTable('user').set({ team_id: teamId }).where('id', '=', userId).execute();
        await appendAudit(trx, now, {
          actorUserId,
          action: 'user.update',
          subjectKind: 'user',
          subjectId: userId,
          detail: { field: 'team', from: user.team_id, to: teamId },
        });
        return true;
      });
    },

    /**
     * Switches a leaver's account off: sets `deactivated_at` and ends all their sessions, audited.
     * Refuses to switch off the last active admin. Returns how many sessions ended.
     */
    async deactivate(userId: string, actorUserId: string | null): Promise<number> {
      return inTransaction(db, async (trx) => {
        const user = await lockedUser(trx, userId);
        if (user.deactivated_at) return 0;
        if (user.role === 'admin') await keepAnAdmin(trx, userId, 'switch off');
        await trx.updateTable('user').set({ deactivated_at: now() }).where('id', '=', userId).execute();
        const ended = await trx.deleteFrom('session').where('userId', '=', userId).executeTakeFirst();
        await appendAudit(trx, now, {
          actorUserId,
          action: 'user.deactivate',
          subjectKind: 'user',
          subjectId: userId,
          detail: { sessions: Number(ended.numDeletedRows) },
        });
        return Number(ended.numDeletedRows);
      });
    },

    async reactivate(userId: string, actorUserId: string | null): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const user = await lockedUser(trx, userId);
        if (!user.deactivated_at) return false;
        await trx.updateTable('user').set({ deactivated_at: null }).where('id', '=', userId).execute();
        await appendAudit(trx, now, {
          actorUserId,
          action: 'user.reactivate',
          subjectKind: 'user',
          subjectId: userId,
        });
        return true;
      });
    },
  };

  /** Reads a user for a change, locking the row on PostgreSQL (SQLite's transaction is exclusive). */
  async function lockedUser(trx: Db, userId: string) {
    let query = trx.selectFrom('user').select(['id', 'role', 'team_id', 'deactivated_at']).where('id', '=', userId);
    if (kind === 'postgres') query = query.forUpdate();
    const user = await query.executeTakeFirst();
    if (!user) throw new AccountChangeError('There is no such account');
    return user;
  }

  /** Throws unless another active admin would remain (admins' rows locked on PostgreSQL, so two changes cannot both pass). */
  async function keepAnAdmin(trx: Db, userId: string, doing: string): Promise<void> {
    let query = trx
      .selectFrom('user')
      .select('id')
      .where('role', '=', 'admin')
      .where('deactivated_at', 'is', null)
      .where('id', '!=', userId);
    if (kind === 'postgres') query = query.forUpdate();
    const others = await query.execute();
    if (others.length === 0) {
      throw new AccountChangeError(
        `You cannot ${doing} the last active admin. Make someone else an admin first, so someone can still manage accounts.`,
      );
    }
  }

  return { memberships, invitations, users };
}
