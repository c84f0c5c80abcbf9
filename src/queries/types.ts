/**
 * Result types of the named queries in `./index.ts`, derived from the content profile so a change
 * to a field's type shows up here.
 */
import type {
  Area,
  Category,
  CrisisSupport,
  Location,
  Organisation,
  Page,
  Schedule,
  Service,
  SiteSettings,
} from '../content/profile';
import * as q from './index';

type Slugged<T extends { slug: unknown }> = Omit<T, 'slug' | '_type'> & { slug: string };
type Link = { name: string; slug: string };

export type SiteSettingsResult = Omit<SiteSettings, '_id' | '_type'> | null;
export type CrisisSupportResult = Omit<CrisisSupport, '_id' | '_type'> | null;

export type PageBySlugResult =
  | (Omit<Page, '_type' | 'slug' | 'showDataProtectionContacts'> & {
      _updatedAt: string;
      slug: string;
      showDataProtectionContacts: boolean | null;
    })
  | null;

export type ServiceCard = Pick<
  Service,
  '_id' | 'name' | 'summary' | 'status' | 'accessRoute' | 'accepting' | 'free' | 'coverage' | 'verifiedOn'
> & {
  slug: string;
  /** The shortest review period of its categories, in months; null: the default (12). */
  reviewEveryMonths: number | null;
  organisation: Link | null;
  categories: Link[] | null;
  areas: Link[] | null;
  places: { name: string | null; postcode: string | null; confidential: boolean }[] | null;
};

export type CategoriesResult = (Pick<Category, '_id' | 'name' | 'description'> & { slug: string })[];

export type AreasResult = (Pick<Area, '_id' | 'name' | 'partnership' | 'postcodeDistricts'> & { slug: string })[];

export type ListingCountsResult = {
  services: {
    categories: string[] | null;
    areas: string[] | null;
    verifiedOn?: string | null;
    reviewEveryMonths?: number | null;
  }[];
  parents: { _id: string; parent: string }[];
};

export type CategoryBySlugResult =
  | (Pick<Category, '_id' | 'name' | 'description'> & {
      slug: string;
      parent: Link | null;
      children: Link[];
      services: ServiceCard[];
    })
  | null;

export type AreaBySlugResult =
  | (Pick<Area, '_id' | 'name' | 'partnership' | 'postcodeDistricts' | 'description'> & {
      slug: string;
      services: ServiceCard[];
    })
  | null;

/** A location as the public may see it: no address or position when confidential. */
export type PublicLocation = {
  _id: string;
  confidential: boolean;
  name: string;
  area: Link | null;
  address: Location['address'] | null;
  position: Location['position'] | null;
  accessibility: NonNullable<Location['accessibility']>;
  directions: string | null;
};

export type ServiceSchedule = Omit<Schedule, '_type'>;

export type ServiceBySlugResult =
  | (Omit<
      Slugged<Service>,
      'organisation' | 'categories' | 'areas' | 'locations' | 'schedules' | 'contacts' | 'closures' | 'tags'
    > & {
      _updatedAt: string;
      /** The shortest review period of its categories, in months; null: the default (12). */
      reviewEveryMonths: number | null;
      /** Its tags: which listings get the quick-exit button. */
      tags: string[];
      accessibility: NonNullable<Service['accessibility']>;
      contacts: Omit<NonNullable<Service['contacts']>[number], '_type'>[];
      schedules: ServiceSchedule[];
      closures: Omit<NonNullable<Service['closures']>[number], '_type'>[];
      organisation: (Pick<Organisation, '_id' | 'name' | 'website' | 'phone' | 'email'> & { slug: string }) | null;
      categories: (Link & { _id: string })[];
      areas: (Link & { _id: string })[];
      locations: PublicLocation[];
    })
  | null;

export type OrganisationBySlugResult = (Omit<Slugged<Organisation>, never> & { services: ServiceCard[] }) | null;

type SitemapEntry = { slug: string; _updatedAt: string };
export type SitemapResult = {
  services: SitemapEntry[];
  organisations: SitemapEntry[];
  categories: SitemapEntry[];
  areas: SitemapEntry[];
  pages: SitemapEntry[];
};

/** Each named query's result type, keyed by its GROQ string, so `ContentSource.fetch` is typed. */
export interface QueryResults {
  [q.siteSettingsQuery]: SiteSettingsResult;
  [q.crisisSupportQuery]: CrisisSupportResult;
  [q.pageBySlugQuery]: PageBySlugResult;
  [q.categoriesQuery]: CategoriesResult;
  [q.areasQuery]: AreasResult;
  [q.listingCountsQuery]: ListingCountsResult;
  [q.categoryBySlugQuery]: CategoryBySlugResult;
  [q.areaBySlugQuery]: AreaBySlugResult;
  [q.serviceBySlugQuery]: ServiceBySlugResult;
  [q.organisationBySlugQuery]: OrganisationBySlugResult;
  [q.sitemapQuery]: SitemapResult;
}

/** A named query from `src/queries`. */
export type NamedQuery = keyof QueryResults;

// The Open Referral UK feed (`./oruk.ts`). Projected fields that are missing come back as null.
import * as oruk from './oruk';

type Projected<T> = { [K in keyof T]-?: undefined extends T[K] ? Exclude<T[K], undefined> | null : T[K] };
type ServiceContact = NonNullable<Service['contacts']>[number];

/** A location the public may see (confidential ones are dropped by the query). */
export type OrukFeedLocation = Projected<Pick<Location, '_id' | 'name' | 'address' | 'position' | 'directions'>> & {
  _updatedAt: string;
  areaId: string | null;
  accessibility: NonNullable<Location['accessibility']>;
};

export type OrukFeedSchedule = Projected<Omit<Schedule, '_type' | 'location'>> & { locationId: string | null };

export type OrukFeedService = Projected<
  Pick<
    Service,
    | '_id'
    | 'name'
    | 'summary'
    | 'description'
    | 'forWhom'
    | 'ageMin'
    | 'ageMax'
    | 'accessRoute'
    | 'accessDetails'
    | 'accepting'
    | 'free'
    | 'costDetails'
    | 'languages'
    | 'phone'
    | 'email'
    | 'website'
    | 'closedOnBankHolidays'
    | 'coverage'
    | 'status'
    | 'statusNote'
    | 'verifiedOn'
  >
> & {
  _updatedAt: string;
  slug: string;
  accessibility: NonNullable<Service['accessibility']>;
  contacts: Projected<Omit<ServiceContact, '_type'>>[];
  schedules: OrukFeedSchedule[];
  tags: string[];
  organisationId: string | null;
  categoryIds: string[];
  areaIds: string[];
  /** Null where a reference points at a document that is not published. */
  locations: (OrukFeedLocation | null)[];
};

export type OrukFeedOrganisation = Projected<
  Pick<Organisation, '_id' | 'name' | 'description' | 'website' | 'email' | 'phone' | 'charityNumber'>
> & { _updatedAt: string; slug: string };

export type OrukFeedCategory = Pick<Category, '_id' | 'name' | 'description'> & {
  _updatedAt: string;
  slug: string;
  parentId: string | null;
};

export type OrukFeedArea = Pick<Area, '_id' | 'name' | 'postcodeDistricts'> & { slug: string };

export type OrukFeedResult = {
  services: OrukFeedService[];
  organisations: OrukFeedOrganisation[];
  categories: OrukFeedCategory[];
  areas: OrukFeedArea[];
};

export interface QueryResults {
  [oruk.orukFeedQuery]: OrukFeedResult;
}

/** One listed service as the search index reads it (confidential venues carry only the flag). */
export type SearchDocument = Pick<
  Service,
  '_id' | 'name' | 'summary' | 'status' | 'verifiedOn' | 'free' | 'accessRoute' | 'accepting' | 'coverage'
> & {
  _updatedAt: string;
  slug: string;
  /** The shortest review period of its categories, in months; null: the default (12). */
  reviewEveryMonths: number | null;
  tags: string[];
  ageMin: number | null;
  ageMax: number | null;
  /** Who it is for, in the provider's words: read for the audience vocabulary, not indexed as text. */
  forWhom: string | null;
  /** Languages spoken, as the listing names them ("Turkish", "British Sign Language"). */
  languages: string[];
  closedOnBankHolidays: boolean;
  accessibility: NonNullable<Service['accessibility']>;
  organisation: Link | null;
  categories: (Link & { keywords: string[]; parent: (Link & { keywords: string[] }) | null })[];
  areas: Link[];
  schedules: (Pick<Schedule, 'day' | 'opensAt' | 'closesAt' | 'frequency'> & {
    weekOfMonth: Schedule['weekOfMonth'] | null;
    validFrom: string | null;
    validTo: string | null;
    /** The venue the session is at, when the schedule names one. */
    location: { _ref: string } | null;
  })[];
  /** A closure naming a venue stops only that venue's sessions. */
  closures: { from: string; to: string | null; location: { _ref: string } | null }[];
  venues: {
    confidential: boolean;
    name: string | null;
    postcode: string | null;
    position: { lat: number; lng: number } | null;
    accessibility: NonNullable<Location['accessibility']>;
  }[];
};

/** An area a place name or postcode district can resolve to. */
export type SearchArea = Pick<Area, 'name' | 'postcodeDistricts'> & {
  slug: string;
  centre: { lat: number; lng: number };
};

export type SearchDocumentsResult = { services: SearchDocument[]; areas: SearchArea[] };

/** `QueryResults` entry for `searchDocumentsQuery` (declaration merging keeps the edit append-only). */
export interface QueryResults {
  [q.searchDocumentsQuery]: SearchDocumentsResult;
}

/** One service on someone's list, as `servicesByIdsQuery` returns it. */
export type ListedService = Pick<
  Service,
  '_id' | 'name' | 'summary' | 'status' | 'free' | 'accessRoute' | 'coverage' | 'closedOnBankHolidays'
> & {
  slug: string;
  statusNote: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  organisation: (Link & { phone: string | null }) | null;
  schedules: ServiceSchedule[];
  closures: Omit<NonNullable<Service['closures']>[number], '_type'>[];
  areas: Link[];
  locations: PublicLocation[];
};

export type ServicesByIdsResult = ListedService[];

/** `QueryResults` entry for `servicesByIdsQuery`. */
export interface QueryResults {
  [q.servicesByIdsQuery]: ServicesByIdsResult;
}

/** One activity of a referral, as `referralServicesQuery` projects it. */
export type ReferralService = Pick<
  Service,
  '_id' | 'name' | 'summary' | 'status' | 'accessRoute' | 'accepting' | 'free' | 'coverage' | 'closedOnBankHolidays'
> & {
  slug: string;
  statusNote: string | null;
  accessDetails: string | null;
  costDetails: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** Its tags (lower case): which listings get the quick-exit button. */
  tags: string[];
  organisation:
    | (Pick<Organisation, '_id' | 'name'> & {
        slug: string;
        phone: string | null;
        email: string | null;
        website: string | null;
      })
    | null;
  schedules: ServiceSchedule[];
  closures: Omit<NonNullable<Service['closures']>[number], '_type'>[];
  categories: (Link & { _id: string })[];
  areas: (Link & { _id: string })[];
  locations: PublicLocation[];
};

export type ReferralServicesResult = ReferralService[];

/** How the referral reports place a service. */
export type ReferralReportService = {
  _id: string;
  name: string;
  organisation: { _id: string; name: string } | null;
  category: (Link & { parent: Link | null }) | null;
  area: Link | null;
};

export type ReferralReportServicesResult = ReferralReportService[];

/** `QueryResults` entries for the referral queries. */
export interface QueryResults {
  [q.referralServicesQuery]: ReferralServicesResult;
  [q.referralReportServicesQuery]: ReferralReportServicesResult;
}

/** An organisation to choose from when inviting a partner. */
export type OrganisationChoice = Pick<Organisation, '_id' | 'name'>;
export type OrganisationListingsResult = {
  _id: string;
  _type: 'organisation' | 'service' | 'location';
  _updatedAt: string;
  name: string;
  slug: string | null;
  status: Service['status'] | null;
  accepting: Service['accepting'] | null;
  verifiedOn: string | null;
  /** The shortest review period of its categories, in months; null: the default (12). */
  reviewEveryMonths: number | null;
  organisation: string;
}[];

export type OrganisationChoicesResult = OrganisationChoice[];

/** `QueryResults` entry for the organisation choices. */
export interface QueryResults {
  [q.organisationChoicesQuery]: OrganisationChoicesResult;
  [q.organisationListingsQuery]: OrganisationListingsResult;
}

export type ListingChoicesResult = {
  categories: { _id: string; name: string; parent: string | null }[];
  areas: { _id: string; name: string }[];
  venues: { _id: string; name: string }[];
};

/** `QueryResults` entry for the listing forms' choices. */
export interface QueryResults {
  [q.listingChoicesQuery]: ListingChoicesResult;
}

/** A listed service as the verification cycle sees it (`reviewListingsQuery`). */
export type ReviewListing = Pick<Service, '_id' | 'name' | 'summary' | 'status' | 'verifiedOn' | 'verifiedBy'> & {
  slug: string;
  /** The shortest review period of its categories, in months; null: the default (12). */
  reviewEveryMonths: number | null;
  organisation: (Link & { _id: string }) | null;
  areas: Link[];
};

/** `QueryResults` entry for `reviewListingsQuery`. */
export interface QueryResults {
  [q.reviewListingsQuery]: ReviewListing[];
}

/** When one listed service runs, as `serviceTimesQuery` returns it. */
export type ServiceTimes = Pick<Service, '_id' | 'status' | 'accessRoute' | 'coverage' | 'closedOnBankHolidays'> & {
  schedules: ServiceSchedule[];
  closures: Omit<NonNullable<Service['closures']>[number], '_type'>[];
  /** The service's venues; `name` is null for a confidential one. */
  venues: { _id: string; name: string | null }[];
};

/** `QueryResults` entry for `serviceTimesQuery`. */
export interface QueryResults {
  [q.serviceTimesQuery]: ServiceTimes[];
  [q.serviceTimesByIdQuery]: ServiceTimes | null;
}

/** `QueryResults` entries for the browse pages' own details. */
export interface QueryResults {
  [q.categoryPageQuery]: Omit<NonNullable<CategoryBySlugResult>, 'services'> | null;
  [q.areaPageQuery]: Omit<NonNullable<AreaBySlugResult>, 'services'> | null;
}
