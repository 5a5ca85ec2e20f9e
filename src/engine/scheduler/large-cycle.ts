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

/** The first `k` of `items` in `cmp` order, without sorting them all (a cycle has hundreds). */
function firstK(items: Iterable<string>, k: number, cmp: (a: string, b: string) => number): string[] {
  const top: string[] = [];
  for (const x of items) {
    if (top.length === k && cmp(x, top[k - 1]) >= 0) continue;
    let i = Math.min(top.length, k - 1);
    if (top.length < k) top.push(x);
    while (i > 0 && cmp(x, top[i - 1]) < 0) {
      top[i] = top[i - 1];
      i--;
    }
    top[i] = x;
  }
  return top;
}

/** The cycle as a large cluster's trace carries it (the same object when nothing is left out). */
export function cutCycle(d: Detail): Detail & { omitted?: OmittedNodes } {
  const total = d.total ?? {};
  const keptFits = firstK(d.feasible, NODES_KEPT, (a, b) => (total[b] ?? 0) - (total[a] ?? 0) || byName(a, b));
  if (d.chosen && !keptFits.includes(d.chosen)) keptFits[keptFits.length - 1] = d.chosen;
  let rejectedCount = 0;
  const rejected = function* () {
    for (const n in d.filter) if (d.filter[n].length > 0) {
      rejectedCount++;
      yield n;
    }
  };
  const keptRejected = firstK(rejected(), NODES_KEPT, byName);
  const omitted = { fits: d.feasible.length - keptFits.length, rejected: rejectedCount - keptRejected.length };
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
