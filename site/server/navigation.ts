/** The header's links for people who sign in, by role (residents see the public header only). */
import type { Viewer } from '@src/accounts/viewer';
import type { Role } from '@src/people/schema';

export interface NavigationLink {
  href: string;
  text: string;
}

const LINKS: Record<Role, NavigationLink[]> = {
  connector: [{ href: '/referrals', text: 'Referrals' }],
  partner: [
    { href: '/partner/referrals', text: 'Referrals to your organisation' },
    { href: '/partner/listings', text: 'Your listings' },
    { href: '/partner/reports', text: 'Problems reported' },
  ],
  editor: [
    { href: '/editor/changes', text: 'Listing changes' },
    { href: '/reports', text: 'Reports' },
    { href: '/editor/reports', text: 'Problems reported' },
    { href: '/editor/reviews', text: 'Listings due for review' },
  ],
  admin: [
    { href: '/editor/changes', text: 'Listing changes' },
    { href: '/reports', text: 'Reports' },
    { href: '/editor/reports', text: 'Problems reported' },
    { href: '/admin/users', text: 'Users' },
    { href: '/admin/teams', text: 'Teams' },
    { href: '/admin/outbox', text: 'Outbox' },
    { href: '/admin/audit', text: 'Audit log' },
    { href: '/editor/reviews', text: 'Listings due for review' },
  ],
  commissioner: [{ href: '/reports', text: 'Reports' }],
};

/**
 * The editable pages every page's header and footer link to, by their slugs (`page` documents
 * with these slugs; the Studio warns editors that changing one breaks those links).
 */
export const SITE_PAGES = {
  about: { href: '/about', text: 'About this directory' },
  accessibility: { href: '/accessibility-statement', text: 'Accessibility statement' },
  privacy: { href: '/privacy-notice', text: 'Privacy notice' },
} as const satisfies Record<string, NavigationLink>;

/** "My list", with how many services are saved in it when there are any. */
export function myListText(count: number): string {
  return count > 0 ? `My list (${count})` : 'My list';
}

/** What someone in this role can open; nothing until an editor or admin has set up two-factor. */
export function navigationFor(viewer: Viewer | null): NavigationLink[] {
  if (!viewer || viewer.mustEnrolTwoFactor) return [];
  return LINKS[viewer.role];
}

export const ROLE_NAMES: Record<Role, string> = {
  connector: 'community connector',
  partner: 'partner',
  editor: 'editor',
  admin: 'administrator',
  commissioner: 'commissioner',
};
