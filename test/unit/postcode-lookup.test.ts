import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostcodeLookup } from '../../src/geo/postcode-lookup';

// A stand-in speaking the postcodes.io protocol: one known postcode, one slow one.
let server: Server;
let baseUrl: string;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    asked.push(request.url ?? '');
    if (request.url === '/postcodes/N176RA') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ status: 200, result: { postcode: 'N17 6RA', latitude: 51.5981, longitude: -0.0702 } }),
      );
    } else if (request.url === '/postcodes/E130AA') {
      // A good answer, but too late.
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 200, result: { latitude: 51.52, longitude: 0.03 } }));
      }, 1000);
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 404, error: 'Postcode not found' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the postcode lookup', () => {
  it('places a full postcode exactly', async () => {
    expect(await createPostcodeLookup(baseUrl, 500)('N17 6RA')).toEqual({ lat: 51.5981, lng: -0.0702 });
    expect(asked).toContain('/postcodes/N176RA');
  });

  it('gives nothing for an unknown postcode, so the district centre is used', async () => {
    expect(await createPostcodeLookup(baseUrl, 500)('N17 0ZZ')).toBeUndefined();
  });

  it('gives up after its timeout instead of holding the search', async () => {
    expect(await createPostcodeLookup(baseUrl, 100)('E13 0AA')).toBeUndefined();
    expect(await createPostcodeLookup(baseUrl, 3000)('E13 0AA')).toEqual({ lat: 51.52, lng: 0.03 });
  });

  it('gives nothing when the service cannot be reached', async () => {
    expect(await createPostcodeLookup('http://127.0.0.1:9', 200)('N17 6RA')).toBeUndefined();
  });
});
