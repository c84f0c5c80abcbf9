/** People data: the private store (accounts, referrals, consents, events, audit log, outbox). */
export * from './schema.ts';
export * from './store.ts';
export { hashToken, looksLikeToken, newToken } from './tokens.ts';
export { migrateToLatest, peopleMigrations, MIGRATION_TABLE } from './migrations.ts';
