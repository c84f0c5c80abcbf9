import { afterEach, describe, expect, it } from 'vitest';
import { accessLogPath, formatLogWrite, logFormatFrom, setLogFormat } from '../../src/security/log-format.ts';

// Vitest captures console output itself; this stands in for Node's console.warn, which writes to
// stderr, before setLogFormat wraps it.
console.warn = (...args: unknown[]) => void process.stderr.write(`${args.join(' ')}\n`);

afterEach(() => setLogFormat('text'));

describe('log format', () => {
  it('defaults to JSON off a terminal and to text on one, and refuses anything else', () => {
    expect(logFormatFrom(undefined, false)).toBe('json');
    expect(logFormatFrom('', true)).toBe('text');
    expect(logFormatFrom('text', false)).toBe('text');
    expect(logFormatFrom('json', true)).toBe('json');
    expect(() => logFormatFrom('yaml', false)).toThrow(/LOG_FORMAT must be "json" or "text"/);
  });

  it('writes one JSON object per write, colours removed and newlines kept inside the message', () => {
    setLogFormat('json');
    const line = formatLogWrite('\u001b[32mfirst\u001b[39m\nsecond\n', 'stdout');
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trim().split('\n')).toHaveLength(1);
    const record = JSON.parse(line) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'info', msg: 'first\nsecond' });
    expect(Number.isNaN(Date.parse(record.time as string))).toBe(false);
    expect(formatLogWrite('  \n', 'stdout')).toBe('');
  });

  it('takes the level from the console call, else from the stream', () => {
    setLogFormat('json');
    expect(JSON.parse(formatLogWrite('broken\n', 'stderr')).level).toBe('error');
    const written: string[] = [];
    const original = process.stderr.write;
    process.stderr.write = ((chunk: string) => {
      written.push(formatLogWrite(chunk, 'stderr'));
      return true;
    }) as typeof process.stderr.write;
    try {
      console.warn('careful');
    } finally {
      process.stderr.write = original;
    }
    expect(JSON.parse(written[0]!)).toMatchObject({ level: 'warn', msg: 'careful' });
  });

  it('leaves text lines as they are', () => {
    expect(formatLogWrite('plain line\n', 'stdout')).toBe('plain line\n');
  });

  it('masks capability tokens in access-log paths and bounds their length', () => {
    expect(accessLogPath('/r/AbCdEfGh_123')).toBe('/r/[redacted]');
    expect(accessLogPath('/invite/xyz')).toBe('/invite/[redacted]');
    expect(accessLogPath('/reset-password/xyz')).toBe('/reset-password/[redacted]');
    expect(accessLogPath('/listings/check/xyz/extra')).toBe('/listings/check/[redacted]/extra');
    expect(accessLogPath('/services/a-cafe')).toBe('/services/a-cafe');
    expect(accessLogPath(`/${'a'.repeat(500)}`)).toHaveLength(200);
  });
});
