// Twin of pkg/scheduler/framework/plugins/noderesources/fit.go: Filter on actual requests (all Insufficient
// reasons, "Too many pods" first) and Score with the configured strategy (LeastAllocated by default).
import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from '../../framework/cycle-state';
import { Code, newStatus, type Plugin, type Status } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { isExtendedResourceName } from '../../framework/resource-helpers';
import { computePodResourceRequest, type Resource } from '../../framework/types';
import { leastResourceScorer } from './least-allocated';
import { mostResourceScorer } from './most-allocated';
import { requestedToCapacityRatioScorer, type UtilizationShapePoint } from './requested-to-capacity-ratio';
import {
  calculatePodResourceRequestList,
  defaultResources,
  scoreNode,
  type ResourceAllocationScorer,
  type ResourceSpec,
} from './resource-allocation';

export const Name = 'NodeResourcesFit';
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

/** NodeResourcesFitArgs as written in a KubeSchedulerConfiguration. */
export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: ScoringStrategyType;
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape?: UtilizationShapePoint[] };
  };
}

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** fitsRequest: every resource the node lacks, in the order pods, cpu, memory, ephemeral-storage, scalars. */
const NONE: ReadonlySet<string> = new Set();

/** One resource of fitsRequest (a module function: a closure per call was a hot allocation). */
function check(out: InsufficientResource[], name: string, req: number, usedV: number, cap: number): void {
  if (req > 0 && req > cap - usedV) {
    out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: req, used: usedV, capacity: cap });
  }
}

export function fitsRequest(
  podRequest: Resource,
  nodeInfo: NodeInfo,
  ignoredExtendedResources: ReadonlySet<string> = NONE,
  ignoredResourceGroups: ReadonlySet<string> = NONE,
): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.numPods + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.numPods, capacity: alloc.allowedPodNumber });
  }
  const scalarNames = Object.keys(podRequest.scalarResources);
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && scalarNames.length === 0) {
    return out;
  }
  check(out, 'cpu', podRequest.milliCPU, used.milliCPU, alloc.milliCPU);
  check(out, 'memory', podRequest.memory, used.memory, alloc.memory);
  check(out, 'ephemeral-storage', podRequest.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage);
  for (const name of scalarNames) {
    const q = podRequest.scalarResources[name];
    if (q === 0) continue;
    if (isExtendedResourceName(name)) {
      const group = name.split('/')[0];
      if (ignoredExtendedResources.has(name) || ignoredResourceGroups.has(group)) continue;
    }
    check(out, name, q, used.scalarResources[name] ?? 0, alloc.scalarResources[name] ?? 0);
  }
  return out;
}

/** Fits checks if the node has enough resources to host the pod. */
export function fits(pod: Pod, nodeInfo: NodeInfo): InsufficientResource[] {
  return fitsRequest(computePodResourceRequest(pod), nodeInfo);
}

/** The configured scoring strategy (nodeResourceStrategyTypeMap). */
export function newScorer(args: NodeResourcesFitArgs = {}): ResourceAllocationScorer {
  const type = args.scoringStrategy?.type ?? 'LeastAllocated';
  const resources = args.scoringStrategy?.resources?.length ? args.scoringStrategy.resources : defaultResources;
  for (const r of resources) {
    if (!(r.weight >= 1 && r.weight <= 100)) throw new Error(`scoringStrategy.resources: weight ${r.weight} not in [1, 100]`);
  }
  switch (type) {
    case 'LeastAllocated':
      return { name: type, useRequested: false, scorer: leastResourceScorer(resources), resources };
    case 'MostAllocated':
      return { name: type, useRequested: false, scorer: mostResourceScorer(resources), resources };
    case 'RequestedToCapacityRatio': {
      const shape = args.scoringStrategy?.requestedToCapacityRatio?.shape;
      if (!shape?.length) throw new Error('scoringStrategy.requestedToCapacityRatio.shape: Required value');
      return { name: type, useRequested: false, scorer: requestedToCapacityRatioScorer(resources, shape), resources };
    }
    default:
      throw new Error(`scoring strategy ${String(type)} is not supported`);
  }
}

export function New(args: NodeResourcesFitArgs = {}): Plugin {
  const ignored = new Set(args.ignoredResources ?? []);
  const ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
  const scorer = newScorer(args);
  return {
    name: Name,
    preFilter(state: CycleState, pod: Pod) {
      state.write(preFilterStateKey, computePodResourceRequest(pod));
      return { status: null };
    },
    filter(state, pod, nodeInfo): Status | null {
      const req = state.read<Resource>(preFilterStateKey) ?? computePodResourceRequest(pod);
      const insufficient = fitsRequest(req, nodeInfo, ignored, ignoredGroups);
      if (insufficient.length === 0) return null;
      return newStatus(Code.Unschedulable, ...insufficient.map((r) => r.reason));
    },
    preScore(state, pod) {
      state.write(preScoreStateKey, calculatePodResourceRequestList(scorer, pod));
      return null;
    },
    score(state, pod, nodeInfo) {
      const reqs = state.read<number[]>(preScoreStateKey) ?? calculatePodResourceRequestList(scorer, pod);
      return scoreNode(scorer, nodeInfo, reqs);
    },
  };
}
