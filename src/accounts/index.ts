/** Accounts and roles through better-auth; see auth.ts, invitations.ts and viewer.ts. */
import type { Config } from '../config.ts';
import { createPeopleStore, type PeopleStore } from '../people/store.ts';
import { createAuth, type SignpostAuth } from './auth.ts';
import { ensureFirstAdmin } from './invitations.ts';

export * from './auth.ts';
export * from './invitations.ts';
export * from './passwords.ts';
export * from './viewer.ts';
export { resolveAuthSecret } from './secret.ts';

/**
 * What the server needs at start: the people store (migrated), better-auth over it, and on the
 * first start of an empty store a printed invitation for the first admin.
 */
export async function startPeople(
  config: Config,
  log: (line: string) => void = console.log,
): Promise<{ store: PeopleStore; auth: SignpostAuth }> {
  const store = await createPeopleStore(config);
  try {
    const auth = createAuth(store, config, { log });
    await ensureFirstAdmin(store, config, log);
    return { store, auth };
  } catch (error) {
    await store.close();
    throw error;
  }
}
