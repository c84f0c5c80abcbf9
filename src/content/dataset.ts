/** The embedded dataset on disk: Sanity's NDJSON export format under `DATA_DIR`. */
import { copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A stored Sanity document: only the system fields are known here. */
export type StoredDocument = { _id: string; _type: string; [field: string]: unknown };

/** Parses NDJSON text into documents, naming the line of any malformed one. */
export function parseNdjson(text: string): StoredDocument[] {
  const documents: StoredDocument[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`Line ${index + 1} of the dataset is not valid JSON`);
    }
    if (!isDocument(parsed)) throw new Error(`Line ${index + 1} of the dataset has no _id or _type`);
    documents.push(parsed);
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
