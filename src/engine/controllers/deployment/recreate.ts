// Twin of pkg/controller/deployment/recreate.go: scale every old RS to 0, wait until no old
// pod is left running (terminating pods count), then create/scale the new RS to replicas.
import type { KObject } from '../../api/types';
import { filterActiveReplicaSets } from '../controller-utils';
import { deploymentComplete, getActualReplicaCountForReplicaSets, replicasOf } from './util/deployment-util';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { syncRolloutStatus } from './progress';
import type { DCtx } from './writes';

type Obj = Record<string, any>;

export function rolloutRecreate(c: DCtx): void {
  // no new RS yet, so that nothing scales up before the old pods are gone
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(c, false);
  let allRSs = [...oldRSs, newRS];
  if (scaleDownOldReplicaSetsForRecreate(c, filterActiveReplicaSets(oldRSs))) return syncRolloutStatus(c, allRSs, newRS);
  if (oldPodsRunning(newRS, oldRSs, c.podMap)) return syncRolloutStatus(c, allRSs, newRS);
  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(c, true);
    allRSs = [...oldRSs, newRS];
  }
  scaleReplicaSetAndRecordEvent(c, newRS!, replicasOf(c.d));
  if (deploymentComplete(c.d, (c.d.status ?? {}) as Obj)) cleanupDeployment(c, oldRSs);
  syncRolloutStatus(c, allRSs, newRS);
}

function scaleDownOldReplicaSetsForRecreate(c: DCtx, oldRSs: KObject[]): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (replicasOf(rs) === 0) continue;
    if (scaleReplicaSetAndRecordEvent(c, rs, 0)[0]) scaled = true;
  }
  return scaled;
}

/** oldPodsRunning: old RSs still report pods, or a non-terminal pod of an old RS exists. */
export function oldPodsRunning(newRS: KObject | undefined, oldRSs: KObject[], podMap: Record<string, KObject[]>): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [uid, pods] of Object.entries(podMap)) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const p of pods) {
      const phase = (p.status as Obj | undefined)?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
