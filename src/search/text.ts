/**
 * Words in and words out: the one tokeniser used both to index listings and to read what
 * someone typed, so the two always agree. Output is letters and digits only, so no token can
 * carry lunr query syntax (`:`, `~`, `^`, `+`, `*`).
 */
import lunr from 'lunr';

/** Longest query we read; the params schema allows 200 characters, this guards direct callers. */
export const MAX_QUERY_CHARS = 400;
/** Words of a query we use; more rarely helps and every word costs a lookup. */
export const MAX_QUERY_TOKENS = 12;
/** Longer "words" are noise (pasted URLs, keyboard mashing) and are dropped. */
export const MAX_TOKEN_LENGTH = 30;

/**
 * Phrases joined into one token before indexing and searching, so "five-a-side" is not "five" and
 * "side", and "tai chi" stays one thing. Keys are space-separated tokens.
 */
const phrases: ReadonlyMap<string, string> = new Map(
  [
    'five a side',
    'tai chi',
    'mens shed',
    'men s shed',
    'table tennis',
    'ping pong',
    'universal credit',
    'council tax',
    'food bank',
    'coffee morning',
    'peer support',
    'mental health',
    'low mood',
    'hearing voices',
    'book club',
    'open mic',
    'board games',
    'rough sleeping',
    'domestic abuse',
    'domestic violence',
    'young people',
    'older people',
    'lived experience',
  ].map((phrase) => [phrase, phrase.replace(/ /g, '')]),
);
const longestPhrase = Math.max(...[...phrases.keys()].map((p) => p.split(' ').length));
const phraseStarts = new Set([...phrases.keys()].map((p) => p.split(' ')[0] as string));

const combiningMarks = /\p{M}+/gu;
const wordSplit = /[^\p{L}\p{N}]+/u;

/** Lower case, no accents ("Café" -> "cafe"), apostrophes removed ("carers'" -> "carers"). */
export function normalise(text: string): string {
  const clipped = text.slice(0, 10_000);
  // Most text is ASCII: decomposing it would only cost time.
  // eslint-disable-next-line no-control-regex
  const plain = /^[\x00-\x7f]*$/.test(clipped) ? clipped : clipped.normalize('NFKD').replace(combiningMarks, '');
  return plain.toLowerCase().replace(/['’‘`]/g, '');
}

/** Splits text into words of letters and digits, joining known phrases. */
export function words(text: string, limit = Infinity): string[] {
  const raw = normalise(text)
    .split(wordSplit)
    .filter((word) => word.length > 0 && word.length <= MAX_TOKEN_LENGTH);
  const out: string[] = [];
  for (let i = 0; i < raw.length && out.length < limit; i++) {
    let joined = false;
    if (!phraseStarts.has(raw[i] as string)) {
      out.push(raw[i] as string);
      continue;
    }
    for (let size = Math.min(longestPhrase, raw.length - i); size >= 2 && !joined; size--) {
      const phrase = phrases.get(raw.slice(i, i + size).join(' '));
      if (phrase) {
        out.push(phrase);
        i += size - 1;
        joined = true;
      }
    }
    if (!joined) out.push(raw[i] as string);
  }
  return out;
}

// lunr's English stop words, less a few that matter here ("get", "no", "not", "only", "other"),
// plus words in almost every query or listing that say nothing about what is wanted.
const stopWords = new Set<string>([
  'a',
  'able',
  'about',
  'across',
  'after',
  'all',
  'almost',
  'also',
  'am',
  'among',
  'an',
  'and',
  'any',
  'are',
  'as',
  'at',
  'be',
  'because',
  'been',
  'but',
  'by',
  'can',
  'cannot',
  'could',
  'dear',
  'did',
  'do',
  'does',
  'either',
  'else',
  'ever',
  'every',
  'for',
  'from',
  'got',
  'had',
  'has',
  'have',
  'he',
  'her',
  'hers',
  'him',
  'his',
  'how',
  'however',
  'i',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'just',
  'least',
  'let',
  'like',
  'likely',
  'may',
  'me',
  'might',
  'most',
  'must',
  'my',
  'neither',
  'nor',
  'of',
  'off',
  'often',
  'on',
  'or',
  'our',
  'own',
  'rather',
  'said',
  'say',
  'says',
  'she',
  'should',
  'since',
  'so',
  'some',
  'than',
  'that',
  'the',
  'their',
  'them',
  'then',
  'there',
  'these',
  'they',
  'this',
  'tis',
  'to',
  'too',
  'twas',
  'us',
  'wants',
  'was',
  'we',
  'were',
  'what',
  'when',
  'where',
  'which',
  'while',
  'who',
  'whom',
  'why',
  'will',
  'with',
  'would',
  'yet',
  'you',
  'your',
  'near',
  'nearby',
  'local',
  'service',
  'services',
]);

/** True for words too common to search on ("the", "near", "for"). */
export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** The English (Porter) stem lunr indexes a word under, memoised: the vocabulary is small. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = lunr.stemmer(new lunr.Token(word, {})).toString();
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Indexable terms of a text: words, minus stop words, stemmed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) if (!isStopWord(word)) out.push(stem(word));
  return out;
}

/**
 * What a person typed, as at most `MAX_QUERY_TOKENS` distinct words (not yet stemmed, so typo
 * tolerance can look at their real length). Never throws, whatever the input.
 */
export function queryWords(input: string): string[] {
  const text = typeof input === 'string' ? input.slice(0, MAX_QUERY_CHARS) : '';
  const seen = new Set<string>();
  for (const word of words(text, MAX_QUERY_TOKENS * 3)) {
    if (!isStopWord(word) && !seen.has(word)) seen.add(word);
    if (seen.size >= MAX_QUERY_TOKENS) break;
  }
  return [...seen];
}

// Rows reused by `editDistance` (tokens are at most MAX_TOKEN_LENGTH long): no allocation per call.
const rowSize = 64;
let rowBefore = new Int32Array(rowSize);
let rowPrevious = new Int32Array(rowSize);
let rowCurrent = new Int32Array(rowSize);

/**
 * Optimal string alignment distance (a swap of neighbours counts as one edit), giving up as soon
 * as it must exceed `max`. Used for typo tolerance over the vocabulary of stems.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  if (a.length >= rowSize || b.length >= rowSize) return max + 1;
  const n = b.length;
  let before = rowBefore;
  let previous = rowPrevious;
  let current = rowCurrent;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  [rowBefore, rowPrevious, rowCurrent] = [before, previous, current];
  return previous[n]!;
}
