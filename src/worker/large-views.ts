// What the UI is sent of the scheduler's view on a large cluster. The fold keeps the latest cycle of
// the last SCHED_CAP pods, each with a verdict and scores per node: ~27 MB at 1,000 nodes, posted (a
// structured clone) whenever it changed. The UI draws one cycle: the selected pod's, else the last
// scheduled pod's (SchedulerView), so those two are what it gets.
import type { SchedulerSlice } from '../folds/scheduler';
import type { ActivityMark, SchedulerDecisionDetail, TraceEvent } from '../protocol/messages';

export function schedulerForUi(s: SchedulerSlice, inspected: string | null): SchedulerSlice {
  const schedCycles: SchedulerSlice['schedCycles'] = {};
  for (const key of [s.schedLastPod, inspected]) if (key !== null && s.schedCycles[key]) schedCycles[key] = s.schedCycles[key];
  return { ...s, schedCycles };
}

/** How many of a scheduling cycle's scored nodes a large cluster's narration is sent. */
export const SCORES_SHOWN = 3;

/**
 * A story event as a large cluster's page is sent it. A scheduling cycle's events carry a verdict and
 * scores for every node tried (hundreds at 1,000 nodes): posted with every cycle they were most of
 * the 280 MiB the page deserialized in 20 s. The page narrates a decision from its best scores and
 * its message, and draws the full cycle from the scheduler view (cut to the pod it shows), so a
 * filter or score event goes without its detail and a decision keeps its top scores, its chosen node,
 * its message and any preemption.
 */
export function traceForLargeUi(e: TraceEvent): TraceEvent {
  if (e.detail === undefined) return e;
  if (e.type === 'scheduler.filter' || e.type === 'scheduler.score') {
    const { detail: _d, ...rest } = e;
    return rest as TraceEvent;
  }
  if (e.type === 'scheduler.decision') {
    const d = e.detail as SchedulerDecisionDetail;
    const top = Object.entries(d.total ?? {}).sort((a, b) => b[1] - a[1]).slice(0, SCORES_SHOWN);
    // a tie at the top may have been broken for a node past the first few: it is always shown
    if (d.chosen && d.total?.[d.chosen] !== undefined && !top.some(([n]) => n === d.chosen)) top[top.length - 1] = [d.chosen, d.total[d.chosen]];
    const { trace: _t, ...kept } = d;
    const detail: SchedulerDecisionDetail = { ...kept, filter: {}, rejectedBy: {}, scores: {}, raw: {}, feasible: [], total: Object.fromEntries(top) };
    return { ...e, detail } as TraceEvent;
  }
  return e;
}

/** A large cluster's batch trace: the newest `keep` story events (and what came between them) travel
 * whole, the older ones only as the last mark of each component they reached, oldest first. The UI
 * flies the newest as tokens and pulses the rest; at 1,000 nodes a batch held hundreds of events. */
export function splitForLargeUi(events: readonly TraceEvent[], keep: number): { trace: TraceEvent[]; activity: ActivityMark[] } {
  let cut = events.length;
  for (let story = 0; cut > 0 && story < keep; cut--) if (!events[cut - 1].ambient) story++;
  const last = new Map<string, ActivityMark>();
  for (let i = 0; i < cut; i++) {
    const e = events[i];
    last.delete(e.to); // a component marked again moves to the end: the marks stay in played order
    last.set(e.to, e.ambient ? { seq: e.seq, to: e.to, type: e.type, ambient: true } : { seq: e.seq, to: e.to, type: e.type });
  }
  return { trace: events.slice(cut), activity: [...last.values()] };
}
