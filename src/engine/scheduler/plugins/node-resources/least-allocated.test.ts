// Cases from pkg/scheduler/framework/plugins/noderesources/least_allocated_test.go
// (TestLeastAllocatedScoringStrategy). st.MakeNode().Capacity sets capacity and allocatable.
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { runScorePlugin } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';
import type { ResourceSpec } from './resource-allocation';

const node = (name: string, cpu: string, memory: string, extra: Record<string, string> = {}) =>
  makeNode(name).capacity({ cpu, memory, ...extra }).obj();
const ext = 'abc.com/xyz';
const defaultResources: ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];
const extendedResourceSet: ResourceSpec[] = [...defaultResources, { name: ext, weight: 1 }];
const twoContainers = () => makePod('p').req({ cpu: '1000', memory: '2000' }).req({ cpu: '2000', memory: '3000' });
const on = (n: string, r?: Record<string, string>) => (r ? makePod().node(n).req(r) : makePod().node(n)).obj();
const numbered = (pods: Pod[]) => pods.map((p, i) => ((p.metadata!.name = `e${i}`), p));

const cases: { name: string; pod: Pod; nodes: Node[]; existing?: Pod[]; want: number[]; resources: ResourceSpec[] }[] = [
  { name: 'nothing scheduled, nothing requested', pod: makePod('p').obj(), nodes: [node('node1', '4000', '10000'), node('node2', '4000', '10000')], want: [100, 100], resources: defaultResources },
  { name: 'nothing scheduled, resources requested, differently sized nodes', pod: twoContainers().obj(), nodes: [node('node1', '4000', '10000'), node('node2', '6000', '10000')], want: [37, 50], resources: defaultResources },
  {
    name: 'no resources requested, pods scheduled', pod: makePod('p').obj(), nodes: [node('node1', '4000', '10000'), node('node2', '4000', '10000')],
    existing: [on('node1'), on('node1'), on('node2'), on('node2')], want: [100, 100], resources: defaultResources,
  },
  {
    name: 'no resources requested, pods scheduled with resources', pod: makePod('p').obj(), nodes: [node('node1', '10000', '20000'), node('node2', '10000', '20000')],
    existing: [on('node1', { cpu: '3000', memory: '0' }), on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
    want: [70, 57], resources: defaultResources,
  },
  {
    name: 'resources requested, pods scheduled with resources', pod: twoContainers().obj(), nodes: [node('node1', '10000', '20000'), node('node2', '10000', '20000')],
    existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })], want: [57, 45], resources: defaultResources,
  },
  {
    name: 'resources requested, pods scheduled with resources, differently sized nodes', pod: twoContainers().obj(), nodes: [node('node1', '10000', '20000'), node('node2', '10000', '50000')],
    existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })], want: [57, 60], resources: defaultResources,
  },
  {
    name: 'requested resources exceed node capacity', pod: makePod('p').req({ cpu: '3000', memory: '0' }).obj(), nodes: [node('node1', '4000', '10000'), node('node2', '4000', '10000')],
    existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })], want: [50, 25], resources: defaultResources,
  },
  {
    name: 'zero node resources, pods scheduled with resources', pod: makePod('p').obj(), nodes: [makeNode('node1').obj(), makeNode('node2').obj()],
    existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })], want: [0, 0], resources: defaultResources,
  },
  {
    name: 'different weight on CPU and memory, differently sized nodes', pod: twoContainers().obj(), nodes: [node('node1', '4000', '10000'), node('node2', '6000', '10000')],
    want: [41, 50], resources: [{ name: 'memory', weight: 2 }, { name: 'cpu', weight: 1 }],
  },
  {
    name: 'bypass extended resource if the pod does not request', pod: twoContainers().obj(), nodes: [node('node1', '6000', '10000'), node('node2', '6000', '10000', { [ext]: '4' })],
    want: [50, 50], resources: extendedResourceSet,
  },
  {
    name: 'honor extended resource if the pod requests', pod: makePod('p').req({ cpu: '3000', memory: '5000', [ext]: '2' }).obj(),
    nodes: [node('node1', '6000', '10000', { [ext]: '4' }), node('node2', '6000', '10000', { [ext]: '10' })], want: [50, 60], resources: extendedResourceSet,
  },
  {
    name: "if the node doesn't have a resource", pod: makePod('p').req({ cpu: '3000', memory: '4000' }).obj(),
    nodes: [node('node1', '6000', '10000'), node('node2', '6000', '10000', { [ext]: '4' })], want: [55, 55],
    resources: [{ name: ext, weight: 2 }, { name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }],
  },
];

describe('NodeResourcesFit LeastAllocated score', () => {
  it.each(cases)('$name', ({ pod, nodes, existing, want, resources }) => {
    const got = runScorePlugin('NodeResourcesFit', pod, nodes, numbered(existing ?? []), { scoringStrategy: { type: 'LeastAllocated', resources } });
    expect(got).toEqual(Object.fromEntries(nodes.map((n, i) => [n.metadata!.name, want[i]])));
  });

  it('defaults to LeastAllocated with cpu:1 memory:1', () => {
    const nodes = [node('node1', '4000', '10000'), node('node2', '6000', '10000')];
    expect(runScorePlugin('NodeResourcesFit', twoContainers().obj(), nodes)).toEqual({ node1: 37, node2: 50 });
  });

  it.each([[-1], [0], [101]])('rejects resource weight %d', (weight) => {
    const nodes = [node('node1', '4000', '10000')];
    const args = { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'memory', weight }, { name: 'cpu', weight: 1 }] } };
    expect(() => runScorePlugin('NodeResourcesFit', twoContainers().obj(), nodes, [], args)).toThrow();
  });
});
