/**
 * "Mark as checked", the pure part: the patch it makes and whether it can run. An editor who has
 * confirmed every detail of a published service with its provider records that today, in their
 * own name, and publishes at once. It never publishes anyone else's unpublished changes: while a
 * service has a draft, the editor publishes or discards that first.
 */
import { formatDate, todayInLondon } from './dates';

/** `verifiedBy` must be 2 to 120 characters (the profile's bounds). */
const NAME_MAX = 120;

/** The patch that marks a service as checked today (London) by `checkedBy`. */
export function markAsCheckedPatch(checkedBy: string, now: Date = new Date()) {
  return { set: { verifiedOn: todayInLondon(now), verifiedBy: checkedBy.trim().slice(0, NAME_MAX).trim() } };
}

/** The name to record for a Studio user, or `undefined` when they have none usable. */
export function checkerName(user: { name?: string | null } | null | undefined): string | undefined {
  const name = (user?.name ?? '').trim().slice(0, NAME_MAX).trim();
  return name.length >= 2 ? name : undefined;
}

type Snapshot = { [field: string]: unknown } | null | undefined;

export type CheckedState = { disabled: boolean; title: string };

/** Whether "Mark as checked" can run on a service now, and what its tooltip says. */
export function markAsCheckedState(
  input: { draft: Snapshot; published: Snapshot; version?: Snapshot; checkedBy: string | undefined },
  now: Date = new Date(),
): CheckedState {
  const today = todayInLondon(now);
  if (input.version) {
    return {
      disabled: true,
      title: 'Switch to the Drafts or Published view: a release is checked when it is published',
    };
  }
  if (!input.published) {
    return { disabled: true, title: 'Publish this service first: Mark as checked confirms a published listing' };
  }
  if (input.draft) {
    return {
      disabled: true,
      title:
        'This service has unpublished changes. Publish or discard them first, so that what you mark as checked is what people see.',
    };
  }
  if (!input.checkedBy) {
    return {
      disabled: true,
      title: 'Your Sanity account has no name to record as "Verified by": add one to your Sanity profile first',
    };
  }
  if (input.published.verifiedOn === today && input.published.verifiedBy === input.checkedBy) {
    return { disabled: true, title: `You already marked it as checked today (${formatDate(today)})` };
  }
  return {
    disabled: false,
    title: `Sets "Verified on" to today (${formatDate(today)}) and "Verified by" to ${input.checkedBy}, then publishes`,
  };
}
