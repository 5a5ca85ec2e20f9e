// Cases from pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go and
// nodename/node_name_test.go.
import { describe, expect, it } from 'vitest';
import { runFilterPlugin } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';

const ok = { code: 'Success', reasons: [] };

describe('NodeUnschedulable Filter', () => {
  const unschedulable = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] };
  it.each([
    { name: 'unschedulable node rejects', node: makeNode('n').unschedulable(true).obj(), pod: makePod('p').obj(), want: unschedulable },
    { name: 'schedulable node accepts', node: makeNode('n').unschedulable(false).obj(), pod: makePod('p').obj(), want: ok },
    {
      name: 'pod tolerating node.kubernetes.io/unschedulable:NoSchedule is accepted',
      node: makeNode('n').unschedulable(true).obj(),
      pod: makePod('p').tolerations({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }).obj(),
      want: ok,
    },
    {
      name: 'a NoExecute toleration does not tolerate the unschedulable taint',
      node: makeNode('n').unschedulable(true).obj(),
      pod: makePod('p').tolerations({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }).obj(),
      want: unschedulable,
    },
  ])('$name', ({ node, pod, want }) => {
    expect(runFilterPlugin('NodeUnschedulable', pod, node)).toEqual(want);
  });
});

describe('NodeName Filter', () => {
  it.each([
    { name: 'no host specified', pod: makePod('p').obj(), node: 'foo', want: ok },
    { name: 'host matches', pod: makePod('p').node('foo').obj(), node: 'foo', want: ok },
    { name: 'host does not match', pod: makePod('p').node('bar').obj(), node: 'foo', want: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] } },
  ])('$name', ({ pod, node, want }) => {
    expect(runFilterPlugin('NodeName', pod, makeNode(node).obj())).toEqual(want);
  });
});
