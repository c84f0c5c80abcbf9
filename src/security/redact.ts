/**
 * Log lines never carry personal data or secrets. Everything the server prints passes through
 * `redactLogText`: capability links (`/invite/<token>`, `/reset-password/<token>`, `/r/<token>`
 * and query-string tokens), email addresses, UK postcodes and phone numbers are masked. Then each
 * write is shaped as a log line in the chosen format (src/security/log-format.ts).
 */
import { safe } from './log.ts';
import { formatLogWrite, jsonLogLine, logFormat, type LogLevel } from './log-format.ts';

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
 * through `redactLogText`, then `formatLogWrite`. Idempotent.
 */
export function installLogRedaction(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (originals.has(stream)) continue;
    const original = stream.write.bind(stream) as Write;
    originals.set(stream, original);
    stream.write = function write(chunk: unknown, ...rest: unknown[]): boolean {
      const text =
        typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk;
      if (typeof text !== 'string') return (original as (...args: unknown[]) => boolean)(text, ...rest);
      const line = formatLogWrite(redactLogText(text), stream === process.stderr ? 'stderr' : 'stdout');
      // Nothing to log (an empty write) still calls back, as the stream would.
      return (original as (...args: unknown[]) => boolean)(line === '' ? '' : line, ...rest);
    } as Write;
  }
}

/** Writes a line to stdout without redaction: only for the first admin's one-time invitation at start. */
export function writeUnredacted(line: string): void {
  const write = originals.get(process.stdout) ?? process.stdout.write.bind(process.stdout);
  write(logFormat() === 'json' ? jsonLogLine('info', line.replace(/\s+$/, '')) : `${line}\n`);
}

/** A background job's failure, for its log line: the error's message only, redacted and kept short. */
export function jobErrorText(error: unknown): string {
  return redactLogText(error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/**
 * Writes one structured log record (e.g. the access log): in `json` the fields sit beside
 * `time`, `level` and `msg`; in `text` they follow the message as `name=value`. Strings are
 * redacted and made one-line either way.
 */
export function logEvent(level: LogLevel, msg: string, fields: Record<string, string | number | boolean>): void {
  const clean: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(fields)) {
    clean[name] = typeof value === 'string' ? redactLogText(safe(value)) : value;
  }
  const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
  const write = originals.get(stream) ?? stream.write.bind(stream);
  if (logFormat() === 'json') write(jsonLogLine(level, redactLogText(safe(msg)), clean));
  else {
    const parts = Object.entries(clean).map(([name, value]) => `${name}=${value}`);
    write(`${redactLogText(safe(msg))} ${parts.join(' ')}\n`);
  }
}
