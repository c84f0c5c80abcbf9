/**
 * The Sanity Studio mirrors the content profile: same types, fields, enums and required fields,
 * its own rules agree with the profile's refinements, and the desk structure shows the singletons
 * at their fixed ids. Validation runs through Sanity's real validator against the compiled schema.
 */
import { describe, expect, test } from 'vitest';
import {
  createSchema,
  validateDocument,
  type SanityClient,
  type SanityDocument,
  type Template,
  type TemplateItem,
} from 'sanity';
import { createStructureBuilder, type StructureBuilderOptions } from 'sanity/structure';
import type { ZodType } from 'zod';
import {
  acceptingStates,
  accessRoutes,
  closure as closureProfile,
  contact as contactProfile,
  coverageKinds,
  crisisContact as crisisContactProfile,
  documentSchemas,
  schedule as scheduleProfile,
  serviceStatuses,
} from '../../src/content/profile';
import { fixtureDataset } from '../fixtures/dataset';
import { monthsBefore, todayInLondon } from '../../studio/lib/dates';
import { optionList, weekOfMonthValues } from '../../studio/lib/options';
import {
  agesInOrder,
  closedNeedsNote,
  closesAfterOpens,
  contactRouteNeeded,
  costNeeded,
  crisisReviewDue,
  fortnightlyNeedsDate,
  monthlyNeedsWeek,
  scheduleLocationListed,
  venueNeedsLocation,
  verificationDue,
} from '../../studio/lib/rules';
import { slugify } from '../../studio/lib/slug';
import { resolveStudioEnv } from '../../studio/env';
import { documentTypes, objectTypes, schemaTypes } from '../../studio/schemas';
import {
  singletonSafeActions,
  singletons,
  withoutSingletonOptions,
  withoutSingletonTemplates,
} from '../../studio/singletons';
import {
  crisisReviewOverdueFilter,
  dueForReverificationFilter,
  dueInAreaFilter,
  dueInCategoryFilter,
  pendingChangesFilter,
  reverificationCutoff,
  reviewCutoffs,
  structure,
} from '../../studio/structure';

// --- helpers ----------------------------------------------------------------------------------

type FieldDef = {
  name: string;
  type: string;
  description?: string;
  fields?: FieldDef[];
  of?: { type: string }[];
  options?: { list?: { title: string; value: string | number }[] };
  initialValue?: unknown;
};
type TypeDef = {
  name: string;
  type: string;
  fields: FieldDef[];
  preview?: {
    select?: Record<string, string>;
    prepare?: (selection: Record<string, unknown>) => { title?: string; subtitle?: string };
  };
};
type ZodNode = ZodType & {
  shape?: Record<string, ZodNode>;
  element?: ZodNode;
  options?: unknown[];
  unwrap?: () => ZodNode;
  _zod: { def: { type: string } };
};
type Marker = { level: string; message: string; path: (string | number | { _key: string })[] };

const asType = (definition: unknown): TypeDef => definition as TypeDef;
const fieldOf = (definition: unknown, name: string): FieldDef => {
  const field = asType(definition).fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`no field ${name} on ${asType(definition).name}`);
  return field;
};
const shapeOf = (schema: unknown): Record<string, ZodNode> => {
  const shape = (schema as ZodNode).shape;
  if (!shape) throw new Error('not a zod object');
  return shape;
};
/** Profile keys that editors fill in (Sanity writes `_id`, `_type` and `_key` itself). */
const editableKeys = (schema: unknown): string[] =>
  Object.keys(shapeOf(schema)).filter((key) => !['_id', '_type', '_key'].includes(key));
const requiredKeys = (schema: unknown): string[] =>
  editableKeys(schema).filter((key) => !shapeOf(schema)[key]!.safeParse(undefined).success);
/** The values a profile enum field allows (through optional and array wrappers). */
function enumValues(node: ZodNode): unknown[] {
  const kind = node._zod.def.type;
  if (kind === 'optional') return enumValues(node.unwrap!());
  if (kind === 'array') return enumValues(node.element!);
  if (kind === 'enum') return node.options!;
  if (kind === 'union') return (node.options as { value: unknown }[]).map((option) => option.value);
  throw new Error(`not an enum: ${kind}`);
}
const listValues = (field: FieldDef): unknown[] => (field.options?.list ?? []).map((option) => option.value);

const schema = createSchema({ name: 'default', types: schemaTypes });
/** Stands in for the Content Lake: the only query validation sends is the slug check "is this slug free?". */
const offlineClient = {
  fetch: async () => true,
  withConfig: () => offlineClient,
  getDataUrl: () => '',
  observable: {},
  config: () => ({}),
} as unknown as SanityClient;

/** Runs Sanity's own document validation against the compiled Studio schema. */
async function validate(document: Record<string, unknown>): Promise<Marker[]> {
  const options = {
    document: {
      _createdAt: '2026-01-01T00:00:00Z',
      _updatedAt: '2026-01-01T00:00:00Z',
      _rev: 'test',
      ...document,
    } as SanityDocument,
    workspace: { schema, getClient: () => offlineClient },
    getDocumentExists: async () => true,
    // As editors see it. (With 'cli', Sanity 6.16 demotes rules on object types to warnings.)
    environment: 'studio',
  } as unknown as Parameters<typeof validateDocument>[0];
  return (await validateDocument(options)) as unknown as Marker[];
}
/** `schedules[s].closesAt` for a marker path. */
const pathText = (path: Marker['path']): string =>
  path
    .map((segment, index) => (typeof segment === 'object' ? `[${segment._key}]` : `${index ? '.' : ''}${segment}`))
    .join('');
const errors = (markers: Marker[]) => markers.filter((marker) => marker.level === 'error');
const warnings = (markers: Marker[]) => markers.filter((marker) => marker.level === 'warning');
const requiredPaths = (markers: Marker[], depth: number) =>
  [
    ...new Set(
      errors(markers)
        .filter((m) => m.message === 'Required' && m.path.length > depth)
        .map((m) => String(m.path[depth])),
    ),
  ].sort();

const fixtures = fixtureDataset().filter((document) => !String(document._id).startsWith('drafts.'));
const fixtureOf = (type: string) => {
  const document = fixtures.find((candidate) => candidate._type === type);
  if (!document) throw new Error(`no ${type} fixture`);
  return structuredClone(document) as Record<string, unknown>;
};
const today = todayInLondon();

// --- fields -----------------------------------------------------------------------------------

describe('the Studio schema mirrors the content profile', () => {
  test('the schema compiles without problems', () => {
    const problems = (schema._validation ?? []).flatMap((group) => group.problems);
    expect(problems).toEqual([]);
  });

  test('there is a Studio document type for every profile document type and no other', () => {
    expect(Object.keys(documentTypes).sort()).toEqual(Object.keys(documentSchemas).sort());
    for (const [name, definition] of Object.entries(documentTypes)) {
      expect(asType(definition)).toMatchObject({ name, type: 'document' });
    }
  });

  test.each(Object.keys(documentSchemas))('the %s document has exactly the profile fields', (name) => {
    const definition = documentTypes[name as keyof typeof documentTypes];
    const studioFields = asType(definition)
      .fields.map((field) => field.name)
      .sort();
    expect(studioFields).toEqual(editableKeys(documentSchemas[name as keyof typeof documentSchemas]).sort());
  });

  test.each([
    ['schedule', scheduleProfile],
    ['closure', closureProfile],
    ['contact', contactProfile],
    ['crisisContact', crisisContactProfile],
  ] as const)('the %s object has exactly the profile fields', (name, profile) => {
    const definition = objectTypes[name];
    expect(asType(definition)).toMatchObject({ name, type: 'object' });
    expect(
      asType(definition)
        .fields.map((field) => field.name)
        .sort(),
    ).toEqual(editableKeys(profile).sort());
  });

  test('a location address has exactly the profile address fields', () => {
    const address = fieldOf(documentTypes.location, 'address');
    const profileAddress = shapeOf(documentSchemas.location).address;
    expect((address.fields ?? []).map((field) => field.name).sort()).toEqual(
      Object.keys(shapeOf(profileAddress)).sort(),
    );
  });

  test('array fields hold the profile object types', () => {
    expect(fieldOf(documentTypes.service, 'schedules').of).toEqual([{ type: 'schedule' }]);
    expect(fieldOf(documentTypes.service, 'closures').of).toEqual([{ type: 'closure' }]);
    expect(fieldOf(documentTypes.service, 'contacts').of).toEqual([{ type: 'contact' }]);
    expect(fieldOf(documentTypes.crisisSupport, 'contacts').of).toEqual([{ type: 'crisisContact' }]);
  });

  test('every field, nested address fields included, has a description for editors', () => {
    const missing: string[] = [];
    const visit = (owner: string, fields: FieldDef[]) => {
      for (const field of fields) {
        if (!field.description || field.description.trim().length < 10) missing.push(`${owner}.${field.name}`);
        if (field.fields) visit(`${owner}.${field.name}`, field.fields);
      }
    };
    for (const definition of schemaTypes) visit(asType(definition).name, asType(definition).fields);
    expect(missing).toEqual([]);
  });
});

// --- enums ------------------------------------------------------------------------------------

describe('choice lists use the profile values', () => {
  const enumFields: [string, string][] = [
    ['service', 'accessRoute'],
    ['service', 'accepting'],
    ['service', 'status'],
    ['service', 'coverage'],
    ['service', 'accessibility'],
    ['location', 'accessibility'],
    ['area', 'partnership'],
  ];

  test.each(enumFields)('the %s %s list offers exactly the profile values, in order', (type, name) => {
    const field = fieldOf(documentTypes[type as keyof typeof documentTypes], name);
    expect(listValues(field)).toEqual(
      enumValues(shapeOf(documentSchemas[type as keyof typeof documentSchemas])[name]!),
    );
  });

  test.each(['frequency', 'day', 'weekOfMonth'])('the schedule %s list offers exactly the profile values', (name) => {
    expect(listValues(fieldOf(objectTypes.schedule, name))).toEqual(enumValues(shapeOf(scheduleProfile)[name]!));
  });

  test('every week-of-month value, and only those, is accepted by the profile', () => {
    const weekOfMonth = shapeOf(scheduleProfile).weekOfMonth!;
    for (const value of weekOfMonthValues) expect(weekOfMonth.safeParse(value).success).toBe(true);
    expect(weekOfMonth.safeParse(0).success).toBe(false);
  });

  test('the choices carry the titles editors see', () => {
    const titles = (type: keyof typeof documentTypes, name: string) =>
      Object.fromEntries((fieldOf(documentTypes[type], name).options?.list ?? []).map((o) => [o.value, o.title]));
    expect(titles('service', 'accessRoute')).toEqual({
      'drop-in': 'Drop in',
      'self-refer': 'Self-refer',
      'referral-needed': 'Needs a referral',
      'via-connector': 'Via a community connector',
    });
    expect(titles('service', 'accepting')).toEqual({ yes: 'Yes', 'waiting-list': 'Waiting list', paused: 'Paused' });
    expect(titles('service', 'coverage')).toEqual({
      venue: 'At a venue',
      'borough-wide': 'Borough-wide',
      online: 'Online',
      phone: 'By phone',
    });
    expect(titles('service', 'status')).toEqual({
      active: 'Active',
      'temporarily-closed': 'Temporarily closed',
      inactive: 'Inactive',
      defunct: 'Defunct',
    });
  });

  test('option lists are built from the profile constants themselves', () => {
    expect(listValues(fieldOf(documentTypes.service, 'accessRoute'))).toEqual([...accessRoutes]);
    expect(listValues(fieldOf(documentTypes.service, 'accepting'))).toEqual([...acceptingStates]);
    expect(listValues(fieldOf(documentTypes.service, 'coverage'))).toEqual([...coverageKinds]);
    expect(listValues(fieldOf(documentTypes.service, 'status'))).toEqual([...serviceStatuses]);
    expect(optionList(['a', 'b'] as const, { a: 'A', b: 'B' })).toEqual([
      { title: 'A', value: 'a' },
      { title: 'B', value: 'b' },
    ]);
  });

  test('new services start active, accepting, in English and open on bank holidays', () => {
    expect(fieldOf(documentTypes.service, 'status').initialValue).toBe('active');
    expect(fieldOf(documentTypes.service, 'accepting').initialValue).toBe('yes');
    expect(fieldOf(documentTypes.service, 'languages').initialValue).toEqual(['English']);
    expect(fieldOf(documentTypes.service, 'closedOnBankHolidays').initialValue).toBe(false);
    expect(fieldOf(documentTypes.location, 'confidential').initialValue).toBe(false);
  });
});

// --- required fields and validation -----------------------------------------------------------

describe('Studio validation agrees with the profile', () => {
  test.each(Object.keys(documentSchemas))(
    'an empty %s asks for exactly the fields the profile requires',
    async (type) => {
      const markers = await validate({ _id: 'test', _type: type });
      expect(requiredPaths(markers, 0)).toEqual(
        requiredKeys(documentSchemas[type as keyof typeof documentSchemas]).sort(),
      );
    },
  );

  test('an empty session, closure and contact ask for exactly the fields the profile requires', async () => {
    const service = fixtureOf('service');
    service.schedules = [{ _key: 's', _type: 'schedule' }];
    service.closures = [{ _key: 'c', _type: 'closure' }];
    const markers = await validate(service);
    const inArray = (name: string) =>
      requiredPaths(
        markers.filter((m) => m.path[0] === name),
        2,
      );
    expect(inArray('schedules')).toEqual(requiredKeys(scheduleProfile).sort());
    expect(inArray('closures')).toEqual(requiredKeys(closureProfile).sort());
    expect(requiredKeys(contactProfile)).toEqual([]);
  });

  test('an empty crisis contact asks for exactly the fields the profile requires', async () => {
    const crisis = fixtureOf('crisisSupport');
    crisis.contacts = [...(crisis.contacts as unknown[]), { _key: 'empty', _type: 'crisisContact' }];
    const markers = (await validate(crisis)).filter((m) => m.path[0] === 'contacts');
    expect(requiredPaths(markers, 2)).toEqual(requiredKeys(crisisContactProfile).sort());
  });

  test('an empty address asks for the first line, town and postcode', async () => {
    const location = fixtureOf('location');
    location.address = {};
    const markers = (await validate(location)).filter((m) => m.path[0] === 'address');
    expect(requiredPaths(markers, 1)).toEqual(['city', 'line1', 'postcode']);
  });

  test('every published fixture document passes Studio validation without errors', async () => {
    for (const document of fixtures) {
      const found = errors(await validate(document as Record<string, unknown>));
      expect({ id: document._id, errors: found.map((m) => `${pathText(m.path)}: ${m.message}`) }).toEqual({
        id: document._id,
        errors: [],
      });
    }
  });

  test('formats the profile checks are errors in the Studio too', async () => {
    const location = fixtureOf('location');
    location.address = { line1: '1 Lordship Lane', city: 'London', postcode: 'n17 6nu' };
    location.position = { _type: 'geopoint', lat: 40.7, lng: -74 };
    const locationErrors = errors(await validate(location)).map((m) => pathText(m.path));
    expect(locationErrors).toEqual(expect.arrayContaining(['address.postcode', 'position']));

    const service = fixtureOf('service');
    service.slug = { _type: 'slug', current: 'Not A Slug' };
    service.schedules = [
      { _key: 's', _type: 'schedule', frequency: 'weekly', day: 'monday', opensAt: '9am', closesAt: '12:00' },
    ];
    const serviceErrors = errors(await validate(service)).map((m) => String(m.path[0]));
    expect(serviceErrors).toEqual(expect.arrayContaining(['slug', 'schedules']));

    const area = fixtureOf('area');
    area.postcodeDistricts = ['n17'];
    expect(errors(await validate(area)).map((m) => m.path[0])).toContain('postcodeDistricts');
  });

  test('a session that closes before it opens is an error on its end time', async () => {
    const service = fixtureOf('service');
    service.schedules = [
      { _key: 's', _type: 'schedule', frequency: 'weekly', day: 'monday', opensAt: '12:00', closesAt: '10:00' },
    ];
    const found = errors(await validate(service));
    expect(found).toEqual([
      expect.objectContaining({
        path: ['schedules', { _key: 's' }, 'closesAt'],
        message: 'Closes before it opens',
      }),
    ]);
  });

  test('the service-wide rules of the profile are errors on the fields the profile names', async () => {
    const service = fixtureOf('service');
    Object.assign(service, {
      free: false,
      costDetails: undefined,
      phone: undefined,
      email: undefined,
      website: undefined,
      contacts: [],
      coverage: ['venue'],
      locations: [],
      status: 'temporarily-closed',
      statusNote: '',
      ageMin: 30,
      ageMax: 20,
    });
    const paths = errors(await validate(service)).map((m) => pathText(m.path));
    expect(paths.sort()).toEqual(['ageMax', 'costDetails', 'locations', 'phone', 'statusNote']);
  });

  test('a session at a venue the service does not list is an error', async () => {
    const service = fixtureOf('service');
    service.schedules = [
      {
        _key: 's',
        _type: 'schedule',
        frequency: 'weekly',
        day: 'monday',
        opensAt: '10:00',
        closesAt: '12:00',
        location: { _type: 'reference', _ref: 'somewhere-else' },
      },
    ];
    const found = errors(await validate(service)).map((m) => pathText(m.path));
    expect(found).toEqual(['schedules[s].location']);
  });

  test('a contact with neither phone nor email is an error', async () => {
    const service = fixtureOf('service');
    service.contacts = [{ _key: 'c', _type: 'contact', name: 'Amina' }];
    const found = errors(await validate(service));
    expect(found).toEqual([expect.objectContaining({ message: 'A contact needs a phone number or email' })]);
  });

  test('a service verified more than 12 months ago gets a warning, not an error', async () => {
    const service = fixtureOf('service');
    service.verifiedOn = monthsBefore(today, 13);
    const markers = await validate(service);
    expect(errors(markers)).toEqual([]);
    expect(warnings(markers)).toEqual([
      expect.objectContaining({ path: ['verifiedOn'], message: expect.stringContaining('due for re-verification') }),
    ]);
  });

  test('a verification date in the future is an error', async () => {
    const service = fixtureOf('service');
    const [year, month, day] = today.split('-');
    service.verifiedOn = `${Number(year) + 1}-${month}-${day === '29' && month === '02' ? '28' : day}`;
    expect(errors(await validate(service)).map((m) => pathText(m.path))).toEqual(['verifiedOn']);
  });

  test('crisis support reviewed more than 6 months ago gets a warning', async () => {
    const crisis = fixtureOf('crisisSupport');
    crisis.reviewedOn = monthsBefore(today, 7);
    const markers = await validate(crisis);
    expect(errors(markers)).toEqual([]);
    expect(warnings(markers)).toEqual([expect.objectContaining({ path: ['reviewedOn'] })]);
  });
});

// --- the rules themselves -----------------------------------------------------------------------

describe('custom validation rules', () => {
  test('a session from 12:00 to 10:00 closes before it opens', () => {
    expect(closesAfterOpens({ opensAt: '12:00', closesAt: '10:00' })).toMatch(/^Closes before it opens$/);
    expect(closesAfterOpens({ opensAt: '10:00', closesAt: '10:00' })).toMatch(/^Closes before it opens$/);
  });

  test('a session from 10:00 to 12:00 is fine', () => {
    expect(closesAfterOpens({ opensAt: '10:00', closesAt: '12:00' })).toBe(true);
  });

  test('a monthly session needs its week of the month', () => {
    expect(monthlyNeedsWeek({ frequency: 'monthly' })).toMatch(/week of the month/);
    expect(monthlyNeedsWeek({ frequency: 'monthly', weekOfMonth: -1 })).toBe(true);
    expect(monthlyNeedsWeek({ frequency: 'weekly' })).toBe(true);
  });

  test('a fortnightly session needs a date it runs on', () => {
    expect(fortnightlyNeedsDate({ frequency: 'fortnightly' })).toMatch(/date it runs on/);
    expect(fortnightlyNeedsDate({ frequency: 'fortnightly', validFrom: '2026-01-06' })).toBe(true);
  });

  test('a service that is not free must say what it costs', () => {
    expect(costNeeded({ free: false })).toMatch(/what it costs/);
    expect(costNeeded({ free: false, costDetails: '  ' })).toMatch(/what it costs/);
    expect(costNeeded({ free: false, costDetails: '£3 a session' })).toBe(true);
    expect(costNeeded({ free: true })).toBe(true);
  });

  test('a service needs at least one way to get in touch', () => {
    expect(contactRouteNeeded({})).toMatch(/way to get in touch/);
    expect(contactRouteNeeded({ website: 'https://example.org' })).toBe(true);
    expect(contactRouteNeeded({ contacts: [{}] })).toBe(true);
  });

  test('a service at a venue needs a location, a closed one a note, and ages in order', () => {
    expect(venueNeedsLocation({ coverage: ['venue'], locations: [] })).toMatch(/location/);
    expect(venueNeedsLocation({ coverage: ['phone'] })).toBe(true);
    expect(closedNeedsNote({ status: 'temporarily-closed' })).toMatch(/why it is closed/);
    expect(closedNeedsNote({ status: 'inactive' })).toBe(true);
    expect(agesInOrder({ ageMin: 30, ageMax: 20 })).toMatch(/youngest/);
    expect(agesInOrder({ ageMin: 18 })).toBe(true);
  });

  test('a session venue must be one of the service locations', () => {
    expect(scheduleLocationListed({ _ref: 'a' }, [{ _ref: 'a' }])).toBe(true);
    expect(scheduleLocationListed({ _ref: 'b' }, [{ _ref: 'a' }])).toMatch(/not one of the service's locations/);
    expect(scheduleLocationListed(undefined, [])).toBe(true);
  });

  test('verification is due after 12 months and crisis review after 6', () => {
    expect(verificationDue('2025-11-24', '2026-11-25')).toMatch(/due for re-verification/);
    expect(verificationDue('2025-11-25', '2026-11-25')).toBe(true);
    expect(crisisReviewDue('2026-05-24', '2026-11-25')).toMatch(/due for review/);
    expect(crisisReviewDue('2026-05-25', '2026-11-25')).toBe(true);
  });

  test('months are counted back to the same day, or the end of a shorter month', () => {
    expect(monthsBefore('2026-11-25', 12)).toBe('2025-11-25');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-08-31', 6)).toBe('2026-02-28');
  });

  test('generated slugs satisfy the profile', () => {
    const slugRule = shapeOf(shapeOf(documentSchemas.service).slug).current!;
    for (const name of ["Men's Shed & Café", '  Tottenham Five-a-side!  ', 'Ünïcode — Group']) {
      expect(slugRule.safeParse(slugify(name)).success).toBe(true);
    }
    expect(slugify("Men's Shed & Café")).toBe('mens-shed-and-cafe');
  });
});

// --- previews ---------------------------------------------------------------------------------

describe('previews', () => {
  const prepare = (definition: unknown, selection: Record<string, unknown>) =>
    asType(definition).preview!.prepare!(selection);

  test('every document and object type has a preview with a prepare function', () => {
    for (const definition of schemaTypes) {
      expect(asType(definition).preview?.select, asType(definition).name).toBeDefined();
      expect(typeof asType(definition).preview?.prepare, asType(definition).name).toBe('function');
    }
  });

  test('a service shows its organisation and whether it is closed', () => {
    expect(
      prepare(documentTypes.service, {
        name: 'Walk',
        organisationName: 'Park Runners',
        status: 'active',
        accepting: 'yes',
      }),
    ).toEqual({
      title: 'Walk',
      subtitle: 'Park Runners',
    });
    expect(
      prepare(documentTypes.service, { name: 'Walk', organisationName: 'Park Runners', status: 'temporarily-closed' })
        .subtitle,
    ).toBe('Park Runners · Closed');
    expect(
      prepare(documentTypes.service, { name: 'Walk', organisationName: 'Park Runners', status: 'defunct' }).subtitle,
    ).toBe('Park Runners · Defunct');
  });

  test('a session reads as a sentence', () => {
    const session = (selection: Record<string, unknown>) => prepare(objectTypes.schedule, selection).title;
    expect(session({ frequency: 'weekly', day: 'tuesday', opensAt: '10:00', closesAt: '12:00' })).toBe(
      'Every Tuesday, 10:00-12:00',
    );
    expect(session({ frequency: 'fortnightly', day: 'friday', opensAt: '14:00', closesAt: '16:00' })).toBe(
      'Every other Friday, 14:00-16:00',
    );
    expect(session({ frequency: 'monthly', day: 'monday', weekOfMonth: -1, opensAt: '18:00', closesAt: '20:00' })).toBe(
      'Last Monday of the month, 18:00-20:00',
    );
  });

  test('a location shows its postcode, or hides it when confidential', () => {
    expect(
      prepare(documentTypes.location, { name: 'Pavilion', postcode: 'N17 6NU', confidential: false }).subtitle,
    ).toBe('N17 6NU');
    expect(prepare(documentTypes.location, { name: 'Refuge', postcode: 'E13 0AA', confidential: true }).subtitle).toBe(
      'Confidential address',
    );
  });
});

// --- structure, singletons and configuration ----------------------------------------------------

describe('desk structure and singletons', () => {
  type Item = { id: string; title?: string; type: string; child?: unknown };
  async function rootItems(): Promise<Item[]> {
    const source = {
      schema,
      getClient: () => offlineClient,
      templates: [],
      i18n: { t: (key: string) => key },
      document: { resolveNewDocumentOptions: () => [] },
    };
    const S = createStructureBuilder({ source, perspectiveStack: [] } as unknown as StructureBuilderOptions);
    const root = (await structure(S, {} as never)) as { serialize: () => { items: Item[] } };
    return root.serialize().items;
  }
  /** Serialized form of a structure node (list children come back already serialized). */
  const serialize = (node: unknown) => {
    const builder = node as { serialize?: () => Record<string, unknown> };
    return typeof builder.serialize === 'function' ? builder.serialize() : (node as Record<string, unknown>);
  };

  test('the structure lists the sections editors need, in order', async () => {
    const titles = (await rootItems()).filter((item) => item.type !== 'divider').map((item) => item.title);
    expect(titles).toEqual([
      'Pending changes',
      'Services by category',
      'Services by area',
      'All services',
      'Services due for re-verification',
      'Due for review by area',
      'Due for review by category',
      'Crisis support review overdue',
      'Organisations',
      'Locations',
      'Categories',
      'Areas',
      'Pages',
      'Site settings',
      'Crisis support',
    ]);
  });

  test('the singletons open as single editors at their fixed ids', async () => {
    const items = await rootItems();
    expect(singletons.map((singleton) => singleton.id)).toEqual(['siteSettings', 'crisisSupport']);
    for (const { id, type } of singletons) {
      const item = items.find((candidate) => candidate.id === id);
      expect(serialize(item!.child)).toMatchObject({ type: 'document', options: { id, type } });
    }
  });

  test('services by category open a list filtered to that category', async () => {
    const item = (await rootItems()).find((candidate) => candidate.id === 'services-by-category')!;
    const categories = item.child as { child: (id: string, context: object) => unknown };
    expect(serialize(await categories.child('cat-1', {}))).toMatchObject({
      type: 'documentList',
      options: { filter: '_type == "service" && $id in categories[]._ref', params: { id: 'cat-1' } },
    });
  });

  test('services by area open a list filtered to that area', async () => {
    const item = (await rootItems()).find((candidate) => candidate.id === 'services-by-area')!;
    const areas = item.child as { child: (id: string, context: object) => unknown };
    expect(serialize(await areas.child('area-1', {}))).toMatchObject({
      options: { filter: '_type == "service" && $id in areas[]._ref', params: { id: 'area-1' } },
    });
  });

  test('the re-verification list shows services past their review period, least recently verified first', async () => {
    const item = (await rootItems()).find((candidate) => candidate.id === 'services-due-for-reverification')!;
    expect(serialize(item.child)).toMatchObject({
      options: {
        filter: dueForReverificationFilter,
        params: { cutoffs: reviewCutoffs(today) },
        defaultOrdering: [{ field: 'verifiedOn', direction: 'asc' }],
      },
    });
    expect(reviewCutoffs(today)[11]).toBe(monthsBefore(today, 12));
    expect(reverificationCutoff('2026-11-25')).toBe('2025-11-25');
  });

  test('the due-for-review cutoffs are 1 to 36 months before today, newest first', () => {
    const cutoffs = reviewCutoffs('2026-03-31');
    expect(cutoffs).toHaveLength(36);
    expect(cutoffs.slice(0, 3)).toEqual(['2026-02-28', '2026-01-31', '2025-12-31']);
    expect(cutoffs.at(-1)).toBe('2023-03-31');
  });

  test('pending changes list the drafts of services, organisations and locations, newest first', async () => {
    const item = (await rootItems()).find((candidate) => candidate.id === 'pending-changes')!;
    expect(serialize(item.child)).toMatchObject({
      options: {
        filter: pendingChangesFilter,
        params: { types: ['service', 'organisation', 'location'] },
        defaultOrdering: [{ field: '_updatedAt', direction: 'desc' }],
      },
    });
  });

  test.each([
    ['due-by-area', 'area-1', dueInAreaFilter],
    ['due-by-category', 'cat-1', dueInCategoryFilter],
  ])('%s opens the services due in the one picked', async (id, groupId, filter) => {
    const item = (await rootItems()).find((candidate) => candidate.id === id)!;
    const groups = item.child as { child: (id: string, context: object) => unknown };
    expect(serialize(await groups.child(groupId, {}))).toMatchObject({
      options: { filter, params: { id: groupId, cutoffs: reviewCutoffs(today) } },
    });
  });

  test('crisis support shows up when its review is more than 6 months old', async () => {
    const item = (await rootItems()).find((candidate) => candidate.id === 'crisis-review-overdue')!;
    expect(serialize(item.child)).toMatchObject({
      options: { filter: crisisReviewOverdueFilter, params: { cutoff: monthsBefore(today, 6) } },
    });
  });

  test('singletons cannot be created from any menu, duplicated or deleted', () => {
    const templates = ['service', 'siteSettings', 'crisisSupport'].map(
      (type) => ({ id: type, schemaType: type }) as Template,
    );
    expect(withoutSingletonTemplates(templates).map((template) => template.id)).toEqual(['service']);
    const items = ['service', 'siteSettings'].map((id) => ({ templateId: id }) as TemplateItem);
    expect(
      withoutSingletonOptions(items, { creationContext: { type: 'global' } }).map((item) => item.templateId),
    ).toEqual(['service']);
    const actions = ['publish', 'unpublish', 'duplicate', 'delete', 'discardChanges', 'restore'].map((action) =>
      Object.assign(() => null, { action }),
    ) as unknown as Parameters<typeof singletonSafeActions>[0];
    expect(singletonSafeActions(actions, 'siteSettings').map((action) => action.action)).toEqual([
      'publish',
      'discardChanges',
      'restore',
    ]);
    expect(singletonSafeActions(actions, 'service')).toHaveLength(6);
  });

  test('the Studio reads the project from SANITY_STUDIO_ or SANITY_ variables, with placeholders', () => {
    expect(resolveStudioEnv({})).toEqual({ projectId: 'signpost0', dataset: 'production' });
    expect(resolveStudioEnv({ SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'staging' })).toEqual({
      projectId: 'abc123',
      dataset: 'staging',
    });
    expect(resolveStudioEnv({ SANITY_STUDIO_PROJECT_ID: 'studio1', SANITY_PROJECT_ID: 'abc123' }).projectId).toBe(
      'studio1',
    );
  });
});
