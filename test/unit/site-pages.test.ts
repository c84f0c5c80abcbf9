/**
 * Editable pages (About, accessibility statement, privacy notice): the Portable Text tree pages
 * render, the profile's rules for a page, and the sample pages saying what the code does (so a
 * change to a retention period or review cycle fails here until the words are changed too).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config';
import { bodyTree, plainText, segmentsOf } from '../../src/content/portable-text';
import { page as pageProfile, pageSlugAllowed, reservedPageSlugs, type PageBlock } from '../../src/content/profile';
import { COMMENT_MONTHS, EMAIL_DAYS_AFTER_RESOLVED, EMAIL_MAX_MONTHS } from '../../src/feedback/retention';
import { DEFAULT_REVIEW_MONTHS, DROPPED_AFTER_MONTHS, DUE_SOON_MONTHS } from '../../src/listings/verification';
import { EXPIRY_CHOICES } from '../../src/referrals/form';
import { COOKIE_MAX_AGE_SECONDS } from '../../src/shortlist';
import { SITE_PAGES } from '../../site/server/navigation';
import { sampleOfType } from '../support/sample';

let keys = 0;
const block = (fields: Partial<PageBlock> & { text?: string }): PageBlock => {
  const { text = 'Words', ...rest } = fields;
  keys += 1;
  return {
    _key: `b${keys}`,
    _type: 'block',
    style: 'normal',
    markDefs: [],
    children: [{ _key: `s${keys}`, _type: 'span', text, marks: [] }],
    ...rest,
  };
};

describe('a page body as the page renders it', () => {
  it('keeps paragraphs and headings in order, each with its style', () => {
    const tree = bodyTree([block({ style: 'h2', text: 'Who runs it' }), block({ text: 'The partnerships.' })]);
    expect(tree.map((node) => node.kind === 'text' && [node.style, node.segments[0]!.runs[0]!.text])).toEqual([
      ['h2', 'Who runs it'],
      ['normal', 'The partnerships.'],
    ]);
  });

  it('groups consecutive list items into one list, and starts a new one when the kind of list changes', () => {
    const tree = bodyTree([
      block({ listItem: 'bullet', level: 1, text: 'one' }),
      block({ listItem: 'bullet', level: 1, text: 'two' }),
      block({ listItem: 'number', level: 1, text: 'first' }),
      block({ text: 'after' }),
      block({ listItem: 'bullet', level: 1, text: 'again' }),
    ]);
    expect(tree.map((node) => (node.kind === 'list' ? `${node.style}:${node.items.length}` : 'text'))).toEqual([
      'bullet:2',
      'number:1',
      'text',
      'bullet:1',
    ]);
  });

  it('nests deeper list items under the item before them', () => {
    const tree = bodyTree([
      block({ listItem: 'bullet', level: 1, text: 'parent' }),
      block({ listItem: 'bullet', level: 2, text: 'child' }),
      block({ listItem: 'bullet', level: 1, text: 'sibling' }),
    ]);
    expect(tree).toHaveLength(1);
    const list = tree[0]!;
    if (list.kind !== 'list') throw new Error('expected a list');
    expect(list.items.map((item) => item.segments[0]!.runs[0]!.text)).toEqual(['parent', 'sibling']);
    expect(list.items[0]!.lists[0]!.items[0]!.segments[0]!.runs[0]!.text).toBe('child');
  });

  it('makes one link of the runs that share it, with bold and italic kept', () => {
    const segments = segmentsOf({
      _key: 'b',
      markDefs: [{ _key: 'l', _type: 'link', href: '/urgent-help' }],
      children: [
        { _key: '1', _type: 'span', text: 'If you need help now, ', marks: [] },
        { _key: '2', _type: 'span', text: 'get ', marks: ['l'] },
        { _key: '3', _type: 'span', text: 'urgent help', marks: ['l', 'strong'] },
        { _key: '4', _type: 'span', text: '', marks: ['em'] },
      ],
    });
    expect(segments).toEqual([
      { key: '1', runs: [{ text: 'If you need help now, ', strong: false, em: false }] },
      {
        key: '2',
        href: '/urgent-help',
        runs: [
          { text: 'get ', strong: false, em: false },
          { text: 'urgent help', strong: true, em: false },
        ],
      },
    ]);
  });
});

describe('the content profile for a page', () => {
  const about = () => structuredClone(sampleOfType<Record<string, unknown>>('page')[0]!);

  it('accepts the sample pages', () => {
    for (const page of sampleOfType('page')) expect(pageProfile.safeParse(page).success, page._id).toBe(true);
  });

  it('keeps every top-level route of the site out of the slugs a page may take', () => {
    const routes = readdirSync(new URL('../../site/pages/', import.meta.url))
      .map((name) => name.replace(/\.(astro|ts)$/, ''))
      .filter((name) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name) && name !== 'index');
    expect([...routes].sort()).toEqual([...reservedPageSlugs].sort());
    expect(pageSlugAllowed('search')).toContain('already a page of the site');
    expect(pageSlugAllowed('about')).toBe(true);
    const clash = about();
    clash.slug = { _type: 'slug', current: 'search' };
    expect(pageProfile.safeParse(clash).success).toBe(false);
  });

  it('refuses a link that is not a path, a secure web address or an email address', () => {
    for (const href of ['javascript:alert(1)', 'http://example.org', 'www.example.org', 'mailto:nobody']) {
      const page = about();
      const body = page.body as PageBlock[];
      body[0] = {
        ...body[0]!,
        markDefs: [{ _key: 'x', _type: 'link', href }],
        children: [{ _key: 'c', _type: 'span', text: 'a link', marks: ['x'] }],
      };
      expect(pageProfile.safeParse(page).success, href).toBe(false);
    }
  });

  it('refuses marks that are neither bold, italic nor a link of the same block', () => {
    const page = about();
    const body = page.body as PageBlock[];
    body[0] = { ...body[0]!, markDefs: [], children: [{ _key: 'c', _type: 'span', text: 'x', marks: ['underline'] }] };
    expect(pageProfile.safeParse(page).success).toBe(false);
  });
});

describe('the sample pages', () => {
  const pages = sampleOfType<{ slug: { current: string }; body: PageBlock[]; showDataProtectionContacts?: boolean }>(
    'page',
  );
  const textOf = (href: string) => {
    const page = pages.find((candidate) => `/${candidate.slug.current}` === href);
    if (!page) throw new Error(`no sample page at ${href}`);
    return plainText(page.body);
  };

  it('include every page the header and footer link to', () => {
    for (const link of Object.values(SITE_PAGES)) expect(() => textOf(link.href)).not.toThrow();
  });

  it('About says how often listings are checked and what happens when a check is late, as the code does', () => {
    const text = textOf(SITE_PAGES.about.href);
    const periods = sampleOfType<{ name: string; reviewEveryMonths?: number }>('category').filter(
      (category) => category.reviewEveryMonths,
    );
    expect(text).toContain(`every ${DEFAULT_REVIEW_MONTHS} months`);
    expect(new Set(periods.map((category) => category.reviewEveryMonths))).toEqual(new Set([6]));
    expect(text).toContain('every 6 months');
    for (const category of periods) expect(text.toLowerCase()).toContain(category.name.toLowerCase());
    expect(DUE_SOON_MONTHS).toBe(1);
    expect(text).toContain('A month before a check is due');
    expect(text).toContain('Not checked since');
    expect(text).toContain(`${DROPPED_AFTER_MONTHS} months after it was due`);
    expect(text).toContain('report a problem with this listing');
  });

  it('the accessibility statement names the standard, how we test, and the enforcement procedure', () => {
    const text = textOf(SITE_PAGES.accessibility.href);
    for (const words of [
      'Web Content Accessibility Guidelines version 2.2',
      'axe',
      'Chromium',
      'with it turned off',
      'Known issues',
      'Equality and Human Rights Commission (EHRC)',
      'Equality Advisory and Support Service',
      `${readConfig({}).session.idleMinutes} minutes`,
    ])
      expect(text).toContain(words);
  });

  it('the privacy notice states the retention periods and limits the code applies', () => {
    const config = readConfig({});
    const text = textOf(SITE_PAGES.privacy.href);
    expect(text).toContain(`${config.retentionMonths} months after it closes`);
    expect(text).toContain(`${EMAIL_DAYS_AFTER_RESOLVED} days after the report is dealt with`);
    expect(text).toContain(`${EMAIL_MAX_MONTHS} months after you sent it`);
    expect(text).toContain(`deleted after ${COMMENT_MONTHS} months`);
    expect(text).toContain(`after ${EXPIRY_CHOICES[0]} to ${EXPIRY_CHOICES.at(-1)} days`);
    expect(text).toContain(`${config.session.idleMinutes} minutes without use`);
    expect(text).toContain(`${config.session.maxHours} hours after you signed in`);
    expect(COOKIE_MAX_AGE_SECONDS).toBe(365 * 24 * 60 * 60);
    expect(text).toContain('for up to a year');
    expect(text).toContain('explicit consent');
    expect(pages.find((page) => `/${page.slug.current}` === SITE_PAGES.privacy.href)?.showDataProtectionContacts).toBe(
      true,
    );
  });
});
