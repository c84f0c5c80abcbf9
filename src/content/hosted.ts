/** The hosted content source: the Sanity Content Lake through `@sanity/client`. */
import { createClient } from '@sanity/client';
import type { NamedQuery, QueryResults } from '../queries/types';
import { ContentUnavailableError, type ContentSource } from './source';

export type HostedOptions = {
  projectId: string;
  dataset: string;
  apiVersion: string;
  token?: string;
  /** Another API host speaking Sanity's protocol (a local stand-in in tests). */
  apiHost?: string;
  timeoutMs: number;
};

export function createHostedSource(options: HostedOptions): ContentSource {
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
  return {
    kind: 'hosted',
    async fetch<Q extends NamedQuery>(query: Q, params: Record<string, unknown> = {}) {
      try {
        return await client.fetch<QueryResults[Q]>(query, params);
      } catch (error) {
        throw new ContentUnavailableError(error);
      }
    },
  };
}
