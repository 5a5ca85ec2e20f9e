import { describe, expect, it } from 'vitest';
import { ESTIMATE_PX, OVERSCAN_PX, STUCK_EXTRA_PX, visibleRange } from './virtual';

const rows = (n: number, h = 40) => Array.from({ length: n }, () => h);

describe('event log virtual list', () => {
  it('stuck to the bottom, renders the last rows that fill the viewport and some more', () => {
    const [start, end] = visibleRange(rows(400), 200, 0, true);
    expect(end).toBe(400);
    expect((end - start) * ESTIMATE_PX).toBeGreaterThanOrEqual(200 + STUCK_EXTRA_PX);
    expect((end - start - 1) * ESTIMATE_PX).toBeLessThan(200 + STUCK_EXTRA_PX);
  });

  it('a short log is rendered whole', () => {
    expect(visibleRange(rows(3), 200, 0, true)).toEqual([0, 3]);
    expect(visibleRange(rows(3), 200, 0, false)).toEqual([0, 3]);
    expect(visibleRange([], 200, 0, true)).toEqual([0, 0]);
  });

  it('scrolled up, renders the rows around the viewport', () => {
    const [start, end] = visibleRange(rows(400), 200, 4000, false);
    expect(start * 40).toBeLessThanOrEqual(4000 - OVERSCAN_PX);
    expect(start * 40).toBeGreaterThanOrEqual(4000 - OVERSCAN_PX - 40);
    expect(end * 40).toBeGreaterThanOrEqual(4000 + 200 + OVERSCAN_PX);
    expect(end * 40).toBeLessThan(4000 + 200 + OVERSCAN_PX + 40);
  });

  it('is the same for the same log, whatever was rendered before (time travel compares views)', () => {
    // heights measured or not: stuck to the bottom, the rows are the same
    const many = rows(100, 62);
    expect(visibleRange(many, 200, 0, true)).toEqual(visibleRange(rows(100, 42), 200, 0, true));
  });
});
