// A large cluster's scheduling cycle as its trace events carry it: the best nodes, the chosen one and
// the first rejected, with counts of the rest; the decision itself is the one the whole cycle made.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index';
import type { SchedulerDecisionDetail, TraceEvent } from '../index';
import { cutCycle, NODES_KEPT } from './large-cycle';

const POD = (name: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: ${cpu}
`;

function cycleOf(nodes: number, yaml: string) {
  const c = createCluster({ seed: 5, nodes });
  c.runUntilIdle();
  const from = c.trace().length;
  c.apply(yaml);
  c.advance(5_000);
  const events = c.trace().slice(from) as TraceEvent[];
  const filter = events.find((e) => e.type === 'scheduler.filter')!;
  const decision = events.find((e) => e.type === 'scheduler.decision')!;
  return { c, filter, decision, detail: decision.detail as SchedulerDecisionDetail };
}

describe('a large cluster’s scheduling cycle in the trace', () => {
  it('lists the best nodes that fit, with the chosen one, and counts the others it evaluated', () => {
    const { c, filter, detail } = cycleOf(150, POD('web', '100m'));
    const listed = Object.keys(detail.filter);
    expect(listed.length).toBeLessThanOrEqual(NODES_KEPT);
    expect(Object.keys(detail.total)).toEqual(expect.arrayContaining([detail.chosen!]));
    // the counts add up to the nodes the scheduler evaluated (150 nodes: all of them fit)
    const params = filter.params as { feasible: number; total: number };
    expect(listed.length + detail.omitted!.fits + detail.omitted!.rejected).toBe(params.feasible);
    expect(params.total).toBe(150);
    // the filter event carries the same cut
    expect((filter.detail as { omitted?: unknown }).omitted).toEqual(detail.omitted);
    // the chosen node's total is the best of those listed, and the pod was bound there
    const best = Math.max(...Object.values(detail.total));
    expect(detail.total[detail.chosen!]).toBe(best);
    expect((c.get('Pod', 'default', 'web') as unknown as { spec: { nodeName: string } }).spec.nodeName).toBe(detail.chosen);
  });

  it('keeps every node of a small cluster', () => {
    const { detail } = cycleOf(3, POD('web', '100m'));
    expect(detail.omitted).toBeUndefined();
    expect(Object.keys(detail.filter)).toHaveLength(3);
  });

  it('keeps the first rejected nodes by name and the FailedScheduling message of all of them', () => {
    const { detail } = cycleOf(120, POD('huge', '64'));
    expect(detail.chosen).toBeNull();
    expect(detail.message).toMatch(/^0\/120 nodes are available: 120 Insufficient cpu/);
    const listed = Object.keys(detail.filter);
    expect(listed).toHaveLength(NODES_KEPT);
    expect(listed).toEqual([...listed].sort());
    expect(detail.omitted).toEqual({ fits: 0, rejected: 120 - NODES_KEPT });
    expect(Object.keys(detail.rejectedBy)).toEqual(listed);
  });

  it('returns a cycle with nothing left out as it is', () => {
    const d = { pod: 'default/a', filter: { n1: [] }, rejectedBy: {}, scores: {}, raw: {}, weights: {}, total: { n1: 10 }, chosen: 'n1', message: '', reason: 'Scheduled' as const, feasible: ['n1'], evaluatedNodes: 1, nextStartNodeIndex: 0 };
    expect(cutCycle(d)).toBe(d);
  });

  it('picks the same nodes a full sort would', () => {
    let seed = 9;
    const r = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let round = 0; round < 20; round++) {
      const names = Array.from({ length: 150 }, (_, i) => `node-${i + 1}`);
      const feasible = names.filter(() => r() < 0.7);
      const total = Object.fromEntries(feasible.map((n) => [n, Math.floor(r() * 8)]));
      const filter = Object.fromEntries(names.map((n) => [n, feasible.includes(n) ? [] : ['Insufficient cpu']]));
      const chosen = feasible[Math.floor(r() * feasible.length)];
      const d = { pod: 'default/a', filter, rejectedBy: {}, scores: {}, raw: {}, weights: {}, total, chosen, message: '', reason: 'Scheduled' as const, feasible, evaluatedNodes: 150, nextStartNodeIndex: 0 };
      const byTotal = [...feasible].sort((a, b) => total[b] - total[a] || (a < b ? -1 : 1)).slice(0, NODES_KEPT);
      if (!byTotal.includes(chosen)) byTotal[NODES_KEPT - 1] = chosen;
      const firstRejected = names.filter((n) => !feasible.includes(n)).sort().slice(0, NODES_KEPT);
      const cut = cutCycle(d);
      expect(Object.keys(cut.total).sort()).toEqual([...byTotal].sort());
      expect(Object.keys(cut.filter).sort()).toEqual([...byTotal, ...firstRejected].sort());
      expect(cut.omitted).toEqual({ fits: feasible.length - byTotal.length, rejected: 150 - feasible.length - firstRejected.length });
    }
  });
});
