/**
 * What the fuzzer can reach on each page under site/pages: its URL template and path parameters,
 * the query parameters and form fields its source reads (the page and the server modules it
 * imports, one level deep), and who may open or post to it (from the shared route list). New
 * pages and new parameters are picked up from the source, so nothing needs listing twice.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PAGES_DIR, pageFiles, PUBLIC_FILES, ROUTES, type Actor, type Route } from '../support/routes.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The people the fuzzer sends requests as. */
export const ROLES = ['anonymous', 'resident', 'connector', 'partner', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The access-matrix person each fuzz role plays (the connector owns the referral). */
export const ACTOR_OF: Record<Role, Actor> = {
  anonymous: 'signed-out',
  resident: 'signed-out',
  connector: 'owner',
  partner: 'partner-a',
  editor: 'editor',
  admin: 'admin',
};

/** One piece of a URL template: fixed text, or a parameter between fixed text (`[slug].ics`). */
export type Segment = { fixed: string } | { param: string; before: string; after: string; rest: boolean };

export interface RouteTarget {
  file: string;
  segments: Segment[];
  /** Query parameter names the page (or what it calls) reads. */
  queryNames: string[];
  /** Form field names the page (or what it calls) reads; forms found on the page are added later. */
  formNames: string[];
  /** Whether the page handles POST at all. */
  posts: boolean;
  /** Whether it answers JSON bodies (API routes). */
  json: boolean;
  /** Roles that may GET / POST it (public pages: everyone); the fuzz also tries anonymous. */
  getRoles: Role[];
  postRoles: Role[];
  /** The private route entry, when there is one (for valid paths and base forms). */
  route?: Route;
}

/** URL template of a page file: `services/[slug].ics.ts` is `/services/[slug].ics`. */
export function segmentsOf(file: string): Segment[] {
  const withoutExtension = file.replace(/\.astro$/, '').replace(/\.ts$/, '');
  const parts = withoutExtension.split('/');
  if (parts.at(-1) === 'index') parts.pop();
  return parts.map((part) => {
    const match = /^(.*)\[(\.\.\.)?([^\]]+)\](.*)$/.exec(part);
    if (!match) return { fixed: part };
    return { param: match[3]!, before: match[1]!, after: match[4]!, rest: match[2] === '...' };
  });
}

const LITERAL_READS = /\.(?:get|getAll|has)\(\s*['"]([^'"\s]{1,60})['"]\s*\)/g;
const NAME_ATTRIBUTES = /\bname="([A-Za-z_][\w\-[\]]{0,60})"/g;

function read(path: string): string {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : '';
}

/** The source of a page and of the server modules and `@src` modules it imports (one level). */
function sourcesOf(file: string): string[] {
  const page = read(join(PAGES_DIR, file));
  const sources = [page];
  for (const [, specifier] of page.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
    let base: string | undefined;
    if (specifier!.startsWith('@src/')) base = join(ROOT, 'src', specifier!.slice(5));
    else if (specifier!.startsWith('.') && specifier!.includes('server/'))
      base = resolve(dirname(join(PAGES_DIR, file)), specifier!);
    if (!base) continue;
    const candidates = [base, `${base}.ts`, join(base, 'index.ts')];
    if (existsSync(base) && statSync(base).isDirectory()) {
      candidates.push(...readdirSync(base).map((name) => join(base!, name)));
    }
    for (const candidate of candidates) if (candidate.endsWith('.ts')) sources.push(read(candidate));
  }
  return sources;
}

/** The names `searchParamsSchema` accepts, read from its source so a new filter is fuzzed too. */
function searchNames(): string[] {
  const text = read(join(ROOT, 'src/search/params.ts'));
  const body = text.slice(text.indexOf('export const searchParamsSchema'), text.indexOf('.superRefine'));
  return [...body.matchAll(/^ {4}(\w+):/gm)].map((match) => match[1]!);
}

const unique = (values: string[]) => [...new Set(values)].sort();

/** Every page the fuzzer targets, with what it reads and who may use it. */
export function inventory(): RouteTarget[] {
  const routes = new Map(ROUTES.map((route) => [route.file, route]));
  const everyone = [...ROLES];
  const search = searchNames();
  return pageFiles()
    .sort()
    .map((file) => {
      const route = routes.get(file);
      const sources = sourcesOf(file);
      const all = sources.join('\n');
      const literals = sources.flatMap((text) => [...text.matchAll(LITERAL_READS)].map((m) => m[1]!));
      const names = [...read(join(PAGES_DIR, file)).matchAll(NAME_ATTRIBUTES)].map((m) => m[1]!);
      const readsSearch = /runSearch|runBrowse|searchParamsSchema|parseSearch/.test(all);
      const routeQuery = route ? [...new URL(route.path(fakeIds), 'http://x').searchParams.keys()] : [];
      const roles = (actors: Actor[] | undefined) =>
        actors ? ROLES.filter((role) => role === 'anonymous' || actors.includes(ACTOR_OF[role])) : [];
      const isPublic = PUBLIC_FILES.has(file) || !route;
      // Signing out (or hitting the auth API's sign-out) would end the fuzzer's own sessions.
      const anonymousOnly = file === 'sign-out.ts' || file.startsWith('api/auth/');
      const posts = route?.post !== undefined || /\bPOST\b/.test(all);
      return {
        file,
        segments: segmentsOf(file),
        queryNames: unique([...literals, ...routeQuery, ...(readsSearch ? search : [])]),
        formNames: unique([...literals, ...names, ...Object.keys(route?.post?.form(fakeIds) ?? {})]),
        posts,
        json: file.startsWith('api/'),
        getRoles: anonymousOnly ? ['anonymous'] : isPublic ? everyone : roles(route?.get ?? route?.post?.who),
        postRoles: anonymousOnly ? ['anonymous'] : isPublic ? everyone : roles(route?.post?.who),
        route,
      } satisfies RouteTarget;
    });
}

/** Ids for reading a route's static shape (its query keys, its form's field names). */
const fakeIds = {
  referralId: 'r',
  itemA: 'a',
  itemB: 'b',
  serviceA: 's',
  ownerId: 'o',
  teamNorth: 't',
};
