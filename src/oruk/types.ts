/**
 * The Open Referral UK (HSDS-UK 3.0) records Signpost publishes: the UK profile's fields plus a
 * few HSDS 3.0 fields the profile leaves out but allows (eligibility, application process, phones,
 * language names), where they carry our stricter profile. Optional fields are omitted when empty.
 */

export type OrukStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export type OrukTaxonomy = {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
  taxonomy_terms?: OrukTaxonomyTerm[];
};

export type OrukTaxonomyTerm = {
  id: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy?: string;
  taxonomy_id?: string;
  term_uri?: string;
  /** Our code for the term (a category slug, an access route...). */
  code?: string;
};

export type OrukAttribute = {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: string;
  taxonomy_term_id: string;
  taxonomy_term: OrukTaxonomyTerm;
};

export type OrukPhone = {
  id: string;
  service_id?: string;
  contact_id?: string;
  organization_id?: string;
  number: string;
};

export type OrukContact = {
  id: string;
  service_id: string;
  name?: string;
  title?: string;
  email?: string;
  phones?: OrukPhone[];
};

export type OrukSchedule = {
  id: string;
  service_id: string;
  service_at_location_id?: string;
  valid_from?: string;
  valid_to?: string;
  dtstart?: string;
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  byday: string;
  opens_at: string;
  closes_at: string;
  timezone?: number;
  description: string;
  notes?: string;
  attending_type?: string;
};

export type OrukCostOption = {
  id: string;
  service_id: string;
  option: string;
  amount?: number;
  currency?: string;
  amount_description?: string;
};

export type OrukLanguage = { id: string; service_id: string; name: string; code?: string };

export type OrukServiceArea = { id: string; service_id: string; name: string; description?: string; uri?: string };

export type OrukAddress = {
  id: string;
  location_id: string;
  address_1: string;
  address_2?: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
};

export type OrukAccessibility = { id: string; location_id: string; description: string };

export type OrukLocation = {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  addresses?: OrukAddress[];
  accessibility?: OrukAccessibility[];
};

export type OrukOrganizationIdentifier = {
  id: string;
  organization_id: string;
  identifier_scheme?: string;
  identifier_type: string;
  identifier: string;
};

/** An organisation as it appears in lists and nested in services. */
export type OrukOrganizationSummary = {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  uri?: string;
};

export type OrukOrganization = OrukOrganizationSummary & {
  phones?: OrukPhone[];
  organization_identifiers?: OrukOrganizationIdentifier[];
  services?: (OrukServiceSummary | OrukService)[];
};

/** A service as `/services` lists it. */
export type OrukServiceSummary = {
  id: string;
  organization_id?: string;
  name: string;
  description?: string;
  url?: string;
  email?: string;
  status: OrukStatus;
  fees?: string;
  fees_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  eligibility_description?: string;
  application_process?: string;
  wait_time?: string;
  interpretation_services?: string;
  assured_date?: string;
  alert?: string;
  last_modified: string;
  organization?: OrukOrganizationSummary;
};

/** A service with everything nested, as `/services/{id}` answers. */
export type OrukService = OrukServiceSummary & {
  phones?: OrukPhone[];
  schedules?: OrukSchedule[];
  service_areas?: OrukServiceArea[];
  service_at_locations?: OrukServiceAtLocation[];
  languages?: OrukLanguage[];
  cost_options?: OrukCostOption[];
  contacts?: OrukContact[];
  attributes?: OrukAttribute[];
};

export type OrukServiceAtLocation = {
  id: string;
  service_id: string;
  location_id: string;
  location: OrukLocation;
  service?: OrukServiceSummary | OrukService;
};

/** A minimal service, for `?minimal=true` (the fields ORUK requires, plus when it changed). */
export type OrukServiceMinimal = Pick<OrukServiceSummary, 'id' | 'name' | 'status' | 'last_modified'>;

/** ORUK's page envelope for every list. */
export type OrukPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};
