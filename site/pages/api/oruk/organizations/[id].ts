import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /organizations/{id}`: one organisation with its services. */
export const GET: APIRoute = ({ params, url, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).organization(params.id, url.searchParams));
