/**
 * Referrals over HTTP, against a real server of their own on each people store: the connector's
 * form and link, the resident's link page, the provider's pages, reports, and who may reach
 * what. Every state-changing route is also tried from another site.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { Location, Service } from '../../src/content/profile';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { LINK_MISS_LIMIT } from '../../src/referrals/index.ts';
import { setUpOrFailEveryTest, STORE_KINDS } from '../support/databases.ts';
import type { HttpClient, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType, textOf } from '../support/sample';

const confidential = new Set(
  sampleOfType<Location>('location')
    .filter((l) => l.confidential)
    .map((l) => l._id),
);
const active = sampleOfType<Service>('service').filter((s) => s.status === 'active' && s.schedules?.length);
const serviceA = active.find((s) => !s.locations?.some((ref) => confidential.has(ref._ref)))!;
const serviceB = active.find(
  (s) => s.organisation._ref !== serviceA.organisation._ref && s.locations?.some((ref) => confidential.has(ref._ref)),
)!;
const ORG_A = serviceA.organisation._ref;
const ORG_B = serviceB.organisation._ref;

const TOKEN_IN_PAGE = /\/r\/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/;

function form(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString();
}

async function postForm(client: HttpClient, path: string, fields: [string, string][], origin?: string) {
  return client.request(path, {
    method: 'POST',
    body: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
  });
}

describe.each(STORE_KINDS)('referrals over HTTP on %s', (kind) => {
  let world: ReferralWorld;
  let connector: TestAccount;
  let otherConnector: TestAccount;
  let partnerA: TestAccount;
  let partnerB: TestAccount;
  let editor: TestAccount;
  let asConnector: HttpClient;

  setUpOrFailEveryTest(async () => {
    world = await startReferralWorld(kind);
    connector = await world.account('connector');
    otherConnector = await world.account('connector');
    partnerA = await world.account('partner', { organisationIds: [ORG_A] });
    partnerB = await world.account('partner', { organisationIds: [ORG_B] });
    editor = await world.account('editor');
    asConnector = await world.client(connector);
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Adds both services to the connector's list and makes the referral; returns the token and the page. */
  async function makeReferral(client = asConnector, extra: [string, string][] = []) {
    for (const service of [serviceA, serviceB]) {
      const added = await postForm(client, '/referrals/basket', [
        ['action', 'add'],
        ['serviceId', service._id],
        ['return', `/services/${service.slug.current}`],
      ]);
      expect(added.status).toBe(303);
      expect(added.location).toBe(`/services/${service.slug.current}`);
    }
    const page = await postForm(client, '/referrals/new', [
      ['serviceId', serviceA._id],
      ['serviceId', serviceB._id],
      ['note', 'Ask for Jo at the door'],
      ['expiryDays', '30'],
      ...extra,
    ]);
    expect(page.status, textOf(page.html).slice(0, 400)).toBe(200);
    const token = page.html.match(TOKEN_IN_PAGE)![1]!;
    const referral = (await world.store.referrals.findByTokenHash(hashToken(token)))!;
    return { token, referral, page };
  }

  it('shows "Add to referral" to connectors only, and keeps the list in the store', async () => {
    const path = `/services/${serviceA.slug.current}`;
    expect((await (await world.client()).get(path)).html).not.toContain('Add to referral');
    expect((await (await world.client(partnerA)).get(path)).html).not.toContain('Add to referral');
    const page = await asConnector.get(path);
    expect(page.html).toContain('Add to referral');
    expect(page.html).toMatch(/action="\/referrals\/basket"/);
  });

  it('makes one referral from several organisations, shows the link once, and never puts it in a URL', async () => {
    const { token, referral, page } = await makeReferral(asConnector, [
      ['shareContact', 'yes'],
      ['name', 'Sam Resident'],
      ['route', 'phone'],
      ['phone', '020 7946 0321'],
      ['postcode', 'N17 6RA'],
    ]);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.location).toBeNull();
    expect(page.html).toMatch(/<svg role="img" aria-label="QR code[^"]*"[^>]*class="sp-referral-qr"/);
    expect(page.html).toContain('Message to paste into a text or email');
    expect(page.html).toMatch(/<textarea[^>]*id="referral-message"[^>]*>Hello, here is the link/);
    expect(page.html).toContain(`${world.baseUrl}/r/${token}`);
    expect(page.html).toContain('Activities picked for you');
    expect(referral.items.map((i) => i.organisationId)).toEqual([ORG_A, ORG_B]);
    expect(referral.hasContact).toBe(true);
    expect(await world.store.baskets.list(connector.id)).toEqual([]);

    // Sending the same form again makes nothing.
    const again = await postForm(asConnector, '/referrals/new', [
      ['serviceId', serviceA._id],
      ['serviceId', serviceB._id],
    ]);
    expect(again.status).toBe(400);
    expect((await world.store.referrals.listForConnector(connector.id)).length).toBe(1);

    // The list shows it; its page has the timeline.
    const list = await asConnector.get('/referrals');
    expect(list.html).toContain(`/referrals/${referral.id}`);
    const detail = await asConnector.get(`/referrals/${referral.id}`);
    expect(textOf(detail.html)).toContain('Referral made');
    expect(detail.html).not.toContain(token);
  });

  it('asks for consent before keeping contact details, and checks each field', async () => {
    await postForm(asConnector, '/referrals/basket', [
      ['action', 'add'],
      ['serviceId', serviceA._id],
    ]);
    const refused = await postForm(asConnector, '/referrals/new', [
      ['serviceId', serviceA._id],
      ['name', 'Sam'],
      ['route', 'email'],
      ['email', 'sam@example.org'],
    ]);
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('tick the box if they agreed');
    // What was typed comes back, exactly.
    const withNote = await postForm(asConnector, '/referrals/new', [
      ['serviceId', serviceA._id],
      ['note', 'Bring <comfy> shoes'],
      ['expiryDays', '45'],
    ]);
    expect(withNote.html).toMatch(/<textarea[^>]*id="note"[^>]*>Bring &lt;comfy&gt; shoes<\/textarea>/);
    const invalid = await postForm(asConnector, '/referrals/new', [
      ['serviceId', serviceA._id],
      ['shareContact', 'yes'],
      ['route', 'text'],
      ['mobile', '0207 946 0000'],
      ['postcode', 'London'],
    ]);
    expect(invalid.status).toBe(400);
    const text = textOf(invalid.html);
    expect(text).toContain('Enter their name');
    expect(text).toContain('Enter a UK mobile number');
    expect(text).toContain('Enter the first part of their postcode');
    await world.store.baskets.clear(connector.id);
  });

  it('lets the resident open the link with no account; GET changes nothing; answers are POSTs', async () => {
    const { token, referral } = await makeReferral();
    const resident = await world.client();
    const page = await resident.get(`/r/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toBe('noindex');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('<meta name="robots" content="noindex"');
    expect(page.html).toContain('Ask for Jo at the door');
    expect(page.html).toContain(`/services/${serviceA.slug.current}.ics`);
    expect(page.html).toContain('The address is kept private');
    // Nothing on the page loads from anywhere else.
    const resources = [...page.html.matchAll(/<(?:script|img|link|iframe|source)[^>]*\s(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(resources.length).toBeGreaterThan(0);
    for (const url of resources) expect(url, url).toMatch(/^\/(?!\/)/);
    await resident.get(`/r/${token}`);
    expect((await world.store.referrals.events(referral.id)).map((e) => e.kind)).toEqual(['created']);

    const opened = await postForm(resident, `/r/${token}`, [['action', 'opened']]);
    expect(opened.status).toBe(204);
    await postForm(resident, `/r/${token}`, [['action', 'opened']]);
    const itemA = referral.items[0]!;
    const interested = await postForm(resident, `/r/${token}`, [
      ['action', 'interested'],
      ['itemId', itemA.id],
    ]);
    expect(interested.status).toBe(303);
    expect(interested.location).toBe(`/r/${token}#activity-${itemA.id}`);
    expect((await world.store.referrals.events(referral.id)).map((e) => [e.kind, e.actorKind])).toEqual([
      ['created', 'connector'],
      ['opened', 'resident'],
      ['interested', 'resident'],
    ]);
    expect(textOf((await resident.get(`/r/${token}`)).html)).toContain('You said you are interested');
  });

  it('opens a code typed from the card in small letters, with spaces or without dashes', async () => {
    const { token } = await makeReferral();
    const resident = await world.client();
    const plain = token.replace(/-/g, '');
    for (const typed of [
      token.toLowerCase(),
      plain,
      plain.toLowerCase(),
      encodeURIComponent(token.replace(/-/g, ' ')),
    ]) {
      const answer = await resident.get(`/r/${typed}`);
      expect(answer.status, typed).toBe(303);
      expect(answer.location).toBe(`/r/${token}`);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await resident.get(`/r/${token}`)).status).toBe(200);
    // One character wrong is simply not found.
    const wrong = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    expect((await resident.get(`/r/${wrong}`)).status).toBe(404);
  });

  it('keeps links made before codes working', async () => {
    const { referral } = await makeReferral();
    const old = newToken();
    await world.store.referrals.reissue(
      referral.id,
      {
        tokenHash: hashToken(old),
        expiresAt: new Date(Date.now() + 86_400_000),
        status: 'created',
        staysClosed: false,
      },
      { kind: 'connector', userId: connector.id },
    );
    expect((await (await world.client()).get(`/r/${old}`)).status).toBe(200);
  });

  it('links each activity to its listing, names the connector and says what happens next', async () => {
    const { token } = await makeReferral();
    const page = await (await world.client()).get(`/r/${token}`);
    const text = textOf(page.html);
    for (const service of [serviceA, serviceB]) {
      expect(page.html).toContain(`href="/services/${service.slug.current}"`);
    }
    expect(text).toContain(`${connector.name} made this list for you`);
    expect(page.html).toContain(`href="mailto:${connector.email}"`);
    expect(text).toContain('What happens next');
    expect(text).toContain('the organisation that runs the activity sees it');
    // No contact details were shared, so the resident is told to get in touch themselves.
    expect(text).toContain('The organisation does not have your contact details');
    expect(text).toContain('If you change your mind, select “Not for me”');
    // Directions to the public venue only, and calendar links beside the .ics file.
    const publicVenue = sampleOfType<Location>('location').find((l) => l._id === serviceA.locations![0]!._ref)!;
    expect(text).toContain(`Get directions to ${publicVenue.name} on Google Maps`);
    expect(page.html).toContain('https://calendar.google.com/calendar/render?');
    for (const ref of serviceB.locations!.filter((l) => confidential.has(l._ref))) {
      const venue = sampleOfType<Location>('location').find((l) => l._id === ref._ref)!;
      expect(page.html).not.toContain(venue.address.line1);
      expect(text).not.toContain(`Get directions to ${venue.name}`);
    }
  });

  it('says the organisation will get in touch when contact details were shared', async () => {
    const { token } = await makeReferral(asConnector, [
      ['shareContact', 'yes'],
      ['name', 'Sam Resident'],
      ['route', 'phone'],
      ['phone', '020 7946 0321'],
    ]);
    const text = textOf((await (await world.client()).get(`/r/${token}`)).html);
    expect(text).toContain('You agreed to share your contact details, so the organisation will get in touch');
    expect(text).not.toContain('Sam Resident');
  });

  it('prints the typable link and public venue addresses on the card, never a confidential one', async () => {
    const { token, page } = await makeReferral();
    const card = page.html.slice(page.html.indexOf('class="sp-referral-card"'));
    const cardText = textOf(card.slice(0, card.indexOf('</section>')));
    expect(cardText).toContain(`${world.baseUrl}/r/${token}`);
    expect(cardText).toContain('Capital or small letters both work');
    const venueA = sampleOfType<Location>('location').find((l) => l._id === serviceA.locations![0]!._ref)!;
    expect(cardText).toContain(`Where: ${venueA.name}, ${venueA.address.line1}`);
    expect(cardText).toContain(venueA.address.postcode);
    for (const ref of serviceB.locations!.filter((l) => confidential.has(l._ref))) {
      const venue = sampleOfType<Location>('location').find((l) => l._id === ref._ref)!;
      expect(cardText).not.toContain(venue.address.line1);
      expect(cardText).not.toContain(venue.address.postcode);
    }
    expect(cardText).toContain('The address is private');
  });

  it('gives each provider only its own activity, through every route', async () => {
    const { token, referral } = await makeReferral(asConnector, [
      ['shareContact', 'yes'],
      ['name', 'Alex Example'],
      ['route', 'email'],
      ['email', 'alex@example.org'],
    ]);
    const [itemA, itemB] = referral.items;
    const asA = await world.client(partnerA);
    const list = await asA.get('/partner/referrals');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`/partner/referrals/${itemA!.id}`);
    expect(list.html).not.toContain(itemB!.id);
    expect(list.html).not.toContain('Alex Example');
    // The list names who referred.
    expect(textOf(list.html)).toContain(connector.name);

    // Another organisation's activity: not found, whatever is tried.
    expect((await asA.get(`/partner/referrals/${itemB!.id}`)).status).toBe(404);
    for (const action of ['accept', 'decline', 'attended', 'completed', 'did-not-engage']) {
      const tried = await postForm(asA, `/partner/referrals/${itemB!.id}`, [
        ['action', action],
        ['reason', 'no-capacity'],
      ]);
      expect(tried.status, action).toBe(404);
    }
    expect((await asA.get(`/partner/referrals/${referral.id}`)).status).toBe(404);
    expect((await asA.get(`/referrals/${referral.id}`)).status).toBe(403);
    expect((await world.store.referrals.get(referral.id))!.items[1]!.status).toBe('created');
    expect(await world.store.audit.list({ action: 'referral.contact.read', subjectId: itemB!.id })).toEqual([]);

    // Its own: contact details shown, and the read audited.
    const detail = await asA.get(`/partner/referrals/${itemA!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain('Alex Example');
    expect(detail.html).toContain('alex@example.org');
    expect(detail.html).not.toContain('Ask for Jo');
    expect(detail.html).not.toContain(token);
    const audited = await world.store.audit.list({ action: 'referral.contact.read', subjectId: itemA!.id });
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorUserId).toBe(partnerA.id);

    const declined = await postForm(asA, `/partner/referrals/${itemA!.id}`, [['action', 'decline']]);
    expect(declined.status).toBe(400);
    const accepted = await postForm(asA, `/partner/referrals/${itemA!.id}`, [['action', 'accept']]);
    expect(accepted.status).toBe(303);
    const asB = await world.client(partnerB);
    const declinedB = await postForm(asB, `/partner/referrals/${itemB!.id}`, [
      ['action', 'decline'],
      ['reason', 'no-capacity'],
    ]);
    expect(declinedB.status).toBe(303);
    const connectorView = textOf((await asConnector.get(`/referrals/${referral.id}`)).html);
    expect(connectorView).toContain('Accepted');
    expect(connectorView).toContain('No capacity');
  });

  it('keeps each connector to their own referrals', async () => {
    const { token, referral } = await makeReferral();
    const other = await world.client(otherConnector);
    expect((await other.get(`/referrals/${referral.id}`)).status).toBe(404);
    expect((await other.get('/referrals')).html).not.toContain(referral.id);
    expect((await postForm(other, `/referrals/${referral.id}`, [['action', 'revoke']])).status).toBe(404);
    expect(
      (
        await postForm(other, `/referrals/${referral.id}`, [
          ['action', 'reissue'],
          ['expiryDays', '7'],
        ])
      ).status,
    ).toBe(404);
    expect((await world.store.referrals.get(referral.id))!.revokedAt).toBeNull();
    expect((await (await world.client()).get(`/r/${token}`)).status).toBe(200);
  });

  it('revokes and re-issues links; a dead link still helps find support', async () => {
    const { token, referral } = await makeReferral();
    const revoked = await postForm(asConnector, `/referrals/${referral.id}`, [['action', 'revoke']]);
    expect(revoked.status).toBe(303);
    const resident = await world.client();
    const gone = await resident.get(`/r/${token}`);
    expect(gone.status).toBe(410);
    expect(gone.html).toMatch(/<form[^>]*action="\/search"/);
    expect(gone.html).toContain('href="/urgent-help"');
    expect(gone.headers.get('x-robots-tag')).toBe('noindex');
    expect((await postForm(resident, `/r/${token}`, [['action', 'opened']])).status).toBe(410);

    const reissued = await postForm(asConnector, `/referrals/${referral.id}`, [
      ['action', 'reissue'],
      ['expiryDays', '14'],
    ]);
    expect(reissued.status).toBe(200);
    expect(reissued.headers.get('cache-control')).toBe('no-store');
    const fresh = reissued.html.match(TOKEN_IN_PAGE)![1]!;
    expect(fresh).not.toBe(token);
    expect((await resident.get(`/r/${fresh}`)).status).toBe(200);
    expect((await resident.get(`/r/${token}`)).status).toBe(404);
    const kinds = (await world.store.referrals.events(referral.id)).map((e) => e.kind);
    expect(kinds).toEqual(['created', 'revoked', 'reissued']);
  });

  it('answers 429 to every link from an address after 10 wrong ones', async () => {
    const { token } = await makeReferral();
    const guesser = await world.client();
    for (let i = 0; i < LINK_MISS_LIMIT.max; i += 1) {
      const miss = await guesser.get(`/r/${newToken()}`);
      expect(miss.status).toBe(404);
      expect(miss.html).toMatch(/<form[^>]*action="\/search"/);
    }
    const blocked = await guesser.get(`/r/${token}`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(textOf(blocked.html)).toContain('Too many tries');
    expect((await (await world.client()).get(`/r/${token}`)).status).toBe(200);
  });

  it('refuses every state-changing route from another site, form or JSON, and changes nothing', async () => {
    const { token, referral } = await makeReferral(asConnector, [
      ['shareContact', 'yes'],
      ['name', 'Kim'],
      ['route', 'phone'],
      ['phone', '02079460999'],
    ]);
    const item = referral.items[0]!;
    const asA = await world.client(partnerA);
    const routes: [HttpClient, string, [string, string][]][] = [
      [
        asConnector,
        '/referrals/basket',
        [
          ['action', 'add'],
          ['serviceId', serviceA._id],
        ],
      ],
      [asConnector, '/referrals/new', [['serviceId', serviceA._id]]],
      [asConnector, `/referrals/${referral.id}`, [['action', 'revoke']]],
      [asConnector, `/referrals/${referral.id}`, [['action', 'reissue']]],
      [await world.client(), `/r/${token}`, [['action', 'opened']]],
      [
        await world.client(),
        `/r/${token}`,
        [
          ['action', 'interested'],
          ['itemId', item.id],
        ],
      ],
      [asA, `/partner/referrals/${item.id}`, [['action', 'accept']]],
    ];
    for (const [client, path, fields] of routes) {
      const asForm = await postForm(client, path, fields, 'https://evil.example');
      expect(asForm.status, `form ${path}`).toBe(403);
      const asJson = await client.request(path, {
        method: 'POST',
        body: JSON.stringify(Object.fromEntries(fields)),
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      });
      expect(asJson.status, `JSON ${path}`).toBe(403);
      const noOrigin = await client.request(path, {
        method: 'POST',
        body: form(fields),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        origin: null,
      });
      expect(noOrigin.status, `no origin ${path}`).toBe(403);
    }
    const after = (await world.store.referrals.get(referral.id))!;
    expect(after.revokedAt).toBeNull();
    expect(after.items[0]!.status).toBe('created');
    expect((await world.store.referrals.events(referral.id)).map((e) => e.kind)).toEqual(['created']);
    expect(await world.store.baskets.list(connector.id)).toEqual([]);
  });

  it('lets only editors and admins see reports: charts, tables and CSV, counts only', async () => {
    const anonymous = await world.client();
    expect((await anonymous.get('/reports')).status).toBe(303);
    expect((await anonymous.get('/reports/by-category.csv')).status).toBe(303);
    expect((await asConnector.get('/reports')).status).toBe(403);
    expect((await (await world.client(partnerA)).get('/reports/funnel.csv')).status).toBe(403);
    const asEditor = await world.client(editor);
    const page = await asEditor.get('/reports');
    expect(page.status).toBe(200);
    expect(page.html.match(/<svg[^>]*class="sp-chart"/g)!.length).toBeGreaterThanOrEqual(5);
    expect(page.html).toMatch(/<caption[^>]*>[^<]*the numbers<\/caption>/);
    expect(page.html).toContain('scope="row"');
    expect(page.html).not.toMatch(/Sam Resident|Alex Example|Kim/);
    for (const file of ['by-category', 'by-area', 'by-month', 'funnel', 'response-times']) {
      const csv = await asEditor.get(`/reports/${file}.csv`);
      expect(csv.status, file).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.html).toMatch(/\r\n$/);
      expect(csv.html).not.toMatch(/Sam|Alex|Kim|example\.org/);
    }
    expect((await asEditor.get('/reports/nothing.csv')).status).toBe(404);
    expect((await asEditor.get('/referrals/overdue')).status).toBe(200);
    expect((await asConnector.get('/referrals/overdue')).status).toBe(403);
  });

  it('says how fast a service usually answers once 5 referrals were answered', async () => {
    const path = `/services/${serviceA.slug.current}`;
    const asA = await world.client(partnerA);
    for (let i = 0; i < 5; i += 1) {
      const { referral } = await makeReferral();
      const item = referral.items[0]!;
      if (item.status === 'created') await postForm(asA, `/partner/referrals/${item.id}`, [['action', 'accept']]);
    }
    // Public pages are cached for up to a minute (docs/decisions.md), so ask for a fresh render.
    expect(textOf((await (await world.client()).get(`${path}?answered=5`)).html)).toContain(
      'Usually responds to referrals within 1 working day',
    );
  });

  it('logs no link, name, email address or phone number', async () => {
    const log = await readFile(world.log, 'utf8');
    expect(log).not.toMatch(/\/r\/(?:[A-Za-z0-9_-]{43}|[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/);
    expect(log).not.toMatch(/Sam Resident|Alex Example|alex@example\.org|020 ?7946/);
  });
});
