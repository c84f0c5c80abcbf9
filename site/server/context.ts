/**
 * The composition root: the only place that reads the environment and chooses implementations.
 * Everything is created once, on first use, and shared by every request.
 */
import { readConfig, type Config } from '@src/config';
import { openContentSource, type ContentSource } from '@src/content';
import { startPeople, type SignpostAuth } from '@src/accounts';
import type { PeopleStore } from '@src/people';

let configuration: Config | undefined;
let contentSource: Promise<ContentSource> | undefined;

/** The checked configuration; a wrong variable stops the server with a message naming it. */
export function config(): Config {
  configuration ??= readConfig(process.env);
  return configuration;
}

/** The content source for this process. */
export function content(): Promise<ContentSource> {
  contentSource ??= openContentSource(config()).catch((error: unknown) => {
    contentSource = undefined; // try again on the next request
    throw error;
  });
  return contentSource;
}

let peopleData: Promise<{ store: PeopleStore; auth: SignpostAuth }> | undefined;

/**
 * People data (private, SQL: node:sqlite in DATA_DIR, or PostgreSQL when DATABASE_URL is set) and
 * accounts (better-auth over the same store), migrated on first use. On an empty store this
 * prints the first admin's invitation link.
 */
export function people(): Promise<{ store: PeopleStore; auth: SignpostAuth }> {
  peopleData ??= startPeople(config()).catch((error: unknown) => {
    peopleData = undefined; // try again on the next request
    throw error;
  });
  return peopleData;
}
