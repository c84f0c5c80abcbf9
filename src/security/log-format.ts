/**
 * How the server's log lines look. `json` (the default off a terminal): one JSON object per line,
 * `{"time","level","msg",...fields}`, for log collectors. `text`: the plain lines, for reading on
 * a terminal. The choice and the level of the console call being written are process-wide (a
 * registry symbol), because the start script and the server bundle each hold a copy of this module.
 */

/** The two log formats (LOG_FORMAT). */
export type LogFormat = 'json' | 'text';
/** The level of one log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

type State = { format: LogFormat; level: LogLevel | undefined; consolePatched: boolean };
const KEY = Symbol.for('signpost.log-format');
const holder = globalThis as unknown as Record<symbol, State | undefined>;
const state: State = (holder[KEY] ??= { format: 'text', level: undefined, consolePatched: false });

/** Reads LOG_FORMAT: `json`, `text`, or unset for JSON unless stdout is a terminal. */
export function logFormatFrom(value: string | undefined, isTerminal: boolean): LogFormat {
  if (value === undefined || value === '') return isTerminal ? 'text' : 'json';
  if (value === 'json' || value === 'text') return value;
  throw new Error(`LOG_FORMAT must be "json" or "text" (got "${value.slice(0, 20)}")`);
}

/** The format lines are written in now. */
export function logFormat(): LogFormat {
  return state.format;
}

/**
 * Chooses the format; in `json`, console.debug/info/log/warn/error mark the level of what they
 * write (each call is one write to stdout or stderr).
 */
export function setLogFormat(format: LogFormat): void {
  state.format = format;
  if (state.consolePatched) return;
  state.consolePatched = true;
  const levels: [keyof Console & ('debug' | 'info' | 'log' | 'warn' | 'error'), LogLevel][] = [
    ['debug', 'debug'],
    ['info', 'info'],
    ['log', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
  ];
  for (const [method, level] of levels) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const previous = state.level;
      state.level = level;
      try {
        original(...args);
      } finally {
        state.level = previous;
      }
    };
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * One write to stdout or stderr as a log line in the current format: unchanged in `text`; in
 * `json` an object on one line, its level from the console call (else by stream), colours removed.
 * Returns '' for a write with nothing in it.
 */
export function formatLogWrite(text: string, stream: 'stdout' | 'stderr'): string {
  if (state.format === 'text') return text;
  const msg = text.replace(ANSI, '').replace(/\s+$/, '');
  if (msg === '') return '';
  return jsonLogLine(state.level ?? (stream === 'stderr' ? 'error' : 'info'), msg);
}

/** A JSON log line (with its newline): time, level and message first, then `fields`. */
export function jsonLogLine(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`;
}

/** A path for the access log: capability tokens masked (`/r/<token>`, `/invite/<token>`...), bounded. */
export function accessLogPath(path: string): string {
  const masked = path.replace(
    /^\/(r|invite|reset-password|listings\/check)\/[^/]+/,
    (_whole, prefix: string) => `/${prefix}/[redacted]`,
  );
  return masked.length > 200 ? `${masked.slice(0, 199)}…` : masked;
}
