// Cases after pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go (TestRequiredAffinitySingleNode,
// TestRequiredAffinityMultipleNodes) and scoring_test.go (TestPreferredAffinity): reasons, codes, normalized
// scores, namespaces / namespaceSelector, and the FailedScheduling text through scheduleOne.
import { describe, expect, it } from 'vitest';
import type { Namespace } from 'kubernetes-types/core/v1';
import { runFilterPluginOnNodes, runScorePlugin, scheduleOne } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';
import { ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch } from './inter-pod-affinity';

const region = (name: string, r: string, zone = '') => {
  const n = makeNode(name).label('region', r).label('kubernetes.io/hostname', name);
  return (zone ? n.label('zone', zone) : n).capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj();
};
const nodes3 = () => [region('machine1', 'r1'), region('machine2', 'r1'), region('machine3', 'r2')];
const existing = (name: string, node: string, labels: Record<string, string>) => {
  const p = makePod(name).node(node);
  for (const [k, v] of Object.entries(labels)) p.label(k, v);
  return p;
};

describe('InterPodAffinity Filter', () => {
  it('reason strings are upstream', () => {
    expect(ErrReasonAffinityRulesNotMatch).toBe("node(s) didn't match pod affinity rules");
    expect(ErrReasonAntiAffinityRulesNotMatch).toBe("node(s) didn't match pod anti-affinity rules");
    expect(ErrReasonExistingAntiAffinityRulesNotMatch).toBe("node(s) didn't satisfy existing pods anti-affinity rules");
  });

  it('a pod without pod affinity passes (PreFilter Skip)', () => {
    const r = runFilterPluginOnNodes('InterPodAffinity', makePod('p').obj(), nodes3(), [existing('e', 'machine1', { service: 'securityscan' }).obj()]);
    expect(Object.values(r).every((s) => s.code === 'Success')).toBe(true);
  });

  it('required affinity (In) matched by an existing pod in the same region', () => {
    const pod = makePod('p').podAffinityIn('service', 'region', ['securityscan', 'value2']).obj();
    const r = runFilterPluginOnNodes('InterPodAffinity', pod, nodes3(), [existing('e', 'machine1', { service: 'securityscan' }).obj()]);
    expect(r.machine1.code).toBe('Success');
    expect(r.machine2.code).toBe('Success'); // same region r1
    expect(r.machine3).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonAffinityRulesNotMatch] });
  });

  it('does not satisfy pod affinity with a matching pod in another namespace', () => {
    const pod = makePod('p').podAffinityIn('service', 'region', ['securityscan']).obj();
    const r = runFilterPluginOnNodes('InterPodAffinity', pod, nodes3(), [existing('e', 'machine1', { service: 'securityscan' }).namespace('ns').obj()]);
    expect(r.machine1).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonAffinityRulesNotMatch] });
  });

  it('namespaceSelector selects the namespaces whose labels match', () => {
    const pod = makePod('p').affinity({
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { service: 'securityscan' } }, namespaceSelector: { matchLabels: { team: 'sec' } }, topologyKey: 'region' }] },
    }).obj();
    const namespaces: Namespace[] = [{ metadata: { name: 'ns', labels: { team: 'sec' } } }, { metadata: { name: 'other' } }];
    const r = runFilterPluginOnNodes('InterPodAffinity', pod, nodes3(), [existing('e', 'machine3', { service: 'securityscan' }).namespace('ns').obj()], undefined, { namespaces });
    expect(r.machine3.code).toBe('Success');
    expect(r.machine1.code).toBe('UnschedulableAndUnresolvable');
  });

  it('the first pod of a series with affinity to itself may go anywhere with the topology key', () => {
    const pod = makePod('p').label('app', 'db').podAffinityIn('app', 'region', ['db']).obj();
    const r = runFilterPluginOnNodes('InterPodAffinity', pod, [...nodes3(), makeNode('nolabel').obj()], []);
    expect([r.machine1.code, r.machine3.code, r.nolabel.code]).toEqual(['Success', 'Success', 'UnschedulableAndUnresolvable']);
  });

  it('required anti-affinity against an existing pod in the same topology', () => {
    const pod = makePod('p').podAntiAffinityIn('service', 'kubernetes.io/hostname', ['securityscan']).obj();
    const r = runFilterPluginOnNodes('InterPodAffinity', pod, nodes3(), [existing('e', 'machine1', { service: 'securityscan' }).obj()]);
    expect(r.machine1).toEqual({ code: 'Unschedulable', reasons: [ErrReasonAntiAffinityRulesNotMatch] });
    expect(r.machine2.code).toBe('Success');
  });

  it("existing pods' anti-affinity is respected even when the pod has none (symmetry)", () => {
    const pods = [existing('e', 'machine1', { service: 'securityscan' }).podAntiAffinityIn('security', 'region', ['S1']).obj()];
    const r = runFilterPluginOnNodes('InterPodAffinity', makePod('p').label('security', 'S1').obj(), nodes3(), pods);
    expect(r.machine1).toEqual({ code: 'Unschedulable', reasons: [ErrReasonExistingAntiAffinityRulesNotMatch] });
    expect(r.machine2.code).toBe('Unschedulable'); // same region
    expect(r.machine3.code).toBe('Success');
  });
});

describe('InterPodAffinity Score', () => {
  it('preferred affinity: the node in the matching topology gets 100, others 0', () => {
    const pod = makePod('p').preferredPodAffinityIn(5, 'security', 'region', ['S1']).obj();
    const pods = [existing('e', 'machine1', { security: 'S1' }).obj()];
    expect(runScorePlugin('InterPodAffinity', pod, nodes3(), pods)).toEqual({ machine1: 100, machine2: 100, machine3: 0 });
  });

  it('weights add up and anti-affinity subtracts: (score − min) × 100 / (max − min)', () => {
    const pod = makePod('p')
      .preferredPodAffinityIn(8, 'security', 'region', ['S1'])
      .preferredPodAntiAffinityIn(5, 'security', 'kubernetes.io/hostname', ['S2'])
      .obj();
    const pods = [existing('a', 'machine1', { security: 'S1' }).obj(), existing('b', 'machine2', { security: 'S2' }).obj(), existing('c', 'machine3', { security: 'S2' }).obj()];
    // raw: machine1 8, machine2 8 − 5 = 3, machine3 −5 → (8+5)=13: 100, (3+5)/13 = 61.5 → 61, 0
    expect(runScorePlugin('InterPodAffinity', pod, nodes3(), pods)).toEqual({ machine1: 100, machine2: 61, machine3: 0 });
  });

  it("existing pods' required affinity counts with hardPodAffinityWeight 1 (symmetric)", () => {
    const pods = [existing('e', 'machine3', { app: 'x' }).podAffinityIn('app', 'region', ['web']).obj()];
    const pod = makePod('p').label('app', 'web').obj();
    expect(runScorePlugin('InterPodAffinity', pod, nodes3(), pods)).toEqual({ machine1: 0, machine2: 0, machine3: 100 });
    expect(runScorePlugin('InterPodAffinity', pod, nodes3(), pods, { hardPodAffinityWeight: 0 })).toBe('Skip');
  });

  it('Skip without preferred terms and without pods with affinity', () => {
    expect(runScorePlugin('InterPodAffinity', makePod('p').obj(), nodes3(), [existing('e', 'machine1', { a: 'b' }).obj()])).toBe('Skip');
  });
});

describe('InterPodAffinity in a scheduling cycle', () => {
  it('a pod requiring affinity to a missing pod gets the exact FailedScheduling message', () => {
    const pod = makePod('p').podAffinityIn('app', 'kubernetes.io/hostname', ['cache']).obj();
    const d = scheduleOne(pod, nodes3(), []);
    expect(d.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });
});
