// Twin of pkg/scheduler/framework/plugins/podtopologyspread/scoring.go: soft (ScheduleAnyway) and system
// default constraints. Score = Σ round(matching pods in the node's domain × log(domains + 2) + maxSkew − 1);
// NormalizeScore maps the least loaded node to 100: 100 × (max + min − score) / max.
import type { Pod } from 'kubernetes-types/core/v1';
import { intDiv, MaxNodeScore, type NodeScore } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import {
  countPodsOnNode,
  hasLabel,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  type RequiredNodeAffinity,
  type TopologySpreadConstraintInternal,
} from './common';

export const LabelHostname = 'kubernetes.io/hostname';
const invalidScore = -1;

export interface PreScoreState {
  constraints: TopologySpreadConstraintInternal[];
  /** Nodes missing a topology key (only when all keys are required). */
  ignoredNodes: Set<string>;
  /** Per constraint: topology value → matching pods (hostname constraints are counted in Score). */
  topologyValueToPodCounts: Map<string, number>[];
  topologyNormalizingWeight: number[];
}

/** topologyNormalizingWeight: log(size + 2). */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** scoreForCount: cnt × weight + maxSkew − 1. */
export function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1);
}

/** initPreScoreState + the counting pass of PreScore over all nodes. */
export function buildPreScoreState(
  pod: Pod,
  constraints: TopologySpreadConstraintInternal[],
  filteredNodes: readonly NodeInfo[],
  allNodes: readonly NodeInfo[],
  requireAllTopologies: boolean,
  require: RequiredNodeAffinity,
): PreScoreState {
  const s: PreScoreState = { constraints, ignoredNodes: new Set(), topologyValueToPodCounts: constraints.map(() => new Map()), topologyNormalizingWeight: [] };
  const topoSize = constraints.map(() => 0);
  for (const ni of filteredNodes) {
    const labels = ni.labels;
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
      s.ignoredNodes.add(ni.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LabelHostname) return; // per-node counts are taken in Score
      const value = labels[c.topologyKey] ?? '';
      if (!s.topologyValueToPodCounts[i].has(value)) {
        s.topologyValueToPodCounts[i].set(value, 0);
        topoSize[i]++;
      }
    });
  }
  s.topologyNormalizingWeight = constraints.map((c, i) =>
    topologyNormalizingWeight(c.topologyKey === LabelHostname ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]),
  );
  const ns = pod.metadata?.namespace ?? 'default';
  for (const ni of allNodes) {
    const node = ni.node!;
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(ni.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      const value = ni.labels[c.topologyKey] ?? '';
      const m = s.topologyValueToPodCounts[i];
      // a domain without candidate nodes (or a hostname domain) is not counted here; asked before
      // the inclusion policies (both pure), which cost a node-affinity and taint check per node
      if (!m.has(value)) continue;
      if (!matchNodeInclusionPolicies(c, pod, node, require)) continue;
      m.set(value, m.get(value)! + countPodsOnNode(ni, c.selector, ns));
    }
  }
  return s;
}

export function score(s: PreScoreState, pod: Pod, ni: NodeInfo): number {
  if (s.ignoredNodes.has(ni.name)) return 0;
  let total = 0;
  const labels = ni.labels;
  const ns = pod.metadata?.namespace ?? 'default';
  s.constraints.forEach((c, i) => {
    if (!hasLabel(labels, c.topologyKey)) return;
    const cnt = c.topologyKey === LabelHostname
      ? countPodsOnNode(ni, c.selector, ns)
      : (s.topologyValueToPodCounts[i].get(labels[c.topologyKey]) ?? 0);
    total += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i]);
  });
  return Math.round(total);
}

export function normalizeScore(s: PreScoreState, scores: NodeScore[]): void {
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  for (const sc of scores) {
    if (s.ignoredNodes.has(sc.name)) {
      sc.score = invalidScore;
      continue;
    }
    if (sc.score < minScore) minScore = sc.score;
    if (sc.score > maxScore) maxScore = sc.score;
  }
  for (const sc of scores) {
    if (sc.score === invalidScore) sc.score = 0;
    else if (maxScore === 0) sc.score = MaxNodeScore;
    else sc.score = intDiv(MaxNodeScore * (maxScore + minScore - sc.score), maxScore);
  }
}
