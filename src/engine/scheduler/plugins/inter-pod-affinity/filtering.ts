// Twin of pkg/scheduler/framework/plugins/interpodaffinity/filtering.go: PreFilter counts, per topology pair,
// the existing pods whose required anti-affinity matches the incoming pod, and the existing pods matching
// the incoming pod's required (anti-)affinity terms; Filter checks the node's topology pairs against them.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { affinityTermMatches, type AffinityTerm, type PodAffinityTerms } from '../../framework/affinity-term';
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/types';

export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

/** topologyToMatchedTermCount keyed by "key\0value". */
export type TopologyCounts = Map<string, number>;
const pairKey = (k: string, v: string) => `${k}\u0000${v}`;

function update(m: TopologyCounts, node: Node, tk: string, value: number): void {
  const labels = node.metadata?.labels ?? {};
  if (!Object.prototype.hasOwnProperty.call(labels, tk)) return;
  const pair = pairKey(tk, labels[tk]);
  const n = (m.get(pair) ?? 0) + value;
  if (n === 0) m.delete(pair);
  else m.set(pair, n);
}

/** podMatchesAllAffinityTerms: false for no terms. Incoming terms have namespaceSelector merged already. */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  return terms.length > 0 && terms.every((t) => affinityTermMatches(t, pod, null));
}

export function updateWithAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, node: Node, value: number): void {
  if (podMatchesAllAffinityTerms(terms, pod)) for (const t of terms) update(m, node, t.topologyKey, value);
}

export function updateWithAntiAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, nsLabels: Record<string, string> | null, node: Node, value: number): void {
  for (const t of terms) if (affinityTermMatches(t, pod, nsLabels)) update(m, node, t.topologyKey, value);
}

export class PreFilterState implements StateData {
  constructor(
    readonly pod: Pod,
    readonly terms: PodAffinityTerms,
    readonly namespaceLabels: Record<string, string> | null,
    readonly existingAntiAffinityCounts: TopologyCounts = new Map(),
    readonly affinityCounts: TopologyCounts = new Map(),
    readonly antiAffinityCounts: TopologyCounts = new Map(),
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.pod, this.terms, this.namespaceLabels, new Map(this.existingAntiAffinityCounts), new Map(this.affinityCounts), new Map(this.antiAffinityCounts));
  }

  /** updateWithPod (AddPod/RemovePod during preemption). */
  updateWithPod(pi: PodInfo, node: Node, multiplier: number): void {
    updateWithAntiAffinityTerms(this.existingAntiAffinityCounts, pi.terms.requiredAntiAffinityTerms, this.pod, this.namespaceLabels, node, multiplier);
    updateWithAffinityTerms(this.affinityCounts, this.terms.requiredAffinityTerms, pi.pod, node, multiplier);
    updateWithAntiAffinityTerms(this.antiAffinityCounts, this.terms.requiredAntiAffinityTerms, pi.pod, null, node, multiplier);
  }
}

/** getExistingAntiAffinityCounts over the nodes hosting pods with required anti-affinity. */
export function getExistingAntiAffinityCounts(pod: Pod, nsLabels: Record<string, string> | null, nodes: readonly NodeInfo[]): TopologyCounts {
  const m: TopologyCounts = new Map();
  for (const ni of nodes) {
    for (const existing of ni.podsWithRequiredAntiAffinity.values()) {
      updateWithAntiAffinityTerms(m, existing.terms.requiredAntiAffinityTerms, pod, nsLabels, ni.node!, 1);
    }
  }
  return m;
}

/** getIncomingAffinityAntiAffinityCounts over all nodes. */
export function getIncomingAffinityAntiAffinityCounts(terms: PodAffinityTerms, allNodes: readonly NodeInfo[]): [TopologyCounts, TopologyCounts] {
  const affinity: TopologyCounts = new Map();
  const anti: TopologyCounts = new Map();
  if (terms.requiredAffinityTerms.length === 0 && terms.requiredAntiAffinityTerms.length === 0) return [affinity, anti];
  for (const ni of allNodes) {
    for (const existing of ni.podInfos.values()) {
      updateWithAffinityTerms(affinity, terms.requiredAffinityTerms, existing.pod, ni.node!, 1);
      updateWithAntiAffinityTerms(anti, terms.requiredAntiAffinityTerms, existing.pod, null, ni.node!, 1);
    }
  }
  return [affinity, anti];
}

export function satisfyExistingPodsAntiAffinity(s: PreFilterState, node: Node): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  const labels = node.metadata?.labels ?? {};
  for (const k of Object.keys(labels)) if ((s.existingAntiAffinityCounts.get(pairKey(k, labels[k])) ?? 0) > 0) return false;
  return true;
}

export function satisfyPodAntiAffinity(s: PreFilterState, node: Node): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  const labels = node.metadata?.labels ?? {};
  for (const t of s.terms.requiredAntiAffinityTerms) {
    if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) continue;
    if ((s.antiAffinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0) return false;
  }
  return true;
}

export function satisfyPodAffinity(s: PreFilterState, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  let podsExist = true;
  for (const t of s.terms.requiredAffinityTerms) {
    // all topology labels must exist on the node
    if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a series with affinity to itself: no other pod matches anywhere, and it matches its
  // own terms.
  return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.terms.requiredAffinityTerms, s.pod);
}
