/**
 * The access matrix: every private route × every kind of person, on both people stores.
 *
 * Each route says which people may open it (by role AND by what they own: their referral, their
 * team's, their organisation's activity). Everyone else must be refused (sent to sign in, 403 or
 * 404), and a refused POST must change nothing (the people store is compared before and after).
 * The route list is checked against `site/pages`, so a new page cannot be left out of it.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import { setUpOrFailEveryTest, STORE_KINDS } from '../support/databases.ts';
import type { HttpClient, PageResponse, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType } from '../support/sample';

const services = sampleOfType<Service>('service').filter((s) => s.status === 'active');
const serviceA = services[0]!;
const serviceB = services.find((s) => s.organisation._ref !== serviceA.organisation._ref)!;
const ORG_A = serviceA.organisation._ref;
const ORG_B = serviceB.organisation._ref;

/** The people the matrix tries every route as. */
const ACTORS = [
  'signed-out',
  'owner',
  'team-member',
  'other-connector',
  'partner-a',
  'partner-b',
  'editor',
  'admin',
  'commissioner',
  'deactivated',
] as const;
type Actor = (typeof ACTORS)[number];

const CONNECTORS: Actor[] = ['owner', 'team-member', 'other-connector'];
const SIGNED_IN: Actor[] = ACTORS.filter((a) => a !== 'signed-out' && a !== 'deactivated');

interface Ids {
  referralId: string;
  itemA: string;
  itemB: string;
  serviceA: string;
  ownerId: string;
  teamNorth: string;
}

interface Route {
  /** The page file under site/pages this entry covers. */
  file: string;
  path: (ids: Ids) => string;
  /** The path holds a made-up id: someone allowed in gets the page's own 404. */
  madeUpId?: true;
  /** A redirect that still means "let in" (e.g. two-factor set-up, already done, goes to the account). */
  redirectsTo?: string;
  /** Who may open it (GET); everyone else is refused. */
  get?: Actor[];
  /** Who may post to it, and a form to post; refused posts must change nothing. */
  post?: { who: Actor[]; form: (ids: Ids) => Record<string, string> };
}

const EDITORS: Actor[] = ['editor', 'admin'];

const ROUTES: Route[] = [
  {
    file: 'account/index.astro',
    path: () => '/account',
    get: SIGNED_IN,
    post: { who: SIGNED_IN, form: () => ({ action: 'sign-out-everywhere-x' }) },
  },
  { file: 'account/two-factor.astro', path: () => '/account/two-factor', get: SIGNED_IN, redirectsTo: '/account' },
  { file: 'admin/outbox.astro', path: () => '/admin/outbox', get: ['admin'] },
  { file: 'admin/audit.astro', path: () => '/admin/audit', get: ['admin'] },
  { file: 'admin/audit.csv.ts', path: () => '/admin/audit.csv', get: ['admin'] },
  {
    file: 'admin/users.astro',
    path: () => '/admin/users',
    get: ['admin'],
    post: {
      who: ['admin'],
      form: () => ({ action: 'invite', email: `new-${randomUUID()}@example.org`, role: 'admin' }),
    },
  },
  {
    file: 'admin/users/[id].astro',
    path: (ids) => `/admin/users/${ids.ownerId}`,
    get: ['admin'],
    post: { who: ['admin'], form: () => ({ action: 'role', role: 'admin' }) },
  },
  {
    file: 'admin/teams.astro',
    path: () => '/admin/teams',
    get: ['admin'],
    post: { who: ['admin'], form: () => ({ name: 'A team from someone refused', kind: 'pcn', area: 'hackney' }) },
  },
  {
    file: 'admin/teams/[id].astro',
    path: (ids) => `/admin/teams/${ids.teamNorth}`,
    get: ['admin'],
    post: { who: ['admin'], form: () => ({ action: 'archive' }) },
  },
  {
    file: 'editor/changes/index.astro',
    path: () => '/editor/changes',
    get: EDITORS,
  },
  {
    file: 'editor/changes/[id].astro',
    path: () => `/editor/changes/${randomUUID()}`,
    madeUpId: true,
    get: EDITORS,
    post: { who: EDITORS, form: () => ({ action: 'approve' }) },
  },
  {
    file: 'editor/listings/[id].astro',
    path: (ids) => `/editor/listings/${ids.serviceA}`,
    get: EDITORS,
    post: { who: EDITORS, form: () => ({ action: 'save', name: 'Changed by someone refused' }) },
  },
  { file: 'editor/reports/index.astro', path: () => '/editor/reports', get: EDITORS },
  {
    file: 'editor/reports/[id].astro',
    path: () => `/editor/reports/${randomUUID()}`,
    madeUpId: true,
    get: EDITORS,
    post: { who: EDITORS, form: () => ({ action: 'resolve', note: 'refused' }) },
  },
  { file: 'editor/reviews/index.astro', path: () => '/editor/reviews', get: EDITORS },
  {
    file: 'partner/listings/index.astro',
    path: () => '/partner/listings',
    get: ['partner-a', 'partner-b'],
    post: { who: ['partner-a'], form: (ids) => ({ action: 'still-accurate', serviceId: ids.serviceA }) },
  },
  {
    file: 'partner/listings/[id].astro',
    path: (ids) => `/partner/listings/${ids.serviceA}`,
    get: ['partner-a', ...EDITORS],
    post: { who: ['partner-a', ...EDITORS], form: () => ({ action: 'live', name: 'Changed by someone refused' }) },
  },
  {
    file: 'partner/listings/new.astro',
    path: () => '/partner/listings/new',
    get: ['partner-a', 'partner-b', ...EDITORS],
    post: { who: ['partner-a', 'partner-b', ...EDITORS], form: () => ({ name: 'A listing from someone refused' }) },
  },
  { file: 'partner/referrals/index.astro', path: () => '/partner/referrals', get: ['partner-a', 'partner-b'] },
  {
    file: 'partner/referrals/[itemId].astro',
    path: (ids) => `/partner/referrals/${ids.itemA}`,
    get: ['partner-a'],
    post: { who: ['partner-a'], form: () => ({ action: 'accept' }) },
  },
  { file: 'partner/reports/index.astro', path: () => '/partner/reports', get: ['partner-a', 'partner-b'] },
  { file: 'referrals/index.astro', path: () => '/referrals', get: CONNECTORS },
  {
    file: 'referrals/[id].astro',
    path: (ids) => `/referrals/${ids.referralId}`,
    get: ['owner', 'team-member'],
    post: { who: ['owner', 'team-member'], form: () => ({ action: 'revoke' }) },
  },
  {
    file: 'referrals/[id]/send-link.astro',
    path: (ids) => `/referrals/${ids.referralId}/send-link`,
    post: {
      who: ['owner', 'team-member'],
      form: () => ({ token: 'ABCD', channel: 'email', email: 'someone@example.org', 'send-consent': 'yes' }),
    },
  },
  {
    file: 'referrals/[id]/wellbeing.astro',
    path: (ids) => `/referrals/${ids.referralId}/wellbeing?stage=follow-up`,
    get: ['owner', 'team-member'],
    post: {
      who: ['owner', 'team-member'],
      form: () => ({
        stage: 'follow-up',
        wellbeing_consent: 'yes',
        wellbeing_life_satisfaction: '5',
        wellbeing_worthwhile: '5',
        wellbeing_happiness: '5',
        wellbeing_anxiety: '5',
      }),
    },
  },
  {
    file: 'referrals/new.astro',
    path: () => '/referrals/new',
    get: CONNECTORS,
    post: { who: CONNECTORS, form: (ids) => ({ serviceId: ids.serviceA, expiryDays: '30' }) },
  },
  {
    file: 'referrals/basket.ts',
    path: () => '/referrals/basket',
    post: {
      who: CONNECTORS,
      form: (ids) => ({ action: 'add', serviceId: ids.serviceA, return: '/' }),
    },
  },
  { file: 'referrals/overdue.astro', path: () => '/referrals/overdue', get: EDITORS },
  { file: 'reports/index.astro', path: () => '/reports', get: [...EDITORS, 'commissioner'] },
  { file: 'reports/[report].csv.ts', path: () => '/reports/by-category.csv', get: [...EDITORS, 'commissioner'] },
];

/**
 * Pages anyone may open (the public directory, sign-in and token pages, whose own tests cover
 * the token checks), and the auth API (covered by the account tests).
 */
const PUBLIC_FILES = new Set([
  '404.astro',
  '500.astro',
  '[page].astro',
  'api/auth/[...all].ts',
  'api/content-webhook.ts',
  'api/search.ts',
  'areas/[slug].astro',
  'categories/[slug].astro',
  'forbidden.astro',
  'forgot-password.astro',
  'healthz.ts',
  'index.astro',
  'invite/[token].astro',
  'listings/check/[token].astro',
  'my-list.astro',
  'organisations/[slug].astro',
  'page-feedback.astro',
  'r/[token].astro',
  'readyz.ts',
  'report/[slug].astro',
  'reset-password/[token].astro',
  'robots.txt.ts',
  'search.astro',
  'services/[slug].astro',
  'services/[slug].ics.ts',
  'sign-in/code.astro',
  'sign-in/index.astro',
  'sign-out.ts',
  'sitemap.xml.ts',
  'suggest-a-listing.astro',
  'urgent-help.astro',
]);

function pageFiles(dir = join(import.meta.dirname, '../../site/pages')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? pageFiles(join(dir, entry.name))
      : [relative(join(import.meta.dirname, '../../site/pages'), join(dir, entry.name))],
  );
}

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
