// Twin of pkg/scheduler/framework/plugins/noderesources/requested_to_capacity_ratio.go (v1.33).
import { MaxNodeScore, intDiv } from '../../framework/interface';
import { buildBrokenLinearFunction, type FunctionShapePoint } from '../helper/shape-score';
import type { ResourceSpec, Scorer } from './resource-allocation';

const maxUtilization = 100;
/** config.MaxCustomPriorityScore: shape scores are 0-10 and get scaled to 0-MaxNodeScore. */
export const MaxCustomPriorityScore = 10;

/** config.UtilizationShapePoint. */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

export function buildRequestedToCapacityRatioScorerFunction(
  shape: readonly FunctionShapePoint[],
  resources: readonly ResourceSpec[],
): Scorer {
  const raw = buildBrokenLinearFunction(shape);
  const resourceScoringFunction = (requested: number, capacity: number) => {
    if (capacity === 0 || requested > capacity) return raw(maxUtilization);
    return raw(intDiv(requested * maxUtilization, capacity));
  };
  return (requested, allocable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocable[i] === 0) continue;
      const s = resourceScoringFunction(requested[i], allocable[i]);
      if (s > 0) {
        nodeScore += s * resources[i].weight;
        weightSum += resources[i].weight;
      }
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}

export function requestedToCapacityRatioScorer(
  resources: readonly ResourceSpec[],
  shape: readonly UtilizationShapePoint[],
): Scorer {
  const points = shape.map((p) => ({
    utilization: p.utilization,
    score: p.score * (MaxNodeScore / MaxCustomPriorityScore),
  }));
  return buildRequestedToCapacityRatioScorerFunction(points, resources);
}
