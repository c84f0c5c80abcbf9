/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The public base URL of the site, from SITE_URL. */
    siteUrl: string;
  }
}
