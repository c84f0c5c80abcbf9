// `npm start`: checks the configuration, prints the first admin's one-time invitation if the
// people store is empty, builds the site if the build is missing or older than the sources, then
// serves it with scripts/serve.mjs (PORT and HOST are honoured). From then on, nothing the server
// logs carries a token, email address, phone number or postcode.
import { buildIfStale } from './build-if-stale.mjs';

const { readConfig, ConfigError } = await import('../src/config.ts');
let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// On the first start of an empty store this prints the one-time link for the first administrator:
// the one log line that carries a token, by design, before redaction is switched on.
const { startPeople } = await import('../src/accounts/index.ts');
const people = await startPeople(config);
await people.store.close();

const { installLogRedaction } = await import('../src/security/redact.ts');
installLogRedaction();

buildIfStale();
process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
console.log(`Signpost is starting on http://${process.env.HOST}:${process.env.PORT}`);
await import('./serve.mjs');
