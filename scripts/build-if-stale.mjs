// Builds the site when `dist/` is missing or older than the sources it is made from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const serverEntry = join(root, 'dist/server/entry.mjs');
/** The production server process (security headers, compression, body limit, graceful stop). */
export const serveScript = join(root, 'scripts/serve.mjs');

/** Newest modification time under the given paths. */
function newest(paths) {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stats = statSync(path);
    latest = stats.isDirectory()
      ? Math.max(latest, newest(readdirSync(path).map((name) => join(path, name))))
      : Math.max(latest, stats.mtimeMs);
  }
  return latest;
}

/** Runs `astro build` if needed; throws if the build fails. */
export function buildIfStale() {
  const sources = ['site', 'src', 'astro.config.mjs', 'scripts/unused-css.mjs', 'package-lock.json'].map((path) =>
    join(root, path),
  );
  if (existsSync(serverEntry) && statSync(serverEntry).mtimeMs >= newest(sources)) return;
  console.log('Building the site (first start or changed sources)...');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error(`The site build failed (exit code ${build.status})`);
}
