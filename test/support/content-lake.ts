/**
 * A local stand-in for Sanity's Content Lake query endpoint, so the hosted content source is
 * tested through the real `@sanity/client` with no network. It answers
 * `GET|POST /v<version>/data/query/<dataset>` by evaluating the query with groq-js over the
 * published documents, as the real API does for the `published` perspective.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evaluate, parse } from 'groq-js';
import type { StoredDocument } from '../../src/content/dataset';

export type ContentLakeStandIn = {
  url: string;
  /** Every request path seen, in order. */
  requests: string[];
  /** Makes the next answers slow (ms) or failing (status), to test timeouts and retries. */
  behave(options: { delayMs?: number; status?: number }): void;
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
  const published = documents.filter((document) => !document._id.startsWith('drafts.'));
  const byId = new Map(published.map((document) => [document._id, document]));
  const requests: string[] = [];
  let delayMs = 0;
  let status = 200;

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    requests.push(url.pathname);
    const match = url.pathname.match(/^\/v[\d-]+\/data\/query\/([^/]+)$/);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (status !== 200) {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'stand-in failure' }));
      return;
    }
    if (!match || match[1] !== dataset) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Not found' }));
      return;
    }
    let query: string;
    let params: Record<string, unknown> = {};
    if (request.method === 'POST') {
      const body = JSON.parse(await readBody(request)) as { query: string; params?: Record<string, unknown> };
      query = body.query;
      params = body.params ?? {};
    } else {
      query = url.searchParams.get('query') ?? '';
      for (const [name, value] of url.searchParams) {
        if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value);
      }
    }
    try {
      const tree = parse(query, { params });
      const value = await evaluate(tree, {
        dataset: published,
        params,
        dereference: ({ _ref }) => byId.get(_ref) ?? null,
      });
      const result = await value.get();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ query, result, ms: 1 }));
    } catch (error) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { description: String(error) } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave(options) {
      delayMs = options.delayMs ?? 0;
      status = options.status ?? 200;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
