// Cases from pkg/scheduler/framework/plugins/noderesources/fit_test.go (TestEnoughRequests,
// TestNotEnoughRequests, TestStorageRequests): node allocatable cpu 10m, memory 20, pods 32,
// example.com/aaa 5, ephemeral-storage 20, hugepages-2Mi 5.
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { runFilterPlugin } from '../../index';
import { makeNode, makePod, type PodWrapper } from '../../framework/testing/wrappers';
import { fits } from './fit';
import { NodeInfo } from '../../framework/node-info';

type R = { cpu?: number; mem?: number; eph?: number; scalar?: Record<string, number> };
const q = (r: R) => {
  const out: Record<string, string> = {};
  if (r.cpu !== undefined) out.cpu = `${r.cpu}m`;
  if (r.mem !== undefined) out.memory = String(r.mem);
  if (r.eph !== undefined) out['ephemeral-storage'] = String(r.eph);
  for (const [k, v] of Object.entries(r.scalar ?? {})) out[k] = String(v);
  return out;
};
const resourcePod = (...usage: R[]) => usage.reduce((w: PodWrapper, u) => w.req(q(u)), makePod('p'));
const initPod = (w: PodWrapper, ...usage: R[]) => usage.reduce((acc, u) => acc.initReq(q(u)), w);
const existing = (...usage: R[]) => [resourcePod(...usage).name('existing').obj()];

const A = 'example.com/aaa';
const B = 'example.com/bbb';
const HP = 'hugepages-2Mi';
const node = makeNode('n')
  .capacity({ cpu: '10m', memory: '20', pods: '32', [A]: '5', 'ephemeral-storage': '20', [HP]: '5' })
  .obj();
const ins = (r: string) => `Insufficient ${r}`;

const cases: { name: string; pod: Pod; on: Pod[]; want: string[]; args?: unknown }[] = [
  { name: 'no resources requested always fits', pod: makePod('p').obj(), on: existing({ cpu: 10, mem: 20 }), want: [] },
  { name: 'too many resources fails', pod: resourcePod({ cpu: 1, mem: 1 }).obj(), on: existing({ cpu: 10, mem: 20 }), want: [ins('cpu'), ins('memory')] },
  { name: 'fails due to init container cpu', pod: initPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }).obj(), on: existing({ cpu: 8, mem: 19 }), want: [ins('cpu')] },
  { name: 'fails due to highest init container cpu', pod: initPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }, { cpu: 2, mem: 1 }).obj(), on: existing({ cpu: 8, mem: 19 }), want: [ins('cpu')] },
  { name: 'fails due to init container memory', pod: initPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 3 }).obj(), on: existing({ cpu: 9, mem: 19 }), want: [ins('memory')] },
  { name: 'init container fits: max, not sum', pod: initPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 1 }, { cpu: 1, mem: 1 }).obj(), on: existing({ cpu: 9, mem: 19 }), want: [] },
  { name: 'both resources fit', pod: resourcePod({ cpu: 1, mem: 1 }).obj(), on: existing({ cpu: 5, mem: 5 }), want: [] },
  { name: 'one resource memory fits', pod: resourcePod({ cpu: 2, mem: 1 }).obj(), on: existing({ cpu: 9, mem: 5 }), want: [ins('cpu')] },
  { name: 'one resource cpu fits', pod: resourcePod({ cpu: 1, mem: 2 }).obj(), on: existing({ cpu: 5, mem: 19 }), want: [ins('memory')] },
  { name: 'equal edge case', pod: resourcePod({ cpu: 5, mem: 1 }).obj(), on: existing({ cpu: 5, mem: 19 }), want: [] },
  { name: 'equal edge case for init container', pod: initPod(resourcePod({ cpu: 4, mem: 1 }), { cpu: 5, mem: 1 }).obj(), on: existing({ cpu: 5, mem: 19 }), want: [] },
  { name: 'extended resource fits', pod: resourcePod({ scalar: { [A]: 1 } }).obj(), on: existing({}), want: [] },
  { name: 'extended resource capacity enforced', pod: resourcePod({ cpu: 1, mem: 1, scalar: { [A]: 10 } }).obj(), on: existing({ scalar: { [A]: 0 } }), want: [ins(A)] },
  { name: 'extended resource allocatable enforced', pod: resourcePod({ cpu: 1, mem: 1, scalar: { [A]: 1 } }).obj(), on: existing({ scalar: { [A]: 5 } }), want: [ins(A)] },
  { name: 'extended resource enforced for multiple containers', pod: resourcePod({ cpu: 1, mem: 1, scalar: { [A]: 3 } }, { cpu: 1, mem: 1, scalar: { [A]: 3 } }).obj(), on: existing({ scalar: { [A]: 2 } }), want: [ins(A)] },
  { name: 'extended resource admits multiple init containers', pod: initPod(resourcePod({}), { cpu: 1, mem: 1, scalar: { [A]: 3 } }, { cpu: 1, mem: 1, scalar: { [A]: 3 } }).obj(), on: existing({ scalar: { [A]: 2 } }), want: [] },
  { name: 'extended resource enforced for multiple init containers', pod: initPod(resourcePod({}), { cpu: 1, mem: 1, scalar: { [A]: 6 } }, { cpu: 1, mem: 1, scalar: { [A]: 3 } }).obj(), on: existing({ scalar: { [A]: 2 } }), want: [ins(A)] },
  { name: 'unknown extended resource', pod: resourcePod({ cpu: 1, mem: 1, scalar: { [B]: 1 } }).obj(), on: existing({}), want: [ins(B)] },
  { name: 'kubernetes.io resource capacity enforced', pod: resourcePod({ cpu: 1, mem: 1, scalar: { 'kubernetes.io/something': 10 } }).obj(), on: existing({}), want: [ins('kubernetes.io/something')] },
  { name: 'hugepages capacity enforced', pod: resourcePod({ cpu: 1, mem: 1, scalar: { [HP]: 10 } }).obj(), on: existing({ scalar: { [HP]: 0 } }), want: [ins(HP)] },
  { name: 'hugepages enforced for multiple containers', pod: resourcePod({ cpu: 1, mem: 1, scalar: { [HP]: 3 } }, { cpu: 1, mem: 1, scalar: { [HP]: 3 } }).obj(), on: existing({ scalar: { [HP]: 2 } }), want: [ins(HP)] },
  { name: 'skip checking ignored extended resource', pod: resourcePod({ cpu: 1, mem: 1, scalar: { [B]: 1 } }).obj(), on: existing({}), want: [], args: { ignoredResources: [B] } },
  { name: 'skip checking ignored resource group', pod: resourcePod({ cpu: 1, mem: 1, scalar: { [B]: 1 } }).obj(), on: existing({}), want: [], args: { ignoredResourceGroups: ['example.com'] } },
  { name: 'resources + pod overhead fits', pod: resourcePod({ cpu: 1, mem: 1 }).overhead({ cpu: '3m', memory: '13' }).obj(), on: existing({ cpu: 5, mem: 5 }), want: [] },
  { name: 'requests + overhead does not fit for memory', pod: resourcePod({ cpu: 1, mem: 1 }).overhead({ cpu: '1m', memory: '15' }).obj(), on: existing({ cpu: 5, mem: 5 }), want: [ins('memory')] },
  { name: 'storage: due to container scratch disk', pod: resourcePod({ cpu: 1, mem: 1 }).obj(), on: existing({ cpu: 10, mem: 10 }), want: [ins('cpu')] },
  { name: 'storage: ephemeral request exceeds allocatable', pod: resourcePod({ eph: 25 }).obj(), on: existing({ cpu: 2, mem: 2 }), want: [ins('ephemeral-storage')] },
  { name: 'storage: pod fits', pod: resourcePod({ eph: 10 }).obj(), on: existing({ cpu: 2, mem: 2 }), want: [] },
];

describe('NodeResourcesFit Filter (TestEnoughRequests)', () => {
  it.each(cases)('$name', ({ pod, on, want, args }) => {
    const got = runFilterPlugin('NodeResourcesFit', pod, node, on, args);
    expect(got).toEqual(want.length ? { code: 'Unschedulable', reasons: want } : { code: 'Success', reasons: [] });
  });

  it('reports requested/used/capacity for each insufficient resource', () => {
    const ni = new NodeInfo(node, existing({ cpu: 10, mem: 20 }));
    expect(fits(resourcePod({ cpu: 1, mem: 1 }).obj(), ni)).toEqual([
      { resourceName: 'cpu', reason: ins('cpu'), requested: 1, used: 10, capacity: 10 },
      { resourceName: 'memory', reason: ins('memory'), requested: 1, used: 20, capacity: 20 },
    ]);
  });
});

describe('NodeResourcesFit Filter (TestNotEnoughRequests): allocatable pods 1', () => {
  const full = makeNode('n').capacity({ cpu: '10m', memory: '20', pods: '1' }).obj();
  it.each([
    ['even without specified resources', makePod('p').obj(), existing({ cpu: 10, mem: 20 })],
    ['even if both resources fit', resourcePod({ cpu: 1, mem: 1 }).obj(), existing({ cpu: 5, mem: 5 })],
    ['even for equal edge case', resourcePod({ cpu: 5, mem: 1 }).obj(), existing({ cpu: 5, mem: 19 })],
    ['even for equal edge case due to init container', initPod(resourcePod({ cpu: 5, mem: 1 }), { cpu: 5, mem: 1 }).obj(), existing({ cpu: 5, mem: 19 })],
  ])('%s: Too many pods', (_n, pod, on) => {
    expect(runFilterPlugin('NodeResourcesFit', pod, full, on)).toEqual({ code: 'Unschedulable', reasons: ['Too many pods'] });
  });

  it('lists Too many pods before the Insufficient reasons', () => {
    const got = runFilterPlugin('NodeResourcesFit', resourcePod({ cpu: 1, mem: 1 }).obj(), full, existing({ cpu: 10, mem: 20 }));
    expect(got.reasons).toEqual(['Too many pods', ins('cpu'), ins('memory')]);
  });
});
