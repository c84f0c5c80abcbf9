/**
 * The access matrix: every private route × every kind of person, on both people stores.
 *
 * Each route says which people may open it (by role AND by what they own: their referral, their
 * team's, their organisation's activity). Everyone else must be refused (sent to sign in, 403 or
 * 404), and a refused POST must change nothing (the people store is compared before and after).
 * The route list is checked against `site/pages`, so a new page cannot be left out of it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import { setUpOrFailEveryTest, STORE_KINDS } from '../support/databases.ts';
import type { HttpClient, PageResponse, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import {
  ACTORS,
  CONNECTORS,
  pageFiles,
  PUBLIC_FILES,
  ROUTES,
  type Actor,
  type Ids,
  type Route,
} from '../support/routes.ts';
import { sampleOfType } from '../support/sample';

const services = sampleOfType<Service>('service').filter((s) => s.status === 'active');
const serviceA = services[0]!;
const serviceB = services.find((s) => s.organisation._ref !== serviceA.organisation._ref)!;
const ORG_A = serviceA.organisation._ref;
const ORG_B = serviceB.organisation._ref;

/** Whether a response refuses the person: sent to sign in (or two-factor), 403 or 404. */
function refused(response: PageResponse): boolean {
  if (response.status === 403 || response.status === 404) return true;
  return (response.status === 302 || response.status === 303) && /^\/sign-in(\?|$)/.test(response.location ?? '');
}

/** Whether a response lets the person in: the page, or (for a made-up id) its own "not found". */
function reached(response: PageResponse, route: Route): boolean {
  if (response.status === 200) return true;
  if (route.redirectsTo && response.status === 303 && response.location === route.redirectsTo) return true;
  return response.status === 404 && route.madeUpId === true;
}

it('lists every page under site/pages as private (in the matrix) or public', () => {
  const covered = new Set([...ROUTES.map((r) => r.file), ...PUBLIC_FILES]);
  // The Open Referral UK feed is public data, checked by its own tests.
  const missing = pageFiles().filter((file) => !covered.has(file) && !file.startsWith('api/oruk/'));
  expect(missing, 'pages the access matrix does not cover').toEqual([]);
});

describe.each(STORE_KINDS)('the access matrix on %s', (kind) => {
  let world: ReferralWorld;
  let ids: Ids;
  const clients = new Map<Actor, HttpClient>();

  /** Everything a refused post might have changed, row by row. */
  async function snapshot(): Promise<string> {
    const tables = [
      'referral',
      'referral_item',
      'referral_event',
      'referral_basket',
      'content_change',
      'invitation',
      'feedback_report',
      'outbox',
      'team',
      'outcome_measure',
    ];
    const parts: string[] = [];
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(world.store.db);
      parts.push(`${table}:${JSON.stringify(rows.rows.map((r) => JSON.stringify(r)).sort())}`);
    }
    const users = await world.store.db.selectFrom('user').select(['id', 'role', 'deactivated_at', 'team_id']).execute();
    parts.push(`user:${JSON.stringify(users.sort((a, b) => a.id.localeCompare(b.id)))}`);
    return parts.join('\n');
  }

  setUpOrFailEveryTest(async () => {
    world = await startReferralWorld(kind);
    const accounts = new Map<Actor, TestAccount>();
    for (const actor of ACTORS) {
      if (actor === 'signed-out') continue;
      const role = CONNECTORS.includes(actor) || actor === 'deactivated' ? 'connector' : actor.split('-')[0]!;
      const organisationIds = actor === 'partner-a' ? [ORG_A] : actor === 'partner-b' ? [ORG_B] : [];
      accounts.set(actor, await world.account(role as TestAccount['role'], { organisationIds }));
    }
    // Two teams: the owner and a colleague in one, the other connector in another.
    const now = new Date().toISOString();
    const teamNorth = randomUUID();
    for (const [team, members] of [
      [teamNorth, ['owner', 'team-member', 'deactivated']],
      [randomUUID(), ['other-connector']],
    ] as const) {
      await world.store.db
        .insertInto('team')
        .values({ id: team, name: team, kind: 'neighbourhood', area_slug: 'hackney', created_at: now } as never)
        .execute();
      for (const member of members) {
        await world.store.db
          .updateTable('user')
          .set({ team_id: team })
          .where('id', '=', accounts.get(member)!.id)
          .execute();
      }
    }
    for (const actor of ACTORS) {
      clients.set(actor, await world.client(actor === 'signed-out' ? undefined : accounts.get(actor)));
    }
    // The owner's referral to one activity at each organisation, with contact details shared.
    const owner = clients.get('owner')!;
    for (const service of [serviceA, serviceB]) {
      await owner.post('/referrals/basket', { action: 'add', serviceId: service._id, return: '/' });
    }
    const made = await owner.post('/referrals/new', [
      ['serviceId', serviceA._id],
      ['serviceId', serviceB._id],
      ['expiryDays', '30'],
      ['shareContact', 'yes'],
      ['name', 'Alex Example'],
      ['route', 'email'],
      ['email', 'alex@example.org'],
    ]);
    expect(made.status).toBe(200);
    const [referral] = await world.store.referrals.listForConnector(accounts.get('owner')!.id);
    ids = {
      referralId: referral!.id,
      itemA: referral!.items.find((i) => i.organisationId === ORG_A)!.id,
      itemB: referral!.items.find((i) => i.organisationId === ORG_B)!.id,
      serviceA: serviceA._id,
      ownerId: accounts.get('owner')!.id,
      teamNorth,
    };
    // A leaver: switched off by an admin while still holding a session.
    await world.store.db
      .updateTable('user')
      .set({ deactivated_at: now })
      .where('id', '=', accounts.get('deactivated')!.id)
      .execute();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('lets each person open exactly the pages their role and their work allow', async () => {
    const wrong: string[] = [];
    for (const route of ROUTES.filter((r) => r.get)) {
      for (const actor of ACTORS) {
        const response = await clients.get(actor)!.get(route.path(ids));
        const allowed = route.get!.includes(actor);
        const ok = allowed ? reached(response, route) : refused(response);
        if (!ok) wrong.push(`${actor} GET ${route.file}: ${response.status} ${response.location ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every post from someone who may not make it, and changes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const route of ROUTES.filter((r) => r.post)) {
      for (const actor of ACTORS.filter((a) => !route.post!.who.includes(a))) {
        const response = await clients.get(actor)!.post(route.path(ids), route.post!.form(ids));
        if (!refused(response))
          wrong.push(`${actor} POST ${route.file}: ${response.status} ${response.location ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('shows the contact details to each activity’s own provider and no one else', async () => {
    const pages = [
      `/partner/referrals/${ids.itemA}`,
      `/partner/referrals/${ids.itemB}`,
      `/referrals/${ids.referralId}`,
    ];
    const sawContact: string[] = [];
    for (const actor of ACTORS) {
      for (const path of pages) {
        const response = await clients.get(actor)!.get(path);
        if (response.html.includes('alex@example.org')) sawContact.push(`${actor} ${path}`);
      }
    }
    expect(sawContact).toEqual([
      `partner-a /partner/referrals/${ids.itemA}`,
      `partner-b /partner/referrals/${ids.itemB}`,
    ]);
  });

  it('withdraws the contact details from every provider once the referral is revoked', async () => {
    expect((await clients.get('owner')!.post(`/referrals/${ids.referralId}`, { action: 'revoke' })).status).toBe(303);
    for (const [actor, item] of [
      ['partner-a', ids.itemA],
      ['partner-b', ids.itemB],
    ] as const) {
      const page = await clients.get(actor)!.get(`/partner/referrals/${item}`);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain('alex@example.org');
      expect(page.html).not.toContain('Alex Example');
    }
  });
});
