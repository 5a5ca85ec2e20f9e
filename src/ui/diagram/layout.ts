// Where everything sits in the diagram, in flow coordinates. Pure, so tokens and boxes agree and
// it can be tested. Three densities keep text legible as the cluster grows: full boxes (≤4
// nodes), compact boxes (≤12), one aggregated pool of cells (more). The apiserver's request
// pipeline hangs below the apiserver, left of the nodes (the control row has width to spare:
// on a 16:9 panel the diagram is limited by its height).
export type Density = 'full' | 'compact' | 'pool';

export const CONTROL_PLANE = ['kubectl', 'kube-apiserver', 'etcd', 'controller-manager', 'scheduler'] as const;
export type ControlId = (typeof CONTROL_PLANE)[number];

export interface Box {
  id: string;
  kind: 'control' | 'worker' | 'pool' | 'pipeline';
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface Layout {
  density: Density;
  boxes: Box[];
  /** component id → where tokens start and land */
  anchors: Record<string, Point>;
  pool?: { cols: number; cell: number; gap: number; x: number; y: number };
}

export const SIZES = {
  control: { w: 150, h: 84, gap: 24 },
  /** the etcd box lists its members (role, term, commit): wider, and taller by one row per member */
  etcd: { w: 290, head: 42, row: 26, pad: 6 },
  /** the request pipeline: header, one row per stage, the outcome */
  pipeline: { w: 330, h: 240, gap: 30 },
  full: { w: 270, h: 226, gap: 18, header: 34, row: 32 },
  compact: { w: 160, h: 140, gap: 14, header: 28, row: 28, perRow: 6 },
  pool: { cell: 14, gap: 3, pad: 12, header: 44, smallCell: 10, smallGap: 2, smallFrom: 300, minW: 760 },
  rowGap: 60,
} as const;

export function densityFor(nodeCount: number): Density {
  return nodeCount <= 4 ? 'full' : nodeCount <= 12 ? 'compact' : 'pool';
}

/** Height of the etcd box for `members` members (never shorter than the other control boxes). */
export function etcdHeight(members: number): number {
  const e = SIZES.etcd;
  return Math.max(SIZES.control.h, e.head + members * e.row + e.pad);
}

/** The control plane in one row, centred on one line (the etcd box grows up and down). */
function controlRow(etcdMembers: number): Box[] {
  const { w, h, gap } = SIZES.control;
  let x = 0;
  return CONTROL_PLANE.map((id) => {
    const bw = id === 'etcd' ? SIZES.etcd.w : w;
    const bh = id === 'etcd' ? etcdHeight(etcdMembers) : h;
    const box: Box = { id, kind: 'control', x, y: (h - bh) / 2, w: bw, h: bh };
    x += bw + gap;
    return box;
  });
}

/** Under kubectl and the apiserver, level with the nodes (its wire comes straight down from the apiserver). */
function pipelineBox(control: Box[], top: number): Box {
  const { w, h } = SIZES.pipeline;
  return { id: 'pipeline', kind: 'pipeline', x: control[0].x, y: top, w, h };
}

/** Where the apiserver's wire meets the pipeline box, from the box's left edge. */
export function pipelineInletX(layout: Layout): number {
  const api = layout.boxes.find((b) => b.id === 'kube-apiserver')!;
  const box = layout.boxes.find((b) => b.id === 'pipeline')!;
  return api.x + api.w / 2 - box.x;
}

/** Where each member's row sits in the etcd box: raft messages fly between rows. */
function etcdAnchors(box: Box, members: readonly string[]): Record<string, Point> {
  const e = SIZES.etcd;
  return Object.fromEntries(members.map((id, i) => [id, { x: box.x + box.w / 2, y: box.y + e.head + (i + 0.5) * e.row }]));
}

const rowWidth = (n: number, w: number, gap: number) => n * w + Math.max(0, n - 1) * gap;

export function computeLayout(nodeNames: readonly string[], etcdMembers: readonly string[] = []): Layout {
  const density = densityFor(nodeNames.length);
  const control = controlRow(etcdMembers.length);
  const last = control[control.length - 1];
  const controlW = last.x + last.w;
  const top = Math.max(...control.map((b) => b.y + b.h)) + SIZES.rowGap;
  const anchors: Record<string, Point> = {};
  for (const b of control) anchors[b.id] = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  Object.assign(anchors, etcdAnchors(control.find((b) => b.id === 'etcd')!, etcdMembers));
  const pipeline = pipelineBox(control, top);
  control.push(pipeline);
  anchors.pipeline = { x: pipeline.x + pipeline.w / 2, y: pipeline.y + pipeline.h / 2 };
  const areaX = pipeline.x + pipeline.w + SIZES.pipeline.gap;
  if (density === 'pool') return poolLayout(nodeNames, control, areaX, Math.max(controlW - areaX, SIZES.pool.minW), top, anchors);

  const s = density === 'full' ? SIZES.full : SIZES.compact;
  const perRow = density === 'full' ? 4 : SIZES.compact.perRow;
  const cols = Math.min(perRow, Math.max(1, nodeNames.length));
  const width = rowWidth(cols, s.w, s.gap);
  const left = areaX + Math.max(0, (controlW - areaX - width) / 2);
  const workers: Box[] = nodeNames.map((name, i) => ({
    id: `node:${name}`,
    kind: 'worker',
    x: left + (i % cols) * (s.w + s.gap),
    y: top + Math.floor(i / cols) * (s.h + s.gap),
    w: s.w,
    h: s.h,
  }));
  workers.forEach((b, i) => Object.assign(anchors, workerAnchors(nodeNames[i], b, density)));
  return { density, boxes: [...control, ...workers], anchors };
}

function workerAnchors(name: string, b: Box, density: Density): Record<string, Point> {
  if (density === 'full') {
    const { header, row } = SIZES.full;
    return {
      [`kubelet:${name}`]: { x: b.x + b.w / 2, y: b.y + header + row / 2 },
      [`runtime:${name}`]: { x: b.x + b.w / 2, y: b.y + header + row * 1.5 },
      [`node:${name}`]: { x: b.x + b.w / 2, y: b.y + b.h / 2 },
    };
  }
  const { header, row } = SIZES.compact;
  return {
    [`kubelet:${name}`]: { x: b.x + b.w / 4, y: b.y + header + row / 2 },
    [`runtime:${name}`]: { x: b.x + (3 * b.w) / 4, y: b.y + header + row / 2 },
    [`node:${name}`]: { x: b.x + b.w / 2, y: b.y + b.h / 2 },
  };
}

/** Cell size of the pool: smaller cells for big clusters keep the diagram as flat as the panel. */
export function poolCell(nodeCount: number): { cell: number; gap: number } {
  const p = SIZES.pool;
  return nodeCount >= p.smallFrom ? { cell: p.smallCell, gap: p.smallGap } : { cell: p.cell, gap: p.gap };
}

function poolLayout(names: readonly string[], control: Box[], x: number, w: number, top: number, anchors: Record<string, Point>): Layout {
  const { pad, header } = SIZES.pool;
  const { cell, gap } = poolCell(names.length);
  const cols = Math.max(1, Math.floor((w - 2 * pad + gap) / (cell + gap)));
  const rows = Math.ceil(names.length / cols);
  const pool: Box = { id: 'pool', kind: 'pool', x, y: top, w, h: header + pad + rows * (cell + gap) - gap + pad };
  const gridX = pool.x + pad;
  const gridY = pool.y + header + pad;
  names.forEach((name, i) => {
    const p = { x: gridX + (i % cols) * (cell + gap) + cell / 2, y: gridY + Math.floor(i / cols) * (cell + gap) + cell / 2 };
    anchors[`kubelet:${name}`] = p;
    anchors[`runtime:${name}`] = p;
    anchors[`node:${name}`] = p;
  });
  return { density: 'pool', boxes: [...control, pool], anchors, pool: { cols, cell, gap, x: gridX, y: gridY } };
}

/** Which box a component id belongs to in the diagram: etcd members share the etcd box,
 * controllers live in the controller manager, per-node agents in their node. */
export function boxIdOf(componentId: string): string {
  if (/^etcd(-\d+)?$/.test(componentId)) return 'etcd';
  if (componentId.startsWith('controller:') || componentId === 'controller-manager') return 'controller-manager';
  const [kind, node] = componentId.split(':');
  if (node && (kind === 'kubelet' || kind === 'runtime' || kind === 'kube-proxy')) return `node:${node}`;
  return componentId;
}

export function anchorOf(layout: Layout, componentId: string): Point {
  const direct = layout.anchors[componentId];
  if (direct) return direct;
  const [kind, node] = componentId.split(':');
  if (kind === 'kube-proxy' && layout.anchors[`node:${node}`]) return layout.anchors[`node:${node}`];
  return layout.anchors[boxIdOf(componentId)] ?? layout.anchors['kube-apiserver'];
}
