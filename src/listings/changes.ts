/**
 * Listing changes: partners propose, editors decide, and every publish goes through the content
 * store's one write path (Sanity mutations) while the people store keeps who asked, the answer
 * and each published version.
 *
 * - A partner's edit is written as the draft `drafts.<id>` and recorded as a pending request;
 *   it never publishes by itself. Two people editing the same listing: the second is told it
 *   changed since they opened it (`ifRevisionID`), never silently overwritten.
 * - "Taking new people" and closures publish at once (residents need them now), audited and
 *   shown to editors; any pending draft gets the same values so approving it cannot undo them.
 * - Approving publishes the draft exactly as reviewed; returning keeps the draft for the partner
 *   and tells them why through the outbox.
 */
import type { StoredDocument } from '../content/dataset';
import { documentSchemas, type DocumentType } from '../content/profile';
import { draftId, MutationError, publishedId, type ContentMutation } from '../content/mutations';
import type { ContentStore } from '../content/source';
import type { ContentChangeRequest } from '../people/content-changes';
import type { PeopleStore } from '../people/store';
import type { Role } from '../people/schema';
import { changedFields, diffDocuments, type DiffEntry } from './diff';
import { flagsFor } from './flags';

/** The document types partners may edit. */
export const EDITABLE_TYPES = ['organisation', 'service', 'location'] as const;
export type EditableType = (typeof EDITABLE_TYPES)[number];

/** Fields that publish immediately when a partner changes them. */
export const LIVE_FIELDS = ['accepting', 'closures'] as const;

const SYSTEM_FIELDS = ['_rev', '_createdAt', '_updatedAt'];

export type ListingDeps = { content: ContentStore; people: PeopleStore };
export type Editor = { userId: string; role: Role; organisationIds: string[] };

export type FieldProblem = { path: string; message: string };

/** Why a listing change was refused, with what to tell the person. */
export class ListingError extends Error {
  readonly reason: 'not-found' | 'conflict' | 'invalid' | 'unchanged' | 'not-pending';
  readonly problems: FieldProblem[];

  constructor(reason: ListingError['reason'], message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = 'ListingError';
    this.reason = reason;
    this.problems = problems;
  }
}

const CHANGED_SINCE_OPENED =
  'Someone changed this listing since you opened it. Your changes were not saved: open it again to see the latest version.';

const isEditorRole = (role: Role) => role === 'editor' || role === 'admin';

/** The organisation a listing document belongs to. */
export function organisationOf(document: StoredDocument): string | null {
  if (document._type === 'organisation') return publishedId(document._id);
  const ref = (document.organisation as { _ref?: unknown } | undefined)?._ref;
  return typeof ref === 'string' ? ref : null;
}

/** Whether `editor` may see and change `document`: editors any, partners their own organisations'. */
export function mayEdit(editor: Editor, document: StoredDocument): boolean {
  if (!(EDITABLE_TYPES as readonly string[]).includes(document._type)) return false;
  if (isEditorRole(editor.role)) return true;
  const organisation = organisationOf(document);
  return editor.role === 'partner' && organisation !== null && editor.organisationIds.includes(organisation);
}

const withoutSystemFields = (document: StoredDocument): StoredDocument => {
  const copy = { ...document };
  for (const field of SYSTEM_FIELDS) delete copy[field];
  return copy;
};

/** Checks a document against the content profile; the problems, each at its field. */
export function validateListing(document: StoredDocument): FieldProblem[] {
  const schema = documentSchemas[document._type as DocumentType];
  if (!schema) return [{ path: '_type', message: 'This kind of document cannot be edited here.' }];
  const result = schema.safeParse({ ...document, _id: publishedId(document._id) });
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const list = ['too_small', 'too_big'].includes(issue.code) ? LIST_MESSAGES[path] : undefined;
    return { path, message: list ?? plainMessage(issue) };
  });
}

/** What to say when a list has too few or too many items, for the lists partners fill in. */
const LIST_MESSAGES: Record<string, string> = {
  categories: 'choose 1 to 4 kinds of support',
  areas: 'choose at least one area',
  languages: 'give at least one language',
  coverage: 'choose at least one way people take part',
};

/** zod's own wording for sizes, missing values and wrong kinds of value, said as a person would. */
function plainMessage(issue: {
  code: string;
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  expected?: unknown;
}): string {
  const isList = issue.origin === 'array';
  if (issue.code === 'too_small') {
    if (issue.origin === 'number') return `must be ${String(issue.minimum)} or more`;
    return isList ? `give at least ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)} characters`;
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'number') return `must be ${String(issue.maximum)} or less`;
    return isList ? `give at most ${String(issue.maximum)}` : `must be at most ${String(issue.maximum)} characters`;
  }
  if (issue.code === 'invalid_type') {
    if (/received undefined/.test(issue.message)) return 'is needed';
    if (issue.expected === 'number') return 'must be a whole number';
  }
  if (issue.code === 'invalid_value') return 'choose one of the options';
  return issue.message;
}

/** A listing as its editor opens it: the published version, the pending draft, and the revision to send back. */
export async function openListing(
  { content }: ListingDeps,
  editor: Editor,
  id: string,
): Promise<{ published: StoredDocument | null; draft: StoredDocument | null; current: StoredDocument; rev: string }> {
  const [published, draft] = await content.getDocuments([publishedId(id), draftId(id)]);
  const current = draft ?? published;
  if (!current || !mayEdit(editor, current) || (published && !mayEdit(editor, published))) {
    throw new ListingError('not-found', 'There is no such listing, or it is not one of yours.');
  }
  return { published, draft, current, rev: String(current._rev ?? '') };
}

function asConflict(error: unknown): never {
  if (error instanceof MutationError && (error.reason === 'conflict' || error.reason === 'exists')) {
    throw new ListingError('conflict', CHANGED_SINCE_OPENED);
  }
  throw error;
}

/**
 * A partner's (or editor's) edit of a whole listing, as a pending change: the draft is written
 * and a request recorded. `openedRev` is the revision the form was opened at.
 */
export async function proposeChange(
  deps: ListingDeps,
  editor: Editor,
  input: { document: StoredDocument; openedRev: string | null },
): Promise<{ change: ContentChangeRequest; diff: DiffEntry[] }> {
  const id = publishedId(input.document._id);
  const [published, draft] = await deps.content.getDocuments([id, draftId(id)]);
  const current = draft ?? published;
  const edited = { ...withoutSystemFields(input.document), _id: draftId(id) };
  if (!mayEdit(editor, edited) || (current && !mayEdit(editor, current))) {
    throw new ListingError('not-found', 'There is no such listing, or it is not one of yours.');
  }
  if ((current?._rev ?? null) !== (input.openedRev || null)) throw new ListingError('conflict', CHANGED_SINCE_OPENED);
  const problems = validateListing(edited);
  if (problems.length > 0) throw new ListingError('invalid', 'Some details need correcting.', problems);
  const diff = diffDocuments(published ? withoutSystemFields(published) : null, edited);
  if (diff.length === 0 && !draft) throw new ListingError('unchanged', 'Nothing was changed.');

  const mutations: ContentMutation[] = draft
    ? [{ patch: { id: draft._id, ifRevisionID: String(draft._rev), set: {} } }, { createOrReplace: edited }]
    : [{ create: edited }];
  const committed = await deps.content.commit(mutations).catch(asConflict);
  const change = await deps.people.transaction(async (tx) => {
    const recorded = await tx.contentChanges.submit({
      documentId: id,
      documentType: edited._type,
      organisationId: organisationOf(edited)!,
      kind: published ? 'edit' : 'new',
      fields: changedFields(diff),
      flags: flagsFor(diff),
      baseRev: published ? String(published._rev) : null,
      submittedBy: editor.userId,
    });
    await tx.audit.append({
      actorUserId: editor.userId,
      action: 'listing.propose',
      subjectKind: edited._type,
      subjectId: id,
      detail: {
        change: recorded.id,
        fields: recorded.fields,
        flags: recorded.flags,
        transaction: committed.transactionId,
      },
    });
    return recorded;
  });
  return { change, diff };
}

/**
 * Publishes "taking new people" and closures at once (residents need them now): the published
 * listing is patched, and so is a pending draft, so approving it later cannot undo them.
 */
export async function publishLiveFields(
  deps: ListingDeps,
  editor: Editor,
  input: { id: string; openedRev: string; set: { accepting?: string; closures?: unknown[] } },
): Promise<ContentChangeRequest> {
  const id = publishedId(input.id);
  const [published, draft] = await deps.content.getDocuments([id, draftId(id)]);
  if (!published || published._type !== 'service' || !mayEdit(editor, published)) {
    throw new ListingError('not-found', 'There is no such listing, or it is not one of yours.');
  }
  if (String((draft ?? published)._rev) !== input.openedRev) throw new ListingError('conflict', CHANGED_SINCE_OPENED);
  const after = { ...withoutSystemFields(published), ...input.set };
  const problems = validateListing(after);
  if (problems.length > 0) throw new ListingError('invalid', 'Some details need correcting.', problems);
  const diff = diffDocuments(withoutSystemFields(published), after);
  if (diff.length === 0) throw new ListingError('unchanged', 'Nothing was changed.');

  const mutations: ContentMutation[] = [{ patch: { id, ifRevisionID: String(published._rev), set: input.set } }];
  if (draft) mutations.push({ patch: { id: draft._id, ifRevisionID: String(draft._rev), set: input.set } });
  await deps.content.commit(mutations).catch(asConflict);
  const [now] = await deps.content.getDocuments([id]);
  return deps.people.transaction(async (tx) => {
    const recorded = await tx.contentChanges.submit({
      documentId: id,
      documentType: 'service',
      organisationId: organisationOf(published)!,
      kind: 'live',
      fields: changedFields(diff),
      flags: [],
      baseRev: String(published._rev),
      submittedBy: editor.userId,
      status: 'published',
    });
    // The pending draft was patched too, so it now stands on the new published revision.
    await tx.contentChanges.rebase(id, String(now!._rev));
    await tx.contentChanges.recordVersion({
      documentId: id,
      rev: String(now!._rev),
      actorUserId: editor.userId,
      changeId: recorded.id,
      action: 'live',
      snapshot: now!,
    });
    await tx.audit.append({
      actorUserId: editor.userId,
      action: 'listing.publish-live',
      subjectKind: 'service',
      subjectId: id,
      detail: { change: recorded.id, fields: recorded.fields },
    });
    return recorded;
  });
}

/** A pending change as an editor reviews it: the request, the draft and its diff from the published version. */
export async function reviewChange(
  deps: ListingDeps,
  changeId: string,
): Promise<{
  change: ContentChangeRequest;
  published: StoredDocument | null;
  draft: StoredDocument | null;
  diff: DiffEntry[];
}> {
  const change = await deps.people.contentChanges.get(changeId);
  if (!change) throw new ListingError('not-found', 'There is no such change.');
  const [published, draft] = await deps.content.getDocuments([change.documentId, draftId(change.documentId)]);
  const diff = draft
    ? diffDocuments(published ? withoutSystemFields(published) : null, withoutSystemFields(draft))
    : [];
  return { change, published, draft, diff };
}

/**
 * Publishes a pending change exactly as the editor reviewed it (`reviewedRev`, the draft's
 * revision on the review page): refused if the draft or the published listing moved since.
 */
export async function approveChange(
  deps: ListingDeps & { siteUrl: string },
  editor: Editor,
  input: { changeId: string; reviewedRev: string; flagsChecked?: boolean },
): Promise<ContentChangeRequest> {
  if (!isEditorRole(editor.role)) throw new ListingError('not-found', 'There is no such change.');
  const { change, published, draft } = await reviewChange(deps, input.changeId);
  if (change.status !== 'pending' || !draft)
    throw new ListingError('not-pending', 'This change has already been decided.');
  if (change.flags.length > 0 && !input.flagsChecked) throw flagsNotChecked();
  if (String(draft._rev) !== input.reviewedRev) throw new ListingError('conflict', CHANGED_SINCE_OPENED);
  if (published && String(published._rev) !== change.baseRev) throw new ListingError('conflict', CHANGED_SINCE_OPENED);
  const document = { ...withoutSystemFields(draft), _id: change.documentId };
  const problems = validateListing(document);
  if (problems.length > 0)
    throw new ListingError('invalid', 'This change no longer meets the content rules.', problems);

  const mutations: ContentMutation[] = [{ patch: { id: draft._id, ifRevisionID: input.reviewedRev, set: {} } }];
  if (published) mutations.push({ patch: { id: published._id, ifRevisionID: String(published._rev), set: {} } });
  mutations.push({ createOrReplace: document }, { delete: { id: draft._id } });
  await deps.content.commit(mutations).catch(asConflict);
  const [now] = await deps.content.getDocuments([change.documentId]);
  await deps.people.transaction(async (tx) => {
    if (!(await tx.contentChanges.decide(change.id, { status: 'published', decidedBy: editor.userId }))) {
      throw new ListingError('not-pending', 'This change has already been decided.');
    }
    await tx.contentChanges.recordVersion({
      documentId: change.documentId,
      rev: String(now!._rev),
      actorUserId: editor.userId,
      changeId: change.id,
      action: 'approve',
      snapshot: now!,
    });
    await tx.audit.append({
      actorUserId: editor.userId,
      action: 'listing.approve',
      subjectKind: change.documentType,
      subjectId: change.documentId,
      detail: { change: change.id, fields: change.fields },
    });
    await tellSubmitter(tx, change, 'listing-change-published', {
      listing: String(now!.name ?? ''),
      link: new URL('/partner/listings', deps.siteUrl).href,
    });
  });
  return { ...change, status: 'published', decidedBy: editor.userId };
}

const flagsNotChecked = () =>
  new ListingError('invalid', 'Check the flagged details before publishing.', [
    {
      path: 'flagsChecked',
      message: 'Confirm you have checked the phone numbers and crisis support wording flagged in this change',
    },
  ]);

/**
 * An editor's own edit, published in one step: proposed and approved at once, so it has the
 * same checks, versions and audit trail as a partner's. Flagged text (phone numbers, crisis
 * support) needs the editor's confirmation first, and nothing is written without it.
 */
export async function publishDirectly(
  deps: ListingDeps & { siteUrl: string },
  editor: Editor,
  input: { document: StoredDocument; openedRev: string | null; flagsChecked: boolean },
): Promise<ContentChangeRequest> {
  if (!isEditorRole(editor.role)) throw new ListingError('not-found', 'There is no such listing.');
  const id = publishedId(input.document._id);
  const [published] = await deps.content.getDocuments([id]);
  const diff = diffDocuments(published ? withoutSystemFields(published) : null, withoutSystemFields(input.document));
  if (flagsFor(diff).length > 0 && !input.flagsChecked && validateListing(input.document).length === 0) {
    throw flagsNotChecked();
  }
  const { change } = await proposeChange(deps, editor, input);
  const [draft] = await deps.content.getDocuments([draftId(id)]);
  return approveChange(deps, editor, { changeId: change.id, reviewedRev: String(draft!._rev), flagsChecked: true });
}

/** Sends a change back to its partner with the editor's message; the draft stays for them to correct. */
export async function returnChange(
  deps: ListingDeps & { siteUrl: string },
  editor: Editor,
  input: { changeId: string; message: string },
): Promise<void> {
  if (!isEditorRole(editor.role)) throw new ListingError('not-found', 'There is no such change.');
  const message = input.message.trim();
  if (message.length < 5 || message.length > 1000) {
    throw new ListingError('invalid', 'Say what needs changing.', [
      { path: 'message', message: 'Tell the partner what needs changing, in 5 to 1,000 characters.' },
    ]);
  }
  const { change, draft, published } = await reviewChange(deps, input.changeId);
  await deps.people.transaction(async (tx) => {
    if (!(await tx.contentChanges.decide(change.id, { status: 'returned', decidedBy: editor.userId, message }))) {
      throw new ListingError('not-pending', 'This change has already been decided.');
    }
    await tx.audit.append({
      actorUserId: editor.userId,
      action: 'listing.return',
      subjectKind: change.documentType,
      subjectId: change.documentId,
      detail: { change: change.id },
    });
    await tellSubmitter(tx, change, 'listing-change-returned', {
      listing: String((draft ?? published)?.name ?? ''),
      message,
      link: new URL('/partner/listings', deps.siteUrl).href,
    });
  });
}

/** Publishes an earlier version again, as a new version (history is never rewritten). */
export async function restoreVersion(
  deps: ListingDeps,
  editor: Editor,
  input: { documentId: string; versionId: number; openedRev: string },
): Promise<void> {
  if (!isEditorRole(editor.role)) throw new ListingError('not-found', 'There is no such listing.');
  const version = (await deps.people.contentChanges.versions(input.documentId, 500)).find(
    (candidate) => candidate.id === input.versionId,
  );
  const [published] = await deps.content.getDocuments([input.documentId]);
  if (!version || !published) throw new ListingError('not-found', 'There is no such version.');
  if (String(published._rev) !== input.openedRev) throw new ListingError('conflict', CHANGED_SINCE_OPENED);
  const document = { ...withoutSystemFields(version.snapshot as StoredDocument), _id: input.documentId };
  await deps.content
    .commit([
      { patch: { id: input.documentId, ifRevisionID: input.openedRev, set: {} } },
      { createOrReplace: document },
    ])
    .catch(asConflict);
  const [now] = await deps.content.getDocuments([input.documentId]);
  await deps.people.transaction(async (tx) => {
    await tx.contentChanges.recordVersion({
      documentId: input.documentId,
      rev: String(now!._rev),
      actorUserId: editor.userId,
      action: `restore of version ${version.id}`,
      snapshot: now!,
    });
    await tx.audit.append({
      actorUserId: editor.userId,
      action: 'listing.restore',
      subjectKind: String(published._type),
      subjectId: input.documentId,
      detail: { version: version.id },
    });
  });
}

async function tellSubmitter(
  tx: Pick<PeopleStore, 'users' | 'outbox'>,
  change: ContentChangeRequest,
  template: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const submitter = await tx.users.get(change.submittedBy);
  if (!submitter) return;
  await tx.outbox.enqueue({ channel: 'email', template, recipient: submitter.email, payload });
}
