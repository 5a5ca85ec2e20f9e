// kubectl's table output goes through Go's text/tabwriter as printers.GetNewTabWriter sets it up
// (staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go: minwidth 6, tabwidth 4, padding 3,
// padchar ' '): a cell ended by a tab is padded to its column's widest cell plus 3, at least 6; the
// last cell of a line is not padded. Widths count runes (text/tabwriter counts UTF-8 runes).
const PADDING = 3;
const MIN_WIDTH = 6;

const width = (s: string) => [...s].length;

/**
 * Lines of tab-separated cells, aligned as kubectl prints them (each line ends with \n). `widths`
 * carries column widths from one write to the next: kubectl's tabwriter (github.com/liggitt/
 * tabwriter, flag RememberWidths) keeps them across flushes, so `get -w` rows line up with the
 * table above them and columns only grow.
 */
export function tabwrite(rows: string[][], widths: number[] = []): string {
  // a column's width is taken over the consecutive lines that have a tab-terminated cell in it
  // (tabwriter's column blocks); kubectl's tables have the same cell count on every line
  for (const r of rows) for (let i = 0; i < r.length - 1; i++) widths[i] = Math.max(widths[i] ?? 0, width(r[i]));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c + ' '.repeat(Math.max(widths[i] + PADDING, MIN_WIDTH) - width(c)) : c)).join('') + '\n').join('');
}
