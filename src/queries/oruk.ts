/**
 * The reads behind the Open Referral UK (HSDS-UK 3.0) feed at `/api/oruk`.
 *
 * One projection returns everything the feed publishes, so each request filters and pages in
 * memory instead of scanning the dataset again (the embedded source caches this result until the
 * documents change). Result types live in `./types.ts`.
 */
import { defineQuery } from 'groq';

/**
 * Published documents only: drafts are never served. Same test as `./index.ts`, written with
 * `string::startsWith`, which groq-js runs several times faster than `path()` over a whole dataset.
 */
const published = `!string::startsWith(_id, "drafts.")`;

/**
 * Every published service in any status (the feed tells aggregators when a service stops), its
 * organisation, categories, areas and the locations the public may see. Confidential locations
 * are dropped here, before anything reads them: no address, position or name leaves the store.
 */
export const orukFeedQuery = defineQuery(
  `{
    "services": *[_type == "service" && ${published}] | order(name asc, _id asc){
      _id, _updatedAt, name, "slug": slug.current, summary, description, forWhom, ageMin, ageMax,
      accessRoute, accessDetails, accepting, free, costDetails, languages,
      "accessibility": coalesce(accessibility, []),
      phone, email, website,
      "contacts": coalesce(contacts[]{ _key, name, role, phone, email }, []),
      "schedules": coalesce(schedules[]{ _key, frequency, day, weekOfMonth, opensAt, closesAt, validFrom, validTo, "locationId": location._ref, note }, []),
      closedOnBankHolidays, coverage, status, statusNote, verifiedOn,
      "tags": coalesce(tags, []),
      "organisationId": organisation._ref,
      "categoryIds": coalesce(categories[]._ref, []),
      "areaIds": coalesce(areas[]._ref, []),
      "locations": coalesce(locations[defined(@->_id) && @->confidential != true]->{
        _id, _updatedAt, name, "areaId": area._ref, address, position,
        "accessibility": coalesce(accessibility, []), directions
      }, [])
    },
    "organisations": *[_type == "organisation" && ${published}] | order(name asc, _id asc){
      _id, _updatedAt, name, "slug": slug.current, description, website, email, phone, charityNumber
    },
    "categories": *[_type == "category" && ${published}] | order(name asc, _id asc){
      _id, _updatedAt, name, "slug": slug.current, description, "parentId": parent._ref
    },
    "areas": *[_type == "area" && ${published}] | order(name asc, _id asc){
      _id, name, "slug": slug.current, postcodeDistricts
    }
  }`,
);
