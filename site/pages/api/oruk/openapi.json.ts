import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../server/context';

/** The OpenAPI description of the ORUK feed. */
export const GET: APIRoute = ({ locals }) =>
  orukResponse(async () => orukApi(await content(), locals.siteUrl).openapi());
