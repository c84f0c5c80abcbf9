/**
 * Identifiers for the ORUK feed. Every ORUK `id` is a UUID: our documents already have UUID
 * `_id`s, and nested records without one (a service at a location, a schedule, an address, a cost
 * option...) get a name-based UUID (RFC 9562 version 5, SHA-1) from their parent's id and a key,
 * so the same record has the same id in every response and after every restart.
 */
import { createHash } from 'node:crypto';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID written in the usual 8-4-4-4-12 hex form. */
export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}

/** The root of every id Signpost derives (a fixed, randomly chosen UUID; never change it). */
export const signpostNamespace = '6f3c2a1e-8d4b-4c7a-9e2f-5b1d0a9c7e34';

/** A version 5 UUID for `name` within `namespace` (itself a UUID), as RFC 9562 section 5.5 defines. */
export function uuidV5(namespace: string, name: string): string {
  if (!isUuid(namespace)) throw new Error(`Not a UUID namespace: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A stable id for a record nested under `parentId`, e.g. `childId(serviceId, 'schedule', key)`. */
export function childId(parentId: string, ...key: string[]): string {
  return uuidV5(parentId, key.join(':'));
}
