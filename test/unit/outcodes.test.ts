import { describe, expect, it } from 'vitest';
import { findOutcode, outcodes, outwardCode } from '../../src/geo/outcodes.ts';

describe('the postcode district table', () => {
  it('lists about 150 districts, each once', () => {
    expect(outcodes.length).toBeGreaterThanOrEqual(140);
    expect(new Set(outcodes.map((o) => o.outcode)).size).toBe(outcodes.length);
  });

  it('keeps every centroid inside Greater London, Bedfordshire and their edges', () => {
    const inLondon = (o: (typeof outcodes)[number]) =>
      o.lat >= 51.28 && o.lat <= 51.76 && o.lng >= -0.52 && o.lng <= 0.34;
    const inBedfordshire = (o: (typeof outcodes)[number]) =>
      o.lat >= 51.85 && o.lat <= 52.33 && o.lng >= -0.7 && o.lng <= -0.14;
    expect(outcodes.filter((o) => !inLondon(o) && !inBedfordshire(o))).toEqual([]);
  });

  it('covers the three council areas of Bedfordshire and Luton', () => {
    expect(findOutcode('LU1')?.borough).toBe('Luton');
    expect(findOutcode('MK40')?.borough).toBe('Bedford');
    expect(findOutcode('MK42')?.borough).toBe('Bedford');
    for (const code of ['LU5', 'LU6', 'LU7', 'MK43', 'MK45', 'SG15', 'SG17', 'SG18', 'SG19']) {
      expect(findOutcode(code)?.borough).toBe('Central Bedfordshire');
    }
  });

  it('covers all eight boroughs of the two London partnerships', () => {
    const boroughs = new Set(outcodes.map((o) => o.borough));
    for (const borough of [
      'Barnet',
      'Enfield',
      'Haringey',
      'Camden',
      'Islington',
      'Hackney',
      'Newham',
      'Tower Hamlets',
    ]) {
      expect(boroughs.has(borough)).toBe(true);
    }
  });
});

describe('findOutcode', () => {
  it('finds a district whatever the case and spacing', () => {
    expect(findOutcode('n17')?.borough).toBe('Haringey');
    expect(findOutcode(' EC1V ')?.outcode).toBe('EC1V');
    expect(findOutcode('e 1 w')?.outcode).toBe('E1W');
  });

  it('returns undefined for a district that is not in the table', () => {
    expect(findOutcode('M1')).toBeUndefined();
    expect(findOutcode('')).toBeUndefined();
  });
});

describe('outwardCode', () => {
  it('extracts the outcode from a full postcode, with or without a space', () => {
    expect(outwardCode('N17 6RA')).toBe('N17');
    expect(outwardCode('n176ra')).toBe('N17');
    expect(outwardCode('  e1w   2ab ')).toBe('E1W');
    expect(outwardCode('SW1A1AA')).toBe('SW1A');
    expect(outwardCode('EC1V 2NX')).toBe('EC1V');
  });

  it('accepts an outcode on its own', () => {
    expect(outwardCode('n1')).toBe('N1');
    expect(outwardCode('WC1H')).toBe('WC1H');
  });

  it('accepts a partial inward code that someone is still typing', () => {
    expect(outwardCode('N17 6')).toBe('N17');
    expect(outwardCode('N17 6R')).toBe('N17');
  });

  it('returns undefined for text that is not a postcode', () => {
    for (const input of ['', '   ', 'hello', '12345', 'N17 6RAA', 'N17 6CA', 'QA1 1AA', 'N17 6RA X', 'London']) {
      expect(outwardCode(input)).toBeUndefined();
    }
  });
});
