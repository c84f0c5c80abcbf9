/**
 * The composition root: the only place that reads the environment and chooses implementations.
 * Everything is created once, on first use, and shared by every request.
 */
import { readConfig, type Config } from '@src/config';
import { openContentSource, type ContentSource } from '@src/content';

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
