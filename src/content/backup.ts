/**
 * Content for a backup, as NDJSON documents in Sanity's export format: the embedded dataset with
 * its drafts, or the hosted dataset read page by page through the Content Lake's API (drafts too
 * when a read token allows). Restoring replaces the embedded dataset atomically; a hosted dataset
 * is restored with Sanity's own `sanity dataset import --replace`, which this module only names.
 */
import { createClient } from '@sanity/client';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { isUnpublished, readDataset, writeDatasetDurably, type StoredDocument } from './dataset.ts';

/** Where the embedded dataset lives under `DATA_DIR` (as `ensureDataset` puts it). */
export function embeddedDatasetPath(dataDir: string): string {
  return join(dataDir, 'content', 'dataset.ndjson');
}

export type ContentForBackup = {
  source: 'embedded' | 'hosted';
  documents: StoredDocument[];
  /** Drafts and versions among them. */
  unpublished: number;
  /** Hosted: the dataset, and whether drafts could be read (a token is needed for them). */
  dataset?: string;
  projectId?: string;
  draftsIncluded: boolean;
};

/** How many documents one request to the Content Lake asks for. */
const PAGE = 2000;

/** Reads the content to back up; fails with a message naming what could not be read. */
export async function readContentForBackup(
  config: Pick<Config, 'dataDir' | 'sanity'>,
  options: { pageSize?: number } = {},
): Promise<ContentForBackup> {
  if (!config.sanity) {
    const path = embeddedDatasetPath(config.dataDir);
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) throw new Error(`There is no embedded content at ${path} yet (the first \`npm start\` seeds it).`);
    // Read through the parser, so a damaged dataset is reported rather than copied.
    const documents = await readDataset(path);
    return {
      source: 'embedded',
      documents,
      unpublished: documents.filter(isUnpublished).length,
      draftsIncluded: true,
    };
  }
  const sanity = config.sanity;
  const client = createClient({
    projectId: sanity.projectId,
    dataset: sanity.dataset,
    apiVersion: sanity.apiVersion,
    token: sanity.token ?? sanity.writeToken,
    // Without a token only published documents can be read; with one, drafts come too.
    perspective: sanity.token || sanity.writeToken ? 'raw' : 'published',
    useCdn: false,
    timeout: Math.max(sanity.timeoutMs, 30_000),
    maxRetries: 3,
    ...(sanity.apiHost ? { apiHost: sanity.apiHost, useProjectHostname: false } : {}),
  });
  const pageSize = options.pageSize ?? PAGE;
  const documents: StoredDocument[] = [];
  let last = '';
  // Paged by id, so a large dataset never has to come back as one answer.
  for (;;) {
    let page: StoredDocument[];
    try {
      page = await client.fetch<StoredDocument[]>(`*[_id > $last] | order(_id asc) [0...${pageSize}]`, { last });
    } catch (error) {
      throw new Error(
        `The Content Lake (project ${sanity.projectId}, dataset ${sanity.dataset}) could not be read: ` +
          `${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}. ` +
          'Sanity keeps its own copy; `npx sanity dataset export` in studio/ also exports it.',
      );
    }
    if (!Array.isArray(page)) throw new Error('The Content Lake answered something that is not a list of documents.');
    documents.push(...page);
    if (page.length < pageSize) break;
    last = page[page.length - 1]!._id;
  }
  const unpublished = documents.filter(isUnpublished).length;
  return {
    source: 'hosted',
    documents,
    unpublished,
    dataset: sanity.dataset,
    projectId: sanity.projectId,
    draftsIncluded: Boolean(sanity.token || sanity.writeToken),
  };
}

/** Replaces the embedded dataset with `documents`, atomically and durably. */
export async function restoreEmbeddedContent(dataDir: string, documents: StoredDocument[]): Promise<string> {
  const path = embeddedDatasetPath(dataDir);
  await mkdir(join(dataDir, 'content'), { recursive: true });
  await writeDatasetDurably(path, documents);
  return path;
}

/** The command that puts a backed-up dataset back into a hosted Sanity project. */
export function hostedImportCommand(file: string, dataset: string): string {
  return `cd studio && npx sanity dataset import '${file}' ${dataset} --replace`;
}
