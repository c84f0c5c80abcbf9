import { describe, expect, it } from 'vitest';
import { validateListing } from '../../src/listings/changes';
import { MAX_ROWS, readClosures, readLocation, readRows, readSchedules, readService } from '../../src/listings/forms';
import type { StoredDocument } from '../../src/content/dataset';
import { sampleOfType } from '../support/sample';

const reader = (entries: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) for (const each of [value].flat()) data.append(name, each);
  return {
    text: (name: string) => String(data.get(name) ?? '').trim(),
    all: (name: string) => data.getAll(name).map(String).filter(Boolean),
  };
};

describe('repeatable rows', () => {
  it('drop blank rows and rows ticked "remove", and keep each row’s key', () => {
    const rows = readRows(
      reader({
        'contacts-rows': '3',
        'contacts-0-key': 'keep1',
        'contacts-0-name': 'Sam',
        'contacts-1-key': 'gone',
        'contacts-1-name': 'Alex',
        'contacts-1-remove': 'yes',
        'contacts-2-name': '',
      }),
      'contacts',
      ['name'],
    );
    expect(rows).toEqual([{ _key: 'keep1', name: 'Sam' }]);
  });

  it('give a crafted key or row count no power', () => {
    const rows = readRows(
      reader({ 'contacts-rows': '100000', 'contacts-0-key': '"><script>', 'contacts-0-name': 'Sam' }),
      'contacts',
      ['name'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!._key).toMatch(/^[a-f0-9]{12}$/);
    expect(MAX_ROWS).toBeLessThanOrEqual(50);
  });
});

describe('sessions', () => {
  it('keep the week of the month for monthly sessions only, as a number', () => {
    const schedules = readSchedules(
      reader({
        'schedules-rows': '2',
        'schedules-0-frequency': 'monthly',
        'schedules-0-day': 'friday',
        'schedules-0-weekOfMonth': '-1',
        'schedules-1-frequency': 'weekly',
        'schedules-1-day': 'monday',
        'schedules-1-weekOfMonth': '2',
        'schedules-1-location': 'not-one-of-ours',
      }),
      [],
    );
    expect(schedules[0]).toMatchObject({ frequency: 'monthly', weekOfMonth: -1 });
    expect(schedules[1]).not.toHaveProperty('weekOfMonth');
    expect(schedules[1]).not.toHaveProperty('location');
  });
});

describe('a service form', () => {
  const service = sampleOfType('service').find((s) => Array.isArray(s.coverage) && s.coverage.length > 1)!;
  it('keeps the order of what was already chosen, so the first category stays first', () => {
    const coverage = service.coverage as string[];
    const read = readService(
      service,
      reader({ coverage: [...coverage].reverse(), accessRoute: String(service.accessRoute) }),
      { venues: [], categories: [], areas: [] },
      { isNew: false },
    );
    expect(read.coverage).toEqual(coverage);
  });

  it('keeps a mistyped age as typed, and says it must be a whole number', () => {
    const read = readService(
      service,
      reader({ ageMin: 'eighteen' }),
      { venues: [], categories: [], areas: [] },
      {
        isNew: false,
      },
    );
    expect(read.ageMin).toBe('eighteen');
    expect(validateListing(read)).toContainEqual({ path: 'ageMin', message: 'must be a whole number' });
  });
});

describe('closures and date ranges', () => {
  it('refuse a closure that ends before it starts, at its last day', () => {
    const service = sampleOfType('service')[0]!;
    const closures = readClosures(
      reader({
        'closures-rows': '1',
        'closures-0-from': '2027-01-10',
        'closures-0-to': '2027-01-02',
        'closures-0-reason': 'Works',
      }),
    );
    expect(validateListing({ ...service, closures } as StoredDocument)).toContainEqual({
      path: 'closures.0.to',
      message: 'ends before it starts',
    });
  });
});

describe('closures of one venue', () => {
  const service = sampleOfType('service').find((s) => Array.isArray(s.locations) && s.locations.length > 0)!;
  const venue = (service.locations as { _ref: string }[])[0]!._ref;
  const form = (location: string) =>
    reader({
      'closures-rows': '2',
      'closures-0-key': 'works1',
      'closures-0-from': '2027-01-10',
      'closures-0-to': '2027-01-20',
      'closures-0-reason': 'Building works',
      'closures-0-location': location,
      // A blank row with "All venues" left as it is: not a closure.
      'closures-1-location': '',
    });

  it('keep the venue chosen as a reference, and round-trip through the profile', () => {
    const closures = readClosures(form(venue));
    expect(closures).toEqual([
      {
        _key: 'works1',
        _type: 'closure',
        from: '2027-01-10',
        to: '2027-01-20',
        reason: 'Building works',
        location: { _type: 'reference', _ref: venue },
      },
    ]);
    expect(validateListing({ ...service, closures } as StoredDocument)).toEqual([]);
  });

  it('leave the venue out for "All venues"', () => {
    const [closure] = readClosures(form(''));
    expect(closure).not.toHaveProperty('location');
  });

  it('refuse a venue that is not one of the service’s, at the venue field', () => {
    const closures = readClosures(form('0b7e9c1d-2f3a-4b5c-8d6e-7f8091a2b3c4'));
    expect(closures[0]).toHaveProperty('location._ref', '0b7e9c1d-2f3a-4b5c-8d6e-7f8091a2b3c4');
    expect(validateListing({ ...service, closures } as StoredDocument)).toContainEqual({
      path: 'closures.0.location',
      message: "choose one of the service's venues, or all venues",
    });
  });
});

describe('a venue form', () => {
  const venue = sampleOfType('location').find((l) => !l.confidential)!;
  const areas = [{ value: String((venue.area as { _ref: string })._ref), label: 'Area' }];
  const fields = (postcode: string) =>
    reader({
      name: String(venue.name),
      'address-line1': 'a',
      'address-city': 'London',
      'address-postcode': postcode,
      area: areas[0]!.value,
    });
  it('keeps the exact position while the postcode stays in its district', () => {
    const postcode = (venue.address as { postcode: string }).postcode;
    expect(readLocation(venue, fields(postcode.toLowerCase()), areas).document.position).toEqual(venue.position);
  });
  it('moves to the middle of a new district', () => {
    const read = readLocation(venue, fields('SE1 7PB'), areas);
    expect(read.problems).toEqual([]);
    expect(read.document.position).not.toEqual(venue.position);
  });
});
