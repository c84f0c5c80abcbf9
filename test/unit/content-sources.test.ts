import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedSource } from '../../src/content/embedded';
import { createHostedSource } from '../../src/content/hosted';
import { ContentUnavailableError, type ContentSource } from '../../src/content/source';
import {
  areaBySlugQuery,
  areasQuery,
  listingCountsQuery,
  categoriesQuery,
  categoryBySlugQuery,
  crisisSupportQuery,
  organisationBySlugQuery,
  pageBySlugQuery,
  serviceBySlugQuery,
  siteSettingsQuery,
  sitemapQuery,
} from '../../src/queries';
import { countListings } from '../../src/content/counts';
import { startContentLake, type ContentLakeStandIn } from '../support/content-lake';
import { fixtureDataset, ids } from '../fixtures/dataset';

let lake: ContentLakeStandIn;
const sources: Record<'embedded' | 'hosted', ContentSource> = {} as never;

beforeAll(async () => {
  lake = await startContentLake(fixtureDataset());
  sources.embedded = createEmbeddedSource(fixtureDataset());
  sources.hosted = createHostedSource({
    projectId: 'standin',
    dataset: 'production',
    apiVersion: '2025-02-19',
    apiHost: lake.url,
    timeoutMs: 2000,
  });
});
afterAll(() => lake.close());

describe.each(['embedded', 'hosted'] as const)('the %s content source', (kind) => {
  const source = () => sources[kind];

  it('reads the site settings', async () => {
    expect(await source().fetch(siteSettingsQuery)).toMatchObject({
      title: 'Signpost',
      contactEmail: 'hello@signpost.example.org',
      dataController: 'The Signpost partnership',
      dataProtectionEmail: 'dpo@signpost.example.org',
    });
  });

  it('reads the crisis support with its national numbers', async () => {
    const crisis = await source().fetch(crisisSupportQuery);
    expect(crisis?.contacts.map((contact) => contact.phone ?? contact.sms)).toEqual(['111', '116 123', '85258']);
    expect(crisis?.reviewedOn).toBe('2026-10-01');
  });

  it('lists top-level categories', async () => {
    const categories = await source().fetch(categoriesQuery);
    expect(categories.map((category) => category.slug)).toEqual(['money-benefits-and-debt', 'sport-and-fitness']);
  });

  it('lists areas with their partnership', async () => {
    const areas = await source().fetch(areasQuery);
    expect(areas.map((area) => [area.name, area.partnership])).toEqual([
      ['Haringey', 'north-london'],
      ['Newham', 'east-london'],
    ]);
  });

  it('counts listed services per category, children counting for their parent, and per area', async () => {
    const counts = countListings(await source().fetch(listingCountsQuery));
    expect(counts.byCategory.get(ids.sport)).toBe(2);
    expect(counts.byCategory.get(ids.football)).toBe(1);
    expect(counts.byCategory.get(ids.money)).toBe(2);
    expect(counts.byArea.get(ids.haringey)).toBe(2);
    expect(counts.byArea.get(ids.newham)).toBe(2);
  });

  it('shows a category with services of its child categories and no closed ones', async () => {
    const category = await source().fetch(categoryBySlugQuery, { slug: 'sport-and-fitness' });
    expect(category?.children).toEqual([{ name: 'Football', slug: 'football' }]);
    expect(category?.services.map((service) => service.name)).toEqual([
      'Lordship Walking Group',
      'Tottenham Five-a-side',
    ]);
  });

  it('answers null for a slug that does not exist', async () => {
    expect(await source().fetch(categoryBySlugQuery, { slug: 'no-such-category' })).toBeNull();
    expect(await source().fetch(serviceBySlugQuery, { slug: 'no-such-service' })).toBeNull();
  });

  it('shows an area with its services', async () => {
    const area = await source().fetch(areaBySlugQuery, { slug: 'newham' });
    expect(area?.services.map((service) => service.name)).toEqual(['Debt Advice Helpline', 'Safe Space Money Clinic']);
  });

  it('serves the published service, never its draft', async () => {
    const service = await source().fetch(serviceBySlugQuery, { slug: 'lordship-walking-group' });
    expect(service?.name).toBe('Lordship Walking Group');
    expect(service?._id).toBe(ids.walking);
    expect(service?.organisation?.name).toBe('Park Runners Haringey');
    expect(service?.locations[0]?.address?.postcode).toBe('N17 6NU');
    expect(service?.schedules[0]).toMatchObject({ frequency: 'weekly', day: 'tuesday', opensAt: '10:00' });
  });

  it('never returns the address or position of a confidential location', async () => {
    const service = await source().fetch(serviceBySlugQuery, { slug: 'safe-space-money-clinic' });
    expect(service?.locations).toHaveLength(1);
    expect(service?.locations[0]).toMatchObject({
      confidential: true,
      address: null,
      position: null,
      name: 'Confidential location',
    });
    expect(JSON.stringify(service)).not.toMatch(/Hidden Road|E13 0AA|Safe House/);
    const area = await source().fetch(areaBySlugQuery, { slug: 'newham' });
    expect(JSON.stringify(area)).not.toMatch(/Hidden Road|E13 0AA|Safe House/);
  });

  it('shows an organisation with its current services', async () => {
    const organisation = await source().fetch(organisationBySlugQuery, { slug: 'park-runners-haringey' });
    expect(organisation?.services.map((service) => service.name)).toEqual([
      'Lordship Walking Group',
      'Tottenham Five-a-side',
    ]);
  });

  it('lists every public page for the sitemap', async () => {
    const pages = await source().fetch(sitemapQuery);
    expect(pages.services.map((page) => page.slug).sort()).toEqual([
      'debt-advice-helpline',
      'lordship-walking-group',
      'safe-space-money-clinic',
      'tottenham-five-a-side',
    ]);
    expect(pages.areas).toHaveLength(2);
    expect(pages.organisations).toHaveLength(2);
    expect(pages.pages.map((page) => page.slug)).toEqual(['about']);
  });

  it('reads an editable page by its slug, with its text and links, and nothing for another slug', async () => {
    const page = await source().fetch(pageBySlugQuery, { slug: 'about' });
    expect(page).toMatchObject({ title: 'About this directory', owner: 'Signpost editors', reviewedOn: '2026-10-01' });
    expect(page?.showDataProtectionContacts).toBeNull();
    expect(page?.body[0]).toMatchObject({
      style: 'normal',
      markDefs: [{ _key: 'l1', href: '/suggest-a-listing' }],
      children: [{ text: 'Listings are checked every year. ', marks: [] }, { marks: ['l1'] }],
    });
    expect(await source().fetch(pageBySlugQuery, { slug: 'privacy-notice' })).toBeNull();
  });
});

describe('the hosted content source when the Content Lake misbehaves', () => {
  it('gives up quickly with a content-unavailable error when answers are too slow', async () => {
    const slowLake = await startContentLake(fixtureDataset());
    slowLake.behave({ delayMs: 1500 });
    const source = createHostedSource({
      projectId: 'standin',
      dataset: 'production',
      apiVersion: '2025-02-19',
      apiHost: slowLake.url,
      timeoutMs: 200,
    });
    await expect(source.fetch(siteSettingsQuery)).rejects.toBeInstanceOf(ContentUnavailableError);
    expect(slowLake.requests.length).toBeLessThanOrEqual(3);
    await slowLake.close();
  });

  it('retries a failing Content Lake a bounded number of times', async () => {
    const failingLake = await startContentLake(fixtureDataset());
    failingLake.behave({ status: 503 });
    const source = createHostedSource({
      projectId: 'standin',
      dataset: 'production',
      apiVersion: '2025-02-19',
      apiHost: failingLake.url,
      timeoutMs: 500,
    });
    await expect(source.fetch(siteSettingsQuery)).rejects.toBeInstanceOf(ContentUnavailableError);
    expect(failingLake.requests.length).toBe(3);
    await failingLake.close();
  });
});

describe('the embedded content source', () => {
  it('drops cached results when its documents are replaced', async () => {
    const source = createEmbeddedSource(fixtureDataset());
    expect((await source.fetch(siteSettingsQuery))?.title).toBe('Signpost');
    const changed = fixtureDataset().map((document) =>
      document._id === 'siteSettings' ? { ...document, title: 'Signpost Haringey' } : document,
    );
    source.replaceDocuments(changed);
    expect((await source.fetch(siteSettingsQuery))?.title).toBe('Signpost Haringey');
    expect(source.revision).toBe(2);
  });
});
