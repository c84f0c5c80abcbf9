import { defineCliConfig } from 'sanity/cli';
import { resolveStudioEnv } from './env';

const { projectId, dataset } = resolveStudioEnv(process.env);

// The Studio bundle only sees SANITY_STUDIO_* variables (replaced at build time), so publish the
// resolved values under those names for sanity.config.ts.
process.env.SANITY_STUDIO_PROJECT_ID = projectId;
process.env.SANITY_STUDIO_DATASET = dataset;

export default defineCliConfig({
  api: { projectId, dataset },
  // Auto-updating Studios load Sanity from a CDN at runtime; ours is pinned by package-lock.
  deployment: { autoUpdates: false },
});
