import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /taxonomy_terms`: a page of terms. */
export const GET: APIRoute = ({ url, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).taxonomyTerms(url.searchParams));
