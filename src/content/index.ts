/** Chooses the content store for a configuration: hosted when a Sanity project is set. */
import type { Config } from '../config';
import { ensureDataset, readDataset, writeDatasetDurably } from './dataset';
import { createEmbeddedSource } from './embedded';
import { createHostedSource } from './hosted';
import type { ContentStore } from './source';

export type { ContentChange, ContentSource, ContentStore, CommitResult } from './source';
export { ContentUnavailableError } from './source';
export { MutationError, draftId, publishedId, type ContentMutation } from './mutations';

export async function openContentSource(config: Config): Promise<ContentStore> {
  if (config.sanity) return createHostedSource(config.sanity);
  const path = await ensureDataset(config.dataDir, config.seedFile);
  return createEmbeddedSource(await readDataset(path), {
    persist: (documents) => writeDatasetDurably(path, documents),
  });
}
