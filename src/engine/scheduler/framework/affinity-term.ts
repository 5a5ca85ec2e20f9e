// Twin of the AffinityTerm / WeightedAffinityTerm half of pkg/scheduler/framework/types.go (newAffinityTerm,
// getNamespacesFromPodAffinityTerm, AffinityTerm.Matches) and of PodInfo's parsed (anti)affinity terms.
// Simplified: a selector that fails to parse matches nothing instead of failing NewPodInfo.
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { labelSelectorAsSelector, matchesSelector, type Selector } from '../../api/selectors';

export interface AffinityTerm {
  namespaces: Set<string>;
  /** null is labels.Nothing() (a nil LabelSelector). */
  selector: Selector | null;
  topologyKey: string;
  /** null is labels.Nothing(); [] (an empty selector) matches every namespace. */
  namespaceSelector: Selector | null;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface PodAffinityTerms {
  requiredAffinityTerms: readonly AffinityTerm[];
  requiredAntiAffinityTerms: readonly AffinityTerm[];
  preferredAffinityTerms: readonly WeightedAffinityTerm[];
  preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
}

const NONE: PodAffinityTerms = Object.freeze({
  requiredAffinityTerms: [],
  requiredAntiAffinityTerms: [],
  preferredAffinityTerms: [],
  preferredAntiAffinityTerms: [],
});

function asSelector(ls: Parameters<typeof labelSelectorAsSelector>[0]): Selector | null {
  try {
    return labelSelectorAsSelector(ls);
  } catch {
    return null;
  }
}

/** getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector ⇒ the pod's own namespace. */
export function getNamespacesFromPodAffinityTerm(pod: Pod, term: PodAffinityTerm): Set<string> {
  if ((term.namespaces ?? []).length === 0 && term.namespaceSelector == null) {
    return new Set([pod.metadata?.namespace ?? 'default']);
  }
  return new Set(term.namespaces ?? []);
}

export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  return {
    namespaces: getNamespacesFromPodAffinityTerm(pod, term),
    selector: asSelector(term.labelSelector),
    topologyKey: term.topologyKey,
    namespaceSelector: asSelector(term.namespaceSelector),
  };
}

function weighted(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

/** AffinityTerm.Matches: the pod's namespace is listed or its labels match the namespaceSelector; then its labels. */
export function affinityTermMatches(t: AffinityTerm, pod: Pod, nsLabels: Record<string, string> | null | undefined): boolean {
  if (t.namespaces.has(pod.metadata?.namespace ?? 'default') || matchesSelector(t.namespaceSelector, nsLabels ?? {})) {
    return matchesSelector(t.selector, pod.metadata?.labels);
  }
  return false;
}

/** The parsed terms of NewPodInfo (shared empty lists for pods without pod (anti-)affinity). */
export function podAffinityTerms(pod: Pod): PodAffinityTerms {
  const a = pod.spec?.affinity;
  if (!a || (!a.podAffinity && !a.podAntiAffinity)) return NONE;
  return {
    requiredAffinityTerms: (a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t)),
    requiredAntiAffinityTerms: (a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t)),
    preferredAffinityTerms: weighted(pod, a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: weighted(pod, a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

/** NodeInfo.PodsWithAffinity membership: the pod has podAffinity or podAntiAffinity. */
export function podWithAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  return !!a && (!!a.podAffinity || !!a.podAntiAffinity);
}
