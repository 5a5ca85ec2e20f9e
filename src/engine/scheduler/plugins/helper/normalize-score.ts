// Twin of pkg/scheduler/framework/plugins/helper/normalize_score.go.
import { MaxNodeScore, intDiv, type NodeScore } from '../../framework/interface';

/**
 * DefaultNormalizeScore: scale [0, max(scores)] to [0, maxPriority]; with reverse, subtract from maxPriority.
 * All-zero scores stay 0, or become maxPriority when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let score = intDiv(maxPriority * s.score, maxCount);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
}

/** Conformance form: raw scores by node name in, normalized scores by node name out. */
export function defaultNormalizeScoreMap(scores: Record<string, number>, reverse: boolean): Record<string, number> {
  const list = Object.keys(scores).map((name) => ({ name, score: scores[name] }));
  defaultNormalizeScore(MaxNodeScore, reverse, list);
  const out: Record<string, number> = {};
  for (const s of list) out[s.name] = s.score;
  return out;
}
