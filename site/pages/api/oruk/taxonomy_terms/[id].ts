import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /taxonomy_terms/{id}`: one term. */
export const GET: APIRoute = ({ params, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).taxonomyTerm(params.id));
