/**
 * Signpost's vocabularies as ORUK taxonomies. Our categories are one taxonomy (terms keep their
 * document ids and parents); the coded values of our stricter profile (how to get in, whether it
 * is taking people, where it runs, accessibility) are four more, so a consumer can filter on them
 * with `taxonomy_term_id` and read them as service attributes.
 */
import {
  accessibilityLabels,
  acceptingLabels,
  accessRouteAdvice,
  accessRouteLabels,
  coverageLabels,
} from '../content/labels';
import { accessibilityFeatures, acceptingStates, accessRoutes, coverageKinds } from '../content/profile';
import { compact } from './compact';
import { childId, signpostNamespace } from './ids';
import type { OrukTaxonomy, OrukTaxonomyTerm } from './types';
import type { OrukFeedCategory } from '../queries/types';

/** The kinds of attribute a service carries, one taxonomy each. */
export type Vocabulary = 'category' | 'access_route' | 'accepting' | 'coverage' | 'accessibility';

type Definition = { name: string; description: string };

const definitions: Record<Vocabulary, Definition> = {
  category: {
    name: 'Signpost categories',
    description: 'The kinds of support and activity Signpost lists, as residents and connectors browse them.',
  },
  access_route: {
    name: 'Signpost access routes',
    description: 'How a person gets into a service: drop in, contact it themselves, or be referred.',
  },
  accepting: {
    name: 'Signpost referral status',
    description: 'Whether a service is taking new people now, has a waiting list, or has paused.',
  },
  coverage: {
    name: 'Signpost delivery',
    description: 'Where a service runs: at a venue, across a borough, online or by phone.',
  },
  accessibility: {
    name: 'Signpost accessibility',
    description: 'Access features a service offers beyond those of its venues.',
  },
};

const acceptingDescriptions: Record<(typeof acceptingStates)[number], string> = {
  yes: 'The service is taking new people now.',
  'waiting-list': 'The service is taking new people onto a waiting list.',
  paused: 'The service is not taking new people for now.',
};

const coverageDescriptions: Record<(typeof coverageKinds)[number], string> = {
  venue: 'Runs in person at one or more venues.',
  'borough-wide': 'Serves people anywhere in its boroughs, for example with home visits or outreach.',
  online: 'Runs online, for example by video call or in an online group.',
  phone: 'Runs by phone.',
};

const accessibilityDescriptions = Object.fromEntries(
  accessibilityFeatures.map((feature) => [
    feature,
    `The service offers this: ${accessibilityLabels[feature].toLowerCase()}.`,
  ]),
) as Record<(typeof accessibilityFeatures)[number], string>;

export const vocabularies = Object.keys(definitions) as Vocabulary[];

// Ids are derived once: mapping a large directory asks for them for every service.
const derivedIds = new Map<string, string>();
const derived = (key: string, make: () => string): string => {
  let id = derivedIds.get(key);
  if (!id) derivedIds.set(key, (id = make()));
  return id;
};

/** The stable id of one of our taxonomies. */
export function taxonomyId(vocabulary: Vocabulary): string {
  return derived(vocabulary, () => childId(signpostNamespace, 'taxonomy', vocabulary));
}

/** The stable id of a coded term (categories keep their own document ids). */
export function codedTermId(vocabulary: Exclude<Vocabulary, 'category'>, code: string): string {
  return derived(`${vocabulary}:${code}`, () => childId(taxonomyId(vocabulary), 'term', code));
}

function codedTerms<T extends string>(
  vocabulary: Exclude<Vocabulary, 'category'>,
  codes: readonly T[],
  names: Record<T, string>,
  descriptions: Record<T, string>,
): OrukTaxonomyTerm[] {
  return codes.map((code) =>
    compact({
      id: codedTermId(vocabulary, code),
      name: names[code],
      description: descriptions[code],
      taxonomy: definitions[vocabulary].name,
      taxonomy_id: taxonomyId(vocabulary),
      code,
    }),
  );
}

/** Every taxonomy term, by vocabulary: categories from the content, the rest from the profile. */
export function buildTerms(categories: OrukFeedCategory[], siteUrl: string): Record<Vocabulary, OrukTaxonomyTerm[]> {
  const published = new Set(categories.map((category) => category._id));
  return {
    category: categories.map((category) =>
      compact({
        id: category._id,
        name: category.name,
        description: category.description,
        parent_id: category.parentId && published.has(category.parentId) ? category.parentId : undefined,
        taxonomy: definitions.category.name,
        taxonomy_id: taxonomyId('category'),
        term_uri: new URL(`/categories/${category.slug}`, siteUrl).href,
        code: category.slug,
      }),
    ),
    access_route: codedTerms('access_route', accessRoutes, accessRouteLabels, accessRouteAdvice),
    accepting: codedTerms('accepting', acceptingStates, acceptingLabels, acceptingDescriptions),
    coverage: codedTerms('coverage', coverageKinds, coverageLabels, coverageDescriptions),
    accessibility: codedTerms('accessibility', accessibilityFeatures, accessibilityLabels, accessibilityDescriptions),
  };
}

/** Our taxonomies, without their terms. */
export function buildTaxonomies(): OrukTaxonomy[] {
  return vocabularies.map((vocabulary) => ({ id: taxonomyId(vocabulary), ...definitions[vocabulary] }));
}
