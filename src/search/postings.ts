/**
 * The text index: lunr's scoring model (BM25 field vectors with field boosts, as `lunr.Builder`
 * computes them) kept as compact typed arrays instead of lunr's object graph.
 *
 * Measured at 10k services: lunr's in-memory index took 109 MB (946 MB at 100k) and `Index#query`
 * had a p95 of 77 ms, against a budget of 10 ms and a 300 MB server. The same numbers in typed
 * arrays take a few MB and score a query in well under a millisecond. `toLunrIndex` rebuilds a
 * real `lunr.Index` from them (its `toJSON` loads with `lunr.Index.load`), which the tests use as
 * the reference the fast scorer must agree with.
 */
import lunr from 'lunr';
import type { Steps } from './turns';

/** Field boosts: a word in the name counts most, then categories and tags, then the summary. */
export const fieldBoosts = { name: 6, category: 3, tags: 3, keywords: 1.5, organisation: 1.5, summary: 1 } as const;
export type Field = keyof typeof fieldBoosts;
export const fields = Object.keys(fieldBoosts) as Field[];

/** lunr's BM25 constants (`lunr.Builder` defaults). */
const K1 = 1.2;
const B = 0.75;

/**
 * Postings sorted by term, then service, then field: those of term t are `start[t]` to
 * `start[t + 1]`. `milli` is the BM25 weight times 1000: lunr rounds weights to 3 decimals, so
 * `milli / 1000` is exactly lunr's number.
 */
export type Postings = {
  /** Indexed terms; a term's position is its lunr term index. */
  terms: string[];
  services: number;
  start: Uint32Array;
  doc: Int32Array;
  field: Uint8Array;
  milli: Int32Array;
};

/**
 * Builds postings from each service's terms per field (already normalised and stemmed), as
 * steps (see `./turns.ts`): it yields after each service and each stretch of the weighting.
 */
export function* buildPostingsSteps(perService: readonly Record<Field, readonly string[]>[]): Steps<Postings> {
  const count = perService.length;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  // Entries in service order, four numbers each: term, service, field, frequency. One typed
  // array, doubled as it fills: at 10k services there are about a million entries, which as
  // arrays of numbers cost four times the memory and as many copies for the collector.
  let entries = new Int32Array(1 << 16);
  let entryCount = 0;
  const totalLength = new Float64Array(fields.length);
  const fieldLength = fields.map(() => new Uint32Array(count));
  for (let doc = 0; doc < count; doc++) {
    const service = perService[doc]!;
    fields.forEach((field, f) => {
      const tokens = service[field];
      fieldLength[f]![doc] = tokens.length;
      totalLength[f]! += tokens.length;
      const tf = new Map<number, number>();
      for (const term of tokens) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = terms.length;
          termIds.set(term, id);
          terms.push(term);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      for (const [id, frequency] of tf) {
        if (entryCount * 4 === entries.length) {
          const grown = new Int32Array(entries.length * 2);
          grown.set(entries);
          entries = grown;
        }
        const at = entryCount++ * 4;
        entries[at] = id;
        entries[at + 1] = doc;
        entries[at + 2] = f;
        entries[at + 3] = frequency;
      }
    });
    yield;
  }

  // lunr's idf counts a service once per field holding the term.
  const withTerm = new Uint32Array(terms.length);
  for (let e = 0; e < entryCount; e++) withTerm[entries[e * 4]!]!++;
  const idf = Float64Array.from(withTerm, (n) => Math.log(1 + Math.abs((count - n + 0.5) / (n + 0.5))));
  // lunr averages over every service, including those with the field empty.
  const average = Float64Array.from(totalLength, (total) => total / count || 1);

  const start = new Uint32Array(terms.length + 1);
  for (let e = 0; e < entryCount; e++) start[entries[e * 4]! + 1]!++;
  for (let t = 0; t < terms.length; t++) start[t + 1]! += start[t]!;
  const next = start.slice(0, terms.length);
  const doc = new Int32Array(entryCount);
  const field = new Uint8Array(entryCount);
  const milli = new Int32Array(entryCount);
  for (let e = 0; e < entryCount; e++) {
    if ((e & 0xffff) === 0) yield;
    const t = entries[e * 4]!;
    const d = entries[e * 4 + 1]!;
    const f = entries[e * 4 + 2]!;
    const tf = entries[e * 4 + 3]!;
    const length = fieldLength[f]![d]!;
    const score =
      ((idf[t]! * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (length / average[f]!)) + tf)) *
      fieldBoosts[fields[f] as Field];
    const at = next[t]!++;
    doc[at] = d;
    field[at] = f;
    milli[at] = Math.round(score * 1000);
  }
  return { terms, services: count, start, doc, field, milli };
}

/** A real `lunr.Index` with exactly these postings (for `Index#query` and `toJSON`). */
export function toLunrIndex(postings: Postings): lunr.Index {
  const invertedIndex: Record<string, Record<string, unknown>> = Object.create(null);
  const vectors = new Map<string, number[]>();
  postings.terms.forEach((term, t) => {
    const posting: Record<string, unknown> = Object.create(null);
    posting._index = t;
    for (const name of fields) posting[name] = Object.create(null);
    for (let k = postings.start[t]!; k < postings.start[t + 1]!; k++) {
      const name = fields[postings.field[k]!] as Field;
      (posting[name] as Record<string, object>)[String(postings.doc[k])] = {};
      const key = `${name}/${postings.doc[k]}`;
      const elements = vectors.get(key) ?? [];
      // Terms are visited in index order, so each vector stays sorted as lunr requires.
      elements.push(t, postings.milli[k]! / 1000);
      vectors.set(key, elements);
    }
    invertedIndex[term] = posting;
  });
  const fieldVectors: Record<string, lunr.Vector> = {};
  for (let d = 0; d < postings.services; d++) {
    for (const name of fields) fieldVectors[`${name}/${d}`] = new lunr.Vector(vectors.get(`${name}/${d}`) ?? []);
  }
  const tokenSet = (lunr.TokenSet as unknown as { fromArray(words: string[]): lunr.TokenSet }).fromArray(
    [...postings.terms].sort(),
  );
  // The published types call `fieldVectors` `documentVectors`; lunr 2.3.9 reads `fieldVectors`.
  return new lunr.Index({
    invertedIndex,
    fieldVectors,
    tokenSet,
    fields: [...fields],
    pipeline: new lunr.Pipeline(),
  } as unknown as lunr.Index.Attributes);
}

/** Postings as JSON-safe text (typed arrays in base64, little-endian as on every host we run on). */
export type EncodedPostings = {
  terms: string[];
  services: number;
  start: string;
  doc: string;
  field: string;
  milli: string;
};

const encode = (array: ArrayBufferView) =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function decode<T>(text: string, make: (buffer: ArrayBuffer, length: number) => T, bytes: number): T {
  const buffer = Buffer.from(text, 'base64');
  // Copy into a fresh, aligned buffer: Node's pooled buffers may start at any offset.
  const copy = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(copy).set(buffer);
  return make(copy, buffer.byteLength / bytes);
}

export function encodePostings(postings: Postings): EncodedPostings {
  return {
    terms: postings.terms,
    services: postings.services,
    start: encode(postings.start),
    doc: encode(postings.doc),
    field: encode(postings.field),
    milli: encode(postings.milli),
  };
}

/** Reverses `encodePostings`; throws when the parts do not fit together. */
export function decodePostings(encoded: EncodedPostings): Postings {
  const postings: Postings = {
    terms: encoded.terms,
    services: encoded.services,
    start: decode(encoded.start, (b, n) => new Uint32Array(b, 0, n), 4),
    doc: decode(encoded.doc, (b, n) => new Int32Array(b, 0, n), 4),
    field: decode(encoded.field, (b, n) => new Uint8Array(b, 0, n), 1),
    milli: decode(encoded.milli, (b, n) => new Int32Array(b, 0, n), 4),
  };
  const total = postings.doc.length;
  if (
    !Array.isArray(postings.terms) ||
    postings.start.length !== postings.terms.length + 1 ||
    postings.start[postings.terms.length] !== total ||
    postings.field.length !== total ||
    postings.milli.length !== total ||
    postings.doc.some((d) => d < 0 || d >= postings.services) ||
    postings.field.some((f) => f >= fields.length)
  ) {
    throw new Error('The saved search index is damaged');
  }
  return postings;
}
