/**
 * Log lines the server prints: always one line, control characters escaped and every value
 * bounded, so a request value (a `redirectTo`, a header, a path) cannot forge a second line,
 * drive a terminal with ANSI escapes or fill the disk.
 */

/** How much of one value a log line keeps. */
export const MAX_LOG_VALUE = 500;

/** A value fit for a log line: one line, control characters as `\n`, `\x1b`, `\u2028`..., at most `max` characters. */
export function safe(value: unknown, max = MAX_LOG_VALUE): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Error) text = `${value.name}: ${value.message}`;
  else {
    try {
      text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    } catch {
      text = String(value);
    }
  }
  const bounded = text.length > max * 2 ? text.slice(0, max * 2) : text;
  // eslint-disable-next-line no-control-regex
  const escaped = bounded.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/g, (ch) => {
    if (ch === '\\') return '\\\\';
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    if (ch === '\0') return '\\0';
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** One log line from parts: strings and values each made `safe`, joined by spaces. */
export function logLine(...parts: unknown[]): string {
  return parts.map((part) => safe(part)).join(' ');
}
