/**
 * Session tokens are stored as hashes, like referral and invitation tokens (`people/tokens.ts`):
 * better-auth's adapter is wrapped so every write of `session.token` stores its SHA-256, every
 * lookup by token hashes the value asked for, and rows read back by token carry the plain token
 * again (the cookie keeps the plain one). A copy of the database alone opens no session.
 * Verification identifiers (password-reset tokens, two-factor steps) use better-auth's own
 * `verification.storeIdentifier: 'hashed'`.
 */
import type { BetterAuthOptions } from 'better-auth';
import { hashToken } from '../people/tokens.ts';

type Where = { field: string; value: unknown; operator?: string; connector?: string };
type AnyAdapter = Record<string, unknown> & {
  transaction?: <R>(callback: (trx: AnyAdapter) => Promise<R>) => Promise<R>;
};
type Query = { model: string; where?: Where[]; data?: Record<string, unknown>; [key: string]: unknown };

/** Model -> field holding a bearer token. */
const HASHED: Record<string, string> = { session: 'token' };

const hashed = (value: unknown): unknown =>
  typeof value === 'string' ? hashToken(value) : Array.isArray(value) ? value.map(hashed) : value;

function plainAskedFor(field: string, where: Where[] | undefined): string | undefined {
  const match = where?.find((w) => w.field === field && (w.operator ?? 'eq') === 'eq' && typeof w.value === 'string');
  return match?.value as string | undefined;
}

function restore<T>(row: T, field: string, plain: string | undefined): T {
  if (!plain || !row || typeof row !== 'object') return row;
  return { ...(row as Record<string, unknown>), [field]: plain } as T;
}

function wrap(adapter: AnyAdapter): AnyAdapter {
  const method = (name: string) => adapter[name] as (query: Query) => Promise<unknown>;
  const wrapped: AnyAdapter = { ...adapter };
  for (const name of ['create', 'findOne', 'findMany', 'count', 'update', 'updateMany', 'delete', 'deleteMany']) {
    if (typeof adapter[name] !== 'function') continue;
    wrapped[name] = async (query: Query) => {
      const field = HASHED[query.model];
      if (!field) return method(name).call(adapter, query);
      const plain = name === 'create' ? (query.data?.[field] as string | undefined) : plainAskedFor(field, query.where);
      const next: Query = { ...query };
      if (query.where) next.where = query.where.map((w) => (w.field === field ? { ...w, value: hashed(w.value) } : w));
      if (query.data && field in query.data) next.data = { ...query.data, [field]: hashed(query.data[field]) };
      const result = await method(name).call(adapter, next);
      if (Array.isArray(result)) return result.map((row) => restore(row, field, plain));
      return restore(result, field, plain);
    };
  }
  if (typeof adapter.transaction === 'function') {
    const transaction = adapter.transaction.bind(adapter);
    wrapped.transaction = (callback) => transaction((trx) => callback(wrap(trx)));
  }
  return wrapped;
}

/** better-auth's `database` option: the given adapter, storing session tokens as hashes. */
export function withHashedTokens<A>(factory: (options: BetterAuthOptions) => A): (options: BetterAuthOptions) => A {
  return (options) => wrap(factory(options) as unknown as AnyAdapter) as unknown as A;
}
