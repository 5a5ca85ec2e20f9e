// Twin of pkg/scheduler/framework/plugins/noderesources/most_allocated.go.
import { MaxNodeScore, intDiv } from '../../framework/interface';
import type { ResourceSpec, Scorer } from './resource-allocation';

/** Used capacity on a 0-100 scale; requests above capacity (possible with defaults) count as full. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) requested = capacity;
  return intDiv(requested * MaxNodeScore, capacity);
}

export function mostResourceScorer(resources: readonly ResourceSpec[]): Scorer {
  return (requested, allocable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocable[i] === 0) continue;
      nodeScore += mostRequestedScore(requested[i], allocable[i]) * resources[i].weight;
      weightSum += resources[i].weight;
    }
    return weightSum === 0 ? 0 : intDiv(nodeScore, weightSum);
  };
}
