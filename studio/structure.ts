/**
 * The desk structure: services by category and by area, everything due for re-verification,
 * the other document types, then the two singletons as single editors.
 */
import type { StructureBuilder, StructureResolver } from 'sanity/structure';
import { monthsBefore, todayInLondon } from './lib/dates';
import { REVERIFY_AFTER_MONTHS } from './lib/rules';
import { singletons } from './singletons';

/** GROQ API version for the structure's filtered lists. */
export const STRUCTURE_API_VERSION = '2025-02-19';

/** Services that reference the category `$id` (drafts included, as everywhere in the Studio). */
export const servicesInCategoryFilter = '_type == "service" && $id in categories[]._ref';
/** Services that cover the area `$id`. */
export const servicesInAreaFilter = '_type == "service" && $id in areas[]._ref';
/** Services last verified before `$cutoff` (or never); defunct services need no checking. */
export const dueForReverificationFilter =
  '_type == "service" && status != "defunct" && (!defined(verifiedOn) || verifiedOn < $cutoff)';

/** The `$cutoff` for the re-verification list: 12 months before today, in London. */
export function reverificationCutoff(today: string = todayInLondon()): string {
  return monthsBefore(today, REVERIFY_AFTER_MONTHS);
}

function servicesBy(S: StructureBuilder, id: string, title: string, groupType: 'category' | 'area', filter: string) {
  return S.listItem()
    .id(id)
    .title(title)
    .child(
      S.documentTypeList(groupType)
        .id(`${id}-list`)
        .title(title)
        .child((groupId) =>
          S.documentList()
            .id(`services-for-${groupId}`)
            .title('Services')
            .schemaType('service')
            .apiVersion(STRUCTURE_API_VERSION)
            .filter(filter)
            .params({ id: groupId })
            .defaultOrdering([{ field: 'name', direction: 'asc' }]),
        ),
    );
}

export const structure: StructureResolver = (S) =>
  S.list()
    .id('content')
    .title('Content')
    .items([
      servicesBy(S, 'services-by-category', 'Services by category', 'category', servicesInCategoryFilter),
      servicesBy(S, 'services-by-area', 'Services by area', 'area', servicesInAreaFilter),
      S.documentTypeListItem('service').id('all-services').title('All services'),
      S.listItem()
        .id('services-due-for-reverification')
        .title('Services due for re-verification')
        .schemaType('service')
        .child(
          S.documentList()
            .id('services-due-for-reverification')
            .title(`Not verified in the last ${REVERIFY_AFTER_MONTHS} months`)
            .schemaType('service')
            .apiVersion(STRUCTURE_API_VERSION)
            .filter(dueForReverificationFilter)
            .params({ cutoff: reverificationCutoff() })
            .defaultOrdering([{ field: 'verifiedOn', direction: 'asc' }]),
        ),
      S.divider(),
      S.documentTypeListItem('organisation').title('Organisations'),
      S.documentTypeListItem('location').title('Locations'),
      S.documentTypeListItem('category').title('Categories'),
      S.documentTypeListItem('area').title('Areas'),
      S.divider(),
      ...singletons.map(({ type, id, title }) =>
        S.listItem()
          .id(id)
          .title(title)
          .schemaType(type)
          .child(S.document().schemaType(type).documentId(id).title(title)),
      ),
    ]);
