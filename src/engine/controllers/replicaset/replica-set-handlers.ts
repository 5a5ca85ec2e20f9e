// The informer event handlers of pkg/controller/replicaset/replica_set.go (addPod, updatePod,
// deletePod, addRS, updateRS, deleteRS): they only observe expectations and enqueue keys.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';
import type { WatchEventType } from '../../api/wire';
import type { ControllerHost } from '../controller';
import { canonical, getControllerOf, isPodReady, type OwnerReference } from '../pod-util';
import { creationObserved, deleteExpectations, deletionObserved } from '../controller-utils';

type Obj = Record<string, any>;

/** resolveControllerRef: the ReplicaSet a ControllerRef names, if it is still that object. */
export function resolveControllerRef(host: ControllerHost, namespace: string | undefined, ref: OwnerReference, kind = 'ReplicaSet'): KObject | undefined {
  if (ref.kind !== kind) return undefined;
  const rs = host.lister(kind === 'ReplicaSet' ? 'replicasets' : 'deployments')[`${namespace}/${ref.name}`];
  return rs && rs.metadata.uid === ref.uid ? rs : undefined;
}

/** GetPodReplicaSets: ReplicaSets in the pod's namespace whose selector matches its labels. */
export function getPodReplicaSets(rsStore: Record<string, KObject>, pod: KObject): KObject[] {
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  if (!Object.keys(labels).length) return [];
  return Object.values(rsStore).filter((rs) => {
    if (rs.metadata.namespace !== pod.metadata.namespace) return false;
    const sel = labelSelectorAsSelector((rs.spec as Obj)?.selector);
    return !!sel && sel.length > 0 && matchesSelector(sel, labels);
  });
}

/** A pod watch event no workload controller cares about (status chatter), for the trace. */
export function podWatchIsNoise(cur: KObject, old: KObject | undefined): boolean {
  if (!old) return false;
  const pick = (p: KObject) => canonical([p.metadata.labels, p.metadata.ownerReferences, p.metadata.deletionTimestamp, isPodReady(p), (p.status as Obj | undefined)?.phase]);
  return pick(cur) === pick(old);
}

export class ReplicaSetHandlers {
  constructor(
    protected readonly host: ControllerHost,
    readonly name: string,
  ) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'replicasets') {
      const key = metaNamespaceKey(obj);
      if (type === 'DELETED') deleteExpectations(this.host.state().rsExpectations, key);
      this.host.enqueue(this.name, key);
      return;
    }
    if (informer !== 'pods') return;
    if (type === 'ADDED') return this.addPod(obj);
    if (type === 'DELETED') return this.deletePod(obj);
    if (type === 'MODIFIED' && old) this.updatePod(old, obj);
  }

  private addPod(pod: KObject): void {
    // a pod already being deleted is no creation observation
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod);
    const ref = getControllerOf(pod);
    if (ref) {
      const rs = resolveControllerRef(this.host, pod.metadata.namespace, ref);
      if (!rs) return;
      const key = metaNamespaceKey(rs);
      creationObserved(this.host.state().rsExpectations, key);
      this.host.enqueue(this.name, key);
      return;
    }
    // an orphan: every matching ReplicaSet may want to adopt it
    for (const rs of getPodReplicaSets(this.host.lister('replicasets'), pod)) this.host.enqueue(this.name, metaNamespaceKey(rs));
  }

  private updatePod(old: KObject, cur: KObject): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const labelChanged = canonical(cur.metadata.labels) !== canonical(old.metadata.labels);
    if (cur.metadata.deletionTimestamp) {
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = canonical(curRef) !== canonical(oldRef);
    if (refChanged && oldRef) {
      const rs = resolveControllerRef(this.host, old.metadata.namespace, oldRef);
      if (rs) this.host.enqueue(this.name, metaNamespaceKey(rs));
    }
    if (curRef) {
      const rs = resolveControllerRef(this.host, cur.metadata.namespace, curRef);
      if (!rs) return;
      this.host.enqueue(this.name, metaNamespaceKey(rs));
      // a pod turning Ready becomes available after minReadySeconds: look again then (+1 s)
      const minReady = Number((rs.spec as Obj).minReadySeconds ?? 0);
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.host.enqueueAfter(this.name, metaNamespaceKey(rs), minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of getPodReplicaSets(this.host.lister('replicasets'), cur)) this.host.enqueue(this.name, metaNamespaceKey(rs));
  }

  private deletePod(pod: KObject): void {
    const ref = getControllerOf(pod);
    if (!ref) return;
    const rs = resolveControllerRef(this.host, pod.metadata.namespace, ref);
    if (!rs) return;
    const key = metaNamespaceKey(rs);
    deletionObserved(this.host.state().rsExpectations, key, metaNamespaceKey(pod));
    this.host.enqueue(this.name, key);
  }
}
