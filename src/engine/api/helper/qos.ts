// Twin of pkg/apis/core/v1/helper/qos/qos.go GetPodQOS (pod-level resources are alpha in 1.33: ignored).
import type { Pod } from 'kubernetes-types/core/v1';
import { resourceValue } from '../quantity';

export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const SUPPORTED = ['cpu', 'memory'];

/**
 * A pod is BestEffort if no container has cpu/memory requests or limits, Guaranteed if every
 * container has cpu and memory limits and the summed requests equal the summed limits, else Burstable.
 */
export function getPodQOS(pod: Pod): PodQOSClass {
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let isGuaranteed = true;
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      if (!SUPPORTED.includes(name)) continue;
      const v = resourceValue(name, q as string);
      if (v > 0) requests[name] = (requests[name] ?? 0) + v;
    }
    const found = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) {
      if (!SUPPORTED.includes(name)) continue;
      const v = resourceValue(name, q as string);
      if (v > 0) {
        found.add(name);
        limits[name] = (limits[name] ?? 0) + v;
      }
    }
    if (!found.has('memory') || !found.has('cpu')) isGuaranteed = false;
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of Object.entries(requests)) {
      if (limits[name] === undefined || limits[name] !== req) {
        isGuaranteed = false;
        break;
      }
    }
  }
  if (isGuaranteed && Object.keys(requests).length === Object.keys(limits).length) return 'Guaranteed';
  return 'Burstable';
}
