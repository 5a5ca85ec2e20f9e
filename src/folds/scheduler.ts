// The Scheduler view's state: per pod, its latest scheduling cycle as the played trace shows it
// (scheduler.filter → scheduler.score → scheduler.decision). Pure reducers; the UI holds no truth.
import { objectKey, type OmittedNodes, type SchedulerDecisionDetail, type TraceEvent } from '../protocol/messages';

/** `scheduler.decision` detail: the engine's decision (DESIGN.md trace format, plus the per-plugin records). */
export type DecisionDetail = SchedulerDecisionDetail;

/** A plugin's result on one node (framework Status code and reasons), as the engine records it. */
export type StatusRecord = NonNullable<DecisionDetail['trace']>['preFilter'][string];

export type CyclePhase = 'filter' | 'score' | 'decision';

export interface SchedulerCycle {
  /** `namespace/name` */
  pod: string;
  phase: CyclePhase;
  /** seq and virtual time of the latest event of this cycle */
  seq: number;
  t: number;
  /** seq of the cycle's first event: a new cycle (a retry) restarts the animation */
  startSeq: number;
  /** node → reasons (empty = passed every filter), from scheduler.filter */
  filter: Record<string, string[]>;
  /** node → plugin → normalised score, and the totals, from scheduler.score */
  scores?: Record<string, Record<string, number>>;
  weights?: Record<string, number>;
  total?: Record<string, number>;
  /** the full decision, once scheduler.decision has played */
  decision?: DecisionDetail;
  /** a large cluster's cycle lists some of the nodes it evaluated: how many it leaves out */
  omitted?: OmittedNodes;
}

export interface SchedulerSlice {
  /** Pod object key → its latest cycle (the most recent SCHED_CAP pods) */
  schedCycles: Record<string, SchedulerCycle>;
  /** object key of the pod of the most recent scheduler event */
  schedLastPod: string | null;
}

export const SCHED_CAP = 100;

export const schedulerSlice = (): SchedulerSlice => ({ schedCycles: {}, schedLastPod: null });

type SchedulerEvent = TraceEvent<'scheduler.filter' | 'scheduler.score' | 'scheduler.decision'>;
const isSchedulerEvent = (e: TraceEvent): e is SchedulerEvent => e.type === 'scheduler.filter' || e.type === 'scheduler.score' || e.type === 'scheduler.decision';

function cycleFor(prev: SchedulerCycle | undefined, e: SchedulerEvent): SchedulerCycle {
  const pod = e.params.pod ?? '';
  const filter = (e.type !== 'scheduler.score' && e.detail?.filter) || {};
  if (e.type === 'scheduler.filter') return { pod, phase: 'filter', seq: e.seq, t: e.t, startSeq: e.seq, filter, ...(e.detail?.omitted ? { omitted: e.detail.omitted } : {}) };
  // a score or decision without its filter (e.g. after a reset) still starts a cycle
  const base: SchedulerCycle = prev && prev.phase !== 'decision' ? prev : { pod, phase: 'filter', seq: e.seq, t: e.t, startSeq: e.seq, filter };
  const d = e.detail;
  if (e.type === 'scheduler.score') return { ...base, phase: 'score', seq: e.seq, t: e.t, scores: d?.scores, weights: d?.weights, total: d?.total };
  const decision = e.detail;
  const omitted = decision?.omitted ?? base.omitted;
  return { ...base, phase: 'decision', seq: e.seq, t: e.t, filter: decision?.filter ?? base.filter, scores: decision?.scores, weights: decision?.weights, total: decision?.total, decision, ...(omitted ? { omitted } : {}) };
}

/** Folds played scheduler.* events into the per-pod cycles. Keeps identity when nothing changed. */
export function nextSchedulerSlice(prev: SchedulerSlice, events: readonly TraceEvent[]): SchedulerSlice {
  let cycles: Record<string, SchedulerCycle> | null = null;
  let last = prev.schedLastPod;
  for (const e of events) {
    if (!isSchedulerEvent(e) || !e.object || e.object.kind !== 'Pod') continue;
    const key = objectKey('Pod', e.object.namespace, e.object.name);
    cycles ??= { ...prev.schedCycles };
    const c = cycleFor(cycles[key], e);
    delete cycles[key]; // re-insert: the map's order is recency, the oldest is evicted first
    cycles[key] = c;
    last = key;
  }
  // only this slice's fields: the caller spreads the result into the whole state
  if (!cycles) return { schedCycles: prev.schedCycles, schedLastPod: prev.schedLastPod };
  const keys = Object.keys(cycles);
  for (let i = 0; i < keys.length - SCHED_CAP; i++) delete cycles[keys[i]];
  return { schedCycles: cycles, schedLastPod: last };
}
