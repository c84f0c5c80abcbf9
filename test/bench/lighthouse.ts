/**
 * `npm run bench:lighthouse`: Lighthouse (mobile, its default throttling) on the six budgeted
 * pages of a real server with the sample data: home, search, a service page, a map, a referral
 * link and a partner's page. Prints scores and CSS/JS sizes (as sent, and compressed by zlib here,
 * which holds whether or not the server compresses), writes bench-results/lighthouse.json, and
 * exits non-zero when a size budget is exceeded or accessibility is below 100. Performance scores
 * vary with the machine's load: read them as measured on the machine named in the output.
 *
 * Chromium: CHROME_PATH, else /usr/bin/chromium (Debian's `chromium` package).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { budgetPages } from '../support/budget-pages.ts';
import { BUDGETS, jsBudget, pageAssets } from '../support/page-assets.ts';
import { startServer } from '../support/server.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const chromePath = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((path) => path && existsSync(path));
if (!chromePath) {
  console.error('Lighthouse needs Chromium: install the "chromium" package or set CHROME_PATH.');
  process.exit(2);
}

/** A plain 256 x 256 PNG map tile (NHS grey), made here: PNG signature, IHDR, IDAT, IEND. */
function tilePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(256, 0);
  header.writeUInt32BE(256, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(256 * 3, Buffer.from([0xe8, 0xed, 0xee]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: 256 }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

buildIfStale();
// The default tile server cannot be reached from here: a local stand-in answers for it, so the
// map pages are measured with their tiles (and without the console errors of failed ones).
const tile = tilePng();
const tiles = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=86400' }).end(tile);
});
await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
const tileUrl = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/{z}/{x}/{y}.png`;
const root = await mkdtemp(join(tmpdir(), 'signpost-lighthouse-'));
const server = await startServer(root, { MAP_TILE_URL: tileUrl, MAP_ATTRIBUTION: 'Test tiles' });
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const rows: Record<string, unknown>[] = [];
const failures: string[] = [];
try {
  const pages = await budgetPages(server.baseUrl, join(root, 'data'));
  for (const page of pages) {
    const url = new URL(page.path, server.baseUrl).href;
    // Sizes from the files themselves: what each page links, imports and loads for its map.
    const html = await (await fetch(url, { headers: page.headers })).text();
    const sizes = await pageAssets(url, html, page.headers);

    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      extraHeaders: page.headers,
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${page.name}`);
    const { lhr } = result;
    const requests = ((lhr.audits['network-requests']?.details as any)?.items ?? []) as {
      resourceType?: string;
      transferSize?: number;
    }[];
    const sent = (type: string) =>
      requests.filter((r) => r.resourceType === type).reduce((sum, r) => sum + (r.transferSize ?? 0), 0);
    const scores = Object.fromEntries(
      CATEGORIES.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)]),
    );
    // What kept a category below 100, so the table says why.
    const missed = CATEGORIES.flatMap((category) =>
      (lhr.categories[category]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${category}: ${ref.id}`),
    );
    const row = {
      page: page.name,
      path: page.path.replace(/\/r\/[^/?#]+/, '/r/<token>'),
      ...scores,
      fcpMs: Math.round(lhr.audits['first-contentful-paint']?.numericValue ?? 0),
      lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
      cssSentBytes: sent('Stylesheet'),
      jsSentBytes: sent('Script'),
      cssGzipBytes: sizes.css.gzip,
      cssBrotliBytes: sizes.css.brotli,
      jsGzipBytes: sizes.js.gzip,
      jsBrotliBytes: sizes.js.brotli,
      hasMap: sizes.hasMap,
      missed,
    };
    rows.push(row);
    if (sizes.css.gzip > BUDGETS.css) failures.push(`${page.name}: CSS ${kb(sizes.css.gzip)} kB gzipped > 30 kB`);
    if (sizes.js.gzip > jsBudget(sizes)) {
      failures.push(`${page.name}: JavaScript ${kb(sizes.js.gzip)} kB gzipped > ${jsBudget(sizes) / 1000} kB`);
    }
    if (scores.accessibility! < 100) failures.push(`${page.name}: accessibility ${scores.accessibility}`);
    console.log(`${page.name}: done`);
  }
} finally {
  chrome.kill();
  await server.stop();
  tiles.close();
  await rm(root, { recursive: true, force: true });
}

console.log(
  `\nLighthouse ${'13.5'} mobile, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString()}`,
);
console.table(
  rows.map((row: any) => ({
    page: row.page,
    perf: row.performance,
    a11y: row.accessibility,
    bp: row['best-practices'],
    seo: row.seo,
    'FCP ms': row.fcpMs,
    'CSS sent kB': kb(row.cssSentBytes),
    'CSS gz kB': kb(row.cssGzipBytes),
    'JS sent kB': kb(row.jsSentBytes),
    'JS gz kB': kb(row.jsGzipBytes),
  })),
);
for (const row of rows as any[]) if (row.missed.length) console.log(`${row.page} missed: ${row.missed.join(', ')}`);

await mkdir('bench-results', { recursive: true });
await writeFile(
  'bench-results/lighthouse.json',
  `${JSON.stringify({ when: new Date().toISOString(), cores: cpus().length, budgets: BUDGETS, pages: rows }, null, 2)}\n`,
);
console.log('Written: bench-results/lighthouse.json');
if (failures.length > 0) {
  console.error(`Budgets exceeded:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
