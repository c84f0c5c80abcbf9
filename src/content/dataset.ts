/** The embedded dataset on disk: Sanity's NDJSON export format under `DATA_DIR`. */
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A stored Sanity document: only the system fields are known here. */
export type StoredDocument = { _id: string; _type: string; [field: string]: unknown };

/** Strings up to this length are shared between documents: references, days, times, tags. */
const SHARED_STRING_LENGTH = 64;
/**
 * Fields whose values are nearly all different (ids, revisions, array keys, slugs, names,
 * addresses): sharing them only fills the map. Skipping them made parsing the 100k dataset a
 * quarter faster and left 12% less heap (the map was a tenth of a million strings, not 1.4M).
 */
const DISTINCT_FIELDS: ReadonlySet<string> = new Set([
  '_id',
  '_rev',
  '_key',
  'current',
  'name',
  'website',
  'email',
  'line1',
  'postcode',
]);

/**
 * Makes equal short strings one string. `JSON.parse` gives every value its own copy, and a
 * directory repeats the same references, accessibility words and editors' names thousands of
 * times: at 10k services, about 10 MB of the heap held copies of strings already there.
 */
function shareStrings(value: unknown, seen: Map<string, string>): unknown {
  if (typeof value === 'string') {
    if (value.length > SHARED_STRING_LENGTH) return value;
    const shared = seen.get(value);
    if (shared !== undefined) return shared;
    seen.set(value, value);
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shareStrings(value[i], seen);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key in record) if (!DISTINCT_FIELDS.has(key)) record[key] = shareStrings(record[key], seen);
  }
  return value;
}

/** Parses NDJSON text into documents, naming the line of any malformed one. */
export function parseNdjson(text: string): StoredDocument[] {
  const documents: StoredDocument[] = [];
  const seen = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`Line ${index + 1} of the dataset is not valid JSON`);
    }
    if (!isDocument(parsed)) throw new Error(`Line ${index + 1} of the dataset has no _id or _type`);
    documents.push(shareStrings(parsed, seen) as StoredDocument);
  });
  return documents;
}

function isDocument(value: unknown): value is StoredDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StoredDocument)._id === 'string' &&
    typeof (value as StoredDocument)._type === 'string'
  );
}

/** True for a draft (`drafts.<id>`) or version document, which is never served. */
export function isUnpublished(document: StoredDocument): boolean {
  return document._id.startsWith('drafts.') || document._id.startsWith('versions.');
}

/**
 * Returns the path of the dataset under `dataDir`, seeding it from `seedFile` on first start.
 * The copy is written beside the target and renamed, so a crash never leaves half a dataset.
 */
export async function ensureDataset(dataDir: string, seedFile: string): Promise<string> {
  const target = join(dataDir, 'content', 'dataset.ndjson');
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  // A write cut off by a crash leaves its temporary copy behind; the dataset itself is whole.
  const leftovers = await readdir(dirname(target)).catch(() => [] as string[]);
  for (const name of leftovers) {
    if (/^dataset\.ndjson\.\d+(\.\d+)?\.tmp$/.test(name)) await rm(join(dirname(target), name), { force: true });
  }
  if (!exists) {
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.tmp`;
    await copyFile(seedFile, partial);
    await rename(partial, target);
  }
  return target;
}

/** Reads the dataset file into documents. */
export async function readDataset(path: string): Promise<StoredDocument[]> {
  return parseNdjson(await readFile(path, 'utf8'));
}

/** Documents as NDJSON, one per line: Sanity's export format, which `sanity dataset import` reads. */
export function toNdjson(documents: StoredDocument[]): string {
  return documents.map((document) => JSON.stringify(document)).join('\n') + '\n';
}

/**
 * Replaces the dataset file with `documents`, durably and atomically: the new file is written
 * beside it and fsynced, renamed over it, and the directory is fsynced, so after a crash at any
 * point the file is either the old dataset or the new one, never a torn mix.
 */
export async function writeDatasetDurably(path: string, documents: StoredDocument[]): Promise<void> {
  const partial = `${path}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(partial, 'w', 0o644);
  try {
    await file.writeFile(toNdjson(documents), 'utf8');
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(partial, { force: true });
    throw error;
  }
  await file.close();
  await rename(partial, path);
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
