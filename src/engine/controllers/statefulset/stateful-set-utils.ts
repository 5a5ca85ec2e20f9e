// Twin of pkg/controller/statefulset/stateful_set_utils.go (v1.33): ordinals and names, the
// pod's identity (pod-name and pod-index labels, hostname/subdomain), its storage (one PVC per
// volumeClaimTemplate), revisions, health, and the status counts (computeReplicaStatus,
// completeRollingUpdate, inconsistentStatus).
import type { KObject } from '../../api/types';
import { isPodAvailable, isPodReady, newControllerRef } from '../pod-util';
import { newControllerRevision, templatePatch } from '../history/controller-history';

type Obj = Record<string, any>;

/** apps.StatefulSetRevisionLabel */
export const STATEFUL_SET_REVISION_LABEL = 'controller-revision-hash';
/** apps.StatefulSetPodNameLabel */
export const STATEFUL_SET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel (PodIndexLabel feature, GA in 1.32) */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const statefulPodRegex = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: `web-2` → ['web', 2]; not a StatefulSet pod name → ['', -1]. */
export function getParentNameAndOrdinal(pod: KObject): [string, number] {
  const m = statefulPodRegex.exec(pod.metadata.name ?? '');
  if (!m) return ['', -1];
  const n = Number(m[2]);
  return [m[1], n <= 2147483647 ? n : -1];
}

export const getOrdinal = (pod: KObject): number => getParentNameAndOrdinal(pod)[1];
export const getPodName = (set: KObject, ordinal: number): string => `${set.metadata.name}-${ordinal}`;
/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>` */
export const getPersistentVolumeClaimName = (set: KObject, claimName: string, ordinal: number): string => `${claimName}-${set.metadata.name}-${ordinal}`;
export const isMemberOf = (set: KObject, pod: KObject): boolean => getParentNameAndOrdinal(pod)[0] === set.metadata.name;

const spec = (set: KObject): Obj => (set.spec ?? {}) as Obj;
/** getStartOrdinal: spec.ordinals.start (StatefulSetStartOrdinal, GA in 1.31), 0 when unset */
export const getStartOrdinal = (set: KObject): number => Number(spec(set).ordinals?.start ?? 0);
export const getEndOrdinal = (set: KObject): number => getStartOrdinal(set) + Number(spec(set).replicas ?? 1) - 1;
export const podInOrdinalRange = (pod: KObject, set: KObject): boolean => getOrdinal(pod) >= getStartOrdinal(set) && getOrdinal(pod) <= getEndOrdinal(set);

/** identityMatches: right name, namespace and pod-name label. */
export function identityMatches(set: KObject, pod: KObject): boolean {
  const [parent, ordinal] = getParentNameAndOrdinal(pod);
  return ordinal >= 0 && parent === set.metadata.name && pod.metadata.name === getPodName(set, ordinal) && pod.metadata.namespace === set.metadata.namespace && pod.metadata.labels?.[STATEFUL_SET_POD_NAME_LABEL] === pod.metadata.name;
}

/** storageMatches: every volumeClaimTemplate is a volume naming this ordinal's claim. */
export function storageMatches(set: KObject, pod: KObject): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map(((pod.spec as Obj)?.volumes ?? []).map((v: Obj) => [v.name, v]));
  return (spec(set).volumeClaimTemplates ?? []).every((t: Obj) => (volumes.get(t.metadata?.name) as Obj | undefined)?.persistentVolumeClaim?.claimName === getPersistentVolumeClaimName(set, t.metadata?.name, ordinal));
}

/** getPersistentVolumeClaims: the claims of one pod, by template name, labelled with the set's matchLabels. */
export function getPersistentVolumeClaims(set: KObject, ordinal: number): Array<{ template: string; claim: KObject }> {
  const matchLabels = (spec(set).selector?.matchLabels ?? {}) as Record<string, string>;
  return (spec(set).volumeClaimTemplates ?? []).map((t: Obj) => {
    const claim = structuredClone(t) as Obj;
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata = { ...(claim.metadata ?? {}), name: getPersistentVolumeClaimName(set, t.metadata?.name, ordinal), namespace: set.metadata.namespace, labels: { ...(claim.metadata?.labels ?? {}), ...matchLabels } };
    delete claim.status;
    return { template: String(t.metadata?.name), claim: claim as KObject };
  });
}

/** updateStorage: claim volumes first (template order), then the template's other volumes. */
function updateStorage(set: KObject, pod: Obj, ordinal: number): void {
  const claims = getPersistentVolumeClaims(set, ordinal);
  const names = new Set(claims.map((c) => c.template));
  const current = (pod.spec.volumes ?? []) as Obj[];
  const volumes = [...claims.map((c) => ({ name: c.template, persistentVolumeClaim: { claimName: c.claim.metadata.name } })), ...current.filter((v) => !names.has(v.name))];
  if (volumes.length) pod.spec.volumes = volumes;
}

/** newStatefulSetPod: GetPodFromTemplate with a ControllerRef, then initIdentity and updateStorage. */
export function newStatefulSetPod(set: KObject, ordinal: number): KObject {
  const t = (spec(set).template ?? {}) as Obj;
  const name = getPodName(set, ordinal);
  const meta: Obj = { name, namespace: set.metadata.namespace, labels: { ...(t.metadata?.labels ?? {}), [STATEFUL_SET_POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) }, ownerReferences: [newControllerRef(set)] };
  if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers) meta.finalizers = [...t.metadata.finalizers];
  const pod: Obj = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: structuredClone(t.spec ?? {}) };
  // initIdentity: hostname and subdomain are set once, at creation (the headless Service's name)
  pod.spec.hostname = name;
  if (spec(set).serviceName) pod.spec.subdomain = spec(set).serviceName;
  updateStorage(set, pod, ordinal);
  return pod as KObject;
}

/** newVersionedStatefulSetPod: below the partition the pod is built from the current revision. */
export function newVersionedStatefulSetPod(currentSet: KObject, updateSet: KObject, currentRevision: string, updateRevision: string, ordinal: number): KObject {
  const cs = spec(currentSet);
  const ru = cs.updateStrategy?.rollingUpdate;
  const rolling = cs.updateStrategy?.type === 'RollingUpdate';
  const useCurrent = (rolling && !ru && ordinal < getStartOrdinal(currentSet) + Number((currentSet.status as Obj | undefined)?.currentReplicas ?? 0)) || (!!ru && ordinal < getStartOrdinal(currentSet) + Number(ru.partition ?? 0));
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
  (pod.metadata.labels as Record<string, string>)[STATEFUL_SET_REVISION_LABEL] = useCurrent ? currentRevision : updateRevision;
  return pod;
}

export const getPodRevision = (pod: KObject): string => pod.metadata.labels?.[STATEFUL_SET_REVISION_LABEL] ?? '';

/** newRevision: the template patch as a ControllerRevision; the set's annotations are copied onto it. */
export function newRevision(set: KObject, revision: number, collisionCount: number): KObject {
  const cr = newControllerRevision(set, ((spec(set).template?.metadata?.labels ?? {}) as Record<string, string>), templatePatch(set), revision, collisionCount);
  if (set.metadata.annotations) cr.metadata.annotations = { ...set.metadata.annotations };
  return cr;
}

/** ApplyRevision: the set with the revision's template (the patch replaces spec.template). */
export function applyRevision(set: KObject, revision: KObject): KObject {
  const t = structuredClone(((revision as Obj).data?.spec?.template ?? {}) as Obj);
  delete t.$patch;
  if (t.metadata?.creationTimestamp === null) delete t.metadata.creationTimestamp;
  return { ...set, spec: { ...spec(set), template: t } } as KObject;
}

/** nextRevision: one more than the newest (revisions sorted), or 1. */
export const nextRevision = (sorted: KObject[]): number => (sorted.length ? Number((sorted[sorted.length - 1] as Obj).revision ?? 0) + 1 : 1);

// ---- health ----
export const isCreated = (pod: KObject): boolean => !!(pod.status as Obj | undefined)?.phase;
export const isPending = (pod: KObject): boolean => (pod.status as Obj | undefined)?.phase === 'Pending';
export const isFailed = (pod: KObject): boolean => (pod.status as Obj | undefined)?.phase === 'Failed';
export const isSucceeded = (pod: KObject): boolean => (pod.status as Obj | undefined)?.phase === 'Succeeded';
export const isTerminating = (pod: KObject): boolean => !!pod.metadata.deletionTimestamp;
export const isRunningAndReady = (pod: KObject): boolean => (pod.status as Obj | undefined)?.phase === 'Running' && isPodReady(pod);
export const isRunningAndAvailable = (pod: KObject, minReadySeconds: number, nowMs: number): boolean => isRunningAndReady(pod) && isPodAvailable(pod, minReadySeconds, nowMs);
export const isHealthy = (pod: KObject): boolean => isRunningAndReady(pod) && !isTerminating(pod);

// ---- status ----
export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

/** updateStatus / computeReplicaStatus over the pods the sync sees. */
export function computeStatus(pods: KObject[], minReadySeconds: number, nowMs: number, currentRevision: string, updateRevision: string): Pick<StatefulSetStatus, 'replicas' | 'readyReplicas' | 'availableReplicas' | 'currentReplicas' | 'updatedReplicas'> {
  const s = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const p of pods) {
    if (isCreated(p)) s.replicas++;
    if (isRunningAndReady(p)) {
      s.readyReplicas++;
      if (isRunningAndAvailable(p, minReadySeconds, nowMs)) s.availableReplicas++;
    }
    if (isCreated(p) && !isTerminating(p)) {
      if (getPodRevision(p) === currentRevision) s.currentReplicas++;
      if (getPodRevision(p) === updateRevision) s.updatedReplicas++;
    }
  }
  return s;
}

/** completeRollingUpdate: once every replica is updated and ready, the update revision becomes current. */
export function completeRollingUpdate(set: KObject, st: StatefulSetStatus): void {
  if (spec(set).updateStrategy?.type === 'RollingUpdate' && st.updatedReplicas === st.replicas && st.readyReplicas === st.replicas) {
    st.currentReplicas = st.updatedReplicas;
    st.currentRevision = st.updateRevision;
  }
}

/** inconsistentStatus: the status to write differs from the stored one. */
export function inconsistentStatus(set: KObject, st: StatefulSetStatus): boolean {
  const old = (set.status ?? {}) as Obj;
  return (
    old.observedGeneration === undefined ||
    Number(st.observedGeneration ?? 0) > Number(old.observedGeneration) ||
    st.replicas !== Number(old.replicas ?? 0) ||
    st.currentReplicas !== Number(old.currentReplicas ?? 0) ||
    st.readyReplicas !== Number(old.readyReplicas ?? 0) ||
    st.updatedReplicas !== Number(old.updatedReplicas ?? 0) ||
    st.availableReplicas !== Number(old.availableReplicas ?? 0) ||
    st.currentRevision !== (old.currentRevision ?? '') ||
    st.updateRevision !== (old.updateRevision ?? '')
  );
}
