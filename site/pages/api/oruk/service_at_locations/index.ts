import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../../server/context';

/** ORUK `GET /service_at_locations`: services at venues, by postcode and distance. */
export const GET: APIRoute = ({ url, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).serviceAtLocations(url.searchParams));
