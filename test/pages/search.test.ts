import { describe, expect, inject, it } from 'vitest';
import { textOf } from '../support/sample';

const baseUrl = inject('baseUrl');
const html = async (path: string) => {
  const response = await fetch(new URL(path, baseUrl));
  return { status: response.status, text: textOf(await response.text()), raw: '' };
};
const api = async (query: string) => {
  const response = await fetch(new URL(`/api/search?${query}`, baseUrl));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

type ApiResult = { slug: string; name: string; reach: string | null; distance?: { text: string }; free: boolean };

describe('the search page', () => {
  it('shows the result count, the place and the filters chosen, each removable', async () => {
    const response = await fetch(new URL('/search?q=football&location=N17&day=tuesday&free=1', baseUrl));
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(textOf(page)).toMatch(/\d+ results? for “football” near N17/);
    expect(page).toContain('href="/search?q=football&amp;location=N17&amp;free=1"');
    expect(page).toContain('href="/search?q=football&amp;location=N17&amp;day=tuesday"');
    expect(textOf(page)).toContain('Remove filter: Tuesday');
  });

  it('keeps every filter in the form so the search can be changed', async () => {
    const response = await fetch(new URL('/search?q=choir&area=camden&time=evening&age=30', baseUrl));
    const page = await response.text();
    expect(page).toMatch(/id="search-area-camden"[^>]*checked/);
    expect(page).toMatch(/id="search-time-evening"[^>]*checked/);
    expect(page).toMatch(/id="search-age"[^>]*value="30"/);
  });

  it('pages through many results', async () => {
    const first = await fetch(new URL('/search?category=cafes-and-social-groups', baseUrl)).then((r) => r.text());
    expect(first).toContain('rel="next"');
    expect(first).toContain('href="/search?category=cafes-and-social-groups&amp;page=2"');
    const second = await fetch(new URL('/search?category=cafes-and-social-groups&page=2', baseUrl)).then((r) =>
      r.text(),
    );
    expect(second).toContain('rel="prev"');
    expect(second).toMatch(/aria-current="page"[^>]*>\s*<span class="nhsuk-u-visually-hidden">Page <\/span>\s*2/);
  });

  it('suggests what to loosen and offers urgent help when nothing matches', async () => {
    const { text } = await html('/search?q=football&remote=online');
    expect(text).toContain('Nothing matched your search');
    expect(text).toContain('You could try');
    expect(text).toContain('get urgent help');
  });

  it('explains a postcode it cannot use, without a server error', async () => {
    const { status, text } = await html('/search?q=walking&location=not%20a%20place');
    expect(status).toBe(200);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Enter a full postcode like N17 9LA');
  });

  it('offers the places closest to a misspelt one as links', async () => {
    const response = await fetch(new URL('/search?q=choir&location=Totenham', baseUrl));
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(textOf(page)).toMatch(/Did you mean Tottenham ?\?/);
    expect(page).toContain('href="/search?q=choir&amp;location=Tottenham"');
  });

  it('searches from a town in Bedfordshire and Luton, saying how far from its middle', async () => {
    const { status, text } = await html('/search?q=walking&location=Dunstable');
    expect(status).toBe(200);
    expect(text).toMatch(/\d+ results? for “walking” near Dunstable/);
    expect(text).toContain('from the middle of Dunstable');
  });

  it('says when a postcode is outside the areas covered', async () => {
    const { text } = await html('/search?location=M1%201AA');
    expect(text).toContain('outside the areas we cover');
  });

  it('never shows a full postcode back as the place searched from', async () => {
    const { text } = await html('/search?q=walking&location=N17%206RA');
    expect(text).toMatch(/near N17\b/);
    expect(text).not.toContain('near N17 6RA');
  });
});

describe('the search page reading the words', () => {
  it('shows each thing read from the words as a removable chip', async () => {
    const response = await fetch(new URL('/search?q=choir+in+hackney+on+sunday', baseUrl));
    const page = await response.text();
    expect(response.status).toBe(200);
    const text = textOf(page);
    expect(text).toContain('Showing:');
    expect(text).toContain('Remove near Hackney (from your words “in hackney”)');
    expect(text).toContain('Remove Sunday (from your words “on sunday”)');
    // Each link is the search without that reading and without its words, so it is not read again.
    expect(page).toContain('href="/search?q=choir+on+sunday"');
    expect(page).toContain('href="/search?q=choir+in+hackney"');
    expect(text).toMatch(/\d+ results? for “choir” near Hackney/);
  });

  it('finds every Sunday service for "something to do on sunday"', async () => {
    const { text } = await html('/search?q=something+to+do+on+sunday');
    const { body } = await api('day=sunday');
    expect(body.total).toBe(11);
    expect(text).toContain(`${body.total} results`);
    expect(text).toContain('Remove Sunday');
  });

  it('removing a chip gives the search without it', async () => {
    const { text } = await html('/search?q=turkish+choir');
    expect(text).toContain('Remove Turkish');
    const without = await html('/search?q=choir');
    expect(without.text).not.toContain('Showing:');
  });

  it('keeps the words as typed in the form, and pages with them', async () => {
    const page = await fetch(new URL('/search?q=things+to+do+this+weekend', baseUrl)).then((r) => r.text());
    expect(page).toMatch(/id="search-q"[^>]*value="things to do this weekend"/);
    expect(page).not.toMatch(/id="search-day-saturday"[^>]*checked/);
    expect(page).toContain('href="/search?q=things+to+do+this+weekend&amp;page=2"');
  });

  it('offers when, who it is for and language filters, and keeps them chosen', async () => {
    const page = await fetch(new URL('/search?when=week&audience=carers&language=polish', baseUrl)).then((r) =>
      r.text(),
    );
    expect(textOf(page)).toContain('Remove filter: On this week');
    expect(textOf(page)).toContain('Remove filter: For carers');
    expect(textOf(page)).toContain('Remove filter: In Polish');
    expect(page).toMatch(/name="when"[^>]*value="week"[^>]*checked/);
    expect(page).toMatch(/name="audience"[^>]*value="carers"[^>]*checked/);
    expect(page).toMatch(/name="language"[^>]*value="polish"[^>]*checked/);
  });

  it('explains a language no listing is in, without a server error', async () => {
    const { status, text } = await html('/search?language=klingon');
    expect(status).toBe(200);
    expect(text).toContain('There is a problem');
    expect(text).toContain('No listings are in that language yet');
  });

  it('asks for a place when the words say near me', async () => {
    const page = await fetch(new URL('/search?q=choir+near+me', baseUrl)).then((r) => r.text());
    expect(textOf(page)).toContain('To see what is near you, enter a postcode or borough and search again');
    expect(page).toContain('href="#search-location"');
    const placed = await html('/search?q=choir+near+me&location=N17');
    expect(placed.text).not.toContain('To see what is near you');
  });

  it('says plainly when the words match no listing', async () => {
    const { text } = await html('/search?q=xyzzy');
    expect(text).toContain('No listings match “xyzzy”');
    expect(text).toContain('You could try');
  });

  it('says which words no listing has when the others find results', async () => {
    const { text } = await html('/search?q=xyzzy+walking');
    expect(text).toContain('No listings mention “xyzzy”, so these results match your other words');
  });
});

describe('the search API', () => {
  it("gives each result the card's what's-on line, as the page shows it", async () => {
    const { body } = await api('q=football');
    const results = body.results as (ApiResult & { whatsOn?: { text: string; kind: string } })[];
    expect(results.length).toBeGreaterThan(0);
    const page = await html('/search?q=football');
    for (const result of results) {
      expect(result.whatsOn?.text).toMatch(/\S/);
      expect(page.text).toContain(result.whatsOn!.text);
    }
  });

  it('returns the same results as the page, as JSON', async () => {
    const { status, body } = await api('q=football&location=N17');
    expect(status).toBe(200);
    const results = body.results as ApiResult[];
    expect(results.length).toBeGreaterThan(0);
    const page = await fetch(new URL('/search?q=football&location=N17', baseUrl)).then((r) => r.text());
    for (const result of results) expect(page).toContain(`href="/services/${result.slug}"`);
    expect(results.filter((result) => result.reach === 'nearby').every((result) => result.distance?.text)).toBe(true);
  });

  it('gives honest distances: from the middle of a postcode district, never a walking time', async () => {
    const { body } = await api('location=N17&radius=10&per_page=20');
    const texts = (body.results as ApiResult[]).flatMap((result) => (result.distance ? [result.distance.text] : []));
    expect(texts.length).toBeGreaterThan(0);
    expect(
      texts.every((text) => /^(?:less than a mile|about \d+(?:\.5)? miles?) from the middle of N17$/.test(text)),
    ).toBe(true);
  });

  it('gives walking times from the browser’s position', async () => {
    const { body } = await api('lat=51.597&lng=-0.07&radius=10');
    const texts = (body.results as ApiResult[]).flatMap((result) => (result.distance ? [result.distance.text] : []));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => /^about a \d+-minute walk away$|^\d+(\.\d)? miles? away$/.test(text))).toBe(true);
  });

  it('accepts postcode as another name for location', async () => {
    const { status, body } = await api('postcode=N17%206RA&q=football');
    expect(status).toBe(200);
    expect(body.place).toEqual({ label: 'N17', kind: 'postcode' });
  });

  it('honours the free filter', async () => {
    const { body } = await api('free=1');
    expect((body.results as ApiResult[]).every((result) => result.free)).toBe(true);
  });

  it.each([
    ['day=someday', 'day'],
    ['age=-4', 'age'],
    ['radius=7', 'radius'],
    ['page=0', 'page'],
    ['location=%3Cscript%3E', 'location'],
    [`q=${'x'.repeat(300)}`, 'q'],
  ])('refuses %s with a 400 naming the parameter', async (query, param) => {
    const { status, body } = await api(query);
    expect(status).toBe(400);
    expect((body.errors as { param: string; message: string }[]).map((error) => error.param)).toContain(param);
  });

  it('says what it understood in the words', async () => {
    const { status, body } = await api('q=turkish+groups+on+sunday');
    expect(status).toBe(200);
    expect(body.words).toBe('');
    expect(body.understood).toEqual([
      expect.objectContaining({ kind: 'language', phrase: 'turkish', label: 'Turkish', without: 'q=groups+on+sunday' }),
      expect.objectContaining({ kind: 'day', phrase: 'on sunday', label: 'Sunday', without: 'q=turkish+groups' }),
    ]);
  });

  it.each([
    ['when=later', 'when'],
    ['audience=cats', 'audience'],
    ['language=klingon', 'language'],
  ])('refuses %s with a 400 naming the parameter', async (query, param) => {
    const { status, body } = await api(query);
    expect(status).toBe(400);
    expect((body.errors as { param: string }[]).map((error) => error.param)).toContain(param);
  });

  it('never returns the coordinates of the place searched', async () => {
    const { body } = await api('location=N17%206RA');
    expect(JSON.stringify(body.place)).not.toMatch(/lat|lng|6RA/);
  });
});
