import { describe, expect, inject, it } from 'vitest';
import type { Location, Service } from '../../src/content/profile';
import { findOutcode } from '../../src/geo/outcodes';
import { distanceInMetres } from '../../src/oruk/feed';
import type { OrukPage, OrukService, OrukServiceAtLocation } from '../../src/oruk/types';
import { sampleOfType } from '../support/sample';

const baseUrl = inject('baseUrl');
const get = (path: string) => fetch(new URL(path, baseUrl), { redirect: 'manual' });
const json = async <T = unknown>(path: string, status = 200) => {
  const response = await get(path);
  expect(response.status, path).toBe(status);
  expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
  expect(response.headers.get('content-type'), path).toBe('application/json');
  return (await response.json()) as T;
};

const services = sampleOfType<Service>('service');
const locations = sampleOfType<Location>('location');
const confidential = locations.filter((location) => location.confidential);

/** Every page of a list, following `last_page`. */
async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (let number = 1; ; number += 1) {
    const body = await json<OrukPage<T>>(`${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${number}`);
    items.push(...body.contents);
    if (body.last_page) return items;
  }
}

describe('GET /api/oruk/', () => {
  it('says which standard the feed follows and where its OpenAPI description is', async () => {
    for (const path of ['/api/oruk/', '/api/oruk']) {
      expect(await json(path)).toEqual({
        version: 'HSDS-UK-3.0',
        profile: expect.stringMatching(/^https:\/\//),
        openapi_url: new URL('/api/oruk/openapi.json', baseUrl).href,
      });
    }
  });

  it('serves the OpenAPI description it points to', async () => {
    const document = await json<{ openapi: string; servers: { url: string }[]; paths: object }>(
      '/api/oruk/openapi.json',
    );
    expect(document.openapi).toMatch(/^3\./);
    expect(document.servers[0]?.url).toBe(new URL('/api/oruk', baseUrl).href);
    expect(Object.keys(document.paths)).toContain('/services/{id}');
  });
});

describe('GET /api/oruk/services', () => {
  it('pages through every published service', async () => {
    const first = await json<OrukPage<OrukService>>('/api/oruk/services?per_page=10');
    expect(first).toMatchObject({
      total_items: services.length,
      total_pages: Math.ceil(services.length / 10),
      page_number: 1,
      size: 10,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const last = await json<OrukPage<OrukService>>(`/api/oruk/services?per_page=10&page=${first.total_pages}`);
    expect(last).toMatchObject({ first_page: false, last_page: true, size: services.length % 10 || 10 });
    const all = await allPages<OrukService>('/api/oruk/services');
    expect(new Set(all.map((service) => service.id))).toEqual(new Set(services.map((service) => service._id)));
  });

  it('defaults to 50 a page', async () => {
    expect((await json<OrukPage<unknown>>('/api/oruk/services')).size).toBe(Math.min(50, services.length));
  });

  it('answers a bad parameter with a 400 naming it', async () => {
    expect(await json('/api/oruk/services?per_page=1000', 400)).toEqual({
      error: 'per_page must be a whole number from 1 to 100',
    });
    expect(await json('/api/oruk/services?modified_after=last-week', 400)).toEqual({
      error: expect.stringContaining('modified_after'),
    });
  });
});

describe('GET /api/oruk/services/{id}', () => {
  it('answers a service with its organization, venues and schedules', async () => {
    const sample = services.find(
      (service) => (service.schedules?.length ?? 0) > 0 && (service.locations?.length ?? 0) > 0,
    )!;
    const service = await json<OrukService>(`/api/oruk/services/${sample._id}`);
    expect(service).toMatchObject({ id: sample._id, name: sample.name, organization_id: sample.organisation._ref });
    expect(service.organization?.id).toBe(sample.organisation._ref);
    expect(service.schedules).toHaveLength(sample.schedules!.length);
  });

  it('answers 404 in JSON, with the CORS header, for an unknown id', async () => {
    expect(await json('/api/oruk/services/00000000-0000-4000-8000-000000000000', 404)).toEqual({
      error: 'No service has the id 00000000-0000-4000-8000-000000000000',
    });
  });

  it('answers 400 in JSON for an id that is not a UUID', async () => {
    expect(await json('/api/oruk/services/not-a-uuid', 400)).toEqual({
      error: expect.stringMatching(/^id must be a UUID/),
    });
  });
});

describe('the rest of the feed', () => {
  it('answers every optional list', async () => {
    for (const path of [
      '/api/oruk/organizations',
      '/api/oruk/service_at_locations',
      '/api/oruk/taxonomies',
      '/api/oruk/taxonomy_terms',
    ]) {
      expect((await json<OrukPage<unknown>>(path)).total_items, path).toBeGreaterThan(0);
    }
  });

  it('answers JSON 404 for a path it does not have', async () => {
    expect(await json('/api/oruk/events', 404)).toEqual({ error: expect.stringContaining('/api/oruk/events') });
  });

  it('finds venues within a distance of a postcode, nearest first', async () => {
    const centre = findOutcode('N17')!;
    const body = await json<OrukPage<OrukServiceAtLocation>>(
      '/api/oruk/service_at_locations?postcode=N17 6RA&proximity=3000&per_page=100',
    );
    expect(body.total_items).toBeGreaterThan(0);
    const distances = body.contents.map(({ location }) =>
      distanceInMetres(centre, { lat: location.latitude!, lng: location.longitude! }),
    );
    for (const distance of distances) expect(distance).toBeLessThanOrEqual(3000);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('never publishes a confidential venue', async () => {
    expect(confidential.length).toBeGreaterThan(0);
    const feed = JSON.stringify([
      await allPages('/api/oruk/services?full=true'),
      await allPages('/api/oruk/service_at_locations'),
      await allPages('/api/oruk/organizations?full_service=true'),
    ]);
    for (const location of confidential) {
      expect(feed).not.toContain(location._id);
      expect(feed).not.toContain(location.address.line1);
      expect(feed).not.toContain(location.address.postcode);
    }
  });
});
