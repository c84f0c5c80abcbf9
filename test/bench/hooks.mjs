// Lets plain Node 24 run the project's TypeScript: `src/` imports its own modules without an
// extension (Vite resolves them for the site and the tests), so try `.ts` and `/index.ts` when a
// relative import is not found. Node strips the types itself (the code uses erasable syntax only).
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (!relative || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      for (const suffix of ['.ts', '/index.ts']) {
        try {
          return nextResolve(specifier + suffix, context);
        } catch {
          // try the next form
        }
      }
      throw error;
    }
  },
});
