// Twin of pkg/scheduler/framework/plugins/helper/spread.go (DefaultSelector, GetPodServices): the selector
// merged from the Services selecting a pod and the selector of its controller (ReplicaSet, StatefulSet).
// Simplified: ReplicationControllers are not served by this apiserver, so they never match.
import type { Pod } from 'kubernetes-types/core/v1';
import { labelSelectorAsSelector, type Selector } from '../../../api/selectors';
import type { Listers } from '../../framework/listers';

/** GetPodServices: Services in the pod's namespace whose (non-nil) selector matches the pod's labels. */
export function getPodServices(listers: Listers, pod: Pod) {
  return listers.services(pod.metadata?.namespace ?? 'default').filter((svc) => {
    const sel = svc.spec?.selector;
    if (!sel) return false; // a nil selector matches nothing
    const labels = pod.metadata?.labels ?? {};
    return Object.keys(sel).every((k) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === sel[k]);
  });
}

/** DefaultSelector: [] (labels.Everything, "empty") when nothing selects the pod. */
export function defaultSelector(pod: Pod, listers: Listers): Selector {
  const labelSet: Record<string, string> = {};
  for (const svc of getPodServices(listers, pod)) Object.assign(labelSet, svc.spec?.selector);
  const selector: Selector = Object.keys(labelSet).map((key) => ({ key, op: 'in' as const, values: [labelSet[key]] }));
  const owner = (pod.metadata?.ownerReferences ?? []).find((r) => r.controller);
  if (!owner) return selector;
  const ns = pod.metadata?.namespace ?? 'default';
  let ownerSelector: Selector | null = null;
  try {
    if (owner.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet') {
      const rs = listers.replicaSet(ns, owner.name);
      if (rs) ownerSelector = labelSelectorAsSelector(rs.spec?.selector);
    } else if (owner.apiVersion === 'apps/v1' && owner.kind === 'StatefulSet') {
      const ss = listers.statefulSet(ns, owner.name);
      if (ss) ownerSelector = labelSelectorAsSelector(ss.spec?.selector);
    }
  } catch {
    ownerSelector = null;
  }
  return ownerSelector ? [...selector, ...ownerSelector] : selector;
}

