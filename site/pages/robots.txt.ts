import type { APIRoute } from 'astro';

/** Everything public may be indexed except search results (endless URL space) and private links. */
export const GET: APIRoute = ({ locals }) =>
  new Response(
    [
      'User-agent: *',
      'Disallow: /search',
      'Disallow: /api/',
      'Disallow: /r/',
      '',
      `Sitemap: ${locals.siteUrl}/sitemap.xml`,
      '',
    ].join('\n'),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
