/**
 * Whole-dataset queries answered in plain TypeScript on the embedded store, with exactly the
 * result groq-js gives for the same GROQ (checked in `test/unit/embedded-memory.test.ts`).
 *
 * groq-js spends tens of microseconds and several kB of garbage on each document it projects, so
 * a projection over every service costs about a second and hundreds of MB of heap growth at 10k
 * services; that sat on the first page after every restart. Only queries read whole and often
 * belong here; everything else stays GROQ.
 */
import { serviceTimesQuery } from '../queries/index';
import type { StoredDocument } from './dataset';

/** What a materialised query may read: the published documents of its scope, and the id index. */
export type MaterialisedContext = {
  documents: readonly StoredDocument[];
  byId: ReadonlyMap<string, StoredDocument>;
};

type Row = Record<string, unknown>;

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

/** `serviceTimesQuery` (see `src/queries/index.ts`). */
function serviceTimes({ documents, byId }: MaterialisedContext): Row[] {
  const rows: Row[] = [];
  for (const document of documents) {
    if (!isListed(document)) continue;
    const venues = dereferenceEach(document.locations, byId);
    rows.push({
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
    });
  }
  return rows;
}

/** The queries answered here instead of by groq-js, by their GROQ text. */
export const materialised: ReadonlyMap<string, (context: MaterialisedContext) => unknown> = new Map([
  [serviceTimesQuery, serviceTimes],
]);
