import type { APIRoute } from 'astro';
import { orukApi, orukResponse } from '@src/oruk';
import { content } from '../../../server/context';

/** ORUK `GET /`: the standard, profile and OpenAPI description of this feed. */
export const GET: APIRoute = ({ locals }) => orukResponse(async () => orukApi(await content(), locals.siteUrl).root());
