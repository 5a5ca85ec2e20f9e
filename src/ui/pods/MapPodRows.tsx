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

type Listed = { cell: PodCell; node: string };
type MapRow = { name: string; pods: PodCell[] };

const byKey = (a: PodCell, b: PodCell) => collator.compare(a.key, b.key);
/** a row's cells by key: a row is sorted by name then namespace, which is not key order with several
 * namespaces; re-sorted only when the row changes (rows keep their identity otherwise) */
const keyOrder = new WeakMap<MapRow, PodCell[]>();
function cellsByKey(r: MapRow): PodCell[] {
  let c = keyOrder.get(r);
  if (!c) {
    // in one namespace, name order is key order: the unscheduled row (10,000 Pending pods, a new row
    // every batch) needs no sort
    const ns = r.pods[0]?.namespace;
    c = r.pods.every((p) => p.namespace === ns) ? r.pods : [...r.pods].sort(byKey);
    keyOrder.set(r, c);
  }
  return c;
}

/** The first `max` pods on the map with their nodes, sorted as the store sorts pod keys (namespace,
 * then name): a merge of the rows' sorted cells, not a sort of every pod (10,000 at 1,000 nodes,
 * with the numeric collator, four times a second). */
export function mapPods(rows: ReadonlyMap<string, MapRow>, max = Infinity): Listed[] {
  // a binary heap of the rows' next cells
  const heads: Array<{ cells: PodCell[]; i: number; node: string }> = [];
  const less = (x: (typeof heads)[number], y: (typeof heads)[number]) => byKey(x.cells[x.i], y.cells[y.i]) < 0;
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heads.length && less(heads[l], heads[m])) m = l;
      if (r < heads.length && less(heads[r], heads[m])) m = r;
      if (m === i) return;
      [heads[i], heads[m]] = [heads[m], heads[i]];
      i = m;
    }
  };
  for (const r of rows.values()) if (r.pods.length) heads.push({ cells: cellsByKey(r), i: 0, node: r.name });
  for (let i = (heads.length >> 1) - 1; i >= 0; i--) down(i);
  const out: Listed[] = [];
  while (heads.length && out.length < max) {
    const h = heads[0];
    out.push({ cell: h.cells[h.i], node: h.node });
    if (++h.i === h.cells.length) {
      heads[0] = heads[heads.length - 1];
      heads.pop();
    }
    down(0);
  }
  return out;
}

const Row = memo(function Row({ cell, node, nowMs, index }: { cell: PodCell; node: string; nowMs: number; index: number }) {
  const selected = useUiState(selectSelectedKey) === cell.key;
  const select = useUiState(selectSelect);
  return (
    <tr className={selected ? 'is-selected' : undefined} tabIndex={0} aria-selected={selected} aria-rowindex={index}
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

/** Rows `from`..`to` of the pods in key order (the table renders a window of its rows; `rowIndex`
 * is the first one's aria-rowindex): the merge stops at the window's end. */
export function MapPodRows({ from, to, rowIndex }: { from: number; to: number; rowIndex: number }) {
  const rows = useUiState((s) => s.mapRows);
  const pods = useMemo(() => mapPods(rows, to), [rows, to]);
  // AGE moves in whole seconds; at 50× that is 50 times a wall second, and re-rendering 300 rows that
  // often was most of a large cluster's frame time: the column steps at most about twice a wall second
  const nowMs = useUiState(selectAgeNowMs);
  return <>{pods.slice(from, to).map((p, i) => <Row key={p.cell.key} cell={p.cell} node={p.node} nowMs={nowMs} index={rowIndex + i} />)}</>;
}

export const selectMapPodCount = (s: { mapRows: ReadonlyMap<string, unknown>; mapPodCount: number }) => (s.mapRows.size ? s.mapPodCount : -1);
