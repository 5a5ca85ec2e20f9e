// The event log is a virtual list: which rows to render for a scroll position (pure).

/** Rows rendered beyond the visible ones, above and below (px): the log is a virtual list, so a seek
 * that replaces every line builds and lays out a screenful of rows, not the whole log (issue 9). */
export const OVERSCAN_PX = 320;
/** A row's height until it has been rendered once (a two-line event). */
export const ESTIMATE_PX = 42;

/** The slice of rows to render: the ones within `OVERSCAN_PX` of the viewport, or, stuck to the
 * bottom, the last ones that fill it (pure: the same log shows the same rows, whatever came before). */
export function visibleRange(heights: readonly number[], viewport: number, scrollTop: number, stuck: boolean): [number, number] {
  const n = heights.length;
  if (stuck) {
    let start = n;
    for (let h = 0; start > 0 && h < viewport + OVERSCAN_PX; ) h += heights[--start];
    return [start, n];
  }
  let start = 0;
  let y = 0;
  while (start < n && y + heights[start] < scrollTop - OVERSCAN_PX) y += heights[start++];
  let end = start;
  while (end < n && y < scrollTop + viewport + OVERSCAN_PX) y += heights[end++];
  return [start, end];
}
