/**
 * The desk structure: unpublished changes waiting for an editor, services by category and by
 * area, everything due for re-verification (overall, by area, by category), crisis support when
 * its review is overdue, the other document types, then the two singletons as single editors.
 */
import type { StructureBuilder, StructureResolver } from 'sanity/structure';
import { monthsBefore, todayInLondon } from './lib/dates';
import { CRISIS_REVIEW_AFTER_MONTHS, REVERIFY_AFTER_MONTHS } from './lib/rules';
import { singletons } from './singletons';

/** GROQ API version for the structure's filtered lists. */
export const STRUCTURE_API_VERSION = '2025-02-19';

/** The longest review period a category may set (`reviewEveryMonths`, 1 to 36). */
export const LONGEST_REVIEW_MONTHS = 36;

/** Document types partners and editors change, whose drafts wait for an editor. */
export const pendingChangeTypes = ['service', 'organisation', 'location'] as const;

/**
 * Documents with unpublished changes. The Studio lists documents through its Drafts perspective,
 * where a draft carries its published id in `_id` and its own in `_originalId`
 * (https://github.com/sanity-io/sanity/issues/13475); the raw view has the draft id in `_id`.
 */
export const pendingChangesFilter = '_type in $types && (_id in path("drafts.**") || _originalId in path("drafts.**"))';

/** Services that reference the category `$id` (drafts included, as everywhere in the Studio). */
export const servicesInCategoryFilter = '_type == "service" && $id in categories[]._ref';
/** Services that cover the area `$id`. */
export const servicesInAreaFilter = '_type == "service" && $id in areas[]._ref';

/**
 * Services due for re-verification (defunct ones need none): never verified, or verified before
 * the cutoff for their review period. The period is the shortest `reviewEveryMonths` of their
 * categories, 12 months when none sets one. `$cutoffs[k - 1]` is the date k months ago, newest
 * first, so the number of cutoffs after `verifiedOn` is how many whole periods of a month have
 * passed since; GROQ has no calendar-month arithmetic of its own.
 */
export const dueForReverificationFilter =
  '_type == "service" && status != "defunct" && (!defined(verifiedOn) || ' +
  `count($cutoffs[@ > ^.verifiedOn]) >= coalesce(math::min(categories[]->reviewEveryMonths), ${REVERIFY_AFTER_MONTHS}))`;
/** Services due for re-verification in the category `$id`. */
export const dueInCategoryFilter = `${dueForReverificationFilter} && $id in categories[]._ref`;
/** Services due for re-verification in the area `$id`. */
export const dueInAreaFilter = `${dueForReverificationFilter} && $id in areas[]._ref`;
/** Crisis support last reviewed before `$cutoff` (or never). */
export const crisisReviewOverdueFilter = '_type == "crisisSupport" && (!defined(reviewedOn) || reviewedOn < $cutoff)';

/** The `$cutoff` for a 12-month review: 12 months before today, in London. */
export function reverificationCutoff(today: string = todayInLondon()): string {
  return monthsBefore(today, REVERIFY_AFTER_MONTHS);
}

/** The `$cutoffs` for the due lists: the dates 1, 2, ... 36 months before today, in London. */
export function reviewCutoffs(today: string = todayInLondon()): string[] {
  return Array.from({ length: LONGEST_REVIEW_MONTHS }, (_, index) => monthsBefore(today, index + 1));
}

/** The `$cutoff` for crisis support: 6 months before today, in London. */
export function crisisReviewCutoff(today: string = todayInLondon()): string {
  return monthsBefore(today, CRISIS_REVIEW_AFTER_MONTHS);
}

const byName = [{ field: 'name', direction: 'asc' as const }];
const leastRecentlyVerified = [{ field: 'verifiedOn', direction: 'asc' as const }];

/** A list of categories or areas, each opening the services in it that match `filter`. */
function servicesBy(
  S: StructureBuilder,
  options: {
    id: string;
    title: string;
    groupType: 'category' | 'area';
    filter: string;
    params?: Record<string, unknown>;
    ordering?: { field: string; direction: 'asc' | 'desc' }[];
  },
) {
  const { id, title, groupType, filter, params = {}, ordering = byName } = options;
  return S.listItem()
    .id(id)
    .title(title)
    .child(
      S.documentTypeList(groupType)
        .id(`${id}-list`)
        .title(title)
        .child((groupId) =>
          S.documentList()
            .id(`${id}-for-${groupId}`)
            .title('Services')
            .schemaType('service')
            .apiVersion(STRUCTURE_API_VERSION)
            .filter(filter)
            .params({ ...params, id: groupId })
            .defaultOrdering(ordering),
        ),
    );
}

export const structure: StructureResolver = (S) => {
  // Computed each time the structure is built (when the Studio opens): dates are London days.
  const today = todayInLondon();
  const cutoffs = reviewCutoffs(today);
  return S.list()
    .id('content')
    .title('Content')
    .items([
      S.listItem()
        .id('pending-changes')
        .title('Pending changes')
        .child(
          S.documentList()
            .id('pending-changes')
            .title('Unpublished changes to services, organisations and locations')
            .apiVersion(STRUCTURE_API_VERSION)
            .filter(pendingChangesFilter)
            .params({ types: [...pendingChangeTypes] })
            .defaultOrdering([{ field: '_updatedAt', direction: 'desc' }]),
        ),
      S.divider(),
      servicesBy(S, {
        id: 'services-by-category',
        title: 'Services by category',
        groupType: 'category',
        filter: servicesInCategoryFilter,
      }),
      servicesBy(S, {
        id: 'services-by-area',
        title: 'Services by area',
        groupType: 'area',
        filter: servicesInAreaFilter,
      }),
      S.documentTypeListItem('service').id('all-services').title('All services'),
      S.divider(),
      S.listItem()
        .id('services-due-for-reverification')
        .title('Services due for re-verification')
        .schemaType('service')
        .child(
          S.documentList()
            .id('services-due-for-reverification')
            .title('Due for re-verification (every 12 months unless a category says otherwise)')
            .schemaType('service')
            .apiVersion(STRUCTURE_API_VERSION)
            .filter(dueForReverificationFilter)
            .params({ cutoffs })
            .defaultOrdering(leastRecentlyVerified),
        ),
      servicesBy(S, {
        id: 'due-by-area',
        title: 'Due for review by area',
        groupType: 'area',
        filter: dueInAreaFilter,
        params: { cutoffs },
        ordering: leastRecentlyVerified,
      }),
      servicesBy(S, {
        id: 'due-by-category',
        title: 'Due for review by category',
        groupType: 'category',
        filter: dueInCategoryFilter,
        params: { cutoffs },
        ordering: leastRecentlyVerified,
      }),
      S.listItem()
        .id('crisis-review-overdue')
        .title('Crisis support review overdue')
        .schemaType('crisisSupport')
        .child(
          S.documentList()
            .id('crisis-review-overdue')
            .title(`Crisis support not reviewed in the last ${CRISIS_REVIEW_AFTER_MONTHS} months`)
            .schemaType('crisisSupport')
            .apiVersion(STRUCTURE_API_VERSION)
            .filter(crisisReviewOverdueFilter)
            .params({ cutoff: crisisReviewCutoff(today) }),
        ),
      S.divider(),
      S.documentTypeListItem('organisation').title('Organisations'),
      S.documentTypeListItem('location').title('Locations'),
      S.documentTypeListItem('category').title('Categories'),
      S.documentTypeListItem('area').title('Areas'),
      S.documentTypeListItem('page').title('Pages'),
      S.divider(),
      ...singletons.map(({ type, id, title }) =>
        S.listItem()
          .id(id)
          .title(title)
          .schemaType(type)
          .child(S.document().schemaType(type).documentId(id).title(title)),
      ),
    ]);
};
