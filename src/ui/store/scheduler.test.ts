import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../protocol/messages';
import { TOO_BIG_CYCLE, WEB_CYCLE } from '../scheduler/fixtures';
import { SCHED_CAP, nextSchedulerSlice, schedulerSlice } from './scheduler';
import { createUiStore } from './store';

const WEB = 'Pod/default/web-76b5cf648f-f9wqr';

describe('scheduler slice', () => {
  it('follows one cycle through filter, score and decision', () => {
    let s = nextSchedulerSlice(schedulerSlice(), [WEB_CYCLE[0]]);
    expect(s.schedLastPod).toBe(WEB);
    expect(s.schedCycles[WEB]).toMatchObject({ phase: 'filter', filter: { 'node-1': [], 'node-2': [], 'node-3': [] }, startSeq: WEB_CYCLE[0].seq });
    expect(s.schedCycles[WEB].decision).toBeUndefined();
    s = nextSchedulerSlice(s, [WEB_CYCLE[1]]);
    expect(s.schedCycles[WEB]).toMatchObject({ phase: 'score', total: { 'node-1': 395, 'node-2': 395, 'node-3': 397 } });
    s = nextSchedulerSlice(s, [WEB_CYCLE[2]]);
    expect(s.schedCycles[WEB].phase).toBe('decision');
    expect(s.schedCycles[WEB].decision?.chosen).toBe('node-3');
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
    const other: TraceEvent = { seq: 1, t: 0, type: 'etcd.put', key: 'etcd.put', from: 'kube-apiserver', to: 'etcd-0', params: {} };
    expect(nextSchedulerSlice(prev, [other]).schedCycles).toBe(prev.schedCycles);
  });

  it(`remembers the ${SCHED_CAP} most recently scheduled pods`, () => {
    const events = Array.from({ length: SCHED_CAP + 5 }, (_, i) => ({ ...WEB_CYCLE[2], seq: i, object: { ...WEB_CYCLE[2].object!, name: `p${i}` } }));
    const s = nextSchedulerSlice(schedulerSlice(), events);
    expect(Object.keys(s.schedCycles)).toHaveLength(SCHED_CAP);
    expect(s.schedCycles['Pod/default/p4']).toBeUndefined();
    expect(s.schedCycles['Pod/default/p5']).toBeDefined();
    expect(s.schedLastPod).toBe(`Pod/default/p${SCHED_CAP + 4}`);
  });

  it('is fed by the worker batches, and a reset starts over', () => {
    const store = createUiStore();
    const clock = { nowMs: 100, playing: true, speed: 1, pacing: 'story' as const, fastForward: false };
    store.getState().receive({ type: 'BATCH', clock, trace: WEB_CYCLE, objects: [] });
    expect(store.getState().schedCycles[WEB].decision?.chosen).toBe('node-3');
    expect(store.getState().objects.size).toBe(0);
    store.getState().receive({ type: 'BATCH', reset: true, clock, trace: [], objects: [] });
    expect(store.getState().schedCycles).toEqual({});
    expect(store.getState().schedLastPod).toBeNull();
  });
});
