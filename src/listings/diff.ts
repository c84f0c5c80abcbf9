/**
 * The field-level difference between two versions of a document, nested fields included: what
 * an editor reads before approving a change. Objects are compared field by field; arrays of
 * keyed objects (schedules, closures, contacts) item by item, matched on `_key`, so a changed
 * session shows as that session's changed times rather than a whole new list; other arrays
 * (languages, references) are compared as a whole.
 */

/** Fields the store maintains, never part of a change. */
const SYSTEM_FIELDS = new Set(['_id', '_rev', '_createdAt', '_updatedAt', '_type', '_key']);

export type DiffEntry = {
  /** Where the change is, as a path (`schedules[abc].opensAt`). */
  path: string;
  /** The same in words for editors ("Schedules › Tuesday 10:00 › Opens at"). */
  label: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
};

type Plain = Record<string, unknown>;

const isObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isKeyedList = (value: unknown): value is Plain[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) && typeof item._key === 'string');
const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** Fields named as the forms name them; any other field by its own name ("statusNote" -> "Status note"). */
const FIELD_LABELS: Record<string, string> = {
  schedules: 'Sessions',
  closesAt: 'Ends at',
  opensAt: 'Starts at',
  weekOfMonth: 'Week of the month',
  validFrom: 'From',
  validTo: 'Until',
  forWhom: 'Who it is for',
  accessRoute: 'How people join',
  accessDetails: 'How to get in',
  costDetails: 'What it costs',
  locations: 'Venues',
  ageMin: 'Youngest age',
  ageMax: 'Oldest age',
  accepting: 'Taking new people',
  verifiedOn: 'Checked on',
  verifiedBy: 'Checked by',
  line1: 'Address line 1',
  line2: 'Address line 2',
};

export function fieldLabel(name: string): string {
  if (FIELD_LABELS[name]) return FIELD_LABELS[name];
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** How an item of a list is named for people: a contact's name, a session's day and time. */
function itemLabel(item: Plain): string {
  if (typeof item.day === 'string' && typeof item.opensAt === 'string') {
    return `${fieldLabel(item.day)} ${item.opensAt}`;
  }
  if (typeof item.from === 'string') return `From ${item.from}`;
  for (const field of ['name', 'reason', 'role', 'email', 'phone']) {
    if (typeof item[field] === 'string' && item[field]) return String(item[field]);
  }
  return 'Item';
}

function compare(before: unknown, after: unknown, path: string, label: string, out: DiffEntry[]): void {
  if (isEmpty(before) && isEmpty(after)) return;
  if (isEmpty(before)) {
    out.push({ path, label, change: 'added', after });
    return;
  }
  if (isEmpty(after)) {
    out.push({ path, label, change: 'removed', before });
    return;
  }
  if (isObject(before) && isObject(after) && before._type !== 'reference' && after._type !== 'reference') {
    for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (SYSTEM_FIELDS.has(field)) continue;
      compare(before[field], after[field], path ? `${path}.${field}` : field, join(label, fieldLabel(field)), out);
    }
    return;
  }
  if ((isKeyedList(before) || isKeyedList(after)) && Array.isArray(before) && Array.isArray(after)) {
    const old = new Map((before as Plain[]).map((item) => [String(item._key), item]));
    const now = new Map((after as Plain[]).map((item) => [String(item._key), item]));
    for (const [key, item] of now) {
      compare(old.get(key), item, `${path}[${key}]`, join(label, itemLabel(item)), out);
    }
    for (const [key, item] of old) {
      if (!now.has(key)) compare(item, undefined, `${path}[${key}]`, join(label, itemLabel(item)), out);
    }
    return;
  }
  if (canonical(before) !== canonical(after)) out.push({ path, label, change: 'changed', before, after });
}

/** JSON with object keys in order, so `{_type, _ref}` and `{_ref, _type}` are the same value. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    isObject(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1))) : inner,
  );

const join = (parent: string, child: string) => (parent ? `${parent} › ${child}` : child);

/** What changed from `before` (the published version; null for a new listing) to `after`. */
export function diffDocuments(before: Plain | null, after: Plain): DiffEntry[] {
  const out: DiffEntry[] = [];
  compare(before ?? {}, after, '', '', out);
  return out;
}

/** The top-level fields a diff touches (what a change request records). */
export function changedFields(entries: DiffEntry[]): string[] {
  return [...new Set(entries.map((entry) => entry.path.split(/[.[]/)[0]!))];
}
