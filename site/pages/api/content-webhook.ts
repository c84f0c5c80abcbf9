/**
 * `POST /api/content-webhook`: Sanity's GROQ-powered webhook, called after each create, update
 * or delete in the Content Lake (set it up as the README says). The signature header is checked
 * with `@sanity/webhook` against `SANITY_WEBHOOK_SECRET`; a good call drops the content caches
 * and rebuilds the search index in the background, so the change is live within seconds.
 * Polling stays as the fallback when a webhook is lost.
 */
import type { APIRoute } from 'astro';
import { isValidSignature, SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import { config, content } from '../../server/context';

/** A webhook body is one document's projection; anything larger is not Sanity's. */
const MAX_BODY_BYTES = 64 * 1024;

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/** The document ids a webhook body names (`_id`, or a list of them), when it names any. */
function documentIdsOf(body: string): string[] | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    const items = Array.isArray(parsed) ? parsed : [parsed];
    const ids = items
      .map((item) => (item && typeof item === 'object' ? (item as { _id?: unknown })._id : undefined))
      .filter((id): id is string => typeof id === 'string');
    return ids.length > 0 ? ids : undefined;
  } catch {
    return undefined;
  }
}

export const POST: APIRoute = async ({ request }) => {
  const secret = config().sanity?.webhookSecret;
  if (!secret) {
    return json({ error: 'not-configured', message: 'This server does not take content webhooks.' }, 404);
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return json({ error: 'too-large', message: 'The webhook body is too large.' }, 413);
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
    return json({ error: 'too-large', message: 'The webhook body is too large.' }, 413);
  }
  const signature = request.headers.get(SIGNATURE_HEADER_NAME) ?? '';
  const valid = signature !== '' && (await isValidSignature(body, signature, secret).catch(() => false));
  if (!valid) return json({ error: 'bad-signature', message: 'The webhook signature is missing or wrong.' }, 401);
  (await content()).changed({ origin: 'webhook', documentIds: documentIdsOf(body) });
  return json({ ok: true }, 202);
};
