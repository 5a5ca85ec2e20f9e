// Cases after pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go (TestDryRunPreemption,
// TestSelectBestCandidate, TestPodEligibleToPreemptOthers) and preemption_test.go (pickOneNodeForPreemption).
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { calculateNumCandidates, pickOneNodeForPreemption, scheduleOne } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';

const node = (name: string, cpu = '4') => makeNode(name).capacity({ cpu, memory: '8Gi', pods: '110' }).obj();
const running = (name: string, nodeName: string, cpu: string, priority: number, start = '2026-01-01T00:00:00Z') =>
  makePod(name).uid(`${name}-uid`).node(nodeName).req({ cpu }).priority(priority).startTime(start).obj();
const victimsOf = (d: ReturnType<typeof scheduleOne>) => d.preemption?.victims.map((v) => v.name);

describe('DefaultPreemption', () => {
  it('calculateNumCandidates: max(10 %, 100), capped at the node count', () => {
    expect([calculateNumCandidates(10), calculateNumCandidates(500), calculateNumCandidates(5000)]).toEqual([10, 100, 500]);
  });

  it('nominates a node and removes only what the preemptor needs, lowest priority first', () => {
    const pods = [running('a1', 'n1', '2', 10), running('a2', 'n1', '1', 20), running('a3', 'n1', '1', 5)];
    const d = scheduleOne(makePod('hi').req({ cpu: '2' }).priority(100).obj(), [node('n1')], pods);
    expect(d.chosen).toBeNull();
    // all three are removed; reprieving from the most important, a2 (20) fits back, a1 (10) does not, a3 (5) does
    expect(victimsOf(d)).toEqual(['a1']);
    expect(d.nominatedNodeName).toBe('n1');
    expect(d.preemption).toEqual({ nominatedNode: 'n1', victims: [{ namespace: 'default', name: 'a1', uid: 'a1-uid', priority: 10 }] });
    // PostFilter succeeded: no "preemption:" suffix in FailedScheduling
    expect(d.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('never preempts pods of equal or higher priority', () => {
    const pods = [running('a', 'n1', '4', 100), running('b', 'n2', '4', 200)];
    const d = scheduleOne(makePod('p').req({ cpu: '1' }).priority(100).obj(), [node('n1'), node('n2')], pods);
    expect(d.preemption).toBeUndefined();
    expect(d.nominatedNodeName).toBe('');
    expect(d.message).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
  });

  it('a node where even removing every lower-priority pod is not enough reports its filter reason', () => {
    const pods = [running('a', 'n1', '1', 0), running('b', 'n1', '3', 500)];
    const d = scheduleOne(makePod('p').req({ cpu: '2' }).priority(100).obj(), [node('n1')], pods);
    expect(d.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('picks the node whose highest victim priority is lowest', () => {
    const pods = [running('a', 'n1', '4', 30), running('b', 'n2', '4', 10), running('c', 'n3', '4', 20)];
    const d = scheduleOne(makePod('p').req({ cpu: '3' }).priority(100).obj(), [node('n1'), node('n2'), node('n3')], pods);
    expect(d.preemption?.nominatedNode).toBe('n2');
    expect(victimsOf(d)).toEqual(['b']);
  });

  it('pickOneNodeForPreemption: sum of priorities, then fewest victims, then latest start time', () => {
    const v = (name: string, prio: number, start = '2026-01-01T00:00:00Z'): Pod => running(name, 'x', '1', prio, start);
    // same highest priority 10: n1 sums 10+5, n2 sums 10+1 → n2
    expect(pickOneNodeForPreemption([{ name: 'n1', victims: [v('a', 10), v('b', 5)], numPDBViolations: 0 }, { name: 'n2', victims: [v('c', 10), v('d', 1)], numPDBViolations: 0 }], 0)).toBe('n2');
    // sum of (priority + 2^31) favours fewer pods for the same priorities
    expect(pickOneNodeForPreemption([{ name: 'n1', victims: [v('a', 10), v('b', 0)], numPDBViolations: 0 }, { name: 'n2', victims: [v('c', 10)], numPDBViolations: 0 }], 0)).toBe('n2');
    // all equal but start times: the node whose highest-priority victims started latest
    expect(pickOneNodeForPreemption([
      { name: 'n1', victims: [v('a', 10, '2026-01-01T00:00:00Z')], numPDBViolations: 0 },
      { name: 'n2', victims: [v('b', 10, '2026-01-01T01:00:00Z')], numPDBViolations: 0 },
    ], 0)).toBe('n2');
    // full tie: the first candidate
    expect(pickOneNodeForPreemption([{ name: 'n1', victims: [v('a', 10)], numPDBViolations: 0 }, { name: 'n2', victims: [v('b', 10)], numPDBViolations: 0 }], 0)).toBe('n1');
  });

  it('is not eligible while a victim on the nominated node is still terminating', () => {
    const victim = makePod('v').uid('v-uid').node('n1').req({ cpu: '4' }).priority(0).terminating().obj();
    (victim as { status?: Pod['status'] }).status = { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' }] };
    const pod = makePod('p').req({ cpu: '2' }).priority(100).obj();
    (pod as { status?: Pod['status'] }).status = { nominatedNodeName: 'n1' };
    const d = scheduleOne(pod, [node('n1')], [victim]);
    expect(d.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.');
    expect(d.nominatedNodeName).toBeUndefined(); // the nomination is kept
  });

  it('respects preemptionPolicy Never', () => {
    const d = scheduleOne(makePod('p').req({ cpu: '2' }).priority(100).preemptionPolicy('Never').obj(), [node('n1')], [running('a', 'n1', '4', 0)]);
    expect(d.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
    expect(d.preemption).toBeUndefined();
  });

  it('anti-affinity to a lower-priority pod is resolved by preempting it', () => {
    const db = makePod('db').uid('db-uid').node('n1').label('app', 'db').priority(0).obj();
    const n1 = makeNode('n1').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).label('kubernetes.io/hostname', 'n1').obj();
    const pod = makePod('p').priority(100).podAntiAffinityIn('app', 'kubernetes.io/hostname', ['db']).obj();
    const d = scheduleOne(pod, [n1], [db]);
    expect(d.message).toBe("0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules.");
    expect(victimsOf(d)).toEqual(['db']);
  });

  it('the candidate offset comes from the seeded random source', () => {
    const pods = [running('a', 'n1', '4', 10), running('b', 'n2', '4', 10)];
    const pod = makePod('p').req({ cpu: '3' }).priority(100).obj();
    expect(scheduleOne(pod, [node('n1'), node('n2')], pods).preemption?.nominatedNode).toBe('n1');
    expect(scheduleOne(pod, [node('n1'), node('n2')], pods, { preemptionRandInt: () => 1 }).preemption?.nominatedNode).toBe('n2');
  });

  it('filters count pods of equal or higher priority nominated to a node (RunFilterPluginsWithNominatedPods)', () => {
    const nominated = makePod('urgent').uid('urgent-uid').req({ cpu: '2' }).priority(100).obj();
    (nominated as { status?: Pod['status'] }).status = { nominatedNodeName: 'n1' };
    const nodes = [node('n1'), node('n2')];
    const pods = [running('busy', 'n2', '2', 500)];
    // priority 0 asking for 3 cpu: n1 is held for the nominated pod, n2 is busy
    const low = scheduleOne(makePod('low').req({ cpu: '3' }).priority(0).obj(), nodes, pods, { nominatedPods: [nominated] });
    expect(low.filter).toEqual({ n1: ['Insufficient cpu'], n2: ['Insufficient cpu'] });
    // a pod of higher priority than the nominated one ignores the nomination
    const high = scheduleOne(makePod('high').req({ cpu: '3' }).priority(200).obj(), nodes, pods, { nominatedPods: [nominated] });
    expect(high.chosen).toBe('n1');
    // the nominated pod itself is not counted twice
    expect(scheduleOne(nominated, nodes, pods, { nominatedPods: [nominated] }).chosen).toBe('n1');
  });
});
