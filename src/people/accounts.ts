/**
 * Accounts and invitations: people (the user table better-auth writes), their organisation memberships and the invitations that create them.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit, inTransaction, iso, parseJson, type Db, type RepoContext } from './repository.ts';
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
  return { memberships, invitations, users };
}
