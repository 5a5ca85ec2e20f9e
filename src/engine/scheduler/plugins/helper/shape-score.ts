// Twin of pkg/scheduler/framework/plugins/helper/shape_score.go.
import { intDiv } from '../../framework/interface';

export interface FunctionShapePoint {
  utilization: number;
  score: number;
}

/**
 * BuildBrokenLinearFunction: shape[0].score below the first point, shape[n-1].score above the last,
 * linear (integer arithmetic) in between.
 */
export function buildBrokenLinearFunction(shape: readonly FunctionShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      if (p <= shape[i].utilization) {
        if (i === 0) return shape[0].score;
        const a = shape[i - 1];
        const b = shape[i];
        return a.score + intDiv((b.score - a.score) * (p - a.utilization), b.utilization - a.utilization);
      }
    }
    return shape[shape.length - 1].score;
  };
}
