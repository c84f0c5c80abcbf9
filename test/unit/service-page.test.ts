import { describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import { needsQuickExit } from '../../src/content/quick-exit';
import { closuresToShow, sessionPlaceText } from '../../src/content/service-notices';
import { directionsLinks, venueAddressText } from '../../src/geo/directions';
import { sampleOfType } from '../support/sample';

const library = {
  _id: 'library',
  name: 'Marcus Garvey Library',
  confidential: false,
  address: { line1: '1 Philip Lane', city: 'London', postcode: 'N15 4JA' },
  position: { lat: 51.5879, lng: -0.0723 },
};
const refuge = { _id: 'refuge', name: 'Confidential location', confidential: true, address: null, position: null };

describe('directions to a venue', () => {
  it('links to Google Maps by street address and to OpenStreetMap by position', () => {
    const links = directionsLinks(library)!;
    expect(new URL(links.google).origin + new URL(links.google).pathname).toBe('https://www.google.com/maps/dir/');
    expect(Object.fromEntries(new URL(links.google).searchParams)).toEqual({
      api: '1',
      destination: '1 Philip Lane, London, N15 4JA',
    });
    expect(new URL(links.openStreetMap!).searchParams.get('to')).toBe('51.5879,-0.0723');
    expect(links.openStreetMap!.startsWith('https://www.openstreetmap.org/directions?')).toBe(true);
  });

  it('uses the position for Google when there is no address', () => {
    const links = directionsLinks({ ...library, address: null })!;
    expect(new URL(links.google).searchParams.get('destination')).toBe('51.5879,-0.0723');
  });

  it('gives nothing for a confidential venue, even one that somehow kept its position', () => {
    expect(directionsLinks(refuge)).toBeUndefined();
    expect(directionsLinks({ ...library, confidential: true })).toBeUndefined();
    expect(venueAddressText({ ...library, confidential: true })).toBeUndefined();
  });

  it('writes a public address on one line', () => {
    expect(venueAddressText(library)).toBe('Marcus Garvey Library, 1 Philip Lane, London, N15 4JA');
  });
});

describe('where a session is, for a calendar', () => {
  it('is the venue the session names, or the only venue', () => {
    expect(sessionPlaceText([library, refuge], { locationRef: 'library' })).toContain('1 Philip Lane');
    expect(sessionPlaceText([library], {})).toContain('N15 4JA');
  });

  it('is nothing at a confidential venue, or when the service has several and the session names none', () => {
    expect(sessionPlaceText([library, refuge], { locationRef: 'refuge' })).toBeUndefined();
    expect(sessionPlaceText([refuge], {})).toBeUndefined();
    expect(sessionPlaceText([library, refuge], {})).toBeUndefined();
  });
});

describe('closures shown at the top of a listing', () => {
  // 23:30 on 24 December in London is still 24 December (UTC is the same in winter); in summer
  // 00:30 on 2 July in London is 23:30 on 1 July in UTC.
  const closures = [
    { _key: 'past', from: '2026-06-01', to: '2026-06-05', reason: 'Refurbishment' },
    { _key: 'xmas', from: '2026-12-24', to: '2027-01-02', reason: 'Christmas' },
    { _key: 'one-day', from: '2026-07-02', reason: 'Training day', location: { _ref: 'library' } },
  ];

  it('leaves out closures that are over and puts the soonest first', () => {
    const shown = closuresToShow(closures, new Date('2026-06-20T12:00:00Z'));
    expect(shown.map((c) => c._key)).toEqual(['one-day', 'xmas']);
    expect(shown.every((c) => !c.current)).toBe(true);
    expect(shown[0]!.location).toEqual({ _ref: 'library' });
  });

  it('marks a closure current from its first London day to its last', () => {
    const onTheDay = closuresToShow(closures, new Date('2026-07-01T23:30:00Z'));
    expect(onTheDay.find((c) => c._key === 'one-day')).toMatchObject({ current: true, lastDay: '2026-07-02' });
    const lastDay = closuresToShow(closures, new Date('2027-01-02T20:00:00Z'));
    expect(lastDay.map((c) => c._key)).toEqual(['xmas']);
    expect(closuresToShow(closures, new Date('2027-01-03T00:10:00Z'))).toEqual([]);
  });
});

describe('quick exit', () => {
  it('is on listings tagged as about domestic abuse or sexual violence, in any case', () => {
    expect(needsQuickExit({ tags: ['women', 'Domestic Abuse'] })).toBe(true);
    expect(needsQuickExit({ tags: ['sexual violence'] })).toBe(true);
    expect(needsQuickExit({ tags: ['football', 'free'] })).toBe(false);
    expect(needsQuickExit({ tags: null })).toBe(false);
  });

  it('is on every sample listing about domestic abuse and on no other', () => {
    const services = sampleOfType<Service>('service');
    const about = services.filter((s) => /domestic abuse/i.test(`${s.name} ${s.summary}`));
    expect(about.length).toBeGreaterThan(0);
    for (const service of about) expect(needsQuickExit(service), service.name).toBe(true);
    const others = services.filter((s) => needsQuickExit(s) && !about.includes(s));
    expect(others.map((s) => s.name)).toEqual([]);
  });
});
