/**
 * ORUK asks publishers to omit empty optional fields rather than send `null`. `compact` drops
 * null, undefined, blank strings and empty arrays (and objects left empty by that), at any depth,
 * and keeps `0` and `false`, which are values.
 */

/** `T` with nulls gone: what `compact` leaves (present values, or the field omitted). */
export type Compacted<T> = T extends readonly (infer Item)[]
  ? Compacted<Exclude<Item, null>>[]
  : T extends object
    ? { [K in keyof T]: Compacted<Exclude<T[K], null>> }
    : T;

// Results of `compact`, so a record nested in a bigger one is not walked again.
const done = new WeakSet<object>();

/** A copy of `value` without empty fields; arrays keep their order, minus empty items. */
export function compact<T>(value: T): Compacted<T> {
  const result = prune(value);
  if (typeof result === 'object' && result !== null) done.add(result);
  return result as Compacted<T>;
}

// Loops rather than map/filter: the whole directory passes through here when the feed is built.
function prune(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return /\S/.test(value) ? value : undefined;
  if (Array.isArray(value)) {
    if (done.has(value)) return value;
    const items: unknown[] = [];
    for (const item of value) {
      const kept = prune(item);
      if (kept !== undefined) items.push(kept);
    }
    return items.length > 0 ? items : undefined;
  }
  if (typeof value === 'object' && done.has(value)) return value;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let result: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const kept = prune(item);
      if (kept !== undefined) (result ??= {})[key] = kept;
    }
    return result;
  }
  return value;
}
