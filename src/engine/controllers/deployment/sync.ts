// Twin of pkg/controller/deployment/sync.go: syncStatusOnly, sync (scaling / paused),
// getAllReplicaSetsAndSyncRevision, getNewReplicaSet, scale (proportional scaling),
// scaleReplicaSet(AndRecordEvent), cleanupDeployment, calculateStatus, isScalingEvent,
// checkPausedConditions.
import type { KObject } from '../../api/types';
import { DefaultDeploymentUniqueLabelKey, Reasons, getDeploymentCondition, getProportion, getAvailableReplicaCountForReplicaSets, getActualReplicaCountForReplicaSets, getReadyReplicaCountForReplicaSets, getReplicaCountForReplicaSets, getDesiredReplicasAnnotation, hasProgressDeadline, isRollingUpdate, isSaturated, maxSurge, maxUnavailable, newDeploymentCondition, newRSNewReplicas, replicasOf, setDeploymentCondition } from './util/deployment-util';
import { byRevision, findActiveOrLatest, findNewReplicaSet, findOldReplicaSets, hasRevisionHistoryLimit, maxRevision, replicasAnnotationsNeedUpdate, setDeploymentRevision, setNewReplicaSetAnnotations, setReplicasAnnotations } from './util/revision';
import { bySizeNewer, bySizeOlder, filterActiveReplicaSets } from '../controller-utils';
import { computeHash } from '../hash';
import { canonical, newControllerRef } from '../pod-util';
import type { DCtx } from './writes';

type Obj = Record<string, any>;
const spec = (o: KObject): Obj => (o.spec ?? {}) as Obj;
const clone = <T>(o: T): T => structuredClone(o);

/** getAllReplicaSetsAndSyncRevision: [newRS (maybe created), all old RSs]. */
export function getAllReplicaSetsAndSyncRevision(c: DCtx, createIfNotExisted: boolean): [KObject | undefined, KObject[]] {
  const [, allOld] = findOldReplicaSets(c.d, c.rsList);
  return [getNewReplicaSet(c, allOld, createIfNotExisted), allOld];
}

/** getNewReplicaSet: sync the existing new RS's annotations, or create it (`<deploy>-<hash>`). */
export function getNewReplicaSet(c: DCtx, oldRSs: KObject[], createIfNotExisted: boolean): KObject | undefined {
  const d = c.d;
  const existing = findNewReplicaSet(d, c.rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing) {
    const rsCopy = clone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReady = Number(spec(d).minReadySeconds ?? 0);
    if (annotationsUpdated || Number(spec(rsCopy).minReadySeconds ?? 0) !== minReady) {
      if (minReady) spec(rsCopy).minReadySeconds = minReady;
      else delete spec(rsCopy).minReadySeconds;
      return c.updateRS(rsCopy, undefined, `sync revision of ${rsCopy.metadata.name}`);
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? newRevision);
    const status = clone((d.status ?? {}) as Obj);
    if (hasProgressDeadline(d) && !getDeploymentCondition(status, 'Progressing')) {
      setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', Reasons.FoundNewRS, `Found new replica set "${rsCopy.metadata.name}"`, c.now()));
      needsUpdate = true;
    }
    if (needsUpdate) c.updateStatus(status);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;
  const template = clone(spec(d).template ?? {}) as Obj;
  const hash = computeHash(template, (d.status as Obj | undefined)?.collisionCount);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash } };
  const selector = clone(spec(d).selector ?? {}) as Obj;
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [DefaultDeploymentUniqueLabelKey]: hash };
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, ownerReferences: [newControllerRef(d)], labels: { ...template.metadata.labels } },
    spec: { replicas: 0, selector, template, ...(spec(d).minReadySeconds ? { minReadySeconds: spec(d).minReadySeconds } : {}) },
  } as KObject;
  const n = newRSNewReplicas(d, [...oldRSs, rs], rs);
  spec(rs).replicas = n;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  const created = c.createRS(rs, n > 0 ? c.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} from 0 to ${n}`) : undefined);
  setDeploymentRevision(d, newRevision);
  const status = clone((d.status ?? {}) as Obj);
  if (hasProgressDeadline(d)) setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', Reasons.NewReplicaSet, `Created new replica set "${rs.metadata.name}"`, c.now()));
  c.updateStatus(status);
  return created;
}

/** scaleReplicaSet: write the new size (and replica annotations); ScalingReplicaSet on success. */
export function scaleReplicaSet(c: DCtx, rs: KObject, newScale: number): [boolean, KObject] {
  const d = c.d;
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  const max = replicasOf(d) + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return [false, rs];
  const oldScale = replicasOf(rs);
  const rsCopy = clone(rs);
  spec(rsCopy).replicas = newScale;
  setReplicasAnnotations(rsCopy, replicasOf(d), max);
  const op = oldScale < newScale ? 'up' : 'down';
  const ev = sizeNeedsUpdate ? c.event('Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`) : undefined;
  return [sizeNeedsUpdate, c.updateRS(rsCopy, ev, sizeNeedsUpdate ? `scale ${rs.metadata.name} ${oldScale}→${newScale}` : `annotate ${rs.metadata.name}`)];
}

export function scaleReplicaSetAndRecordEvent(c: DCtx, rs: KObject, newScale: number): [boolean, KObject] {
  if (replicasOf(rs) === newScale) return [false, rs];
  return scaleReplicaSet(c, rs, newScale);
}

/** scale: resize on a replicas change — one active RS takes it all, else proportionally. */
export function scale(c: DCtx, newRS: KObject | undefined, oldRSs: KObject[]): void {
  const d = c.d;
  const aol = findActiveOrLatest(newRS, oldRSs);
  if (aol) {
    if (replicasOf(aol) !== replicasOf(d)) scaleReplicaSetAndRecordEvent(c, aol, replicasOf(d));
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(c, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = filterActiveReplicaSets([...oldRSs, newRS]);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - getReplicaCountForReplicaSets(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const size: Record<string, number> = {};
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = getProportion(rs, d, toAdd, added);
      size[rs.metadata.name] = replicasOf(rs) + p;
      added += p;
    } else size[rs.metadata.name] = replicasOf(rs);
  }
  all.forEach((rs, i) => {
    // leftovers go to the largest replica set
    if (i === 0 && toAdd !== 0) size[rs.metadata.name] = Math.max(0, size[rs.metadata.name] + toAdd - added);
    scaleReplicaSet(c, rs, size[rs.metadata.name]);
  });
}

/** cleanupDeployment: delete the oldest fully scaled-down RSs beyond revisionHistoryLimit. */
export function cleanupDeployment(c: DCtx, oldRSs: KObject[]): void {
  const d = c.d;
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - Number(spec(d).revisionHistoryLimit);
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    const st = (rs.status ?? {}) as Obj;
    if ((st.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || Number(rs.metadata.generation ?? 0) > Number(st.observedGeneration ?? 0)) continue;
    c.deleteRS(rs);
  }
}

/** calculateStatus (sync.go): counts from the RSs, and the Available condition. */
export function calculateStatus(c: DCtx, allRSs: Array<KObject | undefined>, newRS: KObject | undefined): Obj {
  const d = c.d;
  const available = getAvailableReplicaCountForReplicaSets(allRSs);
  const unavailable = Math.max(0, getReplicaCountForReplicaSets(allRSs) - available);
  const s: Obj = {
    observedGeneration: d.metadata.generation,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    collisionCount: (d.status as Obj | undefined)?.collisionCount,
  };
  for (const k of Object.keys(s)) if (!s[k]) delete s[k];
  const conds = (d.status as Obj | undefined)?.conditions;
  if (conds?.length) s.conditions = clone(conds);
  if (available >= replicasOf(d) - maxUnavailable(d)) setDeploymentCondition(s, newDeploymentCondition('Available', 'True', Reasons.MinimumReplicasAvailable, 'Deployment has minimum availability.', c.now()));
  else setDeploymentCondition(s, newDeploymentCondition('Available', 'False', Reasons.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', c.now()));
  return s;
}

export const statusEqual = (a: unknown, b: unknown) => canonical(a ?? {}) === canonical(b ?? {});

/** syncDeploymentStatus: write the status when it changed. */
export function syncDeploymentStatus(c: DCtx, allRSs: Array<KObject | undefined>, newRS: KObject | undefined): void {
  const s = calculateStatus(c, allRSs, newRS);
  if (!statusEqual(c.d.status, s)) c.updateStatus(s);
}

/** sync: reconcile on scaling events or while paused. */
export function sync(c: DCtx): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(c, false);
  scale(c, newRS, oldRSs);
  if (spec(c.d).paused) cleanupDeployment(c, oldRSs);
  syncDeploymentStatus(c, [...oldRSs, newRS], newRS);
}

export function syncStatusOnly(c: DCtx): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(c, false);
  syncDeploymentStatus(c, [...oldRSs, newRS], newRS);
}

/** isScalingEvent: an active RS's desired-replicas annotation differs from spec.replicas. */
export function isScalingEvent(c: DCtx): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(c, false);
  return filterActiveReplicaSets([...oldRSs, newRS]).some((rs) => {
    const desired = getDesiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== replicasOf(c.d);
  });
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
export function checkPausedConditions(c: DCtx): void {
  const d = c.d;
  if (!hasProgressDeadline(d)) return;
  const status = clone((d.status ?? {}) as Obj);
  const cond = getDeploymentCondition(status, 'Progressing');
  if (cond?.reason === Reasons.TimedOut) return;
  const pausedCondExists = cond?.reason === Reasons.PausedDeploy;
  if (spec(d).paused && !pausedCondExists) setDeploymentCondition(status, newDeploymentCondition('Progressing', 'Unknown', Reasons.PausedDeploy, 'Deployment is paused', c.now()));
  else if (!spec(d).paused && pausedCondExists) setDeploymentCondition(status, newDeploymentCondition('Progressing', 'Unknown', Reasons.ResumedDeploy, 'Deployment is resumed', c.now()));
  else return;
  c.updateStatus(status);
}
