// The map's arithmetic: tiles where the pool's grid puts them, hits by division, zoom about a point.
import { describe, expect, it } from 'vitest';
import { centerOn, clampView, contentSize, hitPod, hitTile, MAX_SCALE, MIN_SCALE, podGrid, tileRect, zoomAt, type Grid } from './geometry';

const g: Grid = { cols: 10, cell: 10, gap: 2, pad: 12 };
const one = { scale: 1, ox: 0, oy: 0 };

describe('cluster map geometry', () => {
  it('places tile i where the pool grid does (pad, then cell + gap per column and row)', () => {
    expect(tileRect(0, g, one)).toEqual({ x: 12, y: 12, w: 10, h: 10 });
    expect(tileRect(13, g, one)).toEqual({ x: 12 + 3 * 12, y: 12 + 12, w: 10, h: 10 });
    expect(tileRect(13, g, { scale: 3, ox: -5, oy: 7 })).toEqual({ x: 48 * 3 - 5, y: 24 * 3 + 7, w: 30, h: 30 });
  });

  it('hits the tile under a point, nothing in a gap, the padding or past the last node', () => {
    for (const v of [one, { scale: 4.5, ox: -120, oy: -33 }]) {
      for (const i of [0, 7, 13, 41]) {
        const r = tileRect(i, g, v);
        expect(hitTile(r.x + r.w / 2, r.y + r.h / 2, 42, g, v)).toBe(i);
        expect(hitTile(r.x + 0.1, r.y + r.h - 0.1, 42, g, v)).toBe(i);
      }
    }
    const r = tileRect(3, g, one);
    expect(hitTile(r.x + r.w + 1, r.y + 5, 42, g, one)).toBe(-1); // the gap after it
    expect(hitTile(5, 5, 42, g, one)).toBe(-1); // the padding
    expect(hitTile(tileRect(45, g, one).x + 5, tileRect(45, g, one).y + 5, 42, g, one)).toBe(-1);
    expect(hitTile(12 + 10 * 12 + 3, 15, 42, g, one)).toBe(-1); // right of the last column
  });

  it('hits a pod cell inside a near tile', () => {
    const t = { x: 100, y: 50, w: 80, h: 80 };
    const pg = podGrid(t, 5); // 3 per row
    expect(pg.per).toBe(3);
    expect(hitPod(pg.x + pg.size * 1.5, pg.y + pg.size * 0.5, t, 5)).toBe(1);
    expect(hitPod(pg.x + pg.size * 1.5, pg.y + pg.size * 1.5, t, 5)).toBe(4);
    expect(hitPod(pg.x + pg.size * 2.5, pg.y + pg.size * 1.5, t, 5)).toBe(-1); // the sixth slot is empty
    expect(hitPod(pg.x - 1, pg.y + 1, t, 5)).toBe(-1);
  });

  it('zooms about the cursor: the point under it stays put, within the limits', () => {
    const v = zoomAt(one, 2, 100, 40);
    expect(v.scale).toBe(2);
    // the map point under the cursor before and after
    expect((100 - v.ox) / v.scale).toBeCloseTo(100);
    expect((40 - v.oy) / v.scale).toBeCloseTo(40);
    expect(zoomAt(one, 0.5, 10, 10).scale).toBe(MIN_SCALE);
    expect(zoomAt({ scale: 20, ox: 0, oy: 0 }, 4, 0, 0).scale).toBe(MAX_SCALE);
  });

  it('keeps the map inside the box and centres a tile on request', () => {
    const size = contentSize(42, g);
    expect(size).toEqual({ w: 12 * 2 + 10 * 12 - 2, h: 12 * 2 + 5 * 12 - 2 });
    expect(clampView({ scale: 1, ox: 50, oy: -50 }, 200, 100, size)).toEqual({ scale: 1, ox: 0, oy: 0 });
    expect(clampView({ scale: 4, ox: -10_000, oy: 30 }, 200, 100, size)).toEqual({ scale: 4, ox: 200 - size.w * 4, oy: 0 });
    const c = centerOn(13, g, 5, 200, 100);
    const r = tileRect(13, g, c);
    expect(r.x + r.w / 2).toBeCloseTo(100);
    expect(r.y + r.h / 2).toBeCloseTo(50);
  });
});
