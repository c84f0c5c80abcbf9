import type { APIRoute } from 'astro';
import { withClientAddress } from '@src/accounts/auth';
import { people } from '../../../server/context';

/**
 * better-auth's endpoints: sign-in, sign-out, two-factor, password reset, sessions. The client's
 * address comes from the connection (never from a header the client sent), for rate limits.
 */
export const ALL: APIRoute = async ({ request, clientAddress }) => {
  const { auth } = await people();
  return auth.handler(withClientAddress(request, clientAddress));
};
