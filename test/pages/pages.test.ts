import { describe, expect, inject, it } from 'vitest';
import type { Location, Service } from '../../src/content/profile';
import { sampleOfType, textOf } from '../support/sample';

const baseUrl = inject('baseUrl');
const get = (path: string) => fetch(new URL(path, baseUrl), { redirect: 'manual' });
const page = async (path: string) => {
  const response = await get(path);
  return { response, html: await response.text() };
};

const services = sampleOfType<Service>('service');
const locations = sampleOfType<Location>('location');
const listed = services.filter((service) => service.status === 'active' || service.status === 'temporarily-closed');

describe('the home page', () => {
  it('has a search box that sends the query to /search', async () => {
    const { response, html } = await page('/');
    expect(response.status).toBe(200);
    expect(html).toMatch(/<form[^>]*action="\/search"[^>]*method="get"/);
    expect(html).toMatch(/<input[^>]*name="q"/);
  });

  it('links to every top-level category and every area', async () => {
    const { html } = await page('/');
    const topLevel = sampleOfType<{ slug: { current: string }; parent?: unknown }>('category').filter(
      (category) => !category.parent,
    );
    for (const category of topLevel) expect(html).toContain(`href="/categories/${category.slug.current}"`);
    for (const area of sampleOfType<{ slug: { current: string } }>('area'))
      expect(html).toContain(`href="/areas/${area.slug.current}"`);
  });
});

describe('every public page', () => {
  it('is in the sitemap, answers 200 and links to urgent help', async () => {
    const sitemap = await (await get('/sitemap.xml')).text();
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
    expect(paths.length).toBeGreaterThan(listed.length);
    for (const path of paths) {
      const { response, html } = await page(path);
      expect(response.status, path).toBe(200);
      expect(html, path).toContain('href="/urgent-help"');
      expect(html, path).toMatch(/<h1[^>]*>/);
    }
  });

  it('carries security headers', async () => {
    const { response } = await page('/');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});

describe('a category page', () => {
  it('lists the services in that category', async () => {
    const service = listed[0]!;
    const categoryRef = service.categories[0]!._ref;
    const category = sampleOfType<{ _id: string; slug: { current: string } }>('category').find(
      (item) => item._id === categoryRef,
    )!;
    // 20 a page: the service is on one of the category's numbered pages.
    const pages: string[] = [];
    let next: string | undefined = `/categories/${category.slug.current}`;
    while (next && pages.length < 20) {
      const { html } = await page(next);
      pages.push(html);
      next = html.match(/href="([^"]+)" rel="next"/)?.[1]?.replace(/&amp;/g, '&');
    }
    expect(pages.some((html) => html.includes(`href="/services/${service.slug.current}"`))).toBe(true);
  });
});

describe('a service page', () => {
  const weekly = listed.find(
    (service) =>
      service.status === 'active' &&
      service.schedules?.some((schedule) => schedule.frequency === 'weekly') &&
      !service.closures?.length,
  )!;

  it('says what it is, who it is for, when, cost, how to get in and when it was checked', async () => {
    const { response, html } = await page(`/services/${weekly.slug.current}`);
    expect(response.status).toBe(200);
    const text = textOf(html);
    expect(text).toContain(weekly.name);
    for (const heading of [
      'What it is',
      'Who it is for',
      'How to get in',
      'When',
      'Where',
      'Cost',
      'Contact',
      'Accessibility',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/Next session: \w+day \d{1,2} \w+/);
    expect(text).toContain(weekly.free ? 'Free' : weekly.costDetails!);
    expect(text).toMatch(/Checked on \d{1,2} \w+ \d{4}/);
  });

  it('has schema.org structured data for the service', async () => {
    const { html } = await page(`/services/${weekly.slug.current}`);
    const json = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1];
    const data = JSON.parse(json!) as Record<string, unknown>;
    expect(data['@type']).toBe('Service');
    expect(data.name).toBe(weekly.name);
  });

  it('offers its sessions as a calendar file', async () => {
    const response = await get(`/services/${weekly.slug.current}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/calendar');
    const calendar = await response.text();
    expect(calendar).toMatch(/^BEGIN:VCALENDAR/);
    expect(calendar).toContain('BEGIN:VEVENT');
  });

  it('never shows a confidential address, and says how to make contact instead', async () => {
    const hidden = locations.filter((location) => location.confidential);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const location of hidden) {
      const service = listed.find((item) => item.locations?.some((ref) => ref._ref === location._id));
      if (!service) continue;
      const { html } = await page(`/services/${service.slug.current}`);
      expect(html).not.toContain(location.address.line1);
      expect(html).not.toContain(location.address.postcode);
      expect(html).not.toContain(String(location.position.lat));
      expect(textOf(html)).toContain('The address is kept private');
    }
  });
});

describe('urgent help', () => {
  it('gives the national crisis numbers', async () => {
    const text = textOf((await page('/urgent-help')).html);
    for (const number of ['111', '116 123', '85258', '999']) expect(text).toContain(number);
  });
});

describe('pages that do not exist', () => {
  it.each([
    '/services/no-such-service',
    '/categories/nope',
    '/areas/nowhere',
    '/organisations/nobody',
    '/no/such/page',
  ])('%s is a friendly 404 that still offers search and urgent help', async (path) => {
    const { response, html } = await page(path);
    expect(response.status).toBe(404);
    expect(textOf(html)).toContain('Page not found');
    expect(html).toContain('action="/search"');
    expect(html).toContain('href="/urgent-help"');
  });

  it('has no calendar for a service that does not exist', async () => {
    expect((await get('/services/no-such-service.ics')).status).toBe(404);
  });
});

describe('robots.txt and the sitemap', () => {
  it('lets search engines in but keeps them out of search results and private links', async () => {
    const robots = await (await get('/robots.txt')).text();
    expect(robots).toContain('Disallow: /search');
    expect(robots).toContain('Disallow: /r/');
    expect(robots).toContain(`Sitemap: ${baseUrl}/sitemap.xml`);
  });

  it('lists every listed service and no closed ones', async () => {
    const sitemap = await (await get('/sitemap.xml')).text();
    for (const service of listed) expect(sitemap).toContain(`/services/${service.slug.current}</loc>`);
    for (const service of services.filter((item) => !listed.includes(item))) {
      expect(sitemap).not.toContain(`/services/${service.slug.current}</loc>`);
    }
  });
});

describe('search', () => {
  it('finds services by a word in their name', async () => {
    const service = listed[0]!;
    const word = service.name.split(' ').find((part) => part.length > 4)!;
    const { html } = await page(`/search?q=${encodeURIComponent(word)}`);
    expect(html).toContain(`href="/services/${service.slug.current}"`);
  });

  it.each([
    ['lunr syntax', 'foo: ~ + a^b^ title:x'],
    ['a leading wildcard', '*walk'],
    ['markup', '<script>alert(1)</script><b onmouseover=x>'],
    ['SQL-looking text', "' OR 1=1 --"],
    ['emoji and accents', '😀 café'],
    ['a 10 kB string', 'x'.repeat(10_000)],
  ])('answers %s without an error or reflected markup', async (_label, query) => {
    const { response, html } = await page(`/search?q=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    // Inside a quoted attribute value markup is inert; anywhere else it must be escaped.
    const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
    expect(outsideAttributes).not.toContain('<script>alert');
    expect(outsideAttributes).not.toContain('<b onmouseover');
  });
});
