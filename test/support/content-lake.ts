/**
 * A local stand-in for Sanity's Content Lake, so the hosted content store is tested through the
 * real `@sanity/client` with no network. It answers:
 * - `GET|POST /v<version>/data/query/<dataset>`: the query evaluated with groq-js over the
 *   published documents (the `published` perspective), or every document with `perspective=raw`;
 * - `POST /v<version>/data/mutate/<dataset>`: a transaction applied with the same rules as the Lake
 *   (`src/content/mutations.ts`: 409 when an `ifRevisionID` no longer matches);
 * - and, when a webhook is set, a signed `POST` to it after every transaction, as a Sanity
 *   GROQ-powered webhook with the default projection would send.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeSignatureHeader } from '@sanity/webhook';
import { evaluate, parse } from 'groq-js';
import type { StoredDocument } from '../../src/content/dataset';
import { applyTransaction, MutationError, newRevision, type ContentMutation } from '../../src/content/mutations';

export type ContentLakeStandIn = {
  url: string;
  /** Every request path seen, in order. */
  requests: string[];
  /**
   * Makes the next answers slow (ms), failing (status) or malformed (200 with a body that is not
   * JSON, or JSON not in the Sanity shape), to test timeouts, retries and bad answers.
   */
  behave(options: { delayMs?: number; status?: number; malformed?: boolean | 'not-json' | 'wrong-shape' }): void;
  /** Stops listening and drops open connections: the port refuses, as a Lake that is down. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Sends a signed webhook to `url` after every transaction (as a Sanity webhook would). */
  webhook(target: { url: string; secret: string } | undefined): void;
  /** The stored document, drafts included. */
  document(id: string): StoredDocument | undefined;
  close(): Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startContentLake(
  documents: StoredDocument[],
  dataset = 'production',
): Promise<ContentLakeStandIn> {
  const all = new Map(documents.map((document) => [document._id, document]));
  const requests: string[] = [];
  let delayMs = 0;
  let status = 200;
  let malformed: false | 'not-json' | 'wrong-shape' = false;
  let hook: { url: string; secret: string } | undefined;

  const answer = (response: import('node:http').ServerResponse, code: number, body: unknown) => {
    response.writeHead(code, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  async function query(url: URL, request: IncomingMessage) {
    let text: string;
    let params: Record<string, unknown> = {};
    if (request.method === 'POST') {
      const body = JSON.parse(await readBody(request)) as { query: string; params?: Record<string, unknown> };
      text = body.query;
      params = body.params ?? {};
    } else {
      text = url.searchParams.get('query') ?? '';
      for (const [name, value] of url.searchParams) {
        if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value);
      }
    }
    const raw = url.searchParams.get('perspective') === 'raw';
    const visible = [...all.values()].filter((document) => raw || !document._id.startsWith('drafts.'));
    const byId = new Map(visible.map((document) => [document._id, document]));
    const value = await evaluate(parse(text, { params }), {
      dataset: visible,
      params,
      dereference: ({ _ref }) => byId.get(_ref) ?? null,
    });
    return { query: text, result: await value.get(), ms: 1 };
  }

  async function notify(ids: string[]) {
    if (!hook) return;
    for (const id of ids) {
      const document = all.get(id);
      const payload = JSON.stringify(document ? { _id: id, _type: document._type, _rev: document._rev } : { _id: id });
      const signature = await encodeSignatureHeader(payload, Date.now(), hook.secret);
      await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sanity-webhook-signature': signature },
        body: payload,
      }).catch(() => undefined);
    }
  }

  async function mutate(request: IncomingMessage) {
    const body = JSON.parse(await readBody(request)) as { mutations: ContentMutation[]; transactionId?: string };
    const transactionId = body.transactionId ?? newRevision();
    const ids = applyTransaction(all, body.mutations, { transactionId, timestamp: new Date().toISOString() });
    void notify(ids);
    return { transactionId, results: ids.map((id) => ({ id, operation: all.has(id) ? 'update' : 'delete' })) };
  }

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    requests.push(url.pathname);
    const match = url.pathname.match(/^\/v[\d-]+\/data\/(query|mutate)\/([^/]+)$/);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (status !== 200) return answer(response, status, { error: 'stand-in failure' });
    if (malformed === 'wrong-shape') return answer(response, 200, { unexpected: 'not what Sanity answers' });
    if (malformed === 'not-json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end('{"query":"*","result":[{"_id": <html>Bad gateway');
    }
    if (!match || match[2] !== dataset) return answer(response, 404, { error: 'Not found' });
    try {
      answer(response, 200, match[1] === 'query' ? await query(url, request) : await mutate(request));
    } catch (error) {
      const conflict = error instanceof MutationError && error.reason === 'conflict';
      answer(response, conflict ? 409 : 400, {
        error: { type: 'mutationError', description: error instanceof Error ? error.message : String(error) },
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let listening = true;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave(options) {
      delayMs = options.delayMs ?? 0;
      status = options.status ?? 200;
      malformed = options.malformed === true ? 'not-json' : (options.malformed ?? false);
    },
    async down() {
      if (!listening) return;
      listening = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
    async up() {
      if (listening) return;
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      listening = true;
    },
    webhook(target) {
      hook = target;
    },
    document: (id) => all.get(id),
    async close() {
      if (!listening) return;
      listening = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
