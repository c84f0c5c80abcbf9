/**
 * The whole ORUK feed, mapped once per content revision and held in memory: every service,
 * service at location, organisation and taxonomy term, with what filters need (search words,
 * term and taxonomy ids including parent categories, service areas, positions). Requests only
 * filter and slice these arrays.
 */
import type { OrukFeedResult, OrukFeedService } from '../queries/types';
import {
  createMappingContext,
  lastModified,
  mapOrganisation,
  mapService,
  mapServiceSummary,
  orukStatus,
  serviceAtLocationId,
  serviceTermLinks,
} from './mapping';
import { buildTaxonomies, buildTerms, vocabularies } from './taxonomies';
import type {
  OrukOrganization,
  OrukService,
  OrukServiceAtLocation,
  OrukServiceMinimal,
  OrukServiceSummary,
  OrukTaxonomy,
  OrukTaxonomyTerm,
} from './types';

export type IndexedService = {
  id: string;
  /** The fully nested service, mapped on first use. */
  full(): OrukService;
  /** The service as lists show it, mapped on first use. */
  summary(): OrukServiceSummary;
  minimal: OrukServiceMinimal;
  organisationId: string | undefined;
  /** The service's terms and every ancestor of its categories, so a parent category finds it. */
  termIds: Set<string>;
  taxonomyIds: Set<string>;
  modifiedAt: number;
  /** Its name, descriptions, tags, organisation and categories as lower-case words, space-led. */
  words: string;
  /** Postcode districts of the areas it serves. */
  districts: Set<string>;
};

export type IndexedServiceAtLocation = {
  id: string;
  service: IndexedService;
  latitude: number | undefined;
  longitude: number | undefined;
  /** The record without its nested service, which each request adds (summary or full). */
  record(): Omit<OrukServiceAtLocation, 'service'>;
};

export type IndexedOrganisation = {
  id: string;
  record(): OrukOrganization;
  words: string;
  services: IndexedService[];
};

export type IndexedTerm = { record: OrukTaxonomyTerm; words: string };

export type FeedIndex = {
  services: IndexedService[];
  servicesById: Map<string, IndexedService>;
  serviceAtLocations: IndexedServiceAtLocation[];
  serviceAtLocationsById: Map<string, IndexedServiceAtLocation>;
  organisations: IndexedOrganisation[];
  organisationsById: Map<string, IndexedOrganisation>;
  taxonomies: OrukTaxonomy[];
  terms: IndexedTerm[];
  termsById: Map<string, IndexedTerm>;
};

/**
 * Text for matching: lower case, runs of anything but letters and digits as one space, with a
 * leading space so " word" finds a word start.
 */
export function wordsOf(...texts: (string | null | undefined)[]): string {
  return ` ${texts
    .filter(Boolean)
    .join(' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')}`;
}

/** A function that computes its value once, on first call. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/**
 * Builds the in-memory feed from the query result. Only what filters need is computed up front;
 * each record is mapped the first time a response includes it, so a directory of 10k+ services
 * is ready quickly after every content change.
 */
export function buildFeedIndex(feed: OrukFeedResult, siteUrl: string): FeedIndex {
  const termsByVocabulary = buildTerms(feed.categories, siteUrl);
  const allTerms = vocabularies.flatMap((vocabulary) => termsByVocabulary[vocabulary]);
  const context = createMappingContext(feed, allTerms, siteUrl);

  const ancestors = (termId: string): string[] => {
    const chain: string[] = [];
    let parent = context.terms.get(termId)?.parent_id;
    while (parent && !chain.includes(parent)) {
      chain.push(parent);
      parent = context.terms.get(parent)?.parent_id;
    }
    return chain;
  };

  const serviceAtLocations: IndexedServiceAtLocation[] = [];

  const indexService = (service: OrukFeedService): IndexedService => {
    const termIds = new Set(serviceTermLinks(service, context).flatMap(([, id]) => [id, ...ancestors(id)]));
    const taxonomyIds = new Set(
      [...termIds].map((id) => context.terms.get(id)?.taxonomy_id).filter((id): id is string => Boolean(id)),
    );
    const organisation = service.organisationId ? context.organisations.get(service.organisationId) : undefined;
    const summary = once(() => mapServiceSummary(service, context));
    const last = lastModified(service, context);
    const indexed: IndexedService = {
      id: service._id,
      summary,
      full: once(() => mapService(service, context, summary())),
      minimal: { id: service._id, name: service.name, status: orukStatus(service.status), last_modified: last },
      organisationId: organisation?._id,
      termIds,
      taxonomyIds,
      modifiedAt: Date.parse(last),
      words: wordsOf(
        service.name,
        service.summary,
        service.description,
        service.tags.join(' '),
        organisation?.name,
        service.categoryIds.map((id) => context.categories.get(id)?.name).join(' '),
      ),
      districts: new Set(service.areaIds.flatMap((id) => context.areas.get(id)?.postcodeDistricts ?? [])),
    };
    for (const location of service.locations) {
      if (!location) continue;
      const id = serviceAtLocationId(service._id, location._id);
      serviceAtLocations.push({
        id,
        service: indexed,
        latitude: location.position?.lat,
        longitude: location.position?.lng,
        record: once(() => indexed.full().service_at_locations!.find((sal) => sal.id === id)!),
      });
    }
    return indexed;
  };

  const services = feed.services.map(indexService);
  const servicesByOrganisation = Map.groupBy(services, (service) => service.organisationId);
  const organisations = feed.organisations.map((organisation): IndexedOrganisation => ({
    id: organisation._id,
    record: once(() => mapOrganisation(organisation, siteUrl)),
    words: wordsOf(organisation.name, organisation.description),
    services: servicesByOrganisation.get(organisation._id) ?? [],
  }));
  const terms = allTerms.map((record): IndexedTerm => ({ record, words: wordsOf(record.name, record.description) }));

  return {
    services,
    servicesById: new Map(services.map((service) => [service.id, service])),
    serviceAtLocations,
    serviceAtLocationsById: new Map(serviceAtLocations.map((sal) => [sal.id, sal])),
    organisations,
    organisationsById: new Map(organisations.map((organisation) => [organisation.id, organisation])),
    taxonomies: buildTaxonomies(),
    terms,
    termsById: new Map(terms.map((term) => [term.record.id, term])),
  };
}

/**
 * True when every searched word starts a word of `words` ("garden" finds "gardening"), like the
 * site's own search. Text with no letters or digits matches everything.
 */
export function matchesSearch(words: string, search: string | undefined): boolean {
  if (!search) return true;
  const wanted = new Set(wordsOf(search).split(' ').filter(Boolean));
  return [...wanted].every((word) => words.includes(` ${word}`));
}

/** Metres between two points on the Earth (haversine, mean radius). */
export function distanceInMetres(from: { lat: number; lng: number }, to: { lat: number; lng: number }): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(to.lat - from.lat);
  const dLng = radians(to.lng - from.lng);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(from.lat)) * Math.cos(radians(to.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}
