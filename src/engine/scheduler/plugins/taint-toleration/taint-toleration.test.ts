// Cases from pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go (v1.33 reason text
// "node(s) had untolerated taint {key: value}"; Lt/Gt operators are post-1.33 and not modelled).
import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { runFilterPlugin, runScorePlugin } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';

const nodeWithTaints = (name: string, taints: Taint[]) => makeNode(name).taints(...taints).obj();
const podWithTolerations = (tolerations: Toleration[]) => makePod('pod1').tolerations(...tolerations).obj();
const P = 'PreferNoSchedule';

describe('TaintToleration Score', () => {
  it.each([
    {
      name: 'node with taints tolerated by the pod gets a higher score',
      tol: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: P }],
      nodes: [nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: P }]), nodeWithTaints('nodeB', [{ key: 'foo', value: 'blah', effect: P }])],
      want: { nodeA: 100, nodeB: 0 },
    },
    {
      name: 'nodes whose taints are all tolerated get the same score',
      tol: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: P }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: P }],
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: P }]),
        nodeWithTaints('nodeC', [{ key: 'cpu-type', value: 'arm64', effect: P }, { key: 'disk-type', value: 'ssd', effect: P }]),
      ],
      want: { nodeA: 100, nodeB: 100, nodeC: 100 },
    },
    {
      name: 'the more intolerable taints a node has, the lower score it gets',
      tol: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: P }],
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: P }]),
        nodeWithTaints('nodeC', [{ key: 'cpu-type', value: 'arm64', effect: P }, { key: 'disk-type', value: 'ssd', effect: P }]),
      ],
      want: { nodeA: 100, nodeB: 50, nodeC: 0 },
    },
    {
      name: 'only PreferNoSchedule taints and tolerations count',
      tol: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' }],
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
        nodeWithTaints('nodeC', [{ key: 'cpu-type', value: 'arm64', effect: P }, { key: 'disk-type', value: 'ssd', effect: P }]),
      ],
      want: { nodeA: 100, nodeB: 100, nodeC: 0 },
    },
    {
      name: 'no taints and tolerations: lands on the node without taints',
      tol: [],
      nodes: [nodeWithTaints('nodeA', []), nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: P }])],
      want: { nodeA: 100, nodeB: 0 },
    },
  ])('$name', ({ tol, nodes, want }) => {
    expect(runScorePlugin('TaintToleration', podWithTolerations(tol), nodes)).toEqual(want);
  });
});

describe('TaintToleration Filter', () => {
  const rejected = (key: string, value: string) => ({ code: 'UnschedulableAndUnresolvable', reasons: [`node(s) had untolerated taint {${key}: ${value}}`] });
  const ok = { code: 'Success', reasons: [] };
  it.each([
    { name: 'no tolerations, NoSchedule taint', tol: [], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], want: rejected('dedicated', 'user1') },
    { name: 'toleration for the dedicated node', tol: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], want: ok },
    { name: 'toleration for another user', tol: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], want: rejected('dedicated', 'user1') },
    { name: 'operator Exists tolerates any value', tol: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: ok },
    {
      name: 'multiple tolerations tolerate all taints',
      tol: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: ok,
    },
    { name: 'non-empty effect must match', tol: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: P }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: rejected('foo', 'bar') },
    { name: 'empty toleration effect matches NoSchedule', tol: [{ key: 'foo', operator: 'Equal', value: 'bar' }], taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], want: ok },
    { name: 'PreferNoSchedule taint never filters (with tolerations)', tol: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], taints: [{ key: 'dedicated', value: 'user1', effect: P }], want: ok },
    { name: 'PreferNoSchedule taint never filters (no tolerations)', tol: [], taints: [{ key: 'dedicated', value: 'user1', effect: P }], want: ok },
    { name: 'empty value prints as "{key: }"', tol: [], taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }], want: rejected('node-role.kubernetes.io/control-plane', '') },
    { name: 'NoExecute taints filter too', tol: [], taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], want: rejected('node.kubernetes.io/not-ready', '') },
    { name: 'empty key with Exists tolerates everything', tol: [{ operator: 'Exists' }], taints: [{ key: 'a', value: 'b', effect: 'NoExecute' }], want: ok },
    {
      name: 'reports only the first untolerated taint',
      tol: [], taints: [{ key: 'soft', effect: P }, { key: 'first', value: '1', effect: 'NoSchedule' }, { key: 'second', value: '2', effect: 'NoSchedule' }], want: rejected('first', '1'),
    },
  ])('$name', ({ tol, taints, want }) => {
    expect(runFilterPlugin('TaintToleration', podWithTolerations(tol as Toleration[]), nodeWithTaints('nodeA', taints))).toEqual(want);
  });
});
