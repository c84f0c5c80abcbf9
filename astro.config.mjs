// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import unusedCss from './scripts/unused-css.mjs';

// Signpost renders every page on the server; the Node adapter honours PORT and HOST at run time.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  adapter: node({ mode: 'standalone', bodySizeLimit: 1024 * 1024 }),
  server: { port: 4321 },
  // CSRF is checked in site/middleware.ts for every body type (Astro's check covers forms only).
  security: { checkOrigin: false },
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
