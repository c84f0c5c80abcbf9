/**
 * Every page under site/pages, in one list shared by the access matrix and the fuzzer: the private
 * routes (with who may open or post to each, and a form to post) and the public files. A new page
 * that is in neither list fails the access matrix, so neither test can miss it.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where the pages live. */
export const PAGES_DIR = join(import.meta.dirname, '../../site/pages');

/** The people the matrix tries every route as. */
export const ACTORS = [
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
export type Actor = (typeof ACTORS)[number];

export const CONNECTORS: Actor[] = ['owner', 'team-member', 'other-connector'];
export const SIGNED_IN: Actor[] = ACTORS.filter((a) => a !== 'signed-out' && a !== 'deactivated');

export interface Ids {
  referralId: string;
  itemA: string;
  itemB: string;
  serviceA: string;
  ownerId: string;
  teamNorth: string;
}

export interface Route {
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

export const EDITORS: Actor[] = ['editor', 'admin'];

export const ROUTES: Route[] = [
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
export const PUBLIC_FILES = new Set([
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

/** Every file under site/pages, relative to it (e.g. `services/[slug].astro`). */
export function pageFiles(dir = PAGES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? pageFiles(join(dir, entry.name)) : [relative(PAGES_DIR, join(dir, entry.name))],
  );
}
