/**
 * What a search asks for, read from a query string: one schema for the `/search` page and
 * `/api/search`, so both accept exactly the same URLs and give the same messages.
 *
 * Repeated values of one parameter mean "any of these" (`day=monday&day=tuesday`); different
 * parameters must all hold. Empty values (`age=` from an empty form field) count as absent, and
 * unknown parameters are ignored, so forms and shared links never fail for harmless reasons.
 */
import { z } from 'zod';
import { accessRoutes, weekdays } from '../content/profile';
import { outwardCode } from '../geo/outcodes';

/** Results on each page. */
export const PER_PAGE = 20;
/** The distances (miles) a person can choose; anything else is refused, so caches stay small. */
export const radiusChoices = [1, 2, 5, 10, 20] as const;
export const DEFAULT_RADIUS = 5;
/** Parts of the day; a session overlapping the band counts (e.g. 11:00-13:00 is both). */
export const timeBands = ['morning', 'afternoon', 'evening'] as const;
/** Band limits in minutes after midnight, London time: before 12:00, 12:00-17:00, from 17:00. */
export const timeBandMinutes: Record<TimeBand, readonly [number, number]> = {
  morning: [0, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 24 * 60],
};
export const remoteKinds = ['online', 'phone'] as const;
/**
 * Who a service is for, derived at index time from its ages, "who it is for" and tags (see
 * `./audience.ts`): a small fixed vocabulary, so words like "over 50s" or "for carers" have a filter.
 */
export const audiences = ['older-people', 'young-people', 'women', 'men', 'carers', 'families'] as const;
/** When it runs, from the real schedules (closures and bank holidays included), at the time of the search. */
export const whenChoices = ['now', 'today', 'week'] as const;
export const sortOrders = ['relevance', 'distance'] as const;
export { accessRoutes, weekdays };

export type Weekday = (typeof weekdays)[number];
export type TimeBand = (typeof timeBands)[number];
export type AccessRoute = (typeof accessRoutes)[number];
export type RemoteKind = (typeof remoteKinds)[number];
export type SortOrder = (typeof sortOrders)[number];
export type Radius = (typeof radiusChoices)[number];
export type Audience = (typeof audiences)[number];
export type When = (typeof whenChoices)[number];

const MAX_QUERY = 200;
const MAX_LOCATION = 100;
/** More values than any form offers: a longer list is a hand-made URL, refused rather than run. */
const MAX_VALUES = 20;

/** The message for a location we cannot read at all. */
export const locationFormatMessage =
  'Enter a full postcode like N17 9LA, a postcode area like N17, or the name of a town, neighbourhood or borough';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Control characters (NUL included) never mean anything in a search box; they become spaces.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const placeName = /^\p{L}[\p{L}\p{M} '’&.,-]*$/u;

function clean(text: string): string {
  return text.normalize('NFC').replace(controlCharacters, ' ').replace(/\s+/g, ' ').trim();
}

/** Keeps the first of each value, in the order of `order` when given (canonical URLs). */
function canonical<T extends string>(values: T[], order?: readonly T[]): T[] {
  const unique = [...new Set(values)];
  return order ? order.filter((value) => unique.includes(value)) : unique.sort();
}

function repeatable<T extends string>(values: readonly [T, ...T[]], message: string) {
  return z
    .array(z.string().transform((value) => clean(value).toLowerCase()))
    .max(MAX_VALUES, { error: `Choose ${MAX_VALUES} or fewer` })
    .pipe(z.array(z.enum(values, { error: message })))
    .transform((list) => canonical(list, values))
    .default([]);
}

function slugs(message: string) {
  return z
    .array(z.string().transform((value) => clean(value).toLowerCase()))
    .max(MAX_VALUES, { error: `Choose ${MAX_VALUES} or fewer` })
    .pipe(z.array(z.string().max(96, { error: message }).regex(slugPattern, { error: message })))
    .transform((list) => canonical(list))
    .default([]);
}

const trueValues = new Set(['1', 'true', 'on', 'yes']);
const falseValues = new Set(['0', 'false', 'off', 'no']);

function flag(message: string) {
  return z
    .string()
    .transform((value, context) => {
      const text = clean(value).toLowerCase();
      if (trueValues.has(text)) return true;
      if (falseValues.has(text)) return false;
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    })
    .default(false);
}

function whole(min: number, max: number, message: string) {
  return z
    .string()
    .transform((value, context) => {
      const text = clean(value);
      const number = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
      if (Number.isInteger(number) && number >= min && number <= max) return number;
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    })
    .optional();
}

function coordinate(limit: number) {
  return z
    .string()
    .transform((value, context) => {
      const text = clean(value);
      const number = /^-?\d{1,3}(?:\.\d{1,15})?$/.test(text) ? Number(text) : NaN;
      if (Number.isFinite(number) && Math.abs(number) <= limit) {
        // Three decimals is about 100 m: enough for "a 5-minute walk", no closer to a front door.
        return Math.round(number * 1000) / 1000;
      }
      context.addIssue({ code: 'custom', message: 'We could not read your location. Enter a postcode instead.' });
      return z.NEVER;
    })
    .optional();
}

/**
 * A location as the `location` parameter holds it: a postcode-looking text in upper case with one
 * space, a name as typed; undefined when it cannot be a location at all.
 */
export function normaliseLocation(value: string): string | undefined {
  const text = clean(value);
  if (text.length > MAX_LOCATION) return undefined;
  const outward = outwardCode(text);
  if (outward) {
    const compact = text.replace(/\s+/g, '').toUpperCase();
    return compact.length > outward.length ? `${outward} ${compact.slice(outward.length)}` : outward;
  }
  if (placeName.test(text) && text.length >= 2) return text;
  return undefined;
}

function readLocation(value: string, context: z.RefinementCtx): string {
  const location = normaliseLocation(value);
  if (location !== undefined) return location;
  context.addIssue({ code: 'custom', message: locationFormatMessage });
  return z.NEVER;
}

/** The `language` value for a language name: "British Sign Language" -> "british-sign-language". */
export function languageSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The search parameters a query string may hold, each with the message shown when it is wrong. */
export const searchParamsSchema = z
  .object({
    /** What the person typed. */
    q: z
      .string()
      .transform(clean)
      .pipe(z.string().max(MAX_QUERY, { error: `Use ${MAX_QUERY} characters or fewer in your search` }))
      .default(''),
    /** Category slugs; a parent category includes its children. */
    category: slugs('Choose a category from the list'),
    /** Area (borough) slugs. */
    area: slugs('Choose an area from the list'),
    day: repeatable(weekdays, 'Choose days of the week, like monday or saturday'),
    time: repeatable(timeBands, 'Choose morning, afternoon or evening'),
    free: flag('Choose whether to show only free services (free=1)'),
    /** The person's age in years: services whose age range includes it. */
    age: whole(0, 120, 'Enter an age as a whole number from 0 to 120'),
    access: repeatable(accessRoutes, 'Choose how to get in: drop-in, self-refer, referral-needed or via-connector'),
    /** Only services with step-free access at the service or a public venue. */
    accessible: flag('Choose whether to show only step-free venues (accessible=1)'),
    /** Only services taking new people now. */
    accepting: flag('Choose whether to show only services taking new people (accepting=1)'),
    remote: repeatable(remoteKinds, 'Choose online or phone'),
    /**
     * Languages spoken at the service, as slugs ("turkish", "british-sign-language"). Checked
     * here for shape only: the engine says when no listing offers a language.
     */
    language: slugs('Choose a language from the list'),
    /** Who it is for: older-people, young-people, women, men, carers or families. */
    audience: repeatable(audiences, 'Choose who it is for from the list'),
    /** Open now, on today, or on at least once in the next 7 days (London time). */
    when: z
      .string()
      .transform((value) => clean(value).toLowerCase())
      .pipe(z.enum(whenChoices, { error: 'Choose when: open now, on today or this week' }))
      .optional(),
    /** A full postcode, a postcode district ("N17") or an area name ("Haringey"). */
    location: z.string().transform(readLocation).optional(),
    /** The browser's position, rounded to 3 decimals; `location` wins when both are given. */
    lat: coordinate(90),
    lng: coordinate(180),
    radius: z
      .string()
      .transform((value, context) => {
        const number = Number(clean(value));
        if ((radiusChoices as readonly number[]).includes(number)) return number as Radius;
        context.addIssue({ code: 'custom', message: 'Choose a distance of 1, 2, 5, 10 or 20 miles' });
        return z.NEVER;
      })
      .default(DEFAULT_RADIUS),
    page: whole(1, 100_000, 'Choose a page number of 1 or more'),
    sort: z
      .string()
      .transform((value) => clean(value).toLowerCase())
      .pipe(z.enum(sortOrders, { error: 'Sort by relevance or distance' }))
      .optional(),
  })
  .superRefine((value, context) => {
    if ((value.lat === undefined) !== (value.lng === undefined)) {
      const param = value.lat === undefined ? 'lat' : 'lng';
      context.addIssue({
        code: 'custom',
        path: [param],
        message: 'We could not read your location. Enter a postcode instead.',
      });
    }
  })
  .transform(({ page, sort, ...rest }) => ({ ...rest, page: page ?? 1, sort: sort ?? defaultSort(rest) }));

/** A valid search, as the engine and the pages use it. */
export type SearchParams = z.output<typeof searchParamsSchema>;
/** A parameter name a search URL may hold. */
export type SearchParamName = keyof SearchParams;
/** One problem with one parameter, in words for the person searching. */
export type ParamError = {
  param: SearchParamName;
  message: string;
  /** Values to offer instead ("Did you mean Tottenham?"), when there are close ones. */
  suggestions?: string[];
};
export type ParseResult = { ok: true; params: SearchParams } | { ok: false; errors: ParamError[] };

const repeatableNames = ['category', 'area', 'day', 'time', 'access', 'remote', 'language', 'audience'] as const;
const singleNames = [
  'q',
  'when',
  'free',
  'age',
  'accessible',
  'accepting',
  'location',
  'lat',
  'lng',
  'radius',
  'page',
  'sort',
] as const;

type PlaceFields = { location?: string | undefined; lat?: number | undefined; lng?: number | undefined };

/** True when the search has a place to measure from. */
export function hasLocation(params: PlaceFields): boolean {
  return params.location !== undefined || (params.lat !== undefined && params.lng !== undefined);
}

/**
 * Best match ("relevance") always: with a place it already blends distance into the score (see
 * `engine.ts`); `sort=distance` is the explicit choice of nearest first. Takes the place so the
 * default may depend on it again without changing callers.
 */
export function defaultSort(_params: PlaceFields): SortOrder {
  return 'relevance';
}

type ParamInput = URLSearchParams | string | Record<string, string | readonly string[] | undefined>;

function toRecord(input: ParamInput): Record<string, string | string[]> {
  const search =
    input instanceof URLSearchParams
      ? input
      : typeof input === 'string'
        ? new URLSearchParams(input)
        : new URLSearchParams(
            Object.entries(input).flatMap(([key, value]) =>
              value === undefined ? [] : (typeof value === 'string' ? [value] : value).map((v) => [key, v]),
            ),
          );
  const record: Record<string, string | string[]> = {};
  for (const name of repeatableNames) {
    const values = search.getAll(name).filter((value) => value.trim() !== '');
    if (values.length > 0) record[name] = values;
  }
  for (const name of singleNames) {
    // The first non-empty value wins: a form may send an empty field beside a filled one.
    const value = search.getAll(name).find((v) => v.trim() !== '');
    if (value !== undefined) record[name] = value;
  }
  // `postcode` is another name for `location` (links from other sites use it); `location` wins.
  const postcode = search.getAll('postcode').find((v) => v.trim() !== '');
  if (record.location === undefined && postcode !== undefined) record.location = postcode;
  return record;
}

/** Reads a query string (or its parsed form) into search parameters, or says what is wrong. */
export function parseSearchParams(input: ParamInput): ParseResult {
  const parsed = searchParamsSchema.safeParse(toRecord(input));
  if (parsed.success) return { ok: true, params: parsed.data };
  const errors: ParamError[] = [];
  for (const issue of parsed.error.issues) {
    const param = String(issue.path[0] ?? 'q') as SearchParamName;
    if (!errors.some((error) => error.param === param)) errors.push({ param, message: issue.message });
  }
  return { ok: false, errors };
}

/** The empty search (browse everything), with any fields replaced. */
export function searchParams(overrides: Partial<SearchParams> = {}): SearchParams {
  const base: SearchParams = {
    q: '',
    category: [],
    area: [],
    day: [],
    time: [],
    free: false,
    access: [],
    accessible: false,
    accepting: false,
    remote: [],
    language: [],
    audience: [],
    radius: DEFAULT_RADIUS,
    page: 1,
    sort: 'relevance',
  };
  const merged = { ...base, ...overrides };
  if (overrides.sort === undefined) merged.sort = defaultSort(merged);
  return merged;
}

/**
 * The query string for a search, parameters always in the same order and defaults left out, so
 * equal searches have equal URLs (shareable links, "remove this filter" and pagination).
 */
export function toSearchParams(params: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  if (params.q !== '') out.append('q', params.q);
  if (params.location !== undefined) out.append('location', params.location);
  if (params.lat !== undefined && params.lng !== undefined) {
    out.append('lat', String(params.lat));
    out.append('lng', String(params.lng));
  }
  if (params.radius !== DEFAULT_RADIUS) out.append('radius', String(params.radius));
  for (const value of params.category) out.append('category', value);
  for (const value of params.area) out.append('area', value);
  for (const value of params.day) out.append('day', value);
  for (const value of params.time) out.append('time', value);
  if (params.when !== undefined) out.append('when', params.when);
  if (params.free) out.append('free', '1');
  if (params.age !== undefined) out.append('age', String(params.age));
  for (const value of params.access) out.append('access', value);
  if (params.accessible) out.append('accessible', '1');
  if (params.accepting) out.append('accepting', '1');
  for (const value of params.remote) out.append('remote', value);
  for (const value of params.language) out.append('language', value);
  for (const value of params.audience) out.append('audience', value);
  if (params.sort !== defaultSort(params)) out.append('sort', params.sort);
  if (params.page !== 1) out.append('page', String(params.page));
  return out;
}

/** The parameters that filter results (words and place are not filters). */
export type FilterParam =
  | 'category'
  | 'area'
  | 'day'
  | 'time'
  | 'when'
  | 'free'
  | 'age'
  | 'access'
  | 'accessible'
  | 'accepting'
  | 'remote'
  | 'language'
  | 'audience';

/** A filter a person has applied, one per value of a repeatable parameter. */
export type ActiveFilter = {
  param: FilterParam;
  /** The value as it appears in the URL ("tuesday", "1", "42"). */
  value: string;
};

/** Every filter in a search, in URL order, for "remove this filter" links. Words and place are not filters. */
export function activeFilters(params: SearchParams): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  for (const param of ['category', 'area', 'day', 'time'] as const) {
    for (const value of params[param]) filters.push({ param, value });
  }
  if (params.when !== undefined) filters.push({ param: 'when', value: params.when });
  if (params.free) filters.push({ param: 'free', value: '1' });
  if (params.age !== undefined) filters.push({ param: 'age', value: String(params.age) });
  for (const value of params.access) filters.push({ param: 'access', value });
  if (params.accessible) filters.push({ param: 'accessible', value: '1' });
  if (params.accepting) filters.push({ param: 'accepting', value: '1' });
  for (const value of params.remote) filters.push({ param: 'remote', value });
  for (const param of ['language', 'audience'] as const) {
    for (const value of params[param]) filters.push({ param, value });
  }
  return filters;
}

/** The search without one filter (or one value of it), back on page 1. */
export function removeFilter(
  params: SearchParams,
  filter: Pick<ActiveFilter, 'param'> & { value?: string },
): SearchParams {
  const next: SearchParams = { ...params, page: 1 };
  switch (filter.param) {
    case 'category':
    case 'area':
      next[filter.param] = filter.value === undefined ? [] : params[filter.param].filter((v) => v !== filter.value);
      break;
    case 'day':
      next.day = filter.value === undefined ? [] : params.day.filter((v) => v !== filter.value);
      break;
    case 'time':
      next.time = filter.value === undefined ? [] : params.time.filter((v) => v !== filter.value);
      break;
    case 'access':
      next.access = filter.value === undefined ? [] : params.access.filter((v) => v !== filter.value);
      break;
    case 'remote':
      next.remote = filter.value === undefined ? [] : params.remote.filter((v) => v !== filter.value);
      break;
    case 'language':
      next.language = filter.value === undefined ? [] : params.language.filter((v) => v !== filter.value);
      break;
    case 'audience':
      next.audience = filter.value === undefined ? [] : params.audience.filter((v) => v !== filter.value);
      break;
    case 'age':
      delete next.age;
      break;
    case 'when':
      delete next.when;
      break;
    case 'free':
    case 'accessible':
    case 'accepting':
      next[filter.param] = false;
      break;
  }
  return next;
}
