// The cluster diagram: control plane on top, worker nodes below, tokens flying between them.
import { ReactFlow, ReactFlowProvider, ViewportPortal, useReactFlow, type FitViewOptions, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { TokenLayer } from '../animation/TokenLayer';
import { useUiState } from '../store/context';
import { selectEtcdMemberIds } from '../store/selectors';
import type { UiState } from '../store/types';
import { ControlNode } from './ControlNode';
import './diagram.css';
import { toFlowEdges, toFlowNodes } from './flow';
import { computeLayout } from './layout';
import { Legend } from './Legend';
import { PipelineNode } from './PipelineNode';
import { PoolNode } from './PoolNode';
import { useT } from '../../i18n/react';
import { WorkerNode } from './WorkerNode';

// the large-cluster map's legend, from the map's own lazy chunk (readable at any diagram zoom)
const MapLegend = lazy(() => import('../cluster-map/ClusterMap').then((m) => ({ default: m.MapLegend })));
const selectLarge = (s: UiState) => s.mapRows.size > 0;

const nodeTypes: NodeTypes = { control: ControlNode, worker: WorkerNode, pool: PoolNode, pipeline: PipelineNode };
// room at the bottom for the legend
const FIT: FitViewOptions = { padding: { top: '10px', left: '10px', right: '10px', bottom: '30px' } };
/** a large cluster: room for the map's legend too */
const FIT_MAP: FitViewOptions = { padding: { top: '10px', left: '10px', right: '10px', bottom: '64px' } };

/** Re-fit when the cluster's shape changes or the panel is resized (projectors, window snaps). */
function AutoFit({ shape, target, fit = FIT }: { shape: string; target: React.RefObject<HTMLElement | null>; fit?: FitViewOptions }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    void fitView(fit);
  }, [shape, fitView, fit]);
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const ro = new ResizeObserver(() => void fitView(fit));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fitView, target, fit]);
  return null;
}

/** `node-1,node-2`: a string, so a seek (which rebuilds the store's arrays) does not rebuild the
 * layout, every React Flow node and their measurements when the nodes are the same */
const selectNodeNamesKey = (s: UiState) => s.nodeNames.join(',');

export function Diagram() {
  const namesKey = useUiState(selectNodeNamesKey);
  const names = useMemo(() => (namesKey ? namesKey.split(',') : []), [namesKey]);
  const etcdIds = useUiState(selectEtcdMemberIds);
  const layout = useMemo(() => computeLayout(names, etcdIds ? etcdIds.split(',') : []), [names, etcdIds]);
  const nodes = useMemo(() => toFlowNodes(layout), [layout]);
  const edges = useMemo(() => toFlowEdges(layout), [layout]);
  const ref = useRef<HTMLElement>(null);
  const large = useUiState(selectLarge);
  const t = useT();
  return (
    <section ref={ref} aria-label={t('diagram.region')} className="panel diagram">
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={large ? FIT_MAP : FIT}
          minZoom={0.05}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          zoomOnDoubleClick={false}
        >
          <AutoFit shape={`${layout.density}:${names.length}:${etcdIds}`} target={ref} fit={large ? FIT_MAP : FIT} />
          <ViewportPortal>
            <TokenLayer layout={layout} />
          </ViewportPortal>
        </ReactFlow>
      </ReactFlowProvider>
      <Legend />
      {large && <Suspense fallback={null}><MapLegend /></Suspense>}
    </section>
  );
}
