// scheduleOne end to end: numFeasibleNodesToFind (schedule_one_test.go TestNumFeasibleNodesToFind), host
// selection, and the exact FailedScheduling text (FitError.Error + DefaultPreemption's no-candidate message).
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { Snapshot, numFeasibleNodesToFind, scheduleOne, scheduleOneWithSnapshot } from './index';
import { makeNode, makePod } from './framework/testing/wrappers';

const worker = (name: string, cpu = '4', memory = '8Gi') => makeNode(name).capacity({ cpu, memory, pods: '110' }).obj();
const controlPlane = (name: string) =>
  makeNode(name).capacity({ cpu: '4', memory: '8Gi', pods: '110' }).taints({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).obj();
const running = (name: string, node: string, cpu: string, memory = '0') => makePod(name).node(node).req({ cpu, memory }).obj();

describe('numFeasibleNodesToFind', () => {
  it.each([
    [10, 0, 10],
    [10, 40, 10],
    [99, 0, 99],
    [100, 0, 100],
    [1000, 0, 420],
    [1000, 40, 400],
    [5000, 0, 500],
    [6000, 0, 300],
    [6000, 40, 2400],
  ])('%d nodes at %d%% → %d', (nodes, pct, want) => {
    expect(numFeasibleNodesToFind(nodes, pct)).toBe(want);
  });
});

describe('scheduleOne', () => {
  it('picks the least allocated node and records every plugin score', () => {
    const nodes = [worker('n1'), worker('n2'), worker('n3')];
    const pods = [running('a', 'n1', '3'), running('b', 'n2', '1'), running('c', 'n3', '2')];
    const d = scheduleOne(makePod('web').req({ cpu: '500m', memory: '512Mi' }).obj(), nodes, pods);
    expect(d.chosen).toBe('n2');
    expect(d.feasible).toEqual(['n1', 'n2', 'n3']);
    expect(d.message).toBe('');
    expect(d.weights).toEqual({ TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 });
    // LeastAllocated: n2 cpu (4000 − 1500)×100/4000 = 62, memory (8Gi − 512Mi)×100/8Gi = 93 → (62 + 93) / 2 = 77
    expect(d.scores.n2.NodeResourcesFit).toBe(77);
    expect(d.scores.n2).not.toHaveProperty('NodeAffinity'); // PreScore Skip: no preferred terms
    expect(d.trace!.preScore.NodeAffinity.code).toBe('Skip');
    for (const n of d.feasible) {
      const s = d.scores[n];
      const sum = Object.keys(s).reduce((acc, pl) => acc + s[pl] * d.weights[pl], 0);
      expect(d.total[n]).toBe(sum);
    }
    expect(d.total.n2).toBeGreaterThan(d.total.n3);
    expect(d.total.n3).toBeGreaterThan(d.total.n1);
  });

  it('reports the exact FailedScheduling message when nothing fits', () => {
    const nodes = [controlPlane('cp'), worker('w1', '1'), worker('w2', '1')];
    const pods = [running('x', 'w1', '800m'), running('y', 'w2', '900m')];
    const d = scheduleOne(makePod('big').req({ cpu: '500m' }).obj(), nodes, pods);
    expect(d.chosen).toBeNull();
    expect(d.reason).toBe('Unschedulable');
    expect(d.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(d.filter).toEqual({
      cp: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      w1: ['Insufficient cpu'],
      w2: ['Insufficient cpu'],
    });
    expect(d.rejectedBy).toEqual({ cp: 'TaintToleration', w1: 'NodeResourcesFit', w2: 'NodeResourcesFit' });
  });

  it('sorts reasons as strings and lists every Fit reason of a node', () => {
    const nodes = [worker('w1', '1', '1Gi'), controlPlane('cp1'), controlPlane('cp2')];
    const d = scheduleOne(makePod('big').req({ cpu: '2', memory: '2Gi' }).obj(), nodes, []);
    expect(d.message).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('says the pod may not preempt when preemptionPolicy is Never', () => {
    const d = scheduleOne(makePod('p').req({ cpu: '8' }).preemptionPolicy('Never').obj(), [worker('w1')], []);
    expect(d.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });

  it('reports a PreFilter rejection once, with every node "not helpful" for preemption', () => {
    const pod = makePod('p').affinity({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [
        { key: 'metadata.name', operator: 'In', values: ['w1'] },
        { key: 'metadata.name', operator: 'In', values: ['w2'] },
      ] }] } },
    }).obj();
    const d = scheduleOne(pod, [worker('w1'), worker('w2')], []);
    expect(d.message).toBe('0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  it('narrows to the nodes named by matchFields and counts the others as absent', () => {
    const pod = (cpu: string) => makePod('p').req({ cpu }).affinity({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w2'] }] }] } },
    }).obj();
    const nodes = [worker('w1'), worker('w2'), worker('w3')];
    const ok = scheduleOne(pod('1'), nodes, []);
    expect(ok.chosen).toBe('w2');
    expect(ok.filter.w1).toEqual(["node(s) didn't satisfy plugin(s) [NodeAffinity]"]);
    const bad = scheduleOne(pod('5'), nodes, []);
    expect(bad.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('skips scoring when only one node is feasible', () => {
    const d = scheduleOne(makePod('p').req({ cpu: '1' }).obj(), [controlPlane('cp'), worker('w1')], []);
    expect(d.chosen).toBe('w1');
    expect(d.scores).toEqual({});
    expect(d.total).toEqual({});
  });

  it('breaks ties with randInt (reservoir sampling); by default the first node wins', () => {
    const nodes = [worker('a'), worker('b'), worker('c')];
    const pod = makePod('p').req({ cpu: '1' }).obj();
    expect(scheduleOne(pod, nodes, []).chosen).toBe('a');
    expect(scheduleOne(pod, nodes, [], { randInt: () => 0 }).chosen).toBe('c');
    const calls: number[] = [];
    scheduleOne(pod, nodes, [], { randInt: (n) => (calls.push(n), 1) });
    expect(calls).toEqual([2, 3]);
  });

  it('fails with "no nodes available to schedule pods" on an empty cluster', () => {
    const d = scheduleOne(makePod('p').obj(), [], []);
    expect(d).toMatchObject({ chosen: null, reason: 'SchedulerError', message: 'no nodes available to schedule pods' });
  });

  it('records Skip for filters disabled in PreFilter and Success for passing ones', () => {
    const d = scheduleOne(makePod('p').req({ cpu: '1' }).obj(), [worker('w1'), worker('w2')], []);
    expect(d.trace!.filter.w1).toEqual({
      NodeUnschedulable: { code: 'Success', reasons: [] },
      NodeName: { code: 'Success', reasons: [] },
      TaintToleration: { code: 'Success', reasons: [] },
      NodeAffinity: { code: 'Skip', reasons: [] },
      NodePorts: { code: 'Skip', reasons: [] },
      NodeResourcesFit: { code: 'Success', reasons: [] },
      VolumeBinding: { code: 'Skip', reasons: [] },
      PodTopologySpread: { code: 'Skip', reasons: [] },
      InterPodAffinity: { code: 'Skip', reasons: [] },
    });
  });

  it('balanced allocation is skipped for best-effort pods', () => {
    const d = scheduleOne(makePod('p').container().obj(), [worker('w1'), worker('w2')], []);
    expect(d.trace!.preScore.NodeResourcesBalancedAllocation.code).toBe('Skip');
    expect(Object.keys(d.scores.w1).sort()).toEqual(['ImageLocality', 'NodeResourcesFit', 'TaintToleration']);
  });
});

describe('scheduleOneWithSnapshot', () => {
  it('stops after numFeasibleNodesToFind feasible nodes and rotates the start index', () => {
    const nodes: Node[] = [];
    for (let i = 0; i < 200; i++) nodes.push(worker(`n${String(i).padStart(3, '0')}`));
    const snapshot = Snapshot.fromObjects(nodes);
    const d = scheduleOneWithSnapshot(makePod('p').req({ cpu: '1' }).obj(), snapshot, { percentageOfNodesToScore: 50, nextStartNodeIndex: 150, record: false });
    expect(d.feasible.length).toBe(100);
    expect(d.feasible[0]).toBe('n150');
    expect(d.feasible[99]).toBe('n049');
    expect(d.nextStartNodeIndex).toBe(50);
    expect(d.trace).toBeUndefined();
  });

  it('spreads a series of pods when the caller adds each binding to the snapshot', () => {
    const snapshot = Snapshot.fromObjects([worker('a'), worker('b'), worker('c')]);
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const pod: Pod = makePod(`p${i}`).req({ cpu: '500m', memory: '256Mi' }).obj();
      const d = scheduleOneWithSnapshot(pod, snapshot);
      placed.push(d.chosen!);
      pod.spec!.nodeName = d.chosen!;
      snapshot.addPod(pod);
    }
    expect(placed).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('matches scheduleOne over the same objects', () => {
    const nodes = [worker('n1'), worker('n2', '8', '16Gi')];
    const pods = [running('a', 'n1', '1', '1Gi')];
    const pod = makePod('p').req({ cpu: '500m', memory: '1Gi' }).obj();
    expect(scheduleOneWithSnapshot(pod, Snapshot.fromObjects(nodes, pods))).toEqual(scheduleOne(pod, nodes, pods));
  });
});
