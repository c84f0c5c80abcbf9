/**
 * CSV for the report exports, written here because no CSV library is installed (one small
 * function, tested): RFC 4180 (fields separated by commas, records by CRLF, a field quoted when
 * it holds a comma, a double quote, CR or LF, or leading or trailing spaces; quotes doubled). A
 * text field starting with `=`, `+`, `-`, `@`, a tab or CR gets a leading apostrophe so a
 * spreadsheet never runs it as a formula (OWASP "CSV injection"); numbers are written as they are.
 */

export type CsvValue = string | number | null | undefined;

/** One field as RFC 4180 wants it. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first usually the header) as a CSV document, each record ending in CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
