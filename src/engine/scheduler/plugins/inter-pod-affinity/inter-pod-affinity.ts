// Twin of pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (+ the entry points of filtering.go and
// scoring.go). Required pod affinity / anti-affinity (and existing pods' anti-affinity against the incoming
// pod) filter; preferred terms score. A namespaceSelector on the incoming pod's terms is merged into the
// namespace set from the Namespace lister (mergeAffinityTermNamespacesIfNotEmpty).
import type { Pod } from 'kubernetes-types/core/v1';
import { matchesSelector } from '../../../api/selectors';
import { podAffinityTerms, type AffinityTerm, type PodAffinityTerms } from '../../framework/affinity-term';
import { Code, newStatus, type Plugin } from '../../framework/interface';
import { emptyListers, type Listers } from '../../framework/listers';
import type { NodeInfo } from '../../framework/node-info';
import type { Handle } from '../../framework/runtime';
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
  PreFilterState,
  getExistingAntiAffinityCounts,
  getIncomingAffinityAntiAffinityCounts,
  satisfyExistingPodsAntiAffinity,
  satisfyPodAffinity,
  satisfyPodAntiAffinity,
} from './filtering';
import { normalizeScore, processExistingPod, score, type PreScoreState, type ScoreMap } from './scoring';

export const Name = 'InterPodAffinity';
export { ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch };
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;

/** InterPodAffinityArgs (defaults: hardPodAffinityWeight 1, ignorePreferredTermsOfExistingPods false). */
export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

/** mergeAffinityTermNamespacesIfNotEmpty: namespaces selected by a non-empty namespaceSelector join the set. */
function mergeNamespaces<T extends AffinityTerm>(t: T, listers: Listers): T {
  if (t.namespaceSelector === null || t.namespaceSelector.length === 0) return t;
  const namespaces = new Set(t.namespaces);
  for (const ns of listers.namespaces()) {
    if (matchesSelector(t.namespaceSelector, ns.metadata?.labels)) namespaces.add(ns.metadata?.name ?? '');
  }
  return { ...t, namespaces, namespaceSelector: null };
}

/** GetNamespaceLabelsSnapshot: the labels of the pod's namespace, or null when it is unknown. */
function namespaceLabels(pod: Pod, listers: Listers): Record<string, string> | null {
  const ns = listers.namespace(pod.metadata?.namespace ?? 'default');
  return ns ? { ...(ns.metadata?.labels ?? {}) } : null;
}

export function New(args: InterPodAffinityArgs = {}, h?: Handle): Plugin {
  const hardPodAffinityWeight = args.hardPodAffinityWeight ?? 1;
  const ignorePreferred = args.ignorePreferredTermsOfExistingPods ?? false;
  const listers = () => h?.listers?.() ?? emptyListers;
  const lister = (nodes: readonly NodeInfo[]) => h?.snapshotSharedLister() ?? {
    list: () => nodes,
    havePodsWithAffinityList: () => nodes.filter((n) => n.podsWithAffinity.size > 0),
    havePodsWithRequiredAntiAffinityList: () => nodes.filter((n) => n.podsWithRequiredAntiAffinity.size > 0),
  };

  return {
    name: Name,
    preFilter(state, pod, allNodes) {
      const l = listers();
      const parsed = podAffinityTerms(pod);
      const terms: PodAffinityTerms = {
        ...parsed,
        requiredAffinityTerms: parsed.requiredAffinityTerms.map((t) => mergeNamespaces(t, l)),
        requiredAntiAffinityTerms: parsed.requiredAntiAffinityTerms.map((t) => mergeNamespaces(t, l)),
      };
      const nsLabels = namespaceLabels(pod, l);
      const existing = getExistingAntiAffinityCounts(pod, nsLabels, lister(allNodes).havePodsWithRequiredAntiAffinityList());
      if (existing.size === 0 && terms.requiredAffinityTerms.length === 0 && terms.requiredAntiAffinityTerms.length === 0) {
        return { status: newStatus(Code.Skip) };
      }
      const [affinity, anti] = getIncomingAffinityAntiAffinityCounts(terms, allNodes);
      state.write(preFilterStateKey, new PreFilterState(pod, terms, nsLabels, existing, affinity, anti));
      return { status: null };
    },
    preFilterExtensions: {
      addPod(state, _pod, pi, nodeInfo) {
        state.read<PreFilterState>(preFilterStateKey)?.updateWithPod(pi, nodeInfo.node!, 1);
        return null;
      },
      removePod(state, _pod, pi, nodeInfo) {
        state.read<PreFilterState>(preFilterStateKey)?.updateWithPod(pi, nodeInfo.node!, -1);
        return null;
      },
    },
    filter(state, _pod, nodeInfo) {
      const s = state.read<PreFilterState>(preFilterStateKey);
      if (!s) return newStatus(Code.Error, `error reading "${preFilterStateKey}" from cycleState: not found`);
      const node = nodeInfo.node!;
      if (!satisfyPodAffinity(s, node)) return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch);
      if (!satisfyPodAntiAffinity(s, node)) return newStatus(Code.Unschedulable, ErrReasonAntiAffinityRulesNotMatch);
      if (!satisfyExistingPodsAntiAffinity(s, node)) return newStatus(Code.Unschedulable, ErrReasonExistingAntiAffinityRulesNotMatch);
      return null;
    },
    preScore(state, pod, filteredNodes) {
      const a = pod.spec?.affinity;
      const hasConstraints = (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ||
        (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
      if (ignorePreferred && !hasConstraints) return newStatus(Code.Skip);
      const sl = lister(filteredNodes);
      // unless the incoming pod has preferred terms, only nodes hosting pods with affinity matter
      const nodes = hasConstraints ? sl.list() : sl.havePodsWithAffinityList();
      if (nodes.length === 0) return newStatus(Code.Skip);
      const l = listers();
      const parsed = podAffinityTerms(pod);
      const terms: PodAffinityTerms = {
        ...parsed,
        preferredAffinityTerms: parsed.preferredAffinityTerms.map((t) => mergeNamespaces(t, l)),
        preferredAntiAffinityTerms: parsed.preferredAntiAffinityTerms.map((t) => mergeNamespaces(t, l)),
      };
      const incoming = { pod, terms, namespaceLabels: namespaceLabels(pod, l) };
      const topologyScore: ScoreMap = new Map();
      let any = false;
      for (const ni of nodes) {
        const m: ScoreMap = new Map();
        const pods = hasConstraints ? ni.podInfos.values() : ni.podsWithAffinity.values();
        for (const existing of pods) processExistingPod(m, incoming, existing, ni.node!, hardPodAffinityWeight);
        if (m.size === 0) continue;
        any = true;
        for (const [k, values] of m) {
          const into = topologyScore.get(k);
          if (!into) topologyScore.set(k, values);
          else for (const [v, n] of values) into.set(v, (into.get(v) ?? 0) + n);
        }
      }
      if (!any) return newStatus(Code.Skip);
      state.write(preScoreStateKey, { topologyScore } satisfies PreScoreState);
      return null;
    },
    score(state, _pod, nodeInfo) {
      return score(state.read<PreScoreState>(preScoreStateKey)!, nodeInfo.node!);
    },
    normalizeScore(state, _pod, scores) {
      const s = state.read<PreScoreState>(preScoreStateKey);
      if (s) normalizeScore(s, scores);
    },
  };
}
