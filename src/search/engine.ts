/**
 * The search engine: a text index over the listed services plus everything needed to filter,
 * measure and rank them, precomputed once per content version.
 *
 * - Only what people search by is indexed (name, categories with their keywords, tags, summary,
 *   organisation), with lunr's BM25 scoring and field boosts (`./postings.ts`), English
 *   stemming, synonyms at query time and typo tolerance from a vocabulary lookup.
 * - Queries are built from tokens of letters and digits (`./text.ts`); user text never reaches
 *   lunr's query parser, so nothing typed can throw or run a slow wildcard.
 * - Filters are bitsets per value (category, area, access route...) intersected per query, and
 *   typed arrays read only for candidates (age, day and time). Distances are computed only for
 *   candidates, from public venues only: a confidential address never has coordinates here.
 * - Results are objects only for the page asked for.
 */
import { createHash } from 'node:crypto';
import lunr from 'lunr';
import type { Service } from '../content/profile';
import type { SearchArea, SearchDocument, SearchDocumentsResult } from '../queries/types';
import { isBankHoliday, londonDateOf, sessionsOnDate, type ScheduleInput } from '../schedules/index';
import { audiencesOf } from './audience';
import {
  DEFAULT_RADIUS,
  languageSlug,
  PER_PAGE,
  radiusChoices,
  timeBandMinutes,
  timeBands,
  weekdays,
  type FilterParam,
  type ParamError,
  type Radius,
  type SearchParams,
} from './params';
import {
  createPlaceResolver,
  describeDistance,
  haversineMetres,
  METRES_PER_MILE,
  type Place,
  type PlaceResolver,
} from './place';
import {
  buildPostingsSteps,
  decodePostings,
  encodePostings,
  toLunrIndex,
  type EncodedPostings,
  type Field,
  type Postings,
} from './postings';
import { synonymsOf } from './synonyms';
import { DROPPED_AFTER_MONTHS, reviewPeriodOf } from '../listings/verification';
import { editDistance, queryWords, stem, terms, words } from './text';
import { atOnce, type Steps } from './turns';

/** Bumped whenever indexing changes, so an index persisted by older code is rebuilt, not loaded. */
export const ENGINE_VERSION = 4;

/** Weights of the words a typed word is expanded to, relative to the word itself. */
const SYNONYM_BOOST = 0.5;
const TYPO_BOOST = 0.6;
const PREFIX_BOOST = 0.35;
const MAX_TYPO_MATCHES = 3;
const MAX_PREFIX_MATCHES = 12;
/** Score given for lying in an area named in the words ("football haringey"). */
const AREA_SCORE = 0.5;
/**
 * How results are ordered (README, "How results are ordered"). With words, every result gets one
 * score, the "best match" order, with or without a place:
 *
 *   score = (text / best text) x 1 / (1 + d / DISTANCE_SCALE_METRES) x 0.6 if stale x 0.3 if closed
 *
 * "text" is the lunr (BM25) relevance of the words, divided by the best among the results so it
 * runs from 0 to 1; d is the distance to the nearest public venue (the proximity term is 1
 * without a place). A good match a little further away beats a poor one next door: at a mile the
 * proximity is 0.5, at two miles 0.33. Services that come to you (borough-wide, phone, online)
 * count as COVERAGE_METRES away. When the place is a named area ("Hackney"), a service filed under
 * that area counts as d = 0 at its venues: the person asked for the area, not its middle.
 *
 * The verification penalty (see `src/listings/verification.ts`): a listing past its review due
 * date (its "checked on" date plus its categories' shortest review period, 12 months by default;
 * never the last edit) is "stale" and its score is multiplied by STALE_FACTOR; a temporarily
 * closed one by CLOSED_FACTOR. From DROPPED_AFTER_MONTHS after the due date it is not a result at
 * all until someone checks it.
 *
 * With no words (browsing) and a place, results are nearest first, a stale listing as if
 * STALE_PENALTY_METRES further away and a closed one CLOSED_PENALTY_METRES further, then by
 * name. `sort=distance` is pure distance: nearest venue first, ties by score, then name.
 */
const DISTANCE_SCALE_METRES = METRES_PER_MILE;
const STALE_FACTOR = 0.6;
const CLOSED_FACTOR = 0.3;
const STALE_PENALTY_METRES = 300;
const CLOSED_PENALTY_METRES = 1600;
/** Services that come to you (phone, online, borough-wide) count as if they were a mile away. */
const COVERAGE_METRES = METRES_PER_MILE;
const TEXT_CACHE_LIMIT = 256;
/** Text matches scoring under this share of the best one are left out. */
const MIN_SHARE_OF_BEST = 0.2;
/** Words in area names too general to mean the area ("city", "tower"). */
const generalPlaceWords = new Set([
  'city',
  'tower',
  'north',
  'south',
  'east',
  'west',
  'central',
  'london',
  'borough',
  'and',
]);

type Link = { name: string; slug: string };

/** Why a result is shown for a place: a venue nearby, or a service that reaches the person's area. */
export type Reach = 'nearby' | 'covers your area' | 'online' | 'by phone';

/** One search result: what a card, the JSON API and a map marker need. */
export type SearchResult = {
  id: string;
  slug: string;
  name: string;
  summary: string;
  organisation: Link | null;
  categories: Link[];
  areas: Link[];
  free: boolean;
  accessRoute: Service['accessRoute'];
  accepting: Service['accepting'];
  status: Service['status'];
  coverage: Service['coverage'];
  verifiedOn: string;
  /** Past its review due date (not checked within its review period): ranked lower. */
  stale: boolean;
  /** Why it is shown for the place searched; null without a place. */
  reach: Reach | null;
  /** From the place searched to the nearest public venue, when there is one nearby. */
  distance?: { metres: number; text: string };
  /** The nearest public venue (or the first, without a place), for the map; never a confidential one. */
  venue?: { name: string; postcode: string; lat: number; lng: number };
  /** The blended score, 0 to 1 (higher is better; see the constants above); comparable only within one response. */
  score: number;
};

/** A way to get more results when none match: drop one filter (or widen the distance). */
export type LoosenSuggestion = {
  param: 'q' | 'location' | 'radius' | FilterParam;
  /** Results the loosened search gives. */
  count: number;
  /** The loosened search, for a link (`toSearchParams`). */
  params: SearchParams;
};

export type SearchResponse = {
  /** The search as run: the sort falls back to relevance when the place could not be used. */
  params: SearchParams;
  total: number;
  page: number;
  pageCount: number;
  perPage: number;
  results: SearchResult[];
  /** The place measured from; its label is a district or area, never a full postcode. */
  place: Place | null;
  /** A place that could not be used (results then ignore it), in words for the person. */
  problems: ParamError[];
  /** Only when nothing matched: single changes that would find something, most results first. */
  loosen: LoosenSuggestion[];
};

/** What the engine keeps per service (persisted with the index). */
type StoredService = {
  id: string;
  slug: string;
  name: string;
  summary: string;
  organisation: Link | null;
  categories: Link[];
  /** Own categories and their parents: filtering by a parent includes its children. */
  categorySlugs: string[];
  areas: Link[];
  free: boolean;
  accessRoute: Service['accessRoute'];
  accepting: Service['accepting'];
  status: Service['status'];
  coverage: Service['coverage'];
  verifiedOn: string;
  /** Months between checks (its categories' shortest, else 12). */
  reviewEveryMonths: number;
  ageMin: number | null;
  ageMax: number | null;
  /** Bit (day * 3 + band) set when a session on that weekday overlaps that part of the day. */
  slots: number;
  stepFree: boolean;
  venues: { name: string; postcode: string; lat: number; lng: number }[];
  /** Has a venue whose address is confidential (never located). */
  confidentialVenue: boolean;
  /** Slugs of the languages spoken ("turkish"), and the names as listed, in the same order. */
  languages: string[];
  languageNames: string[];
  /** Who it is for, from `./audience.ts`. */
  audience: string[];
  /** What "open now", "on today" and "this week" read (`src/schedules`); absent without schedules. */
  timetable?: Pick<ScheduleInput, 'closedOnBankHolidays' | 'schedules' | 'closures'>;
};

/** A language some listings are in: what the language filter offers. */
export type LanguageChoice = { slug: string; name: string; count: number };

/** The persisted form: the text index and our per-service data, JSON-safe. */
export type SerialisedIndex = {
  format: 'signpost-search';
  version: number;
  fingerprint: string;
  postings: EncodedPostings;
  services: StoredService[];
  areas: SearchArea[];
};

/** A ready search engine over one version of the content. */
export interface SearchEngine {
  /** Identifies the content (and engine version) it was built from. */
  readonly fingerprint: string;
  /** Number of services indexed. */
  readonly size: number;
  /**
   * Runs a search; `now` decides which listings are stale. Never throws for any valid params.
   * `postcodePoint` is a full postcode's own position (from a postcode lookup), used instead of
   * its district's centre; the place is still named by its district.
   */
  search(params: SearchParams, now?: Date, postcodePoint?: { lat: number; lng: number }): SearchResponse;
  /** Languages listings are in (English, which every listing offers, left out), by name. */
  readonly languages: readonly LanguageChoice[];
  /** Reads a place the way `search` does (for words like "in Hackney"). */
  readonly resolvePlace: PlaceResolver;
  /**
   * The typed words (as `queryWords` reads them) that find nothing at all: no indexed word, near
   * spelling, completion or area name. "xyzzy" in "xyzzy football" is one.
   */
  unmatchedWords(q: string): string[];
  /** Everything needed to `loadSearchEngine` without rebuilding. */
  serialise(): SerialisedIndex;
  /** The text index as a real `lunr.Index` (built on first call; for export and reference). */
  lunrIndex(): lunr.Index;
}

/** A hash of the search documents and the engine version: equal content, equal fingerprint. */
export function fingerprintOf(documents: SearchDocumentsResult): string {
  return atOnce(fingerprintSteps(documents));
}

/** `fingerprintOf` as steps, one service at a time. */
export function* fingerprintSteps(documents: SearchDocumentsResult): Steps<string> {
  const hash = createHash('sha256').update(`signpost-search:${ENGINE_VERSION}\n`);
  // One service at a time: a single string of a large directory would be hundreds of MB.
  for (const service of documents.services ?? []) {
    hash.update(JSON.stringify(service)).update('\n');
    yield;
  }
  hash.update(JSON.stringify(documents.areas ?? []));
  return hash.digest('hex').slice(0, 32);
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

function minutes(clock: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function slotsOf(schedules: SearchDocument['schedules']): number {
  let slots = 0;
  for (const schedule of schedules ?? []) {
    const day = weekdays.indexOf(schedule.day);
    const opens = minutes(schedule.opensAt);
    const closes = minutes(schedule.closesAt);
    if (day < 0 || opens === undefined || closes === undefined || opens >= closes) continue;
    timeBands.forEach((band, b) => {
      const [from, to] = timeBandMinutes[band];
      if (opens < to && closes > from) slots |= 1 << (day * 3 + b);
    });
  }
  return slots;
}

// A directory names a few dozen languages thousands of times: each slug is worked out once.
const languageSlugs = new Map<string, string>();
function slugOfLanguage(name: string): string {
  let slug = languageSlugs.get(name);
  if (slug === undefined) {
    if (languageSlugs.size >= 1000) languageSlugs.clear();
    languageSlugs.set(name, (slug = languageSlug(name)));
  }
  return slug;
}

function toStored(doc: SearchDocument): StoredService {
  const categories = (doc.categories ?? []).filter((c) => c && c.slug);
  const venues = (doc.venues ?? []).filter(
    (v): v is typeof v & { name: string; postcode: string; position: { lat: number; lng: number } } =>
      v !== null &&
      !v.confidential &&
      v.position !== null &&
      Number.isFinite(v.position.lat) &&
      Number.isFinite(v.position.lng),
  );
  return {
    id: doc._id,
    slug: doc.slug,
    name: doc.name,
    summary: doc.summary ?? '',
    organisation: doc.organisation ?? null,
    categories: categories.map(({ name, slug }) => ({ name, slug })),
    categorySlugs: [...new Set(categories.flatMap((c) => (c.parent ? [c.slug, c.parent.slug] : [c.slug])))],
    areas: (doc.areas ?? []).filter((a) => a && a.slug).map(({ name, slug }) => ({ name, slug })),
    free: doc.free === true,
    accessRoute: doc.accessRoute,
    accepting: doc.accepting,
    status: doc.status,
    coverage: doc.coverage ?? [],
    verifiedOn: doc.verifiedOn,
    reviewEveryMonths: reviewPeriodOf(doc.reviewEveryMonths),
    ageMin: doc.ageMin ?? null,
    ageMax: doc.ageMax ?? null,
    slots: slotsOf(doc.schedules),
    stepFree:
      (doc.accessibility ?? []).includes('step-free-access') ||
      venues.some((v) => (v.accessibility ?? []).includes('step-free-access')),
    venues: venues.map((v) => ({
      name: v.name ?? '',
      postcode: v.postcode ?? '',
      lat: v.position.lat,
      lng: v.position.lng,
    })),
    confidentialVenue: (doc.venues ?? []).some((v) => v?.confidential === true),
    languages: (doc.languages ?? []).map(slugOfLanguage),
    languageNames: [...(doc.languages ?? [])],
    audience: audiencesOf(doc),
    ...((doc.schedules ?? []).length > 0
      ? {
          // Only the fields set, so the saved index stays small.
          timetable: {
            closedOnBankHolidays: doc.closedOnBankHolidays === true,
            schedules: doc.schedules.map((rule, i) => ({
              _key: String(i),
              frequency: rule.frequency,
              day: rule.day,
              opensAt: rule.opensAt,
              closesAt: rule.closesAt,
              ...(rule.weekOfMonth != null ? { weekOfMonth: rule.weekOfMonth } : {}),
              ...(rule.validFrom ? { validFrom: rule.validFrom } : {}),
              ...(rule.validTo ? { validTo: rule.validTo } : {}),
              ...(rule.location?._ref ? { location: { _ref: rule.location._ref } } : {}),
            })),
            closures: (doc.closures ?? []).map(({ from, to, location }) => ({
              from,
              ...(to ? { to } : {}),
              ...(location?._ref ? { location: { _ref: location._ref } } : {}),
            })),
          },
        }
      : {}),
  };
}

/**
 * The words indexed in each field, already normalised and stemmed (see `./text.ts`). Keywords
 * come only from a service's most specific categories: a walking group filed under "Sport and
 * fitness" and "Walking groups" should not match every sport the parent's keywords list.
 */
function fieldTerms(doc: SearchDocument): Record<Field, string[]> {
  const categories = (doc.categories ?? []).filter(Boolean);
  const parents = new Set(categories.flatMap((c) => (c.parent ? [c.parent.slug] : [])));
  const names = categories.flatMap((c) => [c.name, ...(c.parent ? [c.parent.name] : [])]);
  const keywords = categories.filter((c) => !parents.has(c.slug)).flatMap((c) => c.keywords ?? []);
  return {
    name: terms(doc.name ?? ''),
    category: [...new Set(terms(names.join(' . ')))],
    keywords: [...new Set(terms(keywords.join(' . ')))],
    tags: terms((doc.tags ?? []).join(' . ')),
    organisation: terms(doc.organisation?.name ?? ''),
    summary: terms(doc.summary ?? ''),
  };
}

export type EngineOptions = {
  /** Computed from the documents when absent. */
  fingerprint?: string;
  /** Recent word lookups kept (paging and filtering repeat them); 0 turns the cache off. */
  cacheSize?: number;
  /** `lunr` scores with lunr's `Index#query` (the reference, slower); `fast` gives the same scores. */
  scorer?: 'fast' | 'lunr';
};

/** Builds an engine from the result of `searchDocumentsQuery`. */
export function createSearchEngine(documents: SearchDocumentsResult, options: EngineOptions = {}): SearchEngine {
  return atOnce(createSearchEngineSteps(documents, options));
}

/** `createSearchEngine` as steps (see `./turns.ts`), pausing after each service's work. */
export function* createSearchEngineSteps(
  documents: SearchDocumentsResult,
  options: EngineOptions = {},
): Steps<SearchEngine> {
  const services = documents.services ?? [];
  const fingerprint = options.fingerprint ?? (yield* fingerprintSteps(documents));
  const perService: Record<Field, string[]>[] = [];
  for (const service of services) {
    perService.push(fieldTerms(service));
    yield;
  }
  const postings = yield* buildPostingsSteps(perService);
  perService.length = 0;
  const stored: StoredService[] = [];
  for (const service of services) {
    stored.push(toStored(service));
    yield;
  }
  return yield* assemble(postings, stored, documents.areas ?? [], fingerprint, options);
}

/** Rebuilds an engine from `serialise()` output without re-indexing; throws on another format or version. */
export function loadSearchEngine(
  data: SerialisedIndex,
  options: Omit<EngineOptions, 'fingerprint'> = {},
): SearchEngine {
  return atOnce(loadSearchEngineSteps(data, options));
}

/** `loadSearchEngine` as steps. */
export function* loadSearchEngineSteps(
  data: SerialisedIndex,
  options: Omit<EngineOptions, 'fingerprint'> = {},
): Steps<SearchEngine> {
  if (data?.format !== 'signpost-search' || data.version !== ENGINE_VERSION) {
    throw new Error('The saved search index is from another version');
  }
  const postings = decodePostings(data.postings);
  if (postings.services !== data.services.length) throw new Error('The saved search index is damaged');
  yield;
  return yield* assemble(postings, data.services, data.areas, data.fingerprint, options);
}

// ---------------------------------------------------------------------------------------------
// Bitsets
// ---------------------------------------------------------------------------------------------

type Bits = Uint32Array;

function bitsetOf(size: number, test: (i: number) => boolean): Bits {
  const bits = new Uint32Array((size + 31) >>> 5);
  for (let i = 0; i < size; i++) if (test(i)) bits[i >>> 5]! |= 1 << (i & 31);
  return bits;
}

function has(bits: Bits, i: number): boolean {
  return ((bits[i >>> 5] as number) & (1 << (i & 31))) !== 0;
}

function unionInto(target: Bits, source: Bits | undefined): void {
  if (!source) return;
  for (let w = 0; w < target.length; w++) target[w]! |= source[w] as number;
}

function intersectInto(target: Bits, source: Bits): void {
  for (let w = 0; w < target.length; w++) target[w]! &= source[w] as number;
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

type FilterKey = FilterParam;
const filterKeys: readonly FilterKey[] = [
  'category',
  'area',
  'day',
  'time',
  'when',
  'free',
  'age',
  'access',
  'accessible',
  'accepting',
  'remote',
  'language',
  'audience',
];

/** Text matches: parallel lists of service index and score (before stale/closed adjustments). */
type TextHits = { all: boolean; docs: number[]; scores: number[] };

const browseAll: TextHits = { all: true, docs: [], scores: [] };
const NO_PLACE = 0;
const NEARBY = 1;
const COVERS = 2;
const PHONE = 3;
const ONLINE = 4;
const reachLabels: readonly (Reach | null)[] = [null, 'nearby', 'covers your area', 'by phone', 'online'];

/** What `when` needs to know about the time of a search, worked out once per search. */
type WhenWindow = {
  now: Date;
  /** London weekday of `now` (0 Monday). */
  weekday: number;
  /** London wall-clock minutes after midnight of `now`, seconds included. */
  minute: number;
  /** The London dates (YYYY-MM-DD) from today, 7 of them, with their bank holidays and clock changes. */
  dates: string[];
  bankHoliday: boolean[];
  clockChange: boolean[];
};

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function windowOf(now: Date): WhenWindow {
  const today = londonDateOf(now);
  const noon = new Date(`${today}T12:00:00Z`);
  const dates = Array.from({ length: 7 }, (_, k) =>
    new Date(noon.getTime() + k * 86_400_000).toISOString().slice(0, 10),
  );
  const parts = Object.fromEntries(londonClock.formatToParts(now).map((part) => [part.type, part.value]));
  return {
    now,
    weekday: (noon.getUTCDay() + 6) % 7,
    minute: Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60,
    dates,
    bankHoliday: dates.map(isBankHoliday),
    // UK clocks change on the last Sunday of March and of October.
    clockChange: dates.map((date) => {
      const day = new Date(`${date}T12:00:00Z`);
      const month = day.getUTCMonth();
      return day.getUTCDay() === 0 && (month === 2 || month === 9) && day.getUTCDate() >= 25;
    }),
  };
}

function* assemble(
  postings: Postings,
  services: StoredService[],
  areas: SearchArea[],
  fingerprint: string,
  options: EngineOptions,
): Steps<SearchEngine> {
  const cacheSize = options.cacheSize ?? TEXT_CACHE_LIMIT;
  const size = services.length;
  const vocabulary = [...postings.terms].sort();
  const vocabularySet = new Set(vocabulary);
  const termIndexOf = new Map<string, number>(postings.terms.map((term, t) => [term, t]));
  const byLength = new Map<number, string[]>();
  for (const term of vocabulary) {
    const list = byLength.get(term.length) ?? [];
    list.push(term);
    byLength.set(term.length, list);
  }
  let lunrIndex: lunr.Index | undefined;
  const getLunrIndex = () => (lunrIndex ??= toLunrIndex(postings));

  yield;

  // Filter sets, one per value, in one pass over the services.
  const setsBy = (keysOf: (s: StoredService) => readonly string[]) => {
    const map = new Map<string, Bits>();
    services.forEach((service, i) => {
      for (const key of keysOf(service)) {
        let bits = map.get(key);
        if (!bits) map.set(key, (bits = new Uint32Array((size + 31) >>> 5)));
        bits[i >>> 5]! |= 1 << (i & 31);
      }
    });
    return map;
  };
  const categorySets = setsBy((s) => s.categorySlugs);
  const areaSets = setsBy((s) => s.areas.map((a) => a.slug));
  yield;
  const accessSets = setsBy((s) => [s.accessRoute]);
  const coverageSets = setsBy((s) => s.coverage);
  // Older persisted services lack these fields only if ENGINE_VERSION was not bumped; `?? []` keeps it safe.
  const languageSets = setsBy((s) => s.languages ?? []);
  const audienceSets = setsBy((s) => s.audience ?? []);
  yield;
  const languageChoices: LanguageChoice[] = [...languageSets.keys()]
    .filter((slug) => slug !== 'english')
    .map((slug) => {
      let count = 0;
      let name = slug;
      for (const s of services) {
        const at = s.languages.indexOf(slug);
        if (at < 0) continue;
        count++;
        if (name === slug) name = s.languageNames[at] ?? slug;
      }
      return { slug, name, count };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const freeSet = bitsetOf(size, (i) => services[i]!.free);
  const stepFreeSet = bitsetOf(size, (i) => services[i]!.stepFree);
  const acceptingSet = bitsetOf(size, (i) => services[i]!.accepting === 'yes');
  yield;
  const slots = Uint32Array.from(services, (s) => s.slots);
  const ageMin = Uint8Array.from(services, (s) => s.ageMin ?? 0);
  const ageMax = Uint8Array.from(services, (s) => s.ageMax ?? 120);
  const closed = Uint8Array.from(services, (s) => (s.status === 'active' ? 0 : 1));
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
  const nameRank = new Uint32Array(size);
  [...services.keys()]
    .sort((a, b) => collator.compare(services[a]!.name, services[b]!.name))
    .forEach((doc, rank) => (nameRank[doc] = rank));
  yield;
  // Public venues, flattened: the venues of service i are venueStart[i] .. venueStart[i + 1].
  const venueStart = new Uint32Array(size + 1);
  services.forEach((s, i) => (venueStart[i + 1] = venueStart[i]! + s.venues.length));
  const venueLat = Float64Array.from(services.flatMap((s) => s.venues.map((v) => v.lat)));
  const venueLng = Float64Array.from(services.flatMap((s) => s.venues.map((v) => v.lng)));
  // YYYYMMDD days on which each listing becomes stale (due) and drops out (3 months later).
  const dueDay = new Int32Array(size);
  const droppedDay = new Int32Array(size);
  services.forEach((s, i) => {
    const verified = Number(s.verifiedOn.replace(/-/g, '')) || 0;
    dueDay[i] = verified ? addMonths(verified, s.reviewEveryMonths) : 0;
    droppedDay[i] = verified ? addMonths(dueDay[i]!, DROPPED_AFTER_MONTHS) : 0;
  });
  /** The London day (YYYYMMDD) of the search being run: decides stale and dropped listings. */
  let today = 0;
  // How a service reaches someone in its areas without a venue nearby (0: it does not).
  const coverageReach = Uint8Array.from(services, (s) =>
    s.coverage.includes('borough-wide') || (s.venues.length === 0 && s.confidentialVenue)
      ? COVERS
      : s.coverage.includes('phone')
        ? PHONE
        : s.coverage.includes('online')
          ? ONLINE
          : 0,
  );

  yield;
  // Words in area names, so "football haringey" favours services in Haringey.
  const areaWords = new Map<string, string>();
  for (const area of areas) {
    for (const word of words(area.name)) {
      if (word.length >= 5 && !generalPlaceWords.has(word)) areaWords.set(stem(word), area.slug);
    }
  }
  const resolvePlace = createPlaceResolver(areas);
  const textCache = new Map<string, TextHits>();

  /** The words a typed word is searched as: itself, synonyms, near spellings and completions. */
  function expand(word: string, isLast: boolean): Map<string, number> {
    const out = new Map<string, number>();
    const put = (term: string, boost: number) => {
      if (vocabularySet.has(term) && (out.get(term) ?? 0) < boost) out.set(term, boost);
    };
    const stemmed = stem(word);
    put(stemmed, 1);
    for (const synonym of synonymsOf(stemmed)) put(synonym, SYNONYM_BOOST);
    if (vocabularySet.has(stemmed)) return out;
    if (isLast && word.length >= 3) {
      // Someone still typing: complete the last word from the vocabulary (sorted, so a range).
      for (let i = firstAtOrAfter(word), added = 0; i < vocabulary.length && added < MAX_PREFIX_MATCHES; i++, added++) {
        const term = vocabulary[i] as string;
        if (!term.startsWith(word)) break;
        put(term, PREFIX_BOOST);
      }
      // A word that completes is unfinished, not misspelt: "garde" is "garden", not "card".
      if (out.size > 0) return out;
    }
    if (word.length >= 5) {
      const max = word.length >= 8 ? 2 : 1;
      const near: { term: string; distance: number }[] = [];
      for (let length = stemmed.length - max; length <= stemmed.length + max; length++) {
        for (const term of byLength.get(length) ?? []) {
          const distance = editDistance(stemmed, term, max);
          if (distance <= max) near.push({ term, distance });
        }
      }
      // Only the closest spellings: "gardning" means "garden", not also "yarn" two edits away.
      // Two edits must keep the first two letters: "knittting" is "knit", but "bereavement"
      // (stem "bereav") is not "break", which would find every carers' group.
      const closest = Math.min(...near.map((n) => n.distance));
      const best = near
        .filter((n) => n.distance === closest && (closest < 2 || n.term.slice(0, 2) === stemmed.slice(0, 2)))
        .sort((a, b) => a.term.localeCompare(b.term));
      for (const { term, distance } of best.slice(0, MAX_TYPO_MATCHES)) {
        put(term, TYPO_BOOST / distance);
        for (const synonym of synonymsOf(term)) put(synonym, (SYNONYM_BOOST * TYPO_BOOST) / distance);
      }
    }
    if (out.size === 0 && word.length >= 7) {
      // Last resort for a misspelt ending ("meditaton", "allotmnet"): the word begins with the
      // stem it was typed from ("medit", "allot"), two to four letters short of the whole word,
      // and the rest is not a word of its own ("wheelchair" is not "wheel"). The longest such
      // stem wins; one edit only in stems of six letters or more ("minds" is not "mindfullness").
      let found = '';
      let foundDistance = 2;
      for (let i = firstAtOrAfter(word[0] as string); i < vocabulary.length; i++) {
        const term = vocabulary[i] as string;
        if (term[0] !== word[0]) break;
        if (term.length < 5 || term.length > word.length - 2 || term.length < word.length - 4) continue;
        const allowed = term.length >= 6 ? 1 : 0;
        const distance = editDistance(word.slice(0, term.length), term, allowed);
        if (distance > allowed || vocabularySet.has(stem(word.slice(term.length)))) continue;
        if (distance < foundDistance || (distance === foundDistance && term.length > found.length)) {
          [found, foundDistance] = [term, distance];
        }
      }
      if (found) {
        put(found, TYPO_BOOST / (1 + foundDistance));
        for (const synonym of synonymsOf(found)) put(synonym, (SYNONYM_BOOST * TYPO_BOOST) / (1 + foundDistance));
      }
    }
    return out;
  }

  /** The position of the first vocabulary term at or after `text` in sort order. */
  function firstAtOrAfter(text: string): number {
    let low = 0;
    let high = vocabulary.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((vocabulary[mid] as string) < text) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  // Reused across searches (a search runs synchronously), so scoring allocates nothing per service.
  const scoreOf = new Float64Array(size);
  const groupsOf = new Int32Array(size);
  const touched = new Int32Array(size);
  let touchedCount = 0;
  const touch = (doc: number, score: number, groups: number) => {
    if (groupsOf[doc] === 0 && scoreOf[doc] === 0) touched[touchedCount++] = doc;
    scoreOf[doc] += score;
    groupsOf[doc] |= groups;
  };

  /** lunr's own `Index#query`: the reference the fast scorer is tested against. */
  function scoreWithLunr(termBoost: Map<string, number>, termGroups: Map<string, number>): void {
    const results = getLunrIndex().query((query) => {
      for (const [term, boost] of termBoost) {
        query.term(term, {
          boost,
          usePipeline: false,
          wildcard: lunr.Query.wildcard.NONE,
          presence: lunr.Query.presence.OPTIONAL,
        });
      }
    });
    for (const result of results) {
      let groups = 0;
      for (const term of Object.keys(result.matchData.metadata)) groups |= termGroups.get(term) ?? 0;
      touch(Number(result.ref), result.score, groups);
    }
  }

  /**
   * The same scores as `Index#query` with optional, exact terms: lunr scores a service as
   * sum over fields of (query vector . field vector) / |query vector|, and every field's query
   * vector holds every term, so this is sum over terms and fields of boost * weight / |query|,
   * read straight from the postings instead of building lunr's match objects.
   */
  function scoreFast(termBoost: Map<string, number>, termGroups: Map<string, number>): void {
    const { start, doc, milli } = postings;
    let sumOfSquares = 0;
    for (const boost of termBoost.values()) sumOfSquares += boost * boost;
    const magnitude = Math.sqrt(sumOfSquares);
    for (const [term, boost] of termBoost) {
      const t = termIndexOf.get(term);
      if (t === undefined) continue;
      const groups = termGroups.get(term) ?? 0;
      const factor = boost / magnitude;
      for (let k = start[t]!; k < start[t + 1]!; k++) touch(doc[k]!, (factor * milli[k]!) / 1000, groups);
    }
  }

  /** Scores the words; cached, since paging and filtering repeat the same words. */
  function textHits(q: string): TextHits {
    const typed = queryWords(q);
    if (typed.length === 0) return browseAll;
    const key = typed.join(' ');
    const cached = textCache.get(key);
    if (cached) {
      textCache.delete(key);
      textCache.set(key, cached);
      return cached;
    }

    const termBoost = new Map<string, number>();
    const termGroups = new Map<string, number>();
    const groupAreas: (string | undefined)[] = [];
    let groupCount = 0;
    typed.forEach((word, g) => {
      const expanded = expand(word, g === typed.length - 1);
      const area = areaWords.get(stem(word));
      groupAreas[g] = area;
      if (expanded.size > 0 || area) groupCount++;
      for (const [term, boost] of expanded) {
        termBoost.set(term, Math.max(termBoost.get(term) ?? 0, boost));
        termGroups.set(term, (termGroups.get(term) ?? 0) | (1 << g));
      }
    });

    touchedCount = 0;
    if (termBoost.size > 0) (options.scorer === 'lunr' ? scoreWithLunr : scoreFast)(termBoost, termGroups);
    groupAreas.forEach((area, g) => {
      const bits = area ? areaSets.get(area) : undefined;
      if (bits) for (let doc = 0; doc < size; doc++) if (has(bits, doc)) touch(doc, AREA_SCORE, 1 << g);
    });

    let best = 0;
    for (let k = 0; k < touchedCount; k++) {
      const doc = touched[k]!;
      // Coordination: a service matching every word beats one matching some of them.
      const share = groupCount === 0 ? 1 : popcount(groupsOf[doc]!) / groupCount;
      scoreOf[doc] *= share * share;
      if (scoreOf[doc]! > best) best = scoreOf[doc]!;
    }
    // Drop the weak tail (a word found only in a long summary), which would otherwise crowd
    // real matches when results are sorted by distance. A search for a place alone keeps all.
    const placeOnly = groupAreas.every((area) => area !== undefined);
    const floor = placeOnly ? 0 : best * MIN_SHARE_OF_BEST;
    const hits: TextHits = { all: false, docs: [], scores: [] };
    for (let k = 0; k < touchedCount; k++) {
      const doc = touched[k]!;
      if (scoreOf[doc]! >= floor) {
        hits.docs.push(doc);
        hits.scores.push(scoreOf[doc]!);
      }
      scoreOf[doc] = 0;
      groupsOf[doc] = 0;
    }
    touchedCount = 0;
    if (cacheSize > 0) {
      if (textCache.size >= cacheSize) textCache.delete(textCache.keys().next().value as string);
      textCache.set(key, hits);
    }
    return hits;
  }

  /** The intersection of the set-based filters, or undefined when none applies. */
  function filterBits(params: SearchParams, skip?: FilterKey): Bits | undefined {
    let bits: Bits | undefined;
    const and = (next: Bits) => {
      if (!bits) bits = next.slice();
      else intersectInto(bits, next);
    };
    const anyOf = (sets: Map<string, Bits>, values: readonly string[]) => {
      const union = new Uint32Array((size + 31) >>> 5);
      for (const value of values) unionInto(union, sets.get(value));
      and(union);
    };
    if (skip !== 'category' && params.category.length > 0) anyOf(categorySets, params.category);
    if (skip !== 'area' && params.area.length > 0) anyOf(areaSets, params.area);
    if (skip !== 'access' && params.access.length > 0) anyOf(accessSets, params.access);
    if (skip !== 'remote' && params.remote.length > 0) anyOf(coverageSets, params.remote);
    if (skip !== 'free' && params.free) and(freeSet);
    if (skip !== 'accessible' && params.accessible) and(stepFreeSet);
    if (skip !== 'accepting' && params.accepting) and(acceptingSet);
    if (skip !== 'language' && params.language.length > 0) anyOf(languageSets, params.language);
    if (skip !== 'audience' && params.audience.length > 0) anyOf(audienceSets, params.audience);
    return bits;
  }

  /** Slots wanted by the day and time filters (0 when neither applies). */
  function slotMask(params: SearchParams, skip?: FilterKey): number {
    const days = skip === 'day' ? [] : params.day;
    const bands = skip === 'time' ? [] : params.time;
    if (days.length === 0 && bands.length === 0) return 0;
    let mask = 0;
    weekdays.forEach((day, d) => {
      if (days.length > 0 && !days.includes(day)) return;
      timeBands.forEach((band, b) => {
        if (bands.length === 0 || bands.includes(band)) mask |= 1 << (d * 3 + b);
      });
    });
    return mask;
  }

  /** Services whose every schedule is plain weekly (no start or end date): `when` can read them directly. */
  // A closure of one venue stops only that venue's sessions: such timetables go through src/schedules.
  const plainWeekly = Uint8Array.from(services, (s) =>
    s.timetable &&
    !(s.timetable.closures ?? []).some((c) => c.location) &&
    s.timetable.schedules!.every(
      (rule) =>
        rule.frequency === 'weekly' &&
        !rule.validFrom &&
        !rule.validTo &&
        minutes(rule.opensAt) !== undefined &&
        minutes(rule.closesAt) !== undefined &&
        rule.opensAt < rule.closesAt,
    )
      ? 1
      : 0,
  );
  /** The search being run, for `when`: its instant, London clock and the next 7 London dates. */
  let whenAt: WhenWindow = windowOf(new Date(0));
  /** Per search: 0 not yet checked, 1 yes, 2 no, for each `when` (loosening asks again). */
  const whenMemo = { now: new Uint8Array(size), today: new Uint8Array(size), week: new Uint8Array(size) };

  /**
   * The real sessions of a service on the `k`th London date of the window, as [start, end] epoch
   * milliseconds: from `src/schedules`, worked out only when asked and kept until the date changes.
   */
  let sessionsDate = '';
  let sessionsCache: (number[] | undefined)[][] = [];
  function sessionsOn(doc: number, k: number): number[] {
    if (sessionsDate !== whenAt.dates[0]) {
      sessionsDate = whenAt.dates[0]!;
      sessionsCache = whenAt.dates.map(() => new Array(size));
    }
    let spans = sessionsCache[k]![doc];
    if (!spans) {
      const s = services[doc]!;
      const input: ScheduleInput = { status: s.status, ...s.timetable! };
      spans = sessionsOnDate(input, whenAt.dates[k]!).flatMap((session) => [
        session.startsAt.getTime(),
        session.endsAt.getTime(),
      ]);
      sessionsCache[k]![doc] = spans;
    }
    return spans;
  }

  /** No session on a date: a closure covers it, or it is a bank holiday the service closes on. */
  function offOn(s: StoredService, k: number): boolean {
    const date = whenAt.dates[k]!;
    if (s.timetable!.closedOnBankHolidays && whenAt.bankHoliday[k]) return true;
    return (s.timetable!.closures ?? []).some((c) => c.from <= date && date <= (c.to ?? c.from));
  }

  /**
   * "Open now", "on today" or "on in the next 7 days", from the real sessions (closures and bank
   * holidays included), with the semantics of `src/schedules` (`isOpenNow`, `isOnToday`,
   * `nextSessions`). Plain weekly timetables are read here directly, as most are; anything else
   * (fortnightly, monthly, dated, a clock-change day) goes through `src/schedules` itself.
   */
  function runsWhen(doc: number, when: NonNullable<SearchParams['when']>): boolean {
    const memo = whenMemo[when];
    if (memo[doc] !== 0) return memo[doc] === 1;
    const s = services[doc]!;
    let yes = false;
    if (s.timetable && closed[doc] === 0 && slots[doc] !== 0) {
      const days = when === 'week' ? 7 : 1;
      if (plainWeekly[doc] === 1 && !whenAt.clockChange.slice(0, days).some(Boolean)) {
        for (let k = 0; k < days && !yes; k++) {
          if (offOn(s, k)) continue;
          const day = weekdays[(whenAt.weekday + k) % 7];
          yes = s.timetable.schedules!.some((rule) => {
            if (rule.day !== day) return false;
            if (k > 0) return true;
            const closes = minutes(rule.closesAt)!;
            return when === 'now'
              ? minutes(rule.opensAt)! <= whenAt.minute && whenAt.minute < closes
              : closes > whenAt.minute;
          });
        }
      } else {
        const now = whenAt.now.getTime();
        for (let k = 0; k < days && !yes; k++) {
          // Sessions fall on their schedule's weekday: a day the slots rule out has none.
          if ((slots[doc]! & (0b111 << (((whenAt.weekday + k) % 7) * 3))) === 0) continue;
          const spans = sessionsOn(doc, k);
          for (let i = 0; i < spans.length && !yes; i += 2) {
            yes = when === 'now' ? spans[i]! <= now && now < spans[i + 1]! : spans[i + 1]! > now;
          }
        }
      }
    }
    memo[doc] = yes ? 1 : 2;
    return yes;
  }

  // Candidates of the current search, in buffers reused by every search (searches are synchronous).
  const foundDoc = new Int32Array(size);
  const foundScore = new Float64Array(size);
  const foundReach = new Uint8Array(size);
  const foundMetres = new Float64Array(size);
  const foundVenue = new Int32Array(size);
  const foundKey = new Float64Array(size);
  /** Services in the areas of the place of the last `collect` (reused, like the buffers above). */
  const inPlaceAreas: Bits = new Uint32Array((size + 31) >>> 5);

  /** Collects the services matching words, filters and place; returns how many (stored only if `store`). */
  function collect(
    hits: TextHits,
    params: SearchParams,
    place: Place | null,
    store: boolean,
    skip?: FilterKey,
  ): number {
    const bits = filterBits(params, skip);
    const slotsWanted = slotMask(params, skip);
    const age = skip === 'age' ? undefined : params.age;
    const when = skip === 'when' ? undefined : params.when;
    const radiusMetres = params.radius * METRES_PER_MILE;
    if (place) {
      inPlaceAreas.fill(0);
      for (const area of place.areas) unionInto(inPlaceAreas, areaSets.get(area));
    }
    let count = 0;
    const consider = (doc: number, score: number) => {
      if (droppedDay[doc]! <= today) return;
      if (bits && !has(bits, doc)) return;
      if (slotsWanted !== 0 && (slots[doc]! & slotsWanted) === 0) return;
      if (age !== undefined && (age < ageMin[doc]! || age > ageMax[doc]!)) return;
      if (when !== undefined && !runsWhen(doc, when)) return;
      let reach = NO_PLACE;
      let metres = Infinity;
      let venue = venueStart[doc + 1]! > venueStart[doc]! ? 0 : -1;
      if (place) {
        // Nearest public venue; confidential ones have no coordinates to measure.
        venue = -1;
        for (let v = venueStart[doc]!; v < venueStart[doc + 1]!; v++) {
          const d = haversineMetres(place.lat, place.lng, venueLat[v]!, venueLng[v]!);
          if (d < metres) [metres, venue] = [d, v - venueStart[doc]!];
        }
        if (metres <= radiusMetres) reach = NEARBY;
        else if (coverageReach[doc] !== 0 && has(inPlaceAreas, doc)) reach = coverageReach[doc]!;
        else return;
        if (reach !== NEARBY) venue = -1;
      }
      if (store) {
        foundDoc[count] = doc;
        foundScore[count] = score;
        foundReach[count] = reach;
        foundMetres[count] = metres;
        foundVenue[count] = venue;
      }
      count++;
    };
    if (hits.all) {
      if (bits) {
        for (let w = 0; w < bits.length; w++) {
          let word = bits[w]!;
          while (word !== 0) {
            const bit = word & -word;
            consider((w << 5) + 31 - Math.clz32(bit), 1);
            word ^= bit;
          }
        }
      } else {
        for (let doc = 0; doc < size; doc++) consider(doc, 1);
      }
    } else {
      for (let k = 0; k < hits.docs.length; k++) consider(hits.docs[k]!, hits.scores[k]!);
    }
    return count;
  }

  /**
   * Positions of the candidates on the page asked for, in order: the best `end` are kept in a
   * heap (n log k, not a full sort), then sorted.
   */
  function pageOrder(count: number, start: number, tieByScore: boolean): number[] {
    const before = (a: number, b: number) =>
      foundKey[a]! - foundKey[b]! ||
      (tieByScore ? foundScore[b]! - foundScore[a]! : 0) ||
      nameRank[foundDoc[a]!]! - nameRank[foundDoc[b]!]!;
    const end = Math.min(count, start + PER_PAGE);
    if (start >= end) return [];
    // A max-heap (worst at the top) of the best `end` candidates.
    const heap: number[] = [];
    const siftDown = (i: number) => {
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let worst = i;
        if (left < heap.length && before(heap[left]!, heap[worst]!) > 0) worst = left;
        if (right < heap.length && before(heap[right]!, heap[worst]!) > 0) worst = right;
        if (worst === i) return;
        [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
        i = worst;
      }
    };
    for (let k = 0; k < count; k++) {
      if (heap.length < end) {
        heap.push(k);
        for (let i = heap.length - 1; i > 0;) {
          const parent = (i - 1) >> 1;
          if (before(heap[i]!, heap[parent]!) <= 0) break;
          [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
          i = parent;
        }
      } else if (before(k, heap[0]!) < 0) {
        heap[0] = k;
        siftDown(0);
      }
    }
    return heap.sort(before).slice(start, end);
  }

  /** Result `k` of the last collect; `place` words its distance (walking times only from a precise point). */
  function toResult(k: number, place: Place | null): SearchResult {
    const doc = foundDoc[k]!;
    const s = services[doc]!;
    const reach = foundReach[k]!;
    const venue = foundVenue[k]! >= 0 ? s.venues[foundVenue[k]!] : undefined;
    const metres = foundMetres[k]!;
    return {
      id: s.id,
      slug: s.slug,
      name: s.name,
      summary: s.summary,
      organisation: s.organisation,
      categories: s.categories,
      areas: s.areas,
      free: s.free,
      accessRoute: s.accessRoute,
      accepting: s.accepting,
      status: s.status,
      coverage: s.coverage,
      verifiedOn: s.verifiedOn,
      stale: dueDay[doc]! <= today,
      reach: reachLabels[reach] ?? null,
      ...(reach === NEARBY
        ? { distance: { metres: Math.round(metres), text: describeDistance(metres, place ?? undefined) } }
        : {}),
      ...(venue ? { venue: { ...venue } } : {}),
      score: Math.round(foundScore[k]! * 1000) / 1000,
    };
  }

  function loosen(hits: TextHits, params: SearchParams, place: Place | null): LoosenSuggestion[] {
    const suggestions: LoosenSuggestion[] = [];
    const next = (changes: Partial<SearchParams>): SearchParams => ({ ...params, ...changes, page: 1 });
    for (const key of filterKeys) {
      const value = params[key];
      const active =
        key === 'age' || key === 'when'
          ? value !== undefined
          : Array.isArray(value)
            ? value.length > 0
            : value === true;
      if (!active) continue;
      const count = collect(hits, params, place, false, key);
      if (count === 0) continue;
      const loosened = next(typeof value === 'boolean' ? { [key]: false } : Array.isArray(value) ? { [key]: [] } : {});
      if (key === 'age') delete loosened.age;
      if (key === 'when') delete loosened.when;
      suggestions.push({ param: key, count, params: loosened });
    }
    if (place) {
      for (const radius of radiusChoices.filter((r) => r > params.radius)) {
        const count = collect(hits, { ...params, radius }, place, false);
        if (count > 0) {
          suggestions.push({ param: 'radius', count, params: next({ radius: radius as Radius }) });
          break;
        }
      }
      const count = collect(hits, params, null, false);
      if (count > 0) {
        const loosened = next({ radius: DEFAULT_RADIUS, sort: 'relevance' });
        delete loosened.location;
        delete loosened.lat;
        delete loosened.lng;
        suggestions.push({ param: 'location', count, params: loosened });
      }
    }
    if (!hits.all) {
      const count = collect(browseAll, params, place, false);
      if (count > 0) suggestions.push({ param: 'q', count, params: next({ q: '' }) });
    }
    return suggestions.sort((a, b) => b.count - a.count);
  }

  function search(
    params: SearchParams,
    now: Date = new Date(),
    postcodePoint?: { lat: number; lng: number },
  ): SearchResponse {
    const problems: ParamError[] = [];
    let place: Place | null = null;
    let used: SearchParams = { ...params, page: Number.isInteger(params.page) && params.page > 0 ? params.page : 1 };
    const resolved = resolvePlace(params);
    if (resolved?.ok) {
      place = resolved.place;
      if (postcodePoint && place.kind === 'postcode') place = { ...place, ...postcodePoint, precise: true };
    } else if (resolved) {
      const { param, message, suggestions } = resolved;
      problems.push({ param, message, ...(suggestions.length > 0 ? { suggestions } : {}) });
      if (used.sort === 'distance') used = { ...used, sort: 'relevance' };
    }
    const londonDate = londonDateOf(now);
    today = Number(londonDate.replace(/-/g, ''));
    if (used.when !== undefined) {
      whenAt = windowOf(now);
      for (const memo of Object.values(whenMemo)) memo.fill(0);
    }
    // Only languages some listing is in can be chosen; any other is set aside with a message.
    const unknownLanguages = used.language.filter((slug) => !languageSets.has(slug));
    if (unknownLanguages.length > 0) {
      problems.push({
        param: 'language',
        message: 'No listings are in that language yet. Choose a language from the list',
      });
      used = { ...used, language: used.language.filter((slug) => languageSets.has(slug)) };
    }

    const hits = textHits(used.q);
    const total = collect(hits, used, place, true);
    // Three orders (see the constants at the top): nearest first for `sort=distance` and for
    // browsing with a place, otherwise the one blended score.
    const pureDistance = place !== null && used.sort === 'distance';
    const browseByDistance = place !== null && hits.all && !pureDistance;
    const byDistance = pureDistance || browseByDistance;
    let bestText = 0;
    for (let k = 0; k < total; k++) if (foundScore[k]! > bestText) bestText = foundScore[k]!;
    const inNamedArea = place?.kind === 'area';
    for (let k = 0; k < total; k++) {
      const doc = foundDoc[k]!;
      const stale = dueDay[doc]! <= today;
      const isClosed = closed[doc] === 1;
      const nearby = foundReach[k] === NEARBY;
      const metres = nearby ? foundMetres[k]! : COVERAGE_METRES;
      let score = bestText > 0 ? foundScore[k]! / bestText : 0;
      if (place && !hits.all) {
        const d = nearby && inNamedArea && has(inPlaceAreas, doc) ? 0 : metres;
        score /= 1 + d / DISTANCE_SCALE_METRES;
      }
      foundScore[k] = score * (stale ? STALE_FACTOR : 1) * (isClosed ? CLOSED_FACTOR : 1);
      foundKey[k] = pureDistance
        ? metres
        : browseByDistance
          ? metres + (stale ? STALE_PENALTY_METRES : 0) + (isClosed ? CLOSED_PENALTY_METRES : 0)
          : -foundScore[k]!;
    }
    const start = (used.page - 1) * PER_PAGE;
    const results = pageOrder(total, start, byDistance).map((k) => toResult(k, place));
    return {
      params: used,
      total,
      page: used.page,
      pageCount: Math.max(1, Math.ceil(total / PER_PAGE)),
      perPage: PER_PAGE,
      results,
      place,
      problems,
      loosen: total === 0 ? loosen(hits, used, place) : [],
    };
  }

  function unmatchedWords(q: string): string[] {
    const typed = queryWords(q);
    return typed.filter((word, g) => expand(word, g === typed.length - 1).size === 0 && !areaWords.has(stem(word)));
  }

  return {
    fingerprint,
    size,
    languages: languageChoices,
    resolvePlace,
    unmatchedWords,
    search(params, now, postcodePoint) {
      return search(params, now, postcodePoint);
    },
    serialise() {
      return {
        format: 'signpost-search',
        version: ENGINE_VERSION,
        fingerprint,
        postings: encodePostings(postings),
        services,
        areas,
      };
    },
    lunrIndex: getLunrIndex,
  };
}

/**
 * A YYYYMMDD day plus whole months, the day clamped to the month's end (31 January + 1 month is
 * 28 or 29 February), exactly as luxon's `plus({ months })` in `src/listings/verification.ts`.
 */
export function addMonths(day: number, months: number): number {
  const year = Math.floor(day / 10_000);
  const month = Math.floor(day / 100) % 100;
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return y * 10_000 + m * 100 + Math.min(day % 100, last);
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
