import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /taxonomies`: our vocabularies. */
export const GET: APIRoute = ({ url, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).taxonomies(url.searchParams));
