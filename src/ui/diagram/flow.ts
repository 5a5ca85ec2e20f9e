// Layout → React Flow nodes and edges (pure). Sizes come from the layout, so fitView works
// before anything is measured and tokens land where the boxes are.
import type { Edge, Node } from '@xyflow/react';
import { pipelineInletX, type Layout } from './layout';

export interface BoxData extends Record<string, unknown> {
  name: string;
  density: Layout['density'];
  /** pool only: the grid as the layout placed the token anchors */
  cols?: number;
  cell?: number;
  gap?: number;
  /** pipeline only: where the apiserver's wire comes in, from the box's left edge */
  inletX?: number;
}

export function toFlowNodes(layout: Layout): Node<BoxData>[] {
  return layout.boxes.map((b) => ({
    id: b.id,
    type: b.kind,
    position: { x: b.x, y: b.y },
    width: b.w,
    height: b.h,
    style: { width: b.w, height: b.h },
    data: {
      name: b.id.startsWith('node:') ? b.id.slice(5) : b.id, density: layout.density, cols: layout.pool?.cols, cell: layout.pool?.cell, gap: layout.pool?.gap,
      ...(b.kind === 'pipeline' ? { inletX: pipelineInletX(layout) } : {}),
    },
    // the pipeline's field list opens over the nodes beside it
    ...(b.kind === 'pipeline' ? { zIndex: 5 } : {}),
    draggable: false,
    selectable: false,
    connectable: false,
  }));
}

const wire = (source: string, target: string, sourceHandle: string, targetHandle: string): Edge => ({
  id: `${source}->${target}`,
  source,
  target,
  sourceHandle,
  targetHandle,
  type: sourceHandle === 'right' ? 'straight' : 'smoothstep',
  className: 'wire',
  focusable: false,
  selectable: false,
});

/** kubectl, etcd and the watchers are wired to the apiserver: components only talk through it. */
export function toFlowEdges(layout: Layout): Edge[] {
  const edges = [
    wire('kubectl', 'kube-apiserver', 'right', 'left'),
    wire('kube-apiserver', 'etcd', 'right', 'left'),
    wire('kube-apiserver', 'controller-manager', 'bottom', 'bottom'),
    wire('kube-apiserver', 'scheduler', 'bottom', 'bottom'),
  ];
  for (const b of layout.boxes) {
    if (b.kind === 'pipeline') edges.push({ ...wire('kube-apiserver', b.id, 'bottom', 'top'), type: 'straight', className: 'wire is-pipeline' });
    else if (b.kind !== 'control') edges.push(wire('kube-apiserver', b.id, 'bottom', 'top'));
  }
  return edges;
}
