// What a large cluster's page is sent of a scheduling cycle's events: the narration's facts (best
// scores, chosen node, message), not a verdict per node.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { SchedulerDecisionDetail, TraceEvent } from '../protocol/messages';
import { SCORES_SHOWN, traceForLargeUi } from './large-views';

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
