/**
 * The fixed query mix of the benchmark: what residents and connectors type (single words, several
 * words, typos, synonyms, half-typed words, place names, stray punctuation), alone and with the
 * filters and places the search form offers. Deterministic: the same list on every run.
 */

/** One search as a query string (`q=...&free=1&location=N17`). */
export type BenchQuery = { query: string; q: string; filters: boolean; location: boolean };

const single = [
  'football',
  'yoga',
  'choir',
  'knitting',
  'debt',
  'housing',
  'benefits',
  'carers',
  'gardening',
  'library',
  'mosque',
  'church',
  'lunch',
  'tea',
  'walking',
  'swimming',
  'art',
  'pottery',
  'esol',
  'cv',
  'volunteering',
  'anxiety',
  'bereavement',
  'cricket',
  'meditation',
];
const multi = [
  'walking group',
  'coffee morning',
  'mens group',
  'hearing voices',
  'universal credit help',
  'food bank',
  'book club',
  'tai chi',
  'table tennis',
  'english classes',
  'young carers',
  'lunch club older people',
  'mental health football',
  'debt advice',
  'community garden',
  'art class for adults',
  'peer support anxiety',
  'help with energy bills',
  'job interview practice',
  'warm space',
];
const typos = [
  'fotball',
  'knittting',
  'gardning',
  'benifits',
  'mindfullness',
  'swiming',
  'volunteerring',
  'meditaton',
  'bereavment',
  'allotmnet',
  'ukelele',
  'pottey',
];
const synonyms = [
  'soccer',
  'five-a-side',
  'crochet',
  'sewing',
  'gurdwara',
  'synagogue',
  'temple',
  'lonely',
  'isolated',
  'bills',
  'money worries',
  'feeling lonely',
];
const partial = ['foot', 'knit', 'garde', 'medit', 'volunt', 'choi'];
const withPlace = ['football haringey', 'yoga hackney', 'choir camden', 'debt advice newham', 'knitting islington'];
const punctuation = ["men's group", 'arts & crafts', 'debt/money', 'football:', 'five-a-side (soccer)?'];
/** Everyday words read into filters and places (`src/search/interpret.ts`). */
const everyday = [
  'something to do on sunday',
  'turkish',
  'groups in polish',
  'choir in hackney',
  'near tottenham',
  'over 50s',
  'women only',
  'open now',
  'tonight',
  'wheelchair access this weekend',
];

/** Every distinct text typed, 95 of them. */
export const texts = [
  ...single,
  ...multi,
  ...typos,
  ...synonyms,
  ...partial,
  ...withPlace,
  ...punctuation,
  ...everyday,
];

const filterSets = [
  'category=sport-and-fitness',
  'free=1',
  'day=saturday',
  'time=evening',
  'age=70',
  'access=drop-in',
  'accessible=1',
  'accepting=1',
  'remote=online',
  'area=haringey',
  'category=money-benefits-and-debt&free=1',
  'day=monday&day=tuesday&time=morning',
  'area=newham&area=tower-hamlets',
  'age=17&free=1',
  'category=cafes-and-social-groups&day=friday',
  'category=wellbeing&accessible=1&accepting=1',
  'when=now',
  'when=week&language=turkish',
  'audience=older-people',
];
const locations = [
  'location=N17',
  'location=E13',
  'location=E8&radius=2',
  'location=N1',
  'location=NW5&radius=1',
  'location=EN3&radius=10',
  'location=E1',
  'location=N22',
  'location=N17+9LA',
  'location=E13+8AA&radius=2',
  'location=EC1V+2NX',
  'location=Haringey',
  'location=Tower+Hamlets',
  'location=Hackney&radius=10',
  'location=Camden',
  'location=Islington&radius=2',
  'location=Newham',
  'location=N16',
  'location=E15&radius=20',
  'location=Tottenham',
  'location=Luton',
];

function entry(q: string, filters: string, location: string): BenchQuery {
  const parts = [q ? `q=${encodeURIComponent(q)}` : '', filters, location].filter(Boolean);
  return { query: parts.join('&'), q, filters: filters !== '', location: location !== '' };
}

/**
 * 315 searches: every text alone (95), every text with a filter (95), every text with a place
 * (95, a third of them with a filter as well), and 30 with no words (browsing by filters and place).
 */
export function queryMix(): BenchQuery[] {
  const mix: BenchQuery[] = [];
  texts.forEach((q, i) => {
    mix.push(entry(q, '', ''));
    mix.push(entry(q, filterSets[i % filterSets.length] as string, ''));
    mix.push(
      entry(
        q,
        i % 3 === 0 ? (filterSets[(i * 7) % filterSets.length] as string) : '',
        locations[i % locations.length] as string,
      ),
    );
  });
  for (let i = 0; i < 30; i++) {
    mix.push(
      entry(
        '',
        i % 3 === 2 ? '' : (filterSets[(i * 5) % filterSets.length] as string),
        i % 3 === 0 ? '' : (locations[(i * 3) % locations.length] as string),
      ),
    );
  }
  return mix;
}
