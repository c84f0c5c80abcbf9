import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { runAccountsCli } from '../../src/accounts/cli.ts';
import { AccountChangeError, createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import type { Role } from '../../src/people/schema.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG_A = '0b6f3c1e-1111-4aaa-8aaa-000000000001';
const ORG_B = '0b6f3c1e-2222-4bbb-8bbb-000000000002';
const SERVICE = 'a1a1a1a1-0000-4000-8000-000000000001';

describe.each(STORE_KINDS)('teams and account administration on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  const now = new Date('2026-03-02T10:00:00Z');

  async function addUser(role: Role, options: { teamId?: string | null; organisationIds?: string[] } = {}) {
    const id = randomUUID();
    const at = now.toISOString();
    await store.db
      .insertInto('user')
      .values({
        id,
        name: 'Staff',
        email: `${id}@example.org`,
        emailVerified: store.kind === 'postgres' ? true : 1,
        image: null,
        createdAt: at,
        updatedAt: at,
        twoFactorEnabled: null,
        role,
        team_id: options.teamId ?? null,
      })
      .execute();
    for (const organisationId of options.organisationIds ?? []) await store.memberships.add(id, organisationId);
    return id;
  }

  async function addSession(userId: string) {
    const at = now.toISOString();
    await store.db
      .insertInto('session')
      .values({
        id: randomUUID(),
        token: newToken(),
        userId,
        expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
        createdAt: at,
        updatedAt: at,
        ipAddress: null,
        userAgent: null,
      })
      .execute();
  }

  async function addReferral(connectorUserId: string) {
    const referral = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId,
      expiresAt: new Date(now.getTime() + 30 * 86_400_000),
      items: [{ serviceId: SERVICE, organisationId: ORG_A }],
    });
    return referral.id;
  }

  async function auditOf(subjectId: string) {
    const rows = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ action: r.action, actor: r.actor_user_id, detail: r.detail && JSON.parse(r.detail) }));
  }

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config, { clock: () => now });
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('creates, renames, archives and lists teams with member counts', async () => {
    const admin = await addUser('admin');
    const team = await store.teams.create(
      { name: 'Hackney North', kind: 'neighbourhood', areaSlug: 'hackney', contactEmail: 'team@example.org' },
      admin,
    );
    expect(await store.teams.get(team.id)).toMatchObject({
      name: 'Hackney North',
      kind: 'neighbourhood',
      areaSlug: 'hackney',
      contactEmail: 'team@example.org',
      contactPhone: null,
      archivedAt: null,
    });
    const member = await addUser('connector', { teamId: team.id });
    const leaver = await addUser('connector', { teamId: team.id });
    await store.users.deactivate(leaver, admin);

    const changed = await store.teams.update(
      team.id,
      { name: 'Hackney North PCN', kind: 'pcn', areaSlug: 'hackney', contactEmail: 'team@example.org' },
      admin,
    );
    expect(changed).toEqual(['name', 'kind']);
    expect(await store.teams.update(team.id, { ...(await store.teams.get(team.id))! }, admin)).toEqual([]);

    const listed = (await store.teams.list()).find((t) => t.id === team.id);
    expect(listed).toMatchObject({ name: 'Hackney North PCN', kind: 'pcn', memberCount: 1 });
    expect((await store.teams.members(team.id)).map((m) => [m.id, m.deactivatedAt !== null]).sort()).toEqual(
      [
        [member, false],
        [leaver, true],
      ].sort(),
    );

    await store.teams.archive(team.id, admin);
    expect((await store.teams.list()).some((t) => t.id === team.id)).toBe(false);
    expect((await store.teams.list({ includeArchived: true })).some((t) => t.id === team.id)).toBe(true);
    await store.teams.restore(team.id, admin);
    expect((await store.teams.get(team.id))!.archivedAt).toBeNull();

    expect((await auditOf(team.id)).map((a) => a.action)).toEqual([
      'team.create',
      'team.update',
      'team.archive',
      'team.restore',
    ]);
    expect((await auditOf(team.id))[1]!.detail).toEqual({ fields: ['name', 'kind'] });
  });

  it('changes role, organisations and team, each audited with old and new ids only', async () => {
    const admin = await addUser('admin');
    const team = await store.teams.create({ name: 'Islington PCN', kind: 'pcn', areaSlug: 'islington' }, admin);
    const person = await addUser('connector', { organisationIds: [ORG_A] });

    expect(await store.users.setRole(person, 'partner', admin)).toBe(true);
    expect(await store.users.setRole(person, 'partner', admin)).toBe(false);
    expect(await store.users.setOrganisations(person, [ORG_B, ORG_A], admin)).toBe(true);
    expect(await store.memberships.organisationsOf(person)).toEqual([ORG_A, ORG_B].sort());
    expect(await store.users.setOrganisations(person, [ORG_B], admin)).toBe(true);
    expect(await store.memberships.organisationsOf(person)).toEqual([ORG_B]);
    expect(await store.users.setTeam(person, team.id, admin)).toBe(true);
    expect((await store.users.get(person))!).toMatchObject({ role: 'partner', teamId: team.id });

    const audit = await auditOf(person);
    expect(audit).toEqual([
      { action: 'user.update', actor: admin, detail: { field: 'role', from: 'connector', to: 'partner' } },
      {
        action: 'user.update',
        actor: admin,
        detail: { field: 'organisations', from: [ORG_A], to: [ORG_A, ORG_B].sort() },
      },
      {
        action: 'user.update',
        actor: admin,
        detail: { field: 'organisations', from: [ORG_A, ORG_B].sort(), to: [ORG_B] },
      },
      { action: 'user.update', actor: admin, detail: { field: 'team', from: null, to: team.id } },
    ]);
    expect(JSON.stringify(audit)).not.toContain('@example.org');

    await store.teams.archive(team.id, admin);
    await expect(store.users.setTeam(person, null, admin)).resolves.toBe(true);
    await expect(store.users.setTeam(person, team.id, admin)).rejects.toThrow(AccountChangeError);
    await expect(store.users.setTeam(person, randomUUID(), admin)).rejects.toThrow(/team that is in use/);
  });

  it('switches a leaver off, ending every session, and can switch them on again', async () => {
    const admin = await addUser('admin');
    const leaver = await addUser('connector');
    const stayer = await addUser('connector');
    await addSession(leaver);
    await addSession(leaver);
    await addSession(stayer);

    expect(await store.users.deactivate(leaver, admin)).toBe(2);
    const sessionsOf = async (userId: string) =>
      (await store.db.selectFrom('session').select('id').where('userId', '=', userId).execute()).length;
    expect(await sessionsOf(leaver)).toBe(0);
    expect(await sessionsOf(stayer)).toBe(1);
    expect((await store.users.get(leaver))!.deactivatedAt).toBe(now.toISOString());
    expect(await store.users.deactivate(leaver, admin)).toBe(0);

    expect(await store.users.reactivate(leaver, admin)).toBe(true);
    expect((await store.users.get(leaver))!.deactivatedAt).toBeNull();
    expect((await auditOf(leaver)).map((a) => [a.action, a.detail])).toEqual([
      ['user.deactivate', { sessions: 2 }],
      ['user.reactivate', null],
    ]);
  });

  it('never leaves the store without an active admin', async () => {
    // Only admins made in this test are active: switch off any left from earlier tests.
    const earlier = await store.users.listByRole(['admin']);
    for (const account of earlier)
      await store.db.updateTable('user').set({ role: 'editor' }).where('id', '=', account.id).execute();
    const only = await addUser('admin');
    await expect(store.users.deactivate(only, only)).rejects.toThrow(/last active admin/);
    await expect(store.users.setRole(only, 'editor', only)).rejects.toThrow(/last active admin/);
    expect((await store.users.get(only))!).toMatchObject({ role: 'admin', deactivatedAt: null });
    expect(await auditOf(only)).toEqual([]);

    const second = await addUser('admin');
    await store.users.deactivate(second, only);
    await expect(store.users.setRole(only, 'editor', only)).rejects.toThrow(AccountChangeError);
    await store.users.reactivate(second, only);
    expect(await store.users.setRole(only, 'editor', second)).toBe(true);
    await expect(store.users.deactivate(second, second)).rejects.toThrow(/last active admin/);
  });

  it('hands over only open referrals, with the colleague and their team, one audit entry each', async () => {
    const admin = await addUser('admin');
    const teamA = await store.teams.create({ name: 'Team A', kind: 'neighbourhood', areaSlug: 'camden' }, admin);
    const teamB = await store.teams.create({ name: 'Team B', kind: 'neighbourhood', areaSlug: 'camden' }, admin);
    const leaver = await addUser('connector', { teamId: teamA.id });
    const colleague = await addUser('connector', { teamId: teamB.id });
    const bystander = await addUser('connector', { teamId: teamA.id });

    const open1 = await addReferral(leaver);
    const open2 = await addReferral(leaver);
    const closed = await addReferral(leaver);
    const expired = await addReferral(leaver);
    const revoked = await addReferral(leaver);
    const anonymised = await addReferral(leaver);
    const others = await addReferral(bystander);
    const set = (id: string, values: Record<string, string>) =>
      store.db.updateTable('referral').set(values).where('id', '=', id).execute();
    await set(closed, { status: 'completed', closed_at: now.toISOString() });
    await set(expired, { status: 'expired' });
    await set(revoked, { status: 'revoked', revoked_at: now.toISOString() });
    await set(anonymised, { closed_at: now.toISOString(), anonymised_at: now.toISOString() });

    expect(await store.teams.openReferralCount(leaver)).toBe(2);
    await expect(store.teams.handOver(leaver, leaver, admin)).rejects.toThrow(/other than/);
    await expect(store.teams.handOver(leaver, admin, admin)).rejects.toThrow(/active connector/);

    expect(await store.teams.handOver(leaver, colleague, admin)).toBe(2);
    const rows = await store.db.selectFrom('referral').select(['id', 'connector_user_id', 'team_id']).execute();
    const owner = (id: string) => rows.find((r) => r.id === id)!;
    expect(owner(open1)).toMatchObject({ connector_user_id: colleague, team_id: teamB.id });
    expect(owner(open2)).toMatchObject({ connector_user_id: colleague, team_id: teamB.id });
    for (const id of [closed, expired, revoked, anonymised]) expect(owner(id).connector_user_id).toBe(leaver);
    expect(owner(others).connector_user_id).toBe(bystander);

    for (const id of [open1, open2]) {
      expect(await auditOf(id)).toContainEqual({
        action: 'referral.handover',
        actor: admin,
        detail: { from: leaver, to: colleague, team: teamB.id },
      });
    }
    expect((await auditOf(closed)).some((a) => a.action === 'referral.handover')).toBe(false);
    expect(await store.teams.openReferralCount(leaver)).toBe(0);
    expect(await store.teams.handOver(leaver, colleague, admin)).toBe(0);

    await store.users.deactivate(bystander, admin);
    await expect(store.teams.handOver(colleague, bystander, admin)).rejects.toThrow(/active connector/);
  });

  it('adds a team from the command line, refusing wrong arguments', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(
      await runAccountsCli(
        ['create-team', '--name', 'Camden PCN', '--kind', 'team', '--area', 'Camden!'],
        database.env,
        io,
      ),
    ).toBe(2);
    expect(err.join('\n')).toContain('Choose what kind of team it is');
    expect(err.join('\n')).toContain('Choose the area the team covers');
    expect(
      await runAccountsCli(
        ['create-team', '--name', 'Camden PCN', '--kind', 'pcn', '--area', 'camden'],
        database.env,
        io,
      ),
    ).toBe(0);
    const id = out.join('\n').match(/[0-9a-f-]{36}/)?.[0];
    expect(await store.teams.get(id!)).toMatchObject({ name: 'Camden PCN', kind: 'pcn', areaSlug: 'camden' });
  });
});
