import { describe, expect, it } from 'vitest';
import { OVERSCAN_PX, visibleRange } from './virtual';

const rows = (n: number, h = 40) => Array.from({ length: n }, () => h);

describe('event log virtual list', () => {
  it('stuck to the bottom, renders the last rows that fill the viewport and the overscan', () => {
    const [start, end] = visibleRange(rows(400), 200, 0, true);
    expect(end).toBe(400);
    expect((end - start) * 40).toBeGreaterThanOrEqual(200 + OVERSCAN_PX);
    expect((end - start - 1) * 40).toBeLessThan(200 + OVERSCAN_PX);
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
    const h = [40, 62, 44, 79, 40, 62];
    expect(visibleRange(h, 100, 0, true)).toEqual(visibleRange([...h], 100, 0, true));
  });
});
