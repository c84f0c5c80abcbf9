/**
 * The Sanity project and dataset the Studio edits. `sanity.cli.ts` resolves them from
 * SANITY_STUDIO_PROJECT_ID / SANITY_STUDIO_DATASET (or SANITY_PROJECT_ID / SANITY_DATASET) and
 * republishes them under the SANITY_STUDIO_ names, the only ones the Studio bundle can see. The
 * placeholders let the Studio build with no project configured (for CI and offline builds).
 */
export const PLACEHOLDER_PROJECT_ID = 'signpost0';
export const DEFAULT_DATASET = 'production';

/** Resolves the project id and dataset from an environment, falling back to the placeholders. */
export function resolveStudioEnv(env: Record<string, string | undefined>): { projectId: string; dataset: string } {
  return {
    projectId: env.SANITY_STUDIO_PROJECT_ID || env.SANITY_PROJECT_ID || PLACEHOLDER_PROJECT_ID,
    dataset: env.SANITY_STUDIO_DATASET || env.SANITY_DATASET || DEFAULT_DATASET,
  };
}
