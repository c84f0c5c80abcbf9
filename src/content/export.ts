/**
 * `npm run content:export -- <file>`: writes the embedded content store (drafts included) as
 * NDJSON, the format `sanity dataset import <file> <dataset>` takes, to move a directory from the
 * embedded store to a hosted Sanity project or to keep a copy. Without a file it writes to stdout.
 * A hosted project is exported with Sanity's own `sanity dataset export`.
 */
import { writeFile } from 'node:fs/promises';
import { ConfigError, readConfig } from '../config.ts';
import { ensureDataset, readDataset, toNdjson } from './dataset.ts';

export async function runContentExport(
  args: string[],
  env: Record<string, string | undefined>,
  io: { out(text: string): void; err(line: string): void },
): Promise<number> {
  let config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  if (config.sanity) {
    io.err('Content is hosted in Sanity here: export it with `npx sanity dataset export` in studio/.');
    return 1;
  }
  const [target, ...rest] = args;
  if (rest.length > 0 || target?.startsWith('-')) {
    io.err('Usage: npm run content:export -- [file.ndjson]');
    return 1;
  }
  // Read through the parser, so a damaged file is reported rather than copied.
  const documents = await readDataset(await ensureDataset(config.dataDir, config.seedFile));
  const text = toNdjson(documents);
  if (target) {
    await writeFile(target, text, 'utf8');
    io.err(`Exported ${documents.length} documents to ${target}`);
  } else {
    io.out(text);
  }
  return 0;
}
