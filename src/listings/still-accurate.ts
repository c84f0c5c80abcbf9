/**
 * "Still accurate": a partner confirms a listing is right, from the one-click link in a review
 * reminder or from their listings page. It publishes at once through the content store's write
 * path (like "taking new people"): `verifiedOn` becomes today (London) and `verifiedBy` the
 * organisation's name. A pending draft gets the same values, so approving it later cannot undo
 * the check. Each confirmation is a version, an audit entry and a change of kind `live` that
 * editors see in their queue.
 */
import { draftId, MutationError, publishedId, type ContentMutation } from '../content/mutations';
import { ListingError, mayEdit, organisationOf, type Editor, type ListingDeps } from './changes';
import { londonToday, reviewPeriodOf, verificationOf, type ReminderStage, type Verification } from './verification';

/** Who confirmed: someone holding a reminder's link, or a signed-in partner (or editor). */
export type Confirmer = { kind: 'link'; stage: ReminderStage } | { kind: 'account'; editor: Editor };

/** Recorded as the submitter of a change made through a reminder link (no account behind it). */
export const LINK_SUBMITTER = 'still-accurate-link';

export interface Confirmation {
  serviceId: string;
  name: string;
  slug: string;
  verifiedOn: string;
  verifiedBy: string;
  /** False when it had already been confirmed today by the same organisation (nothing written). */
  changed: boolean;
}

/** Publishes "checked on today by <organisation>" for a service. */
export async function confirmStillAccurate(
  deps: ListingDeps,
  confirmer: Confirmer,
  input: { serviceId: string; now: Date },
): Promise<Confirmation> {
  const id = publishedId(input.serviceId);
  const [published, draft] = await deps.content.getDocuments([id, draftId(id)]);
  const listed =
    published && published._type === 'service' && ['active', 'temporarily-closed'].includes(String(published.status));
  if (!published || !listed || (confirmer.kind === 'account' && !mayEdit(confirmer.editor, published))) {
    throw new ListingError('not-found', 'There is no such listing, or it is not one of yours.');
  }
  const organisationId = organisationOf(published)!;
  const [organisation] = await deps.content.getDocuments([organisationId]);
  const verifiedOn = londonToday(input.now);
  const verifiedBy = String(organisation?.name ?? published.verifiedBy ?? 'The organisation').slice(0, 120);
  const result = {
    serviceId: id,
    name: String(published.name ?? ''),
    slug: String((published.slug as { current?: string } | undefined)?.current ?? ''),
    verifiedOn,
    verifiedBy,
  };
  if (published.verifiedOn === verifiedOn && published.verifiedBy === verifiedBy) return { ...result, changed: false };

  const set = { verifiedOn, verifiedBy };
  const mutations: ContentMutation[] = [{ patch: { id, ifRevisionID: String(published._rev), set } }];
  if (draft) mutations.push({ patch: { id: draft._id, ifRevisionID: String(draft._rev), set } });
  await deps.content.commit(mutations).catch((error: unknown) => {
    if (error instanceof MutationError && error.reason === 'conflict') {
      throw new ListingError('conflict', 'The listing changed while it was being confirmed. Please try again.');
    }
    throw error;
  });
  const [now] = await deps.content.getDocuments([id]);
  const actorUserId = confirmer.kind === 'account' ? confirmer.editor.userId : null;
  await deps.people.transaction(async (tx) => {
    const recorded = await tx.contentChanges.submit({
      documentId: id,
      documentType: 'service',
      organisationId,
      kind: 'live',
      fields: ['verifiedOn', 'verifiedBy'],
      flags: [],
      baseRev: String(published._rev),
      submittedBy: actorUserId ?? LINK_SUBMITTER,
      status: 'published',
    });
    // The pending draft was patched too, so it now stands on the new published revision.
    await tx.contentChanges.rebase(id, String(now!._rev));
    await tx.contentChanges.recordVersion({
      documentId: id,
      rev: String(now!._rev),
      actorUserId,
      changeId: recorded.id,
      action: confirmer.kind === 'link' ? 'still accurate (reminder link)' : 'still accurate',
      snapshot: now!,
    });
    await tx.audit.append({
      actorUserId,
      action: 'listing.still-accurate',
      subjectKind: 'service',
      subjectId: id,
      detail: {
        change: recorded.id,
        via: confirmer.kind,
        ...(confirmer.kind === 'link' ? { stage: confirmer.stage } : {}),
        verifiedOn,
      },
    });
  });
  return { ...result, changed: true };
}

/** What the "still accurate" page shows of a listing: enough to recognise it, and where it stands. */
export interface ListingToConfirm {
  serviceId: string;
  name: string;
  slug: string;
  summary: string;
  organisationName: string;
  verifiedBy: string;
  verification: Verification;
}

/** A listed service as the link page shows it; null when there is no such listed service. */
export async function listingToConfirm(
  deps: Pick<ListingDeps, 'content'>,
  serviceId: string,
  now: Date,
): Promise<ListingToConfirm | null> {
  const id = publishedId(serviceId);
  const [published] = await deps.content.getDocuments([id]);
  if (!published || published._type !== 'service') return null;
  if (!['active', 'temporarily-closed'].includes(String(published.status))) return null;
  const categoryIds = ((published.categories as { _ref?: string }[] | undefined) ?? []).flatMap((c) =>
    c._ref ? [c._ref] : [],
  );
  const organisationId = organisationOf(published);
  const related = await deps.content.getDocuments([...(organisationId ? [organisationId] : []), ...categoryIds]);
  const organisation = organisationId ? related[0] : null;
  const categories = related.slice(organisationId ? 1 : 0);
  const months = reviewPeriodOf(categories.map((c) => c?.reviewEveryMonths as number | undefined));
  return {
    serviceId: id,
    name: String(published.name ?? ''),
    slug: String((published.slug as { current?: string } | undefined)?.current ?? ''),
    summary: String(published.summary ?? ''),
    organisationName: String(organisation?.name ?? ''),
    verifiedBy: String(published.verifiedBy ?? ''),
    verification: verificationOf(String(published.verifiedOn ?? ''), months, now),
  };
}
