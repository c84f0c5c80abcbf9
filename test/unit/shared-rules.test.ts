/**
 * One set of cross-field rules (`src/content/rules.ts`) judges a listing in the partner portal
 * (the profile's zod refinements) and in the Studio (Sanity's own validator over the compiled
 * schema): for the same service, both find the same problems, at the same fields, in the same words.
 */
import { describe, expect, test } from 'vitest';
import { createSchema, validateDocument, type SanityClient, type SanityDocument } from 'sanity';
import { service as serviceProfile } from '../../src/content/profile';
import * as shared from '../../src/content/rules';
import { ruleMessages } from '../../src/content/rules';
import * as studio from '../../studio/lib/rules';
import { schemaTypes } from '../../studio/schemas';
import { buildService } from '../fixtures/dataset';

type Marker = { level: string; message: string; path: (string | number | { _key: string })[] };
type Doc = Record<string, unknown>;

const schema = createSchema({ name: 'default', types: schemaTypes });
const offlineClient = {
  fetch: async () => true,
  withConfig: () => offlineClient,
  getDataUrl: () => '',
  observable: {},
  config: () => ({}),
} as unknown as SanityClient;

const portalMessages = new Set<string>(Object.values(ruleMessages));
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** `schedules[s1].closesAt`, naming array items by their `_key` whichever side found them. */
function pathText(document: Doc, path: readonly PropertyKey[] | Marker['path']): string {
  let owner: unknown = document;
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number' || typeof segment === 'object') {
      const list = owner as { _key: string }[];
      const item = typeof segment === 'number' ? list[segment]! : list.find((entry) => entry._key === segment._key)!;
      text += `[${item._key}]`;
      owner = item;
    } else {
      text += `${text ? '.' : ''}${String(segment)}`;
      owner = (owner as Doc)[String(segment)];
    }
  }
  return text;
}

/** The cross-field problems the partner portal's profile check finds. */
function portalVerdict(document: Doc): string[] {
  const result = serviceProfile.safeParse(document);
  if (result.success) return [];
  return result.error.issues
    .filter((issue) => portalMessages.has(issue.message))
    .map((issue) => `${pathText(document, issue.path)}: ${issue.message}`)
    .sort();
}

/** The cross-field problems the Studio finds, as errors, with its capital letter taken off. */
async function studioVerdict(document: Doc): Promise<string[]> {
  const options = {
    document: { _createdAt: '2026-01-01T00:00:00Z', _rev: 'test', ...document } as SanityDocument,
    workspace: { schema, getClient: () => offlineClient },
    getDocumentExists: async () => true,
    environment: 'studio',
  } as unknown as Parameters<typeof validateDocument>[0];
  const markers = (await validateDocument(options)) as unknown as Marker[];
  return markers
    .filter((marker) => marker.level === 'error' && portalMessages.has(lowerFirst(marker.message)))
    .map((marker) => `${pathText(document, marker.path)}: ${lowerFirst(marker.message)}`)
    .sort();
}

const service = (overrides: Doc): Doc =>
  buildService({ _id: '55555555-5555-4555-8555-555555555599', name: 'Walking group', ...overrides }) as Doc;
const session = (fields: Doc) => ({ _key: 's1', _type: 'schedule', day: 'tuesday', ...fields });

const cases: [string, Doc, string[]][] = [
  ['a valid service', {}, []],
  [
    'a session that closes before it opens',
    { schedules: [session({ frequency: 'weekly', opensAt: '12:00', closesAt: '10:00' })] },
    ['schedules[s1].closesAt: closes before it opens'],
  ],
  [
    'a session that closes as it opens',
    { schedules: [session({ frequency: 'weekly', opensAt: '10:00', closesAt: '10:00' })] },
    ['schedules[s1].closesAt: closes before it opens'],
  ],
  [
    'a monthly session without its week',
    { schedules: [session({ frequency: 'monthly', opensAt: '10:00', closesAt: '12:00' })] },
    ['schedules[s1].weekOfMonth: a monthly session needs the week of the month'],
  ],
  [
    'a monthly session on the last Tuesday',
    { schedules: [session({ frequency: 'monthly', weekOfMonth: -1, opensAt: '10:00', closesAt: '12:00' })] },
    [],
  ],
  [
    'a fortnightly session without a date',
    { schedules: [session({ frequency: 'fortnightly', opensAt: '10:00', closesAt: '12:00' })] },
    ['schedules[s1].validFrom: a fortnightly session needs a date it runs on'],
  ],
  [
    'a fortnightly session with a date',
    {
      schedules: [session({ frequency: 'fortnightly', validFrom: '2026-01-06', opensAt: '10:00', closesAt: '12:00' })],
    },
    [],
  ],
  [
    'a contact with only a name',
    { contacts: [{ _key: 'c1', _type: 'contact', name: 'Amina' }] },
    ['contacts[c1]: a contact needs a phone number or email'],
  ],
  ['a contact with an email', { contacts: [{ _key: 'c1', _type: 'contact', email: 'amina@example.org' }] }, []],
  ['ages the wrong way round', { ageMin: 30, ageMax: 20 }, ['ageMax: the youngest age is above the oldest']],
  ['a single age', { ageMin: 20, ageMax: 20 }, []],
  ['a paid service without its cost', { free: false }, ['costDetails: say what it costs when it is not free']],
  [
    'a paid service with a blank cost',
    { free: false, costDetails: '   ' },
    ['costDetails: say what it costs when it is not free'],
  ],
  ['a paid service with its cost', { free: false, costDetails: '£3 a session' }, []],
  ['no way to get in touch', { phone: undefined }, ['phone: give at least one way to get in touch']],
  ['only a website', { phone: undefined, website: 'https://example.org/walk' }, []],
  ['only a contact', { phone: undefined, contacts: [{ _key: 'c1', _type: 'contact', phone: '020 7946 0102' }] }, []],
  [
    'a venue service without a location',
    { locations: [] },
    ['locations: a service at a venue needs at least one location'],
  ],
  ['a phone service without a location', { coverage: ['phone'], locations: [] }, []],
  [
    'a temporarily closed service without a note',
    { status: 'temporarily-closed' },
    ['statusNote: say why it is closed and until when'],
  ],
  [
    'a temporarily closed service with a blank note',
    { status: 'temporarily-closed', statusNote: '  ' },
    ['statusNote: say why it is closed and until when'],
  ],
  ['a temporarily closed service with its note', { status: 'temporarily-closed', statusNote: 'Until 3 March' }, []],
  [
    'several problems at once',
    { free: false, phone: undefined, locations: [], status: 'temporarily-closed', ageMin: 30, ageMax: 20 },
    [
      'ageMax: the youngest age is above the oldest',
      'costDetails: say what it costs when it is not free',
      'locations: a service at a venue needs at least one location',
      'phone: give at least one way to get in touch',
      'statusNote: say why it is closed and until when',
    ],
  ],
];

describe('the partner portal and the Studio judge a listing by the same rules', () => {
  test.each(cases)('%s: both find the same problems at the same fields', async (_name, overrides, expected) => {
    const document = service(overrides);
    expect(portalVerdict(document)).toEqual(expected);
    expect(await studioVerdict(document)).toEqual(expected);
  });
});

describe('the Studio rules are the shared rules', () => {
  const pairs = [
    ['closesAfterOpens', { opensAt: '12:00', closesAt: '10:00' }],
    ['monthlyNeedsWeek', { frequency: 'monthly' }],
    ['fortnightlyNeedsDate', { frequency: 'fortnightly', validFrom: ' ' }],
    ['contactNeedsRoute', { name: 'Amina' }],
    ['agesInOrder', { ageMin: 30, ageMax: 20 }],
    ['costNeeded', { free: false }],
    ['contactRouteNeeded', {}],
    ['venueNeedsLocation', { coverage: ['venue'] }],
    ['closedNeedsNote', { status: 'temporarily-closed' }],
  ] as const;

  test.each(pairs)('%s gives the portal message, as a sentence', (name, value) => {
    const portal = shared[name](value as never);
    expect(portal).toBe(ruleMessages[name]);
    expect(studio[name](value as never)).toBe(
      `${ruleMessages[name].charAt(0).toUpperCase()}${ruleMessages[name].slice(1)}`,
    );
  });

  const conditional = pairs.filter(([name]) => !['contactNeedsRoute', 'contactRouteNeeded'].includes(name));
  test.each(conditional)('%s passes a missing value in both, leaving "required" to the schema', (name) => {
    expect(shared[name](undefined)).toBe(true);
    expect(studio[name](undefined)).toBe(true);
  });

  test('"at least one way to get in touch" rules fail on nothing in both', () => {
    for (const name of ['contactNeedsRoute', 'contactRouteNeeded'] as const) {
      expect(shared[name](undefined)).toBe(ruleMessages[name]);
      expect(studio[name](undefined)).not.toBe(true);
    }
  });

  test('the review periods are the shared ones', () => {
    expect(studio.REVERIFY_AFTER_MONTHS).toBe(shared.REVERIFY_AFTER_MONTHS);
    expect(studio.CRISIS_REVIEW_AFTER_MONTHS).toBe(shared.CRISIS_REVIEW_AFTER_MONTHS);
    expect([shared.REVERIFY_AFTER_MONTHS, shared.CRISIS_REVIEW_AFTER_MONTHS]).toEqual([12, 6]);
  });

  test('a refinement passes exactly when its rule does', () => {
    const check = shared.passes(shared.agesInOrder);
    expect(check({ ageMin: 30, ageMax: 20 })).toBe(false);
    expect(check({ ageMin: 20, ageMax: 30 })).toBe(true);
  });
});
