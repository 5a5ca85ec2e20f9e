// Cases from pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinity,
// TestNodeAffinityPriority).
import { describe, expect, it } from 'vitest';
import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1';
import { runFilterPlugin, runScorePlugin } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';

const required = (...terms: NodeSelectorTerm[]): Affinity => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });
const withAffinity = (a: Affinity) => makePod('p').affinity(a).obj();
const node = (labels: Record<string, string> = {}, name = 'node1') =>
  Object.entries(labels).reduce((w, [k, v]) => w.label(k, v), makeNode(name)).obj();
type Result = { code: string; reasons: string[] };
const fail: Result = { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] };
const ok: Result = { code: 'Success', reasons: [] };

describe('NodeAffinity Filter', () => {
  const cases: { name: string; pod: Pod; labels?: Record<string, string>; nodeName?: string; want: Result }[] = [
    { name: 'missing labels', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), want: fail },
    { name: 'same labels', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), labels: { foo: 'bar' }, want: ok },
    { name: 'node labels are superset', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), labels: { foo: 'bar', baz: 'blah' }, want: ok },
    { name: 'node labels are subset', pod: makePod('p').nodeSelector({ foo: 'bar', baz: 'blah' }).obj(), labels: { foo: 'bar' }, want: fail },
    { name: 'In matches', pod: withAffinity(required({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] })), labels: { foo: 'bar' }, want: ok },
    { name: 'Gt matches (0206 > 0204)', pod: withAffinity(required({ matchExpressions: [expr('kernel-version', 'Gt', ['0204'])] })), labels: { 'kernel-version': '0206' }, want: ok },
    { name: 'Lt does not match', pod: withAffinity(required({ matchExpressions: [expr('kernel-version', 'Lt', ['0204'])] })), labels: { 'kernel-version': '0206' }, want: fail },
    { name: 'NotIn matches', pod: withAffinity(required({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR', 'DDR2'])] })), labels: { 'mem-type': 'DDR3' }, want: ok },
    { name: 'NotIn matches a missing label', pod: withAffinity(required({ matchExpressions: [expr('mem-type', 'NotIn', ['DDR'])] })), labels: {}, want: ok },
    { name: 'Exists matches', pod: withAffinity(required({ matchExpressions: [expr('GPU', 'Exists')] })), labels: { GPU: 'NVIDIA-GRID-K1' }, want: ok },
    { name: 'DoesNotExist rejects', pod: withAffinity(required({ matchExpressions: [expr('GPU', 'DoesNotExist')] })), labels: { GPU: 'NVIDIA-GRID-K1' }, want: fail },
    { name: "affinity that doesn't match", pod: withAffinity(required({ matchExpressions: [expr('foo', 'In', ['value1', 'value2'])] })), labels: { foo: 'bar' }, want: fail },
    { name: 'empty MatchExpressions match no objects', pod: withAffinity(required({ matchExpressions: [] })), labels: { foo: 'bar' }, want: fail },
    { name: 'no terms match nothing', pod: withAffinity(required()), labels: { foo: 'bar' }, want: fail },
    { name: 'no Affinity schedules (PreFilter Skip)', pod: makePod('p').obj(), labels: { foo: 'bar' }, want: ok },
    { name: 'Affinity with nil NodeSelector schedules', pod: withAffinity({ nodeAffinity: {} }), labels: { foo: 'bar' }, want: ok },
    { name: 'multiple matchExpressions ANDed match', pod: withAffinity(required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', ['AMD', 'INTER'])] })), labels: { GPU: 'NVIDIA-GRID-K1' }, want: ok },
    { name: "multiple matchExpressions ANDed don't match", pod: withAffinity(required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', ['AMD', 'INTER'])] })), labels: { GPU: 'NVIDIA-GRID-K1' }, want: fail },
    { name: 'multiple terms ORed', pod: withAffinity(required({ matchExpressions: [expr('foo', 'In', ['bar', 'value2'])] }, { matchExpressions: [expr('diffkey', 'In', ['wrong', 'value2'])] })), labels: { foo: 'bar' }, want: ok },
    { name: 'affinity and nodeSelector both satisfied', pod: makePod('p').nodeSelector({ foo: 'bar' }).affinity(required({ matchExpressions: [expr('foo', 'Exists')] })).obj(), labels: { foo: 'bar' }, want: ok },
    { name: 'affinity satisfied but nodeSelector not', pod: makePod('p').nodeSelector({ foo: 'bar' }).affinity(required({ matchExpressions: [expr('foo', 'Exists')] })).obj(), labels: { foo: 'barrrrrr' }, want: fail },
    { name: 'invalid value in an affinity term', pod: withAffinity(required({ matchExpressions: [expr('foo', 'NotIn', ['invalid value: ___@#$%^'])] })), labels: { foo: 'bar' }, want: fail },
    { name: 'matchFields In matches the node', pod: withAffinity(required({ matchFields: [expr('metadata.name', 'In', ['node1'])] })), nodeName: 'node1', want: ok },
    { name: 'matchFields In does not match', pod: withAffinity(required({ matchFields: [expr('metadata.name', 'In', ['node1'])] })), nodeName: 'node2', want: fail },
    {
      name: 'two terms: matchFields fails, matchExpressions matches',
      pod: withAffinity(required({ matchFields: [expr('metadata.name', 'In', ['node1'])] }, { matchExpressions: [expr('foo', 'In', ['bar'])] })),
      nodeName: 'node2', labels: { foo: 'bar' }, want: ok,
    },
    {
      name: 'one term: matchFields fails, matchExpressions matches',
      pod: withAffinity(required({ matchFields: [expr('metadata.name', 'In', ['node1'])], matchExpressions: [expr('foo', 'In', ['bar'])] })),
      nodeName: 'node2', labels: { foo: 'bar' }, want: fail,
    },
    {
      name: 'one term: both matchFields and matchExpressions match',
      pod: withAffinity(required({ matchFields: [expr('metadata.name', 'In', ['node1'])], matchExpressions: [expr('foo', 'In', ['bar'])] })),
      nodeName: 'node1', labels: { foo: 'bar' }, want: ok,
    },
  ];
  it.each(cases)('$name', ({ pod, labels, nodeName, want }) => {
    expect(runFilterPlugin('NodeAffinity', pod, node(labels, nodeName ?? 'node1'))).toEqual(want);
  });

  it('PreFilter rejects conflicting metadata.name terms', () => {
    const pod = withAffinity(required({ matchFields: [expr('metadata.name', 'In', ['node1']), expr('metadata.name', 'In', ['node2'])] }));
    expect(runFilterPlugin('NodeAffinity', pod, node({}, 'node1'))).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['pod affinity terms conflict'] });
  });

  it('enforces addedAffinity from the plugin args', () => {
    const args = { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr('foo', 'In', ['bar'])] }] } } };
    expect(runFilterPlugin('NodeAffinity', makePod('p').obj(), node({}), [], args)).toEqual({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match scheduler-enforced node affinity"],
    });
  });
});

describe('NodeAffinity Score', () => {
  const pref = (weight: number, ...exprs: NodeSelectorRequirement[]) => ({ weight, preference: { matchExpressions: exprs } });
  const affinity1: Affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(2, expr('foo', 'In', ['bar']))] } };
  const affinity2: Affinity = {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        pref(2, expr('foo', 'In', ['bar'])),
        pref(4, expr('key', 'In', ['value'])),
        pref(5, expr('foo', 'In', ['bar']), expr('key', 'In', ['value']), expr('az', 'In', ['az1'])),
      ],
    },
  };
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };

  it('is skipped when the pod has no preferred terms', () => {
    expect(runScorePlugin('NodeAffinity', makePod('p').obj(), [node(label1, 'node1')])).toBe('Skip');
  });
  it('no node matches: all zero', () => {
    expect(runScorePlugin('NodeAffinity', withAffinity(affinity1), [node(label4, 'node1'), node(label2, 'node2'), node(label3, 'node3')])).toEqual({ node1: 0, node2: 0, node3: 0 });
  });
  it('only node1 matches', () => {
    expect(runScorePlugin('NodeAffinity', withAffinity(affinity1), [node(label1, 'node1'), node(label2, 'node2'), node(label3, 'node3')])).toEqual({ node1: 100, node2: 0, node3: 0 });
  });
  it('all nodes match with different priorities', () => {
    expect(runScorePlugin('NodeAffinity', withAffinity(affinity2), [node(label1, 'node1'), node(label5, 'node5'), node(label2, 'node2')])).toEqual({ node1: 18, node5: 100, node2: 36 });
  });
  it('added affinity', () => {
    expect(runScorePlugin('NodeAffinity', makePod('p').obj(), [node(label1, 'node1'), node(label2, 'node2')], [], { addedAffinity: affinity1.nodeAffinity })).toEqual({ node1: 100, node2: 0 });
  });
  it('added affinity and pod has default affinity', () => {
    const args = { addedAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [pref(3, expr('key', 'In', ['value']))] } };
    expect(runScorePlugin('NodeAffinity', withAffinity(affinity1), [node(label1, 'node1'), node(label2, 'node2'), node(label5, 'node3')], [], args)).toEqual({ node1: 40, node2: 60, node3: 100 });
  });
});
