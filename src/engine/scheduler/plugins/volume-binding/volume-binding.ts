// Twin of pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (PreFilter, Filter) and the bound /
// unbound-immediate half of binder.go (GetPodVolumeClaims, FindPodVolumes → checkBoundClaims).
// Simplified: no StorageClasses are served here, so every unbound claim uses Immediate binding (no
// WaitForFirstConsumer matching or provisioning); generic ephemeral volumes are looked up by their claim
// name; no Reserve/PreBind (bound claims need no API calls); no Score (StorageCapacityScoring is alpha).
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { compileNodeSelector } from '../../../api/helper/scheduling/corev1/nodeaffinity';
import { Code, newStatus, type Plugin, type Status } from '../../framework/interface';
import { emptyListers } from '../../framework/listers';
import type { Handle } from '../../framework/runtime';

export const Name = 'VolumeBinding';
const stateKey = Name;
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ErrReasonUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';
/** pkg/volume/util AnnBindCompleted: set by the PV controller once a claim is fully bound. */
export const AnnBindCompleted = 'pv.kubernetes.io/bind-completed';

interface StateData {
  boundClaims: PersistentVolumeClaim[];
}

/** The claim name of a PVC volume or a generic ephemeral volume (ephemeral.VolumeClaimName: <pod>-<volume>). */
function claimNames(pod: Pod): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: `${pod.metadata?.name}-${v.name}`, ephemeral: true });
  }
  return out;
}

/** isPVCFullyBound: spec.volumeName set and the bind-completed annotation present. */
export function isPVCFullyBound(pvc: PersistentVolumeClaim): boolean {
  return !!pvc.spec?.volumeName && Object.prototype.hasOwnProperty.call(pvc.metadata?.annotations ?? {}, AnnBindCompleted);
}

/** volumeutil.CheckNodeAffinity: the PV's required node affinity against the node's labels only. */
export function checkNodeAffinity(pv: PersistentVolume, node: Node): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) return true;
  return compileNodeSelector(required)({ metadata: { labels: node.metadata?.labels ?? {} } });
}

export function New(_args?: unknown, h?: Handle): Plugin {
  const listers = () => h?.listers?.() ?? emptyListers;
  return {
    name: Name,
    preFilter(state, pod) {
      const names = claimNames(pod);
      if (names.length === 0) return { status: newStatus(Code.Skip) };
      const l = listers();
      const ns = pod.metadata?.namespace ?? 'default';
      const bound: PersistentVolumeClaim[] = [];
      let unboundImmediate = 0;
      // podHasPVCs: every claim must exist, not be Lost and not be terminating
      for (const { name, ephemeral } of names) {
        const pvc = l.pvc(ns, name);
        let err = '';
        if (!pvc) err = ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
        else if (pvc.status?.phase === 'Lost') err = `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
        else if (pvc.metadata?.deletionTimestamp) err = `persistentvolumeclaim "${name}" is being deleted`;
        if (err) return { status: newStatus(Code.UnschedulableAndUnresolvable, err) };
        if (isPVCFullyBound(pvc!)) bound.push(pvc!);
        else unboundImmediate++;
      }
      // Pods with unbound Immediate claims wait for the PV controller to bind them.
      if (unboundImmediate > 0) return { status: newStatus(Code.UnschedulableAndUnresolvable, ErrReasonUnboundImmediate) };
      state.write(stateKey, { boundClaims: bound } satisfies StateData);
      return { status: null };
    },
    filter(state, _pod, nodeInfo): Status | null {
      const s = state.read<StateData>(stateKey);
      if (!s) return newStatus(Code.Error, `reading "${stateKey}" from cycleState: not found`);
      const l = listers();
      for (const pvc of s.boundClaims) {
        const pvName = pvc.spec!.volumeName!;
        const pv = l.pv(pvName);
        if (!pv) return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonPVNotExist);
        if (!checkNodeAffinity(pv, nodeInfo.node!)) return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNodeConflict);
      }
      return null;
    },
  };
}
