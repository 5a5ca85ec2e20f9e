// Twin of pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (v1.33 reason format).
// Filter: first untolerated NoSchedule/NoExecute taint. Score: count of untolerated PreferNoSchedule taints,
// normalized in reverse so fewer intolerable taints score higher.
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import {
  TaintEffect,
  doNotScheduleTaintsFilter,
  findMatchingUntoleratedTaint,
  tolerationsTolerateTaint,
} from '../../../api/helper/scheduling/corev1/helpers';
import type { CycleState } from '../../framework/cycle-state';
import { Code, MaxNodeScore, newStatus, type Plugin, type Status } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { defaultNormalizeScore } from '../helper/normalize-score';

export const Name = 'TaintToleration';
const preScoreStateKey = 'PreScore' + Name;

export function errReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

export function filter(pod: Pod, nodeInfo: NodeInfo): Status | null {
  const taint = findMatchingUntoleratedTaint(
    nodeInfo.node?.spec?.taints,
    pod.spec?.tolerations,
    doNotScheduleTaintsFilter,
  );
  return taint ? newStatus(Code.UnschedulableAndUnresolvable, errReason(taint)) : null;
}

/** Tolerations with effect PreferNoSchedule or empty (empty effect matches every effect). */
export function getAllTolerationPreferNoSchedule(tolerations: readonly Toleration[] | undefined): Toleration[] {
  return (tolerations ?? []).filter((t) => !t.effect || t.effect === TaintEffect.PreferNoSchedule);
}

export function countIntolerableTaintsPreferNoSchedule(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[],
): number {
  let n = 0;
  for (const taint of taints ?? []) {
    if (taint.effect !== TaintEffect.PreferNoSchedule) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) n++;
  }
  return n;
}

export function New(): Plugin {
  return {
    name: Name,
    filter: (_state, pod, nodeInfo) => filter(pod, nodeInfo),
    preScore(state: CycleState, pod: Pod) {
      state.write(preScoreStateKey, getAllTolerationPreferNoSchedule(pod.spec?.tolerations));
      return null;
    },
    score(state, pod, nodeInfo) {
      const tolerations =
        state.read<Toleration[]>(preScoreStateKey) ?? getAllTolerationPreferNoSchedule(pod.spec?.tolerations);
      return countIntolerableTaintsPreferNoSchedule(nodeInfo.node?.spec?.taints, tolerations);
    },
    normalizeScore: (_state, _pod, scores) => defaultNormalizeScore(MaxNodeScore, true, scores),
  };
}
