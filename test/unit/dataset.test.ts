/**
 * The committed sample dataset (content/sample.ndjson) against the content profile and the
 * requirements it exists to exercise: schedules, confidential venues, coverage, costs, access
 * routes, stale verification and crisis information.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentSchemas } from '../../src/content/profile.ts';
import { findOutcode, outwardCode } from '../../src/geo/outcodes.ts';

type Ref = { _type?: string; _ref: string; _key?: string };
type Doc = Record<string, unknown> & { _id: string; _type: string };
type Schedule = { frequency: string; day: string; weekOfMonth?: number; location?: Ref };
type Service = Doc & {
  name: string;
  organisation: Ref;
  categories: Ref[];
  areas: Ref[];
  locations?: Ref[];
  schedules?: Schedule[];
  closures?: unknown[];
  closedOnBankHolidays: boolean;
  coverage: string[];
  free: boolean;
  accessRoute: string;
  verifiedOn: string;
};
type Location = Doc & {
  name: string;
  area: Ref;
  address: { postcode: string; city: string };
  position: { lat: number; lng: number };
  confidential: boolean;
};
type Area = Doc & { name: string; slug: { current: string }; partnership: string; postcodeDistricts: string[] };
type Category = Doc & { parent?: Ref };

const text = readFileSync(new URL('../../content/sample.ndjson', import.meta.url), 'utf8');
const documents: Doc[] = text
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Doc);
const byId = new Map(documents.map((d) => [d._id, d]));
const ofType = <T extends Doc>(type: string): T[] => documents.filter((d) => d._type === type) as T[];

const services = ofType<Service>('service');
const locations = ofType<Location>('location');
const areas = ofType<Area>('area');
const categories = ofType<Category>('category');
const sessions = services.flatMap((s) => s.schedules ?? []);

/** The document type each reference field must point at, by its path inside the document. */
const expectedTargets: readonly [RegExp, string][] = [
  [/^organisation$/, 'organisation'],
  [/^categories\.\d+$/, 'category'],
  [/^areas\.\d+$/, 'area'],
  [/^locations\.\d+$/, 'location'],
  [/^schedules\.\d+\.location$/, 'location'],
  [/^closures\.\d+\.location$/, 'location'],
  [/^area$/, 'area'],
  [/^parent$/, 'category'],
];

function referencesIn(value: unknown, path: string[] = []): { path: string; ref: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => referencesIn(item, [...path, String(i)]));
  if (value === null || typeof value !== 'object') return [];
  const found = typeof (value as Ref)._ref === 'string' ? [{ path: path.join('.'), ref: (value as Ref)._ref }] : [];
  return [
    ...found,
    ...Object.entries(value).flatMap(([key, child]) => (key === '_ref' ? [] : referencesIn(child, [...path, key]))),
  ];
}

function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function arraysOf(value: unknown): unknown[][] {
  if (Array.isArray(value)) return [value, ...value.flatMap(arraysOf)];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(arraysOf);
}

describe('the sample dataset', () => {
  it('passes the content profile schema for every document', () => {
    const failures = documents.flatMap((doc) => {
      const schema = documentSchemas[doc._type as keyof typeof documentSchemas];
      if (!schema) return [`${doc._id}: no schema for type "${doc._type}"`];
      const result = schema.safeParse(doc);
      return result.success
        ? []
        : result.error.issues.map((issue) => `${doc._id} (${doc._type}) ${issue.path.join('.')}: ${issue.message}`);
    });
    expect(failures).toEqual([]);
  });

  it('gives every document the system fields a Sanity export carries', () => {
    const missing = documents.filter(
      (d) =>
        typeof d._rev !== 'string' ||
        Number.isNaN(Date.parse(String(d._createdAt))) ||
        Number.isNaN(Date.parse(String(d._updatedAt))) ||
        String(d._updatedAt) < String(d._createdAt),
    );
    expect(missing.map((d) => d._id)).toEqual([]);
  });

  it('gives every object in an array a _key, as Sanity requires', () => {
    const unkeyed = documents.flatMap((doc) =>
      arraysOf(doc)
        .flat()
        .filter((item) => item !== null && typeof item === 'object' && typeof (item as Ref)._key !== 'string')
        .map(() => doc._id),
    );
    expect(unkeyed).toEqual([]);
  });

  it('has unique document ids', () => {
    expect(new Set(documents.map((d) => d._id)).size).toBe(documents.length);
  });

  it('has unique slugs within each document type', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const doc of documents) {
      const slug = (doc.slug as { current?: string } | undefined)?.current;
      if (slug === undefined) continue;
      const key = `${doc._type}/${slug}`;
      if (seen.has(key)) duplicates.push(key);
      seen.add(key);
    }
    expect(duplicates).toEqual([]);
  });

  it('resolves every reference to a document of the expected type', () => {
    const problems = documents.flatMap((doc) =>
      referencesIn(doc).flatMap(({ path, ref }) => {
        const expected = expectedTargets.find(([pattern]) => pattern.test(path))?.[1];
        const target = byId.get(ref);
        if (!expected) return [`${doc._id} ${path}: unexpected reference field`];
        if (!target) return [`${doc._id} ${path}: ${ref} does not exist`];
        return target._type === expected ? [] : [`${doc._id} ${path}: ${ref} is a ${target._type}, not a ${expected}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it("places every session that names a venue at one of the service's own locations", () => {
    const strays = services.flatMap((s) => {
      const own = new Set((s.locations ?? []).map((l) => l._ref));
      return (s.schedules ?? []).filter((x) => x.location && !own.has(x.location._ref)).map(() => s._id);
    });
    expect(strays).toEqual([]);
  });

  it('lists the area of every venue among the areas of the service', () => {
    const missing = services.flatMap((s) => {
      const served = new Set(s.areas.map((a) => a._ref));
      return (s.locations ?? [])
        .map((l) => byId.get(l._ref) as Location)
        .filter((l) => !served.has(l.area._ref))
        .map((l) => `${s._id} -> ${l._id}`);
    });
    expect(missing).toEqual([]);
  });

  it('has at least 200 services from at least 80 organisations', () => {
    expect(services.length).toBeGreaterThanOrEqual(200);
    expect(new Set(services.map((s) => s.organisation._ref)).size).toBeGreaterThanOrEqual(80);
  });

  it('has services in at least 12 top-level categories', () => {
    const topLevel = new Set(categories.filter((c) => !c.parent).map((c) => c._id));
    const used = new Set(services.flatMap((s) => s.categories.map((c) => c._ref)).filter((id) => topLevel.has(id)));
    expect(used.size).toBeGreaterThanOrEqual(12);
  });

  it('covers the eight London areas and Bedfordshire and Luton across the three partnerships', () => {
    expect(areas.length).toBeGreaterThanOrEqual(11);
    expect(new Set(areas.map((a) => a.partnership))).toEqual(
      new Set(['north-london', 'east-london', 'bedfordshire-luton']),
    );
    expect(
      areas
        .filter((a) => a.partnership === 'bedfordshire-luton')
        .map((a) => a.slug.current)
        .sort(),
    ).toEqual(['bedford', 'central-bedfordshire', 'luton']);
  });

  it('has venues and services in each of Luton, Bedford and Central Bedfordshire', () => {
    for (const slug of ['luton', 'bedford', 'central-bedfordshire']) {
      const area = areas.find((a) => a.slug.current === slug)!;
      const venues = locations.filter((l) => l.area._ref === area._id);
      expect(venues.length).toBeGreaterThanOrEqual(8);
      expect(venues.every((l) => l.address.city !== 'London')).toBe(true);
      expect(services.filter((s) => s.areas.some((a) => a._ref === area._id)).length).toBeGreaterThanOrEqual(20);
    }
  });

  it("puts every venue's postcode in one of its area's postcode districts", () => {
    const outside = locations.filter((l) => {
      const area = byId.get(l.area._ref) as Area;
      const outcode = outwardCode(l.address.postcode);
      return outcode === undefined || !area.postcodeDistricts.includes(outcode);
    });
    expect(outside.map((l) => `${l.name}: ${l.address.postcode}`)).toEqual([]);
  });

  it("puts every venue within 2 km of its postcode district's centre", () => {
    const far = locations.filter((l) => {
      const district = findOutcode(outwardCode(l.address.postcode) ?? '');
      return !district || haversineKm(l.position, district) > 2;
    });
    expect(far.map((l) => `${l.name}: ${l.address.postcode}`)).toEqual([]);
  });

  it('has at least two confidential venues, each still listed by a service', () => {
    const confidential = locations.filter((l) => l.confidential);
    expect(confidential.length).toBeGreaterThanOrEqual(2);
    for (const venue of confidential) {
      expect(services.some((s) => s.locations?.some((l) => l._ref === venue._id))).toBe(true);
    }
  });

  it('has weekly, fortnightly and monthly sessions', () => {
    expect(new Set(sessions.map((s) => s.frequency))).toEqual(new Set(['weekly', 'fortnightly', 'monthly']));
  });

  it('has monthly sessions on the last weekday of the month as well as numbered weeks', () => {
    const weeks = new Set(sessions.filter((s) => s.frequency === 'monthly').map((s) => s.weekOfMonth));
    expect(weeks.has(-1)).toBe(true);
    expect([1, 2, 3, 4].some((w) => weeks.has(w))).toBe(true);
  });

  it('has services with several sessions, including two on the same day', () => {
    expect(services.some((s) => (s.schedules?.length ?? 0) > 1)).toBe(true);
    expect(services.some((s) => new Set(s.schedules?.map((x) => x.day)).size < (s.schedules?.length ?? 0))).toBe(true);
  });

  it('has services with closures and services closed on bank holidays', () => {
    expect(services.some((s) => (s.closures?.length ?? 0) > 0)).toBe(true);
    expect(services.some((s) => s.closedOnBankHolidays)).toBe(true);
  });

  it('has online, phone and borough-wide services without a venue', () => {
    for (const kind of ['online', 'phone', 'borough-wide']) {
      expect(services.some((s) => s.coverage.includes(kind) && !s.coverage.includes('venue'))).toBe(true);
    }
  });

  it('has both free and paid services', () => {
    expect(services.some((s) => s.free)).toBe(true);
    expect(services.some((s) => !s.free)).toBe(true);
  });

  it('uses all four access routes', () => {
    expect(new Set(services.map((s) => s.accessRoute))).toEqual(
      new Set(['drop-in', 'self-refer', 'referral-needed', 'via-connector']),
    );
  });

  it('has at least 10% of services last verified more than 12 months before 1 November 2026', () => {
    const stale = services.filter((s) => s.verifiedOn < '2025-11-01');
    expect(stale.length / services.length).toBeGreaterThanOrEqual(0.1);
  });

  it('never verifies a listing after the reference date of 1 November 2026', () => {
    expect(services.filter((s) => s.verifiedOn > '2026-11-01')).toEqual([]);
  });

  it('lists NHS 111, Samaritans on 116 123 and Shout on 85258 in the crisis support', () => {
    const crisis = byId.get('crisisSupport') as Doc & { contacts: { phone?: string; sms?: string }[] };
    const numbers = crisis.contacts.flatMap((c) => [c.phone, c.sms]);
    expect(numbers).toEqual(expect.arrayContaining(['111', '116 123', '85258']));
  });

  it('says on the site settings that the listings are fictional sample data', () => {
    const settings = byId.get('siteSettings') as Doc & { sampleDataNotice?: string };
    expect(settings.sampleDataNotice).toMatch(/fictional sample data/);
  });
});
