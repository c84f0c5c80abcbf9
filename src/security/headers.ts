/**
 * The security headers every response carries, static files included: the server process
 * (scripts/serve.mjs) sets them before anything else answers, and the Astro middleware sets them on
 * rendered responses (pages may replace one with a stricter value, e.g. `Referrer-Policy:
 * no-referrer` on referral links).
 */
import type { Config } from '../config.ts';

/** What the headers depend on: only the map's tile host, for the policy's `img-src`. */
export type SecurityHeaderSettings = Pick<Config, 'map'>;

/** The header set for this configuration, names as sent. */
export function securityHeaders(config: SecurityHeaderSettings): Record<string, string> {
  const tiles = config.map.imgSource === "'self'" ? '' : ` ${config.map.imgSource}`;
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      // Map tiles come from the configured tile server (MAP_TILE_URL).
      `img-src 'self' data:${tiles}`,
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(self)',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
