// The Pods table of a large cluster: rows from the map's compact cells (the UI has no Pod objects
// then), the first MAX of them in kubectl's order, with the count. A row's click selects the pod,
// and the worker sends that one whole (INSPECT).
import { memo, useMemo } from 'react';
import type { PodCell } from '../../folds/cluster-map';
import { useUiState } from '../store/context';
import { selectAgeNowMs, selectSelect, selectSelectedKey } from '../store/selectors';
import { humanDuration } from '../time/time';
import { statusTone } from './pod-row';

const collator = new Intl.Collator('en', { numeric: true });

/** Every pod on the map with its node, sorted as the store sorts pod keys (namespace, then name). */
export function mapPods(rows: ReadonlyMap<string, { name: string; pods: PodCell[] }>): Array<{ cell: PodCell; node: string }> {
  const out: Array<{ cell: PodCell; node: string }> = [];
  for (const r of rows.values()) for (const cell of r.pods) out.push({ cell, node: r.name });
  return out.sort((a, b) => collator.compare(a.cell.key, b.cell.key));
}

const Row = memo(function Row({ cell, node, nowMs }: { cell: PodCell; node: string; nowMs: number }) {
  const selected = useUiState(selectSelectedKey) === cell.key;
  const select = useUiState(selectSelect);
  return (
    <tr className={selected ? 'is-selected' : undefined} tabIndex={0} aria-selected={selected}
      onClick={() => select(cell.key)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && select(cell.key)}>
      <td className="col-name">{cell.name}</td>
      <td>{cell.ready}</td>
      <td><span className={`status tone-${statusTone(cell.status)}`}>{cell.status}</span></td>
      <td>{cell.restarts}</td>
      <td>{humanDuration(nowMs - cell.createdMs)}</td>
      <td>{node || '<none>'}</td>
      <td>{cell.ip || '<none>'}</td>
    </tr>
  );
});

export function MapPodRows({ max }: { max: number }) {
  const rows = useUiState((s) => s.mapRows);
  const pods = useMemo(() => mapPods(rows), [rows]);
  // AGE moves in whole seconds; at 50× that is 50 times a wall second, and re-rendering 300 rows that
  // often was most of a large cluster's frame time: the column steps at most about twice a wall second
  const nowMs = useUiState(selectAgeNowMs);
  return <>{pods.slice(0, max).map((p) => <Row key={p.cell.key} cell={p.cell} node={p.node} nowMs={nowMs} />)}</>;
}

export const selectMapPodCount = (s: { mapRows: Map<string, unknown>; mapPodNode: Map<string, string> }) => (s.mapRows.size ? s.mapPodNode.size : -1);
