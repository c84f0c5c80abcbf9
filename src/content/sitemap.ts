/** `sitemap.xml` for every public page. */
import type { SitemapResult } from '../queries/types';

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`);

export function buildSitemap(siteUrl: string, pages: SitemapResult): string {
  const entries: { path: string; modified?: string }[] = [
    { path: '/' },
    { path: '/urgent-help' },
    ...pages.pages.map((page) => ({ path: `/${page.slug}`, modified: page._updatedAt })),
    ...pages.categories.map((page) => ({ path: `/categories/${page.slug}`, modified: page._updatedAt })),
    ...pages.areas.map((page) => ({ path: `/areas/${page.slug}`, modified: page._updatedAt })),
    ...pages.organisations.map((page) => ({ path: `/organisations/${page.slug}`, modified: page._updatedAt })),
    ...pages.services.map((page) => ({ path: `/services/${page.slug}`, modified: page._updatedAt })),
  ];
  const urls = entries.map(
    ({ path, modified }) =>
      `  <url><loc>${escapeXml(siteUrl + path)}</loc>${modified ? `<lastmod>${modified.slice(0, 10)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
