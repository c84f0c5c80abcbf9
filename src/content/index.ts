/** Chooses the content store for a configuration: hosted when a Sanity project is set. */
import { join } from 'node:path';
import type { Config } from '../config';
import { ensureDataset, readDataset, writeDatasetDurably } from './dataset';
import { createEmbeddedSource } from './embedded';
import { createHostedSource } from './hosted';
import { openSnapshotStore } from './snapshot';
import type { ContentStore } from './source';

export type { ContentChange, ContentFreshness, ContentSource, ContentStore, CommitResult } from './source';
export { CONTENT_RETRY_AFTER_SECONDS, ContentUnavailableError } from './source';
export { MutationError, draftId, publishedId, type ContentMutation } from './mutations';

export async function openContentSource(config: Config): Promise<ContentStore> {
  if (config.sanity) {
    // Hosted content is read from its last known good snapshot, synced in the background.
    return openSnapshotStore({
      lake: createHostedSource(config.sanity),
      directory: join(config.dataDir, 'content'),
      syncSeconds: config.sanity.syncSeconds,
      staleAfterMinutes: config.sanity.staleAfterMinutes,
    });
  }
  const path = await ensureDataset(config.dataDir, config.seedFile);
  return createEmbeddedSource(await readDataset(path), {
    persist: (documents) => writeDatasetDurably(path, documents),
  });
}
