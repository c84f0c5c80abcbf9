/** Wires the listing use cases (src/listings) to this process's content and people stores. */
import type { AstroGlobal } from 'astro';
import type { StoredDocument } from '@src/content/dataset';
import { mayEdit, reviewChange, type ListingDeps } from '@src/listings/changes';
import { requireRole } from './access';
import { config, content, people } from './context';
import { privateHeaders } from './referrals';

export async function listingDeps(): Promise<ListingDeps & { siteUrl: string }> {
  const [source, { store }] = await Promise.all([content(), people()]);
  return { content: source, people: store, siteUrl: config().siteUrl };
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
