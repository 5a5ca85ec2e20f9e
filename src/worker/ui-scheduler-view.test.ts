// The Scheduler view's tables and store slice, fed real scheduling cycles from the engine
// (examples/deployment.yaml and examples/too-big-pod.yaml on 3 nodes), so they follow the
// scheduler as its plugins change. Lives beside the worker: src/ui may not import the engine.
import { initViews, stepViews } from '../folds/registry';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { TraceEvent } from '../protocol/messages';
import { abbreviate, filterTable, revealStepMs, scoreTable } from '../ui/scheduler/decision-table';
import { SCHED_CAP, nextSchedulerSlice, schedulerSlice, type SchedulerCycle } from '../folds/scheduler';
import { createUiStore } from '../ui/store/store';

/** scheduler.filter → (scheduler.score) → scheduler.decision of the first pod scheduled. */
function firstCycle(example: string): TraceEvent[] {
  const c = createCluster({ seed: 1, nodes: 3 });
  c.apply(readFileSync(new URL(`../../examples/${example}.yaml`, import.meta.url), 'utf8'));
  c.runUntilIdle();
  const events = c.trace().filter((e) => e.type.startsWith('scheduler.'));
  return events.slice(0, events.findIndex((e) => e.type === 'scheduler.decision') + 1);
}

const WEB_CYCLE = firstCycle('deployment');
const TOO_BIG_CYCLE = firstCycle('too-big-pod');
const WEB = `Pod/default/${WEB_CYCLE[0].object!.name}`;
const cycleOf = (events: TraceEvent[]): SchedulerCycle => Object.values(nextSchedulerSlice(schedulerSlice(), events).schedCycles)[0];

describe('filter table', () => {
  it('shows every filter plugin per node once the decision has played: passed, skipped by PreFilter', () => {
    const t = filterTable(cycleOf(WEB_CYCLE));
    expect(t.plugins).toEqual(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity']);
    expect(t.feasible).toBe(3);
    expect(t.rows.map((r) => r.node)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(t.rows[0].cells.map((c) => c.state)).toEqual(['pass', 'pass', 'pass', 'skip', 'skip', 'pass', 'skip', 'skip', 'skip']);
  });

  it('counts the nodes a large cluster\'s cycle evaluated but does not list', () => {
    const c = createCluster({ seed: 1, nodes: 120 });
    c.runUntilIdle();
    const from = c.trace().length;
    c.apply(readFileSync(new URL('../../examples/deployment.yaml', import.meta.url), 'utf8'));
    c.advance(10_000);
    const events = c.trace().slice(from).filter((e) => e.type.startsWith('scheduler.'));
    const t = filterTable(cycleOf(events.slice(0, events.findIndex((e) => e.type === 'scheduler.decision') + 1)));
    expect(t.rows.length).toBe(10);
    // numFeasibleNodesToFind: 120 nodes → 50%, at least 100: the scheduler stopped at 100 that fit
    expect(t.omitted).toEqual({ fits: 90, rejected: 0 });
    // the heading's "N of M nodes fit" counts every node evaluated
    expect(t.feasible).toBe(100);
    expect(t.evaluated).toBe(100);
  });

  it('names the rejecting plugin and its reason', () => {
    const t = filterTable(cycleOf(TOO_BIG_CYCLE));
    expect(t.feasible).toBe(0);
    for (const r of t.rows) {
      expect(r).toMatchObject({ verdict: 'rejected', reasons: ['Insufficient cpu'], rejectedBy: 'NodeResourcesFit' });
      expect(r.cells.find((c) => c.plugin === 'NodeResourcesFit')).toEqual({ plugin: 'NodeResourcesFit', state: 'fail', reasons: ['Insufficient cpu'] });
    }
  });

  it('has verdicts but no plugin columns while the filter step is still playing', () => {
    const t = filterTable(cycleOf([TOO_BIG_CYCLE[0]]));
    expect(t.plugins).toEqual([]);
    expect(t.rows.map((r) => [r.node, r.verdict, r.reasons])).toEqual([
      ['node-1', 'rejected', ['Insufficient cpu']],
      ['node-2', 'rejected', ['Insufficient cpu']],
      ['node-3', 'rejected', ['Insufficient cpu']],
    ]);
  });

  it('marks plugins after the rejecting one as not run, and a PreFilter rejection as such', () => {
    const c = cycleOf(TOO_BIG_CYCLE);
    const trace = c.decision!.trace!.filter!;
    const rec = { ...trace['node-1'], TaintToleration: { code: 'UnschedulableAndUnresolvable' as const, reasons: ['node(s) had untolerated taint {dedicated: gpu}'] } };
    delete (rec as Record<string, unknown>).NodeAffinity;
    delete (rec as Record<string, unknown>).NodePorts;
    delete (rec as Record<string, unknown>).NodeResourcesFit;
    const { 'node-3': _gone, ...rest } = trace;
    const edited: SchedulerCycle = {
      ...c,
      filter: { ...c.filter, 'node-1': ['node(s) had untolerated taint {dedicated: gpu}'] },
      decision: { ...c.decision!, trace: { ...c.decision!.trace!, filter: { ...rest, 'node-1': rec } } },
    };
    const t = filterTable(edited);
    expect(t.rows[0].cells.map((x) => x.state)).toEqual(['pass', 'pass', 'fail', 'notrun', 'notrun', 'notrun']);
    expect(t.rows[2].verdict).toBe('prefilter');
    expect(t.rows[2].cells).toEqual([]);
  });
});

describe('score table', () => {
  it('lists raw and normalised scores, weights and totals, and the winner', () => {
    const t = scoreTable(cycleOf(WEB_CYCLE))!;
    const chosen = cycleOf(WEB_CYCLE).decision!.chosen;
    expect(t.plugins).toEqual(['TaintToleration', 'NodeResourcesFit', 'PodTopologySpread', 'ImageLocality']);
    expect(t.skipped).toEqual(['NodeAffinity', 'InterPodAffinity', 'NodeResourcesBalancedAllocation']);
    // three empty, equal nodes: a tie at 300 + 97 + 200 + 0, broken by the seeded PRNG
    expect(t.rows.map((r) => r.total)).toEqual([597, 597, 597]);
    expect(t.rows.filter((r) => r.winner).map((r) => r.node)).toEqual([chosen]);
    expect(t.rows[0].cells[0]).toEqual({ plugin: 'TaintToleration', raw: 0, norm: 100, weight: 3, weighted: 300 });
    for (const r of t.rows) expect(r.cells.reduce((n, c) => n + c.weighted, 0)).toBe(r.total);
    expect(t.tie).toBe(true);
  });

  it('knows the normalised scores before the decision, and no winner yet', () => {
    const t = scoreTable(cycleOf(WEB_CYCLE.slice(0, 2)))!;
    expect(t.rows.some((r) => r.winner)).toBe(false);
    expect(t.rows[0].cells[1]).toMatchObject({ plugin: 'NodeResourcesFit', norm: 97 });
  });

  it('is absent when nothing was scored', () => {
    expect(scoreTable(cycleOf(TOO_BIG_CYCLE))).toBeNull();
  });
});

describe('presentation helpers', () => {
  it('abbreviates plugin names for narrow columns', () => {
    expect(['NodeResourcesFit', 'TaintToleration', 'SomeCustomPlugin'].map(abbreviate)).toEqual(['Fit', 'Taint', 'SomeCust']);
  });

  it('reveals the rows within one story step, faster at higher speed', () => {
    expect(revealStepMs({ pacing: 'story', speed: 1 }, 3)).toBe(160);
    expect(revealStepMs({ pacing: 'story', speed: 5 }, 3)).toBe(40);
    expect(revealStepMs({ pacing: 'story', speed: 1 }, 100)).toBe(15);
    expect(revealStepMs({ pacing: 'realtime', speed: 1 }, 3)).toBe(25);
    expect(revealStepMs({ pacing: 'story', speed: 1 }, 1)).toBe(0);
  });
});

describe('scheduler slice', () => {
  it('follows one cycle through filter, score and decision', () => {
    let s = nextSchedulerSlice(schedulerSlice(), [WEB_CYCLE[0]]);
    expect(s.schedLastPod).toBe(WEB);
    expect(s.schedCycles[WEB]).toMatchObject({ phase: 'filter', filter: { 'node-1': [], 'node-2': [], 'node-3': [] }, startSeq: WEB_CYCLE[0].seq });
    expect(s.schedCycles[WEB].decision).toBeUndefined();
    s = nextSchedulerSlice(s, [WEB_CYCLE[1]]);
    expect(s.schedCycles[WEB]).toMatchObject({ phase: 'score', total: { 'node-1': 597, 'node-2': 597, 'node-3': 597 } });
    s = nextSchedulerSlice(s, [WEB_CYCLE[2]]);
    expect(s.schedCycles[WEB].phase).toBe('decision');
    expect(s.schedCycles[WEB].decision?.chosen).toMatch(/^node-[123]$/);
    expect(s.schedCycles[WEB].startSeq).toBe(WEB_CYCLE[0].seq);
  });

  it('keeps the FailedScheduling message of a pod that fits nowhere', () => {
    const s = nextSchedulerSlice(schedulerSlice(), TOO_BIG_CYCLE);
    const c = s.schedCycles['Pod/default/too-big'];
    expect(c.decision?.chosen).toBeNull();
    expect(c.decision?.message).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
  });

  it('starts a new cycle (a retry) at the next scheduler.filter of the same pod', () => {
    const retry = { ...TOO_BIG_CYCLE[0], seq: 9000, t: 1047 };
    const s = nextSchedulerSlice(nextSchedulerSlice(schedulerSlice(), TOO_BIG_CYCLE), [retry]);
    expect(s.schedCycles['Pod/default/too-big']).toMatchObject({ phase: 'filter', startSeq: 9000, t: 1047 });
    expect(s.schedCycles['Pod/default/too-big'].decision).toBeUndefined();
  });

  it('ignores other events and keeps its identity', () => {
    const prev = nextSchedulerSlice(schedulerSlice(), WEB_CYCLE);
    const other: TraceEvent = { seq: 1, t: 0, type: 'etcd.put', key: 'etcd.put', from: 'kube-apiserver', to: 'etcd-0', params: { key: '/registry/pods/default/x', revision: 1, size: 0, createRevision: 1, version: 1 } };
    expect(nextSchedulerSlice(prev, [other]).schedCycles).toBe(prev.schedCycles);
  });

  it(`remembers the ${SCHED_CAP} most recently scheduled pods`, () => {
    const decision = WEB_CYCLE[WEB_CYCLE.length - 1];
    const events = Array.from({ length: SCHED_CAP + 5 }, (_, i) => ({ ...decision, seq: i, object: { ...decision.object!, name: `p${i}` } }));
    const s = nextSchedulerSlice(schedulerSlice(), events);
    expect(Object.keys(s.schedCycles)).toHaveLength(SCHED_CAP);
    expect(s.schedCycles['Pod/default/p4']).toBeUndefined();
    expect(s.schedCycles['Pod/default/p5']).toBeDefined();
    expect(s.schedLastPod).toBe(`Pod/default/p${SCHED_CAP + 4}`);
  });

  it('is folded in the worker and taken by the store as sent; a reset starts over', () => {
    const store = createUiStore();
    const clock = { nowMs: 100, playing: true, speed: 1, pacing: 'story' as const, fastForward: false };
    const folded = stepViews(initViews([]), WEB_CYCLE);
    store.getState().receive({ type: 'BATCH', clock, trace: WEB_CYCLE, objects: [], views: { scheduler: folded.scheduler } });
    expect(store.getState().schedCycles[WEB].decision?.chosen).toMatch(/^node-[123]$/);
    expect(store.getState().objects.size).toBe(0);
    store.getState().receive({ type: 'BATCH', reset: true, clock, trace: [], objects: [], views: { scheduler: initViews([]).scheduler } });
    expect(store.getState().schedCycles).toEqual({});
    expect(store.getState().schedLastPod).toBeNull();
  });
});
