/**
 * Writes content/sample.ndjson: Signpost's sample dataset, in Sanity's export format.
 *
 *   node --experimental-strip-types content/generate-sample.ts
 *
 * Every organisation, service and venue is fictional. The output is deterministic (a seeded PRNG
 * per item and a fixed reference date, never the clock), so running it twice gives byte-identical
 * files and a change to one listing does not reshuffle the others. Every document is validated
 * against the content profile before anything is written.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentSchemas } from '../src/content/profile.ts';
import { seededRng, type Rng } from './random.ts';
import { findOutcode, outcodes } from '../src/geo/outcodes.ts';
import { gazetteer } from '../src/geo/gazetteer.ts';

// ---------------------------------------------------------------------------------------------
// Determinism: hashing, PRNG, ids, dates
// ---------------------------------------------------------------------------------------------

/** "Today" for the sample data: verification dates are spread over the months before it. */
const REFERENCE_DATE = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;

function sha1(text: string): Buffer {
  return createHash('sha1').update(text).digest();
}

function hash32(text: string): number {
  return sha1(text).readUInt32BE(0);
}

/** A mulberry32 generator seeded from a name, so each item draws from its own stream. */
function rngFor(seed: string): Rng {
  return seededRng(hash32(`signpost-sample:${seed}`), seed);
}

/** A name-based UUID (version 5 layout over SHA-1), stable for the same kind and name. */
function uuidFor(kind: string, name: string): string {
  const bytes = sha1(`signpost-sample/${kind}/${name}`).subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An array item key in the style Sanity Studio generates (12 hex characters). */
function keyFor(...parts: string[]): string {
  return sha1(`key/${parts.join('/')}`)
    .toString('hex')
    .slice(0, 12);
}

function revFor(id: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...sha1(`rev/${id}`)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

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

/** System fields every exported document carries, in Sanity's order. */
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
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = tokens[name];
    if (value === undefined) throw new Error(`no value for ${match} in "${template}"`);
    return value;
  });
}

// ---------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------

type Partnership = 'north-london' | 'east-london' | 'bedfordshire-luton';

type AreaSpec = {
  key: string;
  name: string;
  partnership: Partnership;
  /** Boroughs (as outcodes.ts names them) whose districts make up the area. */
  boroughs: readonly string[];
  centre: readonly [number, number];
  /** Community languages other than English that services here commonly offer. */
  languages: readonly string[];
  /** The post town of each district outside London (addresses in London say "London"). */
  postTowns?: Readonly<Record<string, string>>;
};

const areaSpecList: readonly AreaSpec[] = [
  {
    key: 'barnet',
    name: 'Barnet',
    partnership: 'north-london',
    boroughs: ['Barnet'],
    centre: [51.6125, -0.1995],
    languages: ['Farsi', 'Polish', 'Romanian', 'Gujarati', 'Hebrew', 'Tamil', 'Arabic'],
  },
  {
    key: 'enfield',
    name: 'Enfield',
    partnership: 'north-london',
    boroughs: ['Enfield'],
    centre: [51.6482, -0.0806],
    languages: ['Turkish', 'Greek', 'Somali', 'Polish', 'Bulgarian', 'Kurdish'],
  },
  {
    key: 'haringey',
    name: 'Haringey',
    partnership: 'north-london',
    boroughs: ['Haringey'],
    centre: [51.5888, -0.1055],
    languages: ['Turkish', 'Polish', 'Somali', 'Kurdish', 'Spanish', 'Portuguese', 'Albanian'],
  },
  {
    key: 'camden',
    name: 'Camden',
    partnership: 'north-london',
    boroughs: ['Camden'],
    centre: [51.5455, -0.1628],
    languages: ['Bengali', 'Somali', 'Arabic', 'Portuguese', 'Albanian'],
  },
  {
    key: 'islington',
    name: 'Islington',
    partnership: 'north-london',
    boroughs: ['Islington'],
    centre: [51.5465, -0.1058],
    languages: ['Turkish', 'Somali', 'Bengali', 'Arabic', 'Spanish'],
  },
  {
    key: 'city-and-hackney',
    name: 'City and Hackney',
    partnership: 'east-london',
    boroughs: ['Hackney', 'City of London'],
    centre: [51.545, -0.0553],
    languages: ['Turkish', 'Kurdish', 'Yiddish', 'Yoruba', 'Vietnamese', 'Polish'],
  },
  {
    key: 'newham',
    name: 'Newham',
    partnership: 'east-london',
    boroughs: ['Newham'],
    centre: [51.5255, 0.0352],
    languages: ['Bengali', 'Urdu', 'Punjabi', 'Gujarati', 'Tamil', 'Lithuanian', 'Romanian', 'Polish'],
  },
  {
    key: 'tower-hamlets',
    name: 'Tower Hamlets',
    partnership: 'east-london',
    boroughs: ['Tower Hamlets'],
    centre: [51.515, -0.03],
    languages: ['Bengali', 'Sylheti', 'Somali', 'Urdu'],
  },
  {
    key: 'luton',
    name: 'Luton',
    partnership: 'bedfordshire-luton',
    boroughs: ['Luton'],
    centre: [51.8935, -0.4305],
    languages: ['Urdu', 'Punjabi', 'Bengali', 'Polish', 'Romanian', 'Portuguese', 'Somali'],
    postTowns: { LU1: 'Luton', LU2: 'Luton', LU3: 'Luton', LU4: 'Luton' },
  },
  {
    key: 'bedford',
    name: 'Bedford',
    partnership: 'bedfordshire-luton',
    boroughs: ['Bedford'],
    centre: [52.1386, -0.4667],
    languages: ['Italian', 'Punjabi', 'Urdu', 'Polish', 'Bengali', 'Lithuanian'],
    postTowns: { MK40: 'Bedford', MK41: 'Bedford', MK42: 'Bedford', MK43: 'Bedford', MK44: 'Bedford' },
  },
  {
    key: 'central-bedfordshire',
    name: 'Central Bedfordshire',
    partnership: 'bedfordshire-luton',
    boroughs: ['Central Bedfordshire'],
    centre: [52.0, -0.45],
    languages: ['Polish', 'Romanian', 'Portuguese', 'Lithuanian'],
    postTowns: {
      LU1: 'Luton',
      LU5: 'Dunstable',
      LU6: 'Dunstable',
      LU7: 'Leighton Buzzard',
      MK43: 'Bedford',
      MK45: 'Bedford',
      SG5: 'Hitchin',
      SG15: 'Arlesey',
      SG16: 'Henlow',
      SG17: 'Shefford',
      SG18: 'Biggleswade',
      SG19: 'Sandy',
    },
  },
];

/** An area with its towns and neighbourhoods (from the gazetteer) and the district each lies in. */
type Area = AreaSpec & { places: Readonly<Record<string, string>> };

// The gazetteer is the one list of places: an area takes in every place in its boroughs.
const areaSpecs: readonly Area[] = areaSpecList.map((area) => ({
  ...area,
  places: Object.fromEntries(
    gazetteer.filter((place) => area.boroughs.includes(place.borough)).map((place) => [place.name, place.outcode]),
  ),
}));

const areaByKey = new Map(areaSpecs.map((a) => [a.key, a]));
const placeIndex = new Map<string, { area: Area; outcode: string }>();
for (const area of areaSpecs) {
  for (const [place, outcode] of Object.entries(area.places)) {
    placeIndex.set(place, { area, outcode });
  }
}

const streetNames = [
  'Albion',
  'Alder',
  'Ashgrove',
  'Beacon',
  'Birchfield',
  'Bramble',
  'Canal',
  'Carlton',
  'Cedar',
  'Chapel',
  'Clifton',
  'Coleridge',
  'Cromer',
  'Dovecote',
  'Elmstead',
  'Fairfield',
  'Fernhill',
  'Glebe',
  'Granville',
  'Hawthorn',
  'Hazelbank',
  'Heathfield',
  'Hollybush',
  'Kingsley',
  'Larkhall',
  'Linden',
  'Lodge',
  'Maple',
  'Marlowe',
  'Meadowbank',
  'Millbrook',
  'Newport',
  'Oakdene',
  'Orchard',
  'Primrose',
  'Quarry',
  'Railway',
  'Rectory',
  'Rosebery',
  'Sandringham',
  'Station',
  'Sycamore',
  'Tenby',
  'Thornhill',
  'Trinity',
  'Union',
  'Vine',
  'Walnut',
  'Warwick',
  'Wellesley',
  'Willow',
  'Windsor',
  'Wren',
  'Yew Tree',
] as const;
const streetSuffixes = [
  'Road',
  'Road',
  'Road',
  'Street',
  'Street',
  'Grove',
  'Lane',
  'Avenue',
  'Place',
  'Terrace',
  'Gardens',
  'Parade',
  'Close',
  'Walk',
  'Yard',
] as const;
// Letters that may appear in the last two characters of a UK postcode.
const unitLetters = 'ABDEFGHJLNPQRSTUWXYZ';

// ---------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------

type CategorySpec = {
  key: string;
  name: string;
  description: string;
  keywords: readonly string[];
  parent?: string;
  /** Months between checks of its listings, when not the default 12. */
  reviewEveryMonths?: number;
};

const categorySpecs: readonly CategorySpec[] = [
  {
    key: 'cafes',
    name: 'Cafes and social groups',
    description:
      'Places to have a cup of tea, a chat and some company: drop-in cafes, lunch clubs, befriending and friendly social groups.',
    keywords: [
      'cafe',
      'coffee',
      'tea',
      'chat',
      'lonely',
      'loneliness',
      'isolated',
      'befriending',
      'friendship',
      'company',
      'social',
      'lunch club',
      'meet people',
    ],
  },
  {
    key: 'faith',
    name: 'Faith centres',
    description:
      'Churches, mosques, gurdwaras, temples and synagogues that open their doors to everyone, whatever their faith or none.',
    keywords: [
      'church',
      'mosque',
      'masjid',
      'gurdwara',
      'temple',
      'mandir',
      'synagogue',
      'shul',
      'chapel',
      'faith',
      'religion',
      'spiritual',
      'prayer',
    ],
  },
  {
    key: 'music',
    name: 'Music',
    description: 'Sing, drum, strum or make beats with others. No experience needed for most groups.',
    keywords: [
      'singing',
      'sing',
      'choir',
      'band',
      'drumming',
      'drums',
      'guitar',
      'ukulele',
      'instrument',
      'open mic',
      'jam',
      'rap',
      'music production',
    ],
  },
  {
    key: 'sport',
    name: 'Sport and fitness',
    description:
      'Friendly, low-pressure ways to get moving, from walking groups and football to swimming, yoga and cricket.',
    keywords: [
      'football',
      'soccer',
      'five-a-side',
      'swimming',
      'walking',
      'running',
      'gym',
      'exercise',
      'fitness',
      'yoga',
      'cycling',
      'table tennis',
      'cricket',
      'boxing',
      'keep fit',
    ],
  },
  {
    key: 'arts',
    name: 'Arts and crafts',
    description:
      'Painting, pottery, knitting, sewing, writing and photography groups where you can make things with others.',
    keywords: [
      'knitting',
      'crochet',
      'sewing',
      'painting',
      'drawing',
      'art',
      'pottery',
      'ceramics',
      'craft',
      'creative writing',
      'poetry',
      'photography',
      'woodwork',
    ],
  },
  {
    key: 'community-centres',
    name: 'Community centres',
    description: 'Neighbourhood centres and hubs with drop-ins, cheap food, computer help and warm spaces.',
    keywords: [
      'community centre',
      'hall',
      'hub',
      'drop-in',
      'warm space',
      'food',
      'pantry',
      'computer help',
      'wifi',
      'neighbourhood',
      'repair',
    ],
  },
  {
    key: 'libraries',
    name: 'Libraries',
    description: 'Reading groups, shared reading, chess clubs and self-help books in libraries and reading rooms.',
    keywords: [
      'library',
      'books',
      'reading',
      'book club',
      'reading group',
      'computers',
      'chess',
      'quiet',
      'self-help books',
    ],
  },
  {
    key: 'gardening',
    name: 'Gardening and nature',
    description: 'Allotments, community gardens, conservation volunteering and nature walks.',
    keywords: [
      'gardening',
      'allotment',
      'growing',
      'vegetables',
      'plants',
      'nature',
      'park',
      'outdoors',
      'conservation',
      'wildlife',
      'trees',
      'birdwatching',
    ],
  },
  {
    key: 'peer-support',
    name: 'Peer support',
    description:
      'Groups run by and for people with lived experience of mental health difficulties, in person, online and by phone.',
    keywords: [
      'peer support',
      'support group',
      'lived experience',
      'talk',
      'hearing voices',
      'bipolar',
      'depression',
      'anxiety',
      'recovery',
      'mental health',
      'mens group',
    ],
  },
  {
    key: 'housing',
    name: 'Housing advice',
    // Housing and benefit rules change often: these listings are checked twice a year.
    reviewEveryMonths: 6,
    description:
      'Advice and support if you are worried about your home: renting, repairs, eviction, homelessness and keeping a tenancy.',
    keywords: [
      'housing',
      'homeless',
      'homelessness',
      'eviction',
      'rent',
      'landlord',
      'tenancy',
      'council housing',
      'rough sleeping',
      'repairs',
      'temporary accommodation',
    ],
  },
  {
    key: 'money',
    name: 'Money, benefits and debt',
    reviewEveryMonths: 6,
    description: 'Free advice on debt, benefits, bills and making money go further.',
    keywords: [
      'debt',
      'bills',
      'benefits',
      'universal credit',
      'pip',
      'money',
      'budgeting',
      'energy bills',
      'council tax',
      'arrears',
      'bailiffs',
      'cost of living',
    ],
  },
  {
    key: 'work',
    name: 'Work and volunteering',
    description: 'Help to find and keep a job, volunteer, learn English or build new skills.',
    keywords: [
      'work',
      'job',
      'jobs',
      'employment',
      'cv',
      'interview',
      'volunteer',
      'volunteering',
      'training',
      'english classes',
      'esol',
      'skills',
    ],
  },
  {
    key: 'carers',
    name: 'Carers',
    description: 'Support, advice and breaks for unpaid carers who look after a relative, partner or friend.',
    keywords: [
      'carer',
      'carers',
      'caring',
      'looking after someone',
      'young carers',
      'respite',
      'break',
      'carers allowance',
      'family',
    ],
  },
  {
    key: 'wellbeing',
    name: 'Wellbeing',
    description:
      'Ways to look after your mind: mindfulness, courses, stress and sleep workshops, listening lines and gentle exercise.',
    keywords: [
      'wellbeing',
      'mindfulness',
      'meditation',
      'stress',
      'anxiety',
      'sleep',
      'relaxation',
      'self-care',
      'recovery college',
      'courses',
      'tai chi',
      'listening',
    ],
  },
  {
    key: 'football',
    name: 'Football',
    parent: 'sport',
    description: 'Friendly football sessions, many run especially for people with mental health difficulties.',
    keywords: ['football', 'soccer', 'five-a-side', 'kickabout', 'futsal'],
  },
  {
    key: 'walking',
    name: 'Walking groups',
    parent: 'sport',
    description: 'Led health walks and nature walks at an easy pace.',
    keywords: ['walking', 'walks', 'health walk', 'rambling', 'strolling'],
  },
  {
    key: 'choirs',
    name: 'Choirs and singing',
    parent: 'music',
    description: 'Community choirs and singing groups with no auditions.',
    keywords: ['choir', 'singing', 'sing', 'vocal', 'songs'],
  },
  {
    key: 'knitting',
    name: 'Knitting and sewing',
    parent: 'arts',
    description: 'Knit and natter, crochet and sewing groups for beginners and old hands.',
    keywords: ['knitting', 'crochet', 'sewing', 'stitching', 'yarn', 'needlework', 'mending'],
  },
  {
    key: 'benefits',
    name: 'Benefits advice',
    parent: 'money',
    description: 'Help to check what you can claim, fill in forms and challenge benefit decisions.',
    keywords: [
      'benefits',
      'universal credit',
      'pip',
      'esa',
      'pension credit',
      'benefit forms',
      'appeals',
      'mandatory reconsideration',
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Kinds of activity: the phrase pools each service is written from
// ---------------------------------------------------------------------------------------------

type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
type Frequency = 'weekly' | 'fortnightly' | 'monthly';
type AccessRoute = 'drop-in' | 'self-refer' | 'referral-needed' | 'via-connector';
type Coverage = 'venue' | 'borough-wide' | 'online' | 'phone';
type Age = 'all' | 'adults' | 'sixteen' | 'young' | 'older' | 'teens';

const weekdays: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MON_FRI: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const MON_SAT: readonly Weekday[] = [...MON_FRI, 'saturday'];
const WEEKEND: readonly Weekday[] = ['saturday', 'sunday'];

type Kind = {
  /** Top-level category key, optional child category and an optional second category. */
  cat: string;
  sub?: string;
  also?: string;
  /** How an organisation's description mentions it: "a weekly cuppa club". */
  label: string;
  names: readonly string[];
  summaries: readonly string[];
  about: readonly string[];
  details: readonly string[];
  forWhom: readonly string[];
  tags: readonly string[];
  access: readonly AccessRoute[];
  accessDetails?: readonly string[];
  /** null means free. */
  costs: readonly (string | null)[];
  slots: readonly (readonly [string, string])[];
  days?: readonly Weekday[];
  freq?: readonly (readonly [Frequency, number])[];
  /** Sentence opener for the timetable: "The club meets". */
  verb: string;
  age: readonly Age[];
  coverage?: Coverage;
  /** single: one or two sessions; weekdays: a line open several days; daily; none: by arrangement. */
  plan?: 'single' | 'weekdays' | 'daily' | 'none';
  /** Chance of a second session (another day, the same day later, or another venue). */
  multi?: number;
  /** Chance a venue-based service also runs online. */
  online?: number;
  /** Runs through the winter only. */
  winter?: boolean;
  notes?: readonly string[];
};

const kinds: Readonly<Record<string, Kind>> = {
  'cuppa-club': {
    cat: 'cafes',
    label: 'a weekly cuppa club',
    names: ['{place} {Day} Cuppa Club', '{place} Cuppa Club', 'Tea and Talk at {venue}', '{place} {Day} Tea and Chat'],
    summaries: [
      'A relaxed drop-in for a cup of tea, a biscuit and a chat with friendly neighbours.',
      'Tea, cake and conversation in a warm room. Come on your own: most people do the first time.',
      'A friendly couple of hours of tea and chat for anyone in {place} who would like some company.',
    ],
    about: [
      '{venue} opens its doors every week for an unhurried cup of tea and a chat.',
      'This is a simple, friendly tea club run by local volunteers in {place}.',
      'Our cuppa club started when a few neighbours in {place} realised how many people were going whole days without talking to anyone.',
    ],
    details: [
      'There is always a pot of tea on, and usually something home-baked.',
      'Volunteers make a point of saying hello to newcomers and introducing them around the table.',
      'Some people come for ten minutes, some stay the whole session; both are fine.',
      'There are newspapers, a jigsaw on the go and a noticeboard full of other things happening nearby.',
      'Nobody will ask you about your health unless you want to talk about it.',
      "Once a month there is a short talk from a local service, such as the library or the fire brigade's home safety team.",
    ],
    forWhom: [
      'Adults who would like some company or are feeling lonely',
      'Anyone who fancies a cup of tea and a chat, especially people who live alone',
    ],
    tags: ['tea', 'coffee', 'chat', 'company', 'lonely', 'drop-in', 'social'],
    access: ['drop-in'],
    costs: [null, null, null, 'Tea and cake 50p, or pay what you can'],
    slots: [
      ['10:00', '12:00'],
      ['10:30', '12:30'],
      ['14:00', '16:00'],
      ['13:30', '15:30'],
    ],
    days: MON_FRI,
    freq: [
      ['weekly', 8],
      ['fortnightly', 2],
    ],
    verb: 'The club meets',
    age: ['adults'],
    multi: 0.15,
  },
  'lunch-club': {
    cat: 'cafes',
    label: 'a lunch club for older people',
    names: ['{place} Friendship Lunch', '{place} Lunch Club', '{Day} Lunch at {venue}'],
    summaries: [
      'A hot two-course lunch and good company for people aged 50 and over.',
      'Sit down to a freshly cooked lunch with others from {place}, followed by tea and a quiz.',
    ],
    about: [
      'Every week volunteers cook a two-course lunch for older residents of {place}.',
      'The lunch club has been feeding people, and friendships, in {place} for years.',
    ],
    details: [
      'Meals are cooked on site, and there is always a vegetarian choice.',
      'Tell us about any allergies or dietary needs when you first come.',
      'After lunch there is a quiz, bingo or a singalong, depending on the week.',
      'Halal meals are available if you ask in advance.',
      'A few volunteer drivers can bring people who find the journey difficult; ask about this when you call.',
    ],
    forWhom: [
      'People aged 50 and over who live alone or would like company at mealtimes',
      'Older residents who would enjoy a cooked meal with others',
    ],
    tags: ['lunch', 'meal', 'food', 'older people', 'lonely', 'company', 'hot meal'],
    access: ['self-refer', 'drop-in'],
    accessDetails: ['Please call to book your first lunch so the cook knows how many to expect.'],
    costs: [
      '£4 for a two-course meal',
      '£3.50 a meal, tea included',
      '£4 a meal; free for anyone who cannot afford it',
    ],
    slots: [
      ['12:00', '14:00'],
      ['11:30', '14:00'],
    ],
    days: MON_FRI,
    freq: [['weekly', 1]],
    verb: 'Lunch is served',
    age: ['older'],
    multi: 0.25,
  },
  befriending: {
    cat: 'cafes',
    label: 'a befriending scheme',
    names: ['{place} Befriending', '{place} Good Neighbours', '{place} Friendly Visitors'],
    summaries: [
      'A trained volunteer visits you at home or meets you nearby for a chat every week or two.',
      'Be matched with a volunteer who shares some of your interests, for regular visits and outings.',
    ],
    about: [
      'Our befriending scheme matches people who feel isolated with a volunteer who visits regularly.',
      'Sometimes it is hard to go out and meet people, so our volunteers come to you instead.',
    ],
    details: [
      'We take time to find a good match, looking at interests, language and where you live.',
      'Visits usually last about an hour, and some befrienders go with people to a cafe, the park or a group they have wanted to try.',
      'All volunteers are trained and checked, and a coordinator keeps in touch with both of you.',
      'Matches often last a year or more, and you can stop at any time.',
    ],
    forWhom: ['Adults who feel lonely or cut off, including people who find it hard to leave home'],
    tags: ['befriending', 'lonely', 'isolated', 'home visits', 'volunteer', 'company', 'friendship'],
    access: ['self-refer', 'via-connector'],
    accessDetails: [
      'Call or email us, or ask your GP practice link worker to refer you. There may be a short wait to be matched.',
    ],
    costs: [null],
    slots: [],
    verb: 'Visits are arranged',
    age: ['adults'],
    coverage: 'borough-wide',
    plan: 'none',
  },
  'befriending-phone': {
    cat: 'cafes',
    also: 'wellbeing',
    label: 'a telephone befriending service',
    names: ['{place} Telephone Friends', '{place} Phone a Friend', '{place} Call for a Chat'],
    summaries: [
      'A friendly phone call from the same volunteer each week, at a time that suits you.',
      'Regular chats on the phone for people who are lonely or cannot easily get out.',
    ],
    about: [
      'Our telephone befrienders ring people for a chat once or twice a week.',
      'A phone call can break up a long, quiet week.',
    ],
    details: [
      'You will usually speak to the same volunteer each time, so you get to know each other.',
      'Calls last 20 to 40 minutes and can be about anything: the football, family, what is on television.',
      'Volunteers are not counsellors, but they do know where to find more help if you need it.',
      'Calls can be arranged in several community languages.',
    ],
    forWhom: ['Adults who are lonely, housebound or simply would like someone to talk to'],
    tags: ['befriending', 'phone', 'telephone', 'lonely', 'isolated', 'chat', 'housebound'],
    access: ['self-refer', 'via-connector'],
    costs: [null],
    slots: [
      ['10:00', '16:00'],
      ['09:30', '15:30'],
    ],
    verb: 'The coordinators take calls',
    age: ['adults', 'older'],
    coverage: 'phone',
    plan: 'weekdays',
  },
  'games-afternoon': {
    cat: 'cafes',
    label: 'a games club',
    names: ['{place} Board Games Afternoon', '{place} Games Club', 'Cards and Dominoes at {venue}'],
    summaries: [
      'Board games, cards and dominoes with friendly people. No experience needed; we teach as we go.',
      'A games club for people who like a bit of gentle competition and a laugh.',
    ],
    about: [
      'Bring a friend or come on your own for an afternoon of games in {place}.',
      'Games are a gentle way to spend time with people without having to make conversation all the time.',
    ],
    details: [
      'There is everything from dominoes and rummy to newer board games, and someone always explains the rules.',
      'Tea and squash are free.',
      'Once a term there is a friendly tournament with small prizes.',
      'Quieter games are set up in a separate corner for anyone who finds noise difficult.',
    ],
    forWhom: ['Adults of any age who enjoy games or want a low-pressure way to meet people'],
    tags: ['games', 'board games', 'cards', 'dominoes', 'chess', 'social', 'fun'],
    access: ['drop-in'],
    costs: [null, '£1 towards tea and biscuits'],
    slots: [
      ['14:00', '16:30'],
      ['13:00', '15:00'],
      ['18:00', '20:00'],
    ],
    days: MON_SAT,
    freq: [
      ['weekly', 3],
      ['fortnightly', 1],
    ],
    verb: 'Games are set out',
    age: ['adults', 'sixteen'],
  },
  'conversation-cafe': {
    cat: 'cafes',
    also: 'work',
    label: 'a conversation cafe',
    names: ['{place} Conversation Cafe', '{place} Talking Table', '{place} Language Exchange Cafe'],
    summaries: [
      'Practise your English over tea in a relaxed group, and meet people who are new to the area.',
      'A conversation cafe where people learning English chat with local volunteers.',
    ],
    about: ['This cafe brings together people learning English and local residents who enjoy a natter.'],
    details: [
      'Tables are grouped by confidence, so beginners are never put on the spot.',
      'Topics are everyday ones: the weather, food, finding your way around {place}.',
      'Volunteers can also point you to free English classes and advice services.',
      'Children are welcome; there is a play corner with toys.',
    ],
    forWhom: ['Adults who are learning English or are new to the area, and local people who want to meet them'],
    tags: ['english', 'conversation', 'esol', 'language', 'new to the area', 'refugees', 'social'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['10:00', '12:00'],
      ['18:00', '19:30'],
      ['13:00', '15:00'],
    ],
    days: MON_SAT,
    verb: 'The cafe runs',
    age: ['sixteen', 'adults'],
  },
  'mens-shed': {
    cat: 'cafes',
    also: 'arts',
    label: "a men's shed",
    names: ["{place} Men's Shed", 'The {place} Shed'],
    summaries: [
      'A workshop where people work side by side on woodwork and repairs, with plenty of tea and talk.',
      'Make, mend and natter in a fully equipped community workshop.',
    ],
    about: [
      "A men's shed is a workshop where people come together to make things, fix things and chat.",
      '{venue} is home to a well-equipped shed with benches, hand tools and a lathe.',
    ],
    details: [
      'Members build bird boxes, repair furniture for local families and take on small jobs for schools and charities.',
      'Nobody needs to be an expert: experienced members are happy to show you how to use the tools safely.',
      'Despite the name, the shed welcomes anyone aged 18 and over, though most members are men.',
      'Plenty of members say that working shoulder to shoulder makes it easier to talk.',
      'Wear clothes you do not mind getting dusty.',
    ],
    forWhom: ['Adults, mostly men, who like making and mending things or want a place to belong'],
    tags: ['men', 'mens shed', 'woodwork', 'diy', 'repairs', 'making', 'tools', 'social'],
    access: ['self-refer', 'drop-in'],
    costs: ['£2 a session towards tea and materials', '£3 a session; free for anyone on a low income', null],
    slots: [
      ['10:00', '13:00'],
      ['13:00', '16:00'],
    ],
    days: MON_SAT,
    verb: 'The shed is open',
    age: ['adults'],
    multi: 0.4,
  },
  'wellbeing-cafe': {
    cat: 'cafes',
    also: 'wellbeing',
    label: 'an evening wellbeing cafe',
    names: ['{place} Wellbeing Cafe', '{place} Evening Wellbeing Cafe', 'Open Space Cafe, {place}'],
    summaries: [
      'An evening cafe for anyone who is struggling, with peer workers to talk to and no appointments.',
      'A calm, friendly space to sit, have a drink and talk things over with someone who has been there.',
    ],
    about: [
      'The wellbeing cafe is a place to go when things feel hard, run by people with their own experience of mental ill health.',
    ],
    details: [
      'You can talk with a peer worker one to one, join in an activity or simply sit quietly with a hot drink.',
      'Staff can help you make a plan for the next few days and tell you about other support nearby.',
      "It is not a crisis service: if you need help urgently, use the 'Need urgent help?' link at the top of this page.",
      'No appointment or referral is needed, and you do not have to give your full name.',
    ],
    forWhom: ['Adults who are feeling low, anxious or overwhelmed and would like someone to talk to'],
    tags: ['wellbeing', 'mental health', 'talk', 'peer support', 'evening', 'anxiety', 'low mood', 'drop-in'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['18:00', '21:00'],
      ['17:30', '20:30'],
    ],
    days: ['wednesday', 'thursday', 'friday', 'saturday'],
    verb: 'The cafe is open',
    age: ['adults', 'sixteen'],
    multi: 0.5,
  },
  'faith-drop-in': {
    cat: 'faith',
    also: 'cafes',
    label: 'an open-door drop-in',
    names: ['Open Door at {venue}', '{place} Open Door', 'Community Welcome at {venue}'],
    summaries: [
      'A welcoming drop-in with hot drinks and company, open to people of all faiths and none.',
      'Tea, toast and a friendly face. Nobody will preach at you; just come in and sit down.',
    ],
    about: [
      '{venue} opens its hall every week as a warm, welcoming space for the whole community.',
      'Our faith teaches us to welcome the stranger, so our doors are open to everyone, whatever they believe.',
    ],
    details: [
      'Volunteers serve tea, coffee and toast, and there is usually soup in the winter months.',
      'You are welcome whatever your faith, or if you have none.',
      'If you would like to talk to someone privately, a trained listener is available.',
      'There is free wifi and somewhere to charge your phone.',
      'Volunteers can help with letters and forms, or tell you where to find advice.',
    ],
    forWhom: [
      'Anyone who would like a warm place to sit and some company',
      'Adults in {place} who are lonely, struggling or just passing',
    ],
    tags: ['faith', 'drop-in', 'tea', 'company', 'warm space', 'welcome'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['10:00', '13:00'],
      ['12:00', '14:00'],
      ['14:00', '16:00'],
    ],
    days: MON_FRI,
    verb: 'The drop-in is open',
    age: ['all', 'adults'],
    multi: 0.3,
  },
  'community-meal': {
    cat: 'faith',
    also: 'community-centres',
    label: 'a free community meal',
    names: ['{place} Community Kitchen', '{Day} Supper at {venue}', '{place} Shared Table'],
    summaries: [
      'A free hot meal served to anyone who comes, with tables to share and no questions asked.',
      'Everyone eats together: a free, home-cooked vegetarian meal served by volunteers.',
    ],
    about: [
      'Sharing food is at the heart of our community, and everyone is welcome at the table.',
      'Every week volunteers cook a simple, hearty meal and serve it to whoever walks through the door.',
    ],
    details: [
      'The food is vegetarian so that everyone can eat together.',
      'You do not need to book or show any paperwork.',
      'Families with children are very welcome.',
      'Leftovers are packed up for people to take home.',
      'Some guests go on to volunteer in the kitchen, which is a good way to get to know people.',
    ],
    forWhom: ['Anyone who would like a free hot meal and company, including families'],
    tags: ['food', 'free meal', 'hot meal', 'supper', 'community', 'hungry', 'kitchen'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['12:00', '14:00'],
      ['18:00', '20:00'],
      ['17:30', '19:30'],
    ],
    days: weekdays,
    verb: 'The meal is served',
    age: ['all'],
  },
  'womens-circle': {
    cat: 'faith',
    also: 'wellbeing',
    label: "a women's wellbeing circle",
    names: ["{place} Women's Circle", "Sisters' Circle at {venue}", "{place} Women's Wellbeing Group"],
    summaries: [
      'A women-only group to relax, share, learn something new and look after your wellbeing together.',
      'Friendly women-only sessions with gentle exercise, talks on health and time to chat.',
    ],
    about: [
      'This is a women-only space where members look after their wellbeing together.',
      'Many women tell us they rarely get time for themselves; this group is that time.',
    ],
    details: [
      'Each session mixes something practical, such as a talk from a health visitor or a cookery demonstration, with time to chat.',
      'There is a creche for under-fives if you book ahead.',
      'Every few weeks there is a trip, such as a picnic in the park or a museum visit.',
      'Gentle chair exercise and breathing are part of most sessions.',
    ],
    forWhom: ['Women aged 18 and over, especially those who feel isolated or are new to the area'],
    tags: ['women', 'women only', 'wellbeing', 'ladies', 'social', 'health talks'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['10:30', '12:30'],
      ['11:00', '13:00'],
      ['13:00', '15:00'],
    ],
    days: MON_FRI,
    freq: [
      ['weekly', 3],
      ['fortnightly', 1],
    ],
    verb: 'The group meets',
    age: ['adults'],
    notes: ['Women only'],
  },
  'quiet-hour': {
    cat: 'faith',
    also: 'wellbeing',
    label: 'a quiet hour for reflection',
    names: ['Quiet Hour at {venue}', '{place} Space to Breathe', 'Still Point at {venue}'],
    summaries: [
      'An hour of calm in a quiet, beautiful space, with someone available to listen if you want to talk.',
      'A peaceful space to sit, think or pray. Come and go as you like.',
    ],
    about: ['For one hour the building is kept quiet for anyone who needs a pause from a noisy, busy life.'],
    details: [
      'You can sit, read, pray or simply rest; nothing is asked of you.',
      'A trained listener is on hand if you would like to talk, and will not try to fix things or tell you what to believe.',
      'The doors are kept open so you can leave whenever you like.',
      'People of every faith and none come along.',
    ],
    forWhom: ['Anyone who would like a calm place to sit, think or pray'],
    tags: ['quiet', 'calm', 'reflection', 'prayer', 'meditation', 'peace'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['12:30', '13:30'],
      ['17:00', '18:00'],
      ['11:00', '12:00'],
    ],
    days: MON_FRI,
    verb: 'The quiet hour runs',
    age: ['all', 'adults'],
  },
  choir: {
    cat: 'music',
    sub: 'choirs',
    label: 'a community choir',
    names: ['{place} Community Choir', '{place} Singing for Wellbeing', '{place} Voices', 'Sing Out {place}'],
    summaries: [
      'A friendly choir singing pop, soul and folk. No auditions and no need to read music.',
      'Singing together for the joy of it: warm-ups, rounds and songs from around the world.',
    ],
    about: [
      'We are a community choir with one simple rule: everyone who wants to sing can sing.',
      'Singing together is one of the quickest ways we know to lift a mood, and you do not need a good voice to join in.',
    ],
    details: [
      'Songs are taught by ear, with lyric sheets in large print for anyone who wants them.',
      'Sessions start with gentle breathing and warm-ups, which many members find calming in themselves.',
      'The choir performs a couple of times a year, but nobody has to perform if they would rather not.',
      'There is a tea break halfway through, which is when most of the chatting happens.',
      'The songs range from Motown and gospel to folk songs and the odd sea shanty.',
    ],
    forWhom: [
      'Adults and young people aged 14 and over who like to sing, whatever their voice',
      'Anyone who would like to sing with others; no experience needed',
    ],
    tags: ['choir', 'singing', 'sing', 'music', 'voices', 'songs'],
    access: ['drop-in', 'self-refer'],
    costs: [
      null,
      '£3 a session, free for anyone on benefits',
      '£5 a session or £40 a term, concessions £2',
      'Pay what you can (suggested £3)',
    ],
    slots: [
      ['19:00', '21:00'],
      ['18:30', '20:30'],
      ['14:00', '15:30'],
      ['11:00', '12:30'],
    ],
    days: ['monday', 'tuesday', 'wednesday', 'thursday', 'saturday'],
    verb: 'The choir rehearses',
    age: ['teens', 'adults'],
    notes: ['Term time only'],
  },
  drumming: {
    cat: 'music',
    label: 'a drumming circle',
    names: ['{place} Drumming Circle', '{place} Community Drummers', 'Drum Together {place}'],
    summaries: [
      'Play West African drums in a circle. Drums provided, and no experience or sense of rhythm required.',
      'A loud, joyful hour of group drumming, led by an experienced facilitator.',
    ],
    about: ['There is something about drumming in a circle that helps people switch off from their worries.'],
    details: [
      'Djembes and percussion are provided, or bring your own.',
      'The facilitator teaches simple rhythms that build into something impressive surprisingly quickly.',
      'Sessions end with a few minutes of quiet, which is a welcome contrast.',
      'Ear plugs are available for anyone sensitive to noise.',
    ],
    forWhom: ['Adults who would like to try something new and energetic in a group'],
    tags: ['drumming', 'drums', 'percussion', 'rhythm', 'music', 'african drumming'],
    access: ['drop-in', 'self-refer'],
    costs: [null, '£4 a session, £2 concessions'],
    slots: [
      ['18:30', '20:00'],
      ['19:00', '20:30'],
      ['11:00', '12:30'],
    ],
    days: MON_SAT,
    freq: [
      ['weekly', 2],
      ['fortnightly', 1],
      ['monthly', 1],
    ],
    verb: 'The circle meets',
    age: ['adults', 'sixteen'],
  },
  'music-jam': {
    cat: 'music',
    label: 'an open music session',
    names: ['{place} Music Jam', '{place} Open Mic Night', '{place} Acoustic Session'],
    summaries: [
      'An informal music session: bring an instrument or a song, or just come to listen.',
      'A welcoming open mic and jam for players of every standard.',
    ],
    about: ['This is a relaxed session for people who play, used to play or would like to start playing music.'],
    details: [
      'There are guitars, a keyboard and percussion to borrow.',
      'Players of every level are welcome, and beginners are paired with someone more confident.',
      'Listeners are as welcome as players; you do not have to get up and perform.',
      'The atmosphere is supportive: mistakes get a round of applause too.',
      'The session is alcohol-free.',
    ],
    forWhom: ['Adults who play or would like to play music, and people who enjoy listening'],
    tags: ['music', 'open mic', 'jam', 'guitar', 'band', 'acoustic', 'instruments'],
    access: ['drop-in'],
    costs: [null, '£2 on the door'],
    slots: [
      ['19:00', '21:30'],
      ['18:30', '21:00'],
      ['14:00', '17:00'],
    ],
    days: ['tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
    freq: [
      ['weekly', 1],
      ['fortnightly', 1],
      ['monthly', 2],
    ],
    verb: 'The session runs',
    age: ['adults', 'sixteen'],
  },
  ukulele: {
    cat: 'music',
    label: 'a ukulele group',
    names: ['{place} Ukulele Group', '{place} Strummers', 'Ukulele for Beginners, {place}'],
    summaries: [
      'Learn the ukulele from scratch in a patient, cheerful group. Ukuleles can be borrowed.',
      "Three chords and a lot of laughter: a beginners' ukulele group.",
    ],
    about: ['The ukulele is small, cheap and forgiving, which makes it a good first instrument.'],
    details: [
      'Ukuleles are lent for the first few weeks, and we can help you find an affordable one of your own.',
      'Each session teaches a new chord or strumming pattern, then puts it to work in a well-known song.',
      'Songbooks are printed in large type with chord diagrams.',
      'Nobody is ever asked to play alone.',
    ],
    forWhom: ['Adults who would like to learn an instrument in a friendly group'],
    tags: ['ukulele', 'music', 'instrument', 'learn', 'beginners', 'strumming'],
    access: ['drop-in', 'self-refer'],
    costs: [null, '£3 a session, ukulele loan included', '£2 a session'],
    slots: [
      ['10:30', '12:00'],
      ['18:30', '20:00'],
    ],
    days: MON_SAT,
    freq: [
      ['weekly', 2],
      ['fortnightly', 1],
    ],
    verb: 'The group meets',
    age: ['adults', 'older'],
  },
  'beats-and-bars': {
    cat: 'music',
    label: 'a music studio for young people',
    names: ['{place} Beats and Bars', '{place} Youth Studio', 'Studio Sessions {place}'],
    summaries: [
      'Make beats, write lyrics and record tracks in a real studio with young music mentors.',
      'Free music production and recording sessions for 16 to 25 year olds.',
    ],
    about: ['Our studio gives young people the chance to make music on professional equipment.'],
    details: [
      'Mentors teach production software, recording and mixing, and help you write and perform your own lyrics.',
      'You can work on your own tracks or collaborate with others.',
      'Some sessions end with a listening party where people share what they have made.',
      'Mentors are also there to talk if things are hard at home, at college or with your mental health.',
    ],
    forWhom: ['Young people aged 16 to 25 who want to make music'],
    tags: ['music production', 'rap', 'grime', 'beats', 'recording', 'studio', 'young people', 'lyrics'],
    access: ['self-refer', 'drop-in'],
    costs: [null],
    slots: [
      ['16:00', '19:00'],
      ['17:00', '20:00'],
      ['13:00', '16:00'],
    ],
    days: MON_SAT,
    verb: 'The studio is open',
    age: ['young'],
    multi: 0.4,
  },
  walking: {
    cat: 'sport',
    sub: 'walking',
    label: 'health walks',
    names: ['{place} Health Walk', '{place} {Day} Walkers', '{place} Wellbeing Walk', 'Walk and Talk {place}'],
    summaries: [
      'A free, gentle walk of about an hour at an easy pace, finishing with a cup of tea.',
      'Friendly, led walks through local parks and green spaces, for all abilities.',
    ],
    about: [
      'Our walks are led by trained volunteer walk leaders who go at the pace of the slowest walker.',
      'Walking side by side is an easy way to chat, get some fresh air and feel a bit better.',
    ],
    details: [
      'Routes are mostly flat and on paths, and last between 45 minutes and an hour.',
      'Wear comfortable shoes and bring water; walks go ahead in most weather.',
      'There is a shorter route for anyone who wants to build up gradually.',
      'Afterwards most walkers stop for tea at a nearby cafe, though nobody has to.',
      'A back marker walks at the rear so nobody is left behind.',
    ],
    forWhom: [
      'Anyone who would like to be more active, whatever their fitness',
      'Adults of all abilities, including people recovering from illness',
    ],
    tags: ['walking', 'walks', 'health walk', 'exercise', 'outdoors', 'parks', 'fresh air'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['10:00', '11:00'],
      ['10:30', '11:30'],
      ['11:00', '12:00'],
      ['13:30', '14:30'],
    ],
    days: weekdays,
    verb: 'Walks leave',
    age: ['all', 'adults'],
    multi: 0.2,
  },
  football: {
    cat: 'sport',
    sub: 'football',
    label: 'mental health football',
    names: ['{place} Mental Health Football', '{place} {Day} Kickabout', '{place} Football for Wellbeing'],
    summaries: [
      'Friendly five-a-side football for people living with mental ill health. All abilities, kit provided.',
      'A relaxed kickabout where taking part matters far more than winning.',
    ],
    about: [
      'These sessions use football to bring people together, build confidence and get fit without pressure.',
      'Our football sessions are coached by people who understand mental health, many with lived experience themselves.',
    ],
    details: [
      'Sessions start with a warm-up and some skills, then small-sided games.',
      'Boots are not needed: trainers are fine, and bibs and balls are provided.',
      'Players of all abilities and fitness levels take part, and there is always room for a breather.',
      'The team sometimes enters friendly tournaments against other mental health football groups in London.',
      'There are changing rooms and showers.',
    ],
    forWhom: [
      'Adults living with mental health difficulties who would like to play football',
      'People aged 16 and over of any ability who want a friendly game',
    ],
    tags: ['football', 'soccer', 'five-a-side', 'sport', 'exercise', 'team', 'kickabout'],
    access: ['self-refer', 'referral-needed', 'drop-in'],
    accessDetails: [
      'Call the coach before your first session so they can tell you where to meet.',
      'A referral from a care coordinator, GP or community connector helps us make sure football is safe for you.',
    ],
    costs: [null],
    slots: [
      ['14:00', '16:00'],
      ['18:00', '19:30'],
      ['11:00', '12:30'],
    ],
    days: MON_SAT,
    verb: 'Sessions run',
    age: ['sixteen', 'adults'],
  },
  'quiet-swim': {
    cat: 'sport',
    label: 'a quiet swim session',
    names: ['Quiet Swim at {venue}', '{place} Calm Waters Swim', '{place} Gentle Swim'],
    summaries: [
      'A calm, uncrowded swimming session with lanes for gentle swimmers and no music.',
      'A relaxed swim with fewer people, dimmed lights and lifeguards who know the regulars.',
    ],
    about: ['This session keeps the pool calm and uncrowded for people who find busy public swims overwhelming.'],
    details: [
      'Numbers are capped and the music is switched off.',
      'There is a slow lane, and floats are available.',
      'Private changing cubicles are available, and the session is popular with people who feel self-conscious.',
      'Swimming is gentle on the joints and many people find it helps them sleep.',
    ],
    forWhom: ['Adults who would like to swim in a calmer, quieter setting'],
    tags: ['swimming', 'swim', 'pool', 'exercise', 'quiet', 'calm'],
    access: ['self-refer'],
    costs: [
      '£3.50 a swim, £1.50 with a leisure concession card',
      '£4 a swim; free for people referred by a community connector',
    ],
    slots: [
      ['07:30', '08:30'],
      ['13:00', '14:00'],
      ['20:00', '21:00'],
    ],
    days: weekdays,
    verb: 'The session runs',
    age: ['sixteen', 'adults'],
    multi: 0.3,
  },
  'chair-yoga': {
    cat: 'sport',
    also: 'wellbeing',
    label: 'gentle chair-based exercise',
    names: ['{place} Chair Yoga', '{place} Gentle Movement', 'Seated Exercise at {venue}'],
    summaries: [
      'Gentle chair-based yoga and stretching for people who want to move more, at their own pace.',
      'An easy exercise class done mostly sitting down, to help balance, strength and mood.',
    ],
    about: [
      'Chair yoga brings the benefits of yoga to people who find standing or getting down on the floor difficult.',
    ],
    details: [
      'Every movement can be done sitting down, with options to stand for anyone who wants to.',
      'The teacher is trained to work with people with long-term conditions and will adapt anything.',
      'Classes finish with a few minutes of breathing and relaxation.',
      'Wear loose, comfortable clothes; no mat is needed.',
    ],
    forWhom: ['Adults aged 50 and over, or anyone with limited mobility'],
    tags: ['yoga', 'chair yoga', 'exercise', 'stretching', 'gentle', 'balance', 'older people'],
    access: ['drop-in', 'self-refer'],
    costs: [null, '£3 a class', '£2 a class, first class free'],
    slots: [
      ['10:00', '11:00'],
      ['11:15', '12:15'],
      ['14:00', '15:00'],
    ],
    days: MON_FRI,
    verb: 'Classes run',
    age: ['older'],
    multi: 0.35,
  },
  'table-tennis': {
    cat: 'sport',
    label: 'table tennis',
    names: ['{place} Table Tennis Club', '{place} Ping Pong Social', 'Bat and Chat {place}'],
    summaries: [
      'Social table tennis for all ages and abilities. Bats and balls provided.',
      'Drop in for a game of ping pong, a bit of coaching and a chat.',
    ],
    about: ['Table tennis is quick to pick up, easy on the body and surprisingly sociable.'],
    details: [
      'A volunteer coach offers tips for beginners and returners.',
      'Players rotate tables so everyone gets a game.',
      'There is a seated area for resting between games.',
      'Some of our players are in their eighties and still beating the youngsters.',
    ],
    forWhom: ['Anyone aged 14 and over who would like a game, whatever their level'],
    tags: ['table tennis', 'ping pong', 'sport', 'exercise', 'social'],
    access: ['drop-in'],
    costs: [null, '£2 a session', '£1 a session'],
    slots: [
      ['10:00', '12:00'],
      ['18:00', '20:00'],
      ['13:00', '15:00'],
    ],
    days: MON_SAT,
    verb: 'Tables are out',
    age: ['teens'],
    multi: 0.3,
  },
  cycling: {
    cat: 'sport',
    label: 'cycle confidence sessions',
    names: ['{place} Cycle Confidence', '{place} Bike Club', 'Ride Together {place}'],
    summaries: [
      'Learn to ride, or get your confidence back, with patient instructors and bikes to borrow.',
      'Short, slow group rides on quiet routes, with bikes and helmets provided.',
    ],
    about: ['Cycling is cheap, quick and good for your mood, but London traffic can be daunting.'],
    details: [
      'Sessions start in a traffic-free space before moving on to quiet roads and cycle paths.',
      'Bikes, including adapted bikes and tricycles, and helmets can be borrowed.',
      'A simple bike check and some basic maintenance are part of each course.',
      'Once people feel confident they can join the monthly group ride.',
    ],
    forWhom: ['Adults who cannot ride, have not ridden for years or feel nervous on the roads'],
    tags: ['cycling', 'bike', 'bicycle', 'learn to ride', 'exercise', 'outdoors'],
    access: ['self-refer'],
    accessDetails: ['Book a place by phone or email; sessions are limited to eight people.'],
    costs: [null],
    slots: [
      ['10:00', '12:00'],
      ['13:00', '15:00'],
    ],
    days: ['wednesday', 'saturday', 'sunday'],
    freq: [
      ['weekly', 2],
      ['fortnightly', 1],
    ],
    verb: 'Sessions run',
    age: ['adults', 'sixteen'],
  },
  boxercise: {
    cat: 'sport',
    label: 'boxing fitness',
    names: ['{place} Boxercise', '{place} Box Fit', 'Boxing for Wellbeing, {place}'],
    summaries: [
      'Non-contact boxing fitness that burns off stress and builds confidence. No sparring.',
      'Pads, skipping and circuits with a coach who makes it fun, not frightening.',
    ],
    about: ['These are non-contact boxing fitness sessions: nobody gets hit and nobody gets shouted at.'],
    details: [
      'Each session mixes pad work, skipping and circuit exercises.',
      'Coaches talk openly about stress and mental health, and there is time to chat afterwards.',
      'Gloves and wraps are provided; bring trainers and a water bottle.',
      'Many people arrive anxious and leave buzzing.',
    ],
    forWhom: ['Young people aged 16 to 25 who want a high-energy way to manage stress'],
    tags: ['boxing', 'boxercise', 'fitness', 'exercise', 'gym', 'stress', 'young people'],
    access: ['drop-in', 'self-refer'],
    costs: [null, '£2 a session'],
    slots: [
      ['17:00', '18:00'],
      ['18:00', '19:00'],
      ['16:30', '17:30'],
    ],
    days: MON_FRI,
    verb: 'Sessions run',
    age: ['young'],
    multi: 0.4,
  },
  cricket: {
    cat: 'sport',
    label: 'recreational cricket',
    names: ['{place} Community Cricket', '{place} Softball Cricket', '{place} Tape Ball Cricket'],
    summaries: [
      'Friendly softball and tape-ball cricket for all abilities: indoors in winter, outdoors in summer.',
      'A welcoming cricket session where beginners and old hands play together.',
    ],
    about: [
      'Cricket is a big part of life for many families in {place}, and our sessions make it easy to get back into the game.',
    ],
    details: [
      'We play with a soft ball, so no pads or helmets are needed.',
      'Sessions move into a sports hall from October to March.',
      'Coaches run short skills drills before a friendly game.',
      'Afterwards there is chai and a chat.',
    ],
    forWhom: ['Adults and young people aged 16 and over who enjoy cricket or would like to try it'],
    tags: ['cricket', 'sport', 'exercise', 'team', 'tape ball', 'softball'],
    access: ['drop-in', 'self-refer'],
    costs: [null, '£2 a session'],
    slots: [
      ['18:00', '20:00'],
      ['10:00', '12:00'],
    ],
    days: ['tuesday', 'thursday', 'saturday', 'sunday'],
    verb: 'Sessions run',
    age: ['sixteen'],
  },
  paddle: {
    cat: 'sport',
    also: 'gardening',
    label: 'kayaking and paddleboarding',
    names: ['{place} Paddle Club', 'Paddle for Wellbeing, {place}', '{place} Dockside Kayaking'],
    summaries: [
      'Kayaking and paddleboarding on sheltered dock water, with instructors and all kit provided.',
      'Try paddling on calm water: taster sessions for people who have never done it before.',
    ],
    about: ['Being on the water, even in the middle of the city, can be wonderfully calming.'],
    details: [
      'Sessions take place on sheltered dock water, with qualified instructors on the water and on the side.',
      'Buoyancy aids, paddles and boats are provided; bring a change of clothes.',
      'You need to be able to swim 25 metres.',
      'The season runs from April to October, with pool sessions in winter.',
    ],
    forWhom: ['Adults who can swim and would like to try kayaking or paddleboarding'],
    tags: ['kayaking', 'paddleboarding', 'canoeing', 'water', 'outdoors', 'sport'],
    access: ['self-refer', 'via-connector'],
    costs: ['£5 a session, free through a community connector', null],
    slots: [
      ['10:00', '12:00'],
      ['17:30', '19:30'],
    ],
    days: ['wednesday', 'thursday', 'saturday', 'sunday'],
    freq: [
      ['weekly', 2],
      ['fortnightly', 1],
    ],
    verb: 'Sessions run',
    age: ['sixteen', 'adults'],
  },
  'tai-chi': {
    cat: 'wellbeing',
    also: 'sport',
    label: 'tai chi classes',
    names: ['{place} Tai Chi', 'Tai Chi in the Park, {place}', '{place} Qigong and Tai Chi'],
    summaries: [
      'Slow, flowing tai chi movements that help balance, breathing and calm. All ages welcome.',
      'Gentle tai chi and qigong, outdoors in good weather and indoors when it rains.',
    ],
    about: ['Tai chi is a gentle, slow form of exercise that many people find calms the mind as well as the body.'],
    details: [
      'Each session teaches a few movements at a time, so it is easy to follow.',
      'In good weather the class meets outside; otherwise it moves indoors.',
      'People with arthritis, back pain or poor balance often find tai chi helpful.',
      'There is no special kit: just wear comfortable clothes and flat shoes.',
    ],
    forWhom: ['Adults of any age and fitness, including people with long-term conditions'],
    tags: ['tai chi', 'qigong', 'exercise', 'balance', 'calm', 'gentle', 'breathing'],
    access: ['drop-in', 'self-refer'],
    costs: [null, '£3 a class', '£4 a class, £2 concessions'],
    slots: [
      ['09:30', '10:30'],
      ['10:00', '11:00'],
      ['18:00', '19:00'],
    ],
    days: weekdays,
    verb: 'Classes run',
    age: ['adults', 'older'],
  },
  'knit-and-natter': {
    cat: 'arts',
    sub: 'knitting',
    also: 'cafes',
    label: 'a knit and natter group',
    names: ['{place} Knit and Natter', '{place} Stitch and Chat', '{place} Crochet Corner', 'Yarn Club {place}'],
    summaries: [
      'Bring your knitting or crochet, or learn from scratch, in a chatty, welcoming group.',
      'Knitting, crochet and a lot of chat. Needles and wool provided for beginners.',
    ],
    about: [
      'Our knit and natter group has been meeting for years and always makes room at the table for newcomers.',
      'Knitting and crochet keep the hands busy, which many people find makes conversation easier.',
    ],
    details: [
      'Beginners are very welcome: someone will cast on for you and teach you the basics.',
      'Needles, hooks and donated wool are there to use.',
      'The group knits blankets and hats for a local baby unit and for people sleeping rough.',
      'It is fine to come and just watch the first time.',
      'Tea is on the house.',
    ],
    forWhom: ['Anyone who knits, crochets or would like to learn', 'Adults who would enjoy a relaxed, creative group'],
    tags: ['knitting', 'crochet', 'wool', 'yarn', 'craft', 'sewing', 'social'],
    access: ['drop-in'],
    costs: [null, null, '50p towards tea'],
    slots: [
      ['10:00', '12:00'],
      ['13:30', '15:30'],
      ['18:30', '20:30'],
    ],
    days: MON_SAT,
    freq: [
      ['weekly', 3],
      ['fortnightly', 1],
      ['monthly', 1],
    ],
    verb: 'The group meets',
    age: ['all', 'adults'],
  },
  'art-studio': {
    cat: 'arts',
    label: 'an open art studio',
    names: ['{place} Open Art Studio', '{place} Art Club', 'Paint and Draw, {place}', '{place} Creative Space'],
    summaries: [
      'Drop into a friendly studio to paint, draw and make, with materials and gentle guidance provided.',
      'An open art session for beginners and experienced artists alike. No judgement, just making.',
    ],
    about: [
      'Our open studio is a place to make art at your own pace, led by an artist experienced in running groups for people with mental health needs.',
      'Making art can be absorbing and calming, and a way of expressing things that are hard to say.',
    ],
    details: [
      'Paints, pastels, clay and paper are all provided.',
      'Each week there is an optional theme or technique for anyone who wants a starting point.',
      'There is no pressure to show your work to anyone.',
      'Twice a year members put on an exhibition in a local cafe.',
      'The artists can help you put together a portfolio if you are thinking about a course.',
    ],
    forWhom: ['Adults who would like to make art, whatever their experience'],
    tags: ['art', 'painting', 'drawing', 'creative', 'studio', 'craft'],
    access: ['drop-in', 'self-refer', 'via-connector'],
    costs: [null, '£3 a session including materials', '£2 a session, free for people on benefits'],
    slots: [
      ['10:30', '13:00'],
      ['14:00', '16:30'],
      ['18:00', '20:00'],
    ],
    days: MON_SAT,
    verb: 'The studio is open',
    age: ['adults', 'sixteen'],
    multi: 0.3,
  },
  'clay-club': {
    cat: 'arts',
    label: 'pottery classes',
    names: ['{place} Clay Club', '{place} Pottery for Beginners', 'Hands in Clay, {place}'],
    summaries: [
      'Hand-building and wheel pottery in small, friendly classes. Your pieces are fired for you.',
      'Get your hands muddy: a relaxed pottery course for complete beginners.',
    ],
    about: ['Working with clay is slow, absorbing and very forgiving of mistakes.'],
    details: [
      'Courses run for six weeks and start with pinch pots and coil building before moving on to the wheel.',
      'Aprons and tools are provided.',
      'Pieces are glazed and fired in the studio kiln, ready to take home a couple of weeks later.',
      'Classes are small: eight people at most.',
    ],
    forWhom: ['Adults who would like to learn pottery in a small, relaxed group'],
    tags: ['pottery', 'ceramics', 'clay', 'craft', 'art', 'wheel'],
    access: ['self-refer'],
    accessDetails: ['Book a place on the next course online or by phone; there is often a short waiting list.'],
    costs: [
      '£60 for a six-week course; free places for people referred by a community connector',
      '£8 a session including clay and firing, £4 concessions',
    ],
    slots: [
      ['18:30', '20:30'],
      ['10:00', '12:00'],
    ],
    days: MON_SAT,
    verb: 'Classes run',
    age: ['adults'],
    notes: ['Six-week courses start each half term'],
  },
  'sewing-circle': {
    cat: 'arts',
    sub: 'knitting',
    label: 'a sewing group',
    names: ['{place} Sewing Circle', '{place} Sew and Mend', '{place} Stitching Group'],
    summaries: [
      'Learn to sew, mend and alter clothes, with sewing machines to use and friendly tutors.',
      'A sewing group with machines to use, fabric to share and tutors on hand.',
    ],
    about: [
      'This group brings people together to sew, mend and make, and to share skills across generations and cultures.',
    ],
    details: [
      'Sewing machines, thread and fabric are provided.',
      'Tutors can help with anything from taking up trousers to making a dress from a pattern.',
      'Many members bring skills from home, and teach as much as they learn.',
      'Projects have included quilts, bags and costumes for a local theatre.',
    ],
    forWhom: ['Adults who want to learn to sew or share their skills'],
    tags: ['sewing', 'mending', 'dressmaking', 'tailoring', 'craft', 'textiles'],
    access: ['drop-in', 'self-refer'],
    costs: [null, '£2 a session'],
    slots: [
      ['10:00', '12:30'],
      ['13:00', '15:30'],
    ],
    days: MON_FRI,
    freq: [
      ['weekly', 3],
      ['fortnightly', 1],
    ],
    verb: 'The group meets',
    age: ['adults'],
  },
  'writers-table': {
    cat: 'arts',
    label: 'a creative writing group',
    names: ["{place} Writers' Table", '{place} Creative Writing Group', 'Write Here {place}', '{place} Poetry Circle'],
    summaries: [
      'A gentle creative writing group with prompts, short exercises and a chance to share if you want.',
      'Write poems, stories or memories with others. Sharing is always optional.',
    ],
    about: ['Writing can help us make sense of what has happened to us, or simply be a pleasure in itself.'],
    details: [
      'Each session starts with a short prompt: a photograph, an object, a line from a poem.',
      'There is time to write quietly, then an optional chance to read aloud to the group.',
      'Feedback is kind and specific, never harsh.',
      "The group publishes a small anthology of members' work each year.",
    ],
    forWhom: ['Adults who like writing, or used to and would like to start again'],
    tags: ['writing', 'creative writing', 'poetry', 'stories', 'memoir'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['18:30', '20:00'],
      ['10:30', '12:00'],
      ['14:00', '15:30'],
    ],
    days: MON_SAT,
    freq: [
      ['weekly', 1],
      ['fortnightly', 2],
      ['monthly', 1],
    ],
    verb: 'The group meets',
    age: ['adults', 'sixteen'],
  },
  'photo-walks': {
    cat: 'arts',
    also: 'gardening',
    label: 'photography walks',
    names: ['{place} Photo Walks', '{place} Camera Club', 'See {place} Differently'],
    summaries: [
      'Explore the neighbourhood with a camera or phone and learn to take better photographs.',
      'Slow walks with cameras, noticing the details of the streets around you.',
    ],
    about: ['Our photo walks are as much about slowing down and noticing as they are about taking pictures.'],
    details: [
      'A phone camera is all you need, though a few cameras are available to borrow.',
      'Each walk has a theme, such as shadows, doors or signs.',
      'Afterwards the group looks at a few photos together over tea.',
      'Walks are about a mile and a half, at a slow pace with plenty of stops.',
    ],
    forWhom: ['Adults of any ability who are curious about photography'],
    tags: ['photography', 'camera', 'phone', 'walking', 'art', 'creative'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['11:00', '13:00'],
      ['14:00', '16:00'],
    ],
    days: ['wednesday', 'saturday', 'sunday'],
    freq: [
      ['weekly', 1],
      ['fortnightly', 1],
      ['monthly', 2],
    ],
    verb: 'Walks leave',
    age: ['adults'],
  },
  'repair-cafe': {
    cat: 'community-centres',
    also: 'arts',
    label: 'a repair cafe',
    names: ['{place} Repair Cafe', 'Fix It {place}', '{place} Mend and Make Do'],
    summaries: [
      'Bring broken lamps, clothes, toys and bikes to be mended for free by volunteer fixers.',
      'Volunteer fixers help you repair everyday things instead of throwing them away.',
    ],
    about: ['At the repair cafe, skilled volunteers help people mend things, and show them how.'],
    details: [
      'Common repairs include lamps, toasters, zips, bike brakes and wobbly chairs.',
      'You sit with the fixer while they work, so you can learn how it is done.',
      'There is tea and cake while you wait.',
      'Repairs are free, though donations help cover parts.',
    ],
    forWhom: ['Anyone with something broken, and anyone with a skill to share'],
    tags: ['repair', 'fix', 'mending', 'electricals', 'bikes', 'sustainability', 'volunteer'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['10:00', '13:00'],
      ['11:00', '14:00'],
    ],
    days: WEEKEND,
    freq: [['monthly', 1]],
    verb: 'The cafe runs',
    age: ['all'],
  },
  'community-dropin': {
    cat: 'community-centres',
    label: 'a community drop-in',
    names: ['{venue} Drop-in', '{place} Community Hub Drop-in', '{place} Open House'],
    summaries: [
      'A friendly drop-in with advice, activities, hot drinks and people who know what is going on locally.',
      'Pop in for a chat, help with a form, a cheap lunch or to find out what is on in {place}.',
    ],
    about: [
      '{venue} is a busy neighbourhood centre, and its drop-in is the easiest way in.',
      'Our drop-in is the front door of the community centre: a place to ask anything.',
    ],
    details: [
      'Staff can help you fill in forms, make phone calls or use the computers.',
      'There is a community noticeboard and a rack of leaflets about local services.',
      'Several groups meet in the building, including exercise classes, a toddler group and English lessons.',
      'The cafe sells cheap hot drinks and snacks.',
      'Bilingual staff and volunteers are on hand most days.',
    ],
    forWhom: ['Anyone living in or near {place}'],
    tags: ['community centre', 'drop-in', 'advice', 'forms', 'help', 'local', 'hub'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['10:00', '13:00'],
      ['10:00', '16:00'],
      ['13:00', '16:00'],
    ],
    days: MON_FRI,
    verb: 'The drop-in is open',
    age: ['all'],
    multi: 0.6,
  },
  'food-pantry': {
    cat: 'community-centres',
    also: 'money',
    label: 'a community pantry',
    names: ['{place} Community Pantry', '{place} Food Club', '{place} Social Supermarket'],
    summaries: [
      'A membership food club: pay a small amount each week and choose groceries worth much more.',
      'Choose your own fresh and store-cupboard food at a fraction of supermarket prices.',
    ],
    about: ['Our pantry helps households make their money go further and cuts food waste at the same time.'],
    details: [
      'Members pay a small weekly fee and choose around ten items, including fresh fruit and vegetables.',
      'No referral is needed: just live locally and sign up on your first visit.',
      'Volunteers can also connect you with advice on benefits, debt and energy bills.',
      'There is usually a free table of bread and pastries.',
    ],
    forWhom: ['Households in and around {place} who are finding it hard to make ends meet'],
    tags: ['food', 'pantry', 'groceries', 'cost of living', 'cheap food', 'food bank', 'shopping'],
    access: ['self-refer', 'drop-in'],
    costs: ['£3.50 a week for about £15 worth of food', '£4 a visit; first visit free'],
    slots: [
      ['10:00', '13:00'],
      ['15:00', '18:00'],
    ],
    days: MON_SAT,
    verb: 'The pantry is open',
    age: ['all'],
    multi: 0.3,
  },
  'digital-help': {
    cat: 'community-centres',
    also: 'libraries',
    label: 'a digital help desk',
    names: ['{place} Digital Help Desk', '{place} Get Online', 'Tech Help at {venue}'],
    summaries: [
      'One-to-one help with phones, tablets and computers, from setting up email to booking GP appointments online.',
      'Patient, friendly help to get online: bring your own device or use ours.',
    ],
    about: ['More and more things have to be done online, which is hard if you are not confident with technology.'],
    details: [
      'Volunteers can help with email, video calls, the NHS App, online shopping and spotting scams.',
      'You can bring your own phone, tablet or laptop, or use one of ours.',
      'Sessions are one to one, so you can go at your own pace and ask anything.',
      'We can also tell you how to get a free SIM card with data if money is tight.',
    ],
    forWhom: ['Adults who want help using phones, tablets or computers'],
    tags: ['digital', 'computers', 'internet', 'online', 'phones', 'nhs app', 'email', 'tablets'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['10:00', '12:00'],
      ['14:00', '16:00'],
    ],
    days: MON_FRI,
    verb: 'The help desk is open',
    age: ['adults'],
    multi: 0.3,
  },
  'warm-space': {
    cat: 'community-centres',
    label: 'a warm welcome space',
    names: ['{place} Warm Welcome', '{place} Warm Space', 'Warm Hub at {venue}'],
    summaries: [
      'A free, warm place to spend the day with hot drinks, wifi, newspapers and friendly company.',
      'Stay warm, charge your phone and have a hot drink in a welcoming space.',
    ],
    about: ['When heating your home is expensive, a warm room with company can make a real difference.'],
    details: [
      'There are comfortable chairs, hot drinks, soup at lunchtime and free wifi.',
      'Nobody needs to explain why they are there.',
      'Advisers visit once a week to help with energy bills and benefits.',
      'Board games, books and jigsaws are there to use.',
    ],
    forWhom: ['Anyone who would like somewhere warm and welcoming to spend time'],
    tags: ['warm space', 'warm', 'heating', 'cost of living', 'wifi', 'hot drinks', 'company'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['10:00', '16:00'],
      ['11:00', '15:00'],
    ],
    days: MON_FRI,
    verb: 'The warm space is open',
    age: ['all'],
    multi: 0.5,
    winter: true,
  },
  esol: {
    cat: 'work',
    also: 'community-centres',
    label: 'English classes',
    names: ['{place} English Conversation Classes', '{place} ESOL for Beginners', 'English for Everyday Life, {place}'],
    summaries: [
      'Free English classes for speakers of other languages, from complete beginners upwards.',
      "Build confidence speaking English for shopping, the doctor's and job interviews.",
    ],
    about: ['These classes help adults who speak other languages to use English with confidence in everyday life.'],
    details: [
      'Classes are small and grouped by level after a short, friendly chat.',
      'Topics include talking to the GP, using public transport and filling in forms.',
      'There is a creche for younger children at some sessions.',
      'Learners who want qualifications can move on to accredited courses at a local college.',
    ],
    forWhom: ['Adults whose first language is not English'],
    tags: ['english', 'esol', 'classes', 'language', 'learning', 'refugees', 'skills'],
    access: ['self-refer'],
    accessDetails: ['Come to an enrolment session or call to book a short chat about your level.'],
    costs: [null],
    slots: [
      ['10:00', '12:00'],
      ['13:00', '15:00'],
      ['18:00', '20:00'],
    ],
    days: MON_FRI,
    verb: 'Classes run',
    age: ['adults'],
    multi: 0.6,
    notes: ['Term time only'],
  },
  'reading-group': {
    cat: 'libraries',
    label: 'a reading group',
    names: ['{place} Library Reading Group', '{place} Book Club', '{venue} Readers'],
    summaries: [
      'A friendly book club that reads one book a month and meets to talk about it over tea.',
      'Read along with others and share what you thought. Books are lent free.',
    ],
    about: ['Our reading group chooses a book together each month and meets to talk about it.'],
    details: [
      'Copies are lent free, including large-print and audiobook versions.',
      'It does not matter if you have not finished the book; plenty of people have not.',
      'Choices range from new novels to memoirs, crime and the odd classic.',
      'Conversations often wander well beyond the book, which is half the fun.',
    ],
    forWhom: ['Adults who enjoy reading and talking about books'],
    tags: ['books', 'reading', 'book club', 'library', 'reading group', 'novels'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['18:00', '19:30'],
      ['14:00', '15:30'],
      ['10:30', '12:00'],
    ],
    days: MON_SAT,
    freq: [
      ['monthly', 3],
      ['fortnightly', 1],
    ],
    verb: 'The group meets',
    age: ['adults'],
  },
  'shared-reading': {
    cat: 'libraries',
    also: 'wellbeing',
    label: 'shared reading sessions',
    names: ['{place} Shared Reading', 'Read Aloud at {venue}', '{place} Stories and Poems Group'],
    summaries: [
      'Short stories and poems read aloud in a small group, with time to talk about them. No preparation needed.',
      'Listen to a story read aloud and chat about it. Nobody has to read unless they want to.',
    ],
    about: [
      'In shared reading, a trained leader reads a short story and a poem aloud, pausing to talk about them as the group goes.',
    ],
    details: [
      'There is nothing to read in advance and nothing to prepare.',
      'You do not have to read aloud or say anything unless you want to.',
      'Many people find the stories open up conversations about their own lives, gently and at their own pace.',
      'Groups are small, usually six to ten people.',
    ],
    forWhom: [
      'Adults who would like a calm, sociable way to enjoy stories and poems',
      'People who have lost confidence in reading or concentrating',
    ],
    tags: ['reading', 'stories', 'poems', 'poetry', 'library', 'read aloud', 'books'],
    access: ['drop-in', 'via-connector', 'self-refer'],
    costs: [null],
    slots: [
      ['10:30', '12:00'],
      ['14:00', '15:30'],
    ],
    days: MON_FRI,
    verb: 'The group meets',
    age: ['adults'],
  },
  'wellbeing-corner': {
    cat: 'libraries',
    also: 'wellbeing',
    label: 'wellbeing books and a calm hour',
    names: ['{place} Wellbeing Corner', 'Wellbeing Shelf at {venue}', '{place} Library Calm Hour'],
    summaries: [
      'Borrow books on mental health recommended by health professionals, and join a quiet, calm hour in the library.',
      'Self-help books on anxiety, low mood and sleep, with librarians who can help you find the right one.',
    ],
    about: [
      'The library keeps a collection of self-help books on common mental health problems, chosen by health professionals and people with lived experience.',
    ],
    details: [
      'You can borrow the books on your first visit; joining takes a few minutes.',
      'Once a week the library runs a calm hour with dimmed lights, colouring and quiet music.',
      'Librarians can help you find books, audiobooks and e-books, including titles in other languages.',
      'There is a leaflet stand with details of local talking therapies services.',
    ],
    forWhom: ['Anyone who would like to understand and manage their own mental health'],
    tags: ['library', 'books', 'self-help', 'anxiety', 'low mood', 'sleep', 'quiet'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['14:00', '15:00'],
      ['11:00', '12:00'],
    ],
    days: MON_SAT,
    verb: 'The calm hour runs',
    age: ['all', 'adults'],
  },
  'library-chess': {
    cat: 'libraries',
    label: 'a chess club',
    names: ['{place} Library Chess Club', '{place} Chess Club', 'Chess and Draughts at {venue}'],
    summaries: [
      'Play chess and draughts in the library. Beginners taught, sets provided, everyone welcome.',
      'A friendly chess club for every level, from first-time players to seasoned competitors.',
    ],
    about: ['Our chess club meets in the library and welcomes players of every level and age.'],
    details: [
      'Sets and clocks are provided.',
      'Beginners can learn the moves from a volunteer, and there are puzzles for anyone who wants a challenge.',
      'The club plays friendly matches against other libraries a few times a year.',
      'Quiet is encouraged during games, but there is plenty of chat between them.',
    ],
    forWhom: ['Anyone who enjoys chess or wants to learn, of any age'],
    tags: ['chess', 'draughts', 'games', 'library', 'strategy', 'club'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['14:00', '16:30'],
      ['17:30', '19:30'],
    ],
    days: MON_SAT,
    verb: 'The club meets',
    age: ['all'],
  },
  allotment: {
    cat: 'gardening',
    label: 'a shared allotment',
    names: ['{place} Allotment Friends', '{place} Community Allotment', '{place} Growers'],
    summaries: [
      'Grow vegetables and flowers on a shared allotment plot. No experience needed; tools provided.',
      'Join a friendly group of growers working a shared plot together, whatever the weather.',
    ],
    about: [
      'We share an allotment plot where members grow fruit, vegetables and flowers together.',
      'Our shared plot is a small patch of countryside in the middle of {place}.',
    ],
    details: [
      'Experienced growers show newcomers what to do, from sowing seeds to harvesting.',
      'Tools, gloves and seeds are all provided.',
      'Produce is shared among members, and any surplus goes to a local food bank.',
      'There is a shed with a kettle, and a covered area for wet days.',
      'Raised beds mean there are jobs for people who cannot kneel or dig.',
    ],
    forWhom: ['Adults who would like to grow food, be outdoors or learn to garden'],
    tags: ['allotment', 'gardening', 'growing', 'vegetables', 'outdoors', 'nature', 'green'],
    access: ['self-refer', 'drop-in', 'via-connector'],
    costs: [null, '£10 a year membership, free for people on benefits'],
    slots: [
      ['10:00', '13:00'],
      ['14:00', '17:00'],
    ],
    days: ['wednesday', 'thursday', 'saturday', 'sunday'],
    verb: 'Members work the plot',
    age: ['adults', 'sixteen'],
    multi: 0.3,
  },
  'community-garden': {
    cat: 'gardening',
    label: 'a community garden',
    names: ['{place} Community Garden', '{place} Green Space Volunteers', '{place} Wildlife Garden'],
    summaries: [
      'Help look after a community garden: planting, weeding, composting and plenty of tea breaks.',
      'Friendly gardening sessions in a peaceful green space. Come for an hour or stay all session.',
    ],
    about: [
      'Our community garden was once a neglected patch of land and is now a green space the whole neighbourhood enjoys.',
    ],
    details: [
      'Volunteers do whatever the season needs: planting bulbs, weeding, harvesting, building compost bins.',
      'Nobody needs to know anything about gardening to start.',
      'There is a sensory garden and seating for anyone who just wants to sit.',
      "Sessions end with tea and sometimes soup made from the garden's vegetables.",
    ],
    forWhom: ['Anyone who would like to be outdoors and help a green space thrive'],
    tags: ['gardening', 'garden', 'plants', 'outdoors', 'nature', 'volunteering', 'green'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['10:00', '12:30'],
      ['13:30', '16:00'],
    ],
    days: MON_SAT,
    verb: 'Gardening sessions run',
    age: ['all', 'adults'],
  },
  conservation: {
    cat: 'gardening',
    also: 'work',
    label: 'conservation volunteering',
    names: ['{place} Conservation Volunteers', '{place} Nature Volunteers', 'Wild {place} Volunteers'],
    summaries: [
      'Practical conservation work in local parks and nature reserves: coppicing, path clearing and tree planting.',
      'Get outdoors and help local wildlife with a friendly conservation team. Tools and training provided.',
    ],
    about: ['Our volunteers help look after the parks, woods and wetlands around {place}.'],
    details: [
      'Tasks change with the seasons: hedge laying in winter, pond clearing in spring, butterfly surveys in summer.',
      'All tools, gloves and training are provided.',
      'Work is at a steady pace, with breaks for tea and biscuits.',
      'Volunteering regularly can lead to a reference for work.',
    ],
    forWhom: ['Adults who enjoy being outdoors and want to help nature'],
    tags: ['conservation', 'nature', 'wildlife', 'volunteering', 'outdoors', 'trees', 'parks'],
    access: ['self-refer'],
    costs: [null],
    slots: [
      ['10:00', '15:00'],
      ['10:00', '13:00'],
    ],
    days: ['tuesday', 'wednesday', 'thursday', 'saturday', 'sunday'],
    freq: [
      ['weekly', 2],
      ['fortnightly', 1],
      ['monthly', 1],
    ],
    verb: 'Work parties meet',
    age: ['sixteen', 'adults'],
  },
  'wild-walks': {
    cat: 'gardening',
    sub: 'walking',
    label: 'nature walks',
    names: ['{place} Wild Walks', '{place} Nature Rambles', 'Birdsong Walk, {place}'],
    summaries: [
      'Slow, guided nature walks spotting birds, trees and wildflowers, with a naturalist.',
      'Gentle walks through green spaces with a guide who knows the wildlife.',
    ],
    about: ['These are slow walks, led by a local naturalist, for noticing the wildlife that shares the city with us.'],
    details: [
      'Binoculars are available to borrow.',
      'Walks take around 90 minutes and follow level paths, with places to sit.',
      'Each month has a focus: birdsong in spring, fungi in autumn, winter visitors on the reservoirs.',
      'You do not need to know anything about nature; just bring your curiosity.',
    ],
    forWhom: ['Anyone curious about nature, of any age or ability'],
    tags: ['nature', 'walks', 'birdwatching', 'wildlife', 'outdoors', 'parks', 'trees'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['10:00', '11:30'],
      ['09:00', '10:30'],
    ],
    days: ['wednesday', 'saturday', 'sunday'],
    freq: [
      ['monthly', 2],
      ['fortnightly', 1],
    ],
    verb: 'Walks leave',
    age: ['all'],
  },
  'peer-support': {
    cat: 'peer-support',
    label: 'a peer support group',
    names: [
      '{place} Peer Support Group',
      '{place} {Day} Peer Group',
      'Better Together {place}',
      '{place} Wellbeing Peer Group',
    ],
    summaries: [
      'A safe, confidential group where people with lived experience of mental ill health support each other.',
      'Meet others who understand what you are going through, in a group run by trained peer facilitators.',
    ],
    about: [
      'Our peer support group is for people who have lived through mental health difficulties and want to share and learn from each other.',
      'Being with people who truly understand can make a difference nothing else does.',
    ],
    details: [
      'Groups are led by facilitators with their own lived experience, trained to keep the space safe and respectful.',
      'What is said in the group stays in the group.',
      'You can talk as much or as little as you like; some people just listen at first.',
      'The group agrees its own ground rules and topics together.',
      'A facilitator can meet you one to one before your first session if the group feels daunting.',
    ],
    forWhom: [
      'Adults with experience of mental health difficulties',
      'Adults living with anxiety, depression or other mental health problems',
    ],
    tags: ['peer support', 'support group', 'mental health', 'lived experience', 'talking', 'depression', 'anxiety'],
    access: ['self-refer', 'drop-in', 'referral-needed'],
    costs: [null],
    slots: [
      ['18:00', '19:30'],
      ['14:00', '15:30'],
      ['11:00', '12:30'],
    ],
    days: MON_FRI,
    freq: [
      ['weekly', 3],
      ['fortnightly', 2],
      ['monthly', 1],
    ],
    verb: 'The group meets',
    age: ['adults'],
    online: 0.2,
  },
  'hearing-voices': {
    cat: 'peer-support',
    label: 'a hearing voices group',
    names: ['{place} Hearing Voices Group', '{place} Voices and Visions Group'],
    summaries: [
      'A supportive group for people who hear voices, see visions or have other unusual experiences.',
      'Talk openly about hearing voices with people who get it, and share ways of coping.',
    ],
    about: [
      'Hearing voices groups offer a place to talk openly about voices, visions and other unusual experiences without being judged.',
    ],
    details: [
      "The group accepts each person's own explanation of their experiences.",
      'Members share what helps them cope, from practical strategies to simply being understood.',
      'You do not need a diagnosis to come along.',
      'The group is facilitated by people who hear voices themselves, with support from a mental health worker.',
    ],
    forWhom: ['Adults who hear voices, see visions or have other unusual perceptions'],
    tags: ['hearing voices', 'voices', 'psychosis', 'peer support', 'support group', 'mental health'],
    access: ['self-refer', 'referral-needed'],
    accessDetails: [
      'Please call or email the facilitator before your first visit so they can say hello and answer any questions.',
    ],
    costs: [null],
    slots: [
      ['14:00', '15:30'],
      ['18:00', '19:30'],
    ],
    days: MON_FRI,
    freq: [
      ['fortnightly', 2],
      ['weekly', 1],
    ],
    verb: 'The group meets',
    age: ['adults', 'sixteen'],
  },
  'mood-matters': {
    cat: 'peer-support',
    label: 'a mood support group',
    names: ['{place} Mood Matters', '{place} Bipolar Support Group', '{place} Ups and Downs Group'],
    summaries: [
      'A peer group for people living with bipolar disorder or big swings in mood, sharing ways to manage them.',
      'Share tips on managing mood, medication and daily life with people who understand.',
    ],
    about: ['This group is for people who live with bipolar disorder or other conditions where mood goes up and down.'],
    details: [
      'Sessions often include a short talk or activity, such as mood diaries or sleep routines, followed by open discussion.',
      'Family members are welcome at the open session every few months.',
      'Members swap information about local services and how to get the best from appointments.',
      'The group does not give medical advice, but it is a good place to prepare questions for your care team.',
    ],
    forWhom: ['Adults living with bipolar disorder or severe mood swings'],
    tags: ['bipolar', 'mood', 'peer support', 'depression', 'mania', 'support group', 'mental health'],
    access: ['self-refer', 'referral-needed'],
    costs: [null],
    slots: [
      ['18:30', '20:00'],
      ['13:30', '15:00'],
    ],
    days: MON_FRI,
    freq: [
      ['fortnightly', 1],
      ['monthly', 2],
    ],
    verb: 'The group meets',
    age: ['adults'],
  },
  'mens-talk': {
    cat: 'peer-support',
    label: "a men's talking group",
    names: ["{place} Men's Talk", "{place} Men's Circle", 'Talk It Out, {place}'],
    summaries: [
      'A relaxed group where men can talk about what is on their minds. No pressure to speak.',
      'Tea, biscuits and honest conversation between men, with a trained facilitator.',
    ],
    about: [
      'Men are less likely to talk about how they are feeling, and more likely to struggle alone. This group is here to change that.',
    ],
    details: [
      'Sessions are informal: tea, biscuits and conversation that goes wherever the group takes it.',
      'Some weeks start with an activity, such as darts or a walk, which makes it easier to get talking.',
      'You can just listen for as long as you like.',
      'The facilitator can help anyone who wants more support to find it.',
    ],
    forWhom: ['Men aged 18 and over who are going through a hard time, or want to support others who are'],
    tags: ['men', 'mens group', 'talking', 'mental health', 'peer support', 'stress'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['19:00', '20:30'],
      ['18:30', '20:00'],
    ],
    days: MON_FRI,
    freq: [
      ['weekly', 2],
      ['fortnightly', 1],
    ],
    verb: 'The group meets',
    age: ['adults'],
  },
  'young-peer': {
    cat: 'peer-support',
    label: 'a peer group for young adults',
    names: ['{place} Young Minds Meet-up', '{place} 16-25 Peer Group', 'Next Chapter, {place}'],
    summaries: [
      'A peer support group for 16 to 25 year olds, with games, food and honest chat about mental health.',
      'Meet other young people who get it, in a relaxed group with youth workers on hand.',
    ],
    about: [
      'This group is run with and for young adults who are finding things hard, whether that is anxiety, low mood or just life.',
    ],
    details: [
      'Sessions mix an activity, such as cooking, gaming or a workshop, with time to talk.',
      'Youth workers and peer mentors can help with college, work, housing and benefits as well as wellbeing.',
      'There is always food.',
      'You can bring a friend to your first session.',
    ],
    forWhom: ['Young people aged 16 to 25'],
    tags: ['young people', 'youth', 'peer support', 'mental health', 'anxiety', '16-25', 'students'],
    access: ['drop-in', 'self-refer', 'referral-needed'],
    costs: [null],
    slots: [
      ['16:30', '18:30'],
      ['17:00', '19:00'],
    ],
    days: MON_FRI,
    verb: 'The group meets',
    age: ['young'],
    online: 0.2,
  },
  'peer-online': {
    cat: 'peer-support',
    label: 'online peer support groups',
    names: ['{place} Online Peer Support', '{place} Peer Support by Video', 'Evening Peer Space Online ({place})'],
    summaries: [
      'Peer support groups by video call, for people who cannot easily get to a group in person.',
      'Join a facilitated video group from home. Camera optional; you can take part by chat.',
    ],
    about: [
      'Our online groups bring peer support to people who find it hard to leave home, or would rather join from their sofa.',
    ],
    details: [
      'Groups take place by video call, and you can keep your camera off or use the chat instead of speaking.',
      'Facilitators with lived experience keep the group safe and respectful.',
      'You need a phone, tablet or computer with internet; we can help you get set up.',
      'Before your first group, a facilitator will have a short call with you to explain how it works.',
    ],
    forWhom: ['Adults with experience of mental health difficulties who would rather meet online'],
    tags: ['online', 'video', 'peer support', 'mental health', 'from home', 'virtual'],
    access: ['self-refer'],
    costs: [null],
    slots: [
      ['19:00', '20:30'],
      ['12:30', '13:30'],
      ['18:00', '19:30'],
    ],
    days: ['monday', 'tuesday', 'wednesday', 'thursday', 'sunday'],
    verb: 'Groups meet',
    age: ['adults', 'sixteen'],
    coverage: 'online',
    multi: 0.5,
  },
  'womens-support': {
    cat: 'peer-support',
    also: 'wellbeing',
    label: "a women's domestic abuse support group",
    names: ["{place} Women's Support Group", '{place} Freedom Group', "{place} Women's Recovery Group"],
    summaries: [
      'A confidential support group for women who have experienced domestic abuse, at a safe, private venue.',
      'Rebuild confidence with other women who have survived domestic abuse. Venue shared after a phone call.',
    ],
    about: ['This group supports women who are living with, or have left, an abusive relationship.'],
    details: [
      'The venue is confidential: we share the address once we have spoken with you.',
      'Sessions are led by specialist domestic abuse workers and follow a structured twelve-week programme.',
      'Topics include understanding abuse, rebuilding confidence and staying safe.',
      'Childcare costs can be covered if that is what stops you coming.',
    ],
    forWhom: ['Women aged 18 and over who have experienced domestic abuse'],
    tags: ['domestic abuse', 'domestic violence', 'women', 'safety', 'support group', 'abuse', 'relationships'],
    access: ['self-refer', 'referral-needed'],
    accessDetails: [
      'Call us first. We will talk with you on the phone, then share the address of the group. Your GP, a social worker or the police can also refer you.',
    ],
    costs: [null],
    slots: [
      ['10:00', '12:00'],
      ['13:00', '15:00'],
    ],
    days: MON_FRI,
    verb: 'The group meets',
    age: ['adults'],
    notes: ['Women only'],
  },
  'listening-line': {
    cat: 'wellbeing',
    also: 'peer-support',
    label: 'an evening listening line',
    names: ['{place} Listening Line', '{place} Evening Talk Line'],
    summaries: [
      'A confidential evening phone line for anyone who needs to talk, answered by trained volunteers.',
      'Call to talk things through with a trained listener. No judgement, and no advice unless you ask.',
    ],
    about: [
      'Sometimes you just need someone to listen. Our trained volunteers are there in the evenings for exactly that.',
    ],
    details: [
      'Calls are confidential and you do not have to give your name.',
      'Volunteers will not tell you what to do, but can share information about other support if you ask.',
      "The line is not a crisis service: if you need help urgently, use the 'Need urgent help?' link at the top of this page.",
      'Many volunteers have their own experience of mental ill health.',
    ],
    forWhom: ['Adults who are feeling low, anxious or alone and want someone to talk to'],
    tags: ['listening', 'helpline', 'phone', 'talk', 'lonely', 'emotional support', 'evening'],
    access: ['self-refer'],
    costs: [null],
    slots: [
      ['18:00', '22:00'],
      ['17:00', '23:00'],
    ],
    verb: 'The line is open',
    age: ['adults'],
    coverage: 'phone',
    plan: 'daily',
  },
  'housing-advice': {
    cat: 'housing',
    label: 'housing advice surgeries',
    names: ['{place} Housing Advice Surgery', '{place} Housing Advice Drop-in', 'Housing Help at {venue}'],
    summaries: [
      'Free, independent advice on renting, eviction, disrepair and homelessness from qualified advisers.',
      'Worried about losing your home or having problems with your landlord? Get free advice face to face.',
    ],
    about: [
      'Our advisers help people who are worried about their home, whether they rent privately, from the council or from a housing association.',
    ],
    details: [
      'Advisers can help with eviction notices, rent arrears, repairs, deposits and making a homeless application.',
      'Bring any letters from your landlord or the council, and your tenancy agreement if you have one.',
      'If your case is urgent, for example you have a court date, say so when you arrive and you will be seen first.',
      'Advice is free, confidential and independent of the council and landlords.',
      'Interpreters can be booked for follow-up appointments.',
    ],
    forWhom: [
      'Anyone living in {borough} with a housing problem',
      'Private and social tenants, lodgers and people at risk of homelessness',
    ],
    tags: ['housing', 'eviction', 'homeless', 'homelessness', 'landlord', 'rent', 'repairs', 'tenancy'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['10:00', '13:00'],
      ['14:00', '17:00'],
      ['17:30', '19:30'],
    ],
    days: MON_FRI,
    verb: 'Advisers see people',
    age: ['adults'],
    multi: 0.5,
  },
  'tenancy-support': {
    cat: 'housing',
    label: 'tenancy support',
    names: ['{place} Tenancy Support', '{place} Home Stability Service', '{place} Settle In Service'],
    summaries: [
      'Practical support at home to help you keep your tenancy: bills, repairs, neighbours and paperwork.',
      'A support worker visits you at home to help sort out problems that could put your home at risk.',
    ],
    about: [
      'Our support workers help people who are struggling to manage their home, often alongside their mental health.',
    ],
    details: [
      'Support lasts up to six months and is shaped around what you need.',
      'Workers help with bills, benefits, letters, repairs and getting furniture.',
      'They can go with you to appointments with the council or your landlord.',
      'The service works closely with community mental health teams, so support can be joined up.',
    ],
    forWhom: ['Adults with mental health needs who are at risk of losing their tenancy'],
    tags: ['tenancy', 'housing', 'support worker', 'home visits', 'rent arrears', 'independent living'],
    access: ['referral-needed', 'via-connector'],
    accessDetails: [
      'Referrals come from community mental health teams, GPs, housing officers and community connectors. You can ask any of them to refer you.',
    ],
    costs: [null],
    slots: [],
    verb: 'Visits are arranged',
    age: ['adults'],
    coverage: 'borough-wide',
    plan: 'none',
  },
  'street-outreach': {
    cat: 'housing',
    label: 'street outreach',
    names: ['{place} Street Outreach', '{place} Rough Sleeping Outreach Team'],
    summaries: [
      'Outreach workers who find and help people sleeping rough, with mental health support on the team.',
      'If you or someone you know is sleeping rough, the outreach team can come to you.',
    ],
    about: [
      'Our outreach team goes out early in the morning to find people sleeping rough and help them off the streets.',
    ],
    details: [
      'Workers can arrange emergency accommodation, health care and help with identity documents and benefits.',
      'The team includes a mental health nurse and a peer worker who has experienced homelessness.',
      'Members of the public can tell the team about someone sleeping rough, and they will try to find them.',
      'Support continues once someone has a place to stay, to help it last.',
    ],
    forWhom: ['Adults sleeping rough or at immediate risk of sleeping rough'],
    tags: ['rough sleeping', 'homeless', 'homelessness', 'street', 'outreach', 'housing', 'emergency accommodation'],
    access: ['self-refer'],
    costs: [null],
    slots: [
      ['07:00', '11:00'],
      ['06:30', '10:30'],
    ],
    verb: 'The team is out',
    age: ['adults'],
    coverage: 'borough-wide',
    plan: 'weekdays',
  },
  'housing-helpline': {
    cat: 'housing',
    label: 'a housing advice line',
    names: ['{place} Housing Advice Line', '{place} Housing Helpline'],
    summaries: [
      'Free phone advice on housing problems, from repairs and rent arrears to eviction.',
      'Call a housing adviser for free, confidential advice about your home.',
    ],
    about: ['Our advice line is the quickest way to speak to a housing adviser.'],
    details: [
      'Advisers can explain your rights, help you write to your landlord and tell you what to do next.',
      'If you need more help, they can book you a face-to-face appointment.',
      'Have any letters or notices with you when you call.',
      'Lines are busiest on Monday mornings; afternoons are usually quieter.',
    ],
    forWhom: ['Anyone in {borough} with a question about their home'],
    tags: ['housing', 'helpline', 'phone', 'advice', 'eviction', 'rent', 'landlord'],
    access: ['self-refer'],
    costs: [null],
    slots: [
      ['10:00', '16:00'],
      ['09:30', '13:00'],
    ],
    verb: 'The line is open',
    age: ['adults'],
    coverage: 'phone',
    plan: 'weekdays',
  },
  'debt-advice': {
    cat: 'money',
    label: 'a debt advice clinic',
    names: ['{place} Debt Advice Clinic', '{place} Money and Debt Surgery', 'Debt Help at {venue}'],
    summaries: [
      'Free, confidential debt advice from qualified advisers who can deal with creditors for you.',
      'Struggling with bills or debts? Get free expert advice and a plan you can stick to.',
    ],
    about: [
      'Our advisers help people get back on top of debt, without judgement.',
      'Debt can feel overwhelming, especially when you are unwell. Our advisers have seen it all and can help.',
    ],
    details: [
      'Advisers look at your whole situation, make a budget with you and talk through your options.',
      'They can contact creditors on your behalf and help stop bailiff action.',
      'Bring any letters about debts, and bank statements if you have them.',
      'With your permission, advisers can tell creditors about your mental health so that they treat you fairly.',
      'The service is free and independent; nobody will try to sell you anything.',
    ],
    forWhom: [
      'Adults in {borough} who are worried about debt',
      'Anyone struggling with bills, arrears or money worries',
    ],
    tags: ['debt', 'money', 'bills', 'arrears', 'bailiffs', 'budgeting', 'credit cards', 'council tax'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['10:00', '13:00'],
      ['14:00', '17:00'],
      ['10:00', '16:00'],
    ],
    days: MON_FRI,
    verb: 'The clinic runs',
    age: ['adults'],
    multi: 0.6,
  },
  'benefits-help': {
    cat: 'money',
    sub: 'benefits',
    label: 'benefits advice',
    names: ['{place} Benefits Help Desk', '{place} Benefits Advice Surgery', 'Benefits Check at {venue}'],
    summaries: [
      'Help to check what benefits you can claim, fill in forms and challenge decisions, including PIP and Universal Credit.',
      'Free benefits checks and help with forms, assessments and appeals.',
    ],
    about: [
      'Many people miss out on benefits they are entitled to, and the forms can be daunting. Our advisers can help.',
    ],
    details: [
      'Advisers can do a full benefits check to make sure you are getting everything you are entitled to.',
      'They help with Universal Credit, PIP, ESA, Pension Credit and Council Tax Support forms.',
      'If a decision seems wrong, they can help you ask for it to be looked at again, and with appeals.',
      'Bring your ID, any recent letters about benefits and your bank details.',
      'Appointments can be in person or by phone.',
    ],
    forWhom: ['Adults who need help with benefits, including people with a mental health condition'],
    tags: ['benefits', 'universal credit', 'pip', 'esa', 'pension credit', 'forms', 'appeals', 'money'],
    access: ['self-refer', 'drop-in'],
    costs: [null],
    slots: [
      ['10:00', '13:00'],
      ['13:30', '16:30'],
    ],
    days: MON_FRI,
    verb: 'Advisers are available',
    age: ['adults'],
    multi: 0.4,
  },
  'money-helpline': {
    cat: 'money',
    label: 'a money advice line',
    names: ['{place} Money Advice Line', '{place} Debt and Benefits Helpline', '{place} Money Worries Line'],
    summaries: [
      'A free phone line for advice on debt, benefits and paying the bills.',
      'Talk to a money adviser on the phone about debts, benefits or budgeting.',
    ],
    about: ['Our phone line gives quick, practical advice on money problems.'],
    details: [
      'Advisers can check your benefits, help you prioritise debts and explain what happens next.',
      'If you need ongoing help, they will book you in with a caseworker.',
      'You can ask for a call back at a time that suits you.',
      'Interpreters are available through a telephone interpreting service.',
    ],
    forWhom: ['Adults worried about money, debts or benefits'],
    tags: ['money', 'debt', 'benefits', 'helpline', 'phone', 'bills', 'universal credit'],
    access: ['self-refer'],
    costs: [null],
    slots: [
      ['09:30', '16:30'],
      ['10:00', '15:00'],
    ],
    verb: 'The line is open',
    age: ['adults'],
    coverage: 'phone',
    plan: 'weekdays',
  },
  'energy-advice': {
    cat: 'money',
    also: 'housing',
    label: 'help with energy bills',
    names: ['{place} Fuel and Bills Advice', '{place} Energy Bills Help', 'Warm Homes Advice at {venue}'],
    summaries: [
      'Help with high energy bills and prepayment meters, grants, and keeping your home warm for less.',
      'Advisers help you cut your bills, claim grants and deal with energy debt.',
    ],
    about: ['Energy bills are one of the biggest worries people bring to us.'],
    details: [
      'Advisers can check you are on the right tariff, apply for grants and help with energy debt.',
      'They can help if you keep running out of credit on a prepayment meter.',
      'Bring a recent bill or your meter details.',
      'Draught-proofing kits and radiator reflectors are given out free.',
    ],
    forWhom: ['Households struggling to pay for gas, electricity or water'],
    tags: ['energy', 'bills', 'gas', 'electricity', 'prepayment meter', 'heating', 'fuel poverty', 'cost of living'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['10:00', '12:30'],
      ['13:30', '16:00'],
    ],
    days: MON_FRI,
    freq: [
      ['weekly', 2],
      ['fortnightly', 1],
    ],
    verb: 'Advisers are available',
    age: ['adults'],
  },
  'employment-support': {
    cat: 'work',
    label: 'one-to-one employment support',
    names: ['{place} Work Well', '{place} Employment Support', '{place} Back to Work Coaching'],
    summaries: [
      'One-to-one support to find and keep a job that suits you, alongside your mental health care.',
      'An employment specialist works with you to find paid work, and supports you once you start.',
    ],
    about: [
      'Our employment specialists support people with mental health problems to find paid work, and to keep it.',
      'Work can be good for wellbeing when it is the right job with the right support.',
    ],
    details: [
      'You meet your employment specialist somewhere convenient, such as a cafe or library.',
      'They help with CVs, job searches, applications and interviews, and talk to employers with your permission.',
      'Support continues after you start work, for as long as you need it.',
      'Advisers can work out how your benefits would change if you started work.',
    ],
    forWhom: ['Adults with mental health difficulties who want to work'],
    tags: ['work', 'employment', 'jobs', 'cv', 'interviews', 'career', 'back to work'],
    access: ['referral-needed', 'via-connector', 'self-refer'],
    accessDetails: ['Ask your care coordinator, GP or community connector to refer you.'],
    costs: [null],
    slots: [],
    verb: 'Appointments are arranged',
    age: ['adults'],
    coverage: 'borough-wide',
    plan: 'none',
  },
  'job-club': {
    cat: 'work',
    label: 'a job club',
    names: ['{place} Job Club', '{place} Jobs and Skills Drop-in', 'Work Ready {place}'],
    summaries: [
      'Drop in for help with CVs, job searching and applications, with computers and advisers on hand.',
      'A friendly job club with computers, printing and advisers to help you apply for work.',
    ],
    about: ['The job club is a practical, friendly place to work on finding a job.'],
    details: [
      'Computers, printing and free wifi are available.',
      'Advisers help with CVs, cover letters and online applications, and run practice interviews.',
      'Local employers visit regularly to talk about vacancies.',
      'You can keep coming for as long as you are looking.',
    ],
    forWhom: ['Adults looking for work, including people returning after a long break'],
    tags: ['jobs', 'work', 'cv', 'job search', 'interviews', 'employment', 'computers'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['10:00', '12:30'],
      ['13:30', '16:00'],
    ],
    days: MON_FRI,
    verb: 'The club runs',
    age: ['adults', 'sixteen'],
    multi: 0.4,
  },
  'volunteer-dropin': {
    cat: 'work',
    label: 'a volunteering advice drop-in',
    names: ['{place} Volunteer Centre Drop-in', '{place} Volunteering Advice', 'Find Your Volunteering, {place}'],
    summaries: [
      'Find a volunteering role that suits you, with help to apply and support once you start.',
      'Friendly advice on local volunteering, from gardening to befriending.',
    ],
    about: ['Volunteering is a good way to meet people, learn new skills and feel useful.'],
    details: [
      'Advisers match you with roles that fit your interests, skills and the time you have.',
      'There are short, flexible roles for people who are not ready to commit to something regular.',
      'If you are worried about your mental health affecting volunteering, we can talk through what support would help.',
      'Volunteering does not usually affect benefits, and we can check this for you.',
    ],
    forWhom: ['Adults who would like to volunteer'],
    tags: ['volunteering', 'volunteer', 'skills', 'experience', 'helping', 'community'],
    access: ['drop-in', 'self-refer'],
    costs: [null],
    slots: [
      ['10:00', '13:00'],
      ['14:00', '16:00'],
    ],
    days: MON_FRI,
    freq: [
      ['weekly', 2],
      ['fortnightly', 1],
    ],
    verb: 'Advisers are available',
    age: ['sixteen', 'adults'],
  },
  'carers-coffee': {
    cat: 'carers',
    also: 'cafes',
    label: "a carers' coffee morning",
    names: ["{place} Carers' Coffee Morning", "{place} Carers' Cafe", 'Time for Carers, {place}'],
    summaries: [
      'A friendly break for unpaid carers: coffee, cake and the chance to talk to others who get it.',
      'Meet other carers, share tips and find out about support, over a cup of coffee.',
    ],
    about: [
      'Looking after someone can be lonely and exhausting. Our coffee mornings give carers a break and some company.',
    ],
    details: [
      'Carers share practical tips, from dealing with services to finding time for themselves.',
      "A carers' support worker is on hand to talk about carers' assessments, benefits and breaks.",
      'Sometimes there is a guest speaker, such as a benefits adviser or a pharmacist.',
      'You are welcome to bring the person you care for if you cannot leave them.',
    ],
    forWhom: ['Unpaid carers looking after a relative, partner or friend'],
    tags: ['carers', 'caring', 'coffee morning', 'support', 'break', 'family'],
    access: ['drop-in'],
    costs: [null],
    slots: [
      ['10:00', '12:00'],
      ['10:30', '12:00'],
    ],
    days: MON_SAT,
    freq: [
      ['monthly', 3],
      ['fortnightly', 1],
      ['weekly', 1],
    ],
    verb: 'Carers meet',
    age: ['adults'],
    multi: 0.2,
  },
  'carers-line': {
    cat: 'carers',
    label: 'a carers advice line',
    names: ['{place} Carers Advice Line', '{place} Carers Support Line'],
    summaries: [
      "Phone advice and a listening ear for unpaid carers, including help with carers' assessments.",
      "Call for advice on carers' rights, breaks and benefits, or just to talk.",
    ],
    about: ['If you look after someone, our advice line is there for you, not just the person you care for.'],
    details: [
      "Advisers can explain carers' assessments, Carer's Allowance and how to arrange a break.",
      'They can help you plan for an emergency, so you know what would happen if you became ill.',
      'You can also just call to talk about how you are doing.',
      "Carers of people with mental health problems can be put in touch with a specialist carers' group.",
    ],
    forWhom: ['Unpaid carers of any age'],
    tags: ['carers', 'helpline', 'phone', 'advice', 'carers assessment', 'carers allowance'],
    access: ['self-refer'],
    costs: [null],
    slots: [
      ['09:30', '16:30'],
      ['10:00', '14:00'],
    ],
    verb: 'The line is open',
    age: ['all'],
    coverage: 'phone',
    plan: 'weekdays',
  },
  'young-carers': {
    cat: 'carers',
    label: 'support for young adult carers',
    names: ['{place} Young Adult Carers', '{place} Young Carers Hangout'],
    summaries: [
      'Support, breaks and fun for young adult carers aged 16 to 25.',
      'A group for 16 to 25 year olds who help look after someone at home.',
    ],
    about: [
      'Young adult carers often juggle college, work and caring, and can miss out on things their friends take for granted.',
    ],
    details: [
      'The group meets for activities, trips and food, and a chance to forget about caring for a while.',
      'Workers can help with college, work and talking to professionals about the person you care for.',
      'One-to-one support is available too.',
      'Many members care for a parent with a mental health condition.',
    ],
    forWhom: ['Young people aged 16 to 25 who help care for a family member'],
    tags: ['young carers', 'carers', 'young people', '16-25', 'family', 'support'],
    access: ['self-refer', 'referral-needed'],
    costs: [null],
    slots: [
      ['17:00', '19:00'],
      ['16:00', '18:00'],
    ],
    days: MON_FRI,
    freq: [
      ['fortnightly', 2],
      ['weekly', 1],
    ],
    verb: 'The group meets',
    age: ['young'],
  },
  'carers-timeout': {
    cat: 'carers',
    also: 'wellbeing',
    label: 'relaxation sessions for carers',
    names: ["{place} Carers' Time Out", "Carers' Pamper Afternoon, {place}", "{place} Carers' Wellbeing Session"],
    summaries: [
      'Time for yourself: relaxation, hand massage and mindfulness for unpaid carers.',
      'A calm afternoon of relaxation and treats for people who spend their lives caring for others.',
    ],
    about: ['Carers spend so much time looking after other people that their own wellbeing often comes last.'],
    details: [
      'Sessions include relaxation, gentle hand massage and time to talk.',
      'The therapists are experienced in working with carers and people under stress.',
      'Places are limited, so please book ahead.',
      'If you need someone to sit with the person you care for, ask us about replacement care.',
    ],
    forWhom: ['Unpaid adult carers'],
    tags: ['carers', 'relaxation', 'massage', 'wellbeing', 'break', 'self-care', 'respite'],
    access: ['self-refer'],
    costs: [null, "£5 a session, free for carers who get Carer's Allowance"],
    slots: [
      ['13:00', '15:30'],
      ['10:00', '12:30'],
    ],
    days: MON_SAT,
    freq: [['monthly', 1]],
    verb: 'Sessions run',
    age: ['adults'],
  },
  mindfulness: {
    cat: 'wellbeing',
    label: 'mindfulness sessions',
    names: ['{place} Mindfulness Drop-in', '{place} Mindful Mornings', 'Breathing Space {place}'],
    summaries: [
      'Learn simple mindfulness and breathing practices to manage stress, in a calm and friendly group.',
      'A guided mindfulness session to help with stress and racing thoughts. Beginners welcome.',
    ],
    about: [
      'Mindfulness means paying attention to the present moment, and it can help people manage stress, worry and low mood.',
    ],
    details: [
      'Each session includes a short guided practice, a chance to share experiences and ideas to try at home.',
      'You sit on a chair; no cushions or special clothes are needed.',
      'The teacher is trained to teach mindfulness to people with mental health difficulties and keeps things gentle.',
      'Mindfulness is not right for everyone at every time; the teacher is happy to talk this through with you.',
    ],
    forWhom: ['Adults who want to manage stress, worry or low mood'],
    tags: ['mindfulness', 'meditation', 'breathing', 'stress', 'anxiety', 'calm', 'relaxation'],
    access: ['drop-in', 'self-refer', 'via-connector'],
    costs: [null, '£3 a session, or pay what you can'],
    slots: [
      ['10:00', '11:00'],
      ['12:30', '13:15'],
      ['18:30', '19:30'],
    ],
    days: MON_SAT,
    verb: 'Sessions run',
    age: ['adults', 'sixteen'],
    online: 0.3,
  },
  'mindfulness-online': {
    cat: 'wellbeing',
    label: 'online mindfulness courses',
    names: ['{place} Mindfulness Online', '{place} Calm at Home Course', 'Lunchtime Mindfulness Online ({place})'],
    summaries: [
      'An eight-week mindfulness course by video call, with short recorded practices for the days in between.',
      'Guided mindfulness by video call, for people who would rather learn from home.',
    ],
    about: ['This online course teaches mindfulness skills for everyday life, one week at a time.'],
    details: [
      'Each weekly session includes a guided practice and time to talk about how it went.',
      'Short recordings are sent out so you can practise between sessions.',
      'You can join with your camera off.',
      'Before you start, a teacher will call you to check the course is right for you at the moment.',
    ],
    forWhom: ['Adults who want to learn mindfulness from home'],
    tags: ['mindfulness', 'meditation', 'online', 'course', 'stress', 'anxiety', 'from home'],
    access: ['self-refer', 'via-connector'],
    costs: [null],
    slots: [
      ['12:30', '13:30'],
      ['19:00', '20:00'],
    ],
    days: MON_FRI,
    verb: 'The course meets',
    age: ['adults'],
    coverage: 'online',
    accessDetails: ['Book a place online; new courses start every couple of months and places fill quickly.'],
  },
  'recovery-courses': {
    cat: 'wellbeing',
    also: 'peer-support',
    label: 'recovery college courses',
    names: ['{place} Recovery Learning Courses', '{place} Recovery College', 'Learning for Recovery, {place}'],
    summaries: [
      'Free courses on understanding and managing mental health, co-taught by trainers with lived experience.',
      'Short courses on topics like sleep, anxiety and building confidence, in person and online.',
    ],
    about: [
      'Our recovery college runs free courses about mental health and wellbeing, taught by a trainer with lived experience alongside a professional.',
      'Recovery college courses are about learning, not treatment: you enrol as a student, not a patient.',
    ],
    details: [
      'Courses run over one to six sessions and cover topics such as sleep, managing anxiety and planning your recovery.',
      'Family members, carers and staff can enrol too.',
      'A new prospectus is published each term.',
      'You choose which courses to take and how many.',
    ],
    forWhom: ['Adults with mental health difficulties, their families and carers'],
    tags: ['recovery college', 'courses', 'learning', 'mental health', 'education', 'wellbeing', 'recovery'],
    access: ['self-refer', 'via-connector'],
    accessDetails: [
      'Enrol online or by phone; a learning adviser will have a short chat with you before your first course.',
    ],
    costs: [null],
    slots: [
      ['10:30', '12:30'],
      ['14:00', '16:00'],
      ['18:00', '19:30'],
    ],
    days: MON_FRI,
    verb: 'Courses run',
    age: ['adults'],
    multi: 0.6,
    online: 0.7,
    notes: ['Term time only'],
  },
  'stress-workshop': {
    cat: 'wellbeing',
    label: 'stress and sleep workshops',
    names: ['{place} Managing Stress Workshops', '{place} Sleep Better Workshop', 'Stress Less, {place}'],
    summaries: [
      'A short series of workshops on coping with stress, worry and poor sleep, with practical tools to take away.',
      'Learn practical ways to manage stress and sleep better in a friendly workshop.',
    ],
    about: ['These workshops teach practical, evidence-based ways to manage stress and sleep better.'],
    details: [
      'Each workshop covers one topic, such as worry, sleep or relaxation, and comes with a short handout.',
      'You do not have to talk about yourself in the group.',
      'The workshops are led by a wellbeing practitioner.',
      'Workshops run in blocks of four; you can come to one or all of them.',
    ],
    forWhom: ['Adults who feel stressed, anxious or exhausted and want practical help'],
    tags: ['stress', 'sleep', 'anxiety', 'worry', 'workshop', 'wellbeing', 'relaxation'],
    access: ['self-refer', 'via-connector'],
    costs: [null],
    slots: [
      ['18:00', '19:30'],
      ['12:00', '13:30'],
    ],
    days: ['monday', 'tuesday', 'wednesday', 'thursday'],
    freq: [
      ['monthly', 1],
      ['weekly', 1],
    ],
    verb: 'Workshops run',
    age: ['adults'],
    online: 0.3,
  },
  'da-helpline': {
    cat: 'wellbeing',
    also: 'housing',
    label: 'a domestic abuse advice line',
    names: ['{place} Domestic Abuse Advice Line', '{place} Safe Talk Line'],
    summaries: [
      'Confidential phone advice for anyone affected by domestic abuse, including help to plan for safety.',
      'Talk to a specialist domestic abuse worker in confidence about your options.',
    ],
    about: ['Our advice line is for anyone experiencing domestic abuse, or worried about someone who is.'],
    details: [
      'Workers can help you think through your options and make a safety plan.',
      'They can arrange refuge space, legal advice and support at court.',
      'Calls are confidential, and we will never contact you unless you tell us it is safe to.',
      'If you are in immediate danger, call 999. If you cannot speak, stay on the line and press 55 when asked.',
    ],
    forWhom: ['Anyone aged 16 and over affected by domestic abuse, and people worried about someone'],
    tags: ['domestic abuse', 'domestic violence', 'helpline', 'safety', 'refuge', 'coercive control', 'women'],
    access: ['self-refer'],
    costs: [null],
    slots: [['09:00', '17:00']],
    verb: 'The line is open',
    age: ['sixteen'],
    coverage: 'phone',
    plan: 'weekdays',
  },
};

// ---------------------------------------------------------------------------------------------
// Organisations (all fictional)
// ---------------------------------------------------------------------------------------------

type OrgType = 'charity' | 'faith' | 'library' | 'cic' | 'group';

type OrgSpec = {
  name: string;
  /** An area key, or a whole partnership (or both) for phone and online services. */
  area: string;
  type: OrgType;
  /** "Venue name@Neighbourhood"; a leading "!" marks a confidential address. */
  venues: readonly string[];
  kinds: readonly string[];
  /** Words people search for this kind of faith centre. */
  faith?: readonly string[];
  /** Languages the organisation works in besides English (else drawn from the area). */
  languages?: readonly string[];
};

const orgSpecs: readonly OrgSpec[] = [
  // Haringey
  {
    name: 'Tottenham Tea and Talk Collective',
    area: 'haringey',
    type: 'group',
    venues: ['Bruce Grove Community Rooms@Bruce Grove'],
    kinds: ['cuppa-club', 'games-afternoon', 'knit-and-natter'],
  },
  {
    name: 'West Green Community Church',
    area: 'haringey',
    type: 'faith',
    venues: ['West Green Church Hall@West Green'],
    kinds: ['faith-drop-in', 'community-meal', 'choir'],
    faith: ['church', 'christian'],
  },
  {
    name: 'Noel Park Islamic Community Centre',
    area: 'haringey',
    type: 'faith',
    venues: ['Noel Park Islamic Community Centre@Noel Park'],
    kinds: ['womens-circle', 'faith-drop-in', 'benefits-help'],
    faith: ['mosque', 'masjid', 'muslim'],
    languages: ['Turkish', 'Somali', 'Arabic'],
  },
  {
    name: 'Northside Peer Network',
    area: 'haringey',
    type: 'charity',
    venues: ['Northside Wellbeing Rooms@Wood Green'],
    kinds: ['peer-support', 'hearing-voices', 'young-peer'],
  },
  {
    name: 'Crouch End Singers Trust',
    area: 'haringey',
    type: 'group',
    venues: ['Hornsey Vale Hall@Crouch End'],
    kinds: ['choir', 'ukulele'],
  },
  {
    name: 'Seven Sisters Football for Wellbeing',
    area: 'haringey',
    type: 'cic',
    venues: ['Sisters Road Sports Pavilion@Seven Sisters'],
    kinds: ['football', 'walking'],
  },
  {
    name: 'Muswell Hill Growing Together',
    area: 'haringey',
    type: 'group',
    venues: ['Fortis Green Community Orchard@Muswell Hill'],
    kinds: ['community-garden', 'allotment'],
  },
  {
    name: 'Haringey Housing Rights Project',
    area: 'haringey',
    type: 'charity',
    venues: ['Housing Rights Centre@Wood Green'],
    kinds: ['housing-advice', 'tenancy-support', 'housing-helpline'],
  },
  {
    name: 'Tottenham Money Advice Centre',
    area: 'haringey',
    type: 'charity',
    venues: ['High Road Advice Centre@Tottenham', 'Northumberland Park Outreach Room@Northumberland Park'],
    kinds: ['debt-advice', 'energy-advice'],
  },
  {
    name: 'Highgate Reading Rooms',
    area: 'haringey',
    type: 'library',
    venues: ['Highgate Reading Rooms@Highgate'],
    kinds: ['reading-group', 'shared-reading', 'digital-help'],
  },
  {
    name: 'Hornsey Arts Exchange',
    area: 'haringey',
    type: 'cic',
    venues: ['Hornsey Arts Exchange Studio@Hornsey'],
    kinds: ['art-studio', 'clay-club', 'writers-table'],
  },
  {
    name: 'Haringey Carers Circle',
    area: 'haringey',
    type: 'charity',
    venues: ['Carers Circle Hub@Tottenham'],
    kinds: ['carers-coffee', 'young-carers', 'carers-line'],
  },
  {
    name: 'Anatolia House Community Centre',
    area: 'haringey',
    type: 'charity',
    venues: ['Anatolia House@Harringay'],
    kinds: ['community-dropin', 'esol', 'lunch-club'],
    languages: ['Turkish', 'Kurdish'],
  },

  // Enfield
  {
    name: "Enfield Men's Shed",
    area: 'enfield',
    type: 'group',
    venues: ['The Shed at Alma Yard@Ponders End'],
    kinds: ['mens-shed', 'repair-cafe'],
  },
  {
    name: 'Edmonton Green Community Kitchen',
    area: 'enfield',
    type: 'charity',
    venues: ['Edmonton Green Community Kitchen@Edmonton Green'],
    kinds: ['community-meal', 'food-pantry', 'lunch-club'],
  },
  {
    name: 'Green Lanes Stitchers',
    area: 'enfield',
    type: 'group',
    venues: ['Aldermans Hall@Palmers Green'],
    kinds: ['knit-and-natter', 'sewing-circle'],
    languages: ['Greek', 'Turkish'],
  },
  {
    name: 'Lea Valley Growers',
    area: 'enfield',
    type: 'group',
    venues: ['Lockside Allotments@Enfield Lock'],
    kinds: ['allotment', 'conservation', 'wild-walks'],
  },
  {
    name: 'Enfield Chase Reading Rooms',
    area: 'enfield',
    type: 'library',
    venues: ['Chase Side Reading Rooms@Enfield Town'],
    kinds: ['reading-group', 'library-chess', 'wellbeing-corner'],
  },
  {
    name: 'Southgate Strollers',
    area: 'enfield',
    type: 'group',
    venues: ['Southgate Green Pavilion@Southgate'],
    kinds: ['walking', 'tai-chi'],
  },
  {
    name: 'North Circular Advice Centre',
    area: 'enfield',
    type: 'charity',
    venues: ['North Circular Advice Centre@Upper Edmonton'],
    kinds: ['debt-advice', 'benefits-help', 'money-helpline'],
  },
  {
    name: 'Enfield Carers Network',
    area: 'enfield',
    type: 'charity',
    venues: ['Carers Network Rooms@Enfield Town'],
    kinds: ['carers-coffee', 'carers-timeout', 'carers-line'],
  },
  {
    name: 'Lee Valley Work Well',
    area: 'enfield',
    type: 'charity',
    venues: ['Work Well Hub@Enfield Town'],
    kinds: ['employment-support', 'job-club', 'volunteer-dropin'],
  },
  {
    name: "Safe Haven Women's Aid",
    area: 'enfield',
    type: 'charity',
    venues: ["!Safe Haven women's centre (confidential address)@Edmonton Green"],
    kinds: ['womens-support', 'da-helpline'],
  },
  {
    name: 'Chase Side Sangat Centre',
    area: 'enfield',
    type: 'faith',
    venues: ['Chase Side Sangat Centre@Enfield Chase'],
    kinds: ['community-meal', 'faith-drop-in'],
    faith: ['gurdwara', 'sikh', 'langar'],
    languages: ['Punjabi'],
  },
  {
    name: 'Bush Hill Park Active Club',
    area: 'enfield',
    type: 'group',
    venues: ['Bush Hill Park Sports Hall@Bush Hill Park'],
    kinds: ['table-tennis', 'chair-yoga'],
  },

  // Barnet
  {
    name: 'Barnet Friendship Line',
    area: 'barnet',
    type: 'charity',
    venues: ['Friendship House@Friern Barnet'],
    kinds: ['befriending', 'befriending-phone', 'lunch-club'],
  },
  {
    name: 'Finchley Community Choir Trust',
    area: 'barnet',
    type: 'group',
    venues: ['Ballards Lane Hall@Finchley Central'],
    kinds: ['choir', 'music-jam'],
  },
  {
    name: 'Colindale Community Hub',
    area: 'barnet',
    type: 'charity',
    venues: ['Colindale Community Hub@Colindale'],
    kinds: ['community-dropin', 'digital-help', 'conversation-cafe', 'food-pantry'],
  },
  {
    name: 'Hendon Community Shul',
    area: 'barnet',
    type: 'faith',
    venues: ['Hendon Community Shul Hall@Hendon'],
    kinds: ['faith-drop-in', 'lunch-club', 'quiet-hour'],
    faith: ['synagogue', 'shul', 'jewish'],
    languages: ['Hebrew'],
  },
  {
    name: "Mill Hill Gardeners' Guild",
    area: 'barnet',
    type: 'group',
    venues: ['Ridgeway Community Garden@Mill Hill'],
    kinds: ['community-garden', 'conservation'],
  },
  {
    name: 'North London Recovery Learning Centre',
    area: 'barnet',
    type: 'charity',
    venues: ['Recovery Learning Centre@North Finchley'],
    kinds: ['recovery-courses', 'mindfulness', 'stress-workshop'],
  },
  {
    name: "Burnt Oak Young People's Studio",
    area: 'barnet',
    type: 'cic',
    venues: ['Watling Youth Studio@Burnt Oak'],
    kinds: ['beats-and-bars', 'boxercise', 'young-peer'],
  },
  {
    name: "Edgware Tenants' Advice Project",
    area: 'barnet',
    type: 'charity',
    venues: ['Station Road Advice Rooms@Edgware'],
    kinds: ['housing-advice', 'tenancy-support'],
  },
  {
    name: 'East Finchley Arts Cellar',
    area: 'barnet',
    type: 'cic',
    venues: ['The Arts Cellar@East Finchley'],
    kinds: ['art-studio', 'photo-walks', 'writers-table'],
  },
  {
    name: 'High Barnet Carers Together',
    area: 'barnet',
    type: 'group',
    venues: ['Wood Street Rooms@High Barnet'],
    kinds: ['carers-coffee', 'carers-timeout'],
  },
  {
    name: 'Golders Green Wellbeing Cafe',
    area: 'barnet',
    type: 'group',
    venues: ['Finchley Road Community Cafe@Golders Green'],
    kinds: ['wellbeing-cafe', 'conversation-cafe'],
  },
  {
    name: 'Totteridge Lane Sports Association',
    area: 'barnet',
    type: 'group',
    venues: ['Totteridge Lane Pavilion@Whetstone'],
    kinds: ['table-tennis', 'football', 'walking'],
  },

  // Camden
  {
    name: 'Kentish Town Community Centre Association',
    area: 'camden',
    type: 'charity',
    venues: ['Kentish Town Community Centre@Kentish Town'],
    kinds: ['community-dropin', 'lunch-club', 'warm-space', 'digital-help'],
  },
  {
    name: 'Somers Town Neighbours',
    area: 'camden',
    type: 'group',
    venues: ['Somers Town Neighbourhood Hall@Somers Town'],
    kinds: ['cuppa-club', 'community-garden', 'games-afternoon'],
  },
  {
    name: 'Camden Voices Choir',
    area: 'camden',
    type: 'group',
    venues: ['Camden Town Assembly Rooms@Camden Town'],
    kinds: ['choir', 'drumming'],
  },
  {
    name: 'Heath and Hampstead Nature Volunteers',
    area: 'camden',
    type: 'group',
    venues: ['Heath Edge Field Centre@Hampstead'],
    kinds: ['conservation', 'wild-walks'],
  },
  {
    name: 'Kilburn Peer Support Network',
    area: 'camden',
    type: 'charity',
    venues: ['Kilburn Peer Hub@Kilburn'],
    kinds: ['peer-support', 'mens-talk', 'mood-matters'],
  },
  {
    name: 'Bloomsbury Reading Rooms',
    area: 'camden',
    type: 'library',
    venues: ['Bloomsbury Reading Rooms@Bloomsbury'],
    kinds: ['shared-reading', 'reading-group', 'wellbeing-corner'],
  },
  {
    name: "King's Cross Work and Skills",
    area: 'camden',
    type: 'charity',
    venues: ["King's Cross Skills Centre@King's Cross"],
    kinds: ['job-club', 'employment-support', 'volunteer-dropin'],
  },
  {
    name: 'Camden Money Matters',
    area: 'camden',
    type: 'charity',
    venues: ['Money Matters Advice Rooms@Camden Town', 'Gospel Oak Advice Point@Gospel Oak'],
    kinds: ['debt-advice', 'benefits-help'],
  },
  {
    name: 'Gospel Oak Islamic Cultural Centre',
    area: 'camden',
    type: 'faith',
    venues: ['Gospel Oak Islamic Cultural Centre@Gospel Oak'],
    kinds: ['womens-circle', 'faith-drop-in', 'community-meal'],
    faith: ['mosque', 'masjid', 'muslim'],
    languages: ['Bengali', 'Somali', 'Arabic'],
  },
  {
    name: 'Fitzrovia Clay and Print Studio',
    area: 'camden',
    type: 'cic',
    venues: ['Fitzrovia Clay and Print Studio@Fitzrovia'],
    kinds: ['clay-club', 'art-studio'],
  },
  {
    name: 'Swiss Cottage Swim and Stretch',
    area: 'camden',
    type: 'group',
    venues: ['Swiss Cottage Community Pool@Swiss Cottage'],
    kinds: ['quiet-swim', 'chair-yoga'],
  },
  {
    name: 'Camden Young Carers Project',
    area: 'camden',
    type: 'charity',
    venues: ['Young Carers Base@Holborn'],
    kinds: ['young-carers', 'carers-line'],
  },

  // Islington
  {
    name: 'Archway Cuppa Collective',
    area: 'islington',
    type: 'group',
    venues: ['Archway Methodist Hall@Archway'],
    kinds: ['cuppa-club', 'knit-and-natter'],
  },
  {
    name: 'Holloway Fellowship Church',
    area: 'islington',
    type: 'faith',
    venues: ['Holloway Fellowship Church@Holloway'],
    kinds: ['faith-drop-in', 'community-meal', 'quiet-hour'],
    faith: ['church', 'christian', 'chapel'],
  },
  {
    name: 'Highbury Peer Circle',
    area: 'islington',
    type: 'charity',
    venues: ['Highbury Peer Rooms@Highbury'],
    kinds: ['hearing-voices', 'peer-support', 'peer-online'],
  },
  {
    name: 'Finsbury Park Football Friends',
    area: 'islington',
    type: 'cic',
    venues: ['Finsbury Park Sports Hut@Finsbury Park'],
    kinds: ['football', 'boxercise', 'cycling'],
  },
  {
    name: 'Angel Community Singers',
    area: 'islington',
    type: 'group',
    venues: ['Chapel Market Rooms@Angel'],
    kinds: ['choir', 'ukulele', 'music-jam'],
  },
  {
    name: 'Barnsbury Growing Spaces',
    area: 'islington',
    type: 'group',
    venues: ['Barnsbury Wildlife Garden@Barnsbury'],
    kinds: ['community-garden', 'allotment'],
  },
  {
    name: 'Caledonian Housing Advice',
    area: 'islington',
    type: 'charity',
    venues: ['Caledonian Advice Centre@Holloway'],
    kinds: ['housing-advice', 'housing-helpline', 'tenancy-support'],
  },
  {
    name: 'Clerkenwell Money Advice',
    area: 'islington',
    type: 'charity',
    venues: ['Clerkenwell Advice Rooms@Clerkenwell'],
    kinds: ['debt-advice', 'energy-advice', 'benefits-help'],
  },
  {
    name: "St Luke's Community Kitchen",
    area: 'islington',
    type: 'charity',
    venues: ["St Luke's Community Kitchen@St Luke's"],
    kinds: ['lunch-club', 'food-pantry', 'warm-space'],
  },
  {
    name: 'Canonbury Writers and Readers',
    area: 'islington',
    type: 'library',
    venues: ['Canonbury Reading Room@Canonbury'],
    kinds: ['reading-group', 'writers-table', 'library-chess'],
  },
  {
    name: 'Highbury Carers Corner',
    area: 'islington',
    type: 'charity',
    venues: ['Carers Corner@Highbury'],
    kinds: ['carers-coffee', 'carers-timeout'],
  },
  {
    name: 'Bunhill Wellbeing Studio',
    area: 'islington',
    type: 'cic',
    venues: ['Bunhill Wellbeing Studio@Bunhill'],
    kinds: ['mindfulness', 'tai-chi', 'stress-workshop'],
  },

  // City and Hackney
  {
    name: 'Ridley Road Conversation Club',
    area: 'city-and-hackney',
    type: 'group',
    venues: ['Dalston Junction Community Room@Dalston'],
    kinds: ['conversation-cafe', 'cuppa-club'],
  },
  {
    name: 'Newington Green Anatolian Centre',
    area: 'city-and-hackney',
    type: 'charity',
    venues: ['Anatolian Centre@Stoke Newington'],
    kinds: ['community-dropin', 'womens-circle', 'esol'],
    languages: ['Turkish', 'Kurdish'],
  },
  {
    name: 'Stamford Hill Neighbourhood Welfare',
    area: 'city-and-hackney',
    type: 'faith',
    venues: ['Stamford Hill Welfare Hall@Stamford Hill'],
    kinds: ['faith-drop-in', 'lunch-club'],
    faith: ['synagogue', 'jewish', 'shul'],
    languages: ['Yiddish', 'Hebrew'],
  },
  {
    name: 'Hackney Marshes Kickabout',
    area: 'city-and-hackney',
    type: 'cic',
    venues: ['Marshside Pavilion@Hackney Wick'],
    kinds: ['football', 'cycling', 'walking'],
  },
  {
    name: 'Clapton Creative Workshop',
    area: 'city-and-hackney',
    type: 'cic',
    venues: ['Clapton Creative Workshop@Clapton'],
    kinds: ['art-studio', 'sewing-circle', 'photo-walks'],
  },
  {
    name: 'Homerton Growing Garden',
    area: 'city-and-hackney',
    type: 'group',
    venues: ['Homerton Growing Garden@Homerton'],
    kinds: ['community-garden', 'wild-walks'],
  },
  {
    name: 'Fields Peer Network',
    area: 'city-and-hackney',
    type: 'charity',
    venues: ['Fields Peer Hub@London Fields'],
    kinds: ['peer-support', 'young-peer', 'mens-talk'],
  },
  {
    name: 'Mare Street Money Advice',
    area: 'city-and-hackney',
    type: 'charity',
    venues: ['Mare Street Advice Centre@Hackney Central'],
    kinds: ['debt-advice', 'benefits-help', 'money-helpline'],
  },
  {
    name: 'Shoreditch Work Well',
    area: 'city-and-hackney',
    type: 'charity',
    venues: ['Shoreditch Work Well Office@Shoreditch'],
    kinds: ['employment-support', 'volunteer-dropin', 'job-club'],
  },
  {
    name: 'City Reading Rooms',
    area: 'city-and-hackney',
    type: 'library',
    venues: ['City Reading Rooms@Barbican'],
    kinds: ['shared-reading', 'reading-group', 'wellbeing-corner'],
  },
  {
    name: 'Square Mile Street Outreach',
    area: 'city-and-hackney',
    type: 'charity',
    venues: ['Outreach Day Centre@Smithfield'],
    kinds: ['street-outreach', 'housing-advice'],
  },
  {
    name: "Lighthouse Women's Space",
    area: 'city-and-hackney',
    type: 'charity',
    venues: ["!Lighthouse women's group venue (confidential address)@Homerton"],
    kinds: ['womens-support'],
  },
  {
    name: 'Clapton Carers Collective',
    area: 'city-and-hackney',
    type: 'charity',
    venues: ['Carers Collective Rooms@Clapton'],
    kinds: ['carers-coffee', 'young-carers'],
  },
  {
    name: 'Fleet Street Quiet Garden Trust',
    area: 'city-and-hackney',
    type: 'faith',
    venues: ['Bride Lane Chapel@Fleet Street'],
    kinds: ['quiet-hour', 'mindfulness'],
    faith: ['church', 'chapel', 'christian'],
  },
  {
    name: 'Hackney Community Singers',
    area: 'city-and-hackney',
    type: 'group',
    venues: ['Church Street Community Hall@Stoke Newington'],
    kinds: ['choir', 'ukulele'],
  },

  // Newham
  {
    name: 'Newham Safe Spaces',
    area: 'newham',
    type: 'charity',
    venues: ['!Safe Spaces group room (confidential address)@Forest Gate'],
    kinds: ['womens-support', 'da-helpline'],
    languages: ['Bengali', 'Urdu', 'Punjabi'],
  },
  {
    name: 'Forest Gate Community Choir',
    area: 'newham',
    type: 'group',
    venues: ['Woodgrange Hall@Forest Gate'],
    kinds: ['choir', 'drumming'],
  },
  {
    name: 'Manor Park Community Welfare Association',
    area: 'newham',
    type: 'charity',
    venues: ['Manor Park Welfare Centre@Manor Park'],
    kinds: ['community-dropin', 'lunch-club', 'benefits-help'],
    languages: ['Bengali', 'Urdu', 'Gujarati'],
  },
  {
    name: 'High Street North Sangat',
    area: 'newham',
    type: 'faith',
    venues: ['High Street North Sangat@East Ham'],
    kinds: ['community-meal', 'faith-drop-in'],
    faith: ['gurdwara', 'sikh', 'langar'],
    languages: ['Punjabi'],
  },
  {
    name: 'Plaistow Park Cricket and Fitness',
    area: 'newham',
    type: 'cic',
    venues: ['Plaistow Park Sports Hall@Plaistow'],
    kinds: ['cricket', 'boxercise'],
  },
  {
    name: 'Canning Town Allotment Friends',
    area: 'newham',
    type: 'group',
    venues: ['Barking Road Allotments@Canning Town'],
    kinds: ['allotment', 'community-garden'],
  },
  {
    name: 'Beckton Peer Support Hub',
    area: 'newham',
    type: 'charity',
    venues: ['Beckton Peer Hub@Beckton'],
    kinds: ['peer-support', 'mood-matters', 'peer-online'],
  },
  {
    name: 'Royal Docks Money Advice',
    area: 'newham',
    type: 'charity',
    venues: ['Royal Docks Advice Centre@Custom House', 'Canning Town Advice Point@Canning Town'],
    kinds: ['debt-advice', 'energy-advice', 'money-helpline'],
  },
  {
    name: 'Stratford Jobs and Volunteering Hub',
    area: 'newham',
    type: 'charity',
    venues: ['Stratford Jobs Hub@Stratford'],
    kinds: ['job-club', 'employment-support', 'esol'],
  },
  {
    name: 'Upton Park Carers Circle',
    area: 'newham',
    type: 'group',
    venues: ['Green Street Community Rooms@Upton Park'],
    kinds: ['carers-coffee', 'carers-timeout'],
  },
  {
    name: 'Stratford Reading Rooms',
    area: 'newham',
    type: 'library',
    venues: ['Stratford Reading Rooms@Stratford'],
    kinds: ['reading-group', 'digital-help', 'library-chess'],
  },
  {
    name: 'Newham Homes Advice Project',
    area: 'newham',
    type: 'charity',
    venues: ['Homes Advice Centre@East Ham'],
    kinds: ['housing-advice', 'street-outreach', 'tenancy-support'],
  },
  {
    name: 'West Ham Tamil Temple Community',
    area: 'newham',
    type: 'faith',
    venues: ['West Ham Temple Community Hall@West Ham'],
    kinds: ['community-meal', 'womens-circle'],
    faith: ['temple', 'mandir', 'hindu'],
    languages: ['Tamil', 'Gujarati'],
  },

  // Tower Hamlets
  {
    name: 'Bow Allotment Friends',
    area: 'tower-hamlets',
    type: 'group',
    venues: ['Bow Common Allotments@Bow'],
    kinds: ['allotment', 'conservation'],
  },
  {
    name: "Whitechapel Women's Wellbeing Circle",
    area: 'tower-hamlets',
    type: 'charity',
    venues: ["Whitechapel Women's Centre@Whitechapel"],
    kinds: ['womens-circle', 'sewing-circle', 'mindfulness'],
    languages: ['Bengali', 'Sylheti', 'Somali'],
  },
  {
    name: 'Stepney Community Masjid',
    area: 'tower-hamlets',
    type: 'faith',
    venues: ['Stepney Community Masjid@Stepney'],
    kinds: ['faith-drop-in', 'community-meal', 'quiet-hour'],
    faith: ['mosque', 'masjid', 'muslim'],
    languages: ['Bengali', 'Sylheti', 'Urdu'],
  },
  {
    name: 'Poplar Riverside Community Centre',
    area: 'tower-hamlets',
    type: 'charity',
    venues: ['Poplar Riverside Community Centre@Poplar'],
    kinds: ['community-dropin', 'warm-space', 'digital-help', 'food-pantry'],
  },
  {
    name: 'Millwall Dock Paddlers',
    area: 'tower-hamlets',
    type: 'cic',
    venues: ['Millwall Dock Boathouse@Isle of Dogs'],
    kinds: ['paddle', 'walking'],
  },
  {
    name: 'Mile End Music Space',
    area: 'tower-hamlets',
    type: 'cic',
    venues: ['Mile End Music Space@Mile End'],
    kinds: ['music-jam', 'beats-and-bars', 'ukulele'],
  },
  {
    name: 'Cambridge Heath Peer Collective',
    area: 'tower-hamlets',
    type: 'charity',
    venues: ['Cambridge Heath Peer Rooms@Bethnal Green'],
    kinds: ['peer-support', 'hearing-voices', 'young-peer'],
  },
  {
    name: 'Limehouse Money Advice Centre',
    area: 'tower-hamlets',
    type: 'charity',
    venues: ['Limehouse Advice Centre@Limehouse'],
    kinds: ['debt-advice', 'benefits-help', 'energy-advice'],
  },
  {
    name: 'Shadwell Carers Group',
    area: 'tower-hamlets',
    type: 'group',
    venues: ['Cable Street Rooms@Shadwell'],
    kinds: ['carers-coffee', 'carers-line'],
  },
  {
    name: 'Wapping Wellbeing Walkers',
    area: 'tower-hamlets',
    type: 'group',
    venues: ['Wapping Woods Meeting Point@Wapping'],
    kinds: ['walking', 'tai-chi'],
  },
  {
    name: 'Bromley-by-Bow Work Well',
    area: 'tower-hamlets',
    type: 'charity',
    venues: ['Work Well Rooms@Bromley-by-Bow'],
    kinds: ['employment-support', 'volunteer-dropin', 'esol'],
  },
  {
    name: 'Tower Hamlets Housing Advice Network',
    area: 'tower-hamlets',
    type: 'charity',
    venues: ['Housing Advice Network Office@Whitechapel'],
    kinds: ['housing-advice', 'housing-helpline'],
  },

  // Across a partnership (phone and online)
  {
    name: 'North London Listening Line',
    area: 'north',
    type: 'charity',
    venues: [],
    kinds: ['listening-line', 'befriending-phone'],
  },
  {
    name: 'East London Peer Online',
    area: 'east',
    type: 'charity',
    venues: [],
    kinds: ['peer-online', 'mindfulness-online'],
  },
  { name: 'Two Partnerships Carers Line', area: 'both', type: 'charity', venues: [], kinds: ['carers-line'] },
  {
    name: 'Open Minds Online College',
    area: 'both',
    type: 'charity',
    venues: [],
    kinds: ['mindfulness-online', 'peer-online'],
  },
  {
    name: 'East London Money Helpline',
    area: 'east',
    type: 'charity',
    venues: [],
    kinds: ['money-helpline', 'listening-line'],
  },

  // Luton
  {
    name: 'Bury Park Community Kitchen',
    area: 'luton',
    type: 'group',
    venues: ['Bury Park Community Kitchen@Bury Park'],
    kinds: ['community-meal', 'cuppa-club', 'food-pantry'],
    languages: ['Urdu', 'Punjabi', 'Bengali'],
  },
  {
    name: 'Dallow Road Masjid Community Project',
    area: 'luton',
    type: 'faith',
    venues: ['Dallow Road Masjid Community Hall@Dallow'],
    kinds: ['faith-drop-in', 'womens-circle', 'benefits-help'],
    faith: ['mosque', 'masjid', 'muslim'],
    languages: ['Urdu', 'Punjabi', 'Bengali'],
  },
  {
    name: 'High Town Peer Network',
    area: 'luton',
    type: 'charity',
    venues: ['High Town Wellbeing Rooms@High Town'],
    kinds: ['peer-support', 'hearing-voices', 'mens-talk'],
  },
  {
    name: 'Stopsley Common Walkers',
    area: 'luton',
    type: 'group',
    venues: ['Stopsley Common Meeting Point@Stopsley'],
    kinds: ['walking', 'tai-chi'],
  },
  {
    name: 'Marsh Farm Growing Together',
    area: 'luton',
    type: 'group',
    venues: ['Marsh Farm Community Garden@Marsh Farm'],
    kinds: ['community-garden', 'allotment'],
  },
  {
    name: 'Luton Money and Housing Advice',
    area: 'luton',
    type: 'charity',
    venues: ['Town Centre Advice Rooms@Luton', 'Leagrave Outreach Room@Leagrave'],
    kinds: ['debt-advice', 'housing-advice', 'housing-helpline'],
  },
  {
    name: 'Leagrave Reading Rooms',
    area: 'luton',
    type: 'library',
    venues: ['Leagrave Reading Rooms@Leagrave'],
    kinds: ['reading-group', 'digital-help', 'esol'],
  },
  {
    name: 'Lewsey Farm Community Cafe',
    area: 'luton',
    type: 'charity',
    venues: ['Lewsey Farm Community Cafe@Lewsey Farm'],
    kinds: ['wellbeing-cafe', 'conversation-cafe', 'warm-space'],
    languages: ['Polish', 'Romanian', 'Portuguese'],
  },
  {
    name: 'Round Green Arts Collective',
    area: 'luton',
    type: 'cic',
    venues: ['Round Green Arts Studio@Round Green'],
    kinds: ['art-studio', 'clay-club'],
  },
  {
    name: 'Biscot Carers Circle',
    area: 'luton',
    type: 'group',
    venues: ['Biscot Community Rooms@Biscot'],
    kinds: ['carers-coffee', 'young-carers'],
    languages: ['Urdu', 'Punjabi'],
  },

  // Bedford
  {
    name: 'Bedford Riverside Wellbeing Cafe',
    area: 'bedford',
    type: 'charity',
    venues: ['Riverside Wellbeing Cafe@Bedford'],
    kinds: ['wellbeing-cafe', 'warm-space', 'digital-help'],
  },
  {
    name: 'Cauldwell Gurdwara Community Kitchen',
    area: 'bedford',
    type: 'faith',
    venues: ['Cauldwell Gurdwara Hall@Cauldwell'],
    kinds: ['community-meal', 'faith-drop-in'],
    faith: ['gurdwara', 'sikh', 'langar'],
    languages: ['Punjabi'],
  },
  {
    name: "Kempston Men's Shed",
    area: 'bedford',
    type: 'group',
    venues: ["Kempston Men's Shed Workshop@Kempston"],
    kinds: ['mens-shed', 'repair-cafe'],
  },
  {
    name: 'Bedford Italian Social Club',
    area: 'bedford',
    type: 'group',
    venues: ['Italian Social Club Hall@Kingsbrook'],
    kinds: ['lunch-club', 'games-afternoon', 'choir'],
    languages: ['Italian'],
  },
  {
    name: 'Brickhill Community Singers',
    area: 'bedford',
    type: 'group',
    venues: ['Brickhill Community Centre@Brickhill'],
    kinds: ['choir', 'ukulele'],
  },
  {
    name: 'Bedford Peer Support Network',
    area: 'bedford',
    type: 'charity',
    venues: ['Goldington Peer Rooms@Goldington'],
    kinds: ['peer-support', 'mood-matters', 'young-peer'],
  },
  {
    name: 'Putnoe Allotment Society',
    area: 'bedford',
    type: 'group',
    venues: ['Putnoe Allotments@Putnoe'],
    kinds: ['allotment', 'conservation'],
  },
  {
    name: 'Bedford Work and Money Hub',
    area: 'bedford',
    type: 'charity',
    venues: ['Work and Money Hub@Bedford'],
    kinds: ['employment-support', 'job-club', 'benefits-help'],
    languages: ['Polish', 'Urdu', 'Bengali'],
  },
  {
    name: 'Wixams Community Association',
    area: 'bedford',
    type: 'charity',
    venues: ['Wixams Community Hall@Wixams'],
    kinds: ['cuppa-club', 'chair-yoga', 'knit-and-natter'],
  },
  {
    name: 'Bedford Tenants Advice Service',
    area: 'bedford',
    type: 'charity',
    venues: ['Tenants Advice Office@Kempston'],
    kinds: ['tenancy-support', 'housing-advice'],
  },

  // Central Bedfordshire
  {
    name: 'Dunstable Downs Wellbeing Walkers',
    area: 'central-bedfordshire',
    type: 'group',
    venues: ['Downs Road Meeting Point@Dunstable'],
    kinds: ['walking', 'wild-walks'],
  },
  {
    name: 'Houghton Regis Community Hub',
    area: 'central-bedfordshire',
    type: 'charity',
    venues: ['Houghton Regis Community Hub@Houghton Regis'],
    kinds: ['community-dropin', 'food-pantry', 'warm-space'],
  },
  {
    name: 'Leighton Linslade Arts Studio',
    area: 'central-bedfordshire',
    type: 'cic',
    venues: ['Canal Side Studio@Linslade'],
    kinds: ['art-studio', 'writers-table', 'photo-walks'],
  },
  {
    name: 'Biggleswade Friendship Group',
    area: 'central-bedfordshire',
    type: 'group',
    venues: ['Biggleswade Market Rooms@Biggleswade'],
    kinds: ['befriending', 'lunch-club', 'games-afternoon'],
  },
  {
    name: 'Sandy and Potton Growing Club',
    area: 'central-bedfordshire',
    type: 'group',
    venues: ['Sandy Community Orchard@Sandy', 'Potton Allotments@Potton'],
    kinds: ['community-garden', 'allotment'],
  },
  {
    name: 'Ampthill Reading Room',
    area: 'central-bedfordshire',
    type: 'library',
    venues: ['Ampthill Reading Room@Ampthill'],
    kinds: ['reading-group', 'shared-reading', 'library-chess'],
  },
  {
    name: 'Flitwick Mind and Body',
    area: 'central-bedfordshire',
    type: 'charity',
    venues: ['Flitwick Wellbeing Centre@Flitwick'],
    kinds: ['mindfulness', 'stress-workshop', 'chair-yoga'],
  },
  {
    name: 'Shefford Carers Together',
    area: 'central-bedfordshire',
    type: 'group',
    venues: ['Shefford Community Rooms@Shefford'],
    kinds: ['carers-coffee', 'carers-timeout'],
  },
  {
    name: 'Cranfield Village Talking Group',
    area: 'central-bedfordshire',
    type: 'group',
    venues: ['Cranfield Village Hall@Cranfield'],
    kinds: ['mens-talk', 'mens-shed'],
  },
  {
    name: 'Central Bedfordshire Money Advice',
    area: 'central-bedfordshire',
    type: 'charity',
    venues: ['Dunstable Advice Centre@Dunstable', 'Biggleswade Advice Point@Biggleswade'],
    kinds: ['debt-advice', 'energy-advice', 'money-helpline'],
  },
  {
    name: 'Arlesey and Stotfold Polish Club',
    area: 'central-bedfordshire',
    type: 'group',
    venues: ['Arlesey Community Rooms@Arlesey'],
    kinds: ['conversation-cafe', 'esol'],
    languages: ['Polish', 'Lithuanian', 'Romanian'],
  },

  // Across Bedfordshire and Luton (phone and online)
  {
    name: 'Bedfordshire and Luton Listening Line',
    area: 'beds',
    type: 'charity',
    venues: [],
    kinds: ['listening-line', 'befriending-phone'],
  },
  {
    name: 'Bedfordshire and Luton Peer Online',
    area: 'beds',
    type: 'charity',
    venues: [],
    kinds: ['peer-online', 'mindfulness-online'],
  },
];

// ---------------------------------------------------------------------------------------------
// Building the documents
// ---------------------------------------------------------------------------------------------

type Doc = Record<string, unknown> & { _id: string; _type: string };

const partnershipAreas: Readonly<Record<string, readonly string[]>> = {
  north: areaSpecs.filter((a) => a.partnership === 'north-london').map((a) => a.key),
  east: areaSpecs.filter((a) => a.partnership === 'east-london').map((a) => a.key),
  both: areaSpecs.filter((a) => a.partnership !== 'bedfordshire-luton').map((a) => a.key),
  beds: areaSpecs.filter((a) => a.partnership === 'bedfordshire-luton').map((a) => a.key),
};
const partnershipLabels: Readonly<Record<string, string>> = {
  north: 'North London',
  east: 'East London',
  both: 'North and East London',
  beds: 'Bedfordshire and Luton',
};
const partnershipNames: Readonly<Record<Partnership, string>> = {
  'north-london': 'North London',
  'east-london': 'East London',
  'bedfordshire-luton': 'Bedfordshire and Luton',
};

const areaId = (key: string): string => uuidFor('area', key);
const categoryId = (key: string): string => uuidFor('category', key);

/** Created, updated and (for listings) verified times for a document, from its own stream. */
function lifecycle(rng: Rng, verifiedMs: number) {
  const created =
    Math.max(Date.UTC(2023, 5, 1), verifiedMs - rng.int(20, 500) * DAY_MS) + rng.int(8 * 3600, 18 * 3600) * 1000;
  const updated =
    Math.min(REFERENCE_DATE - DAY_MS, verifiedMs + rng.int(0, 25) * DAY_MS) + rng.int(8 * 3600, 18 * 3600) * 1000;
  return { created, updated };
}

function compareOutcodes(a: string, b: string): number {
  const parse = (code: string) => {
    const match = /^([A-Z]+)(\d+)([A-Z]?)$/.exec(code);
    return match ? ([match[1] as string, Number(match[2]), match[3] as string] as const) : ([code, 0, ''] as const);
  };
  const [la, na, sa] = parse(a);
  const [lb, nb, sb] = parse(b);
  return la.localeCompare(lb) || na - nb || sa.localeCompare(sb);
}

function buildAreas(): Doc[] {
  return areaSpecs.map((area, index) => {
    const districts = outcodes
      .filter((o) => area.boroughs.includes(o.borough))
      .map((o) => o.outcode)
      .sort(compareOutcodes);
    const partnership = partnershipNames[area.partnership];
    const created = Date.UTC(2025, 0, 6, 9, index * 3);
    return {
      ...system(areaId(area.key), 'area', created, Date.UTC(2026, 8, 14, 11, index * 5)),
      name: area.name,
      slug: { _type: 'slug', current: slugify(area.name) },
      partnership: area.partnership,
      postcodeDistricts: districts,
      centre: { _type: 'geopoint', lat: area.centre[0], lng: area.centre[1] },
      description: `${area.name}, in the ${partnership} community mental health partnership. Takes in ${listJoin(Object.keys(area.places))}.`,
    };
  });
}

function buildCategories(): Doc[] {
  return categorySpecs.map((category, index) => {
    const created = Date.UTC(2025, 0, 6, 10, index * 2);
    return {
      ...system(categoryId(category.key), 'category', created, Date.UTC(2026, 7, 3, 14, index * 3)),
      name: category.name,
      slug: { _type: 'slug', current: slugify(category.name) },
      description: category.description,
      ...(category.parent ? { parent: ref(categoryId(category.parent)) } : {}),
      keywords: [...category.keywords],
      ...(category.reviewEveryMonths ? { reviewEveryMonths: category.reviewEveryMonths } : {}),
    };
  });
}

// Phone numbers come from Ofcom's ranges reserved for drama, never a real line: London's
// (020 7946 0000 to 0999) and, for Bedfordshire and Luton, which have none of their own, the
// national one (01632 960000 to 960999). Each has its own stream, so adding one area's
// organisations never renumbers another's.
const phonePools = {
  london: { pool: rngFor('phones').shuffle(Array.from({ length: 1000 }, (_, n) => n)), used: 0 },
  beds: { pool: rngFor('phones/beds').shuffle(Array.from({ length: 1000 }, (_, n) => n)), used: 0 },
};
function nextPhone(region: keyof typeof phonePools = 'london'): string {
  const stream = phonePools[region];
  const n = stream.pool[stream.used++];
  if (n === undefined) throw new Error('ran out of drama-range phone numbers');
  const digits = String(n).padStart(3, '0');
  return region === 'london' ? `020 7946 0${digits}` : `01632 960${digits}`;
}
/** The drama range for an organisation's phone numbers. */
const phoneRegion = (areaKeys: readonly string[]): keyof typeof phonePools =>
  areaKeys.every((key) => areaByKey.get(key)?.partnership === 'bedfordshire-luton') ? 'beds' : 'london';

type BuiltLocation = {
  id: string;
  name: string;
  place: string;
  area: AreaSpec;
  confidential: boolean;
  accessibility: string[];
};

type BuiltOrg = {
  spec: OrgSpec;
  id: string;
  domain: string;
  phone: string;
  email: string;
  website: string;
  /** Areas the organisation serves. */
  areaKeys: readonly string[];
  locations: BuiltLocation[];
  /** The place name used in service names when there is no venue. */
  placeName: string;
};

const stopWords = new Set(['the', 'and', 'of', 'for', 'in', 'at']);

function domainFor(name: string): string {
  const words = slugify(name)
    .split('-')
    .filter((w) => !stopWords.has(w));
  const kept: string[] = [];
  for (const word of words) {
    if (kept.join('-').length + word.length > 28 && kept.length >= 2) break;
    kept.push(word);
  }
  return `${kept.join('-')}.example.org`;
}

const orgTypePhrases: Readonly<Record<OrgType, readonly string[]>> = {
  charity: ['a local charity', 'a small independent charity', 'a registered charity'],
  faith: ['a faith community', 'a place of worship and community centre'],
  library: ['a community-run library', 'a volunteer-run library and reading room'],
  cic: ['a community interest company', 'a not-for-profit social enterprise'],
  group: ['a volunteer-led community group', 'a small group run entirely by volunteers'],
};
const orgFounders: Readonly<Record<OrgType, readonly string[]>> = {
  charity: [
    'local residents',
    'people with lived experience of mental ill health',
    'a local GP and a group of volunteers',
    'a tenants association',
  ],
  faith: [
    'members of the congregation',
    'the community it serves',
    'a group of families who had recently settled in the area',
  ],
  library: ['local readers when the old branch library closed', 'a group of retired teachers and librarians'],
  cic: [
    'two local artists',
    'a youth worker and a group of young people',
    'a coach with lived experience of mental ill health',
  ],
  group: ['a group of neighbours', 'a handful of friends', 'people who met at a local peer support group'],
};
const orgValues = [
  'Everything it does is shaped by the people who use it.',
  'Most of its work is done by volunteers, many of whom first came along as participants.',
  'It works closely with the local community mental health team and GP practices.',
  'It relies on small grants, donations and a lot of goodwill.',
  'Its volunteers reflect the many communities of the area.',
];

function buildOrganisations(): { docs: Doc[]; locationDocs: Doc[]; orgs: BuiltOrg[] } {
  const docs: Doc[] = [];
  const locationDocs: Doc[] = [];
  const orgs: BuiltOrg[] = [];
  for (const spec of orgSpecs) {
    const rng = rngFor(`organisation/${spec.name}`);
    const id = uuidFor('organisation', spec.name);
    const domain = domainFor(spec.name);
    const partnership = partnershipAreas[spec.area];
    const areaKeys = partnership ?? [spec.area];
    const phone = nextPhone(phoneRegion(areaKeys));
    const email = `${rng.pick(['hello', 'info', 'contact', 'enquiries'])}@${domain}`;
    const website = `https://${domain}`;
    const homeArea = partnership ? undefined : areaByKey.get(spec.area);
    if (!partnership && !homeArea) throw new Error(`${spec.name}: unknown area ${spec.area}`);

    const locations: BuiltLocation[] = [];
    for (const venue of spec.venues) {
      const confidential = venue.startsWith('!');
      const [name, place] = venue.replace(/^!/, '').split('@') as [string, string];
      const at = placeIndex.get(place);
      if (!at) throw new Error(`${spec.name}: unknown place ${place}`);
      if (at.area.key !== spec.area) throw new Error(`${spec.name}: ${place} is not in ${spec.area}`);
      const built = buildLocation(spec, id, name, place, at.area, at.outcode, confidential);
      locations.push(built.location);
      locationDocs.push(built.doc);
    }

    const labels = spec.kinds.map((k) => kindOf(k).label);
    const where = homeArea
      ? spec.venues.length > 0
        ? locations[0]?.place === homeArea.name
          ? `based in ${homeArea.name}`
          : `based in ${locations[0]?.place}, ${homeArea.name}`
        : `working across ${homeArea.name}`
      : `working across ${partnershipLabels[spec.area]}`;
    const year = rng.int(1986, 2022);
    const description = [
      `${spec.name} is ${rng.pick(orgTypePhrases[spec.type])} ${where}.`,
      `It was set up in ${year} by ${rng.pick(orgFounders[spec.type])}.`,
      `Today it runs ${listJoin(labels)}.`,
      ...rng.sample(orgValues, rng.int(1, 2)),
      "This is a fictional organisation in Signpost's sample data.",
    ].join(' ');
    const verified = REFERENCE_DATE - rng.int(10, 420) * DAY_MS;
    const { created, updated } = lifecycle(rng, verified);
    docs.push({
      ...system(id, 'organisation', created, updated),
      name: spec.name,
      slug: { _type: 'slug', current: slugify(spec.name) },
      description,
      website,
      email,
      phone,
    });
    orgs.push({
      spec,
      id,
      domain,
      phone,
      email,
      website,
      areaKeys,
      locations,
      placeName: homeArea ? homeArea.name : (partnershipLabels[spec.area] as string),
    });
  }
  return { docs, locationDocs, orgs };
}

const directionsPool = [
  'The entrance is at the side of the building, up a short ramp.',
  "Ring the bell marked 'Community Room' and someone will come down.",
  'Go through the main doors and follow the signs to the hall at the back.',
  'The nearest bus stop is a two-minute walk away, and there is cycle parking outside.',
  'Use the garden gate on the side street; the front door is kept locked.',
  'Look for the green door next to the pharmacy.',
  'The building is set back from the road behind a small car park.',
];

function buildLocation(
  org: OrgSpec,
  orgId: string,
  name: string,
  place: string,
  area: AreaSpec,
  outcode: string,
  confidential: boolean,
): { location: BuiltLocation; doc: Doc } {
  const rng = rngFor(`location/${org.name}/${name}`);
  const id = uuidFor('location', `${org.name}/${name}`);
  const district = findOutcode(outcode);
  if (!district) throw new Error(`${name}: no centroid for ${outcode}`);
  // Somewhere within about 900 m of the district's centre, so the map and distances stay honest.
  const bearing = rng.next() * 2 * Math.PI;
  const km = 0.1 + rng.next() * 0.8;
  const lat = district.lat + (km * Math.cos(bearing)) / 111.32;
  const lng = district.lng + (km * Math.sin(bearing)) / (111.32 * Math.cos((district.lat * Math.PI) / 180));
  const postcode = `${outcode} ${rng.int(1, 9)}${rng.pick([...unitLetters])}${rng.pick([...unitLetters])}`;
  const street = `${rng.int(1, 180)} ${rng.pick(streetNames)} ${rng.pick(streetSuffixes)}`;
  const accessibility: string[] = [];
  const stepFree = rng.chance(0.75);
  if (stepFree) accessibility.push('step-free-access');
  if (stepFree && rng.chance(0.7)) accessibility.push('accessible-toilet');
  const lift = rng.chance(0.25);
  if (lift) accessibility.push('lift');
  if (rng.chance(0.3)) accessibility.push('hearing-loop');
  if (rng.chance(0.25)) accessibility.push('quiet-space');
  if (rng.chance(0.45)) accessibility.push('assistance-dogs-welcome');
  if (rng.chance(0.3)) accessibility.push('parking-nearby');
  if (rng.chance(0.2)) accessibility.push('baby-changing');
  const directions = confidential
    ? 'The address is shared by phone once we have spoken with you.'
    : lift && rng.chance(0.5)
      ? 'Reception is on the ground floor; the group rooms are on the first floor, with a lift.'
      : rng.chance(0.6)
        ? rng.pick(directionsPool)
        : undefined;
  const verified = REFERENCE_DATE - rng.int(10, 500) * DAY_MS;
  const { created, updated } = lifecycle(rng, verified);
  const doc: Doc = {
    ...system(id, 'location', created, updated),
    name,
    organisation: ref(orgId),
    area: ref(areaId(area.key)),
    address: {
      line1: street,
      ...(rng.chance(0.7) ? { line2: place } : {}),
      city: area.postTowns ? (area.postTowns[outcode] ?? area.name) : 'London',
      postcode,
    },
    position: { _type: 'geopoint', lat: Number(lat.toFixed(5)), lng: Number(lng.toFixed(5)) },
    confidential,
    ...(accessibility.length > 0 ? { accessibility } : {}),
    ...(directions ? { directions } : {}),
  };
  return { location: { id, name, place, area, confidential, accessibility }, doc };
}

function kindOf(id: string): Kind {
  const kind = kinds[id];
  if (!kind) throw new Error(`unknown kind of activity: ${id}`);
  return kind;
}

// ----- Schedules ------------------------------------------------------------------------------

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

/** A Monday: fortnightly anchors are counted from here. */
const ANCHOR_MONDAY = Date.UTC(2026, 0, 5);
if (new Date(ANCHOR_MONDAY).getUTCDay() !== 1) throw new Error('ANCHOR_MONDAY must be a Monday');

function dateOnWeekday(day: Weekday, weeksAfterAnchor: number): string {
  return isoDay(ANCHOR_MONDAY + (weeksAfterAnchor * 7 + weekdays.indexOf(day)) * DAY_MS);
}

function overlaps(a: readonly [string, string], b: readonly [string, string]): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

function buildSchedules(
  kind: Kind,
  rng: Rng,
  seed: string,
  venues: readonly BuiltLocation[],
): { schedules: Schedule[]; used: BuiltLocation[] } {
  const plan = kind.plan ?? 'single';
  if (plan === 'none') return { schedules: [], used: [] };
  const drafts: Omit<Schedule, '_key' | '_type'>[] = [];
  const used: BuiltLocation[] = [];
  const at = (venue: BuiltLocation | undefined) => {
    if (!venue) return {};
    if (!used.includes(venue)) used.push(venue);
    return { location: { _type: 'reference' as const, _ref: venue.id } };
  };

  if (plan === 'weekdays' || plan === 'daily') {
    const days =
      plan === 'daily'
        ? weekdays
        : rng.pick([
            MON_FRI,
            MON_FRI,
            MON_FRI,
            ['monday', 'tuesday', 'wednesday', 'thursday'],
            ['monday', 'wednesday', 'friday'],
          ] as const);
    const slot = rng.pick(kind.slots);
    for (const day of days) drafts.push({ frequency: 'weekly', day, opensAt: slot[0], closesAt: slot[1] });
    // Some lines add a late session one evening a week, on a day they are already open.
    if (plan === 'weekdays' && slot[1] <= '17:00' && rng.chance(0.3)) {
      drafts.push({ frequency: 'weekly', day: rng.pick(days), opensAt: '18:00', closesAt: '20:00', note: 'Late line' });
    }
  } else {
    const days = kind.days ?? MON_FRI;
    const frequency = rng.weighted<Frequency>(kind.freq ?? [['weekly', 1]]);
    const day = rng.pick(days);
    const slot = rng.pick(kind.slots);
    const venue = venues[0];
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
    const first: Omit<Schedule, '_key' | '_type'> = {
      frequency,
      day,
      ...(weekOfMonth !== undefined ? { weekOfMonth } : {}),
      opensAt: slot[0],
      closesAt: slot[1],
      ...(frequency === 'fortnightly' ? { validFrom: dateOnWeekday(day, rng.int(0, 38)) } : {}),
      ...at(venue),
    };
    drafts.push(first);

    if (rng.chance(kind.multi ?? 0.12)) {
      const otherSlots = kind.slots.filter((s) => !overlaps(s, slot));
      const options: (readonly ['venue' | 'day' | 'same-day', number])[] = [['day', 2]];
      if (venues.length > 1) options.push(['venue', 4]);
      if (otherSlots.length > 0) options.push(['same-day', 1.5]);
      const variant = rng.weighted(options);
      const otherDays = days.filter((d) => d !== day);
      if (variant === 'same-day') {
        const second = rng.pick(otherSlots);
        drafts.push({ ...first, opensAt: second[0], closesAt: second[1] });
      } else if (frequency === 'monthly' && variant === 'day') {
        // "First and third Tuesday": the same weekday in another week of the month.
        const week = weekOfMonth === 1 ? 3 : weekOfMonth === 2 ? 4 : 1;
        drafts.push({ ...first, weekOfMonth: week });
      } else {
        const day2 = otherDays.length > 0 ? rng.pick(otherDays) : day;
        const slot2 = variant === 'venue' ? rng.pick(kind.slots) : slot;
        drafts.push({
          ...first,
          day: day2,
          opensAt: slot2[0],
          closesAt: slot2[1],
          ...(frequency === 'fortnightly' ? { validFrom: dateOnWeekday(day2, rng.int(0, 38)) } : {}),
          ...at(variant === 'venue' ? venues[1] : venue),
        });
      }
    }
  }

  const note = kind.notes && rng.chance(0.6) ? rng.pick(kind.notes) : undefined;
  const startsSoon = plan === 'single' && rng.chance(0.04);
  const schedules = drafts
    .map((draft) => ({
      ...draft,
      ...(kind.winter ? { validFrom: '2026-10-05', validTo: '2027-03-26' } : {}),
      ...(startsSoon && draft.frequency === 'weekly' && !draft.validFrom
        ? { validFrom: dateOnWeekday(draft.day, 45 + rng.int(0, 3)), note: 'New session' }
        : {}),
      ...(note && !draft.note ? { note } : {}),
    }))
    .sort((a, b) => weekdays.indexOf(a.day) - weekdays.indexOf(b.day) || a.opensAt.localeCompare(b.opensAt))
    .map((draft, index) => ({
      _key: keyFor(seed, 'schedule', String(index)),
      _type: 'schedule' as const,
      ...draft,
    }));
  return { schedules, used };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const longDate = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1]} ${y}`;
};

function clock(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const suffix = h < 12 ? 'am' : 'pm';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`;
}

const ordinals: Readonly<Record<string, string>> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};

/** The timetable in a sentence: "The club meets every Tuesday and Thursday, 10am to 12pm, at X." */
function describeSchedules(verb: string, schedules: readonly Schedule[], names: ReadonlyMap<string, string>): string {
  type Group = {
    frequency: Frequency;
    venue?: string;
    days: Weekday[];
    weeks: number[];
    times: string[];
    order: number;
  };
  // First gather the days (or, monthly, the weeks) that share a time; then the times that share those days.
  const byTime = new Map<string, Group>();
  for (const s of schedules) {
    const venue = s.location ? names.get(s.location._ref) : undefined;
    const time = `${clock(s.opensAt)} to ${clock(s.closesAt)}`;
    const key = [s.frequency, venue ?? '', time, s.frequency === 'monthly' ? s.day : ''].join('|');
    const group = byTime.get(key) ?? {
      frequency: s.frequency,
      venue,
      days: [],
      weeks: [],
      times: [time],
      order: weekdays.indexOf(s.day),
    };
    if (!group.days.includes(s.day)) group.days.push(s.day);
    if (s.weekOfMonth !== undefined && !group.weeks.includes(s.weekOfMonth)) group.weeks.push(s.weekOfMonth);
    byTime.set(key, group);
  }
  const byDays = new Map<string, Group>();
  for (const group of byTime.values()) {
    const key = [group.frequency, group.venue ?? '', group.days.join(), group.weeks.join()].join('|');
    const existing = byDays.get(key);
    if (existing) existing.times.push(...group.times);
    else byDays.set(key, { ...group, times: [...group.times] });
  }
  const phrases = [...byDays.values()]
    .sort((a, b) => a.order - b.order)
    .map((group) => {
      const days = [...group.days].sort((a, b) => weekdays.indexOf(a) - weekdays.indexOf(b));
      const dayNames = days.map(capitalise);
      let when: string;
      if (group.frequency === 'monthly') {
        const weeks = [...group.weeks].sort((a, b) => (a === -1 ? 5 : a) - (b === -1 ? 5 : b));
        when = `on the ${listJoin(weeks.map((w) => ordinals[String(w)] as string))} ${listJoin(dayNames)} of each month`;
      } else if (group.frequency === 'fortnightly') when = `every other ${listJoin(dayNames)}`;
      else if (days.length === 7) when = 'every day';
      else if (days.join() === MON_FRI.join()) when = 'Monday to Friday';
      else if (days.join() === 'monday,tuesday,wednesday,thursday') when = 'Monday to Thursday';
      else when = `every ${listJoin(dayNames)}`;
      return `${when}, ${listJoin(group.times)}${group.venue ? `, at ${group.venue}` : ''}`;
    });
  return `${verb} ${phrases.join('; and ')}.`;
}

// ----- Services -------------------------------------------------------------------------------

const accessSentences: Readonly<Record<AccessRoute, readonly string[]>> = {
  'drop-in': [
    'Just turn up; there is no need to book.',
    'There is no need to book or be referred: come along on the day.',
    'Drop in at any time during the session.',
  ],
  'self-refer': [
    'Get in touch to book a place; you do not need a referral.',
    'You can refer yourself by phone or email.',
    'Call or email to book. No referral is needed.',
  ],
  'referral-needed': [
    'A referral is needed from a GP, care coordinator, social worker or community connector.',
    'Places are by referral from a health or care professional.',
  ],
  'via-connector': [
    'Places are offered through community connectors and social prescribing link workers, who can introduce you.',
    "Ask your GP practice's link worker or your community connector to put you in touch.",
  ],
};
const welcomePool = [
  'If you are nervous about coming for the first time, call ahead and someone will look out for you.',
  'You are very welcome to bring a friend the first time.',
  'You do not need to bring anything except yourself.',
  'Plenty of people come on their own, so you will not be the only new face.',
];
const languageSentences = [
  'Staff and volunteers also speak {list}.',
  'You can also get help in {list}.',
  'Help is available in {list} as well as English.',
];
const contactRoles: Readonly<Record<string, readonly string[]>> = {
  default: ['Group coordinator', 'Volunteer coordinator', 'Service manager'],
  advice: ['Duty adviser', 'Advice team', 'Service manager'],
  peer: ['Peer support lead', 'Group facilitator'],
  carers: ['Carers support worker', 'Carers team'],
};
const closureOptions = [
  { weight: 5, reason: 'Christmas and New Year break', from: '2026-12-21', to: '2027-01-01' },
  { weight: 1, reason: 'Hall refurbishment', from: '2026-11-16', to: '2026-12-11', venueOnly: true },
  { weight: 1.5, reason: 'February half-term break', from: '2027-02-15', to: '2027-02-19' },
  { weight: 1, reason: 'Staff training day', from: '2026-11-20' },
  { weight: 1, reason: 'Summer break', from: '2027-08-02', to: '2027-08-27' },
  { weight: 1, reason: 'Easter break', from: '2027-03-26', to: '2027-04-05' },
] as const;
/** Why a listing is closed for now; some reasons only make sense for a service at a venue. */
const temporaryClosureNotes = [
  { venue: true, note: 'Closed until January 2027 while the hall roof is repaired.' },
  { venue: false, note: 'Paused while we recruit new staff; we hope to restart in the new year.' },
  { venue: true, note: 'Closed for refurbishment until 4 January 2027.' },
  { venue: false, note: 'Taking a winter break; sessions restart in March 2027.' },
  {
    venue: true,
    note: 'Closed after flooding at the venue; we will update this listing when we have a reopening date.',
  },
  { venue: false, note: 'Paused until new funding is confirmed. Call for updates.' },
] as const;

const ageRanges: Readonly<Record<Age, { ageMin?: number; ageMax?: number }>> = {
  all: {},
  adults: { ageMin: 18 },
  sixteen: { ageMin: 16 },
  young: { ageMin: 16, ageMax: 25 },
  older: { ageMin: 50 },
  teens: { ageMin: 14 },
};

function contactRoleGroup(kind: Kind): string {
  if (kind.cat === 'money' || kind.cat === 'housing' || kind.cat === 'work') return 'advice';
  if (kind.cat === 'peer-support') return 'peer';
  if (kind.cat === 'carers') return 'carers';
  return 'default';
}

function emailPrefix(kind: Kind): string {
  const group = contactRoleGroup(kind);
  if (group === 'advice') return 'advice';
  if (group === 'carers') return 'carers';
  if (kind.coverage === 'phone') return 'helpline';
  return 'groups';
}

function buildServices(orgs: readonly BuiltOrg[]): Doc[] {
  const docs: Doc[] = [];
  const namesUsed = new Set<string>();
  // Services in Bedfordshire and Luton, whose closures are chosen apart from London's.
  const bedsDocs = new Set<Doc>();
  const venueNames = new Map<string, string>();
  for (const org of orgs) for (const l of org.locations) venueNames.set(l.id, l.name);

  for (const org of orgs) {
    for (const kindId of org.spec.kinds) {
      const kind = kindOf(kindId);
      const seed = `service/${org.spec.name}/${kindId}`;
      const rng = rngFor(seed);
      const base: Coverage = kind.coverage ?? 'venue';
      if (base === 'venue' && org.locations.length === 0) throw new Error(`${seed}: a venue service needs a venue`);
      const { schedules, used } = buildSchedules(kind, rng, seed, base === 'venue' ? org.locations : []);
      const locations = base === 'venue' ? (used.length > 0 ? used : org.locations.slice(0, 1)) : [];
      const hybrid = base === 'venue' && rng.chance(kind.online ?? 0);
      const coverage: Coverage[] = hybrid ? ['venue', 'online'] : [base];
      const firstVenue = locations[0];
      const areaKeys = locations.length > 0 ? [...new Set(locations.map((l) => l.area.key))] : [...org.areaKeys];
      const place = firstVenue ? firstVenue.place : org.placeName;
      const borough = firstVenue ? firstVenue.area.name : org.placeName;
      // Only name a day ("Tottenham Tuesday Cuppa Club") when every session is on that day.
      const firstSession = schedules[0];
      const oneDay =
        firstSession !== undefined && schedules.every((s) => s.day === firstSession.day && s.frequency !== 'monthly');
      const day = oneDay ? capitalise(firstSession.day) : undefined;
      const tokens: Record<string, string> = {
        place,
        borough,
        org: org.spec.name,
        venue: firstVenue ? firstVenue.name : org.spec.name,
        ...(day ? { Day: day, Days: `${day}s` } : {}),
      };

      const patterns = rng
        .shuffle(kind.names)
        .filter((p) => (day || !p.includes('{Day}')) && (firstVenue || !p.includes('{venue}')));
      let name = patterns.map((p) => fill(p, tokens)).find((n) => !namesUsed.has(n) && n.length <= 100);
      if (!name) name = `${fill(patterns[0] ?? kind.names[0] ?? '', tokens)} (${org.spec.name})`;
      if (namesUsed.has(name) || name.length > 100) throw new Error(`${seed}: no unique name`);
      namesUsed.add(name);

      const cost = rng.pick(kind.costs);
      const free = cost === null;
      const accessRoute = rng.pick(kind.access);
      const accessDetails = kind.accessDetails && rng.chance(0.85) ? rng.pick(kind.accessDetails) : undefined;
      const accepting =
        accessRoute === 'drop-in'
          ? rng.weighted([
              ['yes', 30],
              ['waiting-list', 0],
              ['paused', 1],
            ] as const)
          : rng.weighted([
              ['yes', 20],
              ['waiting-list', 4],
              ['paused', 1],
            ] as const);

      const areaLanguages = firstVenue
        ? firstVenue.area.languages
        : (areaByKey.get(org.areaKeys[0] as string)?.languages ?? []);
      const languagePool = org.spec.languages ?? areaLanguages;
      const extraLanguages =
        languagePool.length > 0 && rng.chance(org.spec.languages ? 0.9 : 0.4)
          ? rng.sample(languagePool, rng.int(1, Math.min(2, languagePool.length)))
          : [];
      const languages = ['English', ...extraLanguages, ...(rng.chance(0.03) ? ['British Sign Language'] : [])];

      const accessibility = new Set<string>(firstVenue ? firstVenue.accessibility : []);
      if (rng.chance(0.15)) accessibility.add('large-print');
      if (rng.chance(0.06)) accessibility.add('bsl-interpreter');
      if (base === 'venue' && rng.chance(0.1)) accessibility.add('quiet-space');

      // Contact routes: phone lines always have their own number.
      const phone =
        base === 'phone'
          ? nextPhone(phoneRegion(org.areaKeys))
          : rng.chance(0.5)
            ? org.phone
            : rng.chance(0.3)
              ? nextPhone(phoneRegion(org.areaKeys))
              : undefined;
      const email = rng.chance(0.7) ? (rng.chance(0.5) ? org.email : `${emailPrefix(kind)}@${org.domain}`) : undefined;
      const slug = slugify(name);
      const website = base === 'online' || hybrid || rng.chance(0.45) ? `${org.website}/${slug}` : undefined;
      const contacts =
        rng.chance(0.3) || (!phone && !email && !website)
          ? [
              {
                _key: keyFor(seed, 'contact'),
                _type: 'contact',
                role: rng.pick(contactRoles[contactRoleGroup(kind)] ?? []),
                ...(rng.chance(0.5)
                  ? { phone: nextPhone(phoneRegion(org.areaKeys)) }
                  : { email: `${emailPrefix(kind)}@${org.domain}` }),
              },
            ]
          : undefined;

      const closures: Record<string, unknown>[] = [];
      if (schedules.length > 0 && rng.chance(0.18)) {
        const options = closureOptions.filter((c) => !('venueOnly' in c) || base === 'venue');
        const picks = rng.chance(0.2) ? 2 : 1;
        for (const option of rng.sample(options, picks)) {
          closures.push({
            _key: keyFor(seed, 'closure', option.reason),
            _type: 'closure',
            from: option.from,
            ...('to' in option ? { to: option.to } : {}),
            reason: option.reason,
          });
        }
        closures.sort((a, b) => String(a.from).localeCompare(String(b.from)));
      }
      // A service run at two venues where one is shut for repairs: its other venue carries on.
      if (locations.length > 1 && schedules.some((s) => s.location)) {
        closures.push({
          _key: keyFor(seed, 'closure', 'venue-repairs'),
          _type: 'closure',
          from: '2026-11-30',
          to: '2027-01-08',
          reason: 'Heating repairs',
          location: ref(locations[1]!.id),
        });
        closures.sort((a, b) => String(a.from).localeCompare(String(b.from)));
      }
      const closedOnBankHolidays =
        schedules.length > 0 && rng.chance(base === 'phone' ? 0.8 : base === 'online' ? 0.3 : 0.45);

      // A realistic review cycle on the reference date: most checked within their period (the
      // shortest of their categories', else 12 months), about one in seven up to 75 days past due.
      const periodDays = Math.round(
        30.4 *
          Math.min(
            ...[kind.cat, kind.sub, kind.also].map(
              (key) => categorySpecs.find((c) => c.key === key)?.reviewEveryMonths ?? 12,
            ),
          ),
      );
      const daysAgo = rng.chance(0.15) ? rng.int(periodDays + 5, periodDays + 75) : rng.int(3, periodDays - 20);
      const verifiedMs = REFERENCE_DATE - daysAgo * DAY_MS;
      const verifiedBy = rng.weighted([
        [`Listing owner, ${org.spec.name}`, 5],
        ['Signpost editor', 2.5],
        ['Signpost editor (phone check)', 1],
        [`Community connector, ${partnershipLabels[org.spec.area] ?? borough} neighbourhood team`, 1.5],
      ] as const);
      const { created, updated } = lifecycle(rng, verifiedMs);

      const ages = ageRanges[rng.pick(kind.age)];
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
        const newSession = schedules.find((s) => s.note === 'New session' && s.validFrom);
        if (newSession?.validFrom)
          practical.push(`The ${capitalise(newSession.day)} session starts on ${longDate(newSession.validFrom)}.`);
      }
      if (kind.winter) practical.push('It runs through the winter, from October to March.');
      if (hybrid)
        practical.push(
          rng.pick(['Some sessions also run online by video call.', 'You can also join online by video call.']),
        );
      practical.push(rng.pick(accessSentences[accessRoute]));
      if (extraLanguages.length > 0) {
        practical.push(fill(rng.pick(languageSentences), { list: listJoin(extraLanguages) }));
      }
      if (closedOnBankHolidays)
        practical.push(rng.pick(['It does not run on bank holidays.', 'It is closed on bank holidays.']));
      if (base === 'venue' && !firstVenue?.confidential && rng.chance(0.5)) practical.push(rng.pick(welcomePool));

      docs.push({
        ...system(uuidFor('service', `${org.spec.name}/${kindId}`), 'service', created, updated),
        name,
        slug: { _type: 'slug', current: slug },
        summary: fill(rng.pick(kind.summaries), tokens),
        description: `${narrative.join(' ')}\n\n${practical.join(' ')}`,
        organisation: ref(org.id),
        categories: [kind.cat, kind.sub, kind.also]
          .filter((c): c is string => c !== undefined)
          .map((c) => keyedRef(categoryId(c), seed, 'category')),
        areas: areaKeys.map((k) => keyedRef(areaId(k), seed, 'area')),
        forWhom: fill(rng.pick(kind.forWhom), tokens),
        ...ages,
        accessRoute,
        ...(accessDetails ? { accessDetails } : {}),
        accepting,
        free,
        ...(cost ? { costDetails: cost } : {}),
        languages,
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
        status: 'active',
        verifiedOn: isoDay(verifiedMs),
        verifiedBy,
        tags,
      });
      if (phoneRegion(org.areaKeys) === 'beds') bedsDocs.add(docs[docs.length - 1]!);
    }
  }

  // A few listings are closed for now, and one has stopped: chosen once over each region's list,
  // each from its own stream, so adding listings in one region never changes another's.
  const chosen = new Set<Doc>();
  const chooser = (seed: string, regionDocs: readonly Doc[]) => {
    const statusRng = rngFor(seed);
    return (atVenue: boolean): Doc => {
      const pool = regionDocs.filter(
        (d) => !chosen.has(d) && (!atVenue || (d.coverage as Coverage[]).includes('venue')),
      );
      const doc = statusRng.pick(pool);
      chosen.add(doc);
      doc.accepting = 'paused';
      return doc;
    };
  };
  const choose = chooser(
    'statuses',
    docs.filter((d) => !bedsDocs.has(d)),
  );
  for (const { venue, note } of temporaryClosureNotes) {
    Object.assign(choose(venue), { status: 'temporarily-closed', statusNote: note });
  }
  Object.assign(choose(false), { status: 'inactive', statusNote: 'Funding for this service ended in September 2026.' });
  const chooseBeds = chooser('statuses/beds', [...bedsDocs]);
  for (const { venue, note } of temporaryClosureNotes.slice(0, 2)) {
    Object.assign(chooseBeds(venue), { status: 'temporarily-closed', statusNote: note });
  }
  return docs.map(orderServiceFields);
}

// Keep status and its note together so the exported JSON reads in a sensible order.
function orderServiceFields(doc: Doc): Doc {
  const { status, statusNote, verifiedOn, verifiedBy, tags, ...rest } = doc;
  return { ...rest, status, ...(statusNote ? { statusNote } : {}), verifiedOn, verifiedBy, tags } as Doc;
}

// ----- Singletons -----------------------------------------------------------------------------

function buildSiteSettings(): Doc {
  return {
    ...system('siteSettings', 'siteSettings', Date.UTC(2025, 0, 6, 9, 0), Date.UTC(2026, 9, 1, 10, 30)),
    title: 'Signpost',
    description:
      'Find local groups, activities and advice for your wellbeing in North London, East London, and Bedfordshire and Luton, from community cafes and choirs to help with housing, money and work.',
    sampleDataNotice:
      'This is a demonstration. Every organisation, service and venue listed here is fictional sample data: please do not contact them or travel to them. The urgent help numbers are real.',
    contactEmail: 'signpost@example.org',
    dataController: 'North and East London community mental health partnerships (sample data controller)',
    dataProtectionEmail: 'dpo@example.org',
  };
}

function buildCrisisSupport(): Doc {
  const contact = (name: string, fields: Record<string, string>) => ({
    _key: keyFor('crisisSupport', name),
    _type: 'crisisContact',
    name,
    ...fields,
  });
  return {
    ...system('crisisSupport', 'crisisSupport', Date.UTC(2025, 0, 6, 9, 5), Date.UTC(2026, 9, 15, 9, 40)),
    title: 'Need urgent help?',
    intro:
      'If you or someone you know needs urgent help with their mental health, you can get support at any time of day or night. These services are free and open to everyone in England, whatever your age.',
    emergency: "If someone's life is at risk, or they have seriously hurt themselves, call 999 or go to A&E now.",
    contacts: [
      contact('NHS 111', {
        action: 'Call 111 and select the mental health option (option 2)',
        phone: '111',
        website: 'https://111.nhs.uk',
        availability: '24 hours a day, 7 days a week',
        details:
          'For urgent mental health help for you or someone you are worried about, of any age. You will speak to a mental health professional from your local NHS crisis team. Calls are free.',
      }),
      contact('Emergency services', {
        action: 'Call 999 or go to A&E',
        phone: '999',
        availability: '24 hours a day, 7 days a week',
        details:
          'If a life is at risk, or someone has seriously hurt themselves or taken an overdose, call 999 or go to the nearest accident and emergency department.',
      }),
      contact('Samaritans', {
        action: 'Call 116 123',
        phone: '116 123',
        website: 'https://www.samaritans.org',
        availability: '24 hours a day, 7 days a week',
        details:
          'Talk to Samaritans about anything that is upsetting you, whatever it is. Calls are free and confidential.',
      }),
      contact('Shout', {
        action: 'Text SHOUT to 85258',
        sms: '85258',
        website: 'https://giveusashout.org',
        availability: '24 hours a day, 7 days a week',
        details:
          'A free, confidential text support service for anyone who is struggling to cope. Texts are free on major UK mobile networks.',
      }),
    ],
    owner: 'Signpost clinical safety lead, North London, East London, and Bedfordshire and Luton partnerships',
    reviewedOn: '2026-10-15',
  };
}

// ----- Editable pages: About, accessibility statement, privacy notice ---------------------------

/**
 * Portable Text from short lines, so the page text below reads like the page: "## " a heading,
 * "### " a subheading, "- " a bullet, "1. " a numbered item, anything else a paragraph; inside a
 * line, **bold** and [words](/path, https://... or mailto:...) links.
 */
function portableText(pageKey: string, lines: readonly string[]): Record<string, unknown>[] {
  return lines.map((line, index) => {
    const blockKey = keyFor('page', pageKey, String(index));
    let style = 'normal';
    let listItem: string | undefined;
    let text = line;
    if (line.startsWith('## ')) [style, text] = ['h2', line.slice(3)];
    else if (line.startsWith('### ')) [style, text] = ['h3', line.slice(4)];
    else if (line.startsWith('- ')) [listItem, text] = ['bullet', line.slice(2)];
    else if (/^\d+\. /.test(line)) [listItem, text] = ['number', line.replace(/^\d+\. /, '')];
    const markDefs: Record<string, unknown>[] = [];
    const children: Record<string, unknown>[] = [];
    // Split into plain text, **bold** and [link](href) pieces, in order.
    for (const piece of text.split(/(\*\*[^*]+\*\*|\[[^\]]+\]\([^)]+\))/).filter(Boolean)) {
      const span = (words: string, marks: string[]) =>
        children.push({ _key: keyFor(blockKey, String(children.length)), _type: 'span', text: words, marks });
      const link = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(piece);
      if (link) {
        const markKey = keyFor(blockKey, 'link', String(markDefs.length));
        markDefs.push({ _key: markKey, _type: 'link', href: link[2] as string });
        span(link[1] as string, [markKey]);
      } else if (piece.startsWith('**') && piece.endsWith('**')) span(piece.slice(2, -2), ['strong']);
      else span(piece, []);
    }
    return { _key: blockKey, _type: 'block', style, ...(listItem ? { listItem, level: 1 } : {}), markDefs, children };
  });
}

interface PageSpec {
  key: string;
  title: string;
  slug: string;
  summary: string;
  owner: string;
  reviewedOn: string;
  showDataProtectionContacts?: boolean;
  body: readonly string[];
}

const pageSpecs: readonly PageSpec[] = [
  {
    key: 'about',
    title: 'About this directory',
    slug: 'about',
    summary:
      'Who runs this directory of local support and activities, who it is for, and how we keep its listings right.',
    owner: 'Signpost editorial team, North and East London partnerships',
    reviewedOn: '2026-10-20',
    body: [
      '## Who runs it',
      'Signpost is run by the NHS community mental health partnerships of North London (Barnet, Camden, Enfield, Haringey and Islington), East London (City and Hackney, Newham and Tower Hamlets) and Bedfordshire and Luton, working with the voluntary and community organisations that list their services here.',
      'The partnerships bring mental health services together with GP practices, councils and local groups, so that people can get support close to home: from cafes, choirs and walking groups to help with housing, money and work.',
      '## Who it is for',
      '- **Residents**, their families and carers, looking for something local. You do not need an account or a referral to use the directory.',
      '- **Community connectors**, such as social prescribing link workers and peer coaches, who help people find activities and can send them a referral link.',
      '- **Voluntary and community organisations**, who keep their own listings up to date and answer the referrals that reach them.',
      'Signpost is not an emergency service. If you need help now, [get urgent help](/urgent-help).',
      '## How listings are checked',
      'Each listing comes from the organisation that runs the service. When an organisation changes a listing, an editor at the partnership reviews the change before it is published. Two things are published straight away because people need them at once: whether a service is taking new people, and when it is closed.',
      'Every listing says when a person last confirmed it was right. This is the date it was checked, not the date it was last edited.',
      '- Listings are checked at least **every 12 months**.',
      '- Some kinds of support change more often and are checked **every 6 months**: housing advice, and money, benefits and debt advice.',
      '- A month before a check is due, we remind the organisation. They can confirm the listing is still right with one click, or change it.',
      '- Once a check is due, the listing says **"Not checked since"** and the date under its title, and it appears lower in search results.',
      '- If a listing has still not been checked 3 months after it was due, we take it out of search and the lists by area and type of support until it is checked. Its own page stays, with the warning.',
      'The urgent help page is owned by a named clinical lead and reviewed at least every 6 months.',
      '## If something is wrong',
      'Every service page has a link to **report a problem with this listing**. An editor reads every report, and the organisation that runs the service is told about it. You can also [suggest a listing](/suggest-a-listing) for a group or service we are missing.',
      '## More about this site',
      '- [Accessibility statement](/accessibility-statement)',
      '- [Privacy notice](/privacy-notice)',
    ],
  },
  {
    key: 'accessibility-statement',
    title: 'Accessibility statement',
    slug: 'accessibility-statement',
    summary:
      'How accessible this website is, what to do if you have difficulty using it, and how to report an accessibility problem.',
    owner: 'Signpost digital team, North and East London partnerships',
    reviewedOn: '2026-10-20',
    body: [
      'This accessibility statement applies to the Signpost directory of local support and activities, including its pages for community connectors and partner organisations.',
      'We want as many people as possible to be able to use this website. For example, that means you should be able to:',
      '- change colours, contrast levels and fonts using your browser or device settings',
      '- zoom in up to 400% without the text spilling off the screen',
      '- navigate most of the website using just a keyboard or speech recognition software',
      '- listen to most of the website using a screen reader',
      '- use every page, including search, forms and your saved list, with JavaScript turned off',
      'We have also made the text as simple as possible to understand. [AbilityNet](https://mcmw.abilitynet.org.uk/) has advice on making your device easier to use if you have a disability.',
      '## How accessible this website is',
      'This website is partially compliant with the [Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA standard, because of the issues listed below.',
      '## Known issues',
      '- The map on search results and service pages uses map images from another provider. The places on the map are also given as a numbered list, which is the way to use them with a screen reader.',
      '- Some listings are written by the organisations that run the services. We ask them to use plain English, but some descriptions may be long or use terms that are not explained.',
      '- If you are signed in (community connectors, partner organisations and editors) and do nothing for 30 minutes, you are signed out without a warning first, and anything you typed but did not save is lost. This fails WCAG 2.2 success criterion 2.2.1 (timing adjustable). We plan to warn people before this happens and let them stay signed in.',
      '## Feedback and contact information',
      'If you need information on this website in a different format, such as accessible PDF, large print, easy read, audio recording or braille, or you find a problem that is not listed on this page, email [signpost@example.org](mailto:signpost@example.org). We will reply within 5 working days.',
      '## Enforcement procedure',
      'The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "accessibility regulations"). If you are not happy with how we respond to your complaint, [contact the Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/).',
      '## Technical information about this website’s accessibility',
      'The North and East London community mental health partnerships are committed to making this website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.',
      '### Compliance status',
      'This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed under known issues.',
      '## How we tested this website',
      'Every kind of page is tested automatically each time the website changes, in the Chromium browser, with the axe accessibility checker against the WCAG 2.2 A and AA rules. Each page is tested twice: once with JavaScript and once with it turned off, the way some people browse on older phones or slow connections.',
      'We test with a keyboard only that a person can go from the home page to a type of support, to a service and to urgent help, and we test the main journeys in the browser with and without JavaScript: searching, saving services to My list, reporting a problem with a listing, and making and answering a referral. We check the service page on a small phone screen for text that spills off the side.',
      'Automated checks cannot find every problem, so we also act on what people tell us: every page asks "Is this page useful?" and the answers are read by the editorial team.',
      '## What we are doing to improve accessibility',
      'We fix accessibility problems as soon as they are found, and we review this statement at least every 12 months.',
    ],
  },
  {
    key: 'privacy-notice',
    title: 'Privacy notice',
    slug: 'privacy-notice',
    summary:
      'What personal information this website keeps, why, for how long, and who to ask about it. You can search the directory without giving any.',
    owner: 'Information governance lead, North and East London partnerships',
    reviewedOn: '2026-10-20',
    showDataProtectionContacts: true,
    body: [
      '## If you search or browse',
      'You can find support without an account and without telling us who you are. We do not use analytics or advertising cookies, and no page loads anything from another company, apart from map images on the pages that show a map.',
      '- **My list** keeps the services you save in a cookie in your browser for up to a year. It holds the services, nothing about you, and it is not sent anywhere else.',
      '- If you use **your location** to sort results by distance, your browser asks you first. The position goes into that search’s web address to sort the results; we do not store it.',
      '- To stop forms and links being misused, we count how often they are used from each connection, under a scrambled form of your internet address. These counts are not yet deleted on a schedule.',
      '## If you report a problem or answer "Is this page useful?"',
      'Reports and suggestions are about listings, so please do not put personal details in them. If you give your email address and tick that we may contact you, we keep it only to ask about your report.',
      '- Your email address is deleted **90 days** after the report is dealt with, or **12 months** after you sent it if that comes first.',
      '- What you write in "Is this page useful?" is deleted after **12 months**. We keep the yes or no answers as counts.',
      '- Editors see your email address only when they open the report, and each time they do this is recorded. The organisation that runs the service is never told who reported it.',
      '## If a community connector refers you to an activity',
      'A referral is a private link that your connector gives you. It lists the activities they suggested. It does not hold your name, and we store only a scrambled form of the link, so we cannot rebuild it.',
      'Only if you **agree to share your contact details** does the referral hold:',
      '- your name',
      '- one way to contact you: a phone number, a mobile number for texts, or an email address',
      '- the first half of your postcode (for example, N17)',
      'The organisations running those activities see these details so they can contact you. Each time they look at them, this is recorded. Your connector may also add a note for you, and you can agree separately to be asked for feedback.',
      'A referral closes when every activity on it has finished, or when its link expires (after 7 to 60 days, as your connector chose) or is cancelled. **6 months after it closes**, we remove your contact details, the note and any reasons written about it. We keep only counts, such as how many people were referred to each kind of activity, and never show small numbers.',
      'You can ask your connector to cancel the link at any time.',
      '## If you have an account (connectors, partner organisations and editors)',
      '- We keep your name, work email address, role and, for partners, your organisation, for as long as you have an account.',
      '- We keep your password only in a scrambled form that cannot be read back. Editors and administrators also have an authenticator app set up.',
      '- When you sign in, we keep a session with your internet address and browser. It ends after 30 minutes without use, or 12 hours after you signed in.',
      '- We record what accounts do with listings, referrals and reports (who did what, and when) in an audit log, so that we can answer questions about who saw or changed something. The log holds no one’s contact details.',
      '- Emails we send you, such as invitations, password resets and listing reminders, wait in an outbox until they are sent through GOV.UK Notify.',
      '## Our lawful basis',
      'We run the directory as part of providing NHS community mental health services, a task in the public interest (UK GDPR Article 6(1)(e)). We use account details and the audit log on the same basis.',
      'A referral can say something about your health, which is special category data. We hold your contact details on a referral only with your **explicit consent** (UK GDPR Articles 6(1)(a) and 9(2)(a)), which you give to your connector, separately from agreeing to be asked for feedback. An email address on a problem report is also held with your consent.',
      '## Your rights',
      'You have the right to ask for a copy of the information we hold about you, to have it corrected, and, in many cases, to have it deleted or its use restricted. Where we rely on your consent, you can withdraw it at any time: tell your connector, or write to the data protection officer below.',
      'If you are unhappy with how we have used your information, you can complain to the [Information Commissioner’s Office](https://ico.org.uk/make-a-complaint/).',
    ],
  },
];

function buildSitePages(): Doc[] {
  return pageSpecs.map((spec) => ({
    ...system(
      uuidFor('page', spec.key),
      'page',
      Date.UTC(2025, 0, 6, 9, 10),
      Date.parse(`${spec.reviewedOn}T10:00:00Z`),
    ),
    title: spec.title,
    slug: { _type: 'slug', current: spec.slug },
    summary: spec.summary,
    body: portableText(spec.key, spec.body),
    ...(spec.showDataProtectionContacts ? { showDataProtectionContacts: true } : {}),
    owner: spec.owner,
    reviewedOn: spec.reviewedOn,
  }));
}

// ---------------------------------------------------------------------------------------------
// Checks and output
// ---------------------------------------------------------------------------------------------

function validate(docs: readonly Doc[]): void {
  const problems: string[] = [];
  for (const doc of docs) {
    const schema = documentSchemas[doc._type as keyof typeof documentSchemas];
    if (!schema) {
      problems.push(`${doc._id}: unknown type ${doc._type}`);
      continue;
    }
    const result = schema.safeParse(doc);
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push(`${doc._id} (${doc._type}) ${issue.path.join('.')}: ${issue.message}`);
    }
  }
  if (problems.length > 0) throw new Error(`sample data breaks the content profile:\n${problems.join('\n')}`);
}

function summarise(docs: readonly Doc[]): string {
  const services = docs.filter((d) => d._type === 'service');
  const count = (predicate: (d: Doc) => boolean) => services.filter(predicate).length;
  const yearAgo = isoDay(REFERENCE_DATE - 365 * DAY_MS);
  const byType = new Map<string, number>();
  for (const d of docs) byType.set(d._type, (byType.get(d._type) ?? 0) + 1);
  return [
    [...byType].map(([type, n]) => `${n} ${type}`).join(', '),
    `${count((s) => !s.free)} paid, ${count((s) => String(s.verifiedOn) < yearAgo)} verified over a year ago, ` +
      `${count((s) => s.status !== 'active')} not active, ${docs.filter((d) => d.confidential === true).length} confidential venues`,
  ].join('\n');
}

function main(): void {
  const { docs: organisations, locationDocs, orgs } = buildOrganisations();
  const docs: Doc[] = [
    ...buildAreas(),
    ...buildCategories(),
    ...organisations,
    ...locationDocs,
    ...buildServices(orgs),
    buildSiteSettings(),
    buildCrisisSupport(),
    ...buildSitePages(),
  ];
  validate(docs);
  const target = fileURLToPath(new URL('./sample.ndjson', import.meta.url));
  writeFileSync(target, `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`);
  console.log(`Wrote ${target}\n${summarise(docs)}`);
}

main();
