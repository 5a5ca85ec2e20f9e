// Twin of pkg/controller/replicaset/replica_set_utils.go (calculateStatus,
// updateReplicaSetStatus) and the deletion choice of replica_set.go (getPodsToDelete,
// getPodsRankedByRelatedPodsOnSameNode).
import type { KObject } from '../../api/types';
import { rfc3339 } from '../../api/time';
import { isPodActive, isPodAvailable, isPodReady, canonical } from '../pod-util';
import { sortActivePodsWithRanks } from '../controller-utils';

type Obj = Record<string, any>;

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Obj[];
}

/** getPodsRankedByRelatedPodsOnSameNode: rank = active related pods on the pod's node. */
export function podRanks(podsToRank: KObject[], relatedPods: KObject[]): number[] {
  const onNode: Record<string, number> = {};
  for (const p of relatedPods) if (isPodActive(p)) onNode[(p.spec as Obj)?.nodeName ?? ''] = (onNode[(p.spec as Obj)?.nodeName ?? ''] ?? 0) + 1;
  return podsToRank.map((p) => onNode[(p.spec as Obj)?.nodeName ?? ''] ?? 0);
}

/** getPodsToDelete: the first `diff` pods of the ActivePodsWithRanks order. */
export function getPodsToDelete(filteredPods: KObject[], relatedPods: KObject[], diff: number, nowMs: number): KObject[] {
  let pods = filteredPods;
  // sorting is only needed when not every pod goes
  if (diff < filteredPods.length) pods = sortActivePodsWithRanks(filteredPods, podRanks(filteredPods, relatedPods), nowMs);
  return pods.slice(0, diff);
}

/** calculateStatus: counts over the claimed active pods; ReplicaFailure reflects manageReplicas. */
export function calculateStatus(rs: KObject, filteredPods: KObject[], manageReplicasErr: string | undefined, nowMs: number): ReplicaSetStatus {
  const spec = rs.spec as Obj;
  const templateLabels = (spec.template?.metadata?.labels ?? {}) as Record<string, string>;
  let fully = 0;
  let ready = 0;
  let available = 0;
  // once per sync, not per pod: a sync of a large ReplicaSet walks all its pods
  const template = Object.entries(templateLabels);
  const minReady = spec.minReadySeconds ?? 0;
  for (const p of filteredPods) {
    const labels = (p.metadata.labels ?? {}) as Record<string, string>;
    let full = true;
    for (let i = 0; i < template.length && full; i++) full = labels[template[i][0]] === template[i][1];
    if (full) fully++;
    // isPodAvailable asks isPodReady first: with minReadySeconds 0 a ready pod is available
    if (isPodReady(p)) {
      ready++;
      if (!minReady || isPodAvailable(p, minReady, nowMs)) available++;
    }
  }
  return statusFromCounts(rs, { replicas: filteredPods.length, fully, ready, available }, manageReplicasErr, nowMs);
}

/** calculateStatus from the counts of the claimed pods (rs-tally.ts keeps them between syncs). */
export function statusFromCounts(rs: KObject, n: { replicas: number; fully: number; ready: number; available: number }, manageReplicasErr: string | undefined, nowMs: number): ReplicaSetStatus {
  const spec = rs.spec as Obj;
  const old = (rs.status ?? {}) as Obj;
  let conditions: Obj[] = old.conditions ?? [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageReplicasErr && !failure) {
    const diff = n.replicas - Number(spec.replicas ?? 0);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions = [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(nowMs), reason, message: manageReplicasErr }];
  } else if (!manageReplicasErr && failure) conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  return omitZero({ replicas: n.replicas, fullyLabeledReplicas: n.fully, readyReplicas: n.ready, availableReplicas: n.available, observedGeneration: old.observedGeneration, conditions });
}

function omitZero(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}

/** updateReplicaSetStatus's early return: nothing changed and the generation is observed. */
export function replicaSetStatusUpToDate(rs: KObject, s: ReplicaSetStatus): boolean {
  const old = (rs.status ?? {}) as Obj;
  return (
    (old.replicas ?? 0) === s.replicas &&
    (old.fullyLabeledReplicas ?? 0) === (s.fullyLabeledReplicas ?? 0) &&
    (old.readyReplicas ?? 0) === (s.readyReplicas ?? 0) &&
    (old.availableReplicas ?? 0) === (s.availableReplicas ?? 0) &&
    Number(rs.metadata.generation ?? 0) === Number(old.observedGeneration ?? 0) &&
    canonical(old.conditions ?? []) === canonical(s.conditions ?? [])
  );
}
