import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.ts';

describe('map configuration', () => {
  it('defaults to OpenStreetMap tiles and credit, and allows their host for images', () => {
    expect(readConfig({}).map).toEqual({
      tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap contributors',
      imgSource: 'https://tile.openstreetmap.org',
    });
    // An empty value (as copied from .env.example) means the default.
    expect(readConfig({ MAP_TILE_URL: '', MAP_ATTRIBUTION: ' ' }).map.tileUrl).toContain('openstreetmap');
  });

  it('reads another tile server, with {s} subdomains as a wildcard, or same-site tiles', () => {
    const map = readConfig({
      MAP_TILE_URL: 'https://{s}.tiles.example.org:8443/light/{z}/{x}/{y}{r}.png',
      MAP_ATTRIBUTION: 'Tiles © Example',
    }).map;
    expect(map.imgSource).toBe('https://*.tiles.example.org:8443');
    expect(map.attribution).toBe('Tiles © Example');
    expect(readConfig({ MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png' }).map.imgSource).toBe("'self'");
  });

  it('refuses templates that are not tile URLs or could widen the CSP', () => {
    for (const bad of [
      'https://tile.example.org/tiles.png',
      'ftp://tile.example.org/{z}/{x}/{y}.png',
      '//tile.example.org/{z}/{x}/{y}.png',
      "https://tile.example.org/{z}/{x}/{y}.png; script-src 'unsafe-inline'",
      'https://*/{z}/{x}/{y}.png',
      'https://{s}/{z}/{x}/{y}.png',
    ]) {
      expect(() => readConfig({ MAP_TILE_URL: bad }), bad).toThrow(ConfigError);
    }
    expect(() => readConfig({ MAP_TILE_URL: 'nope' })).toThrow(/MAP_TILE_URL/);
  });
});
