// Cases from pkg/scheduler/framework/plugins/noderesources/most_allocated_test.go (TestMostAllocatedScoringStrategy).
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
let seq = 0;
const on = (n: string, r?: Record<string, string>) => (r ? makePod(`e${seq++}`).node(n).req(r) : makePod(`e${seq++}`).node(n).container()).obj();

const cases: { name: string; pod: Pod; nodes: Node[]; existing?: Pod[]; want: number[]; resources: ResourceSpec[] }[] = [
  { name: 'nothing scheduled, nothing requested', pod: makePod('p').obj(), nodes: [node('node1', '4000', '10000'), node('node2', '4000', '10000')], want: [0, 0], resources: defaultResources },
  { name: 'nothing scheduled, resources requested, differently sized nodes', pod: twoContainers().obj(), nodes: [node('node1', '4000', '10000'), node('node2', '6000', '10000')], want: [62, 50], resources: defaultResources },
  {
    name: 'no resources requested, pods scheduled with resources', pod: makePod('p').obj(), nodes: [node('node1', '10000', '20000'), node('node2', '10000', '20000')],
    existing: [on('node1', { cpu: '3000', memory: '0' }), on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
    want: [30, 42], resources: defaultResources,
  },
  {
    name: 'resources requested, pods scheduled with resources', pod: twoContainers().obj(), nodes: [node('node1', '10000', '20000'), node('node2', '10000', '20000')],
    existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })], want: [42, 55], resources: defaultResources,
  },
  {
    name: 'resources requested equal node capacity', pod: makePod('p').req({ cpu: '2000', memory: '4000' }).req({ cpu: '3000', memory: '5000' }).obj(),
    nodes: [node('node1', '5000', '10000'), node('node2', '10000', '9000')], want: [95, 75], resources: defaultResources,
  },
  {
    name: 'different weights, differently sized nodes', pod: twoContainers().obj(), nodes: [node('node1', '4000', '10000'), node('node2', '6000', '10000')],
    want: [58, 50], resources: [{ name: 'memory', weight: 2 }, { name: 'cpu', weight: 1 }],
  },
  {
    name: 'no resources requested, pods scheduled, nonzero request for resource', pod: makePod('p').container().obj(),
    nodes: [node('node1', '250m', '1000Mi'), node('node2', '250m', '1000Mi')], existing: [on('node1'), on('node1')], want: [80, 30], resources: defaultResources,
  },
  {
    name: 'bypass extended resource if the pod does not request', pod: twoContainers().obj(), nodes: [node('node1', '6000', '10000'), node('node2', '6000', '10000', { [ext]: '4' })],
    want: [50, 50], resources: extendedResourceSet,
  },
  {
    name: 'honor extended resource if the pod request', pod: makePod('p').req({ cpu: '3000', memory: '5000', [ext]: '2' }).obj(),
    nodes: [node('node1', '6000', '10000', { [ext]: '4' }), node('node2', '6000', '10000', { [ext]: '10' })], want: [50, 40], resources: extendedResourceSet,
  },
  {
    name: "if the node doesn't have a resource", pod: makePod('p').req({ cpu: '3000', memory: '4000' }).obj(),
    nodes: [node('node1', '6000', '10000'), node('node2', '6000', '10000', { [ext]: '4' })], want: [45, 45],
    resources: [{ name: ext, weight: 2 }, { name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }],
  },
];

describe('NodeResourcesFit MostAllocated score', () => {
  it.each(cases)('$name', ({ pod, nodes, existing, want, resources }) => {
    const got = runScorePlugin('NodeResourcesFit', pod, nodes, existing ?? [], { scoringStrategy: { type: 'MostAllocated', resources } });
    expect(got).toEqual(Object.fromEntries(nodes.map((n, i) => [n.metadata!.name, want[i]])));
  });
});
