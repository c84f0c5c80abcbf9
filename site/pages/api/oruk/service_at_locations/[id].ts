import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /service_at_locations/{id}`: one service at one venue. */
export const GET: APIRoute = ({ params, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).serviceAtLocation(params.id));
