/**
 * Small-number suppression for the referral reports, so nobody can be singled out from them.
 *
 * The rule, for a table of counts that add up to a total:
 * 1. Primary: a count from 1 to 4 is not shown ("fewer than 5"). Zero is shown.
 * 2. The total is not shown if it is from 1 to 4.
 * 3. Secondary: if any count is hidden and the total is shown, more counts are hidden (the
 *    smallest shown non-zero ones first) until the hidden counts add up to at least 10, so the
 *    total minus the shown counts never pins a hidden count to one value; if that cannot be
 *    done, the total is hidden instead.
 * Single figures outside a table (a funnel stage, a number of responses) follow rule 1.
 *
 * The organisation table (`suppressGrid`) adds up both ways: each column over the organisations
 * to its total row, and each organisation's declines by reason to its "declined" column. Rule 3
 * is applied to every such line, rows and columns, again and again until nothing more is
 * hidden, so no row or column total gives a hidden cell away. The same published cells are
 * used by the page, its chart and its CSV. Means (the wellbeing changes) are shown only from
 * at least 5 pairs of scores.
 */

export const SUPPRESSION_THRESHOLD = 5;
/** Hidden counts in a table must add up to at least this much while its total is shown. */
export const HIDDEN_SUM_MINIMUM = 2 * SUPPRESSION_THRESHOLD;

/** A count as published: `value` null when hidden, and why. */
export interface PublishedCount {
  value: number | null;
  hidden?: 'small' | 'secondary';
}

/** Rule 1 for a single figure. */
export function publish(count: number): PublishedCount {
  return count > 0 && count < SUPPRESSION_THRESHOLD ? { value: null, hidden: 'small' } : { value: count };
}

/** The whole rule for a table's counts and its total. */
export function suppressTable(counts: readonly number[]): { cells: PublishedCount[]; total: PublishedCount } {
  const cells = counts.map(publish);
  const sum = counts.reduce((a, b) => a + b, 0);
  let total = publish(sum);
  const hiddenSum = () => counts.reduce((acc, count, i) => acc + (cells[i]!.value === null ? count : 0), 0);
  if (total.value !== null && cells.some((cell) => cell.value === null)) {
    const candidates = counts
      .map((count, index) => ({ count, index }))
      .filter(({ count, index }) => count > 0 && cells[index]!.value !== null)
      .sort((a, b) => a.count - b.count || a.index - b.index);
    while (hiddenSum() < HIDDEN_SUM_MINIMUM && candidates.length > 0) {
      const next = candidates.shift()!;
      cells[next.index] = { value: null, hidden: 'secondary' };
    }
    if (hiddenSum() < HIDDEN_SUM_MINIMUM) total = { value: null, hidden: 'secondary' };
  }
  return { cells, total };
}

/** How a published count reads in a page or a CSV. */
export function describeCount(count: PublishedCount): string {
  if (count.value !== null) return String(count.value);
  return count.hidden === 'small' ? 'fewer than 5' : 'hidden';
}

/**
 * The rule for a grid where several lines (a row's parts and its row total, a column's cells
 * and its column total) each add up: rule 1 for every cell, then rule 3 on each line in turn,
 * with cells hidden by another line counting as hidden, repeated until nothing changes (a cell
 * hidden to protect a column can expose its row, and the other way round). `lines` give each
 * line's cell positions in `values` and its total's position.
 */
export function suppressGrid(
  values: readonly number[],
  lines: readonly { cells: readonly number[]; total: number }[],
): PublishedCount[] {
  const out = values.map(publish);
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (out[line.total]!.value === null) continue;
      const hiddenSum = () => line.cells.reduce((acc, i) => acc + (out[i]!.value === null ? values[i]! : 0), 0);
      if (!line.cells.some((i) => out[i]!.value === null)) continue;
      const candidates = line.cells
        .filter((i) => values[i]! > 0 && out[i]!.value !== null)
        .sort((a, b) => values[a]! - values[b]! || a - b);
      while (hiddenSum() < HIDDEN_SUM_MINIMUM && candidates.length > 0) {
        out[candidates.shift()!] = { value: null, hidden: 'secondary' };
        changed = true;
      }
      if (hiddenSum() < HIDDEN_SUM_MINIMUM) {
        out[line.total] = { value: null, hidden: 'secondary' };
        changed = true;
      }
    }
  }
  return out;
}
