// Painting the map on a 2D canvas. Two levels of detail: far, a tile is the node's STATUS colour with
// a strip of its pods' colours and its CPU / memory requests as bars; near, the tile shows its name,
// one cell per pod and labelled bars. Only tiles on screen are painted.
import type { NodeRow } from '../../folds/cluster-map';
import { NAME_PX, NEAR_PX, podGrid, tileRect, type Grid, type Rect, type View } from './geometry';
import { BAR, FLASH, FOCUS, NODE_EDGE, NODE_FILL, POD_BUCKETS, POD_FILL, podBucket, type PodBucket } from './palette';

export interface Paint {
  names: readonly string[];
  rows: ReadonlyMap<string, NodeRow>;
  grid: Grid;
  view: View;
  w: number;
  h: number;
  /** key (`node:name` or a pod key) → 0..1 strength of its story highlight */
  flash: ReadonlyMap<string, number>;
  focus: number;
  open: string | null;
  selectedPod: string | null;
}

function nodeLook(r: NodeRow | undefined): keyof typeof NODE_FILL {
  if (!r || r.ready === '') return 'unknown';
  return r.ready === 'True' ? 'ready' : 'notReady';
}

function bar(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, used: number, of: number, color: string) {
  ctx.fillStyle = BAR.track;
  ctx.fillRect(x, y, w, h);
  if (of <= 0) return;
  ctx.fillStyle = color;
  ctx.fillRect(x, y, w * Math.min(1, used / of), h);
}

function stripes(ctx: CanvasRenderingContext2D, t: Rect) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(t.x, t.y, t.w, t.h);
  ctx.clip();
  ctx.strokeStyle = 'rgba(71, 85, 105, 0.35)';
  ctx.lineWidth = Math.max(1, t.w / 12);
  const step = Math.max(3, t.w / 4);
  for (let d = -t.h; d < t.w; d += step) {
    ctx.beginPath();
    ctx.moveTo(t.x + d, t.y + t.h);
    ctx.lineTo(t.x + d + t.h, t.y);
    ctx.stroke();
  }
  ctx.restore();
}

function far(ctx: CanvasRenderingContext2D, t: Rect, r: NodeRow | undefined) {
  const pods = r?.pods ?? [];
  if (pods.length) {
    // the pods' colours as one strip, in the legend's order
    const counts = new Map<PodBucket, number>();
    for (const p of pods) counts.set(podBucket(p.status), (counts.get(podBucket(p.status)) ?? 0) + 1);
    let x = t.x + t.w * 0.1;
    const sw = t.w * 0.8;
    for (const b of POD_BUCKETS) {
      const n = counts.get(b);
      if (!n) continue;
      ctx.fillStyle = POD_FILL[b];
      ctx.fillRect(x, t.y + t.h * 0.12, (sw * n) / pods.length, t.h * 0.4);
      x += (sw * n) / pods.length;
    }
  }
  if (r) {
    const bh = Math.max(1, t.h * 0.14);
    bar(ctx, t.x + t.w * 0.1, t.y + t.h * 0.6, t.w * 0.8, bh, r.reqCpuMilli, r.allocCpuMilli, BAR.cpu);
    bar(ctx, t.x + t.w * 0.1, t.y + t.h * 0.6 + bh + Math.max(0.5, t.h * 0.04), t.w * 0.8, bh, r.reqMemBytes, r.allocMemBytes, BAR.memory);
  }
}

function near(ctx: CanvasRenderingContext2D, t: Rect, r: NodeRow | undefined, name: string, p: Paint) {
  if (t.h >= NAME_PX) {
    ctx.fillStyle = '#0f172a';
    ctx.font = `600 ${Math.min(14, t.h * 0.11)}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.fillText(name, t.x + t.w * 0.06, t.y + t.h * 0.1, t.w * 0.88);
  }
  const pods = r?.pods ?? [];
  const pg = podGrid(t, pods.length);
  const pad = Math.max(0.5, pg.size * 0.1);
  pods.forEach((c, j) => {
    const x = pg.x + (j % pg.per) * pg.size;
    const y = pg.y + Math.floor(j / pg.per) * pg.size;
    ctx.fillStyle = POD_FILL[podBucket(c.status)];
    ctx.fillRect(x + pad, y + pad, pg.size - 2 * pad, pg.size - 2 * pad);
    const f = p.flash.get(c.key);
    if (f || c.key === p.selectedPod) {
      ctx.strokeStyle = c.key === p.selectedPod ? FOCUS : FLASH;
      ctx.globalAlpha = c.key === p.selectedPod ? 1 : f!;
      ctx.lineWidth = Math.max(1.5, pad * 1.5);
      ctx.strokeRect(x + pad, y + pad, pg.size - 2 * pad, pg.size - 2 * pad);
      ctx.globalAlpha = 1;
    }
  });
  if (r) {
    const bh = t.h * 0.06;
    const y = t.y + t.h - bh * 2 - t.h * 0.07;
    bar(ctx, t.x + t.w * 0.06, y, t.w * 0.88, bh, r.reqCpuMilli, r.allocCpuMilli, BAR.cpu);
    bar(ctx, t.x + t.w * 0.06, y + bh + t.h * 0.02, t.w * 0.88, bh, r.reqMemBytes, r.allocMemBytes, BAR.memory);
  }
}

/** The region a tile owns: itself and half the gap around it. A tile is drawn clipped to it, so one
 * tile can be repainted alone with the same pixels a whole paint gives it. */
function cellRect(t: Rect, p: Paint): Rect {
  const half = (p.grid.gap * p.view.scale) / 2;
  return { x: t.x - half, y: t.y - half, w: t.w + 2 * half, h: t.h + 2 * half };
}

function tile(ctx: CanvasRenderingContext2D, p: Paint, i: number, clear: boolean): void {
  const t = tileRect(i, p.grid, p.view);
  if (t.x > p.w || t.y > p.h || t.x + t.w < 0 || t.y + t.h < 0) return;
  const size = p.grid.cell * p.view.scale;
  const name = p.names[i];
  const r = p.rows.get(name);
  const look = nodeLook(r);
  const c = cellRect(t, p);
  ctx.save();
  ctx.beginPath();
  ctx.rect(c.x, c.y, c.w, c.h);
  ctx.clip();
  if (clear) ctx.clearRect(c.x, c.y, c.w, c.h);
  ctx.fillStyle = NODE_FILL[look];
  ctx.fillRect(t.x, t.y, t.w, t.h);
  if (r?.unschedulable) stripes(ctx, t);
  if (size >= NEAR_PX) near(ctx, t, r, name, p);
  else far(ctx, t, r);
  ctx.lineWidth = Math.max(0.5, Math.min(2, size / 14));
  ctx.strokeStyle = NODE_EDGE[look];
  ctx.strokeRect(t.x, t.y, t.w, t.h);
  const f = p.flash.get(`node:${name}`);
  if (f) {
    ctx.globalAlpha = f;
    ctx.strokeStyle = FLASH;
    ctx.lineWidth = Math.max(1.5, size / 8);
    ctx.strokeRect(t.x - 1, t.y - 1, t.w + 2, t.h + 2);
    ctx.globalAlpha = 1;
  }
  ctx.restore();
}

/** The focused and the open tile's ring, over everything (it reaches into the gap and its neighbours). */
function rings(ctx: CanvasRenderingContext2D, p: Paint): void {
  for (let i = 0; i < p.names.length; i++) {
    if (i !== p.focus && p.names[i] !== p.open) continue;
    const t = tileRect(i, p.grid, p.view);
    ctx.strokeStyle = FOCUS;
    ctx.lineWidth = 2;
    ctx.strokeRect(t.x - 2, t.y - 2, t.w + 4, t.h + 4);
  }
}

export function paint(ctx: CanvasRenderingContext2D, p: Paint): void {
  ctx.clearRect(0, 0, p.w, p.h);
  for (let i = 0; i < p.names.length; i++) tile(ctx, p, i, false);
  rings(ctx, p);
}

/** Repaint only tiles `which` (their rows or highlights changed; the view, focus and selection did
 * not): a batch at 1,000 nodes changes a few dozen tiles, and a whole paint is every tile. */
export function paintTiles(ctx: CanvasRenderingContext2D, p: Paint, which: Iterable<number>): void {
  for (const i of which) tile(ctx, p, i, true);
  rings(ctx, p);
}
