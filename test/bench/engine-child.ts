/**
 * One measurement in its own process, so memory figures belong to one engine only. Started by
 * `run.ts` as `node --import ./test/bench/hooks.mjs --expose-gc engine-child.ts <mode> ...`;
 * prints one line `BENCH_RESULT <json>`.
 *
 *   prepare <dataset.ndjson> <search-docs.json> <text-docs.json>
 *   build   <ours|lunr|minisearch> <input.json> <index.json>
 *   query   <ours|lunr|minisearch> <index.json> <queries.json> [--cache N] [--text-only] [--budget S]
 *
 * Memory: peak RSS is Linux's VmHWM, reset (`/proc/self/clear_refs` = 5) just before the step
 * measured, so it is the peak during that step (it includes Node itself, about 50 MB, and any
 * input already in memory). Heap figures are `heapUsed` after a forced GC.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type lunrType from 'lunr';
import type MiniSearchType from 'minisearch';
import type { Options as MiniSearchOptions } from 'minisearch';
import type { StoredDocument } from '../../src/content/dataset.ts';
import type { SearchDocumentsResult } from '../../src/queries/types.ts';
import type { SearchEngine } from '../../src/search/index.ts';
import type { BenchQuery } from './queries.ts';

// Each process loads only what its engine needs, so its memory is that engine's.
const [mode, engineName] = process.argv.slice(2);
const ours = engineName === 'ours' || mode === 'prepare' ? await import('../../src/search/index.ts') : undefined;
const words = engineName === 'ours' ? await import('../../src/search/interpret.ts') : undefined;
const lunr = engineName === 'lunr' ? (await import('lunr')).default : (undefined as unknown as typeof lunrType);
const MiniSearch =
  engineName === 'minisearch' ? (await import('minisearch')).default : (undefined as unknown as typeof MiniSearchType);

declare const gc: () => void;

const MB = 1024 * 1024;

function procStatus(): { rss: number; hwm: number } {
  const text = readFileSync('/proc/self/status', 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the peak RSS so VmHWM measures from here; false where the kernel does not allow it. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** JavaScript heap plus memory outside it (typed arrays' buffers), after a full GC. */
function settledHeap(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const toMB = (bytes: number) => round(bytes / MB);

function report(result: unknown): void {
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}

// ---------------------------------------------------------------------------------------------
// Documents for raw lunr and minisearch: every text field of a listed service
// ---------------------------------------------------------------------------------------------

/** The text fields raw lunr and minisearch index (everything a service says in words). */
export const textFields = [
  'name',
  'summary',
  'description',
  'forWhom',
  'tags',
  'categories',
  'organisation',
  'areas',
  'venues',
  'accessDetails',
  'costDetails',
  'languages',
] as const;
type TextDoc = Record<(typeof textFields)[number], string> & { id: string };

function textDocuments(documents: StoredDocument[]): TextDoc[] {
  const byId = new Map(documents.map((d) => [d._id, d]));
  const nameOf = (ref: unknown) => {
    const target = byId.get((ref as { _ref?: string } | undefined)?._ref ?? '');
    return typeof target?.name === 'string' ? target.name : '';
  };
  const refs = (value: unknown) => (Array.isArray(value) ? value.map(nameOf).join(' ') : '');
  const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : '');
  return documents
    .filter(
      (d) =>
        d._type === 'service' &&
        !d._id.startsWith('drafts.') &&
        (d.status === 'active' || d.status === 'temporarily-closed'),
    )
    .sort((a, b) => (a._id < b._id ? -1 : 1))
    .map((d) => ({
      id: d._id,
      name: text(d.name),
      summary: text(d.summary),
      description: text(d.description),
      forWhom: text(d.forWhom),
      tags: text(d.tags),
      categories: refs(d.categories),
      organisation: nameOf(d.organisation),
      areas: refs(d.areas),
      venues: Array.isArray(d.locations)
        ? d.locations
            .map((ref) => byId.get((ref as { _ref: string })._ref))
            .filter((l) => l && l.confidential !== true)
            .map((l) => String(l?.name ?? ''))
            .join(' ')
        : '',
      accessDetails: text(d.accessDetails),
      costDetails: text(d.costDetails),
      languages: text(d.languages),
    }));
}

// ---------------------------------------------------------------------------------------------
// The three engines behind one interface
// ---------------------------------------------------------------------------------------------

/** MiniSearch as documented: prefix search and fuzzy matching within 20% of the word's length. */
export const miniSearchOptions: MiniSearchOptions<TextDoc> = {
  idField: 'id',
  fields: [...textFields],
  searchOptions: { prefix: true, fuzzy: 0.2 },
};

/** Raw lunr's query parser treats `: ~ ^ + - * \` as syntax; a backslash makes each literal. */
export function escapeLunr(text: string): string {
  return text.replace(/[:~^+\-*\\]/g, (c) => `\\${c}`);
}

type Built = { index: unknown; size: number };

function buildLunr(docs: TextDoc[]): lunrType.Index {
  return lunr(function () {
    this.ref('id');
    for (const field of textFields) this.field(field);
    for (const doc of docs) this.add(doc);
  });
}

function buildMiniSearch(docs: TextDoc[]): MiniSearchType<TextDoc> {
  const mini = new MiniSearch<TextDoc>(miniSearchOptions);
  mini.addAll(docs);
  return mini;
}

/** Builds from parsed input; nothing returned refers to the input except what the index keeps. */
function build(engine: string, input: unknown): Built {
  if (engine === 'ours') {
    const engineBuilt = ours!.createSearchEngine(input as SearchDocumentsResult);
    return { index: engineBuilt, size: engineBuilt.size };
  }
  const docs = input as TextDoc[];
  return { index: engine === 'lunr' ? buildLunr(docs) : buildMiniSearch(docs), size: docs.length };
}

function serialise(engine: string, index: unknown): string {
  return JSON.stringify(engine === 'ours' ? (index as SearchEngine).serialise() : index);
}

type Searcher = (query: BenchQuery) => number;

function load(
  engine: string,
  text: string,
  cacheSize: number | undefined,
): { search: Searcher; engine?: SearchEngine } {
  if (engine === 'ours') {
    const loaded = ours!.loadSearchEngine(JSON.parse(text), cacheSize === undefined ? {} : { cacheSize });
    const now = new Date();
    const lexicon = words!.createLexicon({ languages: loaded.languages, resolvePlace: loaded.resolvePlace });
    return {
      engine: loaded,
      // As the page does: the words are read into filters and places, then the engine runs.
      search: (query) => {
        const parsed = ours!.parseSearchParams(query.query);
        if (!parsed.ok) throw new Error(`bench query refused: ${query.query}`);
        return loaded.search(words!.interpretQuery(parsed.params, { lexicon, now }).params, now).total;
      },
    };
  }
  if (engine === 'lunr') {
    const idx = lunr.Index.load(JSON.parse(text));
    return { search: (query) => idx.search(escapeLunr(query.q)).length };
  }
  const mini = MiniSearch.loadJSON<TextDoc>(text, miniSearchOptions);
  return { search: (query) => mini.search(query.q).length };
}

// ---------------------------------------------------------------------------------------------
// Modes
// ---------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(3);
  const option = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };

  if (mode === 'prepare') {
    const [datasetPath, searchDocsPath, textDocsPath] = args as [string, string, string];
    const { parseNdjson } = await import('../../src/content/dataset.ts');
    const { createEmbeddedSource } = await import('../../src/content/embedded.ts');
    const { searchDocumentsQuery } = await import('../../src/queries/index.ts');
    let started = performance.now();
    const documents = parseNdjson(readFileSync(datasetPath, 'utf8'));
    const parseMs = performance.now() - started;
    started = performance.now();
    const source = createEmbeddedSource(documents);
    const searchDocs = await source.fetch(searchDocumentsQuery);
    const queryMs = performance.now() - started;
    writeFileSync(searchDocsPath, JSON.stringify(searchDocs));
    writeFileSync(textDocsPath, JSON.stringify(textDocuments(documents)));
    report({
      documents: documents.length,
      services: searchDocs.services.length,
      parseMs: round(parseMs),
      queryMs: round(queryMs),
    });
    return;
  }

  if (mode === 'build') {
    const [engine, inputPath, indexPath] = args as [string, string, string];
    const rssBase = procStatus().rss;
    const heapBase = settledHeap();
    const text = readFileSync(inputPath, 'utf8');
    const inputMB = toMB(Buffer.byteLength(text));
    let input: unknown = JSON.parse(text);
    const peakReset = resetPeak();
    const rssBefore = procStatus().rss;
    const started = performance.now();
    const built = build(engine, input);
    const buildMs = performance.now() - started;
    input = undefined;
    const { hwm } = procStatus();
    const heapRetained = settledHeap() - heapBase; // the index and whatever it keeps of the input
    let indexBytes: number | null = null;
    let saveMs: number | null = null;
    let saveError: string | undefined;
    try {
      const savedAt = performance.now();
      writeFileSync(indexPath, serialise(engine, built.index));
      saveMs = performance.now() - savedAt;
      indexBytes = statSync(indexPath).size;
    } catch (error) {
      saveError = String(error);
    }
    // The server rebuilds in turns (src/search/turns.ts): how long pages could wait behind it.
    let inTurns: { buildMs: number; longestPauseMs: number } | undefined;
    if (engine === 'ours') {
      const again = JSON.parse(text) as SearchDocumentsResult;
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const turnsStarted = performance.now();
      await ours!.inTurns(ours!.createSearchEngineSteps(again));
      const turnsMs = performance.now() - turnsStarted;
      delay.disable();
      inTurns = { buildMs: round(turnsMs), longestPauseMs: round(delay.max / 1e6) };
    }
    report({
      engine,
      services: built.size,
      buildMs: round(buildMs),
      ...(inTurns ? { inTurns } : {}),
      peakRssMB: peakReset ? toMB(hwm) : null,
      rssBaseMB: toMB(rssBase),
      rssBeforeMB: toMB(rssBefore),
      inputMB,
      heapRetainedMB: toMB(heapRetained),
      indexBytes,
      saveMs: saveMs === null ? null : round(saveMs),
      ...(saveError ? { saveError } : {}),
    });
    return;
  }

  if (mode === 'query') {
    const [engine, indexPath, queriesPath] = args as [string, string, string];
    const cache = option('cache');
    const textOnly = args.includes('--text-only');
    const budgetMs = Number(option('budget') ?? '60') * 1000;
    const minPasses = Number(option('passes') ?? '3');
    let queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as BenchQuery[];
    if (engine !== 'ours' || textOnly) {
      queries = queries
        .filter((q) => q.q !== '')
        .map((q) => ({ q: q.q, query: `q=${encodeURIComponent(q.q)}`, filters: false, location: false }));
    }
    const rssBase = procStatus().rss;
    const heapBase = settledHeap();
    const peakReset = resetPeak();
    const loadStarted = performance.now();
    let text = readFileSync(indexPath, 'utf8');
    const { search } = load(engine, text, cache === undefined ? undefined : Number(cache));
    text = '';
    const loadMs = performance.now() - loadStarted;
    const loadPeak = procStatus().hwm;
    const heapLoaded = settledHeap() - heapBase;
    const rssLoaded = procStatus().rss;

    // Warm-up: one pass (at most a fifth of the budget), so the JIT has seen every kind of query.
    const warmUntil = performance.now() + budgetMs / 5;
    for (const query of queries) {
      search(query);
      if (performance.now() > warmUntil) break;
    }
    // Measured: passes over the mix until `minPasses` are done or the budget is spent.
    const samples: number[] = [];
    const byKind = new Map<string, number[]>();
    const kindOf = (q: BenchQuery) =>
      q.q === '' ? 'browse' : q.location ? 'words+place' : q.filters ? 'words+filters' : 'words';
    let results = 0;
    let passes = 0;
    const until = performance.now() + budgetMs;
    let cut = false;
    while (passes < minPasses && !cut) {
      for (const query of queries) {
        const t0 = performance.now();
        results += search(query);
        const ms = performance.now() - t0;
        samples.push(ms);
        const list = byKind.get(kindOf(query)) ?? [];
        list.push(ms);
        byKind.set(kindOf(query), list);
        if (performance.now() > until && (passes > 0 || samples.length >= 30)) {
          cut = true;
          break;
        }
      }
      if (!cut) passes++;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    report({
      engine,
      cache: cache ?? 'default',
      textOnly,
      queries: queries.length,
      samples: samples.length,
      passes,
      partial: cut && passes === 0,
      loadMs: round(loadMs),
      loadPeakRssMB: peakReset ? toMB(loadPeak) : null,
      rssBaseMB: toMB(rssBase),
      rssLoadedMB: toMB(rssLoaded),
      heapLoadedMB: toMB(heapLoaded),
      meanResults: round(results / Math.max(1, samples.length)),
      p50: round(percentile(sorted, 50), 3),
      p95: round(percentile(sorted, 95), 3),
      p99: round(percentile(sorted, 99), 3),
      max: round(sorted[sorted.length - 1] ?? NaN, 3),
      mean: round(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length), 3),
      byKind: Object.fromEntries(
        [...byKind].map(([kind, list]) => {
          const ordered = list.sort((a, b) => a - b);
          return [
            kind,
            {
              n: list.length,
              p50: round(percentile(ordered, 50), 3),
              p95: round(percentile(ordered, 95), 3),
              p99: round(percentile(ordered, 99), 3),
            },
          ];
        }),
      ),
    });
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

await main();
