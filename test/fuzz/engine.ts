/**
 * The fuzzing engine behind `npm run fuzz` (test/fuzz/run.ts) and its short form in CI
 * (test/pages/fuzz.test.ts). Against a running server it signs in one person of each role, makes
 * a referral (for the resident's link), then sends generated hostile inputs (fast-check, seeded,
 * plus the corpus in hostile-inputs.json) in every query parameter, path parameter and form field
 * of every page, as every role that may use it and as someone who may not. Each answer must be
 * below 500, hold no injected element, and come within 2 s; the server must still answer at the end.
 *
 * A failure names the route, role, field and case number; the same seed and count replay it.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { parse } from 'parse5';
import { createAuth, CLIENT_ADDRESS_HEADER, type SignpostAuth } from '../../src/accounts/auth.ts';
import { acceptInvitation, invite } from '../../src/accounts/invitations.ts';
import { TWO_FACTOR_ROLES } from '../../src/accounts/viewer.ts';
import { readConfig, type Config } from '../../src/config.ts';
import type { Service } from '../../src/content/profile.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { hashToken } from '../../src/people/tokens.ts';
import type { Ids } from '../support/routes.ts';
import { sampleOfType } from '../support/sample.ts';
import { injectedHeaders, injectedMarkup, TIME_LIMIT_MS } from './checks.ts';
import { inventory, ROLES, type Role, type RouteTarget, type Segment } from './inventory.ts';
import { totpCode } from '../support/accounts.ts';

// ---------------------------------------------------------------------------------------------
// HTTP: a small client with a cookie jar and a chosen loopback source address (per-address rate
// limits then count each request's address alone; 429s are fine, but we want handlers reached).
// ---------------------------------------------------------------------------------------------

/** A cookie jar as a browser keeps one. */
export class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  update(setCookies: string[]): void {
    for (const cookie of setCookies) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0(;|$)/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  ms: number;
  error?: string;
}

let addressCounter = 0;
/** Loopback addresses of the fuzzer's own (127.77.x.y), one per request in turn. */
const nextAddress = () => {
  const n = addressCounter++ % 60_000;
  return `127.77.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};

function send(
  baseUrl: string,
  rawPath: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; jar?: Jar; timeoutMs?: number },
): Promise<Answer> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...init.headers };
  if (init.jar && init.jar.cookies.size > 0) headers.cookie = init.jar.header();
  if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const done = (answer: Omit<Answer, 'ms'>) => resolvePromise({ ...answer, ms: performance.now() - started });
    let request;
    try {
      request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: rawPath,
          method: init.method ?? 'GET',
          headers,
          localAddress: nextAddress(),
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const responseHeaders = new Headers();
            for (let i = 0; i < response.rawHeaders.length; i += 2) {
              responseHeaders.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
            }
            init.jar?.update(responseHeaders.getSetCookie());
            done({
              status: response.statusCode ?? 0,
              headers: responseHeaders,
              text: Buffer.concat(chunks).toString(),
            });
          });
          response.on('error', (error) => done({ status: 0, headers: new Headers(), text: '', error: String(error) }));
        },
      );
    } catch (error) {
      // Node refused to send it (e.g. a character it will not put in a request line): not the server's fault.
      resolvePromise({ status: -1, headers: new Headers(), text: '', ms: 0, error: String(error) });
      return;
    }
    request.setTimeout(init.timeoutMs ?? 60_000, () => request.destroy(new Error('no answer within 60 s')));
    request.on('error', (error) => done({ status: 0, headers: new Headers(), text: '', error: String(error) }));
    request.end(init.body);
  });
}

const GOOD_PASSWORD = 'lantern orchard pebble violin';

// ---------------------------------------------------------------------------------------------
// The world: one signed-in person per role, a referral link, and real ids and slugs.
// ---------------------------------------------------------------------------------------------

export interface FuzzWorld {
  baseUrl: string;
  jars: Record<Role, Jar>;
  ids: Ids;
  token: string;
  /** Real values for path parameters of public pages. */
  samples: Record<string, string>;
  targets: RouteTarget[];
  /** Signs `role` in again (a fresh session in its jar). */
  renew(role: SignedInRole): Promise<void>;
  /** Forms found on each page (as its first allowed role sees it), for POST bodies. */
  forms: Map<string, [string, string][][]>;
  close(): Promise<void>;
}

/** The session cookie's name (better-auth's `session_token` under our `__Host-` prefix). */
const SESSION_COOKIE = '__Host-signpost.session_token';

const SIGNED_IN = ['connector', 'partner', 'editor', 'admin'] as const;
type SignedInRole = (typeof SIGNED_IN)[number];

const TOKEN_IN_PAGE = /\/r\/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/;

/** Signs people in on the server at `baseUrl` (whose DATA_DIR is `dataDir`) and makes a referral. */
export async function prepareWorld(
  baseUrl: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<FuzzWorld> {
  const config: Config = readConfig({ DATA_DIR: dataDir, SITE_URL: baseUrl, ...env });
  const store: PeopleStore = await createPeopleStore(config);
  const auth: SignpostAuth = createAuth(store, config, { log: () => {} });
  let n = 0;
  const authCall = async (jar: Jar, path: string, body: unknown) => {
    const headers = new Headers({ origin: config.siteUrl, 'content-type': 'application/json' });
    headers.set(CLIENT_ADDRESS_HEADER, `203.0.113.${(++n % 250) + 1}`);
    if (jar.cookies.size > 0) headers.set('cookie', jar.header());
    const response = await auth.handler(
      new Request(`${config.siteUrl}/api/auth${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
    );
    jar.update(response.headers.getSetCookie());
    const json = (await response.json().catch(() => null)) as { twoFactorRedirect?: boolean; totpURI?: string };
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return json;
  };
  const services = sampleOfType<Service>('service').filter((s) => s.status === 'active');
  const serviceA = services[0]!;
  const serviceB = services.find((s) => s.organisation._ref !== serviceA.organisation._ref)!;
  const accountIds: Partial<Record<Role, string>> = {};
  const emails: Partial<Record<Role, string>> = {};
  const totpUris: Partial<Record<Role, string>> = {};
  const jars = Object.fromEntries(ROLES.map((role) => [role, new Jar()])) as Record<Role, Jar>;
  for (const role of SIGNED_IN) {
    const email = `fuzz-${role}-${randomUUID().slice(0, 8)}@example.org`;
    const organisationIds = role === 'partner' ? [serviceA.organisation._ref] : [];
    const { link } = await invite(store, config, { email, role, organisationIds });
    const account = await acceptInvitation(store, auth, {
      token: link.split('/').pop()!,
      name: `Fuzz ${role}`,
      password: GOOD_PASSWORD,
    });
    accountIds[role] = account.id;
    emails[role] = email;
    const jar = jars[role];
    await authCall(jar, '/sign-in/email', { email, password: GOOD_PASSWORD });
    if (TWO_FACTOR_ROLES.includes(role)) {
      const { totpURI } = await authCall(jar, '/two-factor/enable', { password: GOOD_PASSWORD });
      await authCall(jar, '/two-factor/verify-totp', { code: totpCode(totpURI!) });
      totpUris[role] = totpURI;
    }
  }
  const teamNorth = randomUUID();
  await store.db
    .insertInto('team')
    .values({
      id: teamNorth,
      name: 'Fuzz team',
      kind: 'neighbourhood',
      area_slug: 'hackney',
      created_at: new Date().toISOString(),
    } as never)
    .execute();
  await store.db.updateTable('user').set({ team_id: teamNorth }).where('id', '=', accountIds.connector!).execute();

  // The connector's referral, whose link the resident holds.
  const form = (entries: [string, string][]) => ({
    method: 'POST',
    jar: jars.connector,
    headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(entries).toString(),
  });
  for (const service of [serviceA, serviceB]) {
    await send(
      baseUrl,
      '/referrals/basket',
      form([
        ['action', 'add'],
        ['serviceId', service._id],
        ['return', '/'],
      ]),
    );
  }
  const made = await send(
    baseUrl,
    '/referrals/new',
    form([
      ['serviceId', serviceA._id],
      ['serviceId', serviceB._id],
      ['expiryDays', '30'],
    ]),
  );
  const token = TOKEN_IN_PAGE.exec(made.text)?.[1];
  if (!token) throw new Error(`The fuzzer could not make a referral (${made.status})`);
  const referral = (await store.referrals.findByTokenHash(hashToken(token)))!;
  const ids: Ids = {
    referralId: referral.id,
    itemA: referral.items.find((i) => i.organisationId === serviceA.organisation._ref)!.id,
    itemB: referral.items.find((i) => i.organisationId === serviceB.organisation._ref)!.id,
    serviceA: serviceA._id,
    ownerId: accountIds.connector!,
    teamNorth,
  };
  const first = <T>(type: string) => sampleOfType<T>(type)[0]!;
  const slug = (type: string) => first<{ slug: { current: string } }>(type).slug.current;
  const samples: Record<string, string> = {
    '[page].astro:page': slug('page'),
    'areas/[slug].astro:slug': slug('area'),
    'categories/[slug].astro:slug': slug('category'),
    'organisations/[slug].astro:slug': slug('organisation'),
    'services/[slug].astro:slug': serviceA.slug.current,
    'services/[slug].ics.ts:slug': serviceA.slug.current,
    'report/[slug].astro:slug': serviceA.slug.current,
    'r/[token].astro:token': token,
    'api/auth/[...all].ts:all': 'get-session',
    'api/oruk/services/[id].ts:id': serviceA._id,
    'api/oruk/organizations/[id].ts:id': serviceA.organisation._ref,
    'api/oruk/taxonomy_terms/[id].ts:id': first<{ _id: string }>('category')._id,
  };
  const world: FuzzWorld = {
    baseUrl,
    jars,
    ids,
    token,
    samples,
    targets: inventory(),
    forms: new Map(),
    async renew(role) {
      const jar = new Jar();
      const first = await authCall(jar, '/sign-in/email', { email: emails[role], password: GOOD_PASSWORD });
      if (first?.twoFactorRedirect) await authCall(jar, '/two-factor/verify-totp', { code: totpCode(totpUris[role]!) });
      jars[role].cookies.clear();
      for (const [name, value] of jar.cookies) jars[role].cookies.set(name, value);
    },
    close: () => store.close(),
  };
  await discoverForms(world);
  return world;
}

interface Element {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Element[];
  content?: Element;
  value?: string;
}

/** The POST forms of a page that post back to it, as a browser would send each one. */
function postForms(html: string, path: string): [string, string][][] {
  const forms: [string, string][][] = [];
  const attr = (node: Element, name: string) => node.attrs?.find((a) => a.name === name)?.value;
  const collect = (node: Element, into: [string, string][]) => {
    const name = attr(node, 'name');
    if (name && node.tagName === 'input') {
      const type = attr(node, 'type') ?? 'text';
      const checkable = type === 'radio' || type === 'checkbox';
      if (
        !['submit', 'button', 'image', 'reset', 'file'].includes(type) &&
        (!checkable || attr(node, 'checked') !== undefined)
      )
        into.push([name, attr(node, 'value') ?? (checkable ? 'on' : '')]);
    } else if (name && node.tagName === 'select') {
      const options: Element[] = [];
      const gather = (n: Element) => {
        if (n.tagName === 'option') options.push(n);
        n.childNodes?.forEach(gather);
      };
      gather(node);
      const chosen = options.find((o) => attr(o, 'selected') !== undefined) ?? options[0];
      if (chosen) into.push([name, attr(chosen, 'value') ?? '']);
    } else if (name && node.tagName === 'textarea') {
      into.push([name, (node.childNodes ?? []).map((c) => c.value ?? '').join('')]);
    } else if (name && node.tagName === 'button' && attr(node, 'value') !== undefined) {
      into.push([name, attr(node, 'value')!]);
    }
    if (node.tagName !== 'select' && node.tagName !== 'textarea') node.childNodes?.forEach((c) => collect(c, into));
  };
  const walk = (node: Element) => {
    if (node.tagName === 'form') {
      const action = attr(node, 'action') ?? '';
      const target = action === '' ? path : new URL(action, 'http://x').pathname;
      if ((attr(node, 'method') ?? 'get').toLowerCase() === 'post' && target === path.split('?')[0]) {
        const fields: [string, string][] = [];
        collect(node, fields);
        forms.push(fields);
      }
      return;
    }
    node.childNodes?.forEach(walk);
    if (node.content) walk(node.content);
  };
  walk(parse(html) as unknown as Element);
  return forms;
}

async function discoverForms(world: FuzzWorld): Promise<void> {
  for (const target of world.targets) {
    if (!target.posts) continue;
    const role = target.postRoles.find((r) => r !== 'anonymous') ?? 'anonymous';
    const path = validPath(world, target, role);
    const page = await send(world.baseUrl, path, { jar: world.jars[role] });
    const forms =
      page.status === 200 && /html/.test(page.headers.get('content-type') ?? '') ? postForms(page.text, path) : [];
    const base = target.route?.post?.form(world.ids);
    if (base) forms.push(Object.entries(base));
    world.forms.set(target.file, forms.length > 0 ? forms : [[]]);
    for (const fields of forms)
      target.formNames = [...new Set([...target.formNames, ...fields.map(([name]) => name)])].sort();
  }
}

/** A real value for each path parameter: from the private route's own path, or the samples. */
function pathValues(world: FuzzWorld, target: RouteTarget, role: Role): string[] {
  const real = target.route ? new URL(target.route.path(world.ids), 'http://x').pathname.split('/').slice(1) : [];
  return target.segments.map((segment, i) => {
    if ('fixed' in segment) return segment.fixed;
    if (target.file === 'r/[token].astro' && role !== 'resident') return 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ23-45';
    const fromRoute = real[i];
    if (fromRoute !== undefined && real.length === target.segments.length) {
      return fromRoute.slice(segment.before.length, fromRoute.length - segment.after.length);
    }
    return world.samples[`${target.file}:${segment.param}`] ?? randomUUID();
  });
}

const render = (segments: Segment[], values: string[]) =>
  '/' +
  segments
    .map((segment, i) => ('fixed' in segment ? segment.fixed : `${segment.before}${values[i]}${segment.after}`))
    .filter((part) => part !== '')
    .join('/');

function validPath(world: FuzzWorld, target: RouteTarget, role: Role): string {
  const query = target.route ? new URL(target.route.path(world.ids), 'http://x').search : '';
  return (
    render(
      target.segments,
      pathValues(world, target, role).map((v) => encodeURIComponent(v)),
    ) + query
  );
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

// Read rather than imported: Vite's JSON loader refuses the lone surrogates (such as \ud83d) it holds.
const corpus = JSON.parse(readFileSync(new URL('./hostile-inputs.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const CORPUS: string[] = Object.values(corpus).filter(Array.isArray).flat() as string[];

/** A hostile string: the corpus (as is, in mixed case, or run together), random text of every kind, numbers, huge. */
export const hostileValue = (maxHuge: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...CORPUS) },
    { weight: 2, arbitrary: fc.mixedCase(fc.constantFrom(...CORPUS)) },
    {
      weight: 2,
      arbitrary: fc.array(fc.constantFrom(...CORPUS), { minLength: 2, maxLength: 4 }).map((a) => a.join('')),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...CORPUS, 'a', '<fuzz-x1a2>'), fc.integer({ min: 1000, max: maxHuge }))
        .map(([text, length]) => (text || 'x').repeat(Math.ceil(length / Math.max(1, text.length))).slice(0, length)),
    },
  );

/** One generated request, before it is fitted to a route (indices are taken modulo what exists). */
export interface FuzzCase {
  role: number;
  kind: 'query' | 'query-name' | 'path' | 'form' | 'form-huge' | 'json' | 'body';
  /** For `form-huge`: the field's length, up to just under the body limit and past it. */
  huge: number;
  field: number;
  form: number;
  /** Put the value in the URL without percent-encoding it (so `%E0%A4%A` and `../` arrive raw). */
  raw: boolean;
  values: string[];
  body: number;
}

/** An index taken modulo a list: unbiased, so every field gets its share. */
const pick = fc.noBias(fc.nat({ max: 1_000_000 }));

const caseArbitrary: fc.Arbitrary<FuzzCase> = fc.record({
  role: pick,
  kind: fc.constantFrom<FuzzCase['kind']>(
    'query',
    'query',
    'query',
    'query-name',
    'path',
    'path',
    'form',
    'form',
    'form',
    'json',
    'body',
    'form-huge',
  ),
  field: pick,
  form: pick,
  raw: fc.boolean(),
  values: fc.oneof(
    { weight: 4, arbitrary: hostileValue(8000).map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(hostileValue(2000), { minLength: 2, maxLength: 6 }) },
  ),
  body: pick,
  huge: fc.integer({ min: 20_000, max: 160_000 }),
});

/** Bodies a browser would never send: wrong types, broken encodings, broken multipart. */
const MALFORMED_BODIES: { type: string; body: string }[] = [
  { type: 'application/x-www-form-urlencoded', body: '%E0%A4%A=%' },
  { type: 'application/x-www-form-urlencoded', body: '&&&==&=%00' },
  { type: 'application/x-www-form-urlencoded', body: '__proto__[admin]=1&constructor[prototype][x]=1' },
  { type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1' },
  { type: 'multipart/form-data', body: 'no boundary at all' },
  { type: 'multipart/form-data; boundary=', body: '----\r\n\r\n' },
  { type: 'application/json', body: '{"a":' },
  { type: 'application/json', body: '{"__proto__":{"admin":true}}' },
  { type: 'application/json', body: '[1,2,3]' },
  { type: 'application/json', body: 'null' },
  { type: 'text/plain', body: 'action=approve' },
  {
    type: 'application/xml',
    body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  },
  { type: 'application/x-www-form-urlencoded; charset=utf-16', body: 'a=b' },
  { type: '', body: 'a=b' },
];

/** Percent-encodes only what a request line cannot carry, leaving `%`, `/`, `..` and friends raw. */
function rawEncode(text: string, inPath: boolean): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\x21-\x7e]|#/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(inPath ? /\?/g : /(?!)/g, '%3F');
}

function safeEncodeURIComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // Lone surrogates cannot be UTF-8: send them as the replacement character's bytes would be.
    return encodeURIComponent(text.toWellFormed());
  }
}

/** A request ready to send, described so a failure can be replayed by hand. */
export interface PlannedRequest {
  index: number;
  file: string;
  role: Role;
  kind: Exclude<FuzzCase['kind'], 'form-huge'>;
  field: string;
  method: 'GET' | 'POST';
  path: string;
  contentType?: string;
  body?: string;
}

/** Fits a generated case to the inventory: which route, role, field, and the exact request. */
export function plan(world: FuzzWorld, index: number, fuzz: FuzzCase): PlannedRequest {
  // Routes in turn (so each gets its share however few the inputs), roles in turn within a route.
  const target = world.targets[index % world.targets.length]!;
  const round = Math.floor(index / world.targets.length);
  let kind = fuzz.kind;
  let values = fuzz.values;
  if (kind === 'form-huge') {
    const text = values[0] || 'x';
    values = [text.repeat(Math.ceil(fuzz.huge / text.length)).slice(0, fuzz.huge)];
    kind = 'form';
  } else if (kind !== 'form' && kind !== 'json') {
    // A URL longer than Node's 16 KB header limit only meets the 431 answer: keep most shorter.
    values = values.map((value) => value.slice(0, 3000));
  }
  if ((kind === 'form' || kind === 'json' || kind === 'body') && !target.posts) kind = 'query';
  if (kind === 'json' && !target.json) kind = 'form';
  const roles = kind === 'query' || kind === 'query-name' || kind === 'path' ? target.getRoles : target.postRoles;
  const pool: Role[] = roles.length > 0 ? roles : ['anonymous'];
  const role = pool[(round + fuzz.role) % pool.length]!;
  const real = pathValues(world, target, role);
  const baseQuery = target.route ? new URL(target.route.path(world.ids), 'http://x').search.slice(1) : '';
  const pathOf = (segmentValues: string[]) => render(target.segments, segmentValues);
  const realPath = pathOf(real.map(safeEncodeURIComponent));
  const params = target.segments.flatMap((segment, i) => ('fixed' in segment ? [] : [i]));

  if (kind === 'path') {
    const value = values[0]!;
    if (params.length === 0) {
      // No parameters: a hostile extra segment (the not-found page must not echo it as markup).
      const path = `${realPath === '/' ? '' : realPath}/${fuzz.raw ? rawEncode(value, true) : safeEncodeURIComponent(value)}`;
      return { index, file: target.file, role, kind, field: '(extra segment)', method: 'GET', path };
    }
    const at = params[fuzz.field % params.length]!;
    const segment = target.segments[at] as Extract<Segment, { param: string }>;
    const segmentValues = real.map(safeEncodeURIComponent);
    segmentValues[at] = fuzz.raw ? rawEncode(value, !segment.rest) : safeEncodeURIComponent(value);
    const query = baseQuery ? `?${baseQuery}` : '';
    return {
      index,
      file: target.file,
      role,
      kind,
      field: `[${segment.param}]`,
      method: 'GET',
      path: pathOf(segmentValues) + query,
    };
  }
  if (kind === 'query' || kind === 'query-name') {
    const names = target.queryNames.length > 0 ? target.queryNames : ['q'];
    const name = kind === 'query-name' ? values[0]! : names[fuzz.field % names.length]!;
    const pairs = (kind === 'query-name' ? ['1'] : values).map(
      (value) =>
        `${fuzz.raw ? rawEncode(name, false) : safeEncodeURIComponent(name)}=${fuzz.raw ? rawEncode(value, false) : safeEncodeURIComponent(value)}`,
    );
    const query = [baseQuery, ...pairs].filter(Boolean).join('&');
    return {
      index,
      file: target.file,
      role,
      kind,
      field: kind === 'query-name' ? '(param name)' : name,
      method: 'GET',
      path: `${realPath}?${query}`,
    };
  }
  const path = realPath + (baseQuery ? `?${baseQuery}` : '');
  if (kind === 'body') {
    const malformed = MALFORMED_BODIES[fuzz.body % MALFORMED_BODIES.length]!;
    return {
      index,
      file: target.file,
      role,
      kind,
      field: '(body)',
      method: 'POST',
      path,
      contentType: malformed.type,
      body: malformed.body,
    };
  }
  const forms = world.forms.get(target.file) ?? [[]];
  const base = forms[fuzz.form % forms.length]!;
  const names = [...new Set([...base.map(([name]) => name), ...target.formNames])];
  const name = names.length > 0 ? names[fuzz.field % names.length]! : values[0]!;
  // Keep the rest of the form as it was, but never let a destructive action through unfuzzed.
  const entries: [string, string][] = base
    .filter(([field]) => field !== name)
    .map(([field, value]) =>
      field === 'action' && DESTRUCTIVE.test(value) ? [field, `${value}-${values[0]!.slice(0, 20)}`] : [field, value],
    );
  for (const value of values) entries.push([name, value]);
  if (kind === 'json') {
    const json: Record<string, unknown> = Object.fromEntries(entries);
    json[name] = values.length > 1 ? values : values[0];
    return {
      index,
      file: target.file,
      role,
      kind,
      field: name,
      method: 'POST',
      path,
      contentType: 'application/json',
      body: JSON.stringify(json),
    };
  }
  const body = entries.map(([k, v]) => `${safeEncodeURIComponent(k)}=${safeEncodeURIComponent(v)}`).join('&');
  return {
    index,
    file: target.file,
    role,
    kind,
    field: name,
    method: 'POST',
    path,
    contentType: 'application/x-www-form-urlencoded',
    body,
  };
}

/** Form actions that would end sessions (an admin's "end sessions" on a fuzz account), revoke the referral or archive the team mid-run. */
const DESTRUCTIVE = /revoke|archive|sign-out|end-session|deactivat|delete|disable|reset|role|remove|leave/i;

// ---------------------------------------------------------------------------------------------
// Running and checking
// ---------------------------------------------------------------------------------------------

export interface Failure {
  request: PlannedRequest;
  problem: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  failures: Failure[];
  byRoute: Map<string, { requests: number; failures: number }>;
  byStatus: Map<number, number>;
  durations: number[];
  /** Requests Node itself would not send (not counted as requests). */
  unsendable: number;
  /** Requests whose answer replaced or cleared the role's session cookie. */
  sessionChanges: string[];
  /** Sessions found ended mid-run and signed in again. */
  sessionsRenewed: string[];
  /** Roles whose session no longer worked at the end of the run. */
  sessionsLost: Role[];
  /** Requests refused for their size: a head over 16 KB (431) or a body over the limit (413), or reset. */
  tooLarge: number;
  /** Slow answers that were fast when sent again alone (the machine, or the server, was busy). */
  slowThenFast: number;
  /** The slowest of those first answers, in ms. */
  slowestFirstTry: number;
}

/** The server's body limit (BODY_LIMIT_KB, 128 kB unless set). */
const BODY_LIMIT_BYTES = Number(process.env.BODY_LIMIT_KB ?? 128) * 1024;

/** A request the server refuses for its size alone: its head over 16 KB or its body over the limit. */
function isOversized(request: PlannedRequest): boolean {
  return request.path.length > 16_000 || Buffer.byteLength(request.body ?? '') > BODY_LIMIT_BYTES;
}

/** Checks one answer; returns the problems found. */
function problems(request: PlannedRequest, answer: Answer): string[] {
  const found: string[] = [];
  // The error page itself answers 500 when opened directly; what it shows is still checked.
  const expected500 = request.file === '500.astro' && answer.status === 500;
  // Refused while still being sent, so the connection closes under the client: a request head over
  // Node's 16 KB limit (431), or a body over the server's limit (413 at once, then the close).
  const oversized = isOversized(request) && /ECONNRESET|EPIPE/.test(answer.error ?? '');
  if (answer.error?.includes('Header overflow')) found.push('a response header over 16 KB (proxies refuse it)');
  else if (answer.status === 0 && !oversized) found.push(`no answer: ${answer.error}`);
  else if (answer.status >= 500 && !expected500) found.push(`answered ${answer.status}`);
  if (answer.ms > TIME_LIMIT_MS) found.push(`took ${Math.round(answer.ms)} ms`);
  if (/text\/html/.test(answer.headers.get('content-type') ?? '') && answer.text) {
    for (const injected of injectedMarkup(answer.text)) found.push(`injected ${injected}`);
  }
  for (const injected of injectedHeaders(answer.headers)) found.push(`injected ${injected}`);
  return found;
}

function dispatch(world: FuzzWorld, request: PlannedRequest): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'text/html,application/json;q=0.9,*/*;q=0.8' };
  if (request.method === 'POST') {
    headers.origin = world.baseUrl;
    headers['sec-fetch-site'] = 'same-origin';
    if (request.contentType) headers['content-type'] = request.contentType;
  }
  return send(world.baseUrl, request.path, {
    method: request.method,
    headers,
    body: request.body,
    jar: world.jars[request.role],
  });
}

/** The generated cases for a seed, in order (the same seed and count always give the same cases). */
export function cases(seed: number, count: number): FuzzCase[] {
  return fc.sample(caseArbitrary, { seed, numRuns: count });
}

/**
 * Sends `count` generated requests (seeded) with `concurrency` in flight, checks each, then checks
 * the server still answers. A slow answer is sent once more alone before it counts as a failure.
 */
export async function fuzz(
  world: FuzzWorld,
  options: { seed: number; count: number; concurrency?: number; onProgress?: (done: number) => void },
): Promise<FuzzReport> {
  const report: FuzzReport = {
    seed: options.seed,
    requests: 0,
    failures: [],
    byRoute: new Map(world.targets.map((t) => [t.file, { requests: 0, failures: 0 }])),
    byStatus: new Map(),
    durations: [],
    unsendable: 0,
    slowThenFast: 0,
    slowestFirstTry: 0,
    tooLarge: 0,
    sessionsLost: [],
    sessionChanges: [],
    sessionsRenewed: [],
  };
  const planned = cases(options.seed, options.count).map((c, i) => plan(world, i, c));
  // Every 500 requests: anyone whose session has ended is signed in again, and counted.
  let checking: Promise<void> | undefined;
  const keepSignedIn = async () => {
    for (const role of SIGNED_IN) {
      const account = await send(world.baseUrl, '/account', { jar: world.jars[role] });
      if (account.status === 200) continue;
      report.sessionsRenewed.push(`${role} after about ${report.requests} requests`);
      await world.renew(role).catch(() => undefined);
    }
  };
  const slow: PlannedRequest[] = [];
  let next = 0;
  const worker = async () => {
    while (next < planned.length) {
      const request = planned[next++]!;
      const jar = world.jars[request.role];
      const before = new Map(jar.cookies);
      const answer = await dispatch(world, request);
      if (before.has(SESSION_COOKIE) && jar.cookies.get(SESSION_COOKIE) !== before.get(SESSION_COOKIE)) {
        // Said in the summary: which request ended (or replaced) the role's session.
        report.sessionChanges.push(
          `${request.method} ${request.file} as ${request.role} (#${request.index}, ${answer.status})`,
        );
      }
      if (answer.status === -1) {
        report.unsendable++;
        continue;
      }
      if (answer.status === 431 || answer.status === 413 || (answer.status === 0 && isOversized(request))) {
        report.tooLarge++;
      }
      report.requests++;
      report.durations.push(answer.ms);
      report.byStatus.set(answer.status, (report.byStatus.get(answer.status) ?? 0) + 1);
      const route = report.byRoute.get(request.file)!;
      route.requests++;
      const found = problems(request, answer);
      const onlySlow = found.every((problem) => problem.startsWith('took ') || problem.includes('no answer within'));
      if (found.length > 0 && onlySlow) {
        slow.push(request);
        report.slowestFirstTry = Math.max(report.slowestFirstTry, answer.ms);
      } else if (found.length > 0) {
        route.failures++;
        report.failures.push({ request, problem: `${found.join('; ')}${snippet(answer)}` });
      }
      if (report.requests % 500 === 0) {
        options.onProgress?.(report.requests);
        checking ??= keepSignedIn().finally(() => (checking = undefined));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  await checking;
  for (const request of slow) {
    const again = await dispatch(world, request);
    const found = problems(request, again);
    if (found.length > 0) {
      report.byRoute.get(request.file)!.failures++;
      report.failures.push({ request, problem: `over 2 s, and sent again alone: ${found.join('; ')}` });
    } else report.slowThenFast++;
  }
  // A session ended mid-run would have turned later requests as that role into anonymous ones.
  for (const role of SIGNED_IN) {
    const account = await send(world.baseUrl, '/account', { jar: world.jars[role] });
    if (account.status !== 200) report.sessionsLost.push(role);
  }
  const alive = await send(world.baseUrl, '/robots.txt', {});
  if (alive.status !== 200) {
    report.failures.push({
      request: {
        index: -1,
        file: 'robots.txt.ts',
        role: 'anonymous',
        kind: 'query',
        field: '',
        method: 'GET',
        path: '/robots.txt',
      },
      problem: `the server no longer answers after the run (${alive.status} ${alive.error ?? ''})`,
    });
  }
  return report;
}

function snippet(answer: Answer): string {
  if (answer.status < 500) return '';
  const text = answer.text
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? ` (${text.slice(0, 160)})` : '';
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** The report as lines for a terminal: totals, per route, failures with how to replay them. */
export function summary(report: FuzzReport): string[] {
  const sorted = [...report.durations].sort((a, b) => a - b);
  const lines = [
    `seed ${report.seed}: ${report.requests} requests, ${report.failures.length} failures` +
      (report.unsendable ? ` (${report.unsendable} cases Node would not send)` : '') +
      (report.tooLarge ? `; ${report.tooLarge} refused for their size (head over 16 KB or body over the limit)` : ''),
    `time per request: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms` +
      (report.slowThenFast
        ? `; ${report.slowThenFast} answers over 2 s (slowest ${Math.round(report.slowestFirstTry)} ms) were under 2 s when sent again alone`
        : ''),
    `statuses: ${[...report.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(', ')}`,
    ...(report.sessionsLost.length ? [`sessions that ended during the run: ${report.sessionsLost.join(', ')}`] : []),
    ...(report.sessionsRenewed.length
      ? [`sessions found ended and signed in again: ${report.sessionsRenewed.join(', ')}`]
      : []),
    ...report.sessionChanges.slice(0, 5).map((change) => `session cookie cleared or replaced by ${change}`),
    'by route:',
    ...[...report.byRoute].map(
      ([file, r]) =>
        `  ${file.padEnd(42)} ${String(r.requests).padStart(5)}${r.failures ? `  ${r.failures} FAILED` : ''}`,
    ),
  ];
  for (const { request, problem } of report.failures.slice(0, 50)) {
    lines.push(
      `FAIL #${request.index} ${request.method} ${request.file} as ${request.role}, ${request.kind} ${request.field}: ${problem}`,
      `     ${request.path.slice(0, 300)}${request.body ? `  body(${request.contentType}): ${request.body.slice(0, 300)}` : ''}`,
    );
  }
  if (report.failures.length > 50) lines.push(`... and ${report.failures.length - 50} more`);
  return lines;
}
