/** Chooses the content source for a configuration: hosted when a Sanity project is set. */
import type { Config } from '../config';
import { ensureDataset, readDataset } from './dataset';
import { createEmbeddedSource } from './embedded';
import { createHostedSource } from './hosted';
import type { ContentSource } from './source';

export type { ContentSource } from './source';
export { ContentUnavailableError } from './source';

export async function openContentSource(config: Config): Promise<ContentSource> {
  if (config.sanity) return createHostedSource(config.sanity);
  const path = await ensureDataset(config.dataDir, config.seedFile);
  return createEmbeddedSource(await readDataset(path));
}
