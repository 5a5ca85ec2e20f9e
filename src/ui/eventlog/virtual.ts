// The event log is a virtual list: which rows to render for a scroll position (pure).

/** Rows rendered beyond the visible ones, above and below (px): the log is a virtual list, so a seek
 * that replaces every line builds and lays out a screenful of rows, not the whole log (issue 9). */
export const OVERSCAN_PX = 320;
/** Stuck to the bottom (reading as it plays), more of the newest lines are kept: the recent past is
 * what one scrolls back to, and what is found in the page's text (about 24 rows in all at 1280×720). */
export const STUCK_EXTRA_PX = 800;
/** A row's height until it has been rendered once (a two-line event). */
export const ESTIMATE_PX = 42;

/** The slice of rows to render: the ones within `OVERSCAN_PX` of the viewport, or, stuck to the
 * bottom, as many of the last ones as fill it and `STUCK_EXTRA_PX` at two lines each. */
export function visibleRange(heights: readonly number[], viewport: number, scrollTop: number, stuck: boolean): [number, number] {
  const n = heights.length;
  // a count, not the measured heights: which rows a moment shows must not depend on which rows
  // were measured before (stepping back to a moment shows exactly what stepping to it showed)
  if (stuck) return [Math.max(0, n - Math.ceil((viewport + STUCK_EXTRA_PX) / ESTIMATE_PX)), n];
  let start = 0;
  let y = 0;
  while (start < n && y + heights[start] < scrollTop - OVERSCAN_PX) y += heights[start++];
  let end = start;
  while (end < n && y < scrollTop + viewport + OVERSCAN_PX) y += heights[end++];
  return [start, end];
}
