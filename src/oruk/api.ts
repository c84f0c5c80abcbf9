/**
 * The Open Referral UK read API (HSDS-UK 3.0) as use cases: each takes the request's query string
 * or path id and returns a status and a JSON body. `./http.ts` turns a result into a response.
 */
import type { ContentSource } from '../content/source';
import { orukFeedQuery } from '../queries/oruk';
import type { OrukFeedResult } from '../queries/types';
import {
  buildFeedIndex,
  distanceInMetres,
  matchesSearch,
  type FeedIndex,
  type IndexedService,
  type IndexedServiceAtLocation,
} from './feed';
import { orukOpenApi } from './openapi';
import { paginate } from './page';
import {
  DEFAULT_PER_PAGE,
  ParameterError,
  MAX_MINIMAL_PER_PAGE,
  organizationParams,
  organizationsParams,
  readId,
  readParams,
  serviceAtLocationsParams,
  servicesParams,
  taxonomiesParams,
  taxonomyTermsParams,
} from './params';

/** What a use case answers: an HTTP status and a JSON body. */
export type OrukResult = { status: number; body: unknown };

/** The HSDS-UK version this feed follows, as ORUK's `GET /` reports it. */
export const ORUK_VERSION = 'HSDS-UK-3.0';
/** The UK profile's documentation, as the ORUK `api_details` schema gives it. */
export const ORUK_PROFILE = 'https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md';
/** Where the feed lives on the site. */
export const ORUK_BASE_PATH = '/api/oruk';

const ok = (body: unknown): OrukResult => ({ status: 200, body });

/** Runs a use case, answering a parameter problem as 400 with its message. */
async function answer(run: () => Promise<OrukResult>): Promise<OrukResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ParameterError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}
const notFound = (what: string, id: string): OrukResult => ({
  status: 404,
  body: { error: `No ${what} has the id ${id}` },
});

// The mapped feed for each query result: the embedded source returns the same object until the
// content changes, so the mapping runs once per revision.
const indexes = new WeakMap<OrukFeedResult, { siteUrl: string; index: FeedIndex }>();

async function loadIndex(source: ContentSource, siteUrl: string): Promise<FeedIndex> {
  const feed = await source.fetch(orukFeedQuery);
  const cached = indexes.get(feed);
  if (cached && cached.siteUrl === siteUrl) return cached.index;
  const index = buildFeedIndex(feed, siteUrl);
  indexes.set(feed, { siteUrl, index });
  return index;
}

type ServiceFilters = {
  search?: string | undefined;
  taxonomy_term_id?: string | undefined;
  taxonomy_id?: string | undefined;
  organization_id?: string | undefined;
  modified_after?: number | undefined;
};

/** Every filter given must hold (ORUK parameters combine with AND). */
function serviceMatches(service: IndexedService, filters: ServiceFilters): boolean {
  return (
    (!filters.taxonomy_term_id || service.termIds.has(filters.taxonomy_term_id)) &&
    (!filters.taxonomy_id || service.taxonomyIds.has(filters.taxonomy_id)) &&
    (!filters.organization_id || service.organisationId === filters.organization_id) &&
    (filters.modified_after === undefined || service.modifiedAt >= filters.modified_after) &&
    matchesSearch(service.words, filters.search)
  );
}

/** The ORUK API over one content source; `siteUrl` makes the absolute links. */
export function orukApi(source: ContentSource, siteUrl: string) {
  const index = () => loadIndex(source, siteUrl);

  return {
    /** `GET /`: which standard this is and where its OpenAPI description is. */
    root(): OrukResult {
      return ok({
        version: ORUK_VERSION,
        profile: ORUK_PROFILE,
        openapi_url: new URL(`${ORUK_BASE_PATH}/openapi.json`, siteUrl).href,
      });
    },

    /** `GET /openapi.json`: the endpoints this feed offers. */
    openapi(): OrukResult {
      return ok(orukOpenApi(new URL(ORUK_BASE_PATH, siteUrl).href));
    },

    /** `GET /services`: a page of services, summarised, minimal or fully nested. */
    services(query: URLSearchParams): Promise<OrukResult> {
      return answer(async () => {
        const params = readParams(servicesParams, query);
        const feed = await index();
        const matching = feed.services.filter((service) => serviceMatches(service, params));
        const perPage = params.per_page ?? (params.minimal ? MAX_MINIMAL_PER_PAGE : DEFAULT_PER_PAGE);
        return ok(
          paginate(matching, params.page, perPage, (service) =>
            params.minimal ? service.minimal : params.full ? service.full() : service.summary(),
          ),
        );
      });
    },

    /** `GET /services/{id}`: one service with everything nested. */
    service(rawId: string | undefined): Promise<OrukResult> {
      return answer(async () => {
        const id = readId(rawId);
        const service = (await index()).servicesById.get(id);
        return service ? ok(service.full()) : notFound('service', id);
      });
    },

    /**
     * `GET /service_at_locations`: services at their (public) venues. With `postcode` alone, the
     * venues of services whose areas include that district; with `proximity` too, venues within
     * that many metres of the district's centre wherever the service's areas lie. Both sort
     * nearest first.
     */
    serviceAtLocations(query: URLSearchParams): Promise<OrukResult> {
      return answer(async () => {
        const params = readParams(serviceAtLocationsParams, query);
        const feed = await index();
        const origin = params.postcode;
        let matching: { sal: IndexedServiceAtLocation; distance: number }[] = feed.serviceAtLocations
          .filter((sal) => serviceMatches(sal.service, params))
          .map((sal) => ({
            sal,
            distance:
              origin && sal.latitude !== undefined && sal.longitude !== undefined
                ? distanceInMetres(origin, { lat: sal.latitude, lng: sal.longitude })
                : Infinity,
          }));
        if (origin) {
          matching = matching
            .filter(({ sal, distance }) =>
              params.proximity !== undefined
                ? distance <= params.proximity
                : sal.service.districts.size === 0 || sal.service.districts.has(origin.outcode),
            )
            .sort((a, b) => a.distance - b.distance);
        }
        return ok(
          paginate(matching, params.page, params.per_page ?? DEFAULT_PER_PAGE, ({ sal }) => ({
            ...sal.record(),
            service: params.full ? withoutLocations(sal.service) : sal.service.summary(),
          })),
        );
      });
    },

    /** `GET /service_at_locations/{id}`: one service at one venue, the service fully nested. */
    serviceAtLocation(rawId: string | undefined): Promise<OrukResult> {
      return answer(async () => {
        const id = readId(rawId);
        const sal = (await index()).serviceAtLocationsById.get(id);
        return sal
          ? ok({ ...sal.record(), service: withoutLocations(sal.service) })
          : notFound('service at location', id);
      });
    },

    /** `GET /organizations`: a page of organisations; `full` adds their services. */
    organizations(query: URLSearchParams): Promise<OrukResult> {
      return answer(async () => {
        const params = readParams(organizationsParams, query);
        const feed = await index();
        const matching = feed.organisations.filter((organisation) => matchesSearch(organisation.words, params.search));
        return ok(
          paginate(matching, params.page, params.per_page ?? DEFAULT_PER_PAGE, (organisation) =>
            params.full || params.full_service
              ? {
                  ...organisation.record(),
                  services: organisation.services.map((service) =>
                    params.full_service ? service.full() : service.summary(),
                  ),
                }
              : organisation.record(),
          ),
        );
      });
    },

    /** `GET /organizations/{id}`: one organisation with its services (`full_service` nests them fully). */
    organization(rawId: string | undefined, query: URLSearchParams): Promise<OrukResult> {
      return answer(async () => {
        const id = readId(rawId);
        const params = readParams(organizationParams, query);
        const organisation = (await index()).organisationsById.get(id);
        if (!organisation) return notFound('organization', id);
        const services = organisation.services.map((service) =>
          params.full_service ? service.full() : service.summary(),
        );
        return ok({ ...organisation.record(), ...(services.length > 0 ? { services } : {}) });
      });
    },

    /** `GET /taxonomies`: Signpost's vocabularies. */
    taxonomies(query: URLSearchParams): Promise<OrukResult> {
      return answer(async () => {
        const params = readParams(taxonomiesParams, query);
        const feed = await index();
        const matching = feed.taxonomies.filter((taxonomy) =>
          matchesSearch(` ${taxonomy.name.toLowerCase()} ${taxonomy.description.toLowerCase()}`, params.search),
        );
        return ok(paginate(matching, params.page, params.per_page ?? DEFAULT_PER_PAGE));
      });
    },

    /** `GET /taxonomies/{id}`: one vocabulary with its terms. */
    taxonomy(rawId: string | undefined): Promise<OrukResult> {
      return answer(async () => {
        const id = readId(rawId);
        const feed = await index();
        const taxonomy = feed.taxonomies.find((candidate) => candidate.id === id);
        if (!taxonomy) return notFound('taxonomy', id);
        return ok({
          ...taxonomy,
          taxonomy_terms: feed.terms.filter((term) => term.record.taxonomy_id === id).map((term) => term.record),
        });
      });
    },

    /** `GET /taxonomy_terms`: terms, filtered by taxonomy, parent or top level only. */
    taxonomyTerms(query: URLSearchParams): Promise<OrukResult> {
      return answer(async () => {
        const params = readParams(taxonomyTermsParams, query);
        const feed = await index();
        const matching = feed.terms.filter(
          ({ record, words }) =>
            (!params.taxonomy_id || record.taxonomy_id === params.taxonomy_id) &&
            (!params.parent_id || record.parent_id === params.parent_id) &&
            (!params.top_only || !record.parent_id) &&
            matchesSearch(words, params.search),
        );
        return ok(paginate(matching, params.page, params.per_page ?? DEFAULT_PER_PAGE, (term) => term.record));
      });
    },

    /** `GET /taxonomy_terms/{id}`: one term. */
    taxonomyTerm(rawId: string | undefined): Promise<OrukResult> {
      return answer(async () => {
        const id = readId(rawId);
        const term = (await index()).termsById.get(id);
        return term ? ok(term.record) : notFound('taxonomy term', id);
      });
    },

    /** Any other path under the feed. */
    unknownPath(path: string): OrukResult {
      return {
        status: 404,
        body: { error: `There is no endpoint at ${path}; see ${ORUK_BASE_PATH}/openapi.json for those there are` },
      };
    },
  };
}

export type OrukApi = ReturnType<typeof orukApi>;

/** A service nested under its service at location: everything but the venues again. */
function withoutLocations(service: IndexedService) {
  const { service_at_locations: _venues, ...rest } = service.full();
  return rest;
}
