// Cases from pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go
// (TestNodeResourcesBalancedAllocation, v1.33: best-effort pods are skipped in PreScore).
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { runScorePlugin } from '../../index';
import { makeNode, makePod } from '../../framework/testing/wrappers';
import { balancedResourceScorer } from './balanced-allocation';

const node = (name: string, milliCPU: number, memory: number, gpu?: number) =>
  makeNode(name).capacity({ cpu: `${milliCPU}m`, memory: String(memory), ...(gpu ? { 'nvidia.com/gpu': String(gpu) } : {}) }).obj();
let seq = 0;
// cpuOnly: 1000m+2000m cpu, memory "0"; cpuAndMemory: 1000m/2000 + 2000m/3000; cpuAndMemoryAndGPU adds 3 GPUs.
const cpuOnly = (n?: string) => { const w = makePod(`cpuOnly${seq++}`).req({ cpu: '1000m', memory: '0' }).req({ cpu: '2000m', memory: '0' }); return (n ? w.node(n) : w).obj(); };
const cpuAndMemory = (n?: string) => { const w = makePod(`cpuMem${seq++}`).req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000' }); return (n ? w.node(n) : w).obj(); };
const cpuAndMemoryAndGPU = (n: string) => makePod(`gpu${seq++}`).req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000', 'nvidia.com/gpu': '3' }).node(n).obj();
const gpuArgs = { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'nvidia.com/gpu', weight: 1 }] };

const cases: { name: string; pod: Pod; nodes: Node[]; pods?: Pod[]; want: number[]; args?: unknown }[] = [
  { name: 'nothing scheduled, resources requested, differently sized nodes', pod: cpuAndMemory(), nodes: [node('node1', 4000, 10000), node('node2', 6000, 10000)], want: [87, 100] },
  { name: 'resources requested, pods scheduled with resources', pod: cpuAndMemory(), nodes: [node('node1', 10000, 20000), node('node2', 10000, 20000)], pods: [cpuOnly('node1'), cpuAndMemory('node2')], want: [82, 95] },
  { name: 'resources requested, pods scheduled with resources, differently sized nodes', pod: cpuAndMemory(), nodes: [node('node1', 10000, 20000), node('node2', 10000, 50000)], pods: [cpuOnly('node1'), cpuAndMemory('node2')], want: [82, 80] },
  { name: 'requested resources at node capacity', pod: cpuOnly(), nodes: [node('node1', 6000, 10000), node('node2', 6000, 10000)], pods: [cpuOnly('node1'), cpuAndMemory('node2')], want: [50, 75] },
  {
    name: 'include scalar resource on a node for balanced resource allocation', pod: makePod('p').req({ memory: '0', 'nvidia.com/gpu': '1' }).obj(),
    nodes: [node('node1', 3500, 40000, 8), node('node2', 3500, 40000, 8)], pods: [cpuAndMemory('node2'), cpuAndMemoryAndGPU('node1')], want: [70, 65], args: gpuArgs,
  },
  { name: 'node without the scalar resource should skip the scalar resource', pod: cpuAndMemory(), nodes: [node('node1', 3500, 40000, 8), node('node2', 3500, 40000)], want: [63, 63], args: gpuArgs },
];

describe('NodeResourcesBalancedAllocation', () => {
  it('skips best-effort pods in PreScore', () => {
    expect(runScorePlugin('NodeResourcesBalancedAllocation', makePod('p').obj(), [node('node1', 4000, 10000), node('node2', 4000, 10000)])).toBe('Skip');
  });

  it.each(cases)('$name', ({ pod, nodes, pods, want, args }) => {
    const got = runScorePlugin('NodeResourcesBalancedAllocation', pod, nodes, pods ?? [], args);
    expect(got).toEqual(Object.fromEntries(nodes.map((n, i) => [n.metadata!.name, want[i]])));
  });

  it('uses |f1 - f2| / 2 for two resources and caps fractions at 1', () => {
    expect(balancedResourceScorer([3000, 5000], [4000, 10000])).toBe(87);
    expect(balancedResourceScorer([6000, 0], [6000, 10000])).toBe(50);
    expect(balancedResourceScorer([9000, 0], [6000, 10000])).toBe(50);
    expect(balancedResourceScorer([1, 1], [0, 0])).toBe(100);
  });
});
