/** The hosted content store: the Sanity Content Lake through `@sanity/client`. */
import { createClient, type Mutation } from '@sanity/client';
import type { NamedQuery, QueryResults } from '../queries/types';
import { safe } from '../security/log';
import type { StoredDocument } from './dataset';
import { MutationError, mutationTarget, newRevision } from './mutations';
import { ContentUnavailableError, type ContentChange, type ContentStore } from './source';

export type HostedOptions = {
  projectId: string;
  dataset: string;
  apiVersion: string;
  token?: string;
  /** A token with write access (an Editor robot token), for the portal's write path. */
  writeToken?: string;
  /** Another API host speaking Sanity's protocol (a local stand-in in tests). */
  apiHost?: string;
  timeoutMs: number;
};

/** The hosted store plus the raw reads the snapshot sync needs (src/content/snapshot.ts). */
export interface HostedSource extends ContentStore {
  readonly kind: 'hosted';
  /**
   * Runs a GROQ query of the sync (not a page query) against the published perspective; the
   * answer is unchecked (`unknown`): the caller validates its shape.
   */
  fetchRaw(query: string, params?: Record<string, unknown>): Promise<unknown>;
}

export function createHostedSource(options: HostedOptions): HostedSource {
  const client = createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: options.apiVersion,
    token: options.token,
    perspective: 'published',
    // The CDN serves the public published view; with a token, answers must come from the API.
    useCdn: !options.token && !options.apiHost,
    // The client's defaults (120 s, 5 retries) would hold a page render for minutes.
    timeout: options.timeoutMs,
    maxRetries: 2,
    retryDelay: (attempt) => 100 * 2 ** attempt,
    ...(options.apiHost ? { apiHost: options.apiHost, useProjectHostname: false } : {}),
  });
  // Drafts and writes: the raw perspective, never the CDN, with the write token.
  const writer = client.withConfig({
    perspective: 'raw',
    useCdn: false,
    token: options.writeToken ?? options.token,
    // A write is not retried blindly: the transaction id makes a retry safe, but the caller decides.
    maxRetries: 0,
  });
  const listeners = new Set<(change: ContentChange) => void>();
  let revision = 0;
  const emit = (change: ContentChange) => {
    revision += 1;
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error(`Content change listener failed: ${safe(error)}`);
      }
    }
  };

  return {
    kind: 'hosted',
    get revision() {
      return revision;
    },
    async fetch<Q extends NamedQuery>(query: Q, params: Record<string, unknown> = {}) {
      try {
        return await client.fetch<QueryResults[Q]>(query, params);
      } catch (error) {
        throw new ContentUnavailableError(error);
      }
    },
    async fetchRaw(query, params = {}) {
      try {
        return await client.fetch<unknown>(query, params);
      } catch (error) {
        throw new ContentUnavailableError(error);
      }
    },
    async getDocuments(ids) {
      if (ids.length === 0) return [];
      try {
        const found = await writer.fetch<StoredDocument[]>('*[_id in $ids]', { ids });
        const byId = new Map(found.map((document) => [document._id, document]));
        return ids.map((id) => byId.get(id) ?? null);
      } catch (error) {
        throw new ContentUnavailableError(error);
      }
    },
    async commit(mutations, commitOptions = {}) {
      const transactionId = commitOptions.transactionId ?? newRevision();
      try {
        await writer.mutate(mutations as Mutation[], { transactionId, visibility: 'sync', returnDocuments: false });
      } catch (error) {
        const status = (error as { statusCode?: number }).statusCode;
        const first = mutations[0] ? mutationTarget(mutations[0]) : '';
        if (status === 409) {
          throw new MutationError('conflict', first, 'A document was changed since it was read');
        }
        if (status === 400 || status === 404) throw new MutationError('invalid', first, String(error));
        throw new ContentUnavailableError(error);
      }
      const documentIds = [...new Set(mutations.map(mutationTarget))];
      emit({ documentIds, origin: 'commit' });
      return { transactionId, documentIds };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed: emit,
  };
}
