/**
 * Whole-dataset queries answered in plain TypeScript on the embedded store, with exactly the
 * result groq-js gives for the same GROQ (checked in `test/unit/embedded-memory.test.ts`).
 *
 * groq-js spends tens of microseconds and several kB of garbage on each document it projects, so
 * a projection over every service costs about a second and hundreds of MB of heap growth at 10k
 * services; that sat on the first page after every restart. Only queries read whole and often
 * belong here; everything else stays GROQ. A materialised query answers `undefined` for a
 * shape it was not written for (an unsorted name, say), and groq-js answers instead.
 *
 * Each is written as steps that pause every `DOCUMENTS_PER_STEP` documents, so the store runs
 * them in turns: at 100k services the search documents take over a second to project, and
 * pages keep answering meanwhile.
 */
import { searchDocumentsQuery, serviceTimesByIdQuery, serviceTimesQuery } from '../queries/index';
import type { Steps } from '../search/turns';
import type { StoredDocument } from './dataset';

/**
 * What a materialised query may read: the published documents of its scope (gathered when first
 * read), the id index and the query's parameters.
 */
export type MaterialisedContext = {
  readonly documents: readonly StoredDocument[];
  byId: ReadonlyMap<string, StoredDocument>;
  params: Readonly<Record<string, unknown>>;
};

type Row = Record<string, unknown>;

/** How many documents a materialised query reads between pauses. */
const DOCUMENTS_PER_STEP = 200;

/** GROQ's attribute access: a missing attribute is null. */
const field = (document: Row, name: string): unknown => (document[name] === undefined ? null : document[name]);

/** `value[]{ a, b }`: null unless an array; each element projected, a non-object becoming null. */
function projectEach(value: unknown, names: readonly string[]): unknown[] | null {
  if (!Array.isArray(value)) return null;
  return value.map((item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return null;
    const row: Row = {};
    for (const name of names) row[name] = field(item as Row, name);
    return row;
  });
}

/** `value[]->`: each element dereferenced by its `_ref`, null when it has none or no target. */
function dereferenceEach(value: unknown, byId: ReadonlyMap<string, StoredDocument>): (StoredDocument | null)[] | null {
  if (!Array.isArray(value)) return null;
  return value.map((item) => {
    const ref = item && typeof item === 'object' ? (item as { _ref?: unknown })._ref : undefined;
    return typeof ref === 'string' ? (byId.get(ref) ?? null) : null;
  });
}

/** `_type == "service" && !(_id in path("drafts.**")) && status in ["active", "temporarily-closed"]` */
const isListed = (document: StoredDocument) =>
  document._type === 'service' &&
  !document._id.startsWith('drafts.') &&
  (document.status === 'active' || document.status === 'temporarily-closed');

const scheduleFields = [
  '_key',
  'frequency',
  'day',
  'weekOfMonth',
  'opensAt',
  'closesAt',
  'validFrom',
  'validTo',
  'location',
  'note',
];
const closureFields = ['_key', 'from', 'to', 'reason', 'location'];

/** One service's row of `serviceTimesQuery` and `serviceTimesByIdQuery`. */
function serviceTimesRow(document: StoredDocument, byId: ReadonlyMap<string, StoredDocument>): Row {
  const venues = dereferenceEach(document.locations, byId);
  return {
    _id: document._id,
    status: field(document, 'status'),
    accessRoute: field(document, 'accessRoute'),
    coverage: field(document, 'coverage'),
    closedOnBankHolidays: field(document, 'closedOnBankHolidays'),
    schedules: projectEach(document.schedules, scheduleFields) ?? [],
    closures: projectEach(document.closures, closureFields) ?? [],
    venues:
      venues?.map((venue) =>
        venue ? { _id: venue._id, name: venue.confidential === true ? null : field(venue, 'name') } : null,
      ) ?? [],
  };
}

/** `serviceTimesQuery` (see `src/queries/index.ts`). */
function* serviceTimes({ documents, byId }: MaterialisedContext): Steps<Row[]> {
  const rows: Row[] = [];
  let read = 0;
  for (const document of documents) {
    if (++read % DOCUMENTS_PER_STEP === 0) yield;
    if (isListed(document)) rows.push(serviceTimesRow(document, byId));
  }
  return rows;
}

/** `serviceTimesByIdQuery`: one lookup in the id index; undefined (groq-js answers) for an odd `$id`. */
// eslint-disable-next-line require-yield -- one lookup: nothing to pause between
function* serviceTimesById({ byId, params }: MaterialisedContext): Steps<Row | null | undefined> {
  if (typeof params.id !== 'string') return undefined;
  const document = byId.get(params.id);
  return document && isListed(document) ? serviceTimesRow(document, byId) : null;
}

const isObject = (value: unknown): value is Row => !!value && typeof value === 'object' && !Array.isArray(value);
/** `a.b` */
const path = (value: unknown, name: string): unknown => (isObject(value) ? field(value, name) : null);
/** `coalesce(a, b)` */
const coalesce = (value: unknown, fallback: unknown): unknown =>
  value === null || value === undefined ? fallback : value;
/** `ref->` */
const dereference = (value: unknown, byId: ReadonlyMap<string, StoredDocument>): StoredDocument | null => {
  const ref = isObject(value) ? value._ref : undefined;
  return typeof ref === 'string' ? (byId.get(ref) ?? null) : null;
};
/** `value{ a, b }` on one value: an object projected, anything else null (an array: not handled). */
const projectOne = (value: unknown, names: readonly string[]): Row | null | undefined => {
  if (Array.isArray(value)) return undefined;
  if (!isObject(value)) return null;
  const row: Row = {};
  for (const name of names) row[name] = field(value, name);
  return row;
};
/** GROQ's `order(x asc)` for strings (groq-js compares them by code unit); undefined if not all strings. */
function sortedBy<T extends Row>(rows: T[], key: (row: T) => unknown): T[] | undefined {
  if (!rows.every((row) => typeof key(row) === 'string')) return undefined;
  return rows.sort((a, b) => {
    const x = key(a) as string;
    const y = key(b) as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
/** `math::min(values)`: nulls skipped, null when empty or when any value is not a number. */
function minimum(values: unknown[] | null): number | null {
  if (!values) return null;
  let least: number | undefined;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number') return null;
    if (least === undefined || value < least) least = value;
  }
  return least ?? null;
}

const searchScheduleFields = [
  'day',
  'opensAt',
  'closesAt',
  'frequency',
  'weekOfMonth',
  'validFrom',
  'validTo',
  'location',
];
const searchClosureFields = ['from', 'to', 'location'];

/** `searchDocumentsQuery` (see `src/queries/index.ts`); undefined for a shape it does not handle. */
function* searchDocuments({ documents, byId }: MaterialisedContext): Steps<Row | undefined> {
  const category = (document: StoredDocument | null) =>
    document && {
      name: field(document, 'name'),
      slug: path(document.slug, 'current'),
      keywords: coalesce(field(document, 'keywords'), []),
    };
  const services: Row[] = [];
  let read = 0;
  for (const document of documents) {
    if (++read % DOCUMENTS_PER_STEP === 0) yield;
    if (!isListed(document)) continue;
    const categories = dereferenceEach(document.categories, byId);
    const organisation = dereference(document.organisation, byId);
    const venues = dereferenceEach(document.locations, byId);
    let unhandled = false;
    const row: Row = {
      _id: document._id,
      _updatedAt: field(document, '_updatedAt'),
      name: field(document, 'name'),
      slug: path(document.slug, 'current'),
      summary: field(document, 'summary'),
      tags: coalesce(field(document, 'tags'), []),
      status: field(document, 'status'),
      verifiedOn: field(document, 'verifiedOn'),
      free: field(document, 'free'),
      ageMin: field(document, 'ageMin'),
      ageMax: field(document, 'ageMax'),
      accessRoute: field(document, 'accessRoute'),
      accepting: field(document, 'accepting'),
      coverage: field(document, 'coverage'),
      forWhom: field(document, 'forWhom'),
      languages: coalesce(field(document, 'languages'), []),
      closedOnBankHolidays: document.closedOnBankHolidays === true,
      reviewEveryMonths: minimum(categories && categories.map((c) => (c ? field(c, 'reviewEveryMonths') : null))),
      accessibility: coalesce(field(document, 'accessibility'), []),
      organisation: organisation && { name: field(organisation, 'name'), slug: path(organisation.slug, 'current') },
      categories:
        categories?.map((c) => {
          const own = category(c);
          return own && { ...own, parent: category(c && dereference(c.parent, byId)) };
        }) ?? [],
      areas:
        dereferenceEach(document.areas, byId)?.map(
          (area) => area && { name: field(area, 'name'), slug: path(area.slug, 'current') },
        ) ?? [],
      schedules: projectEach(document.schedules, searchScheduleFields) ?? [],
      closures: projectEach(document.closures, searchClosureFields) ?? [],
      venues:
        venues?.map((venue) => {
          if (!venue) return null;
          const confidential = venue.confidential === true;
          const position = confidential ? null : projectOne(venue.position, ['lat', 'lng']);
          if (position === undefined) unhandled = true;
          return {
            confidential,
            name: confidential ? null : field(venue, 'name'),
            postcode: confidential ? null : path(venue.address, 'postcode'),
            position,
            accessibility: confidential ? [] : coalesce(field(venue, 'accessibility'), []),
          };
        }) ?? [],
    };
    if (unhandled) return undefined;
    services.push(row);
  }
  const areas: Row[] = [];
  for (const document of documents) {
    if (document._type !== 'area' || document._id.startsWith('drafts.')) continue;
    const centre = projectOne(document.centre, ['lat', 'lng']);
    if (centre === undefined) return undefined;
    areas.push({
      name: field(document, 'name'),
      slug: path(document.slug, 'current'),
      postcodeDistricts: field(document, 'postcodeDistricts'),
      centre,
    });
  }
  const byName = sortedBy(areas, (area) => area.name);
  const byIdOrder = sortedBy(services, (service) => service._id);
  return byName && byIdOrder && { services: byIdOrder, areas: byName };
}

/** The queries answered here instead of by groq-js, by their GROQ text. */
export const materialised: ReadonlyMap<string, (context: MaterialisedContext) => Steps<unknown>> = new Map<
  string,
  (context: MaterialisedContext) => Steps<unknown>
>([
  [serviceTimesQuery, serviceTimes],
  [serviceTimesByIdQuery, serviceTimesById],
  [searchDocumentsQuery, searchDocuments],
]);
