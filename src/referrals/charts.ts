/**
 * Bar charts as SVG, drawn on the server (no JavaScript): one bar per row, its label and its
 * value written beside it. A hidden value draws no bar and says why. Each chart is an image
 * with a text alternative; the page puts the same numbers in a table after it.
 */

export interface ChartRow {
  label: string;
  /** Null: not shown (suppressed or not enough data); `note` says why. */
  value: number | null;
  note?: string;
  /** How the value reads (defaults to the number). */
  text?: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WIDTH = 640;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 110;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;

/** Shortens a label to fit the label column (the table below has it in full). */
function fit(label: string, max = 32): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** A horizontal bar chart; `summary` is its text alternative. */
export function barChartSvg(input: { rows: readonly ChartRow[]; summary: string }): string {
  const rows = input.rows;
  const height = Math.max(1, rows.length) * ROW_HEIGHT + 8;
  const max = Math.max(1, ...rows.map((row) => row.value ?? 0));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const parts = rows.map((row, index) => {
    const y = 4 + index * ROW_HEIGHT;
    const middle = y + ROW_HEIGHT / 2;
    const label = `<text x="${LABEL_WIDTH - 8}" y="${middle}" text-anchor="end" dominant-baseline="middle">${escapeXml(fit(row.label))}</text>`;
    if (row.value === null) {
      return `${label}<text x="${LABEL_WIDTH}" y="${middle}" dominant-baseline="middle" class="sp-chart__note">${escapeXml(row.note ?? 'not shown')}</text>`;
    }
    const width = row.value === 0 ? 0 : Math.max(2, Math.round((row.value / max) * barSpace));
    const text = row.text ?? String(row.value);
    return `${label}<rect x="${LABEL_WIDTH}" y="${y + (ROW_HEIGHT - BAR_HEIGHT) / 2}" width="${width}" height="${BAR_HEIGHT}" class="sp-chart__bar"/><text x="${LABEL_WIDTH + width + 6}" y="${middle}" dominant-baseline="middle">${escapeXml(text)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(input.summary)}" class="sp-chart" focusable="false">${parts.join('')}</svg>`;
}
