// What a scheduling cycle's trace events carry on a large cluster. From minFeasibleNodesToFind (100)
// nodes the scheduler samples (numFeasibleNodesToFind), and a cycle's per-node tables (a verdict per
// filter plugin, a score per score plugin, for hundreds of nodes) were ~300 KB of trace per pod at
// 1,000 nodes: 3.7 GB for 10,000 pods in a browser worker that records the trace to seek in it. The
// events keep the best-scored feasible nodes, the chosen one and the first rejected ones, each with
// its full records, and count the nodes left out; the scheduler decides on the whole cycle as before.
// Upstream logs per-node scores only at verbosity 10 (schedule_one.go prioritizeNodes).
import { minFeasibleNodesToFind, type SchedulingDecision } from './schedule-one';

/** from this many nodes a cycle's events are cut to NODES_KEPT of each kind */
export const LARGE_CYCLE_NODES = minFeasibleNodesToFind;
export const NODES_KEPT = 10;

/** How many evaluated nodes a cut cycle's events leave out. */
export interface OmittedNodes {
  /** feasible nodes beyond the best NODES_KEPT */
  fits: number;
  /** rejected nodes beyond the first NODES_KEPT (by name) */
  rejected: number;
}

type Detail = Omit<SchedulingDecision, 'victimPods'>;

function pick<T>(rec: Record<string, T>, keep: ReadonlySet<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const n of Object.keys(rec)) if (keep.has(n)) out[n] = rec[n];
  return out;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The cycle as a large cluster's trace carries it (the same object when nothing is left out). */
export function cutCycle(d: Detail): Detail & { omitted?: OmittedNodes } {
  const total = d.total ?? {};
  const fits = [...d.feasible].sort((a, b) => (total[b] ?? 0) - (total[a] ?? 0) || byName(a, b));
  const keptFits = fits.slice(0, NODES_KEPT);
  if (d.chosen && !keptFits.includes(d.chosen)) keptFits[keptFits.length - 1] = d.chosen;
  const rejected = Object.keys(d.filter).filter((n) => d.filter[n].length > 0).sort(byName);
  const keptRejected = rejected.slice(0, NODES_KEPT);
  const omitted = { fits: fits.length - keptFits.length, rejected: rejected.length - keptRejected.length };
  if (omitted.fits === 0 && omitted.rejected === 0) return d;
  const keep = new Set([...keptFits, ...keptRejected]);
  return {
    ...d,
    filter: pick(d.filter, keep),
    rejectedBy: pick(d.rejectedBy, keep),
    scores: pick(d.scores, keep),
    raw: pick(d.raw, keep),
    total: pick(total, keep),
    feasible: d.feasible.filter((n) => keep.has(n)),
    ...(d.trace ? { trace: { ...d.trace, filter: pick(d.trace.filter, keep) } } : {}),
    omitted,
  };
}
