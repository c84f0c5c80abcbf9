/**
 * Query-string parameters of the ORUK endpoints, checked with zod. Every problem becomes one
 * plain sentence naming the parameter, which the API answers as a 400; unknown parameters are
 * ignored, as ORUK consumers send extras.
 */
import { z } from 'zod';
import { findOutcode, outwardCode, type Outcode } from '../geo/outcodes';
import { isUuid } from './ids';

/** Items per page unless `per_page` says otherwise. */
export const DEFAULT_PER_PAGE = 50;
/** The most items one page may hold. */
export const MAX_PER_PAGE = 100;
/** With `minimal=true` a page may hold the whole directory (ORUK: "aim to return all services"). */
export const MAX_MINIMAL_PER_PAGE = 20_000;
/** The farthest `proximity` we search, in metres (well beyond Greater London). */
export const MAX_PROXIMITY = 100_000;
const MAX_SEARCH = 200;

/** A query-string problem, answered as 400 with this message. */
export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

const text = (name: string) => z.string({ message: `${name} must be text` });

const wholeNumber = (name: string, min: number, max: number, extra = '') => {
  const message = `${name} must be a whole number from ${min} to ${max}${extra}`;
  return text(name)
    .trim()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message);
};

const flag = (name: string) =>
  text(name)
    .trim()
    .toLowerCase()
    .refine((value) => value === 'true' || value === 'false', `${name} must be true or false`)
    .transform((value) => value === 'true');

const uuidParam = (name: string) =>
  text(name)
    .trim()
    .refine(isUuid, `${name} must be a UUID, such as 3fa85f64-5717-4562-b3fc-2c963f66afa6`)
    .transform((value) => value.toLowerCase());

const dateTime = z.iso.datetime({ offset: true });
const dateOnly = z.iso.date();

const modifiedAfter = text('modified_after')
  .trim()
  .refine(
    (value) => dateTime.safeParse(value).success || dateOnly.safeParse(value).success,
    'modified_after must be an ISO 8601 date-time with a time zone, such as 2026-01-31T09:00:00Z, or a date',
  )
  .transform((value) => Date.parse(dateOnly.safeParse(value).success ? `${value}T00:00:00Z` : value));

const postcode = text('postcode')
  .trim()
  .transform((value, context): Outcode => {
    const code = outwardCode(value);
    if (!code) {
      context.addIssue({
        code: 'custom',
        message: 'postcode must be a UK postcode or postcode district, such as "N17 6RA" or "N17"',
      });
      return z.NEVER;
    }
    const district = findOutcode(code);
    if (!district) {
      context.addIssue({
        code: 'custom',
        message: `postcode district ${code} is not one Signpost knows: it covers London and nearby districts`,
      });
      return z.NEVER;
    }
    return district;
  });

const paging = {
  page: wholeNumber('page', 1, 1_000_000).default(1),
  // Its range depends on other parameters, so `perPage` checks it.
  per_page: text('per_page')
    .trim()
    .transform((value) => (/^\d{1,9}$/.test(value) ? Number(value) : NaN))
    .optional(),
  format: text('format')
    .trim()
    .toLowerCase()
    .refine((value) => value === 'json', 'format must be json: this feed does not offer other formats')
    .optional(),
  search: text('search').max(MAX_SEARCH, `search must be at most ${MAX_SEARCH} characters`).optional(),
};

const serviceFilters = {
  ...paging,
  taxonomy_term_id: uuidParam('taxonomy_term_id').optional(),
  taxonomy_id: uuidParam('taxonomy_id').optional(),
  organization_id: uuidParam('organization_id').optional(),
  modified_after: modifiedAfter.optional(),
  full: flag('full').default(false),
};

/** Pages hold at most MAX_PER_PAGE items, unless `minimal` allows more. */
function perPage<T extends { per_page?: number | undefined }>(maximum: (value: T) => number) {
  return (value: T, context: z.core.$RefinementCtx<T>) => {
    const max = maximum(value);
    const size = value.per_page;
    if (size !== undefined && !(Number.isInteger(size) && size >= 1 && size <= max)) {
      context.addIssue({ code: 'custom', message: `per_page must be a whole number from 1 to ${max}` });
    }
  };
}

export const servicesParams = z
  .object({ ...serviceFilters, minimal: flag('minimal').default(false) })
  .superRefine(perPage((value) => (value.minimal ? MAX_MINIMAL_PER_PAGE : MAX_PER_PAGE)))
  .superRefine((value, context) => {
    if (value.minimal && value.full) {
      context.addIssue({ code: 'custom', message: 'minimal and full cannot both be true: choose one' });
    }
  });

export const serviceAtLocationsParams = z
  .object({
    ...serviceFilters,
    postcode: postcode.optional(),
    proximity: wholeNumber('proximity', 1, MAX_PROXIMITY, ' (metres)').optional(),
  })
  .superRefine(perPage(() => MAX_PER_PAGE))
  .superRefine((value, context) => {
    if (value.proximity !== undefined && !value.postcode) {
      context.addIssue({ code: 'custom', message: 'proximity needs a postcode to measure the distance from' });
    }
  });

export const organizationsParams = z
  .object({ ...paging, full: flag('full').default(false), full_service: flag('full_service').default(false) })
  .superRefine(perPage(() => MAX_PER_PAGE));

export const organizationParams = z.object({ full_service: flag('full_service').default(false) });

export const taxonomiesParams = z.object(paging).superRefine(perPage(() => MAX_PER_PAGE));

export const taxonomyTermsParams = z
  .object({
    ...paging,
    taxonomy_id: uuidParam('taxonomy_id').optional(),
    parent_id: uuidParam('parent_id').optional(),
    top_only: flag('top_only').default(false),
  })
  .superRefine(perPage(() => MAX_PER_PAGE));

export type ServicesParams = z.infer<typeof servicesParams>;
export type ServiceAtLocationsParams = z.infer<typeof serviceAtLocationsParams>;
export type OrganizationsParams = z.infer<typeof organizationsParams>;
export type TaxonomiesParams = z.infer<typeof taxonomiesParams>;
export type TaxonomyTermsParams = z.infer<typeof taxonomyTermsParams>;

/**
 * Reads a query string with `schema`; throws ParameterError with the first problem. A parameter
 * given twice is refused rather than guessed at.
 */
export function readParams<S extends z.ZodType>(schema: S, query: URLSearchParams): z.infer<S> {
  const values: Record<string, string> = {};
  for (const [name, value] of query) {
    if (name in values) throw new ParameterError(`${name} must be given at most once`);
    values[name] = value;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new ParameterError(parsed.error.issues[0]?.message ?? 'the query string is not valid');
  return parsed.data;
}

/** Checks the `{id}` in a path: ORUK ids are UUIDs. */
export function readId(id: string | undefined): string {
  if (!id || !isUuid(id)) throw new ParameterError('id must be a UUID, such as 3fa85f64-5717-4562-b3fc-2c963f66afa6');
  return id.toLowerCase();
}
