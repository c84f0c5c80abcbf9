// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// Signpost renders every page on the server; the Node adapter honours PORT and HOST at run time.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  adapter: node({ mode: 'standalone', bodySizeLimit: 1024 * 1024 }),
  server: { port: 4321 },
  security: { checkOrigin: true },
  // Stylesheets as files, so the Content-Security-Policy needs no inline allowance.
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
});
