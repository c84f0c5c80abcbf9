/**
 * The neighbourhoods and towns people name when they say where they are ("Tottenham", "Stoke
 * Newington", "Leighton Buzzard"), each with an approximate centre and the postcode district that
 * centre lies in. The data is `gazetteer.json` (its source is named in the file); search resolves
 * places from it and the sample data generator places its venues with it, so both agree.
 *
 * Centres are approximate: distances from them are "about 1 mile from the middle of Tottenham",
 * never a walking time. This module imports nothing but its data, so the generator can load it
 * with Node's type stripping.
 */
import data from './gazetteer.json' with { type: 'json' };

/** One named place. */
export type GazetteerPlace = {
  name: string;
  /** The postcode district its centre lies in ("N17"). */
  outcode: string;
  lat: number;
  lng: number;
  /** The council area it lies in, named as `src/geo/outcodes.ts` names boroughs. */
  borough: string;
  /** Other names people use for it ("Chipping Barnet" for High Barnet). */
  aliases?: readonly string[];
};

/** Every place in the gazetteer, in the file's order (grouped by borough). */
export const gazetteer: readonly GazetteerPlace[] = Object.freeze(
  (data.places as GazetteerPlace[]).map((place) => Object.freeze({ ...place })),
);

/**
 * A place name reduced to what tells names apart: no accents, case, apostrophes or punctuation,
 * "&" read as "and", "Saint" as "St", and "(The) (London) Borough of" dropped.
 */
export function placeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(?:the )?(?:royal |london )?borough of /, '')
    .replace(/^the /, '')
    .replace(/\bsaint\b/g, 'st');
}

const byKey = new Map<string, GazetteerPlace>();
for (const place of gazetteer) {
  for (const name of [place.name, ...(place.aliases ?? [])]) {
    const key = placeKey(name);
    // The first entry wins; the unit test keeps names unique, so this never hides a place.
    if (!byKey.has(key)) byKey.set(key, place);
  }
}

/** The gazetteer place a name (or alias) means, in any case or spacing; O(1). */
export function findPlace(name: string): GazetteerPlace | undefined {
  return byKey.get(placeKey(name));
}

/** Every name and alias in the gazetteer, for suggestions. */
export function gazetteerNames(): string[] {
  return gazetteer.flatMap((place) => [place.name, ...(place.aliases ?? [])]);
}

/**
 * Levenshtein distance between two strings, giving up (returning `limit + 1`) as soon as it must
 * exceed `limit`, so comparing a typed word with every place name stays cheap.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Up to `max` names from `names` close to what was typed: a small edit distance for the length
 * ("Totenham" -> Tottenham, "Stratferd" -> Stratford) or a name that starts with it ("Leighton"
 * -> Leighton Buzzard). Closest first; each name at most once.
 */
export function closestNames(typed: string, names: readonly string[], max = 3): string[] {
  const key = placeKey(typed);
  if (key.length < 3) return [];
  // One slip in a short name, two in a longer one, three in a long one.
  const limit = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
  const scored = new Map<string, number>();
  for (const name of names) {
    const other = placeKey(name);
    if (other === '' || other === key) continue;
    const distance = other.startsWith(key) ? 0.5 : editDistance(key, other, limit);
    if (distance > limit) continue;
    const best = scored.get(name);
    if (best === undefined || distance < best) scored.set(name, distance);
  }
  return [...scored]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([name]) => name);
}
