// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import unusedCss from './scripts/unused-css.mjs';

// The largest body BODY_LIMIT_KB allows (src/config.ts): scripts/serve.mjs refuses anything over the
// configured limit with a 413 first, so the adapter's own limit (which truncates silently) is never hit.
const MAX_BODY_BYTES = 1024 * 1024;

// The public host (SITE_URL at build time): requests for it may carry X-Forwarded-* headers that
// Astro trusts (client address for rate limits, protocol). scripts/serve.mjs removes those headers
// unless TRUSTED_PROXIES says a proxy in front sets them; see docs/decisions.md.
const siteUrl = process.env.SITE_URL ? new URL(process.env.SITE_URL) : undefined;
const allowedDomains = siteUrl ? [{ hostname: siteUrl.hostname, protocol: siteUrl.protocol.slice(0, -1) }] : [];

// Signpost renders every page on the server; scripts/serve.mjs serves the build on PORT and HOST.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  adapter: node({ mode: 'standalone', bodySizeLimit: MAX_BODY_BYTES }),
  server: { port: 4321 },
  // CSRF is checked in site/middleware.ts for every body type (Astro's check covers forms only).
  security: { checkOrigin: false, allowedDomains },
  // Stylesheets as files, so the Content-Security-Policy needs no inline allowance.
  build: { inlineStylesheets: 'never' },
  // Scripts as files too: Astro inlines small ones, which `script-src 'self'` would block.
  // NHS.UK frontend rules for classes the portal never writes are dropped (scripts/unused-css.mjs).
  vite: {
    build: { assetsInlineLimit: (file) => (/\.m?js$/.test(file) ? false : undefined) },
    css: { postcss: { plugins: [unusedCss()] } },
  },
  devToolbar: { enabled: false },
});
