// Twin of pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go (v1.33): favors nodes whose
// resource fractions (actual requests / allocatable) are close to each other; best-effort pods are skipped.
import type { Pod } from 'kubernetes-types/core/v1';
import { Code, MaxNodeScore, newStatus, type Plugin } from '../../framework/interface';
import {
  calculatePodResourceRequestList,
  defaultResources,
  isBestEffortPod,
  scoreNode,
  type ResourceAllocationScorer,
  type ResourceSpec,
} from './resource-allocation';

export const BalancedAllocationName = 'NodeResourcesBalancedAllocation';
const preScoreStateKey = 'PreScore' + BalancedAllocationName;

/** NodeResourcesBalancedAllocationArgs. */
export interface NodeResourcesBalancedAllocationArgs {
  resources?: ResourceSpec[];
}

/** score = (1 − std of the fractions) × 100, fractions capped at 1; 2 resources: std = |f1 − f2| / 2. */
export function balancedResourceScorer(requested: number[], allocable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocable[i] === 0) continue;
    const f = Math.min(requested[i] / allocable[i], 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum = sum + (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MaxNodeScore);
}

export function New(args: NodeResourcesBalancedAllocationArgs = {}): Plugin {
  const scorer: ResourceAllocationScorer = {
    name: BalancedAllocationName,
    useRequested: true,
    scorer: balancedResourceScorer,
    resources: args.resources?.length ? args.resources : defaultResources,
  };
  return {
    name: BalancedAllocationName,
    preScore(state, pod: Pod) {
      const reqs = calculatePodResourceRequestList(scorer, pod);
      // Skip best-effort pods so they don't all pile onto one node (kubernetes#129138).
      if (isBestEffortPod(reqs)) return newStatus(Code.Skip);
      state.write(preScoreStateKey, reqs);
      return null;
    },
    score(state, pod, nodeInfo) {
      let reqs = state.read<number[]>(preScoreStateKey);
      if (!reqs) {
        reqs = calculatePodResourceRequestList(scorer, pod);
        if (isBestEffortPod(reqs)) return 0;
      }
      return scoreNode(scorer, nodeInfo, reqs);
    },
  };
}
