import type { NamedQuery, QueryResults } from '../queries/types';
import type { StoredDocument } from './dataset';
import type { ContentMutation } from './mutations';

/** Where published content comes from: the hosted Content Lake or the embedded dataset. */
export interface ContentSource {
  readonly kind: 'embedded' | 'hosted';
  /** Runs one named query from `src/queries` with its parameters. */
  fetch<Q extends NamedQuery>(query: Q, params?: Record<string, unknown>): Promise<QueryResults[Q]>;
}

/** What a committed transaction did. */
export type CommitResult = {
  transactionId: string;
  /** The ids of the documents it created, changed or deleted. */
  documentIds: string[];
};

/** Told after content changed: this process's commits, a webhook, or a poll finding a new revision. */
export type ContentChange = {
  /** The documents that changed, where known (a webhook names them; a poll does not). */
  documentIds?: string[];
  origin: 'commit' | 'webhook' | 'poll';
};

/** How current the content being served is (hosted content served from its snapshot). */
export type ContentFreshness = {
  /** When the Content Lake last answered a sync; null when it never has. */
  syncedAt: Date | null;
  /** The last sync is older than the set age: pages say the information may be out of date. */
  stale: boolean;
};

/**
 * The content store: published reads (`fetch`) plus the one write path for content. Every change,
 * wherever it comes from (portal, Studio through the webhook, restore), is Sanity mutations
 * committed here, and every change ends in one "content changed" event that pages, search and
 * the feed follow.
 */
export interface ContentStore extends ContentSource {
  /** Increases each time content changes (a commit, a webhook, a sync finding something new). */
  readonly revision: number;
  /** Documents by id exactly as stored now, drafts included; null where there is none. */
  getDocuments(ids: string[]): Promise<(StoredDocument | null)[]>;
  /**
   * Commits the mutations as one transaction: all or nothing, acknowledged only once durable.
   * Throws `MutationError` (`conflict` when an `ifRevisionID` no longer matches).
   */
  commit(mutations: ContentMutation[], options?: { transactionId?: string }): Promise<CommitResult>;
  /** Calls `listener` after every content change; returns the function that stops it. */
  onChange(listener: (change: ContentChange) => void): () => void;
  /** Says content changed outside this process (the webhook, a poll): caches drop, listeners run. */
  changed(change: Omit<ContentChange, 'origin'> & { origin: 'webhook' | 'poll' }): void;
  /** How current the served content is; absent where it is always current (the embedded store). */
  freshness?(): ContentFreshness;
  /** Stops background work (the hosted snapshot's sync timer), for a graceful shutdown. */
  stop?(): void;
}

/** How long a client is asked to wait (`Retry-After`) when content cannot be read at all. */
export const CONTENT_RETRY_AFTER_SECONDS = 30;

/** Raised when content cannot be read (the Content Lake is down or too slow). */
export class ContentUnavailableError extends Error {
  constructor(cause: unknown) {
    super('Content is unavailable', { cause });
    this.name = 'ContentUnavailableError';
  }
}
