/**
 * Turns ORUK use-case results into HTTP responses: JSON, `Access-Control-Allow-Origin: *` on every
 * answer (ORUK requires it, errors included), and errors as `{"error": "..."}` rather than pages.
 */
import { CONTENT_RETRY_AFTER_SECONDS, ContentUnavailableError } from '../content/source';
import { logLine } from '../security/log';
import type { OrukResult } from './api';
import { ParameterError } from './params';

const baseHeaders = {
  'Content-Type': 'application/json',
  'Access-Control-Allow-Origin': '*',
} as const;

/** A JSON response with the feed's headers. */
export function jsonResponse({ status, body }: OrukResult): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      ...baseHeaders,
      // Content changes when editors publish; a minute's caching spares the server repeated pages.
      'Cache-Control': status === 200 ? 'public, max-age=60' : 'no-store',
      // Content unreadable (no snapshot yet, the Lake unreachable): clients are told when to ask again.
      ...(status === 503 ? { 'Retry-After': String(CONTENT_RETRY_AFTER_SECONDS) } : {}),
    },
  });
}

/**
 * Runs a use case and answers it: parameter problems become 400, an unreachable content store
 * 503, anything else 500 (logged), each with a JSON message and the CORS header.
 */
export async function orukResponse(run: () => OrukResult | Promise<OrukResult>): Promise<Response> {
  try {
    return jsonResponse(await run());
  } catch (error) {
    if (error instanceof ParameterError) return jsonResponse({ status: 400, body: { error: error.message } });
    if (error instanceof ContentUnavailableError) {
      return jsonResponse({
        status: 503,
        body: { error: 'The directory cannot be read just now; please try again in a minute' },
      });
    }
    console.error(logLine('ORUK feed error:', error));
    return jsonResponse({ status: 500, body: { error: 'Something went wrong answering this request' } });
  }
}
