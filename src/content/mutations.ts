/**
 * Content changes in Sanity's mutation format, applied the way the Content Lake applies them.
 *
 * Every change to content (partner edits, editor approvals, "still accurate", restores, webhook
 * imports) is a list of these mutations committed as one transaction through a `ContentStore`.
 * The embedded store (and the test stand-in of the Content Lake) apply them with
 * `@sanity/mutator`, with the Lake's rules on top: `create` refuses an existing id, `patch`
 * refuses a missing document, and `ifRevisionID` refuses a document changed since it was read.
 */
import { randomBytes } from 'node:crypto';
import { Mutation } from '@sanity/mutator';
import type { StoredDocument } from './dataset';

/** A patch: the operations Sanity's `patch` mutation takes (paths as Sanity's JSONMatch). */
export type PatchOperations = {
  id: string;
  /** Refuses the patch unless the document's `_rev` is still this one. */
  ifRevisionID?: string;
  set?: Record<string, unknown>;
  setIfMissing?: Record<string, unknown>;
  unset?: string[];
  insert?: { before?: string; after?: string; replace?: string; items: unknown[] };
  inc?: Record<string, number>;
  dec?: Record<string, number>;
};

/** One Sanity mutation. Drafts are documents whose id is `drafts.<id>`. */
export type ContentMutation =
  | { create: StoredDocument }
  | { createIfNotExists: StoredDocument }
  | { createOrReplace: StoredDocument }
  | { delete: { id: string } }
  | { patch: PatchOperations };

/** Why a transaction was refused; `conflict` answers 409 ("changed since you opened it"). */
export type MutationFailure = 'conflict' | 'exists' | 'not-found' | 'invalid';

/** A transaction the store refused; nothing of it was applied. */
export class MutationError extends Error {
  readonly reason: MutationFailure;
  readonly documentId: string;

  constructor(reason: MutationFailure, documentId: string, message: string) {
    super(message);
    this.name = 'MutationError';
    this.reason = reason;
    this.documentId = documentId;
  }
}

/** The draft id of a published id (and the same for a draft id). */
export function draftId(id: string): string {
  return id.startsWith('drafts.') ? id : `drafts.${id}`;
}

/** The published id of a draft id (and the same for a published id). */
export function publishedId(id: string): string {
  return id.startsWith('drafts.') ? id.slice('drafts.'.length) : id;
}

/** A new revision or transaction id, in Sanity's style (22 base-62-ish characters). */
export function newRevision(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

/** The document id a mutation is about. */
export function mutationTarget(mutation: ContentMutation): string {
  if ('create' in mutation) return mutation.create._id;
  if ('createIfNotExists' in mutation) return mutation.createIfNotExists._id;
  if ('createOrReplace' in mutation) return mutation.createOrReplace._id;
  if ('delete' in mutation) return mutation.delete.id;
  return mutation.patch.id;
}

const validId = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Applies a transaction to `documents` (changed in place only if every mutation succeeds) and
 * returns the ids it touched, in order. Each resulting document gets `_rev` = the transaction
 * id and `_updatedAt` = `timestamp`, as the Lake gives them.
 */
export function applyTransaction(
  documents: Map<string, StoredDocument>,
  mutations: ContentMutation[],
  options: { transactionId: string; timestamp: string },
): string[] {
  const working = new Map<string, StoredDocument | null>();
  const current = (id: string) => (working.has(id) ? working.get(id)! : (documents.get(id) ?? null));
  for (const mutation of mutations) {
    const id = mutationTarget(mutation);
    if (typeof id !== 'string' || !validId.test(id)) {
      throw new MutationError('invalid', String(id), `Document id "${String(id)}" is not valid`);
    }
    const before = current(id);
    if ('create' in mutation && before) {
      throw new MutationError('exists', id, `Document "${id}" already exists`);
    }
    if ('patch' in mutation) {
      if (!before) throw new MutationError('not-found', id, `Document "${id}" not found`);
      const expected = mutation.patch.ifRevisionID;
      if (expected !== undefined && before._rev !== expected) {
        throw new MutationError(
          'conflict',
          id,
          `Document "${id}" has unexpected revision ID ("${String(before._rev)}"), expected "${expected}"`,
        );
      }
    }
    const body = structuredClone(mutation) as ContentMutation;
    if ('patch' in body) delete body.patch.ifRevisionID;
    const after = new Mutation({
      mutations: [body as never],
      transactionId: options.transactionId,
      timestamp: options.timestamp,
    }).apply(before ? structuredClone(before) : null) as StoredDocument | null;
    if (after && (after._id !== id || typeof after._type !== 'string')) {
      throw new MutationError('invalid', id, `Document "${id}" would lose its _id or _type`);
    }
    working.set(id, after);
  }
  for (const [id, document] of working) {
    if (document) documents.set(id, document);
    else documents.delete(id);
  }
  return [...working.keys()];
}
