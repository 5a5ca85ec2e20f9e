// The large-cluster map's rows as the worker streams them (row deltas per frame, all rows on reset).
// Empty while the cluster is small: then the diagram draws worker boxes from whole objects.
import type { ClusterMapDelta } from '../../protocol/messages';
import type { NodeRow } from '../../folds/cluster-map';
import { PMap } from '../../folds/pmap';

export interface ClusterMapSlice {
  /** node name → row ('' = pods no node has yet) */
  mapRows: Map<string, NodeRow>;
  /** pod key → the node it is listed under (persistent: a batch copies the paths it writes, not
   * 10,000 entries) */
  mapPodNode: PMap<string>;
}

export const clusterMapSlice = (): ClusterMapSlice => ({ mapRows: new Map(), mapPodNode: PMap.empty() });

/** The next rows: a reset without a map (the cluster is small now) empties them. */
export function nextClusterMap(s: ClusterMapSlice, d: ClusterMapDelta | undefined, reset: boolean): Partial<ClusterMapSlice> {
  if (!d) return reset && s.mapRows.size ? clusterMapSlice() : {};
  const rows = d.full ? new Map<string, NodeRow>() : new Map(s.mapRows);
  const pods = (d.full ? PMap.empty<string>() : s.mapPodNode).edit();
  const drop = (name: string) => {
    for (const c of rows.get(name)?.pods ?? []) if (pods.get(c.key) === name) pods.delete(c.key);
    rows.delete(name);
  };
  for (const n of d.removed) drop(n);
  for (const r of d.rows) drop(r.name);
  for (const r of d.rows) {
    rows.set(r.name, r);
    for (const c of r.pods) pods.set(c.key, r.name);
  }
  return { mapRows: rows, mapPodNode: pods.done() };
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
