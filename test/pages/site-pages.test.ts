/**
 * The site's shell and its editable pages over HTTP: the home page asks what and where in one
 * form, every page's header and footer link to About, the accessibility statement, the privacy
 * notice and "My list" (with its count), and each editable page shows its text from the content.
 */
import { describe, expect, inject, it } from 'vitest';
import type { PageBlock, Service, SiteSettings } from '../../src/content/profile';
import { plainText } from '../../src/content/portable-text';
import { COOKIE_NAME, serialiseListCookie } from '../../src/shortlist';
import { SITE_PAGES } from '../../site/server/navigation';
import { sampleOfType, textOf } from '../support/sample';

const baseUrl = inject('baseUrl');
const page = async (path: string, cookie?: string) => {
  const response = await fetch(new URL(path, baseUrl), {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
  return { response, html: await response.text() };
};
const services = sampleOfType<Service>('service').filter((service) => service.status === 'active');
const settings = sampleOfType<SiteSettings>('siteSettings')[0]!;
const editable = sampleOfType<{ title: string; summary: string; slug: { current: string }; body: PageBlock[] }>('page');
const header = (html: string) => html.slice(html.indexOf('<header'), html.indexOf('</header>'));
const footer = (html: string) => html.slice(html.indexOf('<footer'), html.indexOf('</footer>'));

describe('the home page', () => {
  it('asks what and where in one form that sends q and location to /search', async () => {
    const { html } = await page('/');
    const form = /<form[^>]*action="\/search"[^>]*method="get"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
    expect(form).toBeDefined();
    expect(form).toMatch(/<label[^>]*for="search-q"[^>]*>What are you looking for\?<\/label>/);
    expect(form).toMatch(/<input[^>]*id="search-q"[^>]*name="q"/);
    expect(form).toMatch(/<label[^>]*for="search-where"[^>]*>Where\? \(optional\)<\/label>/);
    expect(form).toMatch(/<input[^>]*id="search-where"[^>]*name="location"/);
    expect(form).toMatch(/<button[^>]*type="submit"[^>]*>Search<\/button>/);
  });

  it('answers what the form sends with results near the place', async () => {
    const { response, html } = await page('/search?q=walking&location=N17');
    expect(response.status).toBe(200);
    expect(textOf(html)).toMatch(/N17/);
  });
});

describe('every page', () => {
  const paths = ['/', '/search?q=choir', `/services/${services[0]!.slug.current}`, '/urgent-help', '/no/such/page'];

  it.each(paths)('%s links to About and My list in the header, and to the three pages in the footer', async (path) => {
    const { html } = await page(path);
    expect(header(html)).toContain(`href="${SITE_PAGES.about.href}"`);
    expect(header(html)).toMatch(/<a[^>]*href="\/my-list"[^>]*>\s*My list\s*<\/a>/);
    for (const link of Object.values(SITE_PAGES)) {
      expect(footer(html)).toMatch(new RegExp(`<a[^>]*href="${link.href}"[^>]*>\\s*${link.text}\\s*</a>`));
    }
    expect(footer(html)).toContain('href="/my-list"');
    expect(footer(html)).toContain(`href="mailto:${settings.contactEmail}"`);
  });

  it('says how many services are on My list when some are saved', async () => {
    const cookie = `${COOKIE_NAME}=${encodeURIComponent(serialiseListCookie([services[0]!._id, services[1]!._id]))}`;
    const { html } = await page('/', cookie);
    expect(header(html)).toMatch(/<a[^>]*href="\/my-list"[^>]*>\s*My list \(2\)\s*<\/a>/);
    expect(footer(html)).toContain('My list (2)');
    const { html: empty } = await page('/', `${COOKIE_NAME}=not-an-id`);
    expect(header(empty)).toMatch(/>\s*My list\s*</);
  });
});

describe('the editable pages', () => {
  it.each(editable.map((document) => [document.slug.current, document] as const))(
    '/%s shows its title, summary and every part of its text, with its links',
    async (slug, document) => {
      const { response, html } = await page(`/${slug}`);
      expect(response.status).toBe(200);
      const text = textOf(html);
      expect(html).toMatch(new RegExp(`<h1[^>]*>${document.title}</h1>`));
      expect(text).toContain(document.summary);
      // Tags around bold words and links leave spaces in the page's text: compare without them.
      const squashed = (words: string) => words.replace(/\s+/g, '');
      for (const line of plainText(document.body).split('\n')) expect(squashed(text)).toContain(squashed(line));
      for (const block of document.body)
        for (const link of block.markDefs) expect(html).toContain(`href="${link.href.replace(/&/g, '&amp;')}"`);
      expect(text).toMatch(/Page last reviewed: \d{1,2} \w+ \d{4}\. Owned by /);
      expect(text).toContain('Is this page useful?');
    },
  );

  it('render headings and lists as NHS.UK headings and lists', async () => {
    const { html } = await page(SITE_PAGES.about.href);
    expect(html).toMatch(/<h2[^>]*>Who runs it<\/h2>/);
    expect(html).toMatch(/<ul class="nhsuk-list nhsuk-list--bullet">\s*<li>/);
    expect(html).toMatch(/<strong>every 12 months<\/strong>/);
  });

  it('the privacy notice ends with the data controller and data protection officer from site settings', async () => {
    const { html } = await page(SITE_PAGES.privacy.href);
    const text = textOf(html);
    expect(text).toContain('Who to contact about your data');
    expect(text).toContain(`Data controller ${settings.dataController}`);
    expect(html).toContain(`href="mailto:${settings.dataProtectionEmail}"`);
    const { html: about } = await page(SITE_PAGES.about.href);
    expect(textOf(about)).not.toContain('Who to contact about your data');
  });

  it('a path no page has is the not-found page', async () => {
    const { response, html } = await page('/no-such-page-here');
    expect(response.status).toBe(404);
    expect(html).toContain('href="/urgent-help"');
  });

  it('are in the sitemap', async () => {
    const { html } = await page('/sitemap.xml');
    for (const link of Object.values(SITE_PAGES)) expect(html).toContain(`${baseUrl}${link.href}</loc>`);
  });
});
