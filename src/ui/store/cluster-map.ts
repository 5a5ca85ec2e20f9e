// The large-cluster map's rows as the worker streams them (row deltas per frame, all rows on reset).
// Empty while the cluster is small: then the diagram draws worker boxes from whole objects.
import type { ClusterMapDelta } from '../../protocol/messages';
import { applyCellEdits, type NodeRow, type PodCell } from '../../folds/cluster-map';

export interface ClusterMapSlice {
  /** node name → row ('' = pods no node has yet) */
  mapRows: Map<string, NodeRow>;
  /** how many pods the rows list (kept as rows change: no index of 10,000 pod keys to copy or edit
   * on every batch) */
  mapPodCount: number;
}

export const clusterMapSlice = (): ClusterMapSlice => ({ mapRows: new Map(), mapPodCount: 0 });

/** The next rows: a reset without a map (the cluster is small now) empties them. */
export function nextClusterMap(s: ClusterMapSlice, d: ClusterMapDelta | undefined, reset: boolean): Partial<ClusterMapSlice> {
  if (!d) return reset && s.mapRows.size ? clusterMapSlice() : {};
  const rows = d.full ? new Map<string, NodeRow>() : new Map(s.mapRows);
  let count = d.full ? 0 : s.mapPodCount;
  const drop = (name: string) => {
    count -= rows.get(name)?.pods.length ?? 0;
    rows.delete(name);
  };
  for (const n of d.removed) drop(n);
  for (const r of d.rows) drop(r.name);
  for (const r of d.rows) {
    rows.set(r.name, r);
    count += r.pods.length;
  }
  // rows sent as their changes: merged into the row the store has, as the worker's fold merges them
  for (const e of d.edited ?? []) {
    const base = rows.get(e.row.name)?.pods ?? [];
    const edits = new Map<string, PodCell | null>();
    for (const k of e.removed) edits.set(k, null);
    for (const c of e.set) edits.set(c.key, c);
    const pods = applyCellEdits(base, edits);
    count += pods.length - base.length;
    rows.set(e.row.name, { ...e.row, pods });
  }
  return { mapRows: rows, mapPodCount: count };
}

/** The node a pod is listed under on the map ('' = no node yet), or undefined when it is not there. */
export function mapNodeOf(rows: ReadonlyMap<string, NodeRow>, podKey: string): string | undefined {
  for (const r of rows.values()) for (const c of r.pods) if (c.key === podKey) return r.name;
  return undefined;
}

const collator = new Intl.Collator('en', { numeric: true });

/** A large cluster's node names come from the map (its Node objects travel only on demand); the
 * previous array is kept when equal, so the diagram's layout is not rebuilt. */
export function mapNodeNames(rows: ReadonlyMap<string, NodeRow>, prev: string[]): { nodeNames: string[] } | Record<string, never> {
  if (rows.size === 0) return {};
  // the same nodes (most batches: pods changed, not nodes): no sort of 1,000 names per batch
  if (rows.size - (rows.has('') ? 1 : 0) === prev.length && prev.every((n) => rows.has(n))) return { nodeNames: prev };
  const names = [...rows.keys()].filter(Boolean).sort(collator.compare);
  return names.length === prev.length && names.every((n, i) => n === prev[i]) ? { nodeNames: prev } : { nodeNames: names };
}
