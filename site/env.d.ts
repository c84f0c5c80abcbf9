/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The public base URL of the site, from SITE_URL. */
    siteUrl: string;
    /** The signed-in person, resolved once per request by the middleware; null for residents. */
    viewer: import('@src/accounts/viewer').Viewer | null;
    /** Why `/forbidden` is being shown (set before a rewrite to it). */
    forbiddenReason?: 'cross-site' | 'role';
  }
}
