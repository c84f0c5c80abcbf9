/**
 * The service page against the built server and the sample data: what must be read first sits
 * under the title, directions go to public venues only, the next session goes into Google or
 * Outlook with the right times, and listings about domestic abuse offer a quick exit.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Location, Service } from '../../src/content/profile';
import { verificationForPage } from '../../src/content/service-page';
import { londonDateOf, nextSessions } from '../../src/schedules';
import { sampleOfType, textOf } from '../support/sample';

const baseUrl = inject('baseUrl');
const html = async (path: string) => {
  const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' });
  expect(response.status, path).toBe(200);
  return response.text();
};

const services = sampleOfType<Service>('service');
const locations = new Map(sampleOfType<Location>('location').map((location) => [location._id, location]));
const venuesOf = (service: Service) => (service.locations ?? []).map((ref) => locations.get(ref._ref)!);
const today = londonDateOf(new Date());
const stillToCome = (service: Service) => (service.closures ?? []).some((c) => (c.to ?? c.from) >= today);

/** The main content after the title, up to the first section heading ("What it is"). */
function underTheTitle(page: string): string {
  const main = page.slice(page.indexOf('<main'));
  const title = main.indexOf('<h1');
  const firstSection = main.indexOf('<h2>What it is</h2>');
  expect(title).toBeGreaterThan(-1);
  expect(firstSection).toBeGreaterThan(title);
  return main.slice(title, firstSection);
}

/** Every link (href and text) of a page. */
const links = (page: string) =>
  [...page.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((match) => ({
    href: match[1]!.replace(/&amp;/g, '&'),
    text: textOf(match[2]!).trim(),
  }));

describe('what a service page says first', () => {
  it('puts closures not yet over under the title, with their reason, and none further down', async () => {
    const closing = services.find((s) => s.status === 'active' && stillToCome(s))!;
    const page = await html(`/services/${closing.slug.current}`);
    const top = textOf(underTheTitle(page));
    for (const closure of closing.closures!.filter((c) => (c.to ?? c.from) >= today)) {
      expect(top).toContain(closure.reason);
    }
    expect(top).toMatch(/Closed (at the moment|on some dates)/);
    const rest = textOf(page.slice(page.indexOf('<h2>What it is</h2>')));
    expect(rest).not.toMatch(/Closed (from|on|now)/);
  });

  it('leaves out closures that are over', async () => {
    const over = services.find(
      (s) => s.status === 'active' && s.closures?.length && s.closures.every((c) => (c.to ?? c.from) < today),
    );
    if (!over) return expect(services.some((s) => s.closures?.length)).toBe(true);
    const top = textOf(underTheTitle(await html(`/services/${over.slug.current}`)));
    for (const closure of over.closures!) expect(top).not.toContain(closure.reason);
  });

  it('says a temporarily closed listing is closed, with its note, under the title', async () => {
    const closed = services.find((s) => s.status === 'temporarily-closed' && s.statusNote)!;
    const top = textOf(underTheTitle(await html(`/services/${closed.slug.current}`)));
    expect(top).toContain('Temporarily closed');
    expect(top).toContain(closed.statusNote!);
  });

  it('says "Not checked since" under the title of a listing past its check date', async () => {
    const stale = services.find(
      (s) => s.status === 'active' && verificationForPage({ ...s, reviewEveryMonths: null }, new Date()).pastDue,
    )!;
    const top = textOf(underTheTitle(await html(`/services/${stale.slug.current}`)));
    expect(top).toContain('Not checked since');
  });
});

describe('directions', () => {
  it('links to Google Maps and OpenStreetMap for each public venue, naming it', async () => {
    const service = services.find(
      (s) => s.status === 'active' && venuesOf(s).length > 0 && venuesOf(s).every((v) => !v.confidential),
    )!;
    const found = links(await html(`/services/${service.slug.current}`));
    for (const venue of venuesOf(service)) {
      const google = found.find((link) => link.text === `Get directions to ${venue.name} on Google Maps`)!;
      expect(new URL(google.href).searchParams.get('destination')).toContain(venue.address.postcode);
      const osm = found.find((link) => link.text === `Get directions to ${venue.name} on OpenStreetMap`)!;
      const to = new URL(osm.href).searchParams.get('to')!.split(',').map(Number);
      expect(to[0]).toBeCloseTo(venue.position.lat, 5);
      expect(to[1]).toBeCloseTo(venue.position.lng, 5);
    }
  });

  it('gives none for a confidential venue', async () => {
    const hidden = services.find((s) => s.status === 'active' && venuesOf(s).some((v) => v.confidential))!;
    const page = await html(`/services/${hidden.slug.current}`);
    for (const venue of venuesOf(hidden).filter((v) => v.confidential)) {
      expect(page).not.toContain(String(venue.position.lat));
      expect(page).not.toContain(encodeURIComponent(venue.address.postcode));
    }
    if (venuesOf(hidden).every((v) => v.confidential)) expect(textOf(page)).not.toContain('Get directions');
  });
});

describe('add to calendar', () => {
  const weekly = services.find(
    (s) =>
      s.status === 'active' &&
      !s.closures?.length &&
      s.schedules?.length === 1 &&
      venuesOf(s).length === 1 &&
      !venuesOf(s)[0]!.confidential,
  )!;

  it('offers the .ics file and the next session in Google Calendar and Outlook, in UTC', async () => {
    const page = await html(`/services/${weekly.slug.current}`);
    const next = nextSessions({ ...weekly, closures: [] }, new Date(), 1)[0]!;
    const found = links(page);
    expect(found.find((link) => link.text === 'Add the next sessions to your calendar')!.href).toBe(
      `/services/${weekly.slug.current}.ics`,
    );
    const google = new URL(found.find((link) => link.text === 'Add the next session to Google Calendar')!.href);
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(google.searchParams.get('dates')).toBe(
      `${utc(next.startsAt).replace(/[-:]/g, '')}/${utc(next.endsAt).replace(/[-:]/g, '')}`,
    );
    expect(google.searchParams.get('text')).toBe(weekly.name);
    expect(google.searchParams.get('location')).toContain(venuesOf(weekly)[0]!.address.postcode);
    expect(google.searchParams.get('details')).toContain(`/services/${weekly.slug.current}`);
    const outlook = new URL(found.find((link) => link.text === 'Add the next session to Outlook calendar')!.href);
    expect(outlook.origin + outlook.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
    expect(outlook.searchParams.get('startdt')).toBe(utc(next.startsAt));
    expect(outlook.searchParams.get('enddt')).toBe(utc(next.endsAt));
    expect(outlook.searchParams.get('subject')).toBe(weekly.name);
  });

  it('never puts a confidential venue in a calendar link', async () => {
    const hidden = services.find(
      (s) => s.status === 'active' && s.schedules?.length && venuesOf(s).every((v) => v.confidential),
    )!;
    const page = await html(`/services/${hidden.slug.current}`);
    const calendar = links(page).filter((link) => /calendar\.google|outlook\.live/.test(link.href));
    expect(calendar.length).toBeGreaterThan(0);
    for (const link of calendar) expect(new URL(link.href).searchParams.get('location')).toBeNull();
  });
});

describe('quick exit', () => {
  const about = services.filter((s) => /domestic abuse/i.test(s.summary));

  it('is on every listing about domestic abuse: a plain link to a neutral site, with a line on history', async () => {
    expect(about.length).toBeGreaterThan(0);
    for (const service of about) {
      const page = await html(`/services/${service.slug.current}`);
      const exit = page.match(/<a [^>]*data-quick-exit[^>]*>[\s\S]*?<\/a>/)?.[0];
      expect(exit, service.name).toBeDefined();
      expect(exit).toContain('href="https://www.bbc.co.uk/weather"');
      expect(textOf(exit!)).toContain('Exit this page');
      // First in the page's content, before the title.
      expect(page.indexOf('data-quick-exit')).toBeLessThan(page.indexOf('<h1'));
      expect(textOf(page)).toContain(
        'select “Exit this page” (or press Shift 3 times) to go to the BBC weather page. It does not clear your browsing history',
      );
      // The keys work only with the script, which shows that part of the line.
      expect(page).toMatch(/<span data-quick-exit-keys hidden[^>]*>/);
      expect(page).toMatch(/<script type="module" src="[^"]+"><\/script>/);
    }
  });

  it('is on no other listing', async () => {
    const other = services.find((s) => s.status === 'active' && !about.includes(s))!;
    const page = await html(`/services/${other.slug.current}`);
    expect(page).not.toContain('data-quick-exit');
    expect(textOf(page)).not.toContain('Exit this page');
  });
});

describe('the calendar file', () => {
  it('puts each session at the venue it names, for a service at several venues', async () => {
    const twoVenues = services.find(
      (s) =>
        s.status === 'active' &&
        venuesOf(s).length > 1 &&
        venuesOf(s).every((v) => !v.confidential) &&
        new Set(s.schedules?.map((schedule) => schedule.location?._ref)).size > 1,
    )!;
    const ics = await html(`/services/${twoVenues.slug.current}.ics`);
    const events = ics
      .replace(/\r\n[ \t]/g, '')
      .split('BEGIN:VEVENT')
      .slice(1);
    const venueByWeekday = new Map(
      twoVenues.schedules!.map((schedule) => [schedule.day.slice(0, 2).toUpperCase(), schedule.location!._ref]),
    );
    expect(events.length).toBeGreaterThan(1);
    const seen = new Set<string>();
    for (const event of events) {
      const start = event.match(/DTSTART[^:]*:(\d{8})/)![1]!;
      const day = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][
        new Date(`${start.slice(0, 4)}-${start.slice(4, 6)}-${start.slice(6, 8)}T12:00:00Z`).getUTCDay()
      ]!;
      const venue = locations.get(venueByWeekday.get(day)!)!;
      const place = event.match(/LOCATION:(.*)/)![1]!.replace(/\\,/g, ',');
      expect(place).toContain(venue.address.line1);
      seen.add(venue._id);
    }
    expect(seen.size).toBe(2);
  });
});
