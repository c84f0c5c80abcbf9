import type { APIRoute } from 'astro';
import { sitemapQuery } from '@src/queries';
import { buildSitemap } from '@src/content/sitemap';
import { content } from '../server/context';

export const GET: APIRoute = async ({ locals }) => {
  const pages = await (await content()).fetch(sitemapQuery);
  return new Response(buildSitemap(locals.siteUrl, pages), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
};
