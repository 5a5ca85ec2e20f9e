// The Pods table renders a window of its rows: a screenful and a margin, wherever it is scrolled.
import { describe, expect, it } from 'vitest';
import { OVERSCAN_ROWS, rowWindow } from './row-window';

describe('rowWindow', () => {
  it('renders every row of a short list', () => {
    expect(rowWindow(5, 26, 400, 0)).toEqual([0, 5]);
    expect(rowWindow(0, 26, 400, 0)).toEqual([0, 0]);
  });
  it('renders a screenful and the margin of a long list at the top', () => {
    // 400 px at 25 px a row: 16 rows on screen and 8 below
    expect(rowWindow(300, 25, 400, 0)).toEqual([0, 16 + OVERSCAN_ROWS]);
  });
  it('follows the scroll: the rows on screen and a margin on each side', () => {
    const [start, end] = rowWindow(300, 25, 400, 2500);
    expect(start).toBe(100 - OVERSCAN_ROWS);
    expect(end).toBe(116 + OVERSCAN_ROWS);
  });
  it('stops at the end, and at a list that shrank under the scroll position', () => {
    expect(rowWindow(300, 25, 400, 25 * 295)).toEqual([295 - OVERSCAN_ROWS, 300]);
    expect(rowWindow(10, 25, 400, 25 * 295)).toEqual([10, 10]);
  });
  it('uses an estimate before a row was measured', () => {
    expect(rowWindow(300, 0, 260, 0)).toEqual([0, 10 + OVERSCAN_ROWS]);
  });
});
