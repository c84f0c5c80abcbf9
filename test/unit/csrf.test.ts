import { describe, expect, it } from 'vitest';
import { isSameSiteRequest } from '../../src/security/csrf.ts';

const SITE = ['https://signpost.example.org', 'http://127.0.0.1:4321'];
const check = (method: string, headers: Record<string, string>) =>
  isSameSiteRequest(method, new Headers(headers), SITE);

describe('the cross-site request check', () => {
  it('lets GET, HEAD and OPTIONS through from anywhere', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(check(method, { origin: 'https://evil.example' })).toBe(true);
  });

  it('accepts a post whose Origin is this site', () => {
    expect(check('POST', { origin: 'https://signpost.example.org' })).toBe(true);
    expect(check('POST', { origin: 'http://127.0.0.1:4321' })).toBe(true);
  });

  it('refuses a post, put, patch or delete whose Origin is another site, whatever its body', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(check(method, { origin: 'https://evil.example', 'content-type': 'application/json' })).toBe(false);
    }
    expect(check('POST', { origin: 'https://signpost.example.org.evil.example' })).toBe(false);
    expect(check('POST', { origin: 'http://signpost.example.org' })).toBe(false);
  });

  it('refuses the opaque "null" Origin of sandboxed frames and data URLs', () => {
    expect(check('POST', { origin: 'null' })).toBe(false);
    expect(check('POST', { origin: 'null', 'sec-fetch-site': 'cross-site' })).toBe(false);
  });

  it('accepts "null" Origin with Sec-Fetch-Site same-origin: a form on a no-referrer page of this site', () => {
    expect(check('POST', { origin: 'null', 'sec-fetch-site': 'same-origin' })).toBe(true);
  });

  it('without Origin, trusts only Sec-Fetch-Site same-origin', () => {
    expect(check('POST', { 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(check('POST', { 'sec-fetch-site': 'same-site' })).toBe(false);
    expect(check('POST', { 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(check('POST', { 'sec-fetch-site': 'none' })).toBe(false);
  });

  it('without either, falls back to the Referer, and refuses a request that says nothing', () => {
    expect(check('POST', { referer: 'https://signpost.example.org/account' })).toBe(true);
    expect(check('POST', { referer: 'https://evil.example/page' })).toBe(false);
    expect(check('POST', {})).toBe(false);
  });
});
