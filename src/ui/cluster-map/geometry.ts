// The map's geometry, pure: where each node tile and pod cell is, at a zoom and pan, and which one a
// point falls on — arithmetic on the grid, no object per cell (a thousand tiles, thousands of cells).

/** The tile grid in map units (at scale 1 a unit is one CSS pixel: the pool's own cell grid, so the
 * diagram's tokens land on the tile of their node). */
export interface Grid {
  cols: number;
  cell: number;
  gap: number;
  pad: number;
}

/** screen = map × scale + offset */
export interface View {
  scale: number;
  ox: number;
  oy: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MIN_SCALE = 1;
export const MAX_SCALE = 24;
/** on-screen tile size from which pod cells are drawn, and node names */
export const NEAR_PX = 28;
export const NAME_PX = 64;

export function tileRect(i: number, g: Grid, v: View): Rect {
  const col = i % g.cols;
  const row = Math.floor(i / g.cols);
  const step = g.cell + g.gap;
  return { x: (g.pad + col * step) * v.scale + v.ox, y: (g.pad + row * step) * v.scale + v.oy, w: g.cell * v.scale, h: g.cell * v.scale };
}

/** The tile under a screen point, or -1 (in a gap, or past the last node). */
export function hitTile(px: number, py: number, n: number, g: Grid, v: View): number {
  const mx = (px - v.ox) / v.scale - g.pad;
  const my = (py - v.oy) / v.scale - g.pad;
  if (mx < 0 || my < 0) return -1;
  const step = g.cell + g.gap;
  const col = Math.floor(mx / step);
  const row = Math.floor(my / step);
  if (col >= g.cols || mx - col * step > g.cell || my - row * step > g.cell) return -1;
  const i = row * g.cols + col;
  return i < n ? i : -1;
}

/** Pod cells inside a tile (below the name, above the bars): a square-ish grid sized to the pods. */
export function podGrid(tile: Rect, pods: number): { x: number; y: number; per: number; size: number } {
  const top = tile.h >= NAME_PX ? tile.h * 0.2 : tile.h * 0.08;
  const bars = tile.h * 0.2;
  const inner = Math.max(1, Math.min(tile.w * 0.9, tile.h - top - bars));
  const per = Math.max(2, Math.ceil(Math.sqrt(Math.max(pods, 1))));
  const size = inner / per;
  return { x: tile.x + (tile.w - inner) / 2, y: tile.y + top, per, size };
}

/** The pod cell under a point inside a tile, or -1. */
export function hitPod(px: number, py: number, tile: Rect, pods: number): number {
  const pg = podGrid(tile, pods);
  const col = Math.floor((px - pg.x) / pg.size);
  const row = Math.floor((py - pg.y) / pg.size);
  if (col < 0 || row < 0 || col >= pg.per) return -1;
  const j = row * pg.per + col;
  return j < pods ? j : -1;
}

/** Zoom about a screen point (the wheel's cursor), kept within the scale limits. */
export function zoomAt(v: View, factor: number, px: number, py: number): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
  const k = scale / v.scale;
  return { scale, ox: px - (px - v.ox) * k, oy: py - (py - v.oy) * k };
}

/** Keep the map from leaving the box: at scale 1 it sits at the origin. */
export function clampView(v: View, w: number, h: number, content: { w: number; h: number }): View {
  const cw = content.w * v.scale;
  const ch = content.h * v.scale;
  const ox = cw <= w ? 0 : Math.min(0, Math.max(w - cw, v.ox));
  const oy = ch <= h ? 0 : Math.min(0, Math.max(h - ch, v.oy));
  return { scale: v.scale, ox, oy };
}

export function contentSize(n: number, g: Grid): { w: number; h: number } {
  const rows = Math.ceil(n / g.cols);
  const step = g.cell + g.gap;
  return { w: g.pad * 2 + g.cols * step - g.gap, h: g.pad * 2 + rows * step - g.gap };
}

/** A view that shows tile `i` near the middle at `scale` (keyboard focus, "show node"). */
export function centerOn(i: number, g: Grid, scale: number, w: number, h: number): View {
  const t = tileRect(i, g, { scale, ox: 0, oy: 0 });
  return { scale, ox: w / 2 - (t.x + t.w / 2), oy: h / 2 - (t.y + t.h / 2) };
}
