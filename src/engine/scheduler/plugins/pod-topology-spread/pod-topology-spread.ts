// Twin of pkg/scheduler/framework/plugins/podtopologyspread/plugin.go (+ the PreFilter/Filter/PreScore/
// Score entry points of filtering.go and scoring.go). Hard constraints filter; soft ones and the system
// default constraints (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway, for pods selected by a Service,
// ReplicaSet or StatefulSet) score. PreFilter and PreScore Skip when there is nothing to do.
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { compileRequiredNodeAffinity } from '../../../api/helper/scheduling/corev1/nodeaffinity';
import { Code, newStatus, type Plugin, type Status } from '../../framework/interface';
import { emptyListers } from '../../framework/listers';
import type { Handle } from '../../framework/runtime';
import { buildDefaultConstraints, filterTopologySpreadConstraints, type TopologySpreadConstraintInternal } from './common';
import { PreFilterState, calPreFilterState, filter, updateWithPod } from './filtering';
import { buildPreScoreState, normalizeScore, score, type PreScoreState } from './scoring';

export const Name = 'PodTopologySpread';
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';
const preFilterStateKey = 'PreFilter' + Name;
const preScoreStateKey = 'PreScore' + Name;

export const systemDefaultConstraints: readonly TopologySpreadConstraint[] = [
  { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** PodTopologySpreadArgs: defaultingType System (default) or List (with defaultConstraints). */
export interface PodTopologySpreadArgs {
  defaultConstraints?: TopologySpreadConstraint[];
  defaultingType?: 'System' | 'List';
}

type Constraints = TopologySpreadConstraintInternal[];

export function New(args: PodTopologySpreadArgs = {}, h?: Handle): Plugin {
  const systemDefaulted = (args.defaultingType ?? 'System') === 'System';
  const defaults = systemDefaulted ? systemDefaultConstraints : (args.defaultConstraints ?? []);
  const listers = () => h?.listers?.() ?? emptyListers;

  /** getConstraints (PreFilter) / the constraint half of initPreScoreState (PreScore). */
  const constraintsFor = (pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraints => {
    const own = pod.spec?.topologySpreadConstraints ?? [];
    if (own.length > 0) return filterTopologySpreadConstraints(own, pod.metadata?.labels, action);
    return defaults.length > 0 ? buildDefaultConstraints(defaults, pod, listers(), action) : [];
  };
  const requireFor = new WeakMap<Pod, (n: Node) => boolean>();
  const required = (pod: Pod) => {
    let r = requireFor.get(pod);
    if (!r) requireFor.set(pod, (r = compileRequiredNodeAffinity(pod)));
    return r;
  };
  const errorStatus = (e: unknown): Status => newStatus(Code.Error, e instanceof Error ? e.message : String(e));

  return {
    name: Name,
    preFilter(state, pod, nodes) {
      let constraints: Constraints;
      try {
        constraints = constraintsFor(pod, 'DoNotSchedule');
      } catch (e) {
        return { status: errorStatus(e) };
      }
      if (constraints.length === 0) return { status: newStatus(Code.Skip) };
      state.write(preFilterStateKey, calPreFilterState(pod, constraints, nodes, required(pod)));
      return { status: null };
    },
    preFilterExtensions: {
      addPod(state, podToSchedule, pi, nodeInfo) {
        updateWithPod(state.read<PreFilterState>(preFilterStateKey), pi.pod, podToSchedule, nodeInfo.node, 1, required(podToSchedule));
        return null;
      },
      removePod(state, podToSchedule, pi, nodeInfo) {
        updateWithPod(state.read<PreFilterState>(preFilterStateKey), pi.pod, podToSchedule, nodeInfo.node, -1, required(podToSchedule));
        return null;
      },
    },
    filter(state, pod, nodeInfo) {
      const s = state.read<PreFilterState>(preFilterStateKey);
      if (!s) return newStatus(Code.Error, `reading "${preFilterStateKey}" from cycleState: not found`);
      switch (filter(s, pod, nodeInfo.node!)) {
        case 'missingLabel':
          return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNodeLabelNotMatch);
        case 'skew':
          return newStatus(Code.Unschedulable, ErrReasonConstraintsNotMatch);
        default:
          return null;
      }
    },
    preScore(state, pod, filteredNodes) {
      const allNodes = h?.snapshotSharedLister().list() ?? filteredNodes;
      if (allNodes.length === 0) return newStatus(Code.Skip);
      let constraints: Constraints;
      try {
        constraints = constraintsFor(pod, 'ScheduleAnyway');
      } catch (e) {
        return errorStatus(e);
      }
      if (constraints.length === 0) return newStatus(Code.Skip);
      // Only non-system-default rules require every topology key on a node (hostname spreading still
      // works on nodes without a zone label).
      const requireAll = (pod.spec?.topologySpreadConstraints ?? []).length > 0 || !systemDefaulted;
      state.write(preScoreStateKey, buildPreScoreState(pod, constraints, filteredNodes, allNodes, requireAll, required(pod)));
      return null;
    },
    score(state, pod, nodeInfo) {
      return score(state.read<PreScoreState>(preScoreStateKey)!, pod, nodeInfo);
    },
    normalizeScore(state, _pod, scores) {
      const s = state.read<PreScoreState>(preScoreStateKey);
      if (s) normalizeScore(s, scores);
    },
  };
}
