/**
 * The six kinds of page issue 10 sets budgets for, on a running server with the sample data:
 * home, search, a service page, a map (search results on a map), a resident's referral link and
 * a partner's page. Makes what the last two need (a connector and their referral link, a
 * partner and their session) in the server's own people store (`node:sqlite` in its DATA_DIR).
 * Free of vitest, so `npm run bench:lighthouse` uses it too.
 */
import { createAuth, CLIENT_ADDRESS_HEADER } from '../../src/accounts/auth.ts';
import { acceptInvitation, invite } from '../../src/accounts/invitations.ts';
import { TWO_FACTOR_ROLES } from '../../src/accounts/viewer.ts';
import { readConfig } from '../../src/config.ts';
import type { Location, Service } from '../../src/content/profile';
import type { Role } from '../../src/people/schema.ts';
import { createPeopleStore } from '../../src/people/store.ts';
import { sampleOfType } from './sample.ts';
import { totpCode } from './accounts.ts';

export interface BudgetPage {
  name: 'home' | 'search' | 'service' | 'map' | 'referral' | 'partner';
  path: string;
  /** Request headers the page needs (the partner's session cookie). */
  headers: Record<string, string>;
}

const publicVenues = new Set(
  sampleOfType<Location>('location')
    .filter((location) => !location.confidential && location.position)
    .map((location) => location._id),
);
/** An active service with a public venue (so its page shows a map of it) and sessions. */
export const budgetService = sampleOfType<Service>('service').find(
  (service) =>
    service.status === 'active' &&
    service.schedules?.length &&
    service.locations?.some((l) => publicVenues.has(l._ref)),
)!;

/** A search that finds services at public venues, so the results come with their map. */
export const MAP_SEARCH = '/search?q=cafe';

const PASSWORD = 'lantern orchard pebble violin';

/** Cookies from Set-Cookie headers, as one Cookie header. */
function cookieHeader(setCookies: string[], jar = new Map<string, string>()): string {
  for (const cookie of setCookies) {
    const [pair = ''] = cookie.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/**
 * Makes the referral link and the partner session, and returns the six pages. `dataDir` is the
 * server's DATA_DIR; `env` holds any settings it was started with (AUTH_SECRET, say).
 */
export async function budgetPages(
  baseUrl: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<BudgetPage[]> {
  const config = readConfig({ ...env, DATA_DIR: dataDir, SITE_URL: baseUrl });
  const store = await createPeopleStore(config);
  const auth = createAuth(store, config, { log: () => {} });
  let address = 0;
  try {
    /** Signs a new account in through the server's own auth (same store and secret): its cookies. */
    const signedIn = async (role: Role, organisationIds: string[] = []) => {
      const email = `budget-${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
      const { link } = await invite(store, config, { email, role, organisationIds });
      await acceptInvitation(store, auth, {
        token: link.split('/').pop()!,
        name: `Budget ${role}`,
        password: PASSWORD,
      });
      const jar = new Map<string, string>();
      const from = `192.0.2.${++address}`;
      const call = async (path: string, body: unknown) => {
        const headers = new Headers({ origin: config.siteUrl, 'content-type': 'application/json' });
        headers.set(CLIENT_ADDRESS_HEADER, from);
        if (jar.size > 0) headers.set('cookie', cookieHeader([], jar));
        const response = await auth.handler(
          new Request(`${config.siteUrl}/api/auth${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
        );
        cookieHeader(response.headers.getSetCookie(), jar);
        const json = (await response.json().catch(() => null)) as any;
        if (!response.ok) throw new Error(`${path} answered ${response.status}`);
        return json;
      };
      await call('/sign-in/email', { email, password: PASSWORD });
      if (TWO_FACTOR_ROLES.includes(role)) {
        const { totpURI } = await call('/two-factor/enable', { password: PASSWORD });
        await call('/two-factor/verify-totp', { code: totpCode(totpURI) });
      }
      return cookieHeader([], jar);
    };

    const post = async (cookie: string, path: string, fields: [string, string][]) => {
      const response = await fetch(new URL(path, baseUrl), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      return { status: response.status, html: await response.text() };
    };
    const connector = await signedIn('connector');
    await post(connector, '/referrals/basket', [
      ['action', 'add'],
      ['serviceId', budgetService._id],
    ]);
    const made = await post(connector, '/referrals/new', [
      ['serviceId', budgetService._id],
      ['expiryDays', '30'],
    ]);
    const token = made.html.match(/\/r\/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/)?.[1];
    if (made.status !== 200 || !token) throw new Error(`Making a referral link answered ${made.status}`);
    const partner = await signedIn('partner', [budgetService.organisation._ref]);

    return [
      { name: 'home', path: '/', headers: {} },
      { name: 'search', path: '/search', headers: {} },
      { name: 'service', path: `/services/${budgetService.slug.current}`, headers: {} },
      { name: 'map', path: MAP_SEARCH, headers: {} },
      { name: 'referral', path: `/r/${token}`, headers: {} },
      { name: 'partner', path: '/partner/referrals', headers: { cookie: partner } },
    ];
  } finally {
    await store.close();
  }
}
