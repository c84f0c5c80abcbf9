/**
 * The words people in London use for the same kinds of support, expanded when someone searches
 * (never at index time, so a change here needs no rebuild). Category keywords from the CMS are
 * indexed as well, so editors can add words without a code change; this list covers the words
 * people type that listings rarely use ("lonely" for a befriending scheme, "mosque" for a faith
 * centre's drop-in).
 */
import { stem, words } from './text';

/** Any word of the group finds the others. */
const equivalents: readonly (readonly string[])[] = [
  ['football', 'soccer', 'five-a-side', 'futsal', 'kickabout'],
  ['gym', 'fitness', 'exercise', 'workout'],
  ['walking', 'walks', 'walk', 'walkers', 'rambling', 'ramble', 'rambles', 'ramblers', 'hiking', 'hike', 'strolling'],
  ['running', 'jogging', 'parkrun'],
  ['cycling', 'cycle', 'bike', 'bikes', 'bicycle'],
  ['swimming', 'swim', 'swims', 'pool', 'swimmers'],
  ['kayaking', 'kayak', 'canoeing', 'canoe', 'paddleboarding', 'paddle', 'rowing'],
  ['yoga', 'pilates', 'stretching'],
  ['tai chi', 'qigong'],
  ['table tennis', 'ping pong'],
  ['dance', 'dancing', 'zumba', 'ballroom'],
  ['boxing', 'boxercise', 'kickboxing'],
  ['photography', 'photo', 'photos', 'photographs', 'camera'],
  ['woodwork', 'woodworking', 'carpentry', 'diy'],
  ['repair', 'repairs', 'fix', 'fixing', 'mending', 'mend'],
  ['choir', 'singing', 'sing', 'singers', 'vocal'],
  ['knitting', 'crochet', 'sewing', 'stitching', 'needlework', 'embroidery', 'quilting', 'yarn'],
  ['pottery', 'ceramics', 'clay'],
  ['writing', 'poetry', 'poems', 'creative writing'],
  ['allotment', 'gardening', 'garden', 'growing', 'horticulture'],
  // Debt and benefits are different kinds of help: a word for one must not rank the other first.
  ['debt', 'debts', 'arrears', 'bailiffs', 'budgeting', 'loans', 'owe', 'overdraft'],
  ['benefits', 'universal credit', 'pip', 'esa', 'dwp'],
  ['job', 'jobs', 'employment', 'work', 'career', 'cv', 'unemployed', 'jobseeker', 'jobcentre'],
  ['volunteer', 'volunteering'],
  ['carer', 'carers', 'caring'],
  ['housing', 'homeless', 'homelessness', 'eviction', 'evicted', 'landlord', 'tenancy', 'rough sleeping'],
  ['food', 'food bank', 'foodbank', 'pantry', 'groceries', 'hungry', 'parcels', 'parcel', 'supermarket'],
  ['computer', 'computers', 'digital', 'internet', 'laptop', 'tablet', 'tablets', 'smartphone', 'wifi', 'email'],
  ['english', 'esol'],
  ['lessons', 'lesson', 'classes', 'class', 'course', 'courses', 'learn', 'learning', 'beginners', 'tuition'],
  ['cafe', 'coffee', 'tea', 'cuppa'],
  ['women', 'woman', 'ladies', 'female'],
  ['older people', 'older', 'elderly', 'pensioner', 'pensioners', 'seniors', 'retired', '50s', '55s', '60s', '65s'],
  ['young people', 'young', 'youth', 'teenager', 'teenagers', 'teens'],
  ['children', 'kids', 'family', 'families', 'parents'],
  ['lgbt', 'lgbtq', 'lgbtqi', 'gay', 'lesbian', 'trans', 'queer', 'bisexual'],
  ['bereavement', 'bereaved', 'grief', 'grieving', 'loss', 'widow', 'widowed', 'widower'],
  ['domestic abuse', 'domestic violence', 'abuse', 'refuge', 'coercive'],
  ['cooking', 'cookery', 'baking'],
  ['games', 'board games', 'cards', 'dominoes', 'chess', 'draughts'],
  ['refugee', 'refugees', 'asylum', 'migrant', 'migrants'],
  ['dementia', 'alzheimers'],
  ['autism', 'autistic', 'adhd', 'neurodivergent'],
  ['sleep', 'insomnia'],
  ['mindfulness', 'meditation', 'relaxation'],
  ['anxiety', 'anxious', 'stress', 'stressed', 'panic'],
  ['depression', 'depressed', 'low mood', 'sad'],
  ['bipolar', 'mania', 'manic', 'mood'],
  ['hearing voices', 'voices', 'psychosis', 'schizophrenia'],
  ['warm space', 'warm', 'heating'],
  ['library', 'libraries', 'books', 'reading', 'book club'],
  ['helpline', 'hotline', 'phone', 'telephone', 'phoneline'],
];

/** The words on the left find the words on the right (a mosque finds faith centres, not the reverse). */
const oneWay: readonly (readonly [readonly string[], readonly string[]])[] = [
  [
    ['church', 'mosque', 'masjid', 'gurdwara', 'temple', 'mandir', 'synagogue', 'shul', 'chapel', 'prayer', 'worship'],
    ['faith', 'religious', 'spiritual'],
  ],
  [
    ['religious', 'religion', 'spiritual', 'faith'],
    ['faith', 'church', 'mosque', 'gurdwara', 'temple', 'synagogue'],
  ],
  [
    ['lonely', 'loneliness', 'isolated', 'isolation', 'alone', 'lonesome', 'friends', 'friendship'],
    ['lonely', 'isolated', 'social', 'befriending', 'friendship', 'company'],
  ],
  [
    ['knitting', 'crochet', 'sewing', 'embroidery', 'painting', 'drawing', 'pottery'],
    ['craft', 'crafts', 'art'],
  ],
  [
    ['crafts', 'craft'],
    ['knitting', 'sewing', 'art'],
  ],
  [
    ['painting', 'drawing', 'sketching'],
    ['art', 'creative'],
  ],
  [['guitar', 'drumming', 'drums', 'ukulele', 'band', 'piano', 'rap'], ['music']],
  [['singing', 'choir'], ['music']],
  [
    ['gym', 'workout', 'fitness'],
    ['sport', 'boxing'],
  ],
  [
    ['mental', 'wellbeing'],
    ['mental health', 'wellbeing', 'peer support'],
  ],
  [['peer'], ['peer support']],
  [
    ['talk', 'talking', 'listening', 'listen'],
    ['talk', 'listening', 'peer support'],
  ],
  [
    ['drugs', 'alcohol', 'addiction', 'drinking', 'substance'],
    ['addiction', 'recovery'],
  ],
  [
    ['men', 'male', 'mens', 'guys'],
    ['men', 'mens shed'],
  ],
  [
    ['nature', 'parks', 'park', 'wildlife', 'outdoors'],
    ['nature', 'outdoors', 'gardening'],
  ],
  [
    ['mum', 'mums', 'dad', 'dads', 'parent'],
    ['family', 'parents'],
  ],
  [
    ['cv', 'interview', 'interviews'],
    ['jobs', 'employment'],
  ],
  [['pip', 'esa', 'dwp', 'claim', 'claiming'], ['benefits']],
  // "Memory" finds dementia support; "dementia" must not find every mention of memories.
  [
    ['memory', 'forgetful', 'forgetting'],
    ['dementia', 'alzheimers'],
  ],
  // Someone worried wants help with anxiety; "anxiety" should not find every "money worries" line.
  [
    ['worry', 'worried', 'worrying', 'worries'],
    ['anxiety', 'stress', 'worry'],
  ],
  [
    ['money', 'financial', 'finances', 'broke', 'skint', 'cash'],
    ['money', 'debt', 'benefits', 'bills', 'budgeting'],
  ],
  [
    ['energy', 'gas', 'electricity'],
    ['bills', 'energy'],
  ],
  [
    ['hungry', 'meal', 'meals', 'lunch', 'dinner', 'supper'],
    ['food', 'meal', 'lunch'],
  ],
  [
    ['esol', 'english'],
    ['language', 'conversation'],
  ],
  // No bereavement services are listed yet: listening lines and peer groups are who helps.
  [
    ['bereavement', 'bereaved', 'grief', 'grieving', 'loss', 'widowed'],
    ['listening', 'emotional', 'talk'],
  ],
  [
    ['counselling', 'counseling', 'counsellor', 'therapy', 'therapist', 'talking'],
    ['listening', 'emotional', 'talk', 'peer support'],
  ],
  [['kayaking', 'canoeing', 'paddleboarding', 'swimming', 'rowing'], ['water']],
  [
    ['chat', 'chatting', 'company'],
    ['social', 'befriending'],
  ],
];

/** Most expansions a word gets; the first listed are the closest in meaning. */
const MAX_EXPANSIONS = 8;

/** Stems of single words and known phrases ("five-a-side"); other multi-word entries would only add noise. */
function stems(list: readonly string[]): string[] {
  return list.flatMap((entry) => {
    const tokens = words(entry);
    return tokens.length === 1 ? [stem(tokens[0] as string)] : [];
  });
}

function buildTable(): ReadonlyMap<string, readonly string[]> {
  const table = new Map<string, string[]>();
  const add = (from: string, to: readonly string[]) => {
    const list = table.get(from) ?? [];
    for (const target of to) if (target !== from && !list.includes(target)) list.push(target);
    table.set(from, list);
  };
  for (const group of equivalents) {
    const groupStems = stems(group);
    for (const from of groupStems) add(from, groupStems);
  }
  for (const [from, to] of oneWay) {
    const targets = stems(to);
    for (const source of stems(from)) add(source, targets);
  }
  for (const [key, list] of table) table.set(key, list.slice(0, MAX_EXPANSIONS));
  return table;
}

const table = buildTable();

/** Stems that should also be searched for a stem someone typed, closest first. */
export function synonymsOf(stemmed: string): readonly string[] {
  return table.get(stemmed) ?? [];
}
