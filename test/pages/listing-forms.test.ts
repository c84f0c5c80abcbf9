/**
 * Every part of a listing a partner keeps right, through the real pages without JavaScript:
 * sessions (weekly, every other week, the nth weekday of the month, several of them), contacts,
 * venues, the organisation, new services and venues, and editors publishing in one step. Each
 * form sent back unchanged changes nothing, so nothing is lost by a round trip through it.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location, Organisation, Service } from '../../src/content/profile';
import type { StoredDocument } from '../../src/content/dataset';
import type { HttpClient, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType, textOf } from '../support/sample';
import { formEntries, valueOf, withValues, type FormEntries } from '../support/forms.ts';
import { formatDate, londonDateOf } from '../../src/schedules';

const locations = sampleOfType<Location>('location');
const service = sampleOfType<Service>('service').find(
  (s) =>
    s.status === 'active' &&
    (s.schedules?.length ?? 0) >= 1 &&
    (s.contacts?.length ?? 0) >= 1 &&
    (s.locations?.length ?? 0) >= 1 &&
    locations.some((l) => l._id === s.locations![0]!._ref && !l.confidential),
)!;
const ORG = service.organisation._ref;
const organisation = sampleOfType<Organisation>('organisation').find((o) => o._id === ORG)!;
const venue = locations.find((l) => l._id === service.locations![0]!._ref)!;
const otherOrg = sampleOfType<Organisation>('organisation').find((o) => o._id !== ORG)!;

let world: ReferralWorld;
let partner: TestAccount;
let stranger: TestAccount;
let editor: TestAccount;

beforeAll(async () => {
  world = await startReferralWorld('sqlite');
  partner = await world.account('partner', { organisationIds: [ORG] });
  stranger = await world.account('partner', { organisationIds: [otherOrg._id] });
  editor = await world.account('editor');
}, 120_000);
afterAll(() => world?.close());

const detailsForm = (html: string) => formEntries(html, 'value="save"');

async function published(id: string): Promise<StoredDocument | undefined> {
  const text = await readFile(`${world.config.dataDir}/content/dataset.ndjson`, 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as StoredDocument)
    .find((document) => document._id === id);
}

async function approveLatest(documentId: string): Promise<void> {
  const change = (await world.store.contentChanges.list({ status: 'pending', documentId }))[0]!;
  const reviewer = await world.client(editor);
  const page = await reviewer.get(`/editor/changes/${change.id}`);
  const approved = await reviewer.post(`/editor/changes/${change.id}`, formEntries(page.html, 'value="approve"'));
  expect(approved.status).toBe(303);
}

async function send(client: HttpClient, path: string, entries: FormEntries) {
  const response = await client.post(path, entries);
  return { ...response, text: textOf(response.html) };
}

describe('a partner’s forms', () => {
  it('change nothing when sent back as they are: service, venue and organisation', async () => {
    const client = await world.client(partner);
    for (const id of [service._id, venue._id, ORG]) {
      const page = await client.get(`/partner/listings/${id}`);
      expect(page.status).toBe(200);
      const sent = await send(client, `/partner/listings/${id}`, detailsForm(page.html));
      const recorded = (await world.store.contentChanges.list({ documentId: id }))[0];
      expect(sent.status, `changed: ${recorded?.fields.join(', ')}`).toBe(400);
      expect(sent.text).toContain('Nothing was changed');
    }
  });

  it('add a last-Friday-of-the-month and an every-other-week session, remove one, with each problem at its row', async () => {
    const client = await world.client(partner);
    const path = `/partner/listings/${service._id}`;
    const page = await client.get(path);
    const rows = Number(valueOf(detailsForm(page.html), 'schedules-rows'));
    const blank = rows - 1;

    // "Add another session" keeps what was typed, adds a blank row and saves nothing.
    const added = await send(
      client,
      path,
      withValues(detailsForm(page.html), {
        action: 'add-schedule',
        [`schedules-${blank}-frequency`]: 'monthly',
        [`schedules-${blank}-day`]: 'friday',
        [`schedules-${blank}-weekOfMonth`]: '-1',
        [`schedules-${blank}-opensAt`]: '14:00',
        [`schedules-${blank}-closesAt`]: '16:00',
      }),
    );
    expect(added.status).toBe(200);
    const afterAdd = detailsForm(added.html);
    expect(Number(valueOf(afterAdd, 'schedules-rows'))).toBe(rows + 2);
    expect(valueOf(afterAdd, `schedules-${blank}-weekOfMonth`)).toBe('-1');
    expect(await world.store.contentChanges.list({ documentId: service._id })).toHaveLength(0);

    // An every-other-week session needs a date it runs on; the message is at that row's field.
    const next = rows;
    const missing = await send(
      client,
      path,
      withValues(afterAdd, {
        [`schedules-${next}-frequency`]: 'fortnightly',
        [`schedules-${next}-day`]: 'tuesday',
        [`schedules-${next}-opensAt`]: '18:00',
        [`schedules-${next}-closesAt`]: '17:00',
      }),
    );
    expect(missing.status).toBe(400);
    expect(missing.html).toContain(`href="#schedules-${next}-validFrom"`);
    expect(missing.html).toContain(`href="#schedules-${next}-closesAt"`);
    expect(missing.text).toContain('closes before it opens');

    const sent = await client.post(
      path,
      withValues(detailsForm(missing.html), {
        [`schedules-${next}-closesAt`]: '19:30',
        [`schedules-${next}-validFrom`]: '2026-12-08',
        'schedules-0-remove': 'yes',
      }),
    );
    expect(sent.status).toBe(303);

    const change = (await world.store.contentChanges.list({ status: 'pending', documentId: service._id }))[0]!;
    expect(change.fields).toContain('schedules');
    const review = textOf((await (await world.client(editor)).get(`/editor/changes/${change.id}`)).html);
    expect(review).toMatch(/Sessions.*Friday 14:00/);
    expect(review).toMatch(/Sessions.*Tuesday 18:00/);
    expect(review).toContain('(removed)');
    await approveLatest(service._id);

    const now = (await published(service._id))!;
    const schedules = now.schedules as Record<string, unknown>[];
    expect(schedules.find((s) => s._key === service.schedules![0]!._key)).toBeUndefined();
    expect(schedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ frequency: 'monthly', day: 'friday', weekOfMonth: -1, opensAt: '14:00' }),
        expect.objectContaining({ frequency: 'fortnightly', day: 'tuesday', validFrom: '2026-12-08' }),
      ]),
    );
    const servicePage = textOf(
      await fetch(new URL(`/services/${service.slug.current}`, world.baseUrl)).then((r) => r.text()),
    );
    expect(servicePage).toContain('Last Friday of the month');
  });

  it('refuse a contact with no phone number or email, and remove a contact', async () => {
    const client = await world.client(partner);
    const path = `/partner/listings/${service._id}`;
    const form = detailsForm((await client.get(path)).html);
    const blank = Number(valueOf(form, 'contacts-rows')) - 1;
    const refused = await send(client, path, withValues(form, { [`contacts-${blank}-name`]: 'Ayesha' }));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(`href="#contacts-${blank}"`);
    expect(refused.text).toContain('a contact needs a phone number or email');
    const sent = await client.post(
      path,
      withValues(form, {
        [`contacts-${blank}-name`]: 'Ayesha',
        [`contacts-${blank}-email`]: 'ayesha@example.org',
        'contacts-0-remove': 'yes',
      }),
    );
    expect(sent.status).toBe(303);
    await approveLatest(service._id);
    const contacts = (await published(service._id))!.contacts as Record<string, unknown>[];
    expect(contacts.map((c) => c._key)).not.toContain(service.contacts![0]!._key);
    expect(contacts).toEqual(expect.arrayContaining([expect.objectContaining({ email: 'ayesha@example.org' })]));
  });

  it('move a venue to its new postcode district, and refuse a district outside the directory', async () => {
    const client = await world.client(partner);
    const path = `/partner/listings/${venue._id}`;
    const form = detailsForm((await client.get(path)).html);
    const outside = await send(client, path, withValues(form, { 'address-postcode': 'EH1 1YZ' }));
    expect(outside.status).toBe(400);
    expect(outside.html).toContain('href="#address-postcode"');
    expect(outside.text).toContain('EH1 is not a postcode district this directory covers');
    const badArea = await send(client, path, withValues(form, { area: 'not-an-area' }));
    expect(badArea.status).toBe(400);
    expect(badArea.html).toContain('href="#area"');

    const moved = venue.address.postcode.startsWith('E8') ? 'N16 7UX' : 'E8 1DY';
    expect(
      (await client.post(path, withValues(form, { 'address-postcode': moved, directions: 'Ring the <b>bell</b>' })))
        .status,
    ).toBe(303);
    await approveLatest(venue._id);
    const now = (await published(venue._id))!;
    expect((now.address as { postcode: string }).postcode).toBe(moved);
    expect(now.position).not.toEqual(venue.position);
    expect(now.directions).toBe('Ring the <b>bell</b>');
  });

  it('change the organisation’s own details', async () => {
    const client = await world.client(partner);
    const path = `/partner/listings/${ORG}`;
    const form = detailsForm((await client.get(path)).html);
    const refused = await send(client, path, withValues(form, { website: 'not a web address' }));
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('href="#website"');
    const description = `${organisation.description} We now also run a Saturday walking group.`;
    expect((await client.post(path, withValues(form, { description }))).status).toBe(303);
    await approveLatest(ORG);
    expect((await published(ORG))!.description).toBe(description);
  });
});

describe('new listings', () => {
  it('a partner proposes a new service, unseen by the public until an editor approves it', async () => {
    const client = await world.client(partner);
    const page = await client.get(`/partner/listings/new?type=service&organisation=${ORG}`);
    expect(page.status).toBe(200);
    const form = detailsForm(page.html);
    const id = valueOf(form, 'documentId')!;
    const empty = await send(client, '/partner/listings/new?type=service&organisation=' + ORG, form);
    expect(empty.status).toBe(400);
    for (const field of ['name', 'summary', 'description', 'forWhom', 'categories', 'areas']) {
      expect(empty.html).toContain(`href="#${field}"`);
    }
    const filled = withValues(detailsForm(empty.html), {
      name: 'Zephyrine knitting circle',
      summary: 'A friendly knitting circle for anyone who wants company and a cup of tea',
      description:
        'Bring your own needles or borrow ours. We knit, chat and share patterns; beginners are very welcome and nobody minds dropped stitches.',
      forWhom: 'Adults of any age',
      categories: service.categories[0]!._ref,
      areas: service.areas[0]!._ref,
      locations: venue._id,
      email: 'knitting@example.org',
      'schedules-0-frequency': 'weekly',
      'schedules-0-day': 'thursday',
      'schedules-0-opensAt': '10:00',
      'schedules-0-closesAt': '12:00',
    });
    const sent = await client.post(`/partner/listings/new?type=service&organisation=${ORG}`, filled);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/partner/listings/${id}?saved=details`);
    const change = (await world.store.contentChanges.list({ documentId: id }))[0]!;
    expect(change).toMatchObject({ kind: 'new', status: 'pending', organisationId: ORG });
    // The partner carries on editing the draft; the public sees nothing yet.
    expect((await client.get(`/partner/listings/${id}`)).status).toBe(200);
    const search = () =>
      fetch(new URL('/api/search?q=zephyrine', world.baseUrl)).then(
        (r) => r.json() as Promise<{ results: { name: string }[] }>,
      );
    expect((await search()).results).toHaveLength(0);
    await approveLatest(id);
    const live = (await published(id))!;
    expect(live.name).toBe('Zephyrine knitting circle');
    const slug = (live.slug as { current: string }).current;
    expect(slug).toMatch(/^zephyrine-knitting-circle-/);
    expect((await fetch(new URL(`/services/${slug}`, world.baseUrl))).status).toBe(200);
    await expect.poll(async () => (await search()).results.length, { timeout: 5000 }).toBe(1);
  });

  it('a partner adds a venue; nobody proposes listings for another organisation', async () => {
    const client = await world.client(partner);
    const path = `/partner/listings/new?type=location&organisation=${ORG}`;
    const form = detailsForm((await client.get(path)).html);
    const sent = await client.post(
      path,
      withValues(form, {
        name: 'Quillfeather Community Hall',
        'address-line1': '1 Example Road',
        'address-city': 'London',
        'address-postcode': 'N17 6RA',
        area: venue.area._ref,
      }),
    );
    expect(sent.status).toBe(303);
    const id = /\/partner\/listings\/([^?]+)/.exec(sent.location!)![1]!;
    expect((await world.store.contentChanges.list({ documentId: id }))[0]).toMatchObject({ kind: 'new' });

    const other = await world.client(stranger);
    expect((await other.get(`/partner/listings/new?type=service&organisation=${ORG}`)).status).toBe(404);
    expect((await other.post(`/partner/listings/new?type=service&organisation=${ORG}`, form)).status).toBe(404);
    expect((await other.get(`/partner/listings/${id}`)).status).toBe(404);
    // Their own organisation's form, aimed at an existing listing of someone else's: refused, nothing written.
    const own = detailsForm((await other.get(`/partner/listings/new?type=location&organisation=${otherOrg._id}`)).html);
    const hijack = await other.post(
      `/partner/listings/new?type=location&organisation=${otherOrg._id}`,
      withValues(own, {
        documentId: venue._id,
        name: 'Taken over',
        'address-line1': '1 Example Road',
        'address-city': 'London',
        'address-postcode': 'N17 6RA',
        area: venue.area._ref,
      }),
    );
    expect(hijack.status).toBeGreaterThanOrEqual(400);
    expect((await published(venue._id))!.name).not.toBe('Taken over');
  });
});

describe('editors in the portal', () => {
  it('publish in one step, confirming a flagged phone number first', async () => {
    const client = await world.client(editor);
    const path = `/partner/listings/${service._id}`;
    const form = detailsForm((await client.get(path)).html);
    const description = `${service.description} Call us on 020 7946 0123 to book.`;
    const unchecked = await send(client, path, withValues(form, { action: 'publish', description }));
    expect(unchecked.status).toBe(400);
    expect(unchecked.html).toContain('href="#flagsChecked"');
    expect(await world.store.contentChanges.list({ status: 'pending', documentId: service._id })).toHaveLength(0);
    const sent = await client.post(path, withValues(form, { action: 'publish', description, flagsChecked: 'yes' }));
    expect(sent.status).toBe(303);
    expect((await published(service._id))!.description).toBe(description);
    expect(await world.store.audit.list({ action: 'listing.approve', subjectId: service._id })).not.toHaveLength(0);
  });

  it('approve a partner’s flagged change only once they confirm the check', async () => {
    const client = await world.client(partner);
    const path = `/partner/listings/${service._id}`;
    const form = detailsForm((await client.get(path)).html);
    const summary = 'Peer support; if you are in crisis call the Samaritans on 116 123';
    expect((await client.post(path, withValues(form, { summary }))).status).toBe(303);
    const change = (await world.store.contentChanges.list({ status: 'pending', documentId: service._id }))[0]!;
    expect(change.flags).toEqual(expect.arrayContaining(['phone-number', 'crisis']));
    const reviewer = await world.client(editor);
    const page = await reviewer.get(`/editor/changes/${change.id}`);
    const approve = formEntries(page.html, 'value="approve"');
    const refused = await reviewer.post(`/editor/changes/${change.id}`, approve);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('href="#flagsChecked"');
    const approved = await reviewer.post(`/editor/changes/${change.id}`, withValues(approve, { flagsChecked: 'yes' }));
    expect(approved.status).toBe(303);
    expect((await published(service._id))!.summary).toBe(summary);
  });

  it('see when the urgent help page was last reviewed, in the queue', async () => {
    const queue = textOf((await (await world.client(editor)).get('/editor/changes')).html);
    expect(queue).toMatch(/The urgent help page was last reviewed on \d+ \w+ \d{4}/);
  });
});

describe('closures of one venue', () => {
  const liveForm = (html: string) => formEntries(html, 'value="live"');
  const path = `/partner/listings/${service._id}`;
  const today = londonDateOf(new Date());
  const inTenDays = londonDateOf(new Date(Date.now() + 10 * 86_400_000));

  it('offer "All venues" and the service’s own venues only', async () => {
    const client = await world.client(partner);
    const page = await client.get(path);
    const row = Number(valueOf(liveForm(page.html), 'closures-rows')) - 1;
    const select = page.html.match(new RegExp(`<select[^>]*name="closures-${row}-location"[\\s\\S]*?</select>`))?.[0];
    expect(select).toBeDefined();
    const offered = [...select!.matchAll(/<option value="([^"]*)"/g)].map((match) => match[1]);
    expect(offered[0]).toBe('');
    expect(select).toContain('>All venues</option>');
    expect(offered.slice(1).sort()).toEqual(
      service
        .locations!.map((ref) => ref._ref)
        .filter((id) => locations.some((l) => l._id === id && l.organisation._ref === ORG))
        .sort(),
    );
  });

  it('refuse a venue that is not one of the service’s, at that row’s venue field', async () => {
    const client = await world.client(partner);
    const page = await client.get(path);
    const fields = liveForm(page.html);
    const row = Number(valueOf(fields, 'closures-rows')) - 1;
    const elsewhere = locations.find((l) => !service.locations!.some((ref) => ref._ref === l._id))!;
    const sent = await send(
      client,
      path,
      withValues(fields, {
        [`closures-${row}-from`]: today,
        [`closures-${row}-reason`]: 'Boiler repairs',
        [`closures-${row}-location`]: elsewhere._id,
      }),
    );
    expect(sent.status).toBe(400);
    expect(sent.html).toContain(`href="#closures-${row}-location"`);
    expect(sent.text).toContain("choose one of the service's venues, or all venues");
  });

  it('publish a venue closure at once, say so on the cards, and keep it through a round trip', async () => {
    const client = await world.client(partner);
    const page = await client.get(path);
    const fields = liveForm(page.html);
    const row = Number(valueOf(fields, 'closures-rows')) - 1;
    const sent = await client.post(
      path,
      withValues(fields, {
        [`closures-${row}-from`]: today,
        [`closures-${row}-to`]: inTenDays,
        [`closures-${row}-reason`]: 'Boiler repairs',
        [`closures-${row}-location`]: venue._id,
      }),
    );
    expect(sent.status).toBe(303);
    const closures = (await published(service._id))!.closures as Record<string, unknown>[];
    expect(closures).toContainEqual(
      expect.objectContaining({
        from: today,
        to: inTenDays,
        reason: 'Boiler repairs',
        location: { _type: 'reference', _ref: venue._id },
      }),
    );

    // The card in search results names the venue and the day it opens again.
    const results = await fetch(new URL(`/search?q=${encodeURIComponent(service.name)}`, world.baseUrl)).then((r) =>
      r.text(),
    );
    const card = results.slice(results.indexOf(`href="/services/${service.slug.current}"`));
    const reopens = formatDate(londonDateOf(new Date(Date.now() + 11 * 86_400_000)), {
      year: inTenDays.slice(0, 4) !== today.slice(0, 4),
    });
    expect(textOf(card.slice(0, card.indexOf('</li>')))).toContain(`Closed at ${venue.name} until ${reopens}`);

    // Sent back as it stands, the venue is still chosen: nothing changes.
    const again = await client.get(path);
    const unchanged = await send(client, path, liveForm(again.html));
    expect(unchanged.status).toBe(400);
    expect(unchanged.text).toContain('Nothing was changed');
  });
});
