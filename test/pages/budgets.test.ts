/**
 * Budgets (issue 10): on each kind of page a resident, connector or partner opens, the stylesheets
 * come to at most 30 kB gzipped, and the JavaScript to at most 20 kB (80 kB where a map is shown),
 * counting every file the page links, the modules those import and what the map loads lazily.
 * Sizes are computed here with zlib, so they hold whether or not the server compresses.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { budgetPages, type BudgetPage } from '../support/budget-pages.ts';
import { BUDGETS, jsBudget, pageAssets, type PageAssets } from '../support/page-assets.ts';

const baseUrl = inject('baseUrl');
const measured = new Map<BudgetPage['name'], PageAssets>();

beforeAll(async () => {
  for (const page of await budgetPages(baseUrl, inject('dataDir'))) {
    const response = await fetch(new URL(page.path, baseUrl), { headers: page.headers, redirect: 'manual' });
    expect(response.status, page.path).toBe(200);
    measured.set(page.name, await pageAssets(response.url, await response.text(), page.headers));
  }
});

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const listing = (page: PageAssets, kind: 'css' | 'js') =>
  page.assets
    .filter((asset) => asset.kind === kind)
    .map((asset) => `${asset.url.replace(baseUrl, '')} ${kb(asset.gzip)}`)
    .join(', ');

describe.each(['home', 'search', 'service', 'map', 'referral', 'partner'] as const)('the %s page', (name) => {
  it('links at most 30 kB of CSS, gzipped', () => {
    const page = measured.get(name)!;
    expect(page.css.gzip, listing(page, 'css')).toBeGreaterThan(0);
    expect(page.css.gzip, listing(page, 'css')).toBeLessThanOrEqual(BUDGETS.css);
  });

  it('loads no more JavaScript than its budget, gzipped', () => {
    const page = measured.get(name)!;
    expect(page.js.gzip, listing(page, 'js')).toBeLessThanOrEqual(jsBudget(page));
  });
});

describe('where the map budget applies', () => {
  it('shows a map, with Leaflet and its stylesheet, on the map and service pages', () => {
    for (const name of ['map', 'service'] as const) {
      const page = measured.get(name)!;
      expect(page.hasMap, name).toBe(true);
      expect(listing(page, 'js'), name).toMatch(/map\.client\.[\w-]+\.js/);
      expect(listing(page, 'css'), name).toMatch(/map\.[\w-]+\.css/);
    }
  });

  it('keeps Leaflet off the pages without a map, so they stay within 20 kB', () => {
    for (const name of ['home', 'search', 'referral', 'partner'] as const) {
      const page = measured.get(name)!;
      expect(page.hasMap, name).toBe(false);
      expect(page.js.gzip, listing(page, 'js')).toBeLessThanOrEqual(BUDGETS.js);
      expect(listing(page, 'js'), name).not.toMatch(/map\.client/);
    }
  });
});
