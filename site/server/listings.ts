/** Wires the listing use cases (src/listings) to this process's content and people stores. */
import type { AstroGlobal } from 'astro';
import type { StoredDocument } from '@src/content/dataset';
import type { ContentStore } from '@src/content/source';
import {
  ListingError,
  mayEdit,
  organisationOf,
  proposeChange,
  publishDirectly,
  reviewChange,
  validateListing,
  type Editor,
  type FieldProblem,
  type ListingDeps,
} from '@src/listings/changes';
import {
  fieldId,
  readLocation,
  readOrganisation,
  readService,
  type FormReader,
  type ServiceChoices,
} from '@src/listings/forms';
import { listingChoicesQuery } from '@src/queries';
import { requireRole } from './access';
import { config, content, people } from './context';
import { privateHeaders } from './referrals';

export async function listingDeps(): Promise<ListingDeps & { siteUrl: string }> {
  const [source, { store }] = await Promise.all([content(), people()]);
  return { content: source, people: store, siteUrl: config().siteUrl };
}

/** What the forms for `document` offer: categories (sub-categories under their parent), areas and the organisation's venues. */
export async function listingChoices(source: ContentStore, document: StoredDocument): Promise<ServiceChoices> {
  const found = await source.fetch(listingChoicesQuery, { organisationId: organisationOf(document) ?? '' });
  return {
    categories: found.categories.map((category) => ({
      value: category._id,
      label: category.parent ? `${category.parent}: ${category.name}` : category.name,
    })),
    areas: found.areas.map((area) => ({ value: area._id, label: area.name })),
    venues: found.venues.map((venue) => ({ value: venue._id, label: venue.name })),
  };
}

/** The edit form for a listing of any editable type, read over `current`; problems the profile cannot see come with it. */
export function readListingForm(
  current: StoredDocument,
  form: FormReader,
  choices: ServiceChoices,
  isNew: boolean,
): { document: StoredDocument; problems: FieldProblem[] } {
  if (current._type === 'service') return { document: readService(current, form, choices, { isNew }), problems: [] };
  if (current._type === 'location') return readLocation(current, form, choices.areas);
  return { document: readOrganisation(current, form), problems: [] };
}

/** What became of a listing form: saved (as a pending change, or published by an editor), or shown again. */
export type FormOutcome =
  | { saved: 'details' | 'published' }
  | { saved: null; form: StoredDocument; problems: FieldProblem[]; status: number; blankRows: BlankRows };
export type BlankRows = { schedules: number; contacts: number };

/**
 * A listing's details form, sent: "add another" shows the form again with one more blank row
 * and saves nothing; otherwise the edit becomes a pending change, or for an editor who chose
 * "Publish now", is published in one step. Refusals come back with each problem at its field.
 */
export async function saveListingForm(
  deps: ListingDeps & { siteUrl: string },
  editor: Editor,
  input: { base: StoredDocument; form: FormReader; choices: ServiceChoices; isNew: boolean; openedRev: string | null },
): Promise<FormOutcome> {
  const action = input.form.text('action');
  const read = readListingForm(input.base, input.form, input.choices, input.isNew);
  const blankRows = { schedules: action === 'add-schedule' ? 2 : 1, contacts: action === 'add-contact' ? 2 : 1 };
  if (action.startsWith('add-')) return { saved: null, form: read.document, problems: [], status: 200, blankRows };
  try {
    if (read.problems.length > 0) {
      const more = validateListing(read.document).filter(
        (problem) => !read.problems.some((found) => found.path === problem.path),
      );
      throw new ListingError('invalid', 'Some details need correcting.', [...read.problems, ...more]);
    }
    const edit = { document: read.document, openedRev: input.openedRev };
    if (action === 'publish' && (editor.role === 'editor' || editor.role === 'admin')) {
      await publishDirectly(deps, editor, { ...edit, flagsChecked: input.form.text('flagsChecked') === 'yes' });
      return { saved: 'published' };
    }
    await proposeChange(deps, editor, edit);
    return { saved: 'details' };
  } catch (error) {
    if (!(error instanceof ListingError)) throw error;
    const problems = error.problems.length > 0 ? error.problems : [{ path: 'details', message: error.message }];
    return { saved: null, form: read.document, problems, status: error.reason === 'conflict' ? 409 : 400, blankRows };
  }
}

/** The id of the field a problem is about, for the error summary's links. */
export function problemAnchor(path: string): string {
  const anchors: Record<string, string> = { position: 'address-postcode', address: 'address-line1', slug: 'name' };
  return anchors[path] ?? fieldId(path);
}

/**
 * The draft behind a preview link, for a viewer allowed to see it (editors, or the listing's own
 * partners); a sign-in redirect or a 404 otherwise. Previews are never cached.
 */
export async function previewOf(astro: AstroGlobal, changeId: string): Promise<StoredDocument | Response> {
  const viewer = await requireRole(astro, 'editor', 'admin', 'partner');
  if (viewer instanceof Response) return viewer;
  privateHeaders(astro);
  const deps = await listingDeps();
  const review = await reviewChange(deps, changeId).catch(() => null);
  if (!review?.draft || !mayEdit(viewer, review.draft)) return new Response(null, { status: 404 });
  return review.draft;
}
