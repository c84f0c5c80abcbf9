/**
 * Teams (neighbourhood teams and primary care networks) that connectors belong to, and handing a
 * leaver's open referrals over to a colleague. Every change is audited in the same transaction,
 * with ids and field names only.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit, inTransaction, StoreError, type Db, type RepoContext } from './repository.ts';
import { TEAM_KINDS, type PeopleDatabase, type TeamKind } from './schema.ts';

export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
  /** The content area (borough or district slug) the team covers. */
  areaSlug: string;
  contactEmail: string | null;
  contactPhone: string | null;
  createdAt: string;
  archivedAt: string | null;
}

export interface TeamInput {
  name: string;
  kind: TeamKind;
  areaSlug: string;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  role: string;
  deactivatedAt: string | null;
}

/** Referral statuses that mean it is over: not handed over. */
const FINISHED_STATUSES = ['expired', 'revoked'] as const;

function toTeam(row: PeopleDatabase['team']): Team {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    areaSlug: row.area_slug,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    createdAt: row.created_at,
    archivedAt: row.archived_at,
  };
}

const FIELD_COLUMNS = {
  name: 'name',
  kind: 'kind',
  areaSlug: 'area_slug',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
} as const;

export function teamRepository(db: Db, ctx: RepoContext) {
  const { now } = ctx;

  async function get(id: string): Promise<Team | undefined> {
    const row = await db.selectFrom('team').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTeam(row) : undefined;
  }

  async function setArchived(id: string, archived: boolean, actorUserId: string | null): Promise<void> {
    await inTransaction(db, async (trx) => {
      const result = await trx
        .updateTable('team')
        .set({ archived_at: archived ? now() : null })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new StoreError('There is no such team');
      await appendAudit(trx, now, {
        actorUserId,
        action: archived ? 'team.archive' : 'team.restore',
        subjectKind: 'team',
        subjectId: id,
      });
    });
  }

  return {
    get,

    async create(input: TeamInput, actorUserId: string | null): Promise<Team> {
      return inTransaction(db, async (trx) => {
        const row = {
          id: randomUUID(),
          name: input.name,
          kind: input.kind,
          area_slug: input.areaSlug,
          contact_email: input.contactEmail ?? null,
          contact_phone: input.contactPhone ?? null,
          created_at: now(),
          archived_at: null,
        };
        await trx.insertInto('team').values(row).execute();
        await appendAudit(trx, now, {
          actorUserId,
          action: 'team.create',
          subjectKind: 'team',
          subjectId: row.id,
          detail: { kind: row.kind, area: row.area_slug },
        });
        return toTeam(row);
      });
    },

    /** Changes a team's details; audits the names of the fields that changed. Returns them. */
    async update(id: string, input: TeamInput, actorUserId: string | null): Promise<string[]> {
      return inTransaction(db, async (trx) => {
        const row = await trx.selectFrom('team').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new StoreError('There is no such team');
        const next = {
          name: input.name,
          kind: input.kind,
          area_slug: input.areaSlug,
          contact_email: input.contactEmail ?? null,
          contact_phone: input.contactPhone ?? null,
        };
        const changed = (Object.keys(FIELD_COLUMNS) as (keyof typeof FIELD_COLUMNS)[]).filter(
          (field) => row[FIELD_COLUMNS[field]] !== next[FIELD_COLUMNS[field]],
        );
        if (changed.length === 0) return [];
        await trx.updateTable('team').set(next).where('id', '=', id).execute();
        await appendAudit(trx, now, {
          actorUserId,
          action: 'team.update',
          subjectKind: 'team',
          subjectId: id,
          detail: { fields: changed },
        });
        return changed;
      });
    },

    archive: (id: string, actorUserId: string | null) => setArchived(id, true, actorUserId),
    restore: (id: string, actorUserId: string | null) => setArchived(id, false, actorUserId),

    /** Teams by name, with how many active (not switched off) members each has. */
    async list(options: { includeArchived?: boolean } = {}): Promise<(Team & { memberCount: number })[]> {
      let query = db.selectFrom('team').selectAll();
      if (!options.includeArchived) query = query.where('archived_at', 'is', null);
      const rows = await query.orderBy('name').orderBy('id').execute();
      const counts = await db
        .selectFrom('user')
        .select(['team_id', (eb) => eb.fn.countAll().as('n')])
        .where('team_id', 'is not', null)
        .where('deactivated_at', 'is', null)
        .groupBy('team_id')
        .execute();
      return rows.map((row) => ({
        ...toTeam(row),
        memberCount: Number(counts.find((c) => c.team_id === row.id)?.n ?? 0),
      }));
    },

    /** The team's people, switched-off ones included (they are marked). */
    async members(teamId: string): Promise<TeamMember[]> {
      const rows = await db
        .selectFrom('user')
        .select(['id', 'name', 'email', 'role', 'deactivated_at'])
        .where('team_id', '=', teamId)
        .orderBy('name')
        .orderBy('email')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        email: row.email,
        role: row.role,
        deactivatedAt: row.deactivated_at,
      }));
    },

    /** How many referrals of a connector are still open (not closed, expired, revoked or anonymised). */
    async openReferralCount(connectorUserId: string): Promise<number> {
      const row = await db
        .selectFrom('referral')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('connector_user_id', '=', connectorUserId)
        .where('closed_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('anonymised_at', 'is', null)
        .where('status', 'not in', FINISHED_STATUSES)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Hands every open referral of `fromUserId` to `toUserId` (an active connector), with the
     * colleague's team, in one transaction; one audit entry per referral. Returns how many moved.
     */
    async handOver(fromUserId: string, toUserId: string, actorUserId: string | null): Promise<number> {
      if (fromUserId === toUserId) throw new StoreError('Choose a colleague other than the person leaving');
      return inTransaction(db, async (trx) => {
        const colleague = await trx
          .selectFrom('user')
          .select(['id', 'role', 'team_id', 'deactivated_at'])
          .where('id', '=', toUserId)
          .executeTakeFirst();
        if (!colleague || colleague.role !== 'connector' || colleague.deactivated_at) {
          throw new StoreError('Choose a colleague who is an active connector');
        }
        const open = await trx
          .selectFrom('referral')
          .select('id')
          .where('connector_user_id', '=', fromUserId)
          .where('closed_at', 'is', null)
          .where('revoked_at', 'is', null)
          .where('anonymised_at', 'is', null)
          .where('status', 'not in', FINISHED_STATUSES)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        if (open.length === 0) return 0;
        const ids = open.map((r) => r.id);
        await trx
          .updateTable('referral')
          .set({ connector_user_id: toUserId, team_id: colleague.team_id })
          .where('id', 'in', ids)
          .execute();
        for (const id of ids) {
          await appendAudit(trx, now, {
            actorUserId,
            action: 'referral.handover',
            subjectKind: 'referral',
            subjectId: id,
            detail: { from: fromUserId, to: toUserId, team: colleague.team_id },
          });
        }
        await appendAudit(trx, now, {
          actorUserId,
          action: 'user.handover',
          subjectKind: 'user',
          subjectId: fromUserId,
          detail: { to: toUserId, referrals: ids.length },
        });
        return ids.length;
      });
    },
  };
}

/** What the team form sends: checked, with a message a person understands for each problem. */
export function parseTeamForm(
  form: Record<string, string | undefined>,
  areaSlugs: readonly string[],
): { input: TeamInput; errors: Record<string, string> } {
  const name = (form.name ?? '').trim();
  const kind = form.kind ?? '';
  const areaSlug = form.area ?? '';
  const contactEmail = (form.contactEmail ?? '').trim();
  const contactPhone = (form.contactPhone ?? '').trim();
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'Enter the team’s name';
  else if (name.length > 120) errors.name = 'The team’s name must be 120 characters or fewer';
  if (!(TEAM_KINDS as readonly string[]).includes(kind)) errors.kind = 'Choose what kind of team it is';
  if (!areaSlugs.includes(areaSlug)) errors.area = 'Choose the area the team covers';
  if (contactEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactEmail)) {
    errors.contactEmail = 'Enter the team’s email address in the right format, like team@example.nhs.uk';
  }
  if (contactPhone && !/^\+?[\d ()-]{10,20}$/.test(contactPhone)) {
    errors.contactPhone = 'Enter the team’s phone number, like 020 7946 0000';
  }
  return {
    input: {
      name,
      kind: kind as TeamKind,
      areaSlug,
      contactEmail: contactEmail ? contactEmail.toLowerCase() : null,
      contactPhone: contactPhone || null,
    },
    errors,
  };
}
