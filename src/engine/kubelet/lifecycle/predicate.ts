// Twin of pkg/kubelet/lifecycle/predicate.go (GeneralPredicates → noderesources fitsRequest, the
// resource part only): a pod the node cannot hold is rejected with reason OutOf<resource>.
import type { Pod } from 'kubernetes-types/core/v1';
import { podRequests } from '../util/pod';

export interface NodeAllocatable {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
}

export type AdmitResult = { admit: true } | { admit: false; reason: string; message: string };

/** InsufficientResourceError.Error() */
const insufficient = (res: string, requested: number, used: number, capacity: number) =>
  `Node didn't have enough resource: ${res}, requested: ${requested}, used: ${used}, capacity: ${capacity}`;

/** canAdmitPod for resources: pods count, then cpu, then memory (fitsRequest order). */
export function canAdmitPod(alloc: NodeAllocatable, admitted: Pod[], pod: Pod): AdmitResult {
  if (admitted.length + 1 > alloc.pods) {
    return { admit: false, reason: 'OutOfpods', message: insufficient('pods', 1, admitted.length, alloc.pods) };
  }
  for (const [res, cap] of [['cpu', alloc.cpuMilli], ['memory', alloc.memoryBytes]] as const) {
    const want = podRequests(pod, res);
    if (want === 0) continue;
    const used = admitted.reduce((sum, p) => sum + podRequests(p, res), 0);
    if (used + want > cap) return { admit: false, reason: `OutOf${res}`, message: insufficient(res, want, used, cap) };
  }
  return { admit: true };
}
