// Checks a running Signpost's Open Referral UK feed against the official HSDS-UK 3.0 schemas.
//
//   node scripts/validate-oruk.mjs <base-url> [schema-dir]
//
// <base-url> is the site (e.g. http://127.0.0.1:4321); [schema-dir] holds the official files
// (default ../shared/reference/oruk: `compiled/*.json` and `service-with-definitions-v3-uk.json`).
// Those schemas are draft-07 style (`definitions`, no `$schema`) with tabular-data keywords
// (`name`, `core`, `constraints`...) that Ajv must ignore, hence `strict: false`. Every problem
// is printed; the exit code is 1 if there was any. `.ci/run` starts a server and runs this.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const root = fileURLToPath(new URL('..', import.meta.url));
const [baseArgument, schemaArgument] = process.argv.slice(2);
if (!baseArgument) {
  console.error('Usage: node scripts/validate-oruk.mjs <base-url> [schema-dir]');
  process.exit(2);
}
const feed = new URL('/api/oruk', baseArgument).href;
const schemaDir = resolve(root, schemaArgument ?? '../shared/reference/oruk');

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const load = (path) => JSON.parse(readFileSync(join(schemaDir, path), 'utf8'));
const compile = (path) => Object.assign(ajv.compile(load(path)), { label: path });

const withDefinitions = load('service-with-definitions-v3-uk.json');
const definition = (name) =>
  Object.assign(ajv.compile({ ...withDefinitions.definitions[name], definitions: withDefinitions.definitions }), {
    label: `service-with-definitions-v3-uk.json#/definitions/${name}`,
  });

const schemas = {
  service: [compile('compiled/service.json'), compile('service-with-definitions-v3-uk.json')],
  serviceListItem: [compile('compiled/service_list.json')],
  organization: [compile('compiled/organization.json')],
  organizationListItem: [compile('compiled/organization_list.json')],
  serviceAtLocation: [compile('compiled/service_at_location.json')],
  serviceAtLocationListItem: [compile('compiled/service_at_location_list.json')],
  taxonomy: [definition('taxonomy')],
  taxonomyTerm: [definition('taxonomy_term')],
};

// The reference OpenAPI's Page component, with every field required as ORUK's API reference says.
const openapi = load('openapi-v3-uk.json');
const page = Object.assign(
  ajv.compile({
    ...openapi.components.schemas.Page,
    required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
    properties: { ...openapi.components.schemas.Page.properties, contents: { type: 'array' } },
  }),
  { label: 'openapi-v3-uk.json#/components/schemas/Page' },
);
// api_details.json is referenced by URL only; this is its published shape.
const apiDetails = Object.assign(
  ajv.compile({
    type: 'object',
    required: ['version', 'profile', 'openapi_url'],
    properties: {
      version: { const: 'HSDS-UK-3.0' },
      profile: { type: 'string', format: 'uri' },
      openapi_url: { type: 'string', format: 'uri' },
    },
  }),
  { label: 'api_details' },
);

let problems = 0;
let checked = 0;
const problem = (where, message) => {
  problems += 1;
  console.error(`✗ ${where}: ${message}`);
};

function validate(where, value, validators) {
  checked += 1;
  for (const validator of validators) {
    if (validator(value)) continue;
    for (const error of validator.errors ?? []) {
      problem(where, `${error.instancePath || '/'} ${error.message} (${validator.label}${error.schemaPath})`);
    }
  }
  // ORUK: omit empty optional fields rather than send null.
  const nulls = [];
  const walk = (node, path) => {
    if (node === null) nulls.push(path || '/');
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}/${i}`));
    else if (typeof node === 'object') for (const [key, item] of Object.entries(node)) walk(item, `${path}/${key}`);
  };
  walk(value, '');
  for (const path of nulls) problem(where, `${path} is null; omit empty fields instead`);
}

async function get(path, expectedStatus = 200) {
  const url = `${feed}${path}`;
  const response = await fetch(url);
  if (response.headers.get('access-control-allow-origin') !== '*') {
    problem(path, 'has no "Access-Control-Allow-Origin: *" header');
  }
  if (!response.headers.get('content-type')?.startsWith('application/json')) {
    problem(path, `is ${response.headers.get('content-type')}, not application/json`);
  }
  if (response.status !== expectedStatus) problem(path, `answered ${response.status}, expected ${expectedStatus}`);
  try {
    return await response.json();
  } catch {
    problem(path, 'is not JSON');
    return undefined;
  }
}

async function waitForServer() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await fetch(`${feed}/`);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Nothing answered at ${feed} within 60 s`, { cause: error });
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

/** Every page of a list, validating the envelope and each item; returns the items. */
async function allPages(path, itemValidators, perPage = 100) {
  const items = [];
  for (let number = 1; number <= 500; number += 1) {
    const separator = path.includes('?') ? '&' : '?';
    const where = `${path}${separator}page=${number}&per_page=${perPage}`;
    const body = await get(where);
    if (!body) break;
    validate(where, body, [page]);
    for (const [i, item] of (body.contents ?? []).entries()) validate(`${where} contents[${i}]`, item, itemValidators);
    items.push(...(body.contents ?? []));
    if (body.last_page || !body.contents?.length) break;
  }
  return items;
}

/** A spread of up to `count` items: the first, the last and some between. */
const spread = (items, count) =>
  items.length <= count
    ? items
    : Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]);

await waitForServer();

validate('/', await get('/'), [apiDetails]);
const document = await get('/openapi.json');
if (!document?.openapi?.startsWith('3.') || !document.paths?.['/services'])
  problem('/openapi.json', 'is not an OpenAPI 3 document with /services');

const services = await allPages('/services', schemas.serviceListItem);
await allPages('/services?full=true', schemas.service);
await allPages('/services?minimal=true', schemas.serviceListItem, 20_000);
for (const { id } of spread(services, 12)) validate(`/services/${id}`, await get(`/services/${id}`), schemas.service);

const organizations = await allPages('/organizations', schemas.organizationListItem);
await allPages('/organizations?full_service=true', schemas.organization);
for (const { id } of spread(organizations, 6)) {
  validate(`/organizations/${id}`, await get(`/organizations/${id}`), schemas.organization);
}

const serviceAtLocations = await allPages('/service_at_locations', schemas.serviceAtLocationListItem);
await allPages('/service_at_locations?postcode=N17&proximity=5000', schemas.serviceAtLocationListItem);
for (const { id } of spread(serviceAtLocations, 6)) {
  validate(`/service_at_locations/${id}`, await get(`/service_at_locations/${id}`), schemas.serviceAtLocation);
}

const taxonomies = await allPages('/taxonomies', schemas.taxonomy);
for (const { id } of taxonomies) validate(`/taxonomies/${id}`, await get(`/taxonomies/${id}`), schemas.taxonomy);
const terms = await allPages('/taxonomy_terms', schemas.taxonomyTerm);
for (const { id } of spread(terms, 6))
  validate(`/taxonomy_terms/${id}`, await get(`/taxonomy_terms/${id}`), schemas.taxonomyTerm);

// Errors are JSON with the CORS header too.
await get('/services/00000000-0000-4000-8000-000000000000', 404);
await get('/services/not-a-uuid', 400);
await get('/services?per_page=0', 400);

const counts = `${services.length} services, ${organizations.length} organizations, ${serviceAtLocations.length} services at locations, ${terms.length} taxonomy terms`;
if (problems > 0) {
  console.error(`\nORUK feed: ${problems} problem(s) in ${checked} documents checked (${counts}).`);
  process.exit(1);
}
console.log(`ORUK feed: ${checked} documents valid against the official HSDS-UK 3.0 schemas (${counts}).`);
