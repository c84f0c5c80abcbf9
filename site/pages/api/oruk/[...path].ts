import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../server/context';

/** Any other path under the feed answers a JSON 404 (with the CORS header), not the HTML page. */
export const GET: APIRoute = ({ url, locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).unknownPath(url.pathname));
