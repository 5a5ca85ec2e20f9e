// Twin of pkg/controller/deployment/rolling.go: rolloutRolling → reconcileNewReplicaSet (grow
// the new RS within replicas + maxSurge) → reconcileOldReplicaSets (shrink old RSs while at
// least replicas − maxUnavailable stay available: cleanupUnhealthyReplicas first, then
// scaleDownOldReplicaSetsForRollingUpdate) → cleanup when complete → syncRolloutStatus.
import type { KObject } from '../../api/types';
import { byCreationTimestamp, filterActiveReplicaSets } from '../controller-utils';
import { deploymentComplete, getAvailableReplicaCountForReplicaSets, getReplicaCountForReplicaSets, maxUnavailable, newRSNewReplicas, replicasOf } from './util/deployment-util';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { syncRolloutStatus } from './progress';
import type { DCtx } from './writes';

type Obj = Record<string, any>;
const available = (rs: KObject): number => Number((rs.status as Obj | undefined)?.availableReplicas ?? 0);

export function rolloutRolling(c: DCtx): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(c, true);
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(c, allRSs, newRS!)) return syncRolloutStatus(c, allRSs, newRS);
  if (reconcileOldReplicaSets(c, allRSs, filterActiveReplicaSets(oldRSs), newRS!)) return syncRolloutStatus(c, allRSs, newRS);
  if (deploymentComplete(c.d, (c.d.status ?? {}) as Obj)) cleanupDeployment(c, oldRSs);
  syncRolloutStatus(c, allRSs, newRS);
}

/** reconcileNewReplicaSet: scale the new RS down to replicas, or up as far as surge allows. */
export function reconcileNewReplicaSet(c: DCtx, allRSs: Array<KObject | undefined>, newRS: KObject): boolean {
  const want = replicasOf(c.d);
  if (replicasOf(newRS) === want) return false;
  if (replicasOf(newRS) > want) return scaleReplicaSetAndRecordEvent(c, newRS, want)[0];
  return scaleReplicaSetAndRecordEvent(c, newRS, newRSNewReplicas(c.d, allRSs, newRS))[0];
}

/** reconcileOldReplicaSets: how many old pods may go without breaking minAvailable. */
export function reconcileOldReplicaSets(c: DCtx, allRSs: Array<KObject | undefined>, oldRSs: KObject[], newRS: KObject): boolean {
  if (getReplicaCountForReplicaSets(oldRSs) === 0) return false;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = replicasOf(c.d) - maxUnavailable(c.d);
  const newRSUnavailablePodCount = replicasOf(newRS) - available(newRS);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;
  const [cleaned, cleanupCount] = cleanupUnhealthyReplicas(c, oldRSs, maxScaledDown);
  const scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(c, [...cleaned, newRS], cleaned);
  return cleanupCount + scaledDownCount > 0;
}

/** cleanupUnhealthyReplicas: first remove old pods that are not available (oldest RS first). */
export function cleanupUnhealthyReplicas(c: DCtx, oldRSs: KObject[], maxCleanupCount: number): [KObject[], number] {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const rs = sorted[i];
    if (total >= maxCleanupCount) break;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available(rs)) continue;
    const n = Math.min(maxCleanupCount - total, replicasOf(rs) - available(rs));
    const [, updated] = scaleReplicaSetAndRecordEvent(c, rs, replicasOf(rs) - n);
    total += n;
    sorted[i] = updated;
  }
  return [sorted, total];
}

/** scaleDownOldReplicaSetsForRollingUpdate: scale old RSs down by available − minAvailable. */
export function scaleDownOldReplicaSetsForRollingUpdate(c: DCtx, allRSs: KObject[], oldRSs: KObject[]): number {
  const minAvailable = replicasOf(c.d) - maxUnavailable(c.d);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= totalScaleDownCount) break;
    if (replicasOf(rs) === 0) continue;
    const n = Math.min(replicasOf(rs), totalScaleDownCount - total);
    scaleReplicaSetAndRecordEvent(c, rs, replicasOf(rs) - n);
    total += n;
  }
  return total;
}
