// Twin of pkg/scheduler/framework/plugins/interpodaffinity/scoring.go: for each topology pair, Σ weights of
// the incoming pod's preferred (anti-)affinity terms matched by existing pods, plus existing pods' required
// affinity (hardPodAffinityWeight) and preferred (anti-)affinity terms matched by the incoming pod.
// NormalizeScore: 100 × (score − min) / (max − min), truncated.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { affinityTermMatches, type AffinityTerm, type PodAffinityTerms, type WeightedAffinityTerm } from '../../framework/affinity-term';
import { MaxNodeScore, type NodeScore } from '../../framework/interface';
import type { PodInfo } from '../../framework/types';

/** scoreMap: topology key → value → score. */
export type ScoreMap = Map<string, Map<string, number>>;

export interface PreScoreState {
  topologyScore: ScoreMap;
}

function processTerm(m: ScoreMap, t: AffinityTerm, weight: number, pod: Pod, nsLabels: Record<string, string> | null, node: Node, multiplier: number): void {
  if (!affinityTermMatches(t, pod, nsLabels)) return;
  const labels = node.metadata?.labels ?? {};
  if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) return;
  let byValue = m.get(t.topologyKey);
  if (!byValue) m.set(t.topologyKey, (byValue = new Map()));
  const v = labels[t.topologyKey];
  byValue.set(v, (byValue.get(v) ?? 0) + weight * multiplier);
}

function processTerms(m: ScoreMap, terms: readonly WeightedAffinityTerm[], pod: Pod, nsLabels: Record<string, string> | null, node: Node, multiplier: number): void {
  for (const t of terms) processTerm(m, t, t.weight, pod, nsLabels, node, multiplier);
}

/** processExistingPod. `incoming` holds the incoming pod's terms with namespaceSelector merged. */
export function processExistingPod(
  m: ScoreMap,
  incoming: { pod: Pod; terms: PodAffinityTerms; namespaceLabels: Record<string, string> | null },
  existing: PodInfo,
  node: Node,
  hardPodAffinityWeight: number,
): void {
  if (Object.keys(node.metadata?.labels ?? {}).length === 0) return;
  processTerms(m, incoming.terms.preferredAffinityTerms, existing.pod, null, node, 1);
  processTerms(m, incoming.terms.preferredAntiAffinityTerms, existing.pod, null, node, -1);
  if (hardPodAffinityWeight > 0) {
    for (const t of existing.terms.requiredAffinityTerms) processTerm(m, t, hardPodAffinityWeight, incoming.pod, incoming.namespaceLabels, node, 1);
  }
  processTerms(m, existing.terms.preferredAffinityTerms, incoming.pod, incoming.namespaceLabels, node, 1);
  processTerms(m, existing.terms.preferredAntiAffinityTerms, incoming.pod, incoming.namespaceLabels, node, -1);
}

export function score(s: PreScoreState, node: Node): number {
  const labels = node.metadata?.labels ?? {};
  let total = 0;
  for (const [tpKey, values] of s.topologyScore) {
    if (Object.prototype.hasOwnProperty.call(labels, tpKey)) total += values.get(labels[tpKey]) ?? 0;
  }
  return total;
}

export function normalizeScore(s: PreScoreState, scores: NodeScore[]): void {
  if (s.topologyScore.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const sc of scores) {
    if (sc.score > max) max = sc.score;
    if (sc.score < min) min = sc.score;
  }
  const diff = max - min;
  for (const sc of scores) sc.score = diff > 0 ? Math.trunc(MaxNodeScore * ((sc.score - min) / diff)) : 0;
}
