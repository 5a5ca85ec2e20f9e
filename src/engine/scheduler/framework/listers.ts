// The informer listers a plugin may read through framework.Handle (SharedInformerFactory().…().Lister()),
// as plain lookups over objects: PVCs and PVs (VolumeBinding), Services, ReplicaSets and StatefulSets
// (PodTopologySpread's default constraints), Namespaces (InterPodAffinity namespaceSelector).
import type { Namespace, PersistentVolume, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';

export interface Listers {
  pvc(namespace: string, name: string): PersistentVolumeClaim | undefined;
  pv(name: string): PersistentVolume | undefined;
  services(namespace: string): readonly Service[];
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
  namespace(name: string): Namespace | undefined;
  namespaces(): readonly Namespace[];
  /** The latest version of a pod from the pod informer (Evaluator.PodLister), if known. */
  pod?(namespace: string, name: string): Pod | undefined;
}

/** Objects other than nodes and bound pods, for the pure entry points (scheduleOne, runFilterPlugin …). */
export interface ClusterObjects {
  pvcs?: readonly PersistentVolumeClaim[];
  pvs?: readonly PersistentVolume[];
  services?: readonly Service[];
  replicaSets?: readonly ReplicaSet[];
  statefulSets?: readonly StatefulSet[];
  namespaces?: readonly Namespace[];
}

type Meta = { metadata?: { name?: string; namespace?: string } };
const keyOf = (o: Meta) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

function index<T extends Meta>(list: readonly T[] | undefined): Map<string, T> {
  const m = new Map<string, T>();
  for (const o of list ?? []) m.set(keyOf(o), o);
  return m;
}

/** Listers over plain object lists; namespaced objects without a namespace count as "default". */
export function listersFromObjects(objs: ClusterObjects = {}): Listers {
  const withNs = <T extends Meta>(l: readonly T[] | undefined) =>
    (l ?? []).map((o) => (o.metadata?.namespace ? o : ({ ...o, metadata: { ...o.metadata, namespace: 'default' } } as T)));
  const pvcs = index(withNs(objs.pvcs));
  const pvs = index(objs.pvs);
  const rss = index(withNs(objs.replicaSets));
  const sss = index(withNs(objs.statefulSets));
  const nss = index(objs.namespaces);
  const services = withNs(objs.services);
  return {
    pvc: (ns, name) => pvcs.get(`${ns}/${name}`),
    pv: (name) => pvs.get(`/${name}`),
    services: (ns) => services.filter((s) => s.metadata?.namespace === ns),
    replicaSet: (ns, name) => rss.get(`${ns}/${name}`),
    statefulSet: (ns, name) => sss.get(`${ns}/${name}`),
    namespace: (name) => nss.get(`/${name}`),
    namespaces: () => objs.namespaces ?? [],
  };
}

export const emptyListers: Listers = listersFromObjects();
