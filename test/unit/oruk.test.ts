import { evaluate, parse } from 'groq-js';
import { describe, expect, it, vi } from 'vitest';
import type { StoredDocument } from '../../src/content/dataset';
import { createEmbeddedSource } from '../../src/content/embedded';
import type { ContentSource } from '../../src/content/source';
import { orukApi, type OrukResult } from '../../src/oruk';
import { compact } from '../../src/oruk/compact';
import { childId, isUuid, uuidV5 } from '../../src/oruk/ids';
import { paginate } from '../../src/oruk/page';
import { orukResponse } from '../../src/oruk/http';
import { taxonomyId } from '../../src/oruk/taxonomies';
import type { OrukPage, OrukService, OrukServiceAtLocation } from '../../src/oruk/types';
import { orukFeedQuery } from '../../src/queries/oruk';
import { createHostedSource } from '../../src/content/hosted';
import { startContentLake } from '../support/content-lake';
import { buildService, fixtureDataset, ids } from '../fixtures/dataset';

const siteUrl = 'https://signpost.example.org';
const api = (documents: StoredDocument[] = fixtureDataset()) => orukApi(createEmbeddedSource(documents), siteUrl);
const fixtureApi = api();

const query = (text = '') => new URLSearchParams(text);
const page = async <T = OrukService>(result: Promise<OrukResult>) => {
  const { status, body } = await result;
  expect(status).toBe(200);
  return body as OrukPage<T>;
};
const names = (body: OrukPage<{ name: string }>) => body.contents.map((item) => item.name);
const errorOf = async (result: Promise<OrukResult>) => {
  const { status, body } = await result;
  expect(status).toBe(400);
  return (body as { error: string }).error;
};

/** Every value in a JSON tree, with its key, for checks that must hold everywhere. */
function* entries(value: unknown, key = ''): Generator<[string, unknown]> {
  yield [key, value];
  if (Array.isArray(value)) for (const item of value) yield* entries(item, key);
  else if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) yield* entries(item, name);
  }
}

const ref = (id: string, key?: string) => ({ _type: 'reference', _ref: id, ...(key ? { _key: key } : {}) });
const scheduled = (id: string, name: string, schedules: object[]) =>
  buildService({ _id: id, name, schedules: schedules.map((s, i) => ({ _key: `s${i}`, _type: 'schedule', ...s })) });

describe('compact', () => {
  it('omits null, undefined, blank strings and empty arrays at any depth', () => {
    expect(
      compact({
        id: 'a',
        name: null,
        note: undefined,
        blank: '  ',
        list: [],
        nested: { keep: 'x', drop: null, items: [null, { gone: null }, { kept: 1 }] },
        empty: { a: null },
      }),
    ).toEqual({ id: 'a', nested: { keep: 'x', items: [{ kept: 1 }] } });
  });

  it('keeps zero and false, which are values', () => {
    expect(compact({ amount: 0, free: false, list: [0] })).toEqual({ amount: 0, free: false, list: [0] });
  });
});

describe('derived ids', () => {
  it('are RFC 9562 version 5 UUIDs', () => {
    // The RFC's own example: the DNS namespace and "www.example.com".
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('are the same for the same parent and key, and differ otherwise', () => {
    expect(childId(ids.walking, 'schedule', 's1')).toBe(childId(ids.walking, 'schedule', 's1'));
    expect(childId(ids.walking, 'schedule', 's1')).not.toBe(childId(ids.walking, 'schedule', 's2'));
    expect(childId(ids.walking, 'schedule', 's1')).not.toBe(childId(ids.fiveASide, 'schedule', 's1'));
  });
});

describe('the page envelope', () => {
  it('counts pages and flags the first and last', () => {
    const items = [1, 2, 3, 4, 5];
    expect(paginate(items, 1, 2)).toEqual({
      total_items: 5,
      total_pages: 3,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
      contents: [1, 2],
    });
    expect(paginate(items, 3, 2)).toMatchObject({ size: 1, first_page: false, last_page: true, contents: [5] });
    expect(paginate(items, 1, 5)).toMatchObject({ total_pages: 1, first_page: true, last_page: true });
  });

  it('answers a page past the end as empty and last', () => {
    expect(paginate([1, 2, 3], 4, 2)).toMatchObject({
      total_items: 3,
      total_pages: 2,
      page_number: 4,
      size: 0,
      last_page: true,
      empty: true,
      contents: [],
    });
  });

  it('treats no results as one empty page', () => {
    expect(paginate([], 1, 50)).toMatchObject({
      total_items: 0,
      total_pages: 1,
      first_page: true,
      last_page: true,
      empty: true,
    });
  });
});

describe('GET /', () => {
  it('names the standard, the UK profile and the OpenAPI description', () => {
    expect(fixtureApi.root()).toEqual({
      status: 200,
      body: {
        version: 'HSDS-UK-3.0',
        profile: expect.stringMatching(/^https:\/\/.*uk-profile/),
        openapi_url: 'https://signpost.example.org/api/oruk/openapi.json',
      },
    });
  });
});

describe('GET /services', () => {
  it('lists every published service by name, drafts never', async () => {
    const body = await page(fixtureApi.services(query()));
    expect(names(body)).toEqual([
      'Debt Advice Helpline',
      'Lordship Walking Group',
      'Old Bowls Club',
      'Safe Space Money Clinic',
      'Tottenham Five-a-side',
    ]);
    expect(JSON.stringify(body)).not.toContain('Draft Walking Group Renamed');
  });

  it('pages with page and per_page', async () => {
    const second = await page(fixtureApi.services(query('per_page=2&page=2')));
    expect(second).toMatchObject({ total_items: 5, total_pages: 3, page_number: 2, size: 2, first_page: false });
    expect(names(second)).toEqual(['Old Bowls Club', 'Safe Space Money Clinic']);
  });

  it('summarises each service with its organization', async () => {
    const [walking] = (await page(fixtureApi.services(query('search=lordship')))).contents;
    expect(walking).toEqual({
      id: ids.walking,
      organization_id: ids.parkRunners,
      name: 'Lordship Walking Group',
      description: expect.stringContaining('relaxed weekly session'),
      status: 'active',
      fees: 'Free',
      fees_description: 'Free',
      minimum_age: 18,
      eligibility_description: 'Adults who want to be more active',
      application_process: expect.stringMatching(/^Drop in\. You can just turn up/),
      assured_date: '2026-09-01',
      last_modified: '2026-10-01T09:00:00.000Z',
      organization: {
        id: ids.parkRunners,
        name: 'Park Runners Haringey',
        description: 'A volunteer-led group getting people moving in local parks.',
        website: 'https://parkrunners.example.org',
        uri: 'https://signpost.example.org/organisations/park-runners-haringey',
      },
    });
  });

  it('never sends null and uses UUIDs for every id, even when fully nested', async () => {
    const body = await page(fixtureApi.services(query('full=true')));
    for (const [key, value] of entries(body)) {
      expect(value, key).not.toBeNull();
      if (key === 'id' || key.endsWith('_id')) expect(isUuid(String(value)), `${key} ${String(value)}`).toBe(true);
    }
  });

  it('returns just the required fields and last_modified with minimal=true', async () => {
    const body = await page(fixtureApi.services(query('minimal=true')));
    expect(body.contents[0]).toEqual({
      id: ids.debtHelpline,
      name: 'Debt Advice Helpline',
      status: 'active',
      last_modified: '2026-10-01T09:00:00.000Z',
    });
  });

  it('nests schedules, venues and attributes with full=true', async () => {
    const [walking] = (await page(fixtureApi.services(query('full=true&search=lordship')))).contents;
    expect(walking?.schedules).toHaveLength(1);
    expect(walking?.service_at_locations).toHaveLength(1);
    expect(walking?.attributes?.length).toBeGreaterThan(0);
  });

  describe('filters, combined with AND', () => {
    it('finds services by a taxonomy term, a parent category including its sub-categories', async () => {
      expect(names(await page(fixtureApi.services(query(`taxonomy_term_id=${ids.football}`))))).toEqual([
        'Tottenham Five-a-side',
      ]);
      expect(names(await page(fixtureApi.services(query(`taxonomy_term_id=${ids.sport}`))))).toEqual([
        'Lordship Walking Group',
        'Old Bowls Club',
        'Tottenham Five-a-side',
      ]);
    });

    it('finds services by an access-route term', async () => {
      const selfRefer = (await page(fixtureApi.taxonomyTerms(query('search=yourself')))).contents[0] as { id: string };
      expect(names(await page(fixtureApi.services(query(`taxonomy_term_id=${selfRefer.id}`))))).toEqual([
        'Debt Advice Helpline',
        'Tottenham Five-a-side',
      ]);
    });

    it('finds services by taxonomy', async () => {
      const body = await page(fixtureApi.services(query(`taxonomy_id=${taxonomyId('category')}`)));
      expect(body.total_items).toBe(5);
      const accessibility = await page(fixtureApi.services(query(`taxonomy_id=${taxonomyId('accessibility')}`)));
      expect(accessibility.total_items).toBe(0);
    });

    it('finds services by organization', async () => {
      expect(names(await page(fixtureApi.services(query(`organization_id=${ids.moneyWise}`))))).toEqual([
        'Debt Advice Helpline',
        'Safe Space Money Clinic',
      ]);
    });

    it('finds services changed on or after a date-time', async () => {
      expect((await page(fixtureApi.services(query('modified_after=2026-10-01T09:00:00Z')))).total_items).toBe(5);
      expect((await page(fixtureApi.services(query('modified_after=2026-10-01T10:00:00%2B01:00')))).total_items).toBe(
        5,
      );
      expect((await page(fixtureApi.services(query('modified_after=2026-10-02')))).total_items).toBe(0);
    });

    it('searches words at the start of words in names, descriptions, tags and organizations', async () => {
      expect(names(await page(fixtureApi.services(query('search=walk'))))).toEqual(['Lordship Walking Group']);
      expect(names(await page(fixtureApi.services(query('search=MoneyWise help'))))).toEqual(['Debt Advice Helpline']);
      expect((await page(fixtureApi.services(query('search=zzz')))).empty).toBe(true);
    });

    it('applies every filter at once', async () => {
      const body = await page(
        fixtureApi.services(query(`organization_id=${ids.parkRunners}&taxonomy_term_id=${ids.sport}&search=five`)),
      );
      expect(names(body)).toEqual(['Tottenham Five-a-side']);
    });
  });

  describe('refuses bad parameters with a 400 naming them', () => {
    it.each([
      ['per_page=0', 'per_page must be a whole number from 1 to 100'],
      ['per_page=101', 'per_page must be a whole number from 1 to 100'],
      ['per_page=ten', 'per_page must be a whole number from 1 to 100'],
      ['page=0', 'page must be a whole number from 1 to 1000000'],
      ['page=1.5', 'page must be a whole number from 1 to 1000000'],
      ['page=1&page=2', 'page must be given at most once'],
      ['taxonomy_term_id=sport', 'taxonomy_term_id must be a UUID'],
      ['organization_id=1', 'organization_id must be a UUID'],
      ['modified_after=yesterday', 'modified_after must be an ISO 8601 date-time'],
      ['modified_after=2026-10-01T09:00:00', 'modified_after must be an ISO 8601 date-time'],
      ['minimal=yes', 'minimal must be true or false'],
      ['full=1', 'full must be true or false'],
      ['minimal=true&full=true', 'minimal and full cannot both be true'],
      ['format=xml', 'format must be json'],
      [`search=${'a'.repeat(201)}`, 'search must be at most 200 characters'],
    ])('%s', async (text, message) => {
      expect(await errorOf(fixtureApi.services(query(text)))).toContain(message);
    });

    it('allows a page of the whole directory with minimal=true', async () => {
      expect((await page(fixtureApi.services(query('minimal=true&per_page=20000')))).total_items).toBe(5);
      expect(await errorOf(fixtureApi.services(query('minimal=true&per_page=20001')))).toBe(
        'per_page must be a whole number from 1 to 20000',
      );
    });
  });
});

describe('GET /services/{id}', () => {
  it('answers one service with everything nested', async () => {
    const { status, body } = await fixtureApi.service(ids.walking);
    expect(status).toBe(200);
    const service = body as OrukService;
    expect(service.service_at_locations).toEqual([
      {
        id: childId(ids.walking, 'service_at_location', ids.pavilion),
        service_id: ids.walking,
        location_id: ids.pavilion,
        location: {
          id: ids.pavilion,
          location_type: 'physical',
          name: 'Lordship Rec Pavilion',
          latitude: 51.5975,
          longitude: -0.0868,
          addresses: [
            {
              id: childId(ids.pavilion, 'address'),
              location_id: ids.pavilion,
              address_1: '1 Lordship Lane',
              city: 'London',
              state_province: 'Haringey',
              postal_code: 'N17 6NU',
              country: 'GB',
              address_type: 'physical',
            },
          ],
          accessibility: [
            {
              id: childId(ids.pavilion, 'accessibility', 'step-free-access'),
              location_id: ids.pavilion,
              description: 'Step-free access',
            },
          ],
        },
      },
    ]);
    expect(service.languages).toEqual([
      { id: childId(ids.walking, 'language', 'English'), service_id: ids.walking, name: 'English', code: 'en' },
    ]);
    expect(service.phones).toEqual([
      { id: childId(ids.walking, 'phone'), service_id: ids.walking, number: '020 7946 0101' },
    ]);
    expect(service.service_areas).toEqual([
      expect.objectContaining({
        service_id: ids.walking,
        name: 'Haringey',
        uri: 'https://signpost.example.org/areas/haringey',
      }),
    ]);
  });

  it('links categories, access route, acceptance and delivery as attributes with their terms', async () => {
    const service = (await fixtureApi.service(ids.fiveASide)).body as OrukService;
    const byType = Object.fromEntries((service.attributes ?? []).map((a) => [a.link_type, a]));
    expect(Object.keys(byType).sort()).toEqual(['accepting', 'access_route', 'category', 'coverage']);
    expect(byType.category).toMatchObject({
      link_id: ids.fiveASide,
      link_entity: 'service',
      taxonomy_term_id: ids.football,
      taxonomy_term: {
        id: ids.football,
        name: 'Football',
        parent_id: ids.sport,
        taxonomy_id: taxonomyId('category'),
        term_uri: 'https://signpost.example.org/categories/football',
      },
    });
    expect(byType.access_route?.taxonomy_term.name).toBe('Get in touch yourself');
  });

  it('gives a free service a zero-cost option, and otherwise the provider’s words', async () => {
    const walking = (await fixtureApi.service(ids.walking)).body as OrukService;
    expect(walking.cost_options).toEqual([
      { id: childId(ids.walking, 'cost_option'), service_id: ids.walking, option: 'Free', amount: 0, currency: 'GBP' },
    ]);
    const fiveASide = (await fixtureApi.service(ids.fiveASide)).body as OrukService;
    expect(fiveASide.cost_options).toEqual([
      { id: childId(ids.fiveASide, 'cost_option'), service_id: ids.fiveASide, option: '£2 a game' },
    ]);
    expect(fiveASide.fees).toBe('£2 a game');
  });

  it('publishes every status in ORUK’s words, with the closure note as an alert', async () => {
    const closed = buildService({
      _id: '55555555-5555-4555-8555-555555555556',
      name: 'Pottery Club',
      status: 'temporarily-closed',
      statusNote: 'Closed for repairs until March',
      accepting: 'paused',
    });
    const body = (await api([...fixtureDataset(), closed]).service(closed._id)).body as OrukService;
    expect(body.status).toBe('temporarily closed');
    expect(body.alert).toBe('Closed for repairs until March. Not taking new people just now.');
    expect(((await fixtureApi.service(ids.closedForGood)).body as OrukService).status).toBe('defunct');
  });

  it('answers 404 with a JSON message for an unknown id', async () => {
    expect(await fixtureApi.service('99999999-9999-4999-8999-999999999999')).toEqual({
      status: 404,
      body: { error: 'No service has the id 99999999-9999-4999-8999-999999999999' },
    });
  });

  it('answers 400 for an id that is not a UUID', async () => {
    expect(await errorOf(fixtureApi.service('lordship-walking-group'))).toMatch(/^id must be a UUID/);
  });
});

describe('schedules', () => {
  const scheduleService = scheduled('66666666-6666-4666-8666-666666666661', 'Many Sessions', [
    { frequency: 'weekly', day: 'tuesday', opensAt: '10:00', closesAt: '12:00', location: ref(ids.pavilion) },
    { frequency: 'fortnightly', day: 'wednesday', opensAt: '18:00', closesAt: '19:30', validFrom: '2026-09-02' },
    { frequency: 'monthly', day: 'tuesday', weekOfMonth: 1, opensAt: '14:00', closesAt: '16:00', note: 'Bring a mug' },
    {
      frequency: 'monthly',
      day: 'friday',
      weekOfMonth: -1,
      opensAt: '13:00',
      closesAt: '15:00',
      validTo: '2027-07-31',
    },
  ]);
  const schedules = async () =>
    ((await api([...fixtureDataset(), scheduleService]).service(scheduleService._id)).body as OrukService).schedules!;

  it('maps weekly sessions to WEEKLY with BYDAY, linked to their venue', async () => {
    const [weekly] = await schedules();
    expect(weekly).toEqual({
      id: childId(scheduleService._id, 'schedule', 's0'),
      service_id: scheduleService._id,
      service_at_location_id: childId(scheduleService._id, 'service_at_location', ids.pavilion),
      freq: 'WEEKLY',
      interval: 1,
      byday: 'TU',
      opens_at: '10:00',
      closes_at: '12:00',
      description: 'Every Tuesday, 10am to 12pm',
      notes: 'Does not run on bank holidays.',
    });
  });

  it('maps fortnightly sessions to WEEKLY every 2 weeks from a date they run', async () => {
    expect((await schedules())[1]).toMatchObject({
      freq: 'WEEKLY',
      interval: 2,
      byday: 'WE',
      dtstart: '2026-09-02',
      valid_from: '2026-09-02',
    });
  });

  it('maps "first Tuesday" and "last Friday" of the month to MONTHLY with 1TU and -1FR', async () => {
    const [, , first, last] = await schedules();
    expect(first).toMatchObject({
      freq: 'MONTHLY',
      interval: 1,
      byday: '1TU',
      notes: 'Bring a mug Does not run on bank holidays.',
    });
    expect(last).toMatchObject({ freq: 'MONTHLY', byday: '-1FR', valid_to: '2027-07-31' });
  });
});

describe('confidential locations', () => {
  const secrets = [ids.refuge, 'Hidden Road', 'E13 0AA', 'Safe House East', '51.528'];

  it('are left out of the service entirely', async () => {
    const { body } = await fixtureApi.service(ids.safeSpace);
    const service = body as OrukService;
    expect(service.name).toBe('Safe Space Money Clinic');
    expect(service.service_at_locations).toBeUndefined();
    for (const secret of secrets) expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('never appear in any list', async () => {
    const lists = await Promise.all([
      fixtureApi.services(query('full=true')),
      fixtureApi.serviceAtLocations(query('full=true')),
      fixtureApi.organizations(query('full_service=true')),
    ]);
    for (const { body } of lists) for (const secret of secrets) expect(JSON.stringify(body)).not.toContain(secret);
  });

  it('have no service at location to look up', async () => {
    const id = childId(ids.safeSpace, 'service_at_location', ids.refuge);
    expect((await fixtureApi.serviceAtLocation(id)).status).toBe(404);
  });
});

describe('GET /service_at_locations', () => {
  it('lists each service at each public venue', async () => {
    const body = await page<OrukServiceAtLocation>(fixtureApi.serviceAtLocations(query()));
    expect(body.total_items).toBe(3);
    expect(body.contents.map((sal) => sal.service?.name)).toEqual([
      'Lordship Walking Group',
      'Old Bowls Club',
      'Tottenham Five-a-side',
    ]);
    expect(body.contents[0]?.location.addresses?.[0]?.postal_code).toBe('N17 6NU');
  });

  it('finds venues of services that cover a postcode’s district', async () => {
    expect((await page(fixtureApi.serviceAtLocations(query('postcode=n17 9la')))).total_items).toBe(3);
    expect((await page(fixtureApi.serviceAtLocations(query('postcode=E13')))).total_items).toBe(0);
  });

  it('finds venues within a distance of the district’s centre', async () => {
    // The pavilion is about 1.4 km from the middle of N17.
    expect((await page(fixtureApi.serviceAtLocations(query('postcode=N17&proximity=1000')))).total_items).toBe(0);
    expect((await page(fixtureApi.serviceAtLocations(query('postcode=N17&proximity=2000')))).total_items).toBe(3);
    // Haringey's services are outside E13, but within 12 km of it.
    expect((await page(fixtureApi.serviceAtLocations(query('postcode=E13&proximity=12000')))).total_items).toBe(3);
  });

  it('combines postcode with the service filters', async () => {
    const body = await page<OrukServiceAtLocation>(
      fixtureApi.serviceAtLocations(query(`postcode=N17&proximity=5000&taxonomy_term_id=${ids.football}`)),
    );
    expect(body.contents.map((sal) => sal.service?.name)).toEqual(['Tottenham Five-a-side']);
  });

  it.each([
    ['postcode=hello', 'postcode must be a UK postcode or postcode district'],
    ['postcode=AB10 1AA', 'postcode district AB10 is not one Signpost knows'],
    ['proximity=500', 'proximity needs a postcode'],
    ['postcode=N17&proximity=near', 'proximity must be a whole number from 1 to 100000 (metres)'],
    ['postcode=N17&proximity=0', 'proximity must be a whole number from 1 to 100000 (metres)'],
  ])('refuses %s with a 400', async (text, message) => {
    expect(await errorOf(fixtureApi.serviceAtLocations(query(text)))).toContain(message);
  });

  it('answers one by id with the service nested', async () => {
    const id = childId(ids.walking, 'service_at_location', ids.pavilion);
    const { status, body } = await fixtureApi.serviceAtLocation(id);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      service_id: ids.walking,
      location_id: ids.pavilion,
      service: { id: ids.walking },
    });
    expect((body as OrukServiceAtLocation & { service: OrukService }).service.schedules).toHaveLength(1);
  });
});

describe('GET /organizations', () => {
  it('lists organisations, with their services when asked', async () => {
    const body = await page<{ name: string; services?: unknown[] }>(fixtureApi.organizations(query('full=true')));
    expect(names(body)).toEqual(['MoneyWise Newham', 'Park Runners Haringey']);
    expect(body.contents[0]?.services).toHaveLength(2);
    expect(
      (await page<{ services?: unknown }>(fixtureApi.organizations(query()))).contents[0]?.services,
    ).toBeUndefined();
  });

  it('answers one by id with its phone and services', async () => {
    const { body } = await fixtureApi.organization(ids.moneyWise, query());
    expect(body).toMatchObject({
      id: ids.moneyWise,
      phones: [{ number: '020 7946 0202', organization_id: ids.moneyWise }],
      services: [{ name: 'Debt Advice Helpline' }, { name: 'Safe Space Money Clinic' }],
    });
    expect((await fixtureApi.organization(ids.walking, query())).status).toBe(404);
  });
});

describe('taxonomies', () => {
  it('offers our vocabularies with stable ids', async () => {
    const body = await page<{ id: string; name: string }>(fixtureApi.taxonomies(query()));
    expect(names(body)).toEqual([
      'Signpost categories',
      'Signpost access routes',
      'Signpost referral status',
      'Signpost delivery',
      'Signpost accessibility',
    ]);
    expect(body.contents[0]?.id).toBe(taxonomyId('category'));
    expect(taxonomyId('category')).toBe(childId('6f3c2a1e-8d4b-4c7a-9e2f-5b1d0a9c7e34', 'taxonomy', 'category'));
  });

  it('answers a taxonomy with its terms', async () => {
    const { body } = await fixtureApi.taxonomy(taxonomyId('category'));
    expect((body as { taxonomy_terms: { name: string }[] }).taxonomy_terms.map((t) => t.name)).toEqual([
      'Football',
      'Money, benefits and debt',
      'Sport and fitness',
    ]);
  });

  it('lists terms by taxonomy, parent or top level', async () => {
    const categories = `taxonomy_id=${taxonomyId('category')}`;
    expect(names(await page(fixtureApi.taxonomyTerms(query(`${categories}&top_only=true`))))).toEqual([
      'Money, benefits and debt',
      'Sport and fitness',
    ]);
    expect(names(await page(fixtureApi.taxonomyTerms(query(`parent_id=${ids.sport}`))))).toEqual(['Football']);
    expect((await fixtureApi.taxonomyTerm(ids.football)).body).toMatchObject({
      name: 'Football',
      parent_id: ids.sport,
    });
  });
});

describe('the OpenAPI description', () => {
  it('describes every endpoint on this site', () => {
    const { body } = fixtureApi.openapi();
    const document = body as { servers: { url: string }[]; paths: Record<string, unknown> };
    expect(document.servers[0]?.url).toBe('https://signpost.example.org/api/oruk');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/services',
        '/services/{id}',
        '/service_at_locations',
        '/organizations',
        '/taxonomy_terms',
      ]),
    );
  });
});

describe('reading content', () => {
  it('runs one parameterless query whatever the filters, so the embedded cache serves every request', async () => {
    const inner = createEmbeddedSource(fixtureDataset());
    const calls: [string, unknown][] = [];
    const counting: ContentSource = {
      kind: 'embedded',
      fetch: (q, params) => {
        calls.push([q, params]);
        return inner.fetch(q, params);
      },
    };
    const counted = orukApi(counting, siteUrl);
    await counted.services(query('search=walk&per_page=1'));
    await counted.services(query(`organization_id=${ids.moneyWise}&page=2`));
    await counted.service(ids.walking);
    await counted.serviceAtLocations(query('postcode=N17'));
    expect(calls).toEqual(Array(4).fill([orukFeedQuery, undefined]));
  });

  it('leaves drafts out in the query itself, not only in the sources', async () => {
    const dataset = fixtureDataset();
    const byId = new Map(dataset.map((document) => [document._id, document]));
    const result = await evaluate(parse(orukFeedQuery), { dataset, dereference: ({ _ref }) => byId.get(_ref) ?? null });
    const feed = (await result.get()) as { services: { _id: string }[] };
    expect(feed.services.map((service) => service._id)).not.toContain(`drafts.${ids.walking}`);
    expect(feed.services).toHaveLength(5);
  });

  it('gives the same feed from the hosted Content Lake as from the embedded dataset', async () => {
    const lake = await startContentLake(fixtureDataset());
    try {
      const hosted = orukApi(
        createHostedSource({
          projectId: 'standin',
          dataset: 'production',
          apiVersion: '2025-02-19',
          apiHost: lake.url,
          timeoutMs: 2000,
        }),
        siteUrl,
      );
      expect(await hosted.services(query('full=true'))).toEqual(await fixtureApi.services(query('full=true')));
    } finally {
      await lake.close();
    }
  });
});

describe('the HTTP answer', () => {
  it('is JSON with the CORS header, for errors too', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const [run, status] of [
      [() => fixtureApi.root(), 200],
      [() => fixtureApi.services(query('page=0')), 400],
      [() => fixtureApi.service('99999999-9999-4999-8999-999999999999'), 404],
      [
        () => {
          throw new Error('boom');
        },
        500,
      ],
    ] as const) {
      const response = await orukResponse(run);
      expect(response.status).toBe(status);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toBeTypeOf('object');
    }
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
