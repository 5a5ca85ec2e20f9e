// Twin of pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go: PostFilter runs the
// preemption Evaluator; SelectVictimsOnNode removes every lower-priority pod from a copy of the node, checks
// that the preemptor then fits, and reprieves victims from the most important down while it still fits.
// Simplified: no PodDisruptionBudgets (no victim violates one).
import type { Pod } from 'kubernetes-types/core/v1';
import { podPriority } from '../../../api/helper/scheduling/corev1/helpers';
import type { CycleState } from '../../framework/cycle-state';
import { Code, isSuccess, newStatus, type Plugin, type Status } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { moreImportantPod, preempt, type PreemptionInterface } from '../../framework/preemption/preemption';
import type { Handle } from '../../framework/runtime';
import type { PodInfo } from '../../framework/types';

export const Name = 'DefaultPreemption';
export { ErrReasonNotHelpful } from '../../framework/preemption/preemption';
export const ErrReasonNoVictims = 'No preemption victims found for incoming pod';
export const ErrReasonPreemptNever = 'not eligible due to preemptionPolicy=Never.';
export const ErrReasonTerminatingOnNominated = 'not eligible due to a terminating pod on the nominated node.';

/** DefaultPreemptionArgs (defaults 10 % and 100). */
export interface DefaultPreemptionArgs {
  minCandidateNodesPercentage?: number;
  minCandidateNodesAbsolute?: number;
}

/** calculateNumCandidates: max(numNodes × pct / 100, abs), at most numNodes. */
export function calculateNumCandidates(numNodes: number, args: DefaultPreemptionArgs = {}): number {
  let n = Math.trunc((numNodes * (args.minCandidateNodesPercentage ?? 10)) / 100);
  if (n < (args.minCandidateNodesAbsolute ?? 100)) n = args.minCandidateNodesAbsolute ?? 100;
  return Math.min(n, numNodes);
}

/** podTerminatingByPreemption: deleted, with DisruptionTarget=True reason PreemptionByScheduler. */
export function podTerminatingByPreemption(p: Pod): boolean {
  if (!p.metadata?.deletionTimestamp) return false;
  const c = (p.status?.conditions ?? []).find((x) => x.type === 'DisruptionTarget');
  return !!c && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

/** PodEligibleToPreemptOthers. */
export function podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status, nodeInfo: (name: string) => NodeInfo | undefined): { ok: boolean; msg: string } {
  if (pod.spec?.preemptionPolicy === 'Never') return { ok: false, msg: ErrReasonPreemptNever };
  const nom = pod.status?.nominatedNodeName;
  if (nom) {
    // a nominated node the filters call UnschedulableAndUnresolvable may be preempted on again elsewhere
    if (nominatedNodeStatus.code === Code.UnschedulableAndUnresolvable) return { ok: true, msg: '' };
    const ni = nodeInfo(nom);
    const prio = podPriority(pod);
    for (const pi of ni?.podInfos.values() ?? []) {
      if (podPriority(pi.pod) < prio && podTerminatingByPreemption(pi.pod)) return { ok: false, msg: ErrReasonTerminatingOnNominated };
    }
  }
  return { ok: true, msg: '' };
}

export function New(args: DefaultPreemptionArgs = {}, h: Handle): Plugin {
  const fwk = () => h.framework!;
  const nowMs = () => h.nowMs?.() ?? Number.MAX_SAFE_INTEGER;

  function selectVictimsOnNode(state: CycleState, pod: Pod, nodeInfo: NodeInfo) {
    const fail = (status: Status) => ({ victims: [] as Pod[], numPDBViolations: 0, status });
    const removePod = (pi: PodInfo) => {
      nodeInfo.removePod(pi.pod);
      return fwk().runPreFilterExtensionRemovePod(state, pod, pi, nodeInfo);
    };
    const addPod = (pi: PodInfo) => {
      nodeInfo.addPodInfo(pi);
      return fwk().runPreFilterExtensionAddPod(state, pod, pi, nodeInfo);
    };
    const prio = podPriority(pod);
    const potential: PodInfo[] = [];
    for (const pi of [...nodeInfo.podInfos.values()]) {
      if (podPriority(pi.pod) >= prio) continue;
      potential.push(pi);
      const s = removePod(pi);
      if (!isSuccess(s)) return fail(s!);
    }
    if (potential.length === 0) return fail(newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNoVictims));
    // Even without every lower-priority pod the preemptor does not fit: this node cannot help.
    const fits = fwk().runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
    if (!isSuccess(fits)) return fail(fits!);
    const now = nowMs();
    potential.sort((a, b) => (moreImportantPod(a.pod, b.pod, now) ? -1 : moreImportantPod(b.pod, a.pod, now) ? 1 : 0));
    const victims: Pod[] = [];
    // Reprieve as many as possible, most important first (all are non-violating without PDBs).
    for (const pi of potential) {
      const s = addPod(pi);
      if (!isSuccess(s)) return fail(s!);
      if (!isSuccess(fwk().runFilterPluginsWithNominatedPods(state, pod, nodeInfo))) {
        const r = removePod(pi);
        if (!isSuccess(r)) return fail(r!);
        victims.push(pi.pod);
      }
    }
    return { victims, numPDBViolations: 0, status: null };
  }

  const pi: PreemptionInterface = {
    getOffsetAndNumCandidates: (numNodes) => [h.randInt ? h.randInt(numNodes) : 0, calculateNumCandidates(numNodes, args)],
    podEligibleToPreemptOthers: (pod, status) => podEligibleToPreemptOthers(pod, status, (n) => h.snapshotSharedLister().get(n)),
    selectVictimsOnNode,
  };

  return {
    name: Name,
    postFilter(state, pod, m) {
      const out = preempt(pi, h, state, pod, m);
      const msg = out.status?.reasons.join(', ') ?? '';
      // DefaultPreemption.PostFilter prefixes the evaluator's message.
      return msg ? { ...out, status: newStatus(out.status!.code, `preemption: ${msg}`) } : out;
    },
  };
}
