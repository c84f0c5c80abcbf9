/**
 * Pages with forms call better-auth through its own HTTP handler, as a browser would, so its
 * rate limits, origin check, hooks (audit, common-password check) and cookies all apply. The
 * form's cookies go in; the `Set-Cookie` headers that come back go on the page's response.
 */
import { CLIENT_ADDRESS_HEADER, AUTH_BASE_PATH } from '@src/accounts/auth';
import { people, config } from './context';

interface RequestContext {
  request: Request;
  clientAddress: string;
}

export interface AuthResult {
  status: number;
  ok: boolean;
  // better-auth answers JSON; each caller reads the fields it knows.
  json: Record<string, any> | null;
  setCookies: string[];
  /** better-auth's error code, e.g. INVALID_EMAIL_OR_PASSWORD or PASSWORD_TOO_COMMON. */
  code?: string;
  /** Seconds to wait when rate-limited (429). */
  retryAfterSeconds?: number;
}

/** Calls a better-auth endpoint (`/sign-in/email`, `/two-factor/verify-totp`, ...) for this request. */
export async function callAuth(
  context: RequestContext,
  path: string,
  body?: Record<string, unknown>,
  options: { method?: 'GET' | 'POST'; cookie?: string | null } = {},
): Promise<AuthResult> {
  const { auth } = await people();
  const siteUrl = config().siteUrl;
  const headers = new Headers({ origin: siteUrl, accept: 'application/json' });
  const cookie = options.cookie === undefined ? context.request.headers.get('cookie') : options.cookie;
  if (cookie) headers.set('cookie', cookie);
  const userAgent = context.request.headers.get('user-agent');
  if (userAgent) headers.set('user-agent', userAgent);
  // The address comes from the connection, never from a header the client sent.
  if (context.clientAddress) headers.set(CLIENT_ADDRESS_HEADER, context.clientAddress);
  const method = options.method ?? 'POST';
  if (method === 'POST') headers.set('content-type', 'application/json');
  const response = await auth.handler(
    new Request(`${siteUrl}${AUTH_BASE_PATH}${path}`, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    }),
  );
  const text = await response.text();
  let json: Record<string, any> | null = null;
  try {
    json = text ? (JSON.parse(text) as Record<string, any>) : null;
  } catch {
    json = null;
  }
  const retryAfter = Number(response.headers.get('x-retry-after') ?? response.headers.get('retry-after'));
  return {
    status: response.status,
    ok: response.ok,
    json,
    setCookies: response.headers.getSetCookie(),
    code: typeof json?.code === 'string' ? json.code : undefined,
    retryAfterSeconds: response.status === 429 && retryAfter > 0 ? retryAfter : undefined,
  };
}

/** The cookie header the next call should send after `result` set some (e.g. sign-in, then 2FA). */
export function cookiesAfter(previous: string | null, setCookies: string[]): string {
  const jar = new Map<string, string>();
  for (const pair of (previous ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  for (const cookie of setCookies) {
    const [pair = ''] = cookie.split(';');
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (value === '' || /max-age=0(;|$)/i.test(cookie)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A submitted form's fields as strings (files and repeated fields: the first text value). */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  try {
    const data = await request.formData();
    for (const [name, value] of data) {
      if (typeof value === 'string' && !(name in fields)) fields[name] = value;
    }
  } catch {
    // Not a form: no fields.
  }
  return fields;
}

/** A redirect (303, so the browser GETs) carrying cookies. */
export function redirectWithCookies(location: string, setCookies: string[]): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}
