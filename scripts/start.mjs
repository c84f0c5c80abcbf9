// `npm start`: checks the configuration, builds the site if the build is missing or older than
// the sources, then serves it with the Node adapter (PORT and HOST are honoured).
import { buildIfStale, serverEntry } from './build-if-stale.mjs';

const { readConfig, ConfigError } = await import('../src/config.ts');
try {
  readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

buildIfStale();
process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
console.log(`Signpost is starting on http://${process.env.HOST}:${process.env.PORT}`);
await import(serverEntry);
