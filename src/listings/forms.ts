/**
 * Listing forms: what a partner or editor typed, read into the listing document an edit proposes.
 *
 * Every form works without JavaScript. Repeatable rows (sessions, contacts, closures) arrive as
 * numbered fields (`schedules-0-day`) with the row count in `<group>-rows`; a row left blank or
 * ticked "remove" goes, and each row keeps its `_key` so the editor's diff follows the row, not
 * its position. Values the profile would refuse are kept as typed, so the message appears at the
 * field with the person's own text. Field ids are the document path with dots as hyphens
 * (`schedules.0.opensAt` is `schedules-0-opensAt`), so every problem links to its field.
 */
import { randomUUID } from 'node:crypto';
import type { StoredDocument } from '../content/dataset';
import { findOutcode, outwardCode } from '../geo/outcodes';
import { slugify } from '../../studio/lib/slug';
import type { FieldProblem } from './changes';

export type FormReader = { text(name: string): string; all(name: string): string[] };

export function formReader(data: FormData): FormReader {
  return {
    text: (name) => String(data.get(name) ?? '').trim(),
    all: (name) =>
      data
        .getAll(name)
        .map((value) => String(value).trim())
        .filter(Boolean),
  };
}

/** A choice from a list the form offered: its value and what people see. */
export type Choice = { value: string; label: string };

/** The id of the field a problem at `path` is about. */
export const fieldId = (path: string) => path.replace(/\./g, '-');

/** The most rows of one kind a form accepts, so a crafted row count cannot make work. */
export const MAX_ROWS = 30;

const newKey = () => randomUUID().replace(/-/g, '').slice(0, 12);
const keyOf = (typed: string) => (/^[A-Za-z0-9_-]{1,40}$/.test(typed) ? typed : newKey());

type Row = { _key: string } & Record<string, string>;

/** The numbered rows of a repeatable group as typed; blank rows and rows ticked "remove" left out. */
export function readRows(form: FormReader, group: string, fields: readonly string[]): Row[] {
  const count = Math.min(Math.max(Number(form.text(`${group}-rows`)) || 0, 0), MAX_ROWS);
  const rows: Row[] = [];
  for (let index = 0; index < count; index += 1) {
    const prefix = `${group}-${index}-`;
    if (form.text(`${prefix}remove`) === 'yes') continue;
    const values = Object.fromEntries(fields.map((field) => [field, form.text(prefix + field)]));
    if (fields.every((field) => values[field] === '')) continue;
    rows.push({ ...values, _key: keyOf(form.text(`${prefix}key`)) });
  }
  return rows;
}

/** Sets `field` to `value`, or removes it when left blank. */
function put(document: Record<string, unknown>, field: string, value: string | number | undefined): void {
  if (value === undefined || value === '') delete document[field];
  else document[field] = value;
}

/** Sets the optional list `field`, or removes it when empty. */
function putList(document: Record<string, unknown>, field: string, values: unknown[]): void {
  if (values.length === 0) delete document[field];
  else document[field] = values;
}

/** A whole number as a number; anything else kept as typed, so the profile's message shows. */
const wholeNumber = (text: string): number | string => (/^\d{1,3}$/.test(text) ? Number(text) : text);

const reference = (id: string, key?: string) => ({ _type: 'reference', _ref: id, ...(key ? { _key: key } : {}) });

/** `chosen` with the values that were there before in their old order (the first category stays first), then the new ones. */
function keepOrder(chosen: string[], before: unknown): string[] {
  const old = Array.isArray(before) ? before.map((item) => (typeof item === 'string' ? item : String(item?._ref))) : [];
  const unique = [...new Set(chosen)];
  return [...old.filter((value) => unique.includes(value)), ...unique.filter((value) => !old.includes(value))];
}

/** References to the chosen ids, offered by the form only; each keeps the key it had. */
function chosenReferences(chosen: string[], offered: Choice[], before: unknown): Record<string, string>[] {
  const keys = new Map(
    (Array.isArray(before) ? (before as { _ref?: string; _key?: string }[]) : []).map((ref) => [ref._ref, ref._key]),
  );
  const allowed = new Set(offered.map((choice) => choice.value));
  return keepOrder(chosen, before)
    .filter((id) => allowed.has(id))
    .map((id) => reference(id, keys.get(id) ?? newKey()) as Record<string, string>);
}

/** The text fields of a service's details, in form order, with their labels and hints. */
export const SERVICE_TEXT_FIELDS = [
  { name: 'name', label: 'Name', hint: 'What residents will see first', rows: 0 },
  { name: 'summary', label: 'Summary', hint: 'One or two sentences, 20 to 200 characters', rows: 2 },
  { name: 'description', label: 'What it is', hint: 'What happens, what to expect, 50 to 4,000 characters', rows: 8 },
  { name: 'forWhom', label: 'Who it is for', hint: 'In plain words, like “Adults who feel lonely”', rows: 2 },
  { name: 'accessDetails', label: 'How to get in', hint: 'What to bring, who can refer (optional)', rows: 3 },
  { name: 'costDetails', label: 'What it costs', hint: 'Needed when it is not free, like “£3 a session”', rows: 0 },
] as const;

export const SCHEDULE_FIELDS = [
  'frequency',
  'day',
  'weekOfMonth',
  'opensAt',
  'closesAt',
  'validFrom',
  'validTo',
  'location',
  'note',
] as const;
export const CONTACT_FIELDS = ['name', 'role', 'phone', 'email'] as const;
export const CLOSURE_FIELDS = ['from', 'to', 'reason', 'location'] as const;
/** The venue choice of a closure that covers every venue of the service (the default). */
export const ALL_VENUES = '';

/** Sessions as typed: "every week", "every other week" (from a date it runs) or "the nth weekday of the month". */
export function readSchedules(form: FormReader, venues: Choice[]): Record<string, unknown>[] {
  const offered = new Set(venues.map((venue) => venue.value));
  return readRows(form, 'schedules', SCHEDULE_FIELDS).map((row) => {
    const schedule: Record<string, unknown> = { _key: row._key, _type: 'schedule' };
    for (const field of ['frequency', 'day', 'opensAt', 'closesAt', 'validFrom', 'validTo', 'note']) {
      put(schedule, field, row[field]);
    }
    // The week of the month only means something for monthly sessions.
    if (row.frequency === 'monthly' && row.weekOfMonth) {
      schedule.weekOfMonth = /^-?\d$/.test(row.weekOfMonth) ? Number(row.weekOfMonth) : row.weekOfMonth;
    }
    if (row.location && offered.has(row.location)) schedule.location = reference(row.location);
    return schedule;
  });
}

export function readContacts(form: FormReader): Record<string, unknown>[] {
  return readRows(form, 'contacts', CONTACT_FIELDS).map((row) => {
    const contact: Record<string, unknown> = { _key: row._key, _type: 'contact' };
    for (const field of CONTACT_FIELDS) put(contact, field, row[field]);
    return contact;
  });
}

/**
 * Closures as typed: dates, why, and the venue when only one is closed ("All venues" leaves it
 * out). A venue is kept even when it is not one of the service's, so the profile's message shows
 * at the field rather than the closure silently covering every venue.
 */
export function readClosures(form: FormReader): Record<string, unknown>[] {
  // A row with only a venue chosen and nothing else typed is a blank row.
  return readRows(form, 'closures', CLOSURE_FIELDS)
    .filter((row) => row.from !== '' || row.to !== '' || row.reason !== '')
    .map((row) => {
      const closure: Record<string, unknown> = { _key: row._key, _type: 'closure' };
      for (const field of ['from', 'to', 'reason'] as const) put(closure, field, row[field]);
      if (row.location && row.location !== ALL_VENUES) closure.location = reference(row.location);
      return closure;
    });
}

/** What a service form offers: the organisation's venues, and the categories and areas of the directory. */
export type ServiceChoices = { venues: Choice[]; categories: Choice[]; areas: Choice[] };

/**
 * A service's details form read over `current` (the draft or published listing). Whether it is
 * taking new people and its closures have their own form, which publishes at once, so they are
 * left as they are. A new service's web address follows its name until it is first published.
 */
export function readService(
  current: StoredDocument,
  form: FormReader,
  choices: ServiceChoices,
  { isNew }: { isNew: boolean },
): StoredDocument {
  const service: StoredDocument = { ...current };
  for (const field of SERVICE_TEXT_FIELDS) put(service, field.name, form.text(field.name));
  for (const field of ['phone', 'email', 'website']) put(service, field, form.text(field));
  put(service, 'ageMin', form.text('ageMin') ? wholeNumber(form.text('ageMin')) : undefined);
  put(service, 'ageMax', form.text('ageMax') ? wholeNumber(form.text('ageMax')) : undefined);
  service.accessRoute = form.text('accessRoute');
  service.free = form.text('free') === 'yes';
  service.closedOnBankHolidays = form.text('closedOnBankHolidays') === 'yes';
  service.languages = form
    .text('languages')
    .split(',')
    .map((language) => language.trim())
    .filter(Boolean);
  service.coverage = keepOrder(form.all('coverage'), current.coverage);
  putList(service, 'accessibility', keepOrder(form.all('accessibility'), current.accessibility));
  service.categories = chosenReferences(form.all('categories'), choices.categories, current.categories);
  service.areas = chosenReferences(form.all('areas'), choices.areas, current.areas);
  putList(service, 'locations', chosenReferences(form.all('locations'), choices.venues, current.locations));
  putList(service, 'schedules', readSchedules(form, choices.venues));
  putList(service, 'contacts', readContacts(form));
  if (isNew) {
    const words = slugify(String(service.name ?? '')) || 'service';
    service.slug = {
      _type: 'slug',
      current: `${words.slice(0, 80)}-${current._id.replace(/^drafts\./, '').slice(0, 6)}`,
    };
  }
  return service;
}

/** A new service for `organisation`, with the settings most listings start from; the partner fills in the rest. */
export function blankService(id: string, organisation: { _id: string; name: string }, today: string): StoredDocument {
  return {
    _id: id,
    _type: 'service',
    organisation: reference(organisation._id),
    categories: [],
    areas: [],
    accessRoute: 'drop-in',
    accepting: 'yes',
    free: true,
    languages: ['English'],
    coverage: ['venue'],
    closedOnBankHolidays: true,
    status: 'active',
    verifiedOn: today,
    verifiedBy: organisation.name,
  };
}

export const ORGANISATION_FIELDS = [
  { name: 'name', label: 'Name of the organisation', rows: 0 },
  { name: 'description', label: 'What the organisation does', rows: 5 },
  { name: 'website', label: 'Website (optional)', rows: 0 },
  { name: 'email', label: 'Email address (optional)', rows: 0 },
  { name: 'phone', label: 'Phone number (optional)', rows: 0 },
  { name: 'charityNumber', label: 'Registered charity number (optional)', rows: 0 },
] as const;

export function readOrganisation(current: StoredDocument, form: FormReader): StoredDocument {
  const organisation: StoredDocument = { ...current };
  for (const field of ORGANISATION_FIELDS) put(organisation, field.name, form.text(field.name));
  return organisation;
}

/** A new venue for `organisation`; its address is shown unless the partner marks it confidential. */
export function blankLocation(id: string, organisation: { _id: string }): StoredDocument {
  return { _id: id, _type: 'location', organisation: reference(organisation._id), confidential: false };
}

/**
 * A venue's form read over `current`. Its position on the map is the middle of its postcode
 * district (the directory does not pretend to street precision); it moves only when the
 * postcode's district does. Problems the profile cannot see (an area or district we do not
 * cover) are returned with the document.
 */
export function readLocation(
  current: StoredDocument,
  form: FormReader,
  areas: Choice[],
): { document: StoredDocument; problems: FieldProblem[] } {
  const location: StoredDocument = { ...current };
  const problems: FieldProblem[] = [];
  put(location, 'name', form.text('name'));
  put(location, 'directions', form.text('directions'));
  const postcode = form.text('address-postcode').toUpperCase().replace(/\s+/g, ' ');
  const address: Record<string, unknown> = {};
  for (const field of ['line1', 'line2', 'city']) put(address, field, form.text(`address-${field}`));
  put(address, 'postcode', postcode);
  location.address = address;
  location.confidential = form.text('confidential') === 'yes';
  putList(location, 'accessibility', keepOrder(form.all('accessibility'), current.accessibility));

  const area = form.text('area');
  if (areas.some((choice) => choice.value === area)) location.area = reference(area);
  else problems.push({ path: 'area', message: 'Choose the area the venue is in.' });

  const before = (current.address as { postcode?: string } | undefined)?.postcode ?? '';
  const district = outwardCode(postcode);
  if (district && (district !== outwardCode(before) || !current.position)) {
    const found = findOutcode(district);
    if (found) location.position = { _type: 'geopoint', lat: found.lat, lng: found.lng };
    else
      problems.push({
        path: 'address.postcode',
        message: `${district} is not a postcode district this directory covers. Check the postcode.`,
      });
  }
  return { document: location, problems };
}
