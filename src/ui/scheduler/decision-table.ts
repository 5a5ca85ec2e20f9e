// The Scheduler view's two tables, built from a played cycle (pure): nodes × filter plugins and
// nodes × score plugins. Plugin order is the profile's (pkg/scheduler/apis/config/v1/default_plugins.go),
// as the engine records it.
import type { ClockState } from '../../protocol/messages';
import type { SchedulerCycle, StatusRecord } from '../../folds/scheduler';
import type { MessageKey } from '../../i18n';

export type CellState = 'pass' | 'skip' | 'fail' | 'notrun';

export interface FilterCell {
  plugin: string;
  state: CellState;
  reasons: string[];
}

export type Verdict = 'fits' | 'rejected' | 'prefilter';

export interface FilterRow {
  node: string;
  /** one per plugin of FilterTable.plugins (empty until the decision has played) */
  cells: FilterCell[];
  verdict: Verdict;
  reasons: string[];
  rejectedBy?: string;
}

export interface FilterTable {
  plugins: string[];
  rows: FilterRow[];
  /** nodes that fit, the unlisted ones of a large cluster's cycle included */
  feasible: number;
  /** nodes evaluated, listed or not */
  evaluated: number;
  /** a large cluster's cycle: nodes evaluated but not listed */
  omitted: { fits: number; rejected: number };
}

export interface ScoreCell {
  plugin: string;
  /** as returned by Score, before NormalizeScore (known once the decision has played) */
  raw?: number;
  norm: number;
  weight: number;
  weighted: number;
}

export interface ScoreRow {
  node: string;
  cells: ScoreCell[];
  total: number;
  winner: boolean;
}

export interface ScoreTable {
  plugins: string[];
  /** score plugins with a weight that scored nothing (PreScore returned Skip) */
  skipped: string[];
  /** highest total first */
  rows: ScoreRow[];
  /** more than one node had the winning total: selectHost broke the tie at random */
  tie: boolean;
}

const collator = new Intl.Collator('en', { numeric: true });

function cellState(r: StatusRecord | undefined): CellState {
  if (!r) return 'notrun';
  if (r.code === 'Success') return 'pass';
  if (r.code === 'Skip') return 'skip';
  return 'fail';
}

export function filterTable(c: SchedulerCycle): FilterTable {
  const perNode = c.decision?.trace?.filter ?? {};
  const plugins: string[] = [];
  for (const rec of Object.values(perNode)) for (const p of Object.keys(rec)) if (!plugins.includes(p)) plugins.push(p);
  const nodes = [...new Set([...Object.keys(c.filter), ...Object.keys(perNode)])].sort(collator.compare);
  const rows = nodes.map((node): FilterRow => {
    const reasons = c.filter[node] ?? [];
    const rec = perNode[node];
    const cells = rec ? plugins.map((plugin) => ({ plugin, state: cellState(rec[plugin]), reasons: rec[plugin]?.reasons ?? [] })) : [];
    // a node with reasons but no Filter record was rejected before Filter ran (PreFilter)
    const verdict: Verdict = reasons.length === 0 ? 'fits' : rec || !c.decision ? 'rejected' : 'prefilter';
    return { node, cells, verdict, reasons, rejectedBy: c.decision?.rejectedBy?.[node] };
  });
  const omitted = c.omitted ?? { fits: 0, rejected: 0 };
  return { plugins, rows, feasible: rows.filter((r) => r.verdict === 'fits').length + omitted.fits, evaluated: rows.length + omitted.fits + omitted.rejected, omitted };
}

export function scoreTable(c: SchedulerCycle): ScoreTable | null {
  const scores = c.scores ?? {};
  const nodes = Object.keys(c.total ?? {});
  if (nodes.length === 0) return null;
  const weights = c.weights ?? {};
  const scored = new Set(Object.values(scores).flatMap((s) => Object.keys(s)));
  const plugins = Object.keys(weights).filter((p) => scored.has(p));
  for (const p of scored) if (!plugins.includes(p)) plugins.push(p);
  const skipped = Object.keys(weights).filter((p) => !scored.has(p));
  const chosen = c.decision?.chosen ?? null;
  const rows = nodes.map((node): ScoreRow => ({
    node,
    cells: plugins.map((plugin) => {
      const norm = scores[node]?.[plugin] ?? 0;
      const weight = weights[plugin] ?? 1;
      return { plugin, raw: c.decision?.raw?.[node]?.[plugin], norm, weight, weighted: norm * weight };
    }),
    total: c.total?.[node] ?? 0,
    winner: node === chosen,
  }));
  rows.sort((a, b) => b.total - a.total || collator.compare(a.node, b.node));
  const best = rows[0].total;
  return { plugins, skipped, rows, tie: rows.filter((r) => r.total === best).length > 1 };
}

/** Short column labels for a narrow panel; the full name is the header's tooltip. */
const ABBR: Record<string, string> = {
  NodeUnschedulable: 'Unsch',
  NodeName: 'Name',
  TaintToleration: 'Taint',
  NodeAffinity: 'Aff',
  NodePorts: 'Ports',
  NodeResourcesFit: 'Fit',
  NodeResourcesBalancedAllocation: 'Balance',
  ImageLocality: 'Image',
  PodTopologySpread: 'Spread',
  InterPodAffinity: 'PodAff',
  VolumeBinding: 'VolBind',
  VolumeRestrictions: 'VolRestr',
  VolumeZone: 'VolZone',
  NodeVolumeLimits: 'VolLimit',
};

export function abbreviate(plugin: string): string {
  return ABBR[plugin] ?? plugin.replace(/^Node/, '').slice(0, 8);
}

/** What each plugin checks or prefers (header tooltips): ui.json `sched.help.<plugin>`. */
export const PLUGIN_HELP: Record<string, MessageKey> = {
  NodeUnschedulable: 'sched.help.NodeUnschedulable',
  NodeName: 'sched.help.NodeName',
  TaintToleration: 'sched.help.TaintToleration',
  NodeAffinity: 'sched.help.NodeAffinity',
  NodePorts: 'sched.help.NodePorts',
  NodeResourcesFit: 'sched.help.NodeResourcesFit',
  NodeResourcesBalancedAllocation: 'sched.help.NodeResourcesBalancedAllocation',
  ImageLocality: 'sched.help.ImageLocality',
  PodTopologySpread: 'sched.help.PodTopologySpread',
  InterPodAffinity: 'sched.help.InterPodAffinity',
};

/**
 * How long each table row waits before it appears, so the rows reveal one node at a time within
 * the story step the event gets (600 ms at 1×, worker/pacer.ts) — faster at higher speed.
 */
export function revealStepMs(clock: Pick<ClockState, 'pacing' | 'speed'>, rows: number, storyStepMs = 600): number {
  if (rows <= 1) return 0;
  if (clock.pacing !== 'story') return 25;
  return Math.round(Math.max(15, Math.min(160, storyStepMs / clock.speed / rows)));
}
