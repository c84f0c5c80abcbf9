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
  Schedule,
  Service,
  SiteSettings,
} from '../content/profile';
import * as q from './index';

type Slugged<T extends { slug: unknown }> = Omit<T, 'slug' | '_type'> & { slug: string };
type Link = { name: string; slug: string };

export type SiteSettingsResult = Omit<SiteSettings, '_id' | '_type'> | null;
export type CrisisSupportResult = Omit<CrisisSupport, '_id' | '_type'> | null;

export type ServiceCard = Pick<
  Service,
  '_id' | 'name' | 'summary' | 'status' | 'accessRoute' | 'accepting' | 'free' | 'coverage' | 'verifiedOn'
> & {
  slug: string;
  organisation: Link | null;
  categories: Link[] | null;
  areas: Link[] | null;
  places: { name: string | null; postcode: string | null; confidential: boolean }[] | null;
};

export type CategoriesResult = (Pick<Category, '_id' | 'name' | 'description'> & {
  slug: string;
  serviceCount: number;
})[];

export type AreasResult = (Pick<Area, '_id' | 'name' | 'partnership' | 'postcodeDistricts'> & {
  slug: string;
  serviceCount: number;
})[];

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
};

export type SearchServicesResult = ServiceCard[];

/** Each named query's result type, keyed by its GROQ string, so `ContentSource.fetch` is typed. */
export interface QueryResults {
  [q.siteSettingsQuery]: SiteSettingsResult;
  [q.crisisSupportQuery]: CrisisSupportResult;
  [q.categoriesQuery]: CategoriesResult;
  [q.areasQuery]: AreasResult;
  [q.categoryBySlugQuery]: CategoryBySlugResult;
  [q.areaBySlugQuery]: AreaBySlugResult;
  [q.serviceBySlugQuery]: ServiceBySlugResult;
  [q.organisationBySlugQuery]: OrganisationBySlugResult;
  [q.sitemapQuery]: SitemapResult;
  [q.searchServicesQuery]: SearchServicesResult;
}

/** A named query from `src/queries`. */
export type NamedQuery = keyof QueryResults;
