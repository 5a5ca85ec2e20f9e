// What a large cluster's page is sent of a scheduling cycle's events: the narration's facts (best
// scores, chosen node, message), not a verdict per node.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { SchedulerDecisionDetail, TraceEvent } from '../protocol/messages';
import { SCORES_SHOWN, splitForLargeUi, traceForLargeUi } from './large-views';
import { nextActivity } from '../ui/store/activity';
import { tokensFor } from '../ui/animation/tokens';

describe('traceForLargeUi', () => {
  it('keeps a decision\'s best scores, chosen node and message, drops the per-node tables', () => {
    const c = createCluster({ seed: 2, nodes: 8 });
    c.runUntilIdle();
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: nginx:1.27}]}\n');
    c.runUntilIdle();
    const decision = c.trace().find((e) => e.type === 'scheduler.decision') as TraceEvent;
    const full = decision.detail as SchedulerDecisionDetail;
    expect(Object.keys(full.total).length).toBeGreaterThan(SCORES_SHOWN);
    const small = traceForLargeUi(decision);
    const d = small.detail as SchedulerDecisionDetail;
    expect(d.chosen).toBe(full.chosen);
    expect(d.message).toBe(full.message);
    const best = Object.entries(full.total).sort((a, b) => b[1] - a[1]).slice(0, SCORES_SHOWN);
    expect(Object.entries(d.total)).toEqual(best);
    expect(d.total[full.chosen!]).toBe(full.total[full.chosen!]);
    expect(d.filter).toEqual({});
    expect(d.scores).toEqual({});
    expect(small.params).toBe(decision.params);
    // the engine's own event is untouched
    expect(Object.keys((decision.detail as SchedulerDecisionDetail).total).length).toBe(Object.keys(full.total).length);
    const filter = c.trace().find((e) => e.type === 'scheduler.filter')!;
    expect(traceForLargeUi(filter).detail).toBeUndefined();
    expect(traceForLargeUi(filter).params).toEqual(filter.params);
  });
});

describe('splitForLargeUi', () => {
  // a real burst: 30 pods created, scheduled and started on 8 nodes, with the heartbeats between
  const c = createCluster({ seed: 4, nodes: 8 });
  c.runUntilIdle();
  const from = c.trace().length;
  for (let i = 0; i < 30; i++) c.apply(`apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec: {containers: [{name: a, image: nginx:1.27}]}\n`);
  c.runUntilIdle();
  const burst = c.trace().slice(from) as TraceEvent[];
  const clock = { nowMs: 0, playing: true, speed: 50, pacing: 'realtime' as const, fastForward: false };

  it('sends the newest story events whole and the rest as one mark per component', () => {
    const { trace, activity } = splitForLargeUi(burst, 8);
    expect(trace.filter((e) => !e.ambient)).toHaveLength(8);
    expect(trace).toEqual(burst.slice(burst.length - trace.length));
    expect(new Set(activity.map((a) => a.to)).size).toBe(activity.length);
    expect(activity.length).toBeLessThan(burst.length - trace.length);
    // oldest first, as played
    expect(activity.map((a) => a.seq)).toEqual([...activity.map((a) => a.seq)].sort((a, b) => a - b));
  });

  it('leaves the diagram\'s pulses and tokens as the whole burst would', () => {
    const { trace, activity } = splitForLargeUi(burst, 8);
    expect(nextActivity(nextActivity({}, activity), trace)).toEqual(nextActivity({}, burst));
    expect(tokensFor([], trace, clock)).toEqual(tokensFor([], burst, clock));
  });

  it('sends a short batch whole', () => {
    const short = burst.filter((e) => !e.ambient).slice(0, 5);
    expect(splitForLargeUi(short, 8)).toEqual({ trace: short, activity: [] });
  });
});
