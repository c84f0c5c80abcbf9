import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config';

describe('the configuration', () => {
  it('uses the sample content and the local data folder when nothing is set', () => {
    const config = readConfig({});
    expect(config.sanity).toBeUndefined();
    expect(config.siteUrl).toBe('http://localhost:4321');
    expect(config.dataDir).toMatch(/data$/);
  });

  it('addresses links to where the server listens when SITE_URL is unset', () => {
    expect(readConfig({ HOST: '127.0.0.1', PORT: '4400' }).siteUrl).toBe('http://127.0.0.1:4400');
    expect(readConfig({ HOST: '0.0.0.0', PORT: '8080' }).siteUrl).toBe('http://localhost:8080');
    expect(readConfig({ SITE_URL: '', PORT: '8080' }).siteUrl).toBe('http://localhost:8080');
  });

  it('prefers SITE_URL, without a trailing slash', () => {
    expect(readConfig({ SITE_URL: 'https://signpost.example.org/', PORT: '8080' }).siteUrl).toBe(
      'https://signpost.example.org',
    );
  });

  it('reads from a Sanity project when one is named', () => {
    expect(readConfig({ SANITY_PROJECT_ID: 'abc123' }).sanity).toMatchObject({
      projectId: 'abc123',
      dataset: 'production',
    });
  });

  it('names every variable that is wrong', () => {
    expect(() => readConfig({ SITE_URL: 'not a url', SANITY_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
    try {
      readConfig({ SITE_URL: 'not a url', SANITY_TIMEOUT_MS: 'soon' });
    } catch (error) {
      expect((error as Error).message).toContain('SITE_URL');
      expect((error as Error).message).toContain('SANITY_TIMEOUT_MS');
    }
  });
});
