/**
 * Where a person is searching from, and how far things are from there, in words they use.
 *
 * Places resolve offline: postcodes from the table of postcode districts (`src/geo/outcodes.ts`),
 * names from the areas in the content, the boroughs of that table and the gazetteer of towns and
 * neighbourhoods (`src/geo/gazetteer.ts`). A full postcode falls back to its district's centre
 * unless a lookup placed it exactly, so nothing closer than a district is ever used or kept. The
 * areas a place lies in decide which borough-wide, phone and online services cover it.
 */
import { closestNames, findPlace, gazetteer, gazetteerNames, placeKey, type GazetteerPlace } from '../geo/gazetteer';
import { findOutcode, outcodes, outwardCode, type Outcode } from '../geo/outcodes';
import type { SearchArea } from '../queries/types';
import { locationFormatMessage, type SearchParams } from './params';

export const METRES_PER_MILE = 1609.344;
/** Walking pace for "about a 5-minute walk" (a gentle 4.8 km/h). */
const METRES_PER_MINUTE = 80;
/** Browser positions further than this from every district and place centre are outside what we cover. */
const MAX_DISTRICT_METRES = 6000;
/** The areas we cover, as messages name them. */
export const coveredAreasText = 'North London, East London, and Bedfordshire and Luton';

/** A resolved place to measure from. `label` never holds a full postcode. */
export type Place = {
  /** A full postcode, a postcode district, a town or neighbourhood, an area or borough, or the browser's position. */
  kind: 'postcode' | 'outcode' | 'place' | 'area' | 'coordinates';
  /** How to name it on the page: "N17", "Tottenham", "Haringey" or "your location". */
  label: string;
  lat: number;
  lng: number;
  /**
   * True when `lat`/`lng` is the person's own point (the browser's position, or a full postcode
   * the lookup placed), so walking times are honest; false for the middle of a district, town,
   * neighbourhood or borough.
   */
  precise: boolean;
  /** The postcode district, when known. */
  outcode?: string;
  /** Slugs of our areas the place lies in (empty for a neighbouring borough). */
  areas: string[];
};

export type PlaceResult =
  | { ok: true; place: Place }
  | {
      ok: false;
      param: 'location' | 'lat';
      message: string;
      /** Known place names close to what was typed, for "Did you mean" links (may be empty). */
      suggestions: string[];
    };

const outsideMessage = `That postcode is outside the areas we cover (${coveredAreasText}). Enter a postcode, town or borough in one of them`;
const unknownMessage = `We could not find that place. ${locationFormatMessage}`;
const farMessage = `Your location is outside the areas we cover (${coveredAreasText}). Enter a postcode, town or borough instead`;

/** Great-circle distance in metres. */
export function haversineMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLng = (lng2 - lng1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A distance as a person would say it.
 *
 * Without `from`, the bare measure: "about a 10-minute walk" under 1 km, else "1.4 miles".
 * With `from` (the place searched), the whole phrase a result shows: from a precise point,
 * "about a 10-minute walk away" or "1.4 miles away"; from the middle of a district, town or
 * borough, whose centre may be a mile from the person, no walking time that would pretend
 * otherwise: "less than a mile from the middle of N17", "about 1.5 miles from the middle of
 * Tottenham".
 */
export function describeDistance(metres: number, from?: Pick<Place, 'label' | 'precise'>): string {
  if (from && !from.precise) {
    const miles = metres / METRES_PER_MILE;
    if (miles < 0.75) return `less than a mile from the middle of ${from.label}`;
    // Half miles up to 10, whole miles after: no more precise than the centre it is measured from.
    const rounded = miles < 10 ? Math.round(miles * 2) / 2 : Math.round(miles);
    return `about ${rounded} ${rounded === 1 ? 'mile' : 'miles'} from the middle of ${from.label}`;
  }
  let text: string;
  if (metres < 1000) {
    const minutes = Math.max(5, Math.round(metres / METRES_PER_MINUTE / 5) * 5);
    text = `about a ${minutes}-minute walk`;
  } else {
    const miles = metres / METRES_PER_MILE;
    const figure = miles < 10 ? miles.toFixed(1).replace(/\.0$/, '') : String(Math.round(miles));
    text = `${figure} ${figure === '1' ? 'mile' : 'miles'}`;
  }
  return from ? `${text} away` : text;
}

// Boroughs named in the district table, for the cheap name check below.
const tableBoroughKeys = new Set(outcodes.map((district) => placeKey(district.borough)));

/**
 * True when `text` names a town, neighbourhood or borough we know ("Tottenham", "hackney",
 * "Leighton Buzzard"), whatever its case; O(1), so it can be tried on every run of words in a
 * search. Postcodes are checked with `outwardCode`; the content's own area names with
 * `PlaceResolver.knows`.
 */
export function isPlaceName(text: string): boolean {
  const key = placeKey(text);
  return key !== '' && (findPlace(key) !== undefined || tableBoroughKeys.has(key));
}

/**
 * Resolves `location` or `lat`/`lng` against the areas in the content, the district table and
 * the gazetteer; undefined when the search has no place. Every lookup is a Map read, so it can be
 * tried on many candidate phrases; only a name that fails is compared with every known name, for
 * suggestions.
 */
export type PlaceResolver = ((params: Pick<SearchParams, 'location' | 'lat' | 'lng'>) => PlaceResult | undefined) & {
  /** True when `location=text` would resolve (a known name, or a postcode in a district we list); O(1). */
  knows(text: string): boolean;
};

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
    const key = placeKey(district.borough);
    const entry = boroughs.get(key) ?? { name: district.borough, districts: [] };
    entry.districts.push(district);
    boroughs.set(key, entry);
  }
  const areasOfBorough = (borough: string): string[] => {
    const siblings = boroughs.get(placeKey(borough))?.districts ?? [];
    return [...new Set(siblings.flatMap((sibling) => areasByDistrict.get(sibling.outcode) ?? []))];
  };
  const areasOfDistrict = (district: Outcode): string[] => {
    const direct = areasByDistrict.get(district.outcode);
    return direct ? [...direct] : areasOfBorough(district.borough);
  };
  // A town or neighbourhood is in its own borough's areas (Hoxton is in Hackney, though its
  // district N1 is mostly Islington), else in its district's.
  const areasOfPlace = (place: GazetteerPlace): string[] => {
    const own = areasOfBorough(place.borough);
    if (own.length > 0) return own;
    const district = findOutcode(place.outcode);
    return district ? areasOfDistrict(district) : [];
  };

  // Names, widest last so they win: towns and neighbourhoods, then boroughs, then our own areas.
  const byName = new Map<string, Place>();
  for (const place of gazetteer) {
    const resolved: Place = {
      kind: 'place',
      label: place.name,
      lat: place.lat,
      lng: place.lng,
      precise: false,
      outcode: place.outcode,
      areas: areasOfPlace(place),
    };
    for (const name of [place.name, ...(place.aliases ?? [])]) {
      const key = placeKey(name);
      if (!byName.has(key)) byName.set(key, resolved);
    }
  }
  for (const [key, borough] of boroughs) {
    const lat = borough.districts.reduce((sum, d) => sum + d.lat, 0) / borough.districts.length;
    const lng = borough.districts.reduce((sum, d) => sum + d.lng, 0) / borough.districts.length;
    const slugs = [...new Set(borough.districts.flatMap(areasOfDistrict))];
    byName.set(key, { kind: 'area', label: borough.name, lat, lng, precise: false, areas: slugs });
  }
  for (const area of areas) {
    const place: Place = {
      kind: 'area',
      label: area.name,
      lat: area.centre.lat,
      lng: area.centre.lng,
      precise: false,
      areas: [area.slug],
    };
    byName.set(placeKey(area.name), place);
    byName.set(placeKey(area.slug), place);
  }
  // Built once: the names offered as "Did you mean" when a name is not found.
  const knownNames = [
    ...new Set([...areas.map((area) => area.name), ...[...boroughs.values()].map((b) => b.name), ...gazetteerNames()]),
  ];

  const fromDistrict = (district: Outcode, kind: 'postcode' | 'outcode'): Place => ({
    kind,
    label: district.outcode,
    lat: district.lat,
    lng: district.lng,
    precise: false,
    outcode: district.outcode,
    areas: areasOfDistrict(district),
  });

  const resolve = (params: Pick<SearchParams, 'location' | 'lat' | 'lng'>): PlaceResult | undefined => {
    if (params.location !== undefined) {
      const text = params.location;
      const outward = outwardCode(text);
      if (outward !== undefined) {
        const district = findOutcode(outward);
        if (!district) return { ok: false, param: 'location', message: outsideMessage, suggestions: [] };
        const isFull = text.replace(/\s+/g, '').length > outward.length;
        return { ok: true, place: fromDistrict(district, isFull ? 'postcode' : 'outcode') };
      }
      const named = byName.get(placeKey(text));
      if (named) return { ok: true, place: { ...named, areas: [...named.areas] } };
      return { ok: false, param: 'location', message: unknownMessage, suggestions: closestNames(text, knownNames) };
    }
    if (params.lat !== undefined && params.lng !== undefined) {
      const { lat, lng } = params;
      let nearest: Outcode | undefined;
      let best = Infinity;
      for (const district of outcodes) {
        const metres = haversineMetres(lat, lng, district.lat, district.lng);
        if (metres < best) [best, nearest] = [metres, district];
      }
      // A town centre nearer than any district centre says better where the person is.
      let nearestPlace: GazetteerPlace | undefined;
      let bestPlace = Infinity;
      for (const place of gazetteer) {
        const metres = haversineMetres(lat, lng, place.lat, place.lng);
        if (metres < bestPlace) [bestPlace, nearestPlace] = [metres, place];
      }
      if (!nearest || Math.min(best, bestPlace) > MAX_DISTRICT_METRES) {
        return { ok: false, param: 'lat', message: farMessage, suggestions: [] };
      }
      const byPlace = nearestPlace !== undefined && bestPlace < best;
      return {
        ok: true,
        place: {
          kind: 'coordinates',
          label: 'your location',
          lat,
          lng,
          precise: true,
          outcode: byPlace ? nearestPlace!.outcode : nearest.outcode,
          areas: byPlace ? areasOfPlace(nearestPlace!) : areasOfDistrict(nearest),
        },
      };
    }
    return undefined;
  };

  const knows = (text: string): boolean => {
    const outward = outwardCode(text);
    if (outward !== undefined) return findOutcode(outward) !== undefined;
    return byName.has(placeKey(text));
  };

  return Object.assign(resolve, { knows });
}
