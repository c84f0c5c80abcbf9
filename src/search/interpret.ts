/**
 * Reads residents' words into filters: "something to do on sunday" is the Sunday filter, "groups
 * in polish" the Polish language filter, "choir in hackney" the place Hackney, "over 50s" the
 * older people audience, "step-free" the step-free filter. What is understood becomes parameters
 * and is taken out of the words, with the filler around it ("something", "to", "do", "groups",
 * "near me"), so the engine only needs the real content words ("choir") to match.
 *
 * Pure and cheap: one pass of Map lookups over at most a few dozen tokens (no regular expression
 * over content), the same for the page and the JSON API. The URL keeps the words as typed; each
 * request reads them again, and each reading carries the search without it (its words taken out,
 * so it is not read again): the "remove" link of its "Showing:" chip.
 *
 * Order of reading: protected phrases that only look like filters ("coffee morning", "young at
 * heart", "mens shed") stay words; then the longest known phrase at each position (days, times,
 * "open now", languages in the content, who it is for, step-free, free); then a place, only when
 * the search has none: the longest run of words after "in", "near" or "around", else at the end.
 */
import {
  audiences,
  defaultSort,
  hasLocation,
  normaliseLocation,
  timeBands,
  weekdays,
  whenChoices,
  type Audience,
  type SearchParams,
  type TimeBand,
  type Weekday,
  type When,
} from './params';
import type { PlaceResult } from './place';
import { dayLabels, timeLabels, whenLabels } from './labels';
import { londonDateOf } from '../schedules/index';
import words from './search-words.json' with { type: 'json' };
import { normalise } from './text';

/** One thing a reading sets. Repeatable parameters gain the value; single ones are set if unset. */
export type Effect =
  | { param: 'day'; value: Weekday }
  | { param: 'time'; value: TimeBand }
  | { param: 'when'; value: When }
  | { param: 'language'; value: string }
  | { param: 'audience'; value: Audience }
  | { param: 'free' | 'accessible' }
  | { param: 'location'; value: string };

/** What was understood in the words, for a "Showing:" chip and the JSON API. */
export type Interpretation = {
  kind: 'day' | 'time' | 'when' | 'language' | 'audience' | 'accessible' | 'free' | 'place';
  /** The words as typed that were read, with their little words ("on sunday", "in Polish"). */
  phrase: string;
  /** How it reads on the page: "Sunday", "Turkish", "near Tottenham". */
  label: string;
  /** The parameters it set. */
  effects: Effect[];
  /** The search as asked without this reading: its phrase taken out of the words, page 1. */
  without: SearchParams;
};

export type Interpreted = {
  /** The search to run: the understood filters added, the words left for text matching. */
  params: SearchParams;
  /** What was understood, in the order typed. */
  understood: Interpretation[];
  /** The words ask for somewhere near ("near me", "nearby") but the search has no place to measure from. */
  wantsPlace: boolean;
};

type Reading = {
  kind: Interpretation['kind'];
  label: string | ((now: Date) => string);
  effects: Effect[] | ((now: Date) => Effect[]);
};

/**
 * Reads a `location` the way the engine will (the engine's `resolvePlace`). `knows`, when the
 * resolver has it, answers "would this resolve?" more cheaply and is tried first.
 */
export type ResolvePlace = ((params: Pick<SearchParams, 'location'>) => PlaceResult | undefined) & {
  knows?: (text: string) => boolean;
};

/** What interpretation knows beyond fixed words: built once per search index (`createLexicon`). */
export type Lexicon = {
  /** Space-joined normalised tokens -> a reading, or null for a protected phrase that stays words. */
  phrases: ReadonlyMap<string, Reading | null>;
  longest: number;
  resolvePlace?: ResolvePlace;
};

export type InterpretContext = { lexicon: Lexicon; now: Date };

// ---------------------------------------------------------------------------------------------
// Word lists (the phrases are data: `search-words.json`)
// ---------------------------------------------------------------------------------------------

/** Words that say nothing about what is wanted once the rest is understood. */
const filler = new Set(words.filler);
/** "near me", "nearby": the person wants somewhere close, which needs a place (space-joined keys). */
const nearby = new Set(words.nearby);

/** Little words before a reading that belong to it ("on sunday", "in the evening", "for women"). */
const leading = new Set(['on', 'every', 'at', 'this', 'in', 'the', 'for', 'during', 'by', 'open', 'next']);
const leadingPlace = new Set(['in', 'near', 'around', 'at', 'the']);
/** Little words after a reading that belong to it ("women only", "turkish speaking"). */
const trailing = new Set(['only']);
const trailingLanguage = new Set(['only', 'speaking', 'speakers', 'speaker', 'language']);
/** Words after which a place is looked for first. */
const placeTriggers = new Set(['in', 'near', 'around']);
/** Longest run of words tried as a place name ("south tottenham hale" is 3). */
const MAX_PLACE_WORDS = 4;

const londonWeekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long' });

/** The London weekday of `now`, or of the day `plusDays` after (at noon, so clock changes cannot skip it). */
function weekdayOf(now: Date, plusDays = 0): Weekday {
  const noon = new Date(`${londonDateOf(now)}T12:00:00Z`);
  const day = londonWeekday.format(new Date(noon.getTime() + plusDays * 86_400_000)).toLowerCase();
  return (weekdays as readonly string[]).includes(day) ? (day as Weekday) : 'monday';
}

const bandLabel = (band: TimeBand) => (timeLabels[band] ?? band).replace(/ \(.*\)$/, '');

function fixedReadings(): [string, Reading | null][] {
  // Phrases that look like a filter but are what people want ("coffee morning"): kept as words.
  const out: [string, Reading | null][] = words.protected.map((phrase) => [phrase, null]);
  for (const day of weekdays) {
    const reading: Reading = { kind: 'day', label: dayLabels[day] ?? day, effects: [{ param: 'day', value: day }] };
    out.push([day, reading], [`${day}s`, reading], [`${day} s`, reading]);
  }
  const weekend: Reading = {
    kind: 'day',
    label: 'Weekend',
    effects: [
      { param: 'day', value: 'saturday' },
      { param: 'day', value: 'sunday' },
    ],
  };
  for (const phrase of ['weekend', 'weekends', 'the weekend', 'this weekend', 'at weekends'])
    out.push([phrase, weekend]);
  const weekdaysReading: Reading = {
    kind: 'day',
    label: 'Weekdays',
    effects: weekdays.slice(0, 5).map((value) => ({ param: 'day' as const, value })),
  };
  for (const phrase of words.weekdays) out.push([phrase, weekdaysReading]);
  const tomorrow: Reading = {
    kind: 'day',
    label: (now) => `Tomorrow (${dayLabels[weekdayOf(now, 1)]})`,
    effects: (now) => [{ param: 'day', value: weekdayOf(now, 1) }],
  };
  for (const phrase of words.tomorrow) out.push([phrase, tomorrow]);
  for (const band of timeBands) {
    const reading: Reading = { kind: 'time', label: bandLabel(band), effects: [{ param: 'time', value: band }] };
    for (const phrase of words.times[band]) out.push([phrase, reading]);
  }
  const when = (value: When): Reading => ({
    kind: 'when',
    label: whenLabels[value] ?? value,
    effects: [{ param: 'when', value }],
  });
  for (const value of whenChoices) for (const phrase of words.when[value]) out.push([phrase, when(value)]);
  const tonight: Reading = {
    kind: 'when',
    label: 'Tonight',
    effects: [
      { param: 'when', value: 'today' },
      { param: 'time', value: 'evening' },
    ],
  };
  for (const phrase of words.when.tonight) out.push([phrase, tonight]);
  for (const audience of audiences) {
    const { label, words: phrases } = words.audiences[audience];
    const reading: Reading = { kind: 'audience', label, effects: [{ param: 'audience', value: audience }] };
    for (const phrase of phrases) out.push([phrase, reading]);
  }
  const stepFree: Reading = { kind: 'accessible', label: 'Step-free venue', effects: [{ param: 'accessible' }] };
  for (const phrase of words.stepFree) out.push([phrase, stepFree]);
  const free: Reading = { kind: 'free', label: 'Free', effects: [{ param: 'free' }] };
  for (const phrase of words.free) out.push([phrase, free]);
  return out;
}

/** Tokens of a phrase, as `interpretQuery` reads them. */
function phraseKey(text: string): string {
  return tokenise(text)
    .map((token) => token.key)
    .join(' ');
}

/**
 * The words interpretation knows: the fixed lists above plus the languages some listing is in
 * (English, which every listing offers, is left out) and the place resolver of the index.
 */
export function createLexicon(options: {
  languages: readonly { slug: string; name: string }[];
  resolvePlace?: ResolvePlace;
}): Lexicon {
  const phrases = new Map<string, Reading | null>();
  for (const [phrase, reading] of fixedReadings()) phrases.set(phraseKey(phrase), reading);
  for (const { slug, name } of options.languages) {
    if (slug === 'english') continue;
    const reading: Reading = { kind: 'language', label: name, effects: [{ param: 'language', value: slug }] };
    // Other names people use for a language ("BSL", "Persian"), by the name listings give it.
    const aliases = (words.languageAliases as Record<string, string[] | undefined>)[name] ?? [];
    for (const phrase of [name, ...aliases]) phrases.set(phraseKey(phrase), reading);
  }
  const longest = Math.max(...[...phrases.keys()].map((key) => key.split(' ').length));
  return { phrases, longest, ...(options.resolvePlace ? { resolvePlace: options.resolvePlace } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

type Token = { key: string; start: number; end: number };
const tokenPattern = /[\p{L}\p{N}]+(?:['’‘][\p{L}]+)*\+?/gu;
/** More tokens than this are not read (the params schema allows 200 characters). */
const MAX_TOKENS = 40;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(tokenPattern)) {
    tokens.push({ key: normalise(match[0]), start: match.index, end: match.index + match[0].length });
    if (tokens.length >= MAX_TOKENS) break;
  }
  return tokens;
}

/** The words without the characters from `start` to `end`, spaces tidied. */
function cut(text: string, start: number, end: number): string {
  return `${text.slice(0, start)} ${text.slice(end)}`.replace(/\s+/g, ' ').trim();
}

/** Adds an effect to the search; false when the search already had it. */
function apply(params: SearchParams, effect: Effect): boolean {
  switch (effect.param) {
    case 'day':
    case 'time':
    case 'language':
    case 'audience': {
      const list = params[effect.param] as string[];
      if (list.includes(effect.value)) return false;
      // Canonical order, as the params schema gives it, so equal searches have equal URLs.
      const order: readonly string[] =
        effect.param === 'day'
          ? weekdays
          : effect.param === 'time'
            ? timeBands
            : effect.param === 'audience'
              ? audiences
              : [...list, effect.value].sort();
      (params as Record<string, unknown>)[effect.param] = order.filter((v) => v === effect.value || list.includes(v));
      return true;
    }
    case 'when':
      if (params.when !== undefined) return false;
      params.when = effect.value;
      return true;
    case 'free':
    case 'accessible':
      if (params[effect.param]) return false;
      params[effect.param] = true;
      return true;
    case 'location':
      if (hasLocation(params)) return false;
      {
        // A sort left at its default follows the default for a search with a place.
        const wasDefault = params.sort === defaultSort(params);
        params.location = effect.value;
        if (wasDefault) params.sort = defaultSort(params);
      }
      return true;
  }
}

/**
 * Reads the words of a search (`params.q`) into filters. Returns the search to run (words left
 * for text matching in `q`) and what was understood; a search with no words comes back as it is.
 */
export function interpretQuery(params: SearchParams, context: InterpretContext): Interpreted {
  const tokens = tokenise(params.q);
  if (tokens.length === 0) return { params, understood: [], wantsPlace: false };
  const { lexicon, now } = context;
  // 0: a word still to match; 1: read into a filter; 2: kept as a word (protected phrase).
  const state = new Uint8Array(tokens.length);
  const next: SearchParams = {
    ...params,
    day: [...params.day],
    time: [...params.time],
    language: [...params.language],
    audience: [...params.audience],
  };
  const found: { first: number; last: number; kind: Interpretation['kind']; label: string; effects: Effect[] }[] = [];

  /** Marks tokens first..last read, with the little words around them. */
  const take = (first: number, last: number, kind: Interpretation['kind'], label: string, effects: Effect[]) => {
    const before = kind === 'place' ? leadingPlace : leading;
    while (first > 0 && state[first - 1] === 0 && before.has(tokens[first - 1]!.key)) first--;
    const after = kind === 'language' ? trailingLanguage : trailing;
    while (last + 1 < tokens.length && state[last + 1] === 0 && after.has(tokens[last + 1]!.key)) last++;
    for (let k = first; k <= last; k++) state[k] = 1;
    found.push({ first, last, kind, label, effects });
  };

  // Known phrases, longest first at each position.
  for (let i = 0; i < tokens.length; i++) {
    if (state[i] !== 0) continue;
    for (let size = Math.min(lexicon.longest, tokens.length - i); size >= 1; size--) {
      const key = tokens
        .slice(i, i + size)
        .map((token) => token.key)
        .join(' ');
      if (!lexicon.phrases.has(key)) continue;
      const reading = lexicon.phrases.get(key);
      if (reading === null || reading === undefined) {
        for (let k = i; k < i + size; k++) state[k] = 2;
      } else {
        const label = typeof reading.label === 'function' ? reading.label(now) : reading.label;
        const effects = typeof reading.effects === 'function' ? reading.effects(now) : reading.effects;
        take(i, i + size - 1, reading.kind, label, effects);
      }
      i += size - 1;
      break;
    }
  }

  // A place, when the search has none: after "in", "near" or "around" first, else at the end.
  if (lexicon.resolvePlace && !hasLocation(params)) {
    const resolve = lexicon.resolvePlace;
    /** Reads tokens first..last as the place when the resolver knows them; true when it did. */
    const placeAt = (first: number, last: number): boolean => {
      for (let k = first; k <= last; k++) if (state[k] !== 0 || filler.has(tokens[k]!.key)) return false;
      const location = normaliseLocation(params.q.slice(tokens[first]!.start, tokens[last]!.end));
      if (location === undefined || resolve.knows?.(location) === false) return false;
      const resolved = resolve({ location });
      if (!resolved?.ok) return false;
      take(first, last, 'place', `near ${resolved.place.label}`, [{ param: 'location', value: location }]);
      return true;
    };
    let placed = false;
    for (let t = 0; t < tokens.length - 1 && !placed; t++) {
      if (state[t] !== 0 || !placeTriggers.has(tokens[t]!.key)) continue;
      for (let last = Math.min(tokens.length - 1, t + MAX_PLACE_WORDS); last > t && !placed; last--) {
        placed = placeAt(t + 1, last);
      }
    }
    // At the end: the last words that are neither read nor filler ("football haringey on sunday").
    let end = tokens.length - 1;
    while (end >= 0 && (state[end] === 1 || (state[end] === 0 && filler.has(tokens[end]!.key)))) end--;
    for (let first = Math.max(0, end - MAX_PLACE_WORDS + 1); !placed && end >= 0 && first <= end; first++) {
      placed = placeAt(first, end);
    }
  }

  // What is left for text matching: every word not read and not filler.
  const kept: string[] = [];
  tokens.forEach((token, k) => {
    if (state[k] === 2 || (state[k] === 0 && !filler.has(token.key))) kept.push(params.q.slice(token.start, token.end));
  });
  const understood: Interpretation[] = [];
  found.sort((a, b) => a.first - b.first);
  for (const reading of found) {
    // A reading the search already had (a ticked filter) is taken out of the words but not shown.
    const changed = reading.effects.map((effect) => apply(next, effect)).some(Boolean);
    if (!changed) continue;
    understood.push({
      kind: reading.kind,
      phrase: params.q.slice(tokens[reading.first]!.start, tokens[reading.last]!.end),
      label: reading.label,
      effects: reading.effects,
      without: {
        ...params,
        q: cut(params.q, tokens[reading.first]!.start, tokens[reading.last]!.end),
        page: 1,
      },
    });
  }
  // Up to 4 words at each position ("near where i live").
  const asksNearby = tokens.some((_, k) =>
    [1, 2, 3, 4].some((size) =>
      nearby.has(
        tokens
          .slice(k, k + size)
          .map((token) => token.key)
          .join(' '),
      ),
    ),
  );
  // Asked after the readings are applied: a place read from the words is a place.
  const wantsPlace = asksNearby && !hasLocation(next);

  // With nothing understood the words are searched as typed, unless they are all filler
  // ("things to do", "activities near me"): that asks for anything, so everything is shown.
  if (found.length === 0) {
    return { params: kept.length === 0 ? { ...params, q: '' } : params, understood: [], wantsPlace };
  }
  return { params: { ...next, q: kept.join(' ') }, understood, wantsPlace };
}
