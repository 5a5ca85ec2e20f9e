// Twin of pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go.
// PreFilter: Skip without nodeSelector/required affinity; narrows to metadata.name In-sets; rejects
// conflicting name sets. Filter: nodeSelector AND required terms. Score: Σ weights of matching preferred terms.
import type { Node, NodeAffinity as NodeAffinityArgsAffinity, Pod } from 'kubernetes-types/core/v1';
import {
  compileNodeSelector,
  compilePreferredSchedulingTerms,
  compileRequiredNodeAffinity,
} from '../../../api/helper/scheduling/corev1/nodeaffinity';
import { Code, MaxNodeScore, newStatus, type Plugin, type PreFilterOutcome } from '../../framework/interface';
import { defaultNormalizeScore } from '../helper/normalize-score';

export const Name = 'NodeAffinity';
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const errReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
export const errReasonConflict = 'pod affinity terms conflict';

/** NodeAffinityArgs (KubeSchedulerConfiguration). */
export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinityArgsAffinity;
}

type Matcher = (node: Node) => boolean;

/** Intersection per term of metadata.name In-values, union across terms; null if any term lacks one. */
function nodeNamesFromTerms(pod: Pod): Set<string> | null {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return null;
  const union = new Set<string>();
  for (const t of terms) {
    let termNames = null as Set<string> | null;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s: Set<string> = new Set(r.values ?? []);
      termNames = termNames === null ? s : new Set([...termNames].filter((n: string) => s.has(n)));
    }
    if (termNames === null) return null;
    for (const n of termNames) union.add(n);
  }
  return union;
}

export function preFilter(pod: Pod, hasAddedSelector: boolean): PreFilterOutcome & { state?: Matcher } {
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required && !hasAddedSelector && pod.spec?.nodeSelector === undefined) {
    return { status: newStatus(Code.Skip) };
  }
  const state = compileRequiredNodeAffinity(pod);
  const names = nodeNamesFromTerms(pod);
  if (names !== null && names.size === 0) {
    return { status: newStatus(Code.UnschedulableAndUnresolvable, errReasonConflict), state };
  }
  return { status: null, result: names ? { nodeNames: names } : null, state };
}

export function New(args: NodeAffinityArgs = {}): Plugin {
  const addedRequired = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const addedNodeSelector = addedRequired ? compileNodeSelector(addedRequired) : null;
  const addedPreferred = args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  const addedPrefSchedTerms = addedPreferred?.length ? compilePreferredSchedulingTerms(addedPreferred) : null;
  const podPreferred = (pod: Pod) => {
    const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    return terms ? compilePreferredSchedulingTerms(terms) : null;
  };
  return {
    name: Name,
    preFilter(state, pod) {
      const out = preFilter(pod, addedNodeSelector !== null);
      if (out.state) state.write(preFilterStateKey, out.state);
      return { status: out.status, result: out.result };
    },
    filter(state, pod, nodeInfo) {
      const node = nodeInfo.node!;
      if (addedNodeSelector && !addedNodeSelector(node)) {
        return newStatus(Code.UnschedulableAndUnresolvable, errReasonEnforced);
      }
      const match = state.read<Matcher>(preFilterStateKey) ?? compileRequiredNodeAffinity(pod);
      return match(node) ? null : newStatus(Code.UnschedulableAndUnresolvable, ErrReasonPod);
    },
    preScore(state, pod) {
      const preferred = podPreferred(pod);
      if (!preferred && !addedPrefSchedTerms) return newStatus(Code.Skip);
      state.write(preScoreStateKey, preferred);
      return null;
    },
    score(state, pod, nodeInfo) {
      const node = nodeInfo.node!;
      let count = addedPrefSchedTerms ? addedPrefSchedTerms(node) : 0;
      const preferred = state.has(preScoreStateKey)
        ? state.read<((n: Node) => number) | null>(preScoreStateKey)
        : podPreferred(pod);
      if (preferred) count += preferred(node);
      return count;
    },
    normalizeScore: (_state, _pod, scores) => defaultNormalizeScore(MaxNodeScore, false, scores),
  };
}
