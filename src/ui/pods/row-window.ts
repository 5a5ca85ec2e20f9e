// The Pods table is a virtual list of equal rows: which rows to render for a scroll position (pure).
// At 10,000 pods every batch changed the table, and React and the browser re-rendered and laid out
// all 300 listed rows (a 1,000-node cluster's long frames); now only a screenful and a margin.

/** Rows rendered beyond the visible ones, above and below. */
export const OVERSCAN_ROWS = 8;
/** A row's height until one has been measured (13 px text, 4 px padding, a 1 px border). */
export const ROW_ESTIMATE_PX = 26;

/** [start, end) of the `count` rows of `rowPx` each to render, with the body scrolled by `scrollTop`
 * in a viewport of `viewport` px. */
export function rowWindow(count: number, rowPx: number, viewport: number, scrollTop: number, overscan = OVERSCAN_ROWS): [number, number] {
  const h = rowPx > 0 ? rowPx : ROW_ESTIMATE_PX;
  const first = Math.floor(Math.max(0, scrollTop) / h);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(Math.max(0, viewport) / h) + overscan);
  return [start, Math.max(start, end)];
}
