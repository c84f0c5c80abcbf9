/**
 * The OpenAPI 3.0 description of Signpost's ORUK feed: the UK profile's endpoints and parameters
 * as we implement them, with response bodies pointing at the official HSDS-UK 3.0 schemas.
 */
import { DEFAULT_PER_PAGE, MAX_MINIMAL_PER_PAGE, MAX_PER_PAGE, MAX_PROXIMITY } from './params';

/** Where the ORUK validator loads the official HSDS-UK 3.0 schemas from. */
const schemaBase =
  'https://raw.githubusercontent.com/tpximpact/OpenReferralApi/refs/heads/main/OpenReferralApi/Schemas/V3.0-UK';

type Parameter = { name: string; description: string; schema: Record<string, unknown> };

const parameters: Record<string, Parameter> = {
  search: {
    name: 'search',
    description: 'Words that must each begin a word of the record (any order).',
    schema: { type: 'string', maxLength: 200 },
  },
  page: { name: 'page', description: 'Page number, from 1.', schema: { type: 'integer', minimum: 1, default: 1 } },
  per_page: {
    name: 'per_page',
    description: `Results per page, from 1 to ${MAX_PER_PAGE} (up to ${MAX_MINIMAL_PER_PAGE} with minimal=true, which returns every service in one page by default).`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_MINIMAL_PER_PAGE, default: DEFAULT_PER_PAGE },
  },
  format: { name: 'format', description: 'Only json is offered.', schema: { type: 'string', enum: ['json'] } },
  taxonomy_term_id: {
    name: 'taxonomy_term_id',
    description: 'Only services with this taxonomy term (a parent category also finds its sub-categories).',
    schema: { type: 'string', format: 'uuid' },
  },
  taxonomy_id: {
    name: 'taxonomy_id',
    description: 'Only services with a term from this taxonomy.',
    schema: { type: 'string', format: 'uuid' },
  },
  organization_id: {
    name: 'organization_id',
    description: 'Only services of this organization.',
    schema: { type: 'string', format: 'uuid' },
  },
  modified_after: {
    name: 'modified_after',
    description: 'Only records changed on or after this ISO 8601 date-time (with a time zone) or date.',
    schema: { type: 'string', format: 'date-time' },
  },
  minimal: {
    name: 'minimal',
    description: 'Return only id, name, status and last_modified.',
    schema: { type: 'boolean', default: false },
  },
  full: { name: 'full', description: 'Return fully nested records.', schema: { type: 'boolean', default: false } },
  full_service: {
    name: 'full_service',
    description: "Nest each organization's services fully.",
    schema: { type: 'boolean', default: false },
  },
  postcode: {
    name: 'postcode',
    description:
      "A UK postcode or district (London and nearby). Alone, returns venues of services whose service areas include the district; results sort nearest the district's centre first.",
    schema: { type: 'string' },
  },
  proximity: {
    name: 'proximity',
    description: `With postcode: only venues within this many metres (1 to ${MAX_PROXIMITY}) of the district's centre.`,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PROXIMITY },
  },
  taxonomy_terms_taxonomy_id: {
    name: 'taxonomy_id',
    description: 'Only terms of this taxonomy.',
    schema: { type: 'string', format: 'uuid' },
  },
  parent_id: {
    name: 'parent_id',
    description: 'Only terms with this parent term.',
    schema: { type: 'string', format: 'uuid' },
  },
  top_only: {
    name: 'top_only',
    description: 'Only terms without a parent.',
    schema: { type: 'boolean', default: false },
  },
};

const ref = (name: keyof typeof parameters) => ({ $ref: `#/components/parameters/${name}` });
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const errors = {
  '400': {
    description: 'A parameter is not valid; the message names it.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};
const notFound = {
  '404': {
    description: 'No record has this id.',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};

function one(summary: string, schema: string, extra: Record<string, unknown>[] = []) {
  return {
    get: {
      summary,
      parameters: [idParameter, ...extra],
      responses: {
        '200': {
          description: summary,
          content: { 'application/json': { schema: { $ref: `${schemaBase}/${schema}` } } },
        },
        ...errors,
        ...notFound,
      },
    },
  };
}

function list(summary: string, schema: string, names: (keyof typeof parameters)[], optional = true) {
  return {
    get: {
      summary,
      ...(optional ? { tags: ['Optional'] } : {}),
      parameters: names.map(ref),
      responses: {
        '200': {
          description: summary,
          content: {
            'application/json': {
              schema: {
                allOf: [{ $ref: '#/components/schemas/Page' }],
                properties: { contents: { type: 'array', items: { $ref: `${schemaBase}/${schema}` } } },
              },
            },
          },
        },
        ...errors,
      },
    },
  };
}

/** The OpenAPI document for the feed served at `baseUrl` (e.g. https://signpost.example/api/oruk). */
export function orukOpenApi(baseUrl: string): Record<string, unknown> {
  const paging: (keyof typeof parameters)[] = ['search', 'page', 'per_page', 'format'];
  const serviceFilters: (keyof typeof parameters)[] = [
    ...paging,
    'taxonomy_term_id',
    'taxonomy_id',
    'organization_id',
    'modified_after',
  ];
  return {
    openapi: '3.0.3',
    info: {
      title: 'Signpost Open Referral UK feed',
      version: 'HSDS-UK-3.0',
      description:
        'Community services and activities listed by Signpost for the NHS community mental health partnerships of North London, East London, and Bedfordshire and Luton, as Open Referral UK (HSDS-UK 3.0). Read only, no key needed. Confidential venues are never published.',
      license: {
        name: 'Open Government Licence v3.0',
        url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
      },
    },
    servers: [{ url: baseUrl }],
    paths: {
      '/': {
        get: {
          summary: 'Which standard this feed follows',
          responses: {
            '200': {
              description: 'API details',
              content: { 'application/json': { schema: { $ref: `${schemaBase}/api_details.json` } } },
            },
          },
        },
      },
      '/services': list('A page of services', 'service_list.json', [...serviceFilters, 'minimal', 'full'], false),
      '/services/{id}': one('One service, fully nested', 'service.json'),
      '/service_at_locations': list('A page of services at venues', 'service_at_location_list.json', [
        ...serviceFilters,
        'full',
        'postcode',
        'proximity',
      ]),
      '/service_at_locations/{id}': {
        get: { ...one('One service at a venue', 'service_at_location.json').get, tags: ['Optional'] },
      },
      '/organizations': list('A page of organizations', 'organization_list.json', [...paging, 'full', 'full_service']),
      '/organizations/{id}': {
        get: {
          ...one('One organization with its services', 'organization.json', [ref('full_service')]).get,
          tags: ['Optional'],
        },
      },
      '/taxonomies': list('A page of taxonomies', 'taxonomy_list.json', paging),
      '/taxonomies/{id}': { get: { ...one('One taxonomy with its terms', 'taxonomy.json').get, tags: ['Optional'] } },
      '/taxonomy_terms': list('A page of taxonomy terms', 'taxonomy_term_list.json', [
        ...paging,
        'taxonomy_terms_taxonomy_id',
        'parent_id',
        'top_only',
      ]),
      '/taxonomy_terms/{id}': { get: { ...one('One taxonomy term', 'taxonomy_term.json').get, tags: ['Optional'] } },
    },
    components: {
      parameters: Object.fromEntries(
        Object.entries(parameters).map(([key, parameter]) => [key, { ...parameter, in: 'query', required: false }]),
      ),
      schemas: {
        Page: {
          type: 'object',
          required: [
            'total_items',
            'total_pages',
            'page_number',
            'size',
            'first_page',
            'last_page',
            'empty',
            'contents',
          ],
          properties: {
            total_items: { type: 'integer', description: 'How many records match.' },
            total_pages: {
              type: 'integer',
              description: 'How many pages there are (an empty result is one empty page).',
            },
            page_number: { type: 'integer', description: 'This page, from 1.' },
            size: { type: 'integer', description: 'How many records this page holds.' },
            first_page: { type: 'boolean' },
            last_page: { type: 'boolean' },
            empty: { type: 'boolean', description: 'True when this page holds no records.' },
            contents: { type: 'array', items: {} },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string', description: 'What was wrong, naming the parameter.' } },
        },
      },
    },
  };
}
