/**
 * Synthetic datasets for the search benchmark (`npm run bench`): 1k, 10k or 100k services in the
 * same NDJSON export format and content profile as `sample.ndjson`. Not committed (100k services
 * is about 300 MB); written under `DATA_DIR/bench/` by default.
 *
 *   node content/generate-synthetic.ts [--sizes 1k,10k,100k] [--out DIR] [--validate N|all]
 *
 * - The 8 areas, the categories and the two singletons are copied from `sample.ndjson`, so area
 *   and category ids, slugs and keywords are the real ones.
 * - Organisations and services reuse the sample generator's own phrase pools (its `kinds` of
 *   activity with name, summary, narrative and "who it is for" patterns, tags, costs, time slots
 *   and access routes; its organisation templates, London neighbourhoods, streets and sentences).
 *   They are read from `generate-sample.ts` itself (its object literals, evaluated without running
 *   that script), so the two stay in step. Each synthetic organisation copies one sample
 *   organisation's type, mix of activities and number of venues, moved to another neighbourhood
 *   of a randomly chosen area: about 2.5 services per organisation and one venue per 2.7
 *   services, as in the sample.
 * - Deterministic: every organisation draws from its own seeded stream (`org/<n>`), ids are
 *   name-based UUIDs, dates count from the sample's reference date, so the same size gives the
 *   same bytes, and the 1k dataset is the start of the 10k one.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { documentSchemas } from '../src/content/profile.ts';
import { seededRng, type Rng } from './random.ts';
import { findOutcode } from '../src/geo/outcodes.ts';
import { gazetteer } from '../src/geo/gazetteer.ts';

/** Bump when the output changes for the same size (cached files are then regenerated). */
const GENERATOR_VERSION = 1;
const here = dirname(fileURLToPath(import.meta.url));
const REFERENCE_DATE = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Determinism (the same scheme as generate-sample.ts, in another namespace)
// ---------------------------------------------------------------------------------------------

const sha1 = (text: string): Buffer => createHash('sha1').update(text).digest();

function rngFor(seed: string): Rng {
  return seededRng(sha1(`signpost-synthetic:${seed}`).readUInt32BE(0), seed);
}

function uuidFrom(namespace: string): string {
  const bytes = sha1(namespace).subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
/** Ids of the sample's areas and categories (generate-sample.ts names them this way). */
const sampleId = (kind: string, key: string) => uuidFrom(`signpost-sample/${kind}/${key}`);
const syntheticId = (kind: string, name: string) => uuidFrom(`signpost-synthetic/${kind}/${name}`);
const keyFor = (...parts: string[]) =>
  sha1(`synthetic-key/${parts.join('/')}`)
    .toString('hex')
    .slice(0, 12);
const revFor = (id: string) =>
  [...sha1(`rev/${id}`)]
    .map((byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[byte % 62])
    .join('');

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
    .replace(/-+$/, '');
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const timestamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function system(id: string, type: string, createdMs: number, updatedMs: number) {
  return {
    _id: id,
    _type: type,
    _createdAt: timestamp(createdMs),
    _updatedAt: timestamp(Math.max(createdMs, updatedMs)),
    _rev: revFor(id),
  };
}

const ref = (id: string) => ({ _type: 'reference', _ref: id });
const keyedRef = (id: string, ...keyParts: string[]) => ({
  _key: keyFor(...keyParts, id),
  _type: 'reference',
  _ref: id,
});

function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function fill(template: string, tokens: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => tokens[name] ?? match);
}

// ---------------------------------------------------------------------------------------------
// The sample generator's pools, read from its source
// ---------------------------------------------------------------------------------------------

type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
type Frequency = 'weekly' | 'fortnightly' | 'monthly';
type AccessRoute = 'drop-in' | 'self-refer' | 'referral-needed' | 'via-connector';
type Coverage = 'venue' | 'borough-wide' | 'online' | 'phone';

type Kind = {
  cat: string;
  sub?: string;
  also?: string;
  label: string;
  names: string[];
  summaries: string[];
  about: string[];
  details: string[];
  forWhom: string[];
  tags: string[];
  access: AccessRoute[];
  accessDetails?: string[];
  costs: (string | null)[];
  slots: [string, string][];
  days?: Weekday[];
  freq?: [Frequency, number][];
  verb: string;
  age: string[];
  coverage?: Coverage;
  plan?: 'single' | 'weekdays' | 'daily' | 'none';
  multi?: number;
  online?: number;
  winter?: boolean;
  notes?: string[];
};
type AreaSpec = {
  key: string;
  name: string;
  partnership: string;
  places: Record<string, string>;
  languages: string[];
};
type OrgSpec = {
  name: string;
  area: string;
  type: 'charity' | 'faith' | 'library' | 'cic' | 'group';
  venues: string[];
  kinds: string[];
  faith?: string[];
  languages?: string[];
};
type Pools = {
  kinds: Record<string, Kind>;
  areaSpecs: AreaSpec[];
  orgSpecs: OrgSpec[];
  streetNames: string[];
  streetSuffixes: string[];
  orgTypePhrases: Record<string, string[]>;
  orgFounders: Record<string, string[]>;
  orgValues: string[];
  directionsPool: string[];
  accessSentences: Record<AccessRoute, string[]>;
  welcomePool: string[];
  languageSentences: string[];
  contactRoles: Record<string, string[]>;
  closureOptions: { reason: string; from: string; to?: string; venueOnly?: boolean }[];
  temporaryClosureNotes: { venue: boolean; note: string }[];
  ageRanges: Record<string, { ageMin?: number; ageMax?: number }>;
};

const MON_FRI: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const weekdays: Weekday[] = [...MON_FRI, 'saturday', 'sunday'];

/**
 * Evaluates one top-level `const NAME ... = <literal>;` of generate-sample.ts. Its pools are plain
 * object and array literals (the only names they use are the weekday lists), so they can be read
 * without running that script, which would rewrite sample.ndjson.
 */
function sampleLiteral(source: string, name: string): unknown {
  const start = new RegExp(`^const ${name}\\b[^=\\n]*=\\s*`, 'm').exec(source);
  if (!start) throw new Error(`generate-sample.ts no longer defines "${name}"; update generate-synthetic.ts`);
  const from = start.index + start[0].length;
  const end = /^[\]}](?: as const)?;$/m.exec(source.slice(from));
  if (!end) throw new Error(`could not find the end of "${name}" in generate-sample.ts`);
  const text = source.slice(from, from + end.index + 1).replace(/\bas const\b/g, '');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('weekdays', 'MON_FRI', 'MON_SAT', 'WEEKEND', `"use strict"; return (${text});`)(
    weekdays,
    MON_FRI,
    [...MON_FRI, 'saturday'],
    ['saturday', 'sunday'],
  );
}

let poolsCache: Pools | undefined;
function pools(): Pools {
  if (poolsCache) return poolsCache;
  const source = readFileSync(join(here, 'generate-sample.ts'), 'utf8');
  const names = [
    'kinds',
    'areaSpecList',
    'orgSpecs',
    'streetNames',
    'streetSuffixes',
    'orgTypePhrases',
    'orgFounders',
    'orgValues',
    'directionsPool',
    'accessSentences',
    'welcomePool',
    'languageSentences',
    'contactRoles',
    'closureOptions',
    'temporaryClosureNotes',
    'ageRanges',
  ] as const;
  const read = Object.fromEntries(names.map((name) => [name, sampleLiteral(source, name)]));
  // As generate-sample.ts does: an area takes in every gazetteer place in its boroughs.
  const areaSpecs = (read.areaSpecList as (Omit<AreaSpec, 'places'> & { boroughs: string[] })[]).map((area) => ({
    ...area,
    places: Object.fromEntries(
      gazetteer.filter((place) => area.boroughs.includes(place.borough)).map((place) => [place.name, place.outcode]),
    ),
  }));
  poolsCache = { ...read, areaSpecs } as unknown as Pools;
  return poolsCache;
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

type Doc = Record<string, unknown> & { _id: string; _type: string };

type Venue = {
  id: string;
  name: string;
  place: string;
  area: AreaSpec;
  confidential: boolean;
  accessibility: string[];
};

type Org = {
  id: string;
  n: number;
  name: string;
  spec: OrgSpec;
  domain: string;
  phone: string;
  email: string;
  website: string;
  areaKeys: string[];
  placeName: string;
  venues: Venue[];
};

type Schedule = {
  _key: string;
  _type: 'schedule';
  frequency: Frequency;
  day: Weekday;
  weekOfMonth?: number;
  opensAt: string;
  closesAt: string;
  validFrom?: string;
  validTo?: string;
  location?: { _type: 'reference'; _ref: string };
  note?: string;
};

const partnershipLabels: Record<string, string> = {
  north: 'North London',
  east: 'East London',
  both: 'North and East London',
};
const unitLetters = [...'ABDEFGHJLNPQRSTUWXYZ'];
const ANCHOR_MONDAY = Date.UTC(2026, 0, 5);
const stopWords = new Set(['the', 'and', 'of', 'for', 'in', 'at']);

function drama(rng: Rng): string {
  // Ofcom's range reserved for drama (020 7946 0000 to 0999): never a real line.
  return `020 7946 0${String(rng.int(0, 999)).padStart(3, '0')}`;
}

function domainFor(name: string, n: number): string {
  const words = slugify(name)
    .split('-')
    .filter((w) => !stopWords.has(w));
  const kept: string[] = [];
  for (const word of words) {
    if (kept.join('-').length + word.length > 24 && kept.length >= 2) break;
    kept.push(word);
  }
  return `${kept.join('-')}-${n.toString(36)}.example.org`;
}

function clock(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const suffix = h < 12 ? 'am' : 'pm';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`;
}

const ordinals: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };

/** "The club meets every Tuesday and Thursday, 10am to 12pm, at X." (simpler than the sample's). */
function describeSchedules(verb: string, schedules: readonly Schedule[], names: ReadonlyMap<string, string>): string {
  const groups = new Map<string, { s: Schedule; days: Weekday[]; weeks: number[] }>();
  for (const s of schedules) {
    const key = [
      s.frequency,
      s.opensAt,
      s.closesAt,
      s.location?._ref ?? '',
      s.frequency === 'monthly' ? s.day : '',
    ].join('|');
    const group = groups.get(key) ?? { s, days: [], weeks: [] };
    if (!group.days.includes(s.day)) group.days.push(s.day);
    if (s.weekOfMonth !== undefined && !group.weeks.includes(s.weekOfMonth)) group.weeks.push(s.weekOfMonth);
    groups.set(key, group);
  }
  const phrases = [...groups.values()].map(({ s, days, weeks }) => {
    const dayNames = days.map(capitalise);
    const when =
      s.frequency === 'monthly'
        ? `on the ${listJoin(weeks.map((w) => ordinals[String(w)] ?? 'first'))} ${listJoin(dayNames)} of each month`
        : s.frequency === 'fortnightly'
          ? `every other ${listJoin(dayNames)}`
          : days.length === 7
            ? 'every day'
            : days.join() === MON_FRI.join()
              ? 'Monday to Friday'
              : `every ${listJoin(dayNames)}`;
    const venue = s.location ? names.get(s.location._ref) : undefined;
    return `${when}, ${clock(s.opensAt)} to ${clock(s.closesAt)}${venue ? `, at ${venue}` : ''}`;
  });
  return `${verb} ${phrases.join('; and ')}.`;
}

function buildSchedules(
  kind: Kind,
  rng: Rng,
  seed: string,
  venues: readonly Venue[],
): { schedules: Schedule[]; used: Venue[] } {
  const plan = kind.plan ?? 'single';
  if (plan === 'none') return { schedules: [], used: [] };
  const drafts: Omit<Schedule, '_key' | '_type'>[] = [];
  const used: Venue[] = [];
  const at = (venue: Venue | undefined) => {
    if (!venue) return {};
    if (!used.includes(venue)) used.push(venue);
    return { location: { _type: 'reference' as const, _ref: venue.id } };
  };
  if (plan === 'weekdays' || plan === 'daily') {
    const days =
      plan === 'daily' ? weekdays : rng.pick([MON_FRI, MON_FRI, ['monday', 'wednesday', 'friday'] as Weekday[]]);
    const slot = rng.pick(kind.slots);
    for (const day of days) drafts.push({ frequency: 'weekly', day, opensAt: slot[0], closesAt: slot[1] });
  } else {
    const days = kind.days ?? MON_FRI;
    const frequency = rng.weighted<Frequency>(kind.freq ?? [['weekly', 1]]);
    const day = rng.pick(days);
    const slot = rng.pick(kind.slots);
    const venue = rng.pick(venues.length > 0 ? venues : [undefined]);
    const weekOfMonth =
      frequency === 'monthly'
        ? rng.weighted([
            [1, 3],
            [2, 2],
            [3, 2],
            [4, 1],
            [-1, 3],
          ] as const)
        : undefined;
    const validFrom = () => isoDay(ANCHOR_MONDAY + (rng.int(0, 38) * 7 + weekdays.indexOf(day)) * DAY_MS);
    const first = {
      frequency,
      day,
      ...(weekOfMonth !== undefined ? { weekOfMonth } : {}),
      opensAt: slot[0],
      closesAt: slot[1],
      ...(frequency === 'fortnightly' ? { validFrom: validFrom() } : {}),
      ...at(venue),
    };
    drafts.push(first);
    if (rng.chance(kind.multi ?? 0.12)) {
      const otherDays = days.filter((d) => d !== day);
      if (frequency === 'monthly') drafts.push({ ...first, weekOfMonth: weekOfMonth === 1 ? 3 : 1 });
      else if (otherDays.length > 0) {
        const day2 = rng.pick(otherDays);
        drafts.push({
          ...first,
          day: day2,
          ...(frequency === 'fortnightly'
            ? { validFrom: isoDay(ANCHOR_MONDAY + (rng.int(0, 38) * 7 + weekdays.indexOf(day2)) * DAY_MS) }
            : {}),
          ...at(venues.length > 1 ? rng.pick(venues) : venue),
        });
      }
    }
  }
  const note = kind.notes && rng.chance(0.6) ? rng.pick(kind.notes) : undefined;
  const schedules = drafts
    .map((draft) => ({
      ...draft,
      ...(kind.winter ? { validFrom: '2026-10-05', validTo: '2027-03-26' } : {}),
      ...(note && !draft.note ? { note } : {}),
    }))
    .sort((a, b) => weekdays.indexOf(a.day) - weekdays.indexOf(b.day) || a.opensAt.localeCompare(b.opensAt))
    .map((draft, index) => ({ _key: keyFor(seed, 'schedule', String(index)), _type: 'schedule' as const, ...draft }));
  return { schedules, used };
}

/** The generator's state across organisations: names in use, so every name and slug is unique. */
type State = { names: Set<string>; slugs: Set<string>; orgNames: Set<string>; venueNames: Set<string> };

function knownPlaceNames(p: Pools): string[] {
  const names = new Set<string>();
  for (const area of p.areaSpecs) {
    names.add(area.name);
    for (const place of Object.keys(area.places)) names.add(place);
  }
  for (const word of ['Tottenham', 'Hackney', 'Islington', 'Camden', 'Enfield', 'Barnet', 'Newham', 'Stratford'])
    names.add(word);
  return [...names].sort((a, b) => b.length - a.length);
}

/** Moves a sample name to another place: "Tottenham Tea and Talk" becomes "Hornsey Tea and Talk". */
function relocate(name: string, placeNames: readonly string[], place: string): string {
  for (const known of placeNames) {
    const at = name.indexOf(known);
    if (at >= 0) return `${name.slice(0, at)}${place}${name.slice(at + known.length)}`;
  }
  return `${place} ${name}`;
}

function unique(
  used: Set<string>,
  candidates: readonly string[],
  fallback: (n: number) => string,
  max: number,
): string {
  for (const candidate of candidates) {
    if (candidate.length <= max && !used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
  for (let n = 2; ; n++) {
    const candidate = fallback(n);
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}

function buildOrg(n: number, state: State): { org: Org; docs: Doc[] } {
  const p = pools();
  const rng = rngFor(`org/${n}`);
  const spec = rng.pick(p.orgSpecs);
  const placeNames = knownPlaceNames(p);
  const partnership = partnershipLabels[spec.area];
  const areas = p.areaSpecs;
  const partnershipAreas =
    spec.area === 'both'
      ? areas
      : areas.filter((a) => a.partnership === (spec.area === 'north' ? 'north-london' : 'east-london'));
  const home = partnership ? rng.pick(partnershipAreas) : rng.pick(areas);
  const homePlace = rng.pick(Object.keys(home.places));
  const street = () => `${rng.pick(p.streetNames)}`;
  const name = unique(
    state.orgNames,
    [
      relocate(spec.name, placeNames, homePlace),
      `${homePlace} ${spec.name}`,
      `${street()} ${relocate(spec.name, placeNames, homePlace)}`,
    ],
    (k) => `${relocate(spec.name, placeNames, homePlace)} ${k}`,
    120,
  );
  const id = syntheticId('organisation', String(n));
  const domain = domainFor(name, n);
  const org: Org = {
    id,
    n,
    name,
    spec,
    domain,
    phone: drama(rng),
    email: `${rng.pick(['hello', 'info', 'contact', 'enquiries'])}@${domain}`,
    website: `https://${domain}`,
    areaKeys: partnership ? partnershipAreas.map((a) => a.key) : [home.key],
    placeName: partnership ? (partnership as string) : home.name,
    venues: [],
  };
  const docs: Doc[] = [];
  spec.venues.forEach((venueSpec, v) => {
    const confidential = venueSpec.startsWith('!');
    const [templateName] = venueSpec.replace(/^!/, '').split('@') as [string];
    const place = v === 0 ? homePlace : rng.pick(Object.keys(home.places));
    const outcode = home.places[place] as string;
    const venueName = unique(
      state.venueNames,
      [relocate(templateName, placeNames, place), `${place} ${templateName}`],
      (k) => `${relocate(templateName, placeNames, place)} ${k}`,
      120,
    );
    const venueId = syntheticId('location', `${n}/${v}`);
    const district = findOutcode(outcode);
    if (!district) throw new Error(`no centroid for ${outcode}`);
    const bearing = rng.next() * 2 * Math.PI;
    const km = 0.1 + rng.next() * 0.8;
    const lat = district.lat + (km * Math.cos(bearing)) / 111.32;
    const lng = district.lng + (km * Math.sin(bearing)) / (111.32 * Math.cos((district.lat * Math.PI) / 180));
    const accessibility: string[] = [];
    const stepFree = rng.chance(0.75);
    if (stepFree) accessibility.push('step-free-access');
    if (stepFree && rng.chance(0.7)) accessibility.push('accessible-toilet');
    if (rng.chance(0.25)) accessibility.push('lift');
    if (rng.chance(0.3)) accessibility.push('hearing-loop');
    if (rng.chance(0.25)) accessibility.push('quiet-space');
    if (rng.chance(0.45)) accessibility.push('assistance-dogs-welcome');
    if (rng.chance(0.3)) accessibility.push('parking-nearby');
    const verified = REFERENCE_DATE - rng.int(10, 500) * DAY_MS;
    docs.push({
      ...system(venueId, 'location', verified - rng.int(20, 400) * DAY_MS, verified),
      name: venueName,
      organisation: ref(id),
      area: ref(sampleId('area', home.key)),
      address: {
        line1: `${rng.int(1, 180)} ${street()} ${rng.pick(p.streetSuffixes)}`,
        ...(rng.chance(0.7) ? { line2: place } : {}),
        city: 'London',
        postcode: `${outcode} ${rng.int(1, 9)}${rng.pick(unitLetters)}${rng.pick(unitLetters)}`,
      },
      position: { _type: 'geopoint', lat: Number(lat.toFixed(5)), lng: Number(lng.toFixed(5)) },
      confidential,
      ...(accessibility.length > 0 ? { accessibility } : {}),
      ...(confidential
        ? { directions: 'The address is shared by phone once we have spoken with you.' }
        : rng.chance(0.6)
          ? { directions: rng.pick(p.directionsPool) }
          : {}),
    });
    org.venues.push({ id: venueId, name: venueName, place, area: home, confidential, accessibility });
  });

  const labels = spec.kinds.map((k) => p.kinds[k]?.label ?? 'community activities');
  const where = partnership
    ? `working across ${partnership}`
    : org.venues.length > 0
      ? `based in ${homePlace}, ${home.name}`
      : `working across ${home.name}`;
  const verified = REFERENCE_DATE - rng.int(10, 420) * DAY_MS;
  docs.unshift({
    ...system(id, 'organisation', verified - rng.int(20, 500) * DAY_MS, verified),
    name,
    slug: {
      _type: 'slug',
      current: unique(state.slugs, [slugify(name)], (k) => `${slugify(name).slice(0, 90)}-${k}`, 96),
    },
    description: [
      `${name} is ${rng.pick(p.orgTypePhrases[spec.type] ?? ['a local charity'])} ${where}.`,
      `It was set up in ${rng.int(1986, 2022)} by ${rng.pick(p.orgFounders[spec.type] ?? ['local residents'])}.`,
      `Today it runs ${listJoin(labels)}.`,
      ...rng.sample(p.orgValues, rng.int(1, 2)),
      'This is a fictional organisation in synthetic benchmark data.',
    ].join(' '),
    website: org.website,
    email: org.email,
    phone: org.phone,
  });
  return { org, docs };
}

function contactRoleGroup(kind: Kind): string {
  if (kind.cat === 'money' || kind.cat === 'housing' || kind.cat === 'work') return 'advice';
  if (kind.cat === 'peer-support') return 'peer';
  if (kind.cat === 'carers') return 'carers';
  return 'default';
}

function buildService(org: Org, kindId: string, state: State): Doc {
  const p = pools();
  const kind = p.kinds[kindId];
  if (!kind) throw new Error(`unknown kind of activity ${kindId}`);
  const seed = `service/${org.n}/${kindId}`;
  const rng = rngFor(seed);
  const base: Coverage = kind.coverage ?? 'venue';
  const venues = base === 'venue' ? org.venues : [];
  const { schedules, used } = buildSchedules(kind, rng, seed, venues);
  const locations = base === 'venue' ? (used.length > 0 ? used : venues.slice(0, 1)) : [];
  const hybrid = base === 'venue' && rng.chance(kind.online ?? 0);
  const coverage: Coverage[] =
    base === 'venue' && locations.length === 0 ? ['borough-wide'] : hybrid ? ['venue', 'online'] : [base];
  const firstVenue = locations[0];
  const areaKeys = locations.length > 0 ? [...new Set(locations.map((l) => l.area.key))] : org.areaKeys;
  const place = firstVenue ? firstVenue.place : org.placeName;
  const borough = firstVenue ? firstVenue.area.name : org.placeName;
  const firstSession = schedules[0];
  const oneDay =
    firstSession !== undefined && schedules.every((s) => s.day === firstSession.day && s.frequency !== 'monthly');
  const day = oneDay ? capitalise(firstSession.day) : undefined;
  const tokens: Record<string, string> = {
    place,
    borough,
    org: org.name,
    venue: firstVenue ? firstVenue.name : org.name,
    ...(day ? { Day: day, Days: `${day}s` } : {}),
  };
  const patterns = rng
    .shuffle(kind.names)
    .filter((n) => (day || !n.includes('{Day}')) && (firstVenue || !n.includes('{venue}')));
  const filled = patterns.map((n) => fill(n, tokens));
  const first = filled[0] ?? fill(kind.names[0] ?? 'Community group', tokens);
  const name = unique(state.names, [...filled, `${first} (${org.name})`], (k) => `${first.slice(0, 90)} ${k}`, 100);
  const slug = unique(state.slugs, [slugify(name)], (k) => `${slugify(name).slice(0, 90)}-${k}`, 96);

  const cost = rng.pick(kind.costs);
  const free = cost === null;
  const accessRoute = rng.pick(kind.access);
  const accessDetails = kind.accessDetails && rng.chance(0.85) ? rng.pick(kind.accessDetails) : undefined;
  const accepting = rng.weighted(
    accessRoute === 'drop-in'
      ? ([
          ['yes', 30],
          ['paused', 1],
        ] as const)
      : ([
          ['yes', 20],
          ['waiting-list', 4],
          ['paused', 1],
        ] as const),
  );
  const languagePool =
    org.spec.languages ??
    (firstVenue ?? { area: p.areaSpecs.find((a) => a.key === org.areaKeys[0]) }).area?.languages ??
    [];
  const extraLanguages =
    languagePool.length > 0 && rng.chance(org.spec.languages ? 0.9 : 0.4)
      ? rng.sample(languagePool, rng.int(1, Math.min(2, languagePool.length)))
      : [];
  const accessibility = new Set<string>(firstVenue ? firstVenue.accessibility : []);
  if (rng.chance(0.15)) accessibility.add('large-print');
  if (rng.chance(0.06)) accessibility.add('bsl-interpreter');
  const phone = base === 'phone' ? drama(rng) : rng.chance(0.5) ? org.phone : undefined;
  const email = rng.chance(0.7) ? org.email : undefined;
  const website = base === 'online' || hybrid || rng.chance(0.45) ? `${org.website}/${slug}` : undefined;
  const contacts =
    rng.chance(0.3) || (!phone && !email && !website)
      ? [
          {
            _key: keyFor(seed, 'contact'),
            _type: 'contact',
            role: rng.pick(p.contactRoles[contactRoleGroup(kind)] ?? ['Group coordinator']),
            ...(rng.chance(0.5) ? { phone: drama(rng) } : { email: `groups@${org.domain}` }),
          },
        ]
      : undefined;
  const closures =
    schedules.length > 0 && rng.chance(0.18)
      ? [rng.pick(p.closureOptions.filter((c) => !c.venueOnly || base === 'venue'))].map((c) => ({
          _key: keyFor(seed, 'closure', c.reason),
          _type: 'closure',
          from: c.from,
          ...(c.to ? { to: c.to } : {}),
          reason: c.reason,
        }))
      : [];
  const closedOnBankHolidays = schedules.length > 0 && rng.chance(base === 'phone' ? 0.8 : 0.45);
  const daysAgo = rng.chance(0.25) ? rng.int(370, 605) : rng.int(3, 360);
  const verifiedMs = REFERENCE_DATE - daysAgo * DAY_MS;
  const tags = [
    ...new Set([
      ...kind.tags,
      ...(org.spec.faith ?? []),
      ...(free ? ['free'] : []),
      ...(coverage.includes('online') ? ['online'] : []),
      ...(base === 'phone' ? ['phone'] : []),
      ...(schedules.some((s) => s.opensAt >= '17:00') ? ['evening'] : []),
      ...(schedules.some((s) => s.day === 'saturday' || s.day === 'sunday') ? ['weekend'] : []),
    ]),
  ];
  const narrative = [
    fill(rng.pick(kind.about), tokens),
    ...rng.sample(kind.details, rng.int(2, 3)).map((d) => fill(d, tokens)),
  ];
  const practical: string[] = [];
  if (schedules.length > 0) {
    const shown = new Map(locations.filter((l) => !l.confidential).map((l) => [l.id, l.name] as const));
    practical.push(describeSchedules(kind.verb, schedules, shown));
  }
  if (hybrid) practical.push('Some sessions also run online by video call.');
  practical.push(rng.pick(p.accessSentences[accessRoute]));
  if (extraLanguages.length > 0)
    practical.push(fill(rng.pick(p.languageSentences), { list: listJoin(extraLanguages) }));
  if (closedOnBankHolidays) practical.push('It does not run on bank holidays.');
  if (base === 'venue' && firstVenue && !firstVenue.confidential && rng.chance(0.5))
    practical.push(rng.pick(p.welcomePool));

  // A few listings are closed for now, and a few have stopped (as in the sample).
  const roll = rng.next();
  const closedNote =
    roll < 0.02 ? rng.pick(p.temporaryClosureNotes.filter((c) => !c.venue || base === 'venue')) : undefined;
  const status = closedNote ? 'temporarily-closed' : roll < 0.025 ? 'inactive' : 'active';
  const summary = fill(rng.pick(kind.summaries), tokens);
  return {
    ...system(
      syntheticId('service', seed),
      'service',
      verifiedMs - rng.int(20, 500) * DAY_MS,
      verifiedMs + rng.int(0, 25) * DAY_MS,
    ),
    name,
    slug: { _type: 'slug', current: slug },
    summary: summary.length <= 200 ? summary : `${summary.slice(0, 197)}...`,
    description: `${narrative.join(' ')}\n\n${practical.join(' ')}`.slice(0, 4000),
    organisation: ref(org.id),
    categories: [kind.cat, kind.sub, kind.also]
      .filter((c): c is string => c !== undefined)
      .map((c) => keyedRef(sampleId('category', c), seed, 'category')),
    areas: areaKeys.map((k) => keyedRef(sampleId('area', k), seed, 'area')),
    forWhom: fill(rng.pick(kind.forWhom), tokens),
    ...(p.ageRanges[rng.pick(kind.age)] ?? {}),
    accessRoute,
    ...(accessDetails ? { accessDetails } : {}),
    accepting: status === 'active' ? accepting : 'paused',
    free,
    ...(cost ? { costDetails: cost } : {}),
    languages: ['English', ...extraLanguages],
    ...(accessibility.size > 0 ? { accessibility: [...accessibility] } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(website ? { website } : {}),
    ...(contacts ? { contacts } : {}),
    ...(schedules.length > 0 ? { schedules } : {}),
    ...(closures.length > 0 ? { closures } : {}),
    closedOnBankHolidays,
    ...(locations.length > 0 ? { locations: locations.map((l) => keyedRef(l.id, seed, 'location')) } : {}),
    coverage,
    status,
    ...(closedNote
      ? { statusNote: closedNote.note }
      : status === 'inactive'
        ? { statusNote: 'Funding for this service has ended.' }
        : {}),
    verifiedOn: isoDay(verifiedMs),
    verifiedBy: rng.pick([
      `Listing owner, ${org.name}`.slice(0, 120),
      'Signpost editor',
      'Signpost editor (phone check)',
    ]),
    tags,
  };
}

/** The sample's areas, categories and singletons: the fixed documents every synthetic set starts with. */
function fixedDocuments(): Doc[] {
  const sample = readFileSync(join(here, 'sample.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Doc);
  return sample.filter((d) => ['area', 'category', 'siteSettings', 'crisisSupport'].includes(d._type));
}

/** Every document of a synthetic dataset with `services` services, in order (organisation, its venues, its services). */
export function* syntheticDocuments(services: number): Generator<Doc> {
  const p = pools();
  for (const d of fixedDocuments()) yield d;
  const state: State = { names: new Set(), slugs: new Set(), orgNames: new Set(), venueNames: new Set() };
  let made = 0;
  for (let n = 0; made < services; n++) {
    const { org, docs } = buildOrg(n, state);
    yield* docs;
    for (const kindId of org.spec.kinds) {
      if (made >= services) break;
      if (!p.kinds[kindId]) continue;
      yield buildService(org, kindId, state);
      made++;
    }
  }
}

/** "1k" -> 1000, "10k" -> 10000, "2500" -> 2500. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(text.trim());
  if (!match) throw new Error(`Not a size: "${text}" (use e.g. 1k, 10k, 100k)`);
  return Math.round(Number(match[1]) * (match[2]?.toLowerCase() === 'k' ? 1000 : match[2] ? 1_000_000 : 1));
}

export function sizeLabel(services: number): string {
  return services % 1000 === 0 ? `${services / 1000}k` : String(services);
}

/** Where `npm run bench` keeps its datasets: `DATA_DIR/bench` (git-ignored), or `./data/bench`. */
export function defaultBenchDirectory(): string {
  return resolve(process.env.DATA_DIR ?? join(here, '..', 'data'), 'bench');
}

export type WrittenDataset = {
  path: string;
  services: number;
  counts: Record<string, number>;
  bytes: number;
  reused: boolean;
};

/** What the output depends on: this generator, the sample generator's pools and the sample's fixed documents. */
function inputsHash(): string {
  const hash = createHash('sha256').update(`v${GENERATOR_VERSION}`);
  for (const file of ['generate-synthetic.ts', 'generate-sample.ts', 'sample.ndjson'])
    hash.update(readFileSync(join(here, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Writes the dataset to `<directory>/synthetic-<size>.ndjson` (streamed, then renamed), or reuses
 * the file from an earlier run when nothing it depends on has changed.
 */
export async function writeSyntheticDataset(
  services: number,
  directory = defaultBenchDirectory(),
): Promise<WrittenDataset> {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `synthetic-${sizeLabel(services)}.ndjson`);
  const metaPath = `${path}.meta.json`;
  const inputs = inputsHash();
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Omit<WrittenDataset, 'path' | 'reused'> & {
      inputs: string;
    };
    if (meta.inputs === inputs && meta.services === services)
      return { path, services, counts: meta.counts, bytes: meta.bytes, reused: true };
  }
  const partial = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(partial);
  const counts: Record<string, number> = {};
  let bytes = 0;
  for (const doc of syntheticDocuments(services)) {
    counts[doc._type] = (counts[doc._type] ?? 0) + 1;
    const line = `${JSON.stringify(doc)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, path);
  writeFileSync(metaPath, JSON.stringify({ inputs, services, counts, bytes }));
  return { path, services, counts, bytes, reused: false };
}

/**
 * Checks documents of a written dataset against the content profile: every fixed document plus
 * `count` others spread evenly through the file (all of them when `count` is Infinity). Returns
 * how many were checked; throws naming the first problems.
 */
export async function validateDataset(path: string, count: number): Promise<{ checked: number; total: number }> {
  let total = 0;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') total++;
  const every = Number.isFinite(count) ? Math.max(1, Math.floor(total / Math.max(1, count))) : 1;
  const problems: string[] = [];
  let checked = 0;
  let index = 0;
  const again = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of again) {
    if (line.trim() === '') continue;
    const doc = JSON.parse(line) as Doc;
    const fixed = ['area', 'category', 'siteSettings', 'crisisSupport'].includes(doc._type);
    if (fixed || index % every === 0) {
      const schema = documentSchemas[doc._type as keyof typeof documentSchemas];
      const result = schema ? schema.safeParse(doc) : undefined;
      if (!result) problems.push(`${doc._id}: unknown type ${doc._type}`);
      else if (!result.success)
        for (const issue of result.error.issues)
          problems.push(`${doc._id} (${doc._type}) ${issue.path.join('.')}: ${issue.message}`);
      checked++;
    }
    index++;
  }
  if (problems.length > 0) throw new Error(`${path} breaks the content profile:\n${problems.slice(0, 20).join('\n')}`);
  return { checked, total };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const sizes = (option('sizes') ?? '1k,10k,100k').split(',').map(parseSize);
  const directory = resolve(option('out') ?? defaultBenchDirectory());
  const validate = option('validate') ?? '300';
  for (const services of sizes) {
    const started = Date.now();
    const written = await writeSyntheticDataset(services, directory);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const { checked } = await validateDataset(written.path, validate === 'all' ? Infinity : Number(validate));
    console.log(
      `${written.reused ? 'Reused' : 'Wrote'} ${written.path} (${(written.bytes / 1e6).toFixed(1)} MB, ${seconds} s): ` +
        `${Object.entries(written.counts)
          .map(([type, n]) => `${n} ${type}`)
          .join(', ')}; ${checked} documents checked against the profile`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
