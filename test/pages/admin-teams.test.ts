import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { createAccount, HttpClient, serverPeople, signedInClient, type PageResponse } from '../support/portal';
import { sampleOfType } from '../support/sample';

const summary = (page: PageResponse) =>
  [
    ...(page.html.match(/<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '').matchAll(
      /<a href="#([^"]+)">([^<]+)</g,
    ),
  ].map(([, field, message]) => ({ field, message }));
const h1 = (page: PageResponse) => page.html.match(/<h1[^>]*>([^<]*)/)?.[1]?.trim();
const area = sampleOfType<{ _id: string; name: string; slug: { current: string } }>('area')[0]!;
const organisations = sampleOfType<{ _id: string; name: string }>('organisation');

async function openReferral(connectorUserId: string) {
  const { store } = await serverPeople();
  const referral = await store.referrals.create({
    tokenHash: hashToken(newToken()),
    connectorUserId,
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
    items: [{ serviceId: 'a1a1a1a1-0000-4000-8000-000000000001', organisationId: organisations[0]!._id }],
  });
  return referral.id;
}

describe('admin teams and accounts pages', () => {
  it('are for admins only: sign in first, others get 403', async () => {
    for (const path of ['/admin/teams', '/admin/users/nobody']) {
      const page = await new HttpClient().get(path);
      expect(page.status, path).toBe(303);
      expect(page.location, path).toMatch(/^\/sign-in\?next=/);
    }
    const connector = await createAccount('connector');
    const client = await signedInClient(connector);
    for (const path of ['/admin/teams', `/admin/users/${connector.id}`]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(403);
      expect(h1(page)).toBe('You cannot open this page');
    }
    expect((await client.post('/admin/teams', { name: 'X', kind: 'pcn', area: area.slug.current })).status).toBe(403);
  });

  it('adds a team with a validated form, lists it with its members, and edits it', async () => {
    const admin = await signedInClient(await createAccount('admin'));
    const form = await admin.get('/admin/teams');
    expect(form.status).toBe(200);
    expect(form.html).toContain('href="/admin/teams"');
    expect(form.html).toContain(`<option value="${area.slug.current}"`);

    const wrong = await admin.post('/admin/teams', { name: '', area: 'nowhere', contactEmail: 'not-an-email' });
    expect(wrong.status).toBe(400);
    expect(summary(wrong)).toEqual([
      { field: 'name', message: 'Enter the team’s name' },
      { field: 'kind-neighbourhood', message: 'Choose what kind of team it is' },
      { field: 'area', message: 'Choose the area the team covers' },
      {
        field: 'contactEmail',
        message: 'Enter the team’s email address in the right format, like team@example.nhs.uk',
      },
    ]);
    expect(wrong.html).toContain('value="not-an-email"');

    const name = `Team ${Date.now()}`;
    const created = await admin.post('/admin/teams', { name, kind: 'pcn', area: area.slug.current });
    expect(created.status).toBe(303);
    const teamPath = created.location!.split('?')[0]!;
    expect(teamPath).toMatch(/^\/admin\/teams\/[0-9a-f-]{36}$/);
    const teamId = teamPath.split('/').pop()!;

    const connector = await createAccount('connector');
    const admin2 = admin;
    const joined = await admin2.post(`/admin/users/${connector.id}`, { action: 'team', team: teamId });
    expect(joined.status).toBe(200);
    expect(joined.html).toContain('Their team has been saved.');

    const list = await admin.get('/admin/teams');
    expect(list.html).toMatch(new RegExp(`${name}</a>[\\s\\S]*?Primary care network[\\s\\S]*?>1</td>`));
    const page = await admin.get(teamPath);
    expect(page.html).toContain(connector.name);

    const renamed = await admin.post(teamPath, {
      action: 'update',
      name: `${name} renamed`,
      kind: 'neighbourhood',
      area: area.slug.current,
      contactPhone: '020 7946 0000',
    });
    expect(renamed.html).toContain('The team’s details have been saved.');
    expect(h1(renamed)).toBe(`${name} renamed`);
    const badPhone = await admin.post(teamPath, {
      action: 'update',
      name,
      kind: 'pcn',
      area: area.slug.current,
      contactPhone: 'call me',
    });
    expect(badPhone.status).toBe(400);
    expect(summary(badPhone)).toEqual([
      { field: 'contactPhone', message: 'Enter the team’s phone number, like 020 7946 0000' },
    ]);
    expect((await admin.get('/admin/teams/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('changes role and organisations, and shows an organisation’s several members', async () => {
    const [first, second] = organisations;
    const admin = await signedInClient(await createAccount('admin'));
    const partnerA = await createAccount('partner', { organisationIds: [first!._id] });
    const invited = await admin.post('/admin/users', {
      action: 'invite',
      email: `second-member-${Date.now()}@example.org`,
      role: 'partner',
      organisation: first!._id,
    });
    expect(invited.status).toBe(200);
    expect(invited.html).toContain('has been invited as partner');

    const person = await createAccount('connector');
    const role = await admin.post(`/admin/users/${person.id}`, { action: 'role', role: 'partner' });
    expect(role.html).toContain('They are now partner.');
    const badRole = await admin.post(`/admin/users/${person.id}`, { action: 'role', role: 'boss' });
    expect(badRole.status).toBe(400);
    expect(summary(badRole)).toEqual([{ field: 'role-connector', message: 'Choose what they will do' }]);

    const orgs = await admin.post(`/admin/users/${person.id}`, [
      ['action', 'organisations'],
      ['organisation', first!._id],
      ['organisation', second!._id],
    ]);
    expect(orgs.html).toContain('Their organisations have been saved.');
    const { store } = await serverPeople();
    expect(await store.memberships.organisationsOf(person.id)).toEqual([first!._id, second!._id].sort());
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject_id', '=', person.id)
      .where('action', '=', 'user.update')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail!).field)).toEqual(['role', 'organisations']);

    const users = await admin.get('/admin/users');
    const section = users.html.slice(users.html.indexOf('Organisations’ members'));
    const row = section.match(new RegExp(`${first!.name}</dt>[\\s\\S]*?</dd>`))?.[0] ?? '';
    expect(row).toContain(partnerA.name);
    expect(row).toContain(person.name);
  });

  it('hands a leaver’s open referrals to a colleague and switches them off, ending their sessions', async () => {
    const admin = await signedInClient(await createAccount('admin'));
    const leaver = await createAccount('connector');
    const colleague = await createAccount('connector');
    await signedInClient(leaver);
    const sessionsOf = async (userId: string) =>
      (await (await serverPeople()).store.db.selectFrom('session').select('id').where('userId', '=', userId).execute())
        .length;
    expect(await sessionsOf(leaver.id)).toBeGreaterThan(0);
    const referrals = [await openReferral(leaver.id), await openReferral(leaver.id)];

    const asks = await admin.post(`/admin/users/${leaver.id}`, { action: 'deactivate', colleague: '' });
    expect(asks.status).toBe(400);
    expect(summary(asks)[0]).toEqual({
      field: 'colleague',
      message: 'They have 2 open referrals: choose a colleague to hand them over to first',
    });

    const done = await admin.post(`/admin/users/${leaver.id}`, { action: 'deactivate', colleague: colleague.id });
    expect(done.status).toBe(200);
    expect(done.html).toContain('2 open referrals have been handed over.');
    expect(done.html).toContain('Switched off');
    const { store } = await serverPeople();
    for (const id of referrals) expect((await store.referrals.get(id))!.connectorUserId).toBe(colleague.id);
    expect(await sessionsOf(leaver.id)).toBe(0);
    expect((await admin.get('/admin/users')).html).toMatch(
      new RegExp(`${leaver.name}</a>\\s*<strong[^>]*>Switched off`),
    );

    const back = await admin.post(`/admin/users/${leaver.id}`, { action: 'reactivate' });
    expect(back.html).toContain('switched on again');
  });

  it('refuses to switch off the last active admin, with a clear message', async () => {
    const { store } = await serverPeople();
    const account = await createAccount('admin');
    const admin = await signedInClient(account);
    // Make this the only active admin (the others are given back their role afterwards).
    const others = (await store.users.listByRole(['admin'])).filter((a) => a.id !== account.id).map((a) => a.id);
    if (others.length > 0)
      await store.db.updateTable('user').set({ role: 'editor' }).where('id', 'in', others).execute();
    const page = await admin.post(`/admin/users/${account.id}`, { action: 'deactivate', colleague: '' });
    expect(page.status).toBe(400);
    expect(summary(page)[0]!.message).toMatch(/cannot switch off the last active admin/);
    const demote = await admin.post(`/admin/users/${account.id}`, { action: 'role', role: 'editor' });
    expect(summary(demote)[0]!.message).toMatch(/cannot change the role of the last active admin/);
    expect((await store.users.get(account.id))!).toMatchObject({ role: 'admin', deactivatedAt: null });
    if (others.length > 0)
      await store.db.updateTable('user').set({ role: 'admin' }).where('id', 'in', others).execute();
  });
});
