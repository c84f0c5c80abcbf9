/**
 * Previews: a named query evaluated over a draft and the published documents it refers to, so
 * the real page can render a change before it is published, on either content store.
 */
import { evaluate, parse } from 'groq-js';
import type { NamedQuery, QueryResults } from '../queries/types';
import type { StoredDocument } from './dataset';
import { publishedId } from './mutations';
import type { ContentStore } from './source';

function referencesOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencesOf(item, into);
  else if (value && typeof value === 'object') {
    const ref = (value as { _ref?: unknown })._ref;
    if (typeof ref === 'string') into.add(ref);
    for (const inner of Object.values(value)) referencesOf(inner, into);
  }
  return into;
}

/** Runs `query` as if `draft` were published: the draft plus what it refers to, two levels deep. */
export async function previewQuery<Q extends NamedQuery>(
  store: ContentStore,
  query: Q,
  params: Record<string, unknown>,
  draft: StoredDocument,
): Promise<QueryResults[Q]> {
  const documents = new Map<string, StoredDocument>();
  const asPublished = { ...draft, _id: publishedId(draft._id) };
  documents.set(asPublished._id, asPublished);
  let wanted = referencesOf(asPublished, new Set());
  for (let depth = 0; depth < 2 && wanted.size > 0; depth += 1) {
    const found = (await store.getDocuments([...wanted].filter((id) => !documents.has(id)))).filter(
      (document): document is StoredDocument => document !== null,
    );
    for (const document of found) documents.set(document._id, document);
    wanted = found.reduce((into, document) => referencesOf(document, into), new Set<string>());
  }
  const dataset = [...documents.values()];
  const value = await evaluate(parse(query, { params }), {
    dataset,
    params,
    dereference: ({ _ref }) => documents.get(_ref) ?? null,
  });
  return (await value.get()) as QueryResults[Q];
}
