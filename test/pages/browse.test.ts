import { describe, expect, inject, it } from 'vitest';
import type { Location, Service } from '../../src/content/profile';
import { whatsOn } from '../../src/schedules/whats-on';
import { sampleOfType, textOf } from '../support/sample';

const baseUrl = inject('baseUrl');
const page = async (path: string) => {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' });
  const html = await response.text();
  return { status: response.status, html, text: textOf(html) };
};
/** The same search through the JSON API: what a browse page must agree with. */
const total = async (query: string) => {
  const response = await fetch(new URL(`/api/search?${query}`, baseUrl));
  return ((await response.json()) as { total: number }).total;
};
const cardSlugs = (html: string) =>
  [...html.matchAll(/class="nhsuk-card__link" href="\/services\/([^"]+)"/g)].map((m) => m[1]!);

const services = sampleOfType<Service>('service');
const locations = new Map(sampleOfType<Location>('location').map((location) => [location._id, location]));

describe('an area page', () => {
  it('counts every listing in the area and shows the first 20', async () => {
    const expected = await total('area=haringey');
    expect(expected).toBeGreaterThan(20);
    const { status, html, text } = await page('/areas/haringey');
    expect(status).toBe(200);
    expect(text).toContain(`${expected} activities in Haringey`);
    expect(cardSlugs(html)).toHaveLength(20);
    expect(text).toContain(`Showing 1 to 20 of ${expected}`);
  });

  it('pages through every listing once, with numbered page links', async () => {
    const expected = await total('area=haringey');
    const pages = Math.ceil(expected / 20);
    const first = await page('/areas/haringey');
    expect(first.html).toContain('href="/areas/haringey?page=2"');
    expect(first.html).toMatch(/<span aria-current="page">\s*<span class="nhsuk-u-visually-hidden">Page <\/span>\s*1/);
    expect(first.html).not.toContain('rel="prev"');
    const seen = [...cardSlugs(first.html)];
    for (let number = 2; number <= pages; number++) {
      const next = await page(`/areas/haringey?page=${number}`);
      expect(next.status).toBe(200);
      expect(next.html).toContain('rel="prev"');
      expect(next.text).toContain(`(page ${number} of ${pages})`);
      seen.push(...cardSlugs(next.html));
    }
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
  });

  it('narrows by type of support with links, and each choice can be removed', async () => {
    const expected = await total('area=haringey&category=wellbeing');
    const { html, text } = await page('/areas/haringey?category=wellbeing');
    expect(text).toContain(`${expected} ${expected === 1 ? 'activity' : 'activities'} in Haringey (Wellbeing)`);
    expect(html).toContain('href="/areas/haringey?category=music"');
    expect(html).toMatch(/href="\/areas\/haringey\?category=wellbeing" aria-current="page"/);
    expect(text).toContain('Remove filter: Wellbeing');
    expect(html).toMatch(/class="sp-filter-remove" href="\/areas\/haringey"/);
  });

  it('keeps the area in the search form, so a search from it stays within the area', async () => {
    const { html } = await page('/areas/haringey');
    expect(html).toMatch(/<form action="\/search" method="get" id="search-form"/);
    expect(html).toMatch(/id="search-area-haringey"[^>]*checked/);
  });
});

describe('a category page', () => {
  it('narrows by area, counting what the search finds for both', async () => {
    const expected = await total('category=cafes-and-social-groups&area=camden');
    const { status, html, text } = await page('/categories/cafes-and-social-groups?area=camden');
    expect(status).toBe(200);
    expect(text).toContain(`${expected} ${expected === 1 ? 'activity' : 'activities'} in Camden`);
    expect(cardSlugs(html)).toHaveLength(Math.min(expected, 20));
    expect(html).toContain('href="/categories/cafes-and-social-groups?area=barnet"');
    expect(text).toContain('All areas');
  });

  it('narrows by place and by the search filters', async () => {
    const near = await page('/categories/cafes-and-social-groups?location=N17');
    expect(near.text).toMatch(/\d+ activit(y|ies) near N17/);
    const expected = await total('category=cafes-and-social-groups&free=1&day=tuesday');
    const filtered = await page('/categories/cafes-and-social-groups?free=1&day=tuesday');
    expect(filtered.text).toContain(`${expected} ${expected === 1 ? 'activity' : 'activities'}`);
    expect(filtered.text).toContain('Remove filter: Tuesday');
    expect(filtered.text).toContain('Remove filter: Free only');
    expect(filtered.html).toMatch(/id="search-free"[^>]*checked/);
  });

  it('has a form for a place that stays on the page and keeps the other choices', async () => {
    const { html } = await page('/categories/cafes-and-social-groups?area=camden&free=1&page=2');
    const form = html.slice(html.indexOf('<form method="get" action="/categories/cafes-and-social-groups"'));
    expect(form.length).toBeLessThan(html.length);
    const fields = form.slice(0, form.indexOf('</form>'));
    expect(fields).toContain('<input type="hidden" name="area" value="camden">');
    expect(fields).toContain('<input type="hidden" name="free" value="1">');
    expect(fields).not.toContain('name="page"');
    expect(fields).not.toContain('name="category"');
    expect(fields).toMatch(/id="browse-location" name="location"/);
  });

  it('keeps a sub-category in the search form with a field of its own', async () => {
    const { status, html } = await page('/categories/football');
    expect(status).toBe(200);
    expect(html).toContain('<input type="hidden" name="category" value="football" form="search-form">');
  });

  it('says what is wrong with a page number, and still lists the first page', async () => {
    const { status, text, html } = await page('/categories/cafes-and-social-groups?page=two');
    expect(status).toBe(400);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Choose a page number of 1 or more');
    expect(cardSlugs(html)).toHaveLength(20);
  });

  it('says honestly when a page is past the last one', async () => {
    const expected = await total('category=cafes-and-social-groups');
    const { status, text, html } = await page('/categories/cafes-and-social-groups?page=99');
    expect(status).toBe(404);
    expect(text).toContain(`There is no page 99. There are ${Math.ceil(expected / 20)} pages of activities.`);
    expect(html).toContain('href="/categories/cafes-and-social-groups">Go to the first page');
    expect(cardSlugs(html)).toEqual([]);
  });

  it('says what is wrong with a place it cannot read', async () => {
    const { status, text, html } = await page('/categories/cafes-and-social-groups?location=%3Cscript%3E');
    expect(status).toBe(400);
    expect(text).toContain('Enter a full postcode like N17 9LA');
    expect(html).toContain('href="#browse-location"');
    expect(html).toMatch(/id="browse-location-error"/);
  });
});

describe("what's on, on every card", () => {
  it('gives each listed service on a browse page what is on next, as the schedules say', async () => {
    const { html } = await page('/areas/camden');
    const now = new Date();
    const lines = [...html.matchAll(/href="\/services\/([^"]+)"[\s\S]*?data-whats-on="(\w+)">([\s\S]*?)<\/p>/g)];
    expect(lines.length).toBe(cardSlugs(html).length);
    for (const [, slug, , words] of lines) {
      const service = services.find((item) => item.slug.current === slug)!;
      const venues = (service.locations ?? []).flatMap((ref) => {
        const venue = locations.get(ref._ref);
        return venue && !venue.confidential ? [{ _id: venue._id, name: venue.name }] : [];
      });
      const expected = whatsOn({ ...service, venues }, now);
      const shown = textOf(words!).trim();
      expect(shown, slug).toContain(expected.text);
      if (expected.kind === 'session' && !expected.text.startsWith('On now')) expect(shown).toMatch(/^Next: /);
    }
  });

  it('shows it on an organisation’s list of services', async () => {
    const organisation = sampleOfType<{ _id: string; slug: { current: string } }>('organisation').find((org) =>
      services.some((service) => service.organisation._ref === org._id && service.status === 'active'),
    )!;
    const { html } = await page(`/organisations/${organisation.slug.current}`);
    expect(cardSlugs(html).length).toBeGreaterThan(0);
    expect([...html.matchAll(/data-whats-on="/g)]).toHaveLength(cardSlugs(html).length);
  });

  it('shows it on search results too', async () => {
    const { html } = await page('/search?q=walking');
    expect(cardSlugs(html).length).toBeGreaterThan(0);
    expect([...html.matchAll(/data-whats-on="/g)]).toHaveLength(cardSlugs(html).length);
  });

  it('says "Closed" for a service that is temporarily closed', async () => {
    const closed = services.find((service) => service.status === 'temporarily-closed')!;
    const { html } = await page(`/search?q=${encodeURIComponent(closed.name)}`);
    const card = html.slice(html.indexOf(`href="/services/${closed.slug.current}"`));
    expect(card).toMatch(/^[\s\S]*?data-whats-on="closed">\s*Closed\s*</);
  });
});
