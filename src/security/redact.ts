/**
 * Log lines never carry personal data or secrets. Everything the server prints passes through
 * `redactLogText`: capability links (`/invite/<token>`, `/reset-password/<token>`, `/r/<token>`
 * and query-string tokens), email addresses, UK postcodes and phone numbers are masked.
 */

const CAPABILITY_PATH = /(\/(?:invite|reset-password|r)\/)[^\s/?#"'<>]+/g;
const TOKEN_PARAM = /([?&](?:token|code|callbackURL)=)[^\s&#"'<>]+/gi;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Full UK postcodes ("N1 9GU", "EC1A 1BB"); outward districts alone are not identifying.
const POSTCODE = /\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/gi;
// UK phone numbers: 07..., 01..., 02..., 03..., +44..., with optional spaces.
const PHONE = /(?<![\w.-])(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?![\w-])/g;

/** The text with capability tokens, email addresses, postcodes and phone numbers masked. */
export function redactLogText(text: string): string {
  return text
    .replace(CAPABILITY_PATH, '$1[redacted]')
    .replace(TOKEN_PARAM, '$1[redacted]')
    .replace(EMAIL, '[email]')
    .replace(POSTCODE, '[postcode]')
    .replace(PHONE, '[phone]');
}

type Write = typeof process.stdout.write;
// Shared by every copy of this module in the process (the start script's and the server bundle's).
const KEY = Symbol.for('signpost.log-redaction.originals');
const holder = globalThis as unknown as Record<symbol, Map<NodeJS.WriteStream, Write> | undefined>;
const originals: Map<NodeJS.WriteStream, Write> = (holder[KEY] ??= new Map());

/**
 * Routes everything written to stdout and stderr (console, Astro's and the adapter's loggers)
 * through `redactLogText`. Idempotent.
 */
export function installLogRedaction(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (originals.has(stream)) continue;
    const original = stream.write.bind(stream) as Write;
    originals.set(stream, original);
    stream.write = function write(chunk: unknown, ...rest: unknown[]): boolean {
      const text =
        typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk;
      return (original as (...args: unknown[]) => boolean)(
        typeof text === 'string' ? redactLogText(text) : text,
        ...rest,
      );
    } as Write;
  }
}

/** Writes to stdout without redaction: only for the first admin's one-time invitation at start. */
export function writeUnredacted(line: string): void {
  const write = originals.get(process.stdout) ?? process.stdout.write.bind(process.stdout);
  write(`${line}\n`);
}

/** A background job's failure, for its log line: the error's message only, redacted and kept short. */
export function jobErrorText(error: unknown): string {
  return redactLogText(error instanceof Error ? error.message : String(error)).slice(0, 300);
}
