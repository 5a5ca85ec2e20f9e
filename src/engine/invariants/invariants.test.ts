import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/cluster';
import type { KObject } from '../api/types';
import { nodesNotOvercommitted, podIPsUnique, podStatesCoherent, traceIsOrdered } from './invariants';

const node = (name: string): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '1', memory: '1Gi', pods: '2' } } });
const pod = (name: string, nodeName: string, cpu: string, ip?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, containers: [{ name: 'c', image: 'x', resources: { requests: { cpu } } }] },
  status: { phase: 'Running', podIP: ip },
});
const fake = (objs: KObject[]) => ({ list: (kind: string) => objs.filter((o) => o.kind === kind) }) as unknown as Cluster;

describe('invariant checkers catch what they guard', () => {
  it('an overcommitted node', () => {
    expect(nodesNotOvercommitted(fake([node('n1'), pod('a', 'n1', '600m'), pod('b', 'n1', '600m')]))).toEqual(['node n1: cpu requests 1200m > allocatable 1']);
    expect(nodesNotOvercommitted(fake([node('n1'), pod('a', 'n1', '600m')]))).toEqual([]);
  });
  it('a duplicated pod IP', () => {
    expect(podIPsUnique(fake([pod('a', 'n1', '1m', '10.244.1.2'), pod('b', 'n1', '1m', '10.244.1.2')]))).toEqual(['pods default/a and default/b share IP 10.244.1.2']);
  });
  it('a Running pod without a node', () => {
    expect(podStatesCoherent([pod('a', '', '1m')])).toEqual(['default/a is Running without a node']);
  });
  it('a trace that goes back in time', () => {
    const e = (seq: number, t: number) => ({ seq, t, type: 'x', from: 'a', to: 'b', key: 'x', params: {} });
    expect(traceIsOrdered([e(0, 5), e(1, 4)])).toEqual(['trace time goes back at seq 1']);
  });
});
