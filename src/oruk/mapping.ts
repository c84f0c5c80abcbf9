/**
 * Maps Signpost content (the `orukFeedQuery` projection) to Open Referral UK records. Pure
 * functions: no I/O, no clock. Confidential locations never reach here (the query drops them);
 * every record passes through `compact` so empty optional fields are omitted, never null.
 */
import { accessibilityLabels, accessRouteAdvice, accessRouteLabels } from '../content/labels';
import type {
  OrukFeedArea,
  OrukFeedCategory,
  OrukFeedLocation,
  OrukFeedOrganisation,
  OrukFeedResult,
  OrukFeedSchedule,
  OrukFeedService,
} from '../queries/types';
import { describeSchedule } from '../schedules';
import { compact } from './compact';
import { childId } from './ids';
import { codedTermId, type Vocabulary } from './taxonomies';
import type {
  OrukAttribute,
  OrukLocation,
  OrukOrganization,
  OrukOrganizationSummary,
  OrukSchedule,
  OrukService,
  OrukServiceAtLocation,
  OrukServiceSummary,
  OrukStatus,
  OrukTaxonomyTerm,
} from './types';

/** What the mapping needs besides the service itself, looked up by id. */
export type MappingContext = {
  siteUrl: string;
  organisations: Map<string, OrukFeedOrganisation>;
  categories: Map<string, OrukFeedCategory>;
  areas: Map<string, OrukFeedArea>;
  /** Every taxonomy term by id (categories and our coded vocabularies). */
  terms: Map<string, OrukTaxonomyTerm>;
  /** Records many services share, mapped once. */
  cache: { locations: Map<string, OrukLocation>; organisations: Map<string, OrukOrganizationSummary> };
};

/** A mapping context for a feed: lookups by id and empty caches. */
export function createMappingContext(
  feed: Pick<OrukFeedResult, 'organisations' | 'categories' | 'areas'>,
  terms: OrukTaxonomyTerm[],
  siteUrl: string,
): MappingContext {
  return {
    siteUrl,
    organisations: new Map(feed.organisations.map((organisation) => [organisation._id, organisation])),
    categories: new Map(feed.categories.map((category) => [category._id, category])),
    areas: new Map(feed.areas.map((area) => [area._id, area])),
    terms: new Map(terms.map((term) => [term.id, term])),
    cache: { locations: new Map(), organisations: new Map() },
  };
}

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

const statuses: Record<OrukFeedService['status'], OrukStatus> = {
  active: 'active',
  'temporarily-closed': 'temporarily closed',
  inactive: 'inactive',
  defunct: 'defunct',
};

/** Our status in ORUK's words ("temporarily-closed" becomes "temporarily closed"). */
export function orukStatus(status: OrukFeedService['status']): OrukStatus {
  return statuses[status];
}

const weekdayCodes: Record<OrukFeedSchedule['day'], string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};

/**
 * A schedule as an RFC 5545 style rule: weekly is WEEKLY/1, fortnightly WEEKLY/2 from a date it
 * runs on, and "first Tuesday" or "last Friday" of the month MONTHLY with BYDAY "1TU" or "-1FR".
 */
export function scheduleRule(schedule: OrukFeedSchedule): Pick<OrukSchedule, 'freq' | 'interval' | 'byday'> {
  const day = weekdayCodes[schedule.day];
  switch (schedule.frequency) {
    case 'weekly':
      return { freq: 'WEEKLY', interval: 1, byday: day };
    case 'fortnightly':
      return { freq: 'WEEKLY', interval: 2, byday: day };
    case 'monthly':
      return { freq: 'MONTHLY', interval: 1, byday: `${schedule.weekOfMonth ?? 1}${day}` };
  }
}

/** One of a service's schedules; `salIds` maps a public location id to its service_at_location id. */
export function mapSchedule(
  service: Pick<OrukFeedService, '_id' | 'closedOnBankHolidays'>,
  schedule: OrukFeedSchedule,
  salIds: Map<string, string>,
): OrukSchedule {
  const notes = [schedule.note, service.closedOnBankHolidays ? 'Does not run on bank holidays.' : undefined]
    .filter(Boolean)
    .join(' ');
  return compact({
    id: childId(service._id, 'schedule', schedule._key),
    service_id: service._id,
    service_at_location_id: schedule.locationId ? salIds.get(schedule.locationId) : undefined,
    valid_from: schedule.validFrom,
    valid_to: schedule.validTo,
    dtstart: schedule.validFrom,
    ...scheduleRule(schedule),
    opens_at: schedule.opensAt,
    closes_at: schedule.closesAt,
    description: describeSchedule({ ...schedule, weekOfMonth: schedule.weekOfMonth ?? undefined }),
    notes,
  });
}

/** A public location with its address and accessibility. */
export function mapLocation(location: OrukFeedLocation, context: MappingContext): OrukLocation {
  return cached(context.cache.locations, location._id, () => mapLocationOnce(location, context));
}

function mapLocationOnce(location: OrukFeedLocation, context: MappingContext): OrukLocation {
  const area = location.areaId ? context.areas.get(location.areaId) : undefined;
  const address = location.address;
  return compact({
    id: location._id,
    location_type: 'physical',
    name: location.name,
    description: location.directions,
    latitude: location.position?.lat,
    longitude: location.position?.lng,
    addresses: address
      ? [
          {
            id: childId(location._id, 'address'),
            location_id: location._id,
            address_1: address.line1,
            address_2: address.line2,
            city: address.city,
            // The London borough (or other council area): the administrative area HSDS asks for.
            state_province: area?.name ?? address.city,
            postal_code: address.postcode,
            country: 'GB',
            address_type: 'physical' as const,
          },
        ]
      : [],
    accessibility: location.accessibility.map((feature) => ({
      id: childId(location._id, 'accessibility', feature),
      location_id: location._id,
      description: accessibilityLabels[feature],
    })),
  });
}

/** An organisation as lists and services show it. */
export function mapOrganisationSummary(organisation: OrukFeedOrganisation, siteUrl: string): OrukOrganizationSummary {
  return compact({
    id: organisation._id,
    name: organisation.name,
    description: organisation.description,
    email: organisation.email,
    website: organisation.website,
    uri: new URL(`/organisations/${organisation.slug}`, siteUrl).href,
  });
}

/** An organisation with its phone and charity number. */
export function mapOrganisation(organisation: OrukFeedOrganisation, siteUrl: string): OrukOrganization {
  return compact({
    ...mapOrganisationSummary(organisation, siteUrl),
    phones: organisation.phone
      ? [{ id: childId(organisation._id, 'phone'), organization_id: organisation._id, number: organisation.phone }]
      : [],
    organization_identifiers: organisation.charityNumber
      ? [
          {
            id: childId(organisation._id, 'identifier', 'charity'),
            organization_id: organisation._id,
            identifier_scheme: 'GB-CHC',
            identifier_type: 'Registered charity number',
            identifier: organisation.charityNumber,
          },
        ]
      : [],
  });
}

/** When a service or anything it shows (organisation, venues, categories) last changed. */
export function lastModified(service: OrukFeedService, context: MappingContext): string {
  const stamps = [
    service._updatedAt,
    service.organisationId ? context.organisations.get(service.organisationId)?._updatedAt : undefined,
    ...service.locations.map((location) => location?._updatedAt),
    ...service.categoryIds.map((id) => context.categories.get(id)?._updatedAt),
  ];
  const latest = Math.max(...stamps.map((stamp) => (stamp ? Date.parse(stamp) : NaN)).filter(Number.isFinite));
  return new Date(latest).toISOString();
}

function sentence(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The service as `/services` lists it: its own fields and its organisation. */
export function mapServiceSummary(service: OrukFeedService, context: MappingContext): OrukServiceSummary {
  const organisation = service.organisationId ? context.organisations.get(service.organisationId) : undefined;
  const fees = service.free ? 'Free' : service.costDetails;
  const alert = [
    sentence(service.statusNote),
    service.accepting === 'paused' ? 'Not taking new people just now.' : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return compact({
    id: service._id,
    organization_id: organisation?._id,
    name: service.name,
    description: service.description,
    url: service.website,
    email: service.email,
    status: orukStatus(service.status),
    fees,
    fees_description: fees,
    minimum_age: service.ageMin,
    maximum_age: service.ageMax,
    eligibility_description: service.forWhom,
    application_process: [
      sentence(accessRouteLabels[service.accessRoute]),
      accessRouteAdvice[service.accessRoute],
      sentence(service.accessDetails),
    ]
      .filter(Boolean)
      .join(' '),
    wait_time: service.accepting === 'waiting-list' ? 'There is a waiting list.' : undefined,
    interpretation_services: service.accessibility.includes('bsl-interpreter')
      ? accessibilityLabels['bsl-interpreter']
      : undefined,
    assured_date: service.verifiedOn,
    alert,
    last_modified: lastModified(service, context),
    organization: organisation
      ? cached(context.cache.organisations, organisation._id, () =>
          mapOrganisationSummary(organisation, context.siteUrl),
        )
      : undefined,
  });
}

/** The id of a service at one of its venues. */
export function serviceAtLocationId(serviceId: string, locationId: string): string {
  return childId(serviceId, 'service_at_location', locationId);
}

/** The ids of the taxonomy terms a service carries, with the kind of link for each. */
export function serviceTermLinks(service: OrukFeedService, context: MappingContext): [Vocabulary, string][] {
  const categories = service.categoryIds.filter((id) => context.categories.has(id));
  return [
    ...categories.map((id): [Vocabulary, string] => ['category', id]),
    ['access_route', codedTermId('access_route', service.accessRoute)],
    ['accepting', codedTermId('accepting', service.accepting)],
    ...service.coverage.map((kind): [Vocabulary, string] => ['coverage', codedTermId('coverage', kind)]),
    ...service.accessibility.map((feature): [Vocabulary, string] => [
      'accessibility',
      codedTermId('accessibility', feature),
    ]),
  ];
}

/** ISO 639 codes (639-1 where there is one) for languages listings often name; others go by name only. */
const languageCodes: Record<string, string> = {
  english: 'en',
  'british sign language': 'bfi',
  bengali: 'bn',
  bangla: 'bn',
  sylheti: 'syl',
  urdu: 'ur',
  punjabi: 'pa',
  gujarati: 'gu',
  hindi: 'hi',
  tamil: 'ta',
  somali: 'so',
  arabic: 'ar',
  turkish: 'tr',
  kurdish: 'ku',
  polish: 'pl',
  romanian: 'ro',
  portuguese: 'pt',
  spanish: 'es',
  french: 'fr',
  italian: 'it',
  greek: 'el',
  albanian: 'sq',
  bulgarian: 'bg',
  lithuanian: 'lt',
  russian: 'ru',
  ukrainian: 'uk',
  farsi: 'fa',
  persian: 'fa',
  pashto: 'ps',
  dari: 'prs',
  tigrinya: 'ti',
  amharic: 'am',
  yoruba: 'yo',
  twi: 'tw',
  swahili: 'sw',
  chinese: 'zh',
  mandarin: 'zh',
  cantonese: 'yue',
  vietnamese: 'vi',
  tagalog: 'tl',
  hebrew: 'he',
  yiddish: 'yi',
};

/** The service with everything nested: venues, schedules, costs, contacts and attributes. */
export function mapService(
  service: OrukFeedService,
  context: MappingContext,
  summary: OrukServiceSummary = mapServiceSummary(service, context),
): OrukService {
  const id = service._id;
  const locations = service.locations.filter((location): location is OrukFeedLocation => location !== null);
  const salIds = new Map(locations.map((location) => [location._id, serviceAtLocationId(id, location._id)]));
  const attributes: OrukAttribute[] = serviceTermLinks(service, context).flatMap(([vocabulary, termId]) => {
    const term = context.terms.get(termId);
    if (!term) return [];
    return [
      {
        id: childId(id, 'attribute', termId),
        link_id: id,
        link_type: vocabulary,
        link_entity: 'service',
        taxonomy_term_id: termId,
        taxonomy_term: term,
      },
    ];
  });
  return compact({
    ...summary,
    phones: service.phone ? [{ id: childId(id, 'phone'), service_id: id, number: service.phone }] : [],
    schedules: service.schedules.map((schedule) => mapSchedule(service, schedule, salIds)),
    service_areas: service.areaIds.flatMap((areaId) => {
      const area = context.areas.get(areaId);
      if (!area) return [];
      return [
        {
          id: childId(id, 'service_area', areaId),
          service_id: id,
          name: area.name,
          description: `Postcode districts ${area.postcodeDistricts.join(', ')}`,
          uri: new URL(`/areas/${area.slug}`, context.siteUrl).href,
        },
      ];
    }),
    service_at_locations: locations.map((location): OrukServiceAtLocation => ({
      id: salIds.get(location._id)!,
      service_id: id,
      location_id: location._id,
      location: mapLocation(location, context),
    })),
    languages: service.languages.map((name) => ({
      id: childId(id, 'language', name),
      service_id: id,
      name,
      code: languageCodes[name.trim().toLowerCase()],
    })),
    cost_options: [
      service.free
        ? { id: childId(id, 'cost_option'), service_id: id, option: 'Free', amount: 0, currency: 'GBP' }
        : { id: childId(id, 'cost_option'), service_id: id, option: service.costDetails ?? 'Charges apply' },
    ],
    contacts: service.contacts.map((contact) => {
      const contactId = childId(id, 'contact', contact._key);
      return {
        id: contactId,
        service_id: id,
        name: contact.name,
        title: contact.role,
        email: contact.email,
        phones: contact.phone
          ? [{ id: childId(contactId, 'phone'), contact_id: contactId, number: contact.phone }]
          : [],
      };
    }),
    attributes,
  });
}
