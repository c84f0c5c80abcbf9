import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /taxonomies/{id}`: one vocabulary and its terms. */
export const GET: APIRoute = ({ params, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).taxonomy(params.id));
