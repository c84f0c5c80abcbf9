import { defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { DEFAULT_DATASET, PLACEHOLDER_PROJECT_ID } from './env';
import { schemaTypes } from './schemas';
import { documentActions } from './actions';
import { withoutSingletonOptions, withoutSingletonTemplates } from './singletons';
import { structure } from './structure';

export default defineConfig({
  name: 'default',
  title: 'Signpost',
  // Replaced at build time with the values sanity.cli.ts resolved (see env.ts).
  projectId: process.env.SANITY_STUDIO_PROJECT_ID || PLACEHOLDER_PROJECT_ID,
  dataset: process.env.SANITY_STUDIO_DATASET || DEFAULT_DATASET,
  plugins: [structureTool({ structure })],
  schema: {
    types: schemaTypes,
    templates: withoutSingletonTemplates,
  },
  document: {
    newDocumentOptions: (prev, context) => withoutSingletonOptions(prev, context),
    actions: (prev, context) => documentActions(prev, context.schemaType),
  },
});
