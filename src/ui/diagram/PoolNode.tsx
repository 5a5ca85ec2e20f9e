// More than a dozen nodes: one box, one cell per node (shade = pods on it, flash = story activity),
// so a 1,000-node cluster still reads at a glance. Hover a cell for its name.
import type { Node, NodeProps } from '@xyflow/react';
import { lazy, memo, Suspense, useMemo } from 'react';
import { useUiState } from '../store/context';
import { selectActivity, selectPodKeys, selectPodKeysOn } from '../store/selectors';
import type { UiState } from '../store/types';
import type { BoxData } from './flow';
import { Handles } from './Handles';
import { useT } from '../../i18n/react';
import { SIZES } from './layout';

// the canvas map of a large cluster, in its own chunk (fed by the worker's compact rows)
const ClusterMap = lazy(() => import('../cluster-map/ClusterMap'));
const selectMapPods = (s: UiState) => (s.mapRows.size ? s.mapPodCount : -1);
const selectUnscheduled = (s: UiState) => s.mapRows.get('')?.pods.length ?? 0;

const Cell = memo(function Cell({ name }: { name: string }) {
  const pods = useUiState(selectPodKeysOn(name))?.length ?? 0;
  const a = useUiState(selectActivity(`node:${name}`));
  const t = useT();
  const shade = pods === 0 ? 0 : pods < 3 ? 1 : pods < 10 ? 2 : 3;
  return (
    <span className={`cell shade-${shade}`} title={t('pool.cell', { name, pods })}>
      {/* a thousand nodes' heartbeats would make the grid shimmer: only story events light a cell */}
      {a && !a.ambient && <span key={a.seq} className="flash" />}
    </span>
  );
});

/** joined: a seek rebuilds the store's arrays, and the grid should not re-render for an equal one */
const selectNodeNamesKey = (s: UiState) => s.nodeNames.join(',');

export const PoolNode = memo(function PoolNode({ data, width, height }: NodeProps<Node<BoxData>>) {
  const namesKey = useUiState(selectNodeNamesKey);
  const names = useMemo(() => (namesKey ? namesKey.split(',') : []), [namesKey]);
  const podKeys = useUiState(selectPodKeys).length;
  // a large cluster's pods are on the map (its rows), not in the store whole
  const mapPods = useUiState(selectMapPods);
  const unscheduled = useUiState(selectUnscheduled);
  const pods = mapPods >= 0 ? mapPods : podKeys;
  const t = useT();
  const { pad, header } = SIZES.pool;
  const cell = data.cell ?? SIZES.pool.cell;
  const gap = data.gap ?? SIZES.pool.gap;
  return (
    <div className="box pool">
      <Handles />
      <div className="pool-header" style={{ height: header }}>
        <span className="box-title">{t('pool.nodes', { count: names.length })}</span>
        <span className="box-sub">{t('pool.sub', { pods })}</span>
        {unscheduled > 0 && <span className="box-sub">{t('map.unscheduled', { count: unscheduled })}</span>}
      </div>
      {mapPods >= 0 ? (
        <Suspense fallback={<div style={{ height: (height ?? 0) - header - 4 }} />}>
          {/* inside the box's 2px border */}
          <ClusterMap width={(width ?? 0) - 4} height={(height ?? 0) - header - 4} grid={{ cols: data.cols ?? 1, cell, gap, pad }} />
        </Suspense>
      ) : (
      <div className="pool-grid" style={{ padding: pad, gap, gridTemplateColumns: `repeat(${data.cols ?? 1}, ${cell}px)`, gridAutoRows: cell }}>
        {names.map((n) => (
          <Cell key={n} name={n} />
        ))}
      </div>
      )}
    </div>
  );
});
