/**
 * An optional postcodes.io-compatible lookup of a full postcode's position. Anything other than a
 * clean answer in time (no network, a slow or failing service, an unknown postcode) gives
 * `undefined`, and callers fall back to the postcode district's centre from `./outcodes`.
 * The postcode is sent only to the configured service and never logged or stored.
 */
import { z } from 'zod';

const answer = z.object({
  status: z.literal(200),
  result: z.object({ latitude: z.number().min(49).max(61), longitude: z.number().min(-8).max(2) }),
});

export type PostcodeLookup = (postcode: string) => Promise<{ lat: number; lng: number } | undefined>;

/** A lookup against `baseUrl` (e.g. https://api.postcodes.io) giving up after `timeoutMs`. */
export function createPostcodeLookup(baseUrl: string, timeoutMs: number): PostcodeLookup {
  const base = baseUrl.replace(/\/+$/, '');
  return async (postcode) => {
    try {
      const response = await fetch(`${base}/postcodes/${encodeURIComponent(postcode.replace(/\s+/g, ''))}`, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return undefined;
      const parsed = answer.safeParse(await response.json());
      return parsed.success ? { lat: parsed.data.result.latitude, lng: parsed.data.result.longitude } : undefined;
    } catch {
      return undefined;
    }
  };
}
