/**
 * Every content read Signpost makes, as named GROQ queries.
 *
 * Both content sources run these exact strings: `@sanity/client` against the Content Lake, or
 * groq-js over the embedded dataset. Result types live beside them in `./types.ts`.
 */
import { defineQuery } from 'groq';

/** Published documents only: drafts are never served. */
const published = `!(_id in path("drafts.**"))`;
/** Listings a resident can still use (temporarily closed ones stay, labelled). */
const listed = `_type == "service" && ${published} && status in ["active", "temporarily-closed"]`;

/** What a list of services shows (cards on category, area, organisation and search pages). */
const serviceCard = `
  _id,
  name,
  "slug": slug.current,
  summary,
  status,
  accessRoute,
  accepting,
  free,
  coverage,
  verifiedOn,
  "reviewEveryMonths": math::min(categories[]->reviewEveryMonths),
  "organisation": organisation->{ name, "slug": slug.current },
  "categories": categories[]->{ name, "slug": slug.current },
  "areas": areas[]->{ name, "slug": slug.current },
  "places": locations[]->{ "name": select(confidential == true => null, name), "postcode": select(confidential == true => null, address.postcode), confidential }
`;

/**
 * A location as the public may see it: a confidential location keeps its name and area but never
 * its address or position, so no page or feed can leak them.
 */
const publicLocation = `
  _id,
  "confidential": confidential == true,
  "name": select(confidential == true => "Confidential location", name),
  "area": area->{ name, "slug": slug.current },
  "address": select(confidential == true => null, address),
  "position": select(confidential == true => null, position),
  "accessibility": select(confidential == true => [], coalesce(accessibility, [])),
  "directions": select(confidential == true => null, directions)
`;

export const siteSettingsQuery = defineQuery(
  `*[_id == "siteSettings"][0]{ title, description, sampleDataNotice, contactEmail, dataController, dataProtectionEmail }`,
);

export const crisisSupportQuery = defineQuery(
  `*[_id == "crisisSupport"][0]{ title, intro, emergency, contacts[]{ _key, name, action, phone, sms, website, availability, details }, owner, reviewedOn }`,
);

/** An editable page (About, accessibility statement, privacy notice) by its slug. */
export const pageBySlugQuery = defineQuery(
  `*[_type == "page" && ${published} && slug.current == $slug][0]{
    _id, _updatedAt, title, "slug": slug.current, summary, showDataProtectionContacts, owner, reviewedOn,
    "body": body[]{ _key, _type, style, listItem, level, "markDefs": coalesce(markDefs[]{ _key, _type, href }, []), "children": children[]{ _key, _type, text, "marks": coalesce(marks, []) } }
  }`,
);

export const categoriesQuery = defineQuery(
  `*[_type == "category" && ${published} && !defined(parent)] | order(name asc){ _id, name, "slug": slug.current, description }`,
);

export const areasQuery = defineQuery(
  `*[_type == "area" && ${published}] | order(name asc){ _id, name, "slug": slug.current, partnership, postcodeDistricts }`,
);

/**
 * What the listing counts on the home page are made from, in one pass over the services (a
 * count per category in GROQ would scan every service once per category: seconds at 10k).
 */
export const listingCountsQuery = defineQuery(
  `{
    "services": *[${listed}]{
      "categories": categories[]._ref, "areas": areas[]._ref, verifiedOn,
      "reviewEveryMonths": math::min(categories[]->reviewEveryMonths)
    },
    "parents": *[_type == "category" && ${published} && defined(parent)]{ _id, "parent": parent._ref }
  }`,
);

export const categoryBySlugQuery = defineQuery(
  `*[_type == "category" && ${published} && slug.current == $slug][0]{
    _id, name, "slug": slug.current, description,
    "parent": parent->{ name, "slug": slug.current },
    "children": *[_type == "category" && ${published} && parent._ref == ^._id] | order(name asc){ name, "slug": slug.current },
    "services": *[${listed} && (^._id in categories[]._ref || ^._id in categories[]->parent._ref)] | order(name asc){ ${serviceCard} }
  }`,
);

export const areaBySlugQuery = defineQuery(
  `*[_type == "area" && ${published} && slug.current == $slug][0]{
    _id, name, "slug": slug.current, partnership, postcodeDistricts, description,
    "services": *[${listed} && ^._id in areas[]._ref] | order(name asc){ ${serviceCard} }
  }`,
);

export const serviceBySlugQuery = defineQuery(
  `*[_type == "service" && ${published} && slug.current == $slug][0]{
    _id, _updatedAt, name, "slug": slug.current, summary, description, forWhom, ageMin, ageMax,
    accessRoute, accessDetails, accepting, free, costDetails, languages, "tags": coalesce(tags, []),
    "accessibility": coalesce(accessibility, []),
    phone, email, website,
    "contacts": coalesce(contacts[]{ _key, name, role, phone, email }, []),
    "schedules": coalesce(schedules[]{ _key, frequency, day, weekOfMonth, opensAt, closesAt, validFrom, validTo, location, note }, []),
    "closures": coalesce(closures[]{ _key, from, to, reason, location }, []),
    closedOnBankHolidays, coverage, status, statusNote, verifiedOn, verifiedBy,
    "reviewEveryMonths": math::min(categories[]->reviewEveryMonths),
    "organisation": organisation->{ _id, name, "slug": slug.current, website, phone, email },
    "categories": categories[]->{ _id, name, "slug": slug.current },
    "areas": areas[]->{ _id, name, "slug": slug.current },
    "locations": coalesce(locations[]->{ ${publicLocation} }, [])
  }`,
);

export const organisationBySlugQuery = defineQuery(
  `*[_type == "organisation" && ${published} && slug.current == $slug][0]{
    _id, name, "slug": slug.current, description, website, email, phone, charityNumber,
    "services": *[${listed} && organisation._ref == ^._id] | order(name asc){ ${serviceCard} }
  }`,
);

/** Every public page, for `sitemap.xml`. */
export const sitemapQuery = defineQuery(
  `{
    "services": *[${listed}]{ "slug": slug.current, _updatedAt },
    "organisations": *[_type == "organisation" && ${published} && count(*[${listed} && organisation._ref == ^._id]) > 0]{ "slug": slug.current, _updatedAt },
    "categories": *[_type == "category" && ${published}]{ "slug": slug.current, _updatedAt },
    "areas": *[_type == "area" && ${published}]{ "slug": slug.current, _updatedAt },
    "pages": *[_type == "page" && ${published}]{ "slug": slug.current, _updatedAt }
  }`,
);

/**
 * Everything the search index needs, and nothing more: every listed service with the words to
 * index and the facts to filter on, plus the areas a place name can resolve to. A confidential
 * venue contributes only the flag, never its name, postcode or position.
 */
export const searchDocumentsQuery = defineQuery(
  `{
    "services": *[${listed}] | order(_id asc){
      _id, _updatedAt, name, "slug": slug.current, summary, "tags": coalesce(tags, []),
      status, verifiedOn, free, ageMin, ageMax, accessRoute, accepting, coverage, forWhom,
      "languages": coalesce(languages, []), "closedOnBankHolidays": closedOnBankHolidays == true,
      "reviewEveryMonths": math::min(categories[]->reviewEveryMonths),
      "accessibility": coalesce(accessibility, []),
      "organisation": organisation->{ name, "slug": slug.current },
      "categories": coalesce(categories[]->{
        name, "slug": slug.current, "keywords": coalesce(keywords, []),
        "parent": parent->{ name, "slug": slug.current, "keywords": coalesce(keywords, []) }
      }, []),
      "areas": coalesce(areas[]->{ name, "slug": slug.current }, []),
      "schedules": coalesce(schedules[]{ day, opensAt, closesAt, frequency, weekOfMonth, validFrom, validTo, location }, []),
      "closures": coalesce(closures[]{ from, to, location }, []),
      "venues": coalesce(locations[]->{
        "confidential": confidential == true,
        "name": select(confidential == true => null, name),
        "postcode": select(confidential == true => null, address.postcode),
        "position": select(confidential == true => null, position{ lat, lng }),
        "accessibility": select(confidential == true => [], coalesce(accessibility, []))
      }, [])
    },
    "areas": *[_type == "area" && ${published}] | order(name asc){
      name, "slug": slug.current, postcodeDistricts, "centre": centre{ lat, lng }
    }
  }`,
);

/**
 * The services on someone's list ("My list"), by id: what a printed list needs. Only listed
 * services come back; ids of removed or unpublished ones simply return nothing.
 */
export const servicesByIdsQuery = defineQuery(
  `*[${listed} && _id in $ids]{
    _id, name, "slug": slug.current, summary, status, statusNote, free, accessRoute, coverage,
    phone, email, website, closedOnBankHolidays,
    "organisation": organisation->{ name, "slug": slug.current, phone },
    "schedules": coalesce(schedules[]{ _key, frequency, day, weekOfMonth, opensAt, closesAt, validFrom, validTo, location, note }, []),
    "closures": coalesce(closures[]{ _key, from, to, reason, location }, []),
    "areas": coalesce(areas[]->{ name, "slug": slug.current }, []),
    "locations": coalesce(locations[]->{ ${publicLocation} }, [])
  }`,
);

/**
 * The activities of referrals, by id, as the connector, the resident's link page and the
 * provider see them. Unlisted services come back too (a referral made before a service closed
 * still shows what it was), with their status; the address of a confidential venue never does.
 */
export const referralServicesQuery = defineQuery(
  `*[_type == "service" && ${published} && _id in $ids]{
    _id, name, "slug": slug.current, summary, status, statusNote, accessRoute, accessDetails, accepting,
    free, costDetails, coverage, phone, email, website, closedOnBankHolidays, "tags": coalesce(tags, []),
    "organisation": organisation->{ _id, name, "slug": slug.current, phone, email, website },
    "schedules": coalesce(schedules[]{ _key, frequency, day, weekOfMonth, opensAt, closesAt, validFrom, validTo, location, note }, []),
    "closures": coalesce(closures[]{ _key, from, to, reason, location }, []),
    "categories": coalesce(categories[]->{ _id, name, "slug": slug.current }, []),
    "areas": coalesce(areas[]->{ _id, name, "slug": slug.current }, []),
    "locations": coalesce(locations[]->{ ${publicLocation} }, [])
  }`,
);

/**
 * Every service's name, organisation, first category (with its parent) and first area: how the
 * referral reports group counts. Unlisted services too, so old referrals keep their place.
 */
export const referralReportServicesQuery = defineQuery(
  `*[_type == "service" && ${published}]{
    _id, name,
    "organisation": organisation->{ _id, name },
    "category": categories[0]->{ name, "slug": slug.current, "parent": parent->{ name, "slug": slug.current } },
    "area": areas[0]->{ name, "slug": slug.current }
  }`,
);

/** Every published organisation's id and name, by name: what an admin picks a partner's organisation from. */
export const organisationChoicesQuery = defineQuery(
  `*[_type == "organisation" && ${published}] | order(name asc){ _id, name }`,
);

/** The listings of some organisations (a partner's own), published only, for the partner portal. */
export const organisationListingsQuery = defineQuery(
  `*[_type in ["organisation", "service", "location"] && ${published} && (_id in $organisationIds || organisation._ref in $organisationIds)] | order(_type asc, name asc){
    _id, _type, _updatedAt, name, "slug": slug.current, status, accepting, verifiedOn,
    "reviewEveryMonths": math::min(categories[]->reviewEveryMonths),
    "organisation": coalesce(organisation._ref, _id)
  }`,
);

/** What a listing form offers: every category and area, and the organisation's published venues. */
export const listingChoicesQuery = defineQuery(
  `{
    "categories": *[_type == "category" && ${published}] | order(name asc){ _id, name, "parent": parent->name },
    "areas": *[_type == "area" && ${published}] | order(name asc){ _id, name },
    "venues": *[_type == "location" && ${published} && organisation._ref == $organisationId] | order(name asc){ _id, name }
  }`,
);

/**
 * Every listed service with what the verification cycle needs: when it was checked, its review
 * period (its categories' shortest), its organisation and areas (the editors' review dashboard
 * groups by them; the reminder job writes to the organisation's members).
 */
export const reviewListingsQuery = defineQuery(
  `*[${listed}] | order(name asc){
    _id, name, "slug": slug.current, summary, status, verifiedOn, verifiedBy,
    "reviewEveryMonths": math::min(categories[]->reviewEveryMonths),
    "organisation": organisation->{ _id, name, "slug": slug.current },
    "areas": coalesce(areas[]->{ name, "slug": slug.current }, [])
  }`,
);

/**
 * When every listed service runs, for the "what's on" line of each card: its sessions, closures
 * (a closure naming a venue covers only that venue) and venues' public names (none for a
 * confidential venue). Lean on purpose: the site reads it once per content revision.
 */
export const serviceTimesQuery = defineQuery(
  `*[${listed}]{
    _id, status, accessRoute, coverage, closedOnBankHolidays,
    "schedules": coalesce(schedules[]{ _key, frequency, day, weekOfMonth, opensAt, closesAt, validFrom, validTo, location, note }, []),
    "closures": coalesce(closures[]{ _key, from, to, reason, location }, []),
    "venues": coalesce(locations[]->{ _id, "name": select(confidential == true => null, name) }, [])
  }`,
);

/**
 * One listed service's times (null if it is not listed): what the embedded store answers for a
 * card from its id index, so that no page waits for every service's times to be read.
 */
export const serviceTimesByIdQuery = defineQuery(
  `*[${listed} && _id == $id][0]{
    _id, status, accessRoute, coverage, closedOnBankHolidays,
    "schedules": coalesce(schedules[]{ _key, frequency, day, weekOfMonth, opensAt, closesAt, validFrom, validTo, location, note }, []),
    "closures": coalesce(closures[]{ _key, from, to, reason, location }, []),
    "venues": coalesce(locations[]->{ _id, "name": select(confidential == true => null, name) }, [])
  }`,
);

/** A category page's own details (its listings come from the search engine, paginated). */
export const categoryPageQuery = defineQuery(
  `*[_type == "category" && ${published} && slug.current == $slug][0]{
    _id, name, "slug": slug.current, description,
    "parent": parent->{ name, "slug": slug.current },
    "children": *[_type == "category" && ${published} && parent._ref == ^._id] | order(name asc){ name, "slug": slug.current }
  }`,
);

/** An area page's own details (its listings come from the search engine, paginated). */
export const areaPageQuery = defineQuery(
  `*[_type == "area" && ${published} && slug.current == $slug][0]{
    _id, name, "slug": slug.current, partnership, postcodeDistricts, description
  }`,
);
