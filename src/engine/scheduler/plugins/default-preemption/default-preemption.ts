// Twin of the failure path of pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
// pkg/scheduler/framework/preemption/preemption.go (Evaluator.Preempt when no candidate is found).
// Simplified: victim selection is not modelled; every node that might be helped by preemption reports
// "No preemption victims found for incoming pod", so the PostFilter always fails with the FitError text.
import type { Pod } from 'kubernetes-types/core/v1';
import { NodeToStatus, fitErrorFromDiagnosis } from '../../framework/fit-error';
import { Code, newStatus, type NodeToStatusReader, type Plugin, type PostFilterOutcome } from '../../framework/interface';

export const Name = 'DefaultPreemption';
export const ErrReasonNotHelpful = 'Preemption is not helpful for scheduling';
export const ErrReasonNoVictims = 'No preemption victims found for incoming pod';
export const ErrReasonPreemptNever = 'not eligible due to preemptionPolicy=Never.';

/** PodEligibleToPreemptOthers (without the nominated-node terminating-victims check). */
export function podEligibleToPreemptOthers(pod: Pod): { ok: boolean; msg: string } {
  if (pod.spec?.preemptionPolicy === 'Never') return { ok: false, msg: ErrReasonPreemptNever };
  return { ok: true, msg: '' };
}

/**
 * Preempt for the no-candidate case: nodesWherePreemptionMightHelp marks UnschedulableAndUnresolvable nodes
 * "not helpful"; the dry run finds no victims elsewhere. Returns the status message (before "preemption: ").
 */
export function preemptNoCandidates(pod: Pod, nodeNames: readonly string[], m: NodeToStatusReader): PostFilterOutcome {
  const eligible = podEligibleToPreemptOthers(pod);
  if (!eligible.ok) return { status: newStatus(Code.Unschedulable, eligible.msg) };
  const statuses = new NodeToStatus();
  for (const name of nodeNames) {
    const unresolvable = m.get(name).code === Code.UnschedulableAndUnresolvable;
    statuses.set(
      name,
      newStatus(Code.UnschedulableAndUnresolvable, unresolvable ? ErrReasonNotHelpful : ErrReasonNoVictims),
    );
  }
  statuses.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNotHelpful));
  const msg = fitErrorFromDiagnosis(nodeNames.length, {
    nodeToStatus: statuses,
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  });
  return { status: newStatus(Code.Unschedulable, msg), nominatedNodeName: '' };
}

/** `allNodeNames` lists every node in the snapshot (handle.SnapshotSharedLister().NodeInfos().List()). */
export function New(allNodeNames: () => readonly string[]): Plugin {
  return {
    name: Name,
    postFilter(_state, pod, m) {
      const out = preemptNoCandidates(pod, allNodeNames(), m);
      const msg = out.status?.reasons.join(', ') ?? '';
      // DefaultPreemption.PostFilter prefixes the evaluator's message.
      return { ...out, status: msg ? newStatus(out.status!.code, `preemption: ${msg}`) : out.status };
    },
  };
}
