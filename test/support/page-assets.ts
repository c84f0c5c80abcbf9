/**
 * What a page makes the browser download besides its HTML, and how big that is compressed: the
 * stylesheets it links, the scripts it runs (inline or by `src`), the modules they import, and
 * the stylesheets those modules load. Shared by the budgets test and `npm run bench:lighthouse`,
 * so sizes are known even where the server does not compress yet.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Issue 10's budgets, in compressed bytes (1 kB = 1000 bytes). */
export const BUDGETS = { css: 30_000, js: 20_000, mapJs: 80_000 } as const;

export interface Asset {
  url: string;
  kind: 'css' | 'js';
  bytes: number;
  gzip: number;
  brotli: number;
}

export interface PageAssets {
  /** Whether the page shows a map (so its JavaScript budget is the map one). */
  hasMap: boolean;
  assets: Asset[];
  css: { bytes: number; gzip: number; brotli: number };
  js: { bytes: number; gzip: number; brotli: number };
}

const attribute = (tag: string, name: string) =>
  tag
    .match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))
    ?.slice(1)
    .find(Boolean);

/** Modules a module imports as it loads (`import "./x.js"`, `from "./x.js"`). */
const staticImports = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`]([^"'`]+\.m?js)["'`]/g)].map((match) => match[1]!);

/**
 * What a module may load later: `import("./x.js")`, and the files Vite's preload helper lists for
 * a lazy chunk (its modules and stylesheets, named from the site root as `_astro/...`).
 */
const lazyImports = (code: string) => [
  ...[...code.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+\.m?js)["'`]/g)].map((match) => match[1]!),
  ...[...code.matchAll(/["'`](_astro\/[^"'`\s]+\.(?:css|m?js))["'`]/g)].map((match) => `/${match[1]!}`),
];

function sizes(text: Buffer): Pick<Asset, 'bytes' | 'gzip' | 'brotli'> {
  return {
    bytes: text.length,
    gzip: gzipSync(text).length,
    brotli: brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * The assets `html` (served at `pageUrl`) loads, fetched from the server. A module's lazy imports
 * count only on pages that show a map: the map loader is the one script that imports lazily.
 */
export async function pageAssets(pageUrl: string, html: string, headers: Record<string, string> = {}) {
  const hasMap = /\sdata-sp-map[\s>]/.test(html);
  const found = new Map<string, Asset>();
  const queue: { url: string; kind: Asset['kind'] }[] = [];
  const inline: Buffer[] = [];

  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attribute(tag, 'href');
    if (!href) continue;
    if (rel.includes('stylesheet')) queue.push({ url: new URL(href, pageUrl).href, kind: 'css' });
    if (rel.includes('modulepreload')) queue.push({ url: new URL(href, pageUrl).href, kind: 'js' });
  }
  for (const [, tag, body] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)) {
    const type = (attribute(tag!, 'type') ?? '').toLowerCase();
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue;
    const src = attribute(tag!, 'src');
    if (src) queue.push({ url: new URL(src, pageUrl).href, kind: 'js' });
    else if (body!.trim()) {
      inline.push(Buffer.from(body!));
      for (const ref of staticImports(body!)) queue.push({ url: new URL(ref, pageUrl).href, kind: 'js' });
    }
  }
  for (const [, css] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    found.set(`inline-style-${found.size}`, { url: '(inline style)', kind: 'css', ...sizes(Buffer.from(css!)) });
  }

  while (queue.length > 0) {
    const { url, kind } = queue.shift()!;
    if (found.has(url)) continue;
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    found.set(url, { url, kind, ...sizes(body) });
    if (kind !== 'js') continue;
    const code = body.toString('utf8');
    const refs = [...staticImports(code), ...(hasMap ? lazyImports(code) : [])];
    for (const ref of refs) {
      const target = new URL(ref, url).href;
      queue.push({ url: target, kind: /\.css$/.test(target) ? 'css' : 'js' });
    }
  }

  const assets = [...found.values()];
  if (inline.length > 0) assets.push({ url: '(inline script)', kind: 'js', ...sizes(Buffer.concat(inline)) });
  const total = (kind: Asset['kind']) =>
    assets
      .filter((asset) => asset.kind === kind)
      .reduce((sum, a) => ({ bytes: sum.bytes + a.bytes, gzip: sum.gzip + a.gzip, brotli: sum.brotli + a.brotli }), {
        bytes: 0,
        gzip: 0,
        brotli: 0,
      });
  return { hasMap, assets, css: total('css'), js: total('js') } satisfies PageAssets;
}

/** The JavaScript budget that applies to a page. */
export const jsBudget = (page: Pick<PageAssets, 'hasMap'>) => (page.hasMap ? BUDGETS.mapJs : BUDGETS.js);
