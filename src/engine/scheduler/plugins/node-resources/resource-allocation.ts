// Twin of pkg/scheduler/framework/plugins/noderesources/resource_allocation.go: the shared scorer behind
// LeastAllocated, MostAllocated, RequestedToCapacityRatio and BalancedAllocation.
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from '../../framework/node-info';
import { NON_MISSING_DEFAULTS, isScalarResourceName, podRequests } from '../../framework/resource-helpers';

/** config.ResourceSpec. */
export interface ResourceSpec {
  name: string;
  weight: number;
}

export const defaultResources: readonly ResourceSpec[] = Object.freeze([
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
]);

/** requested[i] / allocatable[i] follow the order of `resources`; allocatable 0 means "skip this one". */
export type Scorer = (requested: number[], allocatable: number[]) => number;

export interface ResourceAllocationScorer {
  name: string;
  /** BalancedAllocation scores actual requests; the others use NonZeroRequested for cpu/memory. */
  useRequested: boolean;
  scorer: Scorer;
  resources: readonly ResourceSpec[];
}

/** Pod requests per configured resource; defaults 100m/200Mi apply unless useRequested. */
export function calculatePodResourceRequestList(r: ResourceAllocationScorer, pod: Pod): number[] {
  const reqs = podRequests(pod, r.useRequested ? {} : { nonMissingContainerRequests: NON_MISSING_DEFAULTS });
  return r.resources.map((spec) => reqs[spec.name] ?? 0);
}

export function isBestEffortPod(podRequestList: readonly number[]): boolean {
  return podRequestList.every((v) => v === 0);
}

/**
 * [allocatable, requested-with-pod] for one resource; [0, 0] (resource ignored) for an extended resource
 * the pod doesn't request or the node doesn't have.
 */
export function calculateResourceAllocatableRequest(
  r: ResourceAllocationScorer,
  nodeInfo: NodeInfo,
  resource: string,
  podRequest: number,
): [number, number] {
  const requested = r.useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
  const alloc = nodeInfo.allocatable;
  switch (resource) {
    case 'cpu':
      return [alloc.milliCPU, requested.milliCPU + podRequest];
    case 'memory':
      return [alloc.memory, requested.memory + podRequest];
    case 'ephemeral-storage':
      return [alloc.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podRequest];
    default:
      if (resource in alloc.scalarResources) {
        return [alloc.scalarResources[resource], (nodeInfo.requested.scalarResources[resource] ?? 0) + podRequest];
      }
      return [0, 0];
  }
}

export function scoreNode(r: ResourceAllocationScorer, nodeInfo: NodeInfo, podRequestList: readonly number[]): number {
  const n = r.resources.length;
  const requested = new Array<number>(n);
  const allocatable = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const [alloc, req] = calculateResourceAllocatableRequest(r, nodeInfo, r.resources[i].name, podRequestList[i]);
    // Only fill the entry when the node has the resource; zeros make the scorer skip it.
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : req;
  }
  return r.scorer(requested, allocatable);
}
