import { describe, expect, it } from 'vitest';
import { nextSchedulerSlice, schedulerSlice, type SchedulerCycle } from '../store/scheduler';
import { abbreviate, filterTable, revealStepMs, scoreTable } from './decision-table';
import { TOO_BIG_CYCLE, WEB_CYCLE } from './fixtures';

const cycleOf = (events: typeof WEB_CYCLE): SchedulerCycle => Object.values(nextSchedulerSlice(schedulerSlice(), events).schedCycles)[0];

describe('filter table', () => {
  it('shows every filter plugin per node once the decision has played: passed, skipped by PreFilter', () => {
    const t = filterTable(cycleOf(WEB_CYCLE));
    expect(t.plugins).toEqual(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit']);
    expect(t.feasible).toBe(3);
    expect(t.rows.map((r) => r.node)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(t.rows[0].cells.map((c) => c.state)).toEqual(['pass', 'pass', 'pass', 'skip', 'skip', 'pass']);
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
    const rec = { ...trace['node-1'], TaintToleration: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) had untolerated taint {dedicated: gpu}"] } };
    delete (rec as Record<string, unknown>).NodeAffinity;
    delete (rec as Record<string, unknown>).NodePorts;
    delete (rec as Record<string, unknown>).NodeResourcesFit;
    const { 'node-3': _gone, ...rest } = trace;
    const edited: SchedulerCycle = {
      ...c,
      filter: { ...c.filter, 'node-1': ['node(s) had untolerated taint {dedicated: gpu}'] },
      decision: { ...c.decision!, trace: { filter: { ...rest, 'node-1': rec } } },
    };
    const t = filterTable(edited);
    expect(t.rows[0].cells.map((x) => x.state)).toEqual(['pass', 'pass', 'fail', 'notrun', 'notrun', 'notrun']);
    expect(t.rows[2].verdict).toBe('prefilter');
    expect(t.rows[2].cells).toEqual([]);
  });
});

describe('score table', () => {
  it('lists raw and normalised scores, weights and totals, the winner first', () => {
    const t = scoreTable(cycleOf(WEB_CYCLE))!;
    expect(t.plugins).toEqual(['TaintToleration', 'NodeResourcesFit', 'ImageLocality']);
    expect(t.skipped).toEqual(['NodeAffinity', 'NodeResourcesBalancedAllocation']);
    expect(t.rows.map((r) => [r.node, r.total, r.winner])).toEqual([['node-3', 397, true], ['node-1', 395, false], ['node-2', 395, false]]);
    expect(t.rows[0].cells[0]).toEqual({ plugin: 'TaintToleration', raw: 0, norm: 100, weight: 3, weighted: 300 });
    // the totals are the weighted sums
    for (const r of t.rows) expect(r.cells.reduce((n, c) => n + c.weighted, 0)).toBe(r.total);
    expect(t.tie).toBe(false);
  });

  it('knows the normalised scores before the decision, and no winner yet', () => {
    const t = scoreTable(cycleOf(WEB_CYCLE.slice(0, 2)))!;
    expect(t.rows[0]).toMatchObject({ node: 'node-3', winner: false });
    expect(t.rows[0].cells[1]).toMatchObject({ plugin: 'NodeResourcesFit', raw: undefined, norm: 97 });
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
