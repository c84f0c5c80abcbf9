import type { NamedQuery, QueryResults } from '../queries/types';

/** Where published content comes from: the hosted Content Lake or the embedded dataset. */
export interface ContentSource {
  readonly kind: 'embedded' | 'hosted';
  /** Runs one named query from `src/queries` with its parameters. */
  fetch<Q extends NamedQuery>(query: Q, params?: Record<string, unknown>): Promise<QueryResults[Q]>;
}

/** Raised when content cannot be read (the Content Lake is down or too slow). */
export class ContentUnavailableError extends Error {
  constructor(cause: unknown) {
    super('Content is unavailable', { cause });
    this.name = 'ContentUnavailableError';
  }
}
