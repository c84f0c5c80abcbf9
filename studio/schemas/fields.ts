/** Field definitions shared by several document types. */
import { defineField } from 'sanity';
import { area as areaProfile } from '../../src/content/profile';
import { slugify } from '../lib/slug';
import { matches } from '../lib/rules';

const slugFormat = matches(
  areaProfile.shape.slug.shape.current,
  'Use lower-case words joined by single hyphens, like "tottenham-mens-shed" (press "Generate")',
);

/** The web address part for a document, generated from its name and checked against the profile. */
export function slugField(description: string, group?: string) {
  return defineField({
    name: 'slug',
    title: 'Web address',
    type: 'slug',
    description,
    ...(group ? { group } : {}),
    options: { source: 'name', maxLength: 96, slugify },
    validation: (rule) =>
      rule.required().custom((value: { current?: string } | undefined) => slugFormat(value?.current)),
  });
}
