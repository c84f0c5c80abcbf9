/**
 * Where a person is searching from, and how far things are from there, in words they use.
 *
 * Places resolve offline from the table of postcode districts (`src/geo/outcodes.ts`): a full
 * postcode falls back to its district's centre, so nothing closer than a district is ever used
 * or kept. The areas a place lies in decide which borough-wide, phone and online services cover it.
 */
import { findOutcode, outcodes, outwardCode, type Outcode } from '../geo/outcodes';
import type { SearchArea } from '../queries/types';
import { locationFormatMessage, type SearchParams } from './params';

export const METRES_PER_MILE = 1609.344;
/** Walking pace for "about a 5-minute walk" (a gentle 4.8 km/h). */
const METRES_PER_MINUTE = 80;
/** Browser positions further than this from every district centre are outside what we cover. */
const MAX_DISTRICT_METRES = 6000;

/** A resolved place to measure from. `label` never holds a full postcode. */
export type Place = {
  kind: 'postcode' | 'outcode' | 'area' | 'coordinates';
  /** How to name it on the page: "N17", "Haringey" or "your location". */
  label: string;
  lat: number;
  lng: number;
  /** The postcode district, when known. */
  outcode?: string;
  /** Slugs of our areas the place lies in (empty for a neighbouring borough). */
  areas: string[];
};

export type PlaceResult = { ok: true; place: Place } | { ok: false; param: 'location' | 'lat'; message: string };

const outsideMessage =
  'That postcode is outside the areas we cover (North and East London). Enter a postcode or borough in North or East London';
const unknownMessage = `We could not find that place. ${locationFormatMessage}`;
const farMessage =
  'Your location is outside the areas we cover (North and East London). Enter a postcode or borough instead';

/** Great-circle distance in metres. */
export function haversineMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLng = (lng2 - lng1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A distance as a person would say it: "about a 10-minute walk" under 1 km, else "1.4 miles". */
export function describeDistance(metres: number): string {
  if (metres < 1000) {
    const minutes = Math.max(5, Math.round(metres / METRES_PER_MINUTE / 5) * 5);
    return `about a ${minutes}-minute walk`;
  }
  const miles = metres / METRES_PER_MILE;
  const text = miles < 10 ? miles.toFixed(1).replace(/\.0$/, '') : String(Math.round(miles));
  return `${text} ${text === '1' ? 'mile' : 'miles'}`;
}

function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/^(?:the )?(?:royal |london )?borough of /, '')
    .replace(/^the /, '')
    .trim();
}

/** Resolves `location` or `lat`/`lng` against the areas in the content and the district table. */
export type PlaceResolver = (params: Pick<SearchParams, 'location' | 'lat' | 'lng'>) => PlaceResult | undefined;

export function createPlaceResolver(areas: readonly SearchArea[]): PlaceResolver {
  const areasByDistrict = new Map<string, string[]>();
  for (const area of areas) {
    for (const district of area.postcodeDistricts) {
      const list = areasByDistrict.get(district) ?? [];
      list.push(area.slug);
      areasByDistrict.set(district, list);
    }
  }
  // A borough belongs to the areas that hold any of its districts ("Hackney" -> City and Hackney).
  const boroughs = new Map<string, { name: string; districts: Outcode[] }>();
  for (const district of outcodes) {
    const key = nameKey(district.borough);
    const entry = boroughs.get(key) ?? { name: district.borough, districts: [] };
    entry.districts.push(district);
    boroughs.set(key, entry);
  }
  const areasOfDistrict = (district: Outcode): string[] => {
    const direct = areasByDistrict.get(district.outcode);
    if (direct) return [...direct];
    const siblings = boroughs.get(nameKey(district.borough))?.districts ?? [];
    return [...new Set(siblings.flatMap((sibling) => areasByDistrict.get(sibling.outcode) ?? []))];
  };
  const byName = new Map<string, Place>();
  for (const [key, borough] of boroughs) {
    const lat = borough.districts.reduce((sum, d) => sum + d.lat, 0) / borough.districts.length;
    const lng = borough.districts.reduce((sum, d) => sum + d.lng, 0) / borough.districts.length;
    const slugs = [...new Set(borough.districts.flatMap(areasOfDistrict))];
    byName.set(key, { kind: 'area', label: borough.name, lat, lng, areas: slugs });
  }
  // Our own areas win over the table's borough names.
  for (const area of areas) {
    const place: Place = {
      kind: 'area',
      label: area.name,
      lat: area.centre.lat,
      lng: area.centre.lng,
      areas: [area.slug],
    };
    byName.set(nameKey(area.name), place);
    byName.set(nameKey(area.slug), place);
  }

  const fromDistrict = (district: Outcode, kind: 'postcode' | 'outcode'): Place => ({
    kind,
    label: district.outcode,
    lat: district.lat,
    lng: district.lng,
    outcode: district.outcode,
    areas: areasOfDistrict(district),
  });

  return (params) => {
    if (params.location !== undefined) {
      const text = params.location;
      const outward = outwardCode(text);
      if (outward !== undefined) {
        const district = findOutcode(outward);
        if (!district) return { ok: false, param: 'location', message: outsideMessage };
        const isFull = text.replace(/\s+/g, '').length > outward.length;
        return { ok: true, place: fromDistrict(district, isFull ? 'postcode' : 'outcode') };
      }
      const named = byName.get(nameKey(text));
      if (named) return { ok: true, place: { ...named, areas: [...named.areas] } };
      return { ok: false, param: 'location', message: unknownMessage };
    }
    if (params.lat !== undefined && params.lng !== undefined) {
      let nearest: Outcode | undefined;
      let best = Infinity;
      for (const district of outcodes) {
        const metres = haversineMetres(params.lat, params.lng, district.lat, district.lng);
        if (metres < best) [best, nearest] = [metres, district];
      }
      if (!nearest || best > MAX_DISTRICT_METRES) return { ok: false, param: 'lat', message: farMessage };
      return {
        ok: true,
        place: {
          kind: 'coordinates',
          label: 'your location',
          lat: params.lat,
          lng: params.lng,
          outcode: nearest.outcode,
          areas: areasOfDistrict(nearest),
        },
      };
    }
    return undefined;
  };
}
