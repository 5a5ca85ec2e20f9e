// The large-cluster map (issue 12): a canvas in the diagram's pool box, fed by the worker's compact
// rows. Redraws only when the rows, the view or a highlight changed; hit-testing is arithmetic on
// the grid. Click (or Enter on a focused tile) opens the node's detail. Loaded lazily by PoolNode.
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/react';
import { LARGE_CLUSTER_NODES } from '../../protocol/messages';
import { useServices, useUiState } from '../store/context';
import type { UiState } from '../store/types';
import { paint, paintTiles, type Paint } from './draw';
import { centerOn, clampView, contentSize, hitPod, hitTile, MIN_SCALE, tileRect, zoomAt, type Grid, type View } from './geometry';
import { NodeDetail } from './NodeDetail';
import './cluster-map.css';

export { MapLegend } from './MapLegend';

const FLASH_MS = 1200;
/** backing pixels per CSS pixel: the diagram zooms the box, so draw finer than the screen */
const SHARP = 2;

interface Props {
  width: number;
  height: number;
  grid: Grid;
}

/** from this many nodes, fading highlights repaint the map every FADE_FRAME_MS instead of every frame */
const FADE_EVERY_FRAME_BELOW = LARGE_CLUSTER_NODES;
const FADE_FRAME_MS = 66;

/** node name → its tile's index, per names array */
const tileIndexes = new WeakMap<readonly string[], Map<string, number>>();
function tileIndex(names: readonly string[]): Map<string, number> {
  let m = tileIndexes.get(names);
  if (!m) tileIndexes.set(names, (m = new Map(names.map((n, i) => [n, i]))));
  return m;
}
const mark = (dirty: Set<number>, i: number | undefined) => i !== undefined && dirty.add(i);

export default function ClusterMap({ width, height, grid }: Props) {
  const { store, bridge } = useServices();
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useRef<View>({ scale: MIN_SCALE, ox: 0, oy: 0 });
  const flashes = useRef(new Map<string, number>());
  /** a highlight's key → the node whose tile shows it */
  const flashTile = useRef(new Map<string, string>());
  const dirty = useRef(true);
  const [focus, setFocus] = useState(-1);
  const [open, setOpen] = useState<string | null>(null);
  const [scale, setScale] = useState(MIN_SCALE);
  const state = useRef({ focus, open });
  state.current = { focus, open };
  const names = useUiState((s) => s.nodeNames);
  const namesRef = useRef(names);
  namesRef.current = names;

  /** what the canvas shows: the last paint's inputs (a tile is repainted when its own changed) */
  const painted = useRef<Paint | null>(null);
  const paintedSize = useRef(0);
  // one animation frame when something changed (and while highlights fade)
  const frame = useRef(0);
  const fade = useRef(0);
  const drawRef = useRef(() => {});
  const request = () => {
    dirty.current = true;
    if (!frame.current) frame.current = requestAnimationFrame(() => drawRef.current());
  };
  function draw() {
    frame.current = 0;
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !dirty.current) return;
    dirty.current = false;
    const s = store.getState();
    const now = performance.now();
    const reduce = s.reduceMotion;
    const flash = new Map<string, number>();
    for (const [k, at] of flashes.current) {
      const age = now - at;
      if (age > FLASH_MS) flashes.current.delete(k);
      else flash.set(k, reduce ? 1 : 1 - age / FLASH_MS);
    }
    ctx.setTransform(SHARP * devicePixelRatio, 0, 0, SHARP * devicePixelRatio, 0, 0);
    const p: Paint = { names: namesRef.current, rows: s.mapRows, grid, view: view.current, w: width, h: height, flash, focus: state.current.focus, open: state.current.open, selectedPod: s.selectedKey };
    const was = painted.current;
    painted.current = p;
    // only rows or highlights changed since the last paint: repaint their tiles, not every tile
    if (was && was.names === p.names && was.grid === p.grid && was.view === p.view && was.w === p.w && was.h === p.h && was.focus === p.focus && was.open === p.open && was.selectedPod === p.selectedPod && el.width === paintedSize.current) {
      const dirty = new Set<number>();
      const index = tileIndex(p.names);
      for (const [name, r] of p.rows) if (was.rows.get(name) !== r) mark(dirty, index.get(name));
      for (const key of [...was.flash.keys(), ...p.flash.keys()]) {
        if (was.flash.get(key) === p.flash.get(key)) continue;
        mark(dirty, index.get(flashTile.current.get(key) ?? ''));
      }
      paintTiles(ctx, p, dirty);
    } else paint(ctx, p);
    paintedSize.current = el.width;
    for (const key of flashTile.current.keys()) if (!flash.has(key)) flashTile.current.delete(key);
    if (flashes.current.size) {
      // fading highlights alone: every frame on a small map; on a large one (a paint is every tile and
      // pod cell) about 15 times a second, or the fades of a busy story took the page's frames
      if (namesRef.current.length < FADE_EVERY_FRAME_BELOW) request();
      else if (!fade.current) fade.current = window.setTimeout(() => ((fade.current = 0), request()), FADE_FRAME_MS);
    }
  }
  drawRef.current = draw;

  // the story's new events light their pods and nodes (a seek back lights nothing)
  useEffect(() => {
    request();
    return store.subscribe((s: UiState, prev: UiState) => {
      if (s.mapRows !== prev.mapRows) {
        const since = prev.timeline.position;
        if (s.timeline.position > since) {
          const now = performance.now();
          for (const r of s.mapRows.values()) {
            if (prev.mapRows.get(r.name) === r) continue;
            if (r.story > since) {
              flashes.current.set(`node:${r.name}`, now);
              flashTile.current.set(`node:${r.name}`, r.name);
            }
            for (const c of r.pods) {
              if (c.story <= since) continue;
              flashes.current.set(c.key, now);
              flashTile.current.set(c.key, r.name);
            }
          }
        }
        request();
      } else if (s.selectedKey !== prev.selectedKey || s.nodeNames !== prev.nodeNames || s.reduceMotion !== prev.reduceMotion) request();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  useEffect(request, [focus, open, width, height, grid, names]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => () => (cancelAnimationFrame(frame.current), clearTimeout(fade.current)), []);
  // the map leaves (a small cluster now): the worker stops sending the open node's pods
  useEffect(() => () => bridge.send({ type: 'MAP_FOCUS', node: null }), [bridge]);

  const setView = (v: View) => {
    view.current = clampView(v, width, height, contentSize(namesRef.current.length, grid));
    setScale(view.current.scale);
    request();
  };

  // wheel: zoom about the cursor (a non-passive listener, so the page does not scroll)
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const k = width / r.width; // the diagram's own zoom scales the box
      setView(zoomAt(view.current, Math.exp(-e.deltaY * 0.002), (e.clientX - r.left) * k, (e.clientY - r.top) * k));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  });

  const openNode = (name: string | null) => {
    setOpen(name);
    bridge.send({ type: 'MAP_FOCUS', node: name });
  };

  const drag = useRef<{ x: number; y: number; ox: number; oy: number; moved: boolean } | null>(null);
  const local = (e: PointerEvent) => {
    const r = canvas.current!.getBoundingClientRect();
    const k = width / r.width;
    return { x: (e.clientX - r.left) * k, y: (e.clientY - r.top) * k, k };
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    const p = local(e);
    drag.current = { x: p.x, y: p.y, ox: view.current.ox, oy: view.current.oy, moved: false };
    try {
      e.currentTarget.setPointerCapture(e.pointerId); // a drag may leave the canvas
    } catch {
      /* a synthetic pointer has no capture */
    }
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = local(e);
    if (!d.moved && Math.hypot(p.x - d.x, p.y - d.y) < 4) return;
    d.moved = true;
    setView({ scale: view.current.scale, ox: d.ox + p.x - d.x, oy: d.oy + p.y - d.y });
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const p = local(e);
    const i = hitTile(p.x, p.y, namesRef.current.length, grid, view.current);
    if (i < 0) return;
    const name = namesRef.current[i];
    setFocus(i);
    openNode(name);
    // near enough to see pod cells: a click on one also selects that pod (the inspector shows it)
    const row = store.getState().mapRows.get(name);
    const j = row ? hitPod(p.x, p.y, tileRect(i, grid, view.current), row.pods.length) : -1;
    if (row && j >= 0 && grid.cell * view.current.scale >= 28) store.getState().select(row.pods[j].key);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const n = namesRef.current.length;
    if (!n) return;
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: grid.cols, ArrowUp: -grid.cols };
    if (e.key in step) {
      e.preventDefault();
      const i = Math.max(0, Math.min(n - 1, (focus < 0 ? 0 : focus + step[e.key])));
      setFocus(i);
      // keep the focused tile on screen
      const r = tileRect(i, grid, view.current);
      if (r.x < 0 || r.y < 0 || r.x + r.w > width || r.y + r.h > height) setView(centerOn(i, grid, view.current.scale, width, height));
    } else if ((e.key === 'Enter' || e.key === ' ') && focus >= 0) {
      e.preventDefault();
      openNode(namesRef.current[focus]);
    } else if (e.key === '+' || e.key === '=') zoomBy(1.5);
    else if (e.key === '-') zoomBy(1 / 1.5);
    else if (e.key === '0') setView({ scale: MIN_SCALE, ox: 0, oy: 0 });
  };
  const zoomBy = (k: number) => {
    const f = state.current.focus;
    // zoom towards the focused tile, else the middle
    if (f >= 0) setView(centerOn(f, grid, Math.min(24, Math.max(MIN_SCALE, view.current.scale * k)), width, height));
    else setView(zoomAt(view.current, k, width / 2, height / 2));
  };

  const focused = focus >= 0 ? names[focus] : undefined;
  const focusedRow = useUiState((s) => (focused ? s.mapRows.get(focused) : undefined));
  const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  return (
    <div className="cluster-map nowheel nopan nodrag" style={{ width, height }}>
      <canvas
        ref={canvas}
        width={Math.round(width * SHARP * dpr)}
        height={Math.round(height * SHARP * dpr)}
        style={{ width, height }}
        tabIndex={0}
        role="img"
        aria-label={t('map.label', { nodes: names.length })}
        aria-describedby="cluster-map-focus"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <p id="cluster-map-focus" className="sr-only" aria-live="polite">
        {focused && focusedRow ? t('map.focus', { name: focused, pods: focusedRow.pods.length }) : t('map.keys')}
      </p>
      <div className="map-zoom">
        <button type="button" className="btn" onClick={() => zoomBy(1.5)} aria-label={t('map.zoomIn')} title={t('map.zoomIn')}>+</button>
        <button type="button" className="btn" onClick={() => zoomBy(1 / 1.5)} aria-label={t('map.zoomOut')} title={t('map.zoomOut')} disabled={scale <= MIN_SCALE}>−</button>
        <button type="button" className="btn" onClick={() => setView({ scale: MIN_SCALE, ox: 0, oy: 0 })} aria-label={t('map.fit')} title={t('map.fit')} disabled={scale <= MIN_SCALE}>⤢</button>
      </div>
      {open && createPortal(<NodeDetail name={open} onClose={() => { openNode(null); canvas.current?.focus(); }} />, document.body)}
    </div>
  );
}
