// Tables from pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go (TestSingleConstraint,
// TestMultipleConstraints, minDomains) and scoring_test.go (TestPodTopologySpreadScore), plus the exact
// FailedScheduling text of a DoNotSchedule constraint through scheduleOne.
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { runFilterPluginOnNodes, runScorePlugin, scheduleOne } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch } from './pod-topology-spread';

const foo = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
const zoneNode = (name: string, zone: string) => makeNode(name).label('zone', zone).label('node', name).obj();
const fourNodes = () => [zoneNode('node-a', 'zone1'), zoneNode('node-b', 'zone1'), zoneNode('node-x', 'zone2'), zoneNode('node-y', 'zone2')];
const fooPod = (name: string, node: string) => makePod(name).node(node).label('foo', '').obj();
/** 2/1/0/3 over node-a, node-b, node-x, node-y. */
const spread2103 = () => [fooPod('p-a1', 'node-a'), fooPod('p-a2', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-y1', 'node-y'), fooPod('p-y2', 'node-y'), fooPod('p-y3', 'node-y')];

function codes(pod: Pod, nodes: Node[], pods: Pod[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, s] of Object.entries(runFilterPluginOnNodes('PodTopologySpread', pod, nodes, pods))) out[n] = s.code;
  return out;
}

describe('PodTopologySpread Filter (filtering_test.go TestSingleConstraint)', () => {
  const hard = (maxSkew: number, key: string, sel = foo) => makePod('p').label('foo', '').spreadConstraint(maxSkew, key, 'DoNotSchedule', sel);

  it('no existing pods: every node fits', () => {
    expect(codes(hard(1, 'zone').obj(), fourNodes(), [])).toEqual({ 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Success' });
  });

  it('existing pods in a different namespace do not count', () => {
    const pods = [
      makePod('p-a1').namespace('ns1').node('node-a').label('foo', '').obj(),
      makePod('p-b1').namespace('ns2').node('node-a').label('foo', '').obj(),
      fooPod('p-x1', 'node-x'),
      fooPod('p-y1', 'node-y'),
    ];
    expect(codes(hard(1, 'zone').obj(), fourNodes(), pods)).toEqual({ 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' });
  });

  it('pods spread across zones as 3/3: all nodes fit', () => {
    expect(codes(hard(1, 'zone').obj(), fourNodes(), spread2103())).toEqual({ 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Success' });
  });

  it("pods spread as 1/2 because node-b lacks 'zone': node-b is UnschedulableAndUnresolvable with the missing-label reason", () => {
    const nodes = [zoneNode('node-a', 'zone1'), makeNode('node-b').label('zon', 'zone1').label('node', 'node-b').obj(), zoneNode('node-x', 'zone2'), zoneNode('node-y', 'zone2')];
    const pods = [fooPod('p-a1', 'node-a'), fooPod('p-b1', 'node-b'), fooPod('p-x1', 'node-x'), fooPod('p-y1', 'node-y')];
    const r = runFilterPluginOnNodes('PodTopologySpread', hard(1, 'zone').obj(), nodes, pods);
    expect(r['node-a']).toEqual({ code: 'Success', reasons: [] });
    expect(r['node-b']).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonNodeLabelNotMatch] });
    expect(r['node-x']).toEqual({ code: 'Unschedulable', reasons: [ErrReasonConstraintsNotMatch] });
    expect(ErrReasonNodeLabelNotMatch).toBe("node(s) didn't match pod topology spread constraints (missing required label)");
  });

  it("no node has label 'rack'", () => {
    expect(codes(hard(1, 'rack').obj(), [zoneNode('node-a', 'zone1'), zoneNode('node-x', 'zone2')], [])).toEqual({ 'node-a': 'UnschedulableAndUnresolvable', 'node-x': 'UnschedulableAndUnresolvable' });
  });

  it('pods spread across nodes as 2/1/0/3: only node-x fits; maxSkew 2: node-b and node-x', () => {
    expect(codes(hard(1, 'node').obj(), fourNodes(), spread2103())).toEqual({ 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' });
    expect(codes(hard(2, 'node').obj(), fourNodes(), spread2103())).toEqual({ 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' });
  });

  it("2/1/0/3 but the pod doesn't match itself", () => {
    const pod = makePod('p').label('bar', '').spreadConstraint(1, 'node', 'DoNotSchedule', foo).obj();
    expect(codes(pod, fourNodes(), spread2103())).toEqual({ 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' });
  });

  it('incoming pod has nodeAffinity (policy Honor): spread 2/~1~/~0~/3, hence node-a fits', () => {
    const pod = hard(1, 'node')
      .affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node', operator: 'In', values: ['node-a', 'node-y'] }] }] } } })
      .obj();
    expect(codes(pod, fourNodes(), spread2103())).toEqual({ 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' });
  });

  it('terminating pods are excluded', () => {
    const nodes = [makeNode('node-a').label('node', 'node-a').obj(), makeNode('node-b').label('node', 'node-b').obj()];
    const pods = [makePod('p-a').node('node-a').label('foo', '').terminating().obj(), fooPod('p-b', 'node-b')];
    expect(codes(hard(1, 'node').obj(), nodes, pods)).toEqual({ 'node-a': 'Success', 'node-b': 'Unschedulable' });
  });

  it('two constraints on zone and node, spreads [3/3, 2/1/0/3]: only node-x', () => {
    const pod = makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', foo).spreadConstraint(1, 'node', 'DoNotSchedule', foo).obj();
    expect(codes(pod, fourNodes(), spread2103())).toEqual({ 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' });
  });

  it('minDomains 3 with 2 zones treats the global minimum as 0', () => {
    // zone1 has 3 matching pods, zone2 has 3: without minDomains every node fits (skew 1)
    const pod = makePod('p').label('foo', '').spreadConstraint(2, 'zone', 'DoNotSchedule', foo, 3).obj();
    expect(codes(pod, fourNodes(), spread2103())).toEqual({ 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' });
  });

  it('nodeTaintsPolicy Honor leaves out tainted nodes the pod does not tolerate', () => {
    const nodes = [
      makeNode('node-a').label('node', 'node-a').taints({ key: 'k', value: 'v', effect: 'NoSchedule' }).obj(),
      makeNode('node-b').label('node', 'node-b').obj(),
      makeNode('node-c').label('node', 'node-c').obj(),
    ];
    const pods = [fooPod('p-b1', 'node-b'), fooPod('p-c1', 'node-c')];
    const ignore = makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', foo).obj();
    const honor = makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, undefined, 'Honor').obj();
    // Ignore: node-a counts as a domain with 0 pods, so node-b and node-c would make skew 2
    expect(codes(ignore, nodes, pods)).toEqual({ 'node-a': 'Success', 'node-b': 'Unschedulable', 'node-c': 'Unschedulable' });
    expect(codes(honor, nodes, pods)).toEqual({ 'node-a': 'Success', 'node-b': 'Success', 'node-c': 'Success' });
  });

  it('matchLabelKeys narrows the selector to pods with the same value', () => {
    const nodes = [makeNode('node-a').label('node', 'node-a').obj(), makeNode('node-b').label('node', 'node-b').obj()];
    const pods = [makePod('old').node('node-a').label('foo', '').label('rev', 'v1').obj(), makePod('old2').node('node-a').label('foo', '').label('rev', 'v1').obj()];
    const pod = makePod('p').label('foo', '').label('rev', 'v2').spreadConstraint(1, 'node', 'DoNotSchedule', foo, undefined, undefined, undefined, ['rev']).obj();
    expect(codes(pod, nodes, pods)).toEqual({ 'node-a': 'Success', 'node-b': 'Success' });
  });

  it('Skip (Success on every node) for a pod without constraints and no Service or controller', () => {
    expect(codes(makePod('p').label('foo', '').obj(), fourNodes(), spread2103())).toEqual({ 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Success' });
  });
});

describe('PodTopologySpread Score (scoring_test.go TestPodTopologySpreadScore)', () => {
  const host = (name: string) => makeNode(name).label('kubernetes.io/hostname', name).obj();
  const soft = (maxSkew: number, key = 'kubernetes.io/hostname') => makePod('p').label('foo', '').spreadConstraint(maxSkew, key, 'ScheduleAnyway', foo).obj();
  const podsOn = (counts: Record<string, number>) =>
    Object.entries(counts).flatMap(([node, n]) => Array.from({ length: n }, (_, i) => fooPod(`p-${node.slice(-1)}${i + 1}`, node)));

  it('one constraint on node, no existing pods: all 100', () => {
    expect(runScorePlugin('PodTopologySpread', soft(1), [host('node-a'), host('node-b')])).toEqual({ 'node-a': 100, 'node-b': 100 });
  });

  it('only one candidate node scores 100', () => {
    const r = runScorePlugin('PodTopologySpread', soft(1), [host('node-a'), host('node-b')], podsOn({ 'node-a': 2, 'node-b': 1 }), undefined, undefined, ['node-a']);
    expect(r).toEqual({ 'node-a': 100 });
  });

  it.each([
    [1, { 'node-a': 2, 'node-b': 1, 'node-c': 0, 'node-d': 3 }, { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 }],
    [2, { 'node-a': 2, 'node-b': 1, 'node-c': 0, 'node-d': 3 }, { 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 }],
    [3, { 'node-a': 4, 'node-b': 3, 'node-c': 2, 'node-d': 1 }, { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 }],
  ])('one constraint on node, 4 candidates, maxSkew %d', (maxSkew, counts, want) => {
    const nodes = ['node-a', 'node-b', 'node-c', 'node-d'].map(host);
    expect(runScorePlugin('PodTopologySpread', soft(maxSkew), nodes, podsOn(counts))).toEqual(want);
  });

  it('system defaulting: nodes without zone, pods selected by a Service score as one hostname constraint (maxSkew 3)', () => {
    const nodes = ['node-a', 'node-b', 'node-c', 'node-d'].map(host);
    const pods = podsOn({ 'node-a': 4, 'node-b': 3, 'node-c': 2, 'node-d': 1 });
    const objects = { services: [{ metadata: { name: 'svc', namespace: 'default' }, spec: { selector: { foo: '' } } }] };
    const pod = makePod('p').label('foo', '').obj();
    expect(runScorePlugin('PodTopologySpread', pod, nodes, pods, undefined, objects)).toEqual({ 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 });
    // without a Service (and no controller) the default constraints have no selector: Skip
    expect(runScorePlugin('PodTopologySpread', pod, nodes, pods)).toBe('Skip');
  });

  it('system defaulting through the owning ReplicaSet selector', () => {
    const nodes = ['node-a', 'node-b'].map(host);
    const owned = (name: string, node: string) => makePod(name).node(node).label('app', 'web').ownerReference('web-1', 'ReplicaSet').obj();
    const pods = [owned('w1', 'node-a'), owned('w2', 'node-a'), owned('w3', 'node-b')];
    const objects = { replicaSets: [{ metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } }] };
    // log(4) weight: a = round(2×1.386 + 2) = 5, b = round(1.386 + 2) = 3 → a: 100×(5+3−5)/5 = 60, b: 100
    const r = runScorePlugin('PodTopologySpread', makePod('w4').label('app', 'web').ownerReference('web-1', 'ReplicaSet').obj(), nodes, pods, undefined, objects);
    expect(r).toEqual({ 'node-a': 60, 'node-b': 100 });
  });

  it('one constraint on node, 3 of 4 nodes are candidates (4/2/1/~3~)', () => {
    const nodes = ['node-a', 'node-b', 'node-x', 'node-y'].map(host);
    const pods = podsOn({ 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 });
    expect(runScorePlugin('PodTopologySpread', soft(1), nodes, pods, undefined, undefined, ['node-a', 'node-b', 'node-x'])).toEqual({ 'node-a': 33, 'node-b': 83, 'node-x': 100 });
  });

  it("one node doesn't match the topology key: it scores 0", () => {
    const nodes = [host('node-a'), makeNode('node-b').label('n', 'node-b').obj(), host('node-x'), host('node-y')];
    const pods = podsOn({ 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 });
    expect(runScorePlugin('PodTopologySpread', soft(1), nodes, pods, undefined, undefined, ['node-a', 'node-b', 'node-x'])).toEqual({ 'node-a': 16, 'node-b': 0, 'node-x': 100 });
  });

  it('one constraint on zone, 3 of 4 nodes are candidates (4/2/1/~3~)', () => {
    const z = (name: string, zone: string) => makeNode(name).label('zone', zone).label('kubernetes.io/hostname', name).obj();
    const nodes = [z('node-a', 'zone1'), z('node-b', 'zone1'), z('node-x', 'zone2'), z('node-y', 'zone2')];
    const pods = podsOn({ 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 });
    expect(runScorePlugin('PodTopologySpread', soft(1, 'zone'), nodes, pods, undefined, undefined, ['node-a', 'node-b', 'node-x'])).toEqual({ 'node-a': 75, 'node-b': 75, 'node-x': 100 });
  });
});

describe('PodTopologySpread in a scheduling cycle', () => {
  it('reports the FailedScheduling histogram for a violated DoNotSchedule constraint', () => {
    const node = (n: string, cpu: string, hostname = true) => {
      const w = makeNode(n).capacity({ cpu, memory: '8Gi', pods: '110' });
      return (hostname ? w.label('kubernetes.io/hostname', n) : w).obj();
    };
    const pods = [fooPod('a', 'n1'), fooPod('a2', 'n1'), fooPod('b', 'n2')];
    const pod = (cpu: string) => makePod('p').label('foo', '').req({ cpu }).spreadConstraint(1, 'kubernetes.io/hostname', 'DoNotSchedule', foo).obj();
    const ok = scheduleOne(pod('1'), [node('n1', '4'), node('n2', '4'), node('n3', '4', false)], pods);
    expect(ok.chosen).toBe('n2');
    expect(ok.filter).toEqual({ n1: [ErrReasonConstraintsNotMatch], n3: [ErrReasonNodeLabelNotMatch] });
    const d = scheduleOne(pod('2'), [node('n1', '4'), node('n2', '1'), node('n3', '4', false)], pods);
    expect(d.message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod topology spread constraints (missing required label). " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });
});
