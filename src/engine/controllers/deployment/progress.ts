// Twin of pkg/controller/deployment/progress.go: syncRolloutStatus (the Progressing condition:
// NewReplicaSetAvailable, ReplicaSetUpdated, ProgressDeadlineExceeded; ReplicaFailure copied
// from the ReplicaSets) and requeueStuckDeployment (look again when the deadline passes).
import type { KObject } from '../../api/types';
import { parseRfc3339 } from '../../api/time';
import { type DeploymentCondition, Reasons, deploymentComplete, deploymentProgressing, deploymentTimedOut, getDeploymentCondition, hasProgressDeadline, newDeploymentCondition, removeDeploymentCondition, setDeploymentCondition } from './util/deployment-util';
import { calculateStatus, statusEqual } from './sync';
import type { DCtx } from './writes';

type Obj = Record<string, any>;

/** syncRolloutStatus: the status of a rollout, with progress estimated against the deadline. */
export function syncRolloutStatus(c: DCtx, allRSs: Array<KObject | undefined>, newRS: KObject | undefined): void {
  const d = c.d;
  const s = calculateStatus(c, allRSs, newRS);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(s, 'Progressing');
  const cur = getDeploymentCondition((d.status ?? {}) as Obj, 'Progressing');
  const isCompleteDeployment = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && cur?.reason === Reasons.NewRSAvailable;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const rsName = newRS?.metadata.name;
    if (deploymentComplete(d, s)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setDeploymentCondition(s, newDeploymentCondition('Progressing', 'True', Reasons.NewRSAvailable, msg, c.now()));
    } else if (deploymentProgressing(d, s)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newDeploymentCondition('Progressing', 'True', Reasons.ReplicaSetUpdated, msg, c.now());
      // progress refreshes lastUpdateTime even with the same reason
      if (cur) {
        if (cur.status === 'True') cond.lastTransitionTime = cur.lastTransitionTime;
        removeDeploymentCondition(s, 'Progressing');
      }
      setDeploymentCondition(s, cond);
    } else if (deploymentTimedOut(d, s, c.now())) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setDeploymentCondition(s, newDeploymentCondition('Progressing', 'False', Reasons.TimedOut, msg, c.now()));
    }
  }
  const failures = getReplicaFailures(allRSs, newRS);
  if (failures.length) setDeploymentCondition(s, failures[0]);
  else removeDeploymentCondition(s, 'ReplicaFailure');
  if (statusEqual(d.status, s)) {
    requeueStuckDeployment(c, s);
    return;
  }
  c.updateStatus(s);
}

/** getReplicaFailures: the new RS's ReplicaFailure first, else any old one's. */
function getReplicaFailures(allRSs: Array<KObject | undefined>, newRS: KObject | undefined): DeploymentCondition[] {
  const of = (rs: KObject | undefined) =>
    (((rs?.status as Obj | undefined)?.conditions ?? []) as Obj[])
      .filter((x) => x.type === 'ReplicaFailure')
      .map((x) => ({ type: 'ReplicaFailure', status: x.status, lastUpdateTime: x.lastTransitionTime, lastTransitionTime: x.lastTransitionTime, reason: x.reason, message: x.message }) as DeploymentCondition);
  const fromNew = of(newRS);
  return fromNew.length ? fromNew : allRSs.flatMap(of);
}

/** requeueStuckDeployment: without progress, look again when the deadline would pass (+1 s). */
export function requeueStuckDeployment(c: DCtx, s: Obj): number {
  const d = c.d;
  const cur = getDeploymentCondition((d.status ?? {}) as Obj, 'Progressing');
  if (!hasProgressDeadline(d) || !cur) return -1;
  if (deploymentComplete(d, s) || cur.reason === Reasons.TimedOut) return -1;
  const after = parseRfc3339(String(cur.lastUpdateTime)) + Number((d.spec as Obj).progressDeadlineSeconds) * 1000 - c.now();
  if (after < 1000) {
    c.requeueRateLimited = true;
    return 0;
  }
  c.requeueAfterMs = after + 1000;
  return after;
}
