// NodeInfo.AddPod/RemovePod and the scheduler cache's image bookkeeping (types_test.go TestNewNodeInfo,
// TestNodeInfoRemovePod; backend/cache/cache_test.go image states).
import { describe, expect, it } from 'vitest';
import { NodeInfo } from './node-info';
import { Snapshot } from './snapshot';
import { makeNode, makePod } from './testing/wrappers';

const node = makeNode('n1').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj();
const p1 = makePod('p1').uid('u1').node('n1').req({ cpu: '100m', memory: '500' }).hostPorts('TCP/127.0.0.1/80').obj();
const p2 = makePod('p2').uid('u2').node('n1').req({ cpu: '200m', memory: '1Ki' }).hostPorts('TCP/127.0.0.1/8080').obj();
const p3 = makePod('p3').uid('u3').node('n1').container().obj();

describe('NodeInfo', () => {
  it('aggregates requested, non-zero requested, ports and allocatable', () => {
    const ni = new NodeInfo(node, [p1, p2, p3]);
    expect(ni.requested).toMatchObject({ milliCPU: 300, memory: 1524 });
    // hostPorts() adds a container without requests: it and p3's container count 100m / 200Mi each.
    expect(ni.nonZeroRequested).toMatchObject({ milliCPU: 600, memory: 1524 + 3 * 200 * 2 ** 20 });
    expect(ni.allocatable).toMatchObject({ milliCPU: 4000, memory: 8 * 2 ** 30, allowedPodNumber: 110 });
    expect(ni.usedPorts.checkConflict('127.0.0.1', 'TCP', 8080)).toBe(true);
    expect(ni.numPods).toBe(3);
  });

  it('removePod undoes addPod exactly', () => {
    const ni = new NodeInfo(node, [p1, p2, p3]);
    expect(ni.removePod(p2)).toBe(true);
    expect(ni.removePod(p2)).toBe(false);
    const rebuilt = new NodeInfo(node, [p1, p3]);
    expect(ni.requested).toEqual(rebuilt.requested);
    expect(ni.nonZeroRequested).toEqual(rebuilt.nonZeroRequested);
    expect(ni.usedPorts.checkConflict('127.0.0.1', 'TCP', 8080)).toBe(false);
    expect(ni.pods.map((p) => p.metadata!.name)).toEqual(['p1', 'p3']);
  });

  it('refuses the same pod twice', () => {
    const ni = new NodeInfo(node, [p1]);
    expect(() => ni.addPod(p1)).toThrow(/already on node/);
  });
});

describe('Snapshot', () => {
  const img = (names: string[], mb: number) => ({ names, sizeBytes: mb * 2 ** 20 });
  const a = makeNode('a').images(img(['nginx:latest'], 100), img(['redis:7'], 50)).obj();
  const b = makeNode('b').images(img(['nginx:latest'], 100)).obj();

  it('counts how many nodes hold each image', () => {
    const s = Snapshot.fromObjects([a, b]);
    expect(s.get('a')!.imageStates.get('nginx:latest')!.numNodes).toBe(2);
    expect(s.get('a')!.imageStates.get('redis:7')!.numNodes).toBe(1);
    s.removeNode('b');
    expect(s.get('a')!.imageStates.get('nginx:latest')!.numNodes).toBe(1);
    expect(s.numNodes()).toBe(1);
  });

  it('ignores unbound and terminal pods and keeps pods of unknown nodes aside', () => {
    const s = Snapshot.fromObjects([node], [p1, makePod('pending').obj(), makePod('done').node('n1').phase('Succeeded').obj()]);
    expect(s.get('n1')!.numPods).toBe(1);
    s.addPod(makePod('early').uid('e').node('later').obj());
    expect(s.get('later')).toBeUndefined();
    s.addNode(makeNode('later').capacity({ pods: '1' }).obj());
    expect(s.get('later')!.numPods).toBe(1);
    expect(s.list().map((n) => n.name)).toEqual(['n1', 'later']);
  });

  it('incremental add/remove matches a rebuild', () => {
    const s = Snapshot.fromObjects([node], [p1]);
    s.addPod(p2);
    s.addPod(p3);
    s.removePod(p1);
    const fresh = Snapshot.fromObjects([node], [p2, p3]);
    expect(s.get('n1')!.requested).toEqual(fresh.get('n1')!.requested);
    expect(s.get('n1')!.nonZeroRequested).toEqual(fresh.get('n1')!.nonZeroRequested);
  });
});
