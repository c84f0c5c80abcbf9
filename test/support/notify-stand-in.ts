/**
 * A local stand-in speaking GOV.UK Notify's API (POST /v2/notifications/email and /sms), so the
 * Notify adapter is tested through the official client without the network. It checks the
 * client's JWT (HS256 with the key's secret, `iss` the service id) as Notify does, records what
 * it received and can be told to fail.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
export const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
/** A key in Notify's format: name-serviceid-secret. */
export const API_KEY = `signpost_test-${SERVICE_ID}-${SECRET}`;

export interface ReceivedNotification {
  type: 'email' | 'sms';
  template_id: string;
  email_address?: string;
  phone_number?: string;
  personalisation?: Record<string, string>;
  reference?: string;
  sanitise_content_for?: string[];
}

export interface NotifyStandIn {
  baseUrl: string;
  received: ReceivedNotification[];
  /** The next N requests answer with this status and Notify-style errors. */
  failNext(count: number, status: number, error?: string): void;
  close(): Promise<void>;
}

function validJwt(header: string | undefined): boolean {
  const token = header?.replace(/^Bearer /, '') ?? '';
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) return false;
  const expected = createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url');
  if (expected !== signature) return false;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { iss?: string; iat?: number };
  return claims.iss === SERVICE_ID && Math.abs(Date.now() / 1000 - (claims.iat ?? 0)) < 30;
}

export async function startNotifyStandIn(): Promise<NotifyStandIn> {
  const received: ReceivedNotification[] = [];
  let failures: { count: number; status: number; error: string } = { count: 0, status: 500, error: 'Exception' };
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (!validJwt(request.headers.authorization)) {
        return send(403, { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token' }] });
      }
      const match = /^\/v2\/notifications\/(email|sms)$/.exec(request.url ?? '');
      if (request.method !== 'POST' || !match) return send(404, { status_code: 404, errors: [] });
      const body = JSON.parse(text) as Omit<ReceivedNotification, 'type'>;
      if (failures.count > 0) {
        failures.count -= 1;
        // Like Notify, an error may quote the recipient back.
        const recipient = body.email_address ?? body.phone_number;
        return send(failures.status, {
          status_code: failures.status,
          errors: [{ error: failures.error, message: `Not a valid recipient: ${recipient}` }],
        });
      }
      received.push({ type: match[1] as 'email' | 'sms', ...body });
      send(201, {
        id: randomUUID(),
        reference: body.reference ?? null,
        content: { subject: 'Subject', body: 'Body', from_email: 'signpost@notifications.service.gov.uk' },
        uri: `/v2/notifications/${randomUUID()}`,
        template: { id: body.template_id, version: 1, uri: `/v2/template/${body.template_id}` },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    failNext(count, status, error = status === 400 ? 'BadRequestError' : 'Exception') {
      failures = { count, status, error };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
