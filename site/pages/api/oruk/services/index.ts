import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /services`: a page of services. */
export const GET: APIRoute = ({ url, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).services(url.searchParams));
