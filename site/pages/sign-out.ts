import type { APIRoute } from 'astro';
import { callAuth, redirectWithCookies } from '../server/auth-forms';

/** Signs out (POST only, from the header's button): ends this session and clears its cookie. */
export const POST: APIRoute = async (context) => {
  const result = await callAuth(context, '/sign-out', {});
  return redirectWithCookies('/sign-in?signed-out=1', result.setCookies);
};

/** A link or a typed address cannot sign anyone out (GET never changes state): offer the button. */
export const GET: APIRoute = ({ redirect }) => redirect('/account', 303);
