/**
 * A backup directory's `manifest.json`: what is in it, how big, and each file's sha256, so a
 * restore can refuse a backup that is incomplete or damaged before it changes anything. The
 * checksums catch corruption and truncation; they are not a signature against deliberate edits.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const PEOPLE_SQLITE_FILE = 'people.sqlite';
export const PEOPLE_PG_FILE = 'people.pgdump';
export const CONTENT_FILE = 'content.ndjson';
export const SECRETS_DIR = 'secrets';

const fileEntry = z.object({
  path: z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/, 'a plain relative path'),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const manifestSchema = z.object({
  format: z.literal('signpost-backup'),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  signpostVersion: z.string(),
  people: z.object({ store: z.enum(['sqlite', 'postgres']), file: z.string() }),
  /** Ids of the PEOPLE_DATA_KEYS keys the backed-up contact details are sealed with (never the keys). */
  sealedWithKeys: z.array(z.string()),
  content: z.object({
    source: z.enum(['embedded', 'hosted']),
    file: z.string(),
    documents: z.number().int().min(0),
    unpublished: z.number().int().min(0),
    draftsIncluded: z.boolean(),
    dataset: z.string().optional(),
    projectId: z.string().optional(),
  }),
  /** Development secret files copied under `secrets/` (only with `--with-secrets`). */
  secrets: z.array(z.string()),
  files: z.array(fileEntry),
});

/** The manifest of one backup. */
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileEntry>;

/** Signpost's version, from package.json. */
export function signpostVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** sha256 of a file, streamed. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The manifest entry of a file inside the backup directory. */
export async function describeFile(directory: string, path: string): Promise<ManifestFile> {
  const full = join(directory, path);
  return { path, bytes: (await stat(full)).size, sha256: await sha256Of(full) };
}

/**
 * Reads a backup's manifest and checks every file it lists against its size and checksum.
 * Throws a message naming the first problem; returns the manifest when the backup is whole.
 */
export async function verifyBackup(directory: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(directory, MANIFEST_FILE), 'utf8');
  } catch {
    throw new Error(`${directory} is not a Signpost backup: it has no ${MANIFEST_FILE}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`The ${MANIFEST_FILE} of ${directory} is not valid JSON: the backup is damaged.`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`The ${MANIFEST_FILE} of ${directory} is not one this version reads (${issue.path.join('.')}).`);
  }
  const manifest = result.data;
  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  for (const needed of [manifest.people.file, manifest.content.file, ...manifest.secrets]) {
    if (!listed.has(needed)) throw new Error(`The manifest lists no checksum for ${needed}: the backup is incomplete.`);
  }
  for (const file of manifest.files) {
    if (file.path.split('/').includes('..')) throw new Error(`The manifest names a file outside the backup.`);
    const full = join(directory, file.path);
    const size = await stat(full).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) throw new Error(`${file.path} is missing from the backup.`);
    if (size !== file.bytes || (await sha256Of(full)) !== file.sha256) {
      throw new Error(
        `${file.path} does not match its checksum in the manifest: the backup is damaged or was changed.`,
      );
    }
  }
  return manifest;
}
