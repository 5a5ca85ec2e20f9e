// Twin of pkg/scheduler/framework/plugins/noderesources/least_allocated.go.
import { MaxNodeScore, intDiv } from '../../framework/interface';
import type { ResourceSpec, Scorer } from './resource-allocation';

/** Unused capacity on a 0-100 scale; 0 when nothing is allocatable or the request exceeds it. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return intDiv((capacity - requested) * MaxNodeScore, capacity);
}

/** Σ score_r × weight_r / Σ weight_r over resources the node has (integer division). */
export function leastResourceScorer(resources: readonly ResourceSpec[]): Scorer {
  return (requested, allocable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocable[i] === 0) continue;
      nodeScore += leastRequestedScore(requested[i], allocable[i]) * resources[i].weight;
      weightSum += resources[i].weight;
    }
    return weightSum === 0 ? 0 : intDiv(nodeScore, weightSum);
  };
}
