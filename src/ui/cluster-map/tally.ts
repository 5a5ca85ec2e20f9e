// The legend's live count of pods per colour. A row's counts are kept with the row: rows are
// values that a batch replaces only when they change, so a store update recounts the changed nodes,
// not the 10,000 pods of a 1,000-node cluster.
import type { PodCell } from '../../folds/cluster-map';
import { POD_BUCKETS, podBucket } from './palette';

type Row = { pods: readonly PodCell[] };
const rowCounts = new WeakMap<Row, number[]>();

function countsOf(r: Row): number[] {
  let c = rowCounts.get(r);
  if (!c) {
    c = POD_BUCKETS.map(() => 0);
    for (const p of r.pods) c[POD_BUCKETS.indexOf(podBucket(p.status))]++;
    rowCounts.set(r, c);
  }
  return c;
}

/** Pods per bucket, in POD_BUCKETS' order, over every row (the unscheduled one too). */
export function bucketCounts(rows: ReadonlyMap<string, Row>): number[] {
  const out = POD_BUCKETS.map(() => 0);
  for (const r of rows.values()) {
    const c = countsOf(r);
    for (let i = 0; i < out.length; i++) out[i] += c[i];
  }
  return out;
}

let last: { rows: ReadonlyMap<string, Row>; key: string } | null = null;
/** The counts as one string, so a store selector re-renders the legend only when one changes
 * (counted once per map: most store updates leave the rows as they were). */
export function selectBucketCounts(s: { mapRows: ReadonlyMap<string, Row> }): string {
  if (last?.rows !== s.mapRows) last = { rows: s.mapRows, key: bucketCounts(s.mapRows).join(',') };
  return last.key;
}
