/** The committed sample dataset, read for tests that need to know what pages should show. */
import { readFileSync } from 'node:fs';
import { parseNdjson, type StoredDocument } from '../../src/content/dataset';

let cached: StoredDocument[] | undefined;

export function sampleDocuments(): StoredDocument[] {
  cached ??= parseNdjson(readFileSync(new URL('../../content/sample.ndjson', import.meta.url), 'utf8'));
  return cached;
}

export function sampleOfType<T = StoredDocument>(type: string): T[] {
  return sampleDocuments().filter((document) => document._type === type) as T[];
}

/** The text content of an HTML page, for assertions about what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}
