// Table from pkg/apis/core/v1/helper/qos/qos_test.go TestComputePodQOS (pod-level resources off).
import { describe, expect, it } from 'vitest';
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { getPodQOS } from './qos';

const rl = (cpu: string, memory: string, extra: Record<string, string> = {}) => {
  const r: Record<string, string> = { ...extra };
  if (cpu) r.cpu = cpu;
  if (memory) r.memory = memory;
  return r;
};
const ctr = (name: string, requests: Record<string, string>, limits: Record<string, string>): Container => ({ name, resources: { requests, limits } });
const pod = (containers: Container[], initContainers?: Container[]): Pod => ({ spec: { containers, initContainers } });

const cases: Array<[string, Pod, string]> = [
  ['guaranteed', pod([ctr('g', rl('100m', '100Mi'), rl('100m', '100Mi'))]), 'Guaranteed'],
  ['guaranteed-guaranteed', pod([ctr('g', rl('100m', '100Mi'), rl('100m', '100Mi')), ctr('g', rl('100m', '100Mi'), rl('100m', '100Mi'))]), 'Guaranteed'],
  ['best-effort-best-effort', pod([ctr('b', rl('', ''), rl('', '')), ctr('b', rl('', ''), rl('', ''))]), 'BestEffort'],
  ['best-effort', pod([ctr('b', rl('', ''), rl('', ''))]), 'BestEffort'],
  ['best-effort-burstable', pod([ctr('b', rl('', ''), rl('', '')), ctr('bu', rl('1', ''), rl('2', ''))]), 'Burstable'],
  ['best-effort-guaranteed', pod([ctr('b', rl('', ''), rl('', '')), ctr('g', rl('10m', '100Mi'), rl('10m', '100Mi'))]), 'Burstable'],
  ['burstable-cpu-guaranteed-memory', pod([ctr('b', rl('', '100Mi'), rl('', '100Mi'))]), 'Burstable'],
  ['burstable-no-limits', pod([ctr('b', rl('100m', '100Mi'), rl('', ''))]), 'Burstable'],
  ['burstable-guaranteed', pod([ctr('b', rl('1', '100Mi'), rl('2', '100Mi')), ctr('g', rl('100m', '100Mi'), rl('100m', '100Mi'))]), 'Burstable'],
  ['burstable-unbounded-but-requests-match-limits', pod([ctr('b', rl('100m', '100Mi'), rl('200m', '200Mi')), ctr('u', rl('100m', '100Mi'), rl('', ''))]), 'Burstable'],
  ['burstable-1', pod([ctr('b', rl('10m', '100Mi'), rl('100m', '200Mi'))]), 'Burstable'],
  ['burstable-2', pod([ctr('b', rl('0', '0'), rl('100m', '200Mi'))]), 'Burstable'],
  ['best-effort-hugepages', pod([ctr('b', rl('0', '0', { 'hugepages-2Mi': '1Gi' }), rl('0', '0', { 'hugepages-2Mi': '1Gi' }))]), 'BestEffort'],
  ['init-container', pod([ctr('b', rl('', ''), rl('', ''))], [ctr('bu', rl('10m', '100Mi'), rl('100m', '200Mi'))]), 'Burstable'],
  // G.2: limits only (requests defaulted from limits by the apiserver) stays Guaranteed
  ['limits-with-defaulted-requests', pod([ctr('g', rl('500m', '1Gi'), rl('0.5', '1024Mi'))]), 'Guaranteed'],
];

describe('getPodQOS (qos_test.go TestComputePodQOS)', () => {
  it.each(cases)('%s', (_name, p, want) => expect(getPodQOS(p)).toBe(want));
});
