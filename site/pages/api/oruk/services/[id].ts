import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /services/{id}`: one service, fully nested. */
export const GET: APIRoute = ({ params, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).service(params.id));
