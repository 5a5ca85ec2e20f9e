// Twin of the revision and annotation half of pkg/controller/deployment/util/deployment_util.go:
// Revision, MaxRevision, EqualIgnoreHash, FindNewReplicaSet, FindOldReplicaSets,
// FindActiveOrLatest, SetNewReplicaSetAnnotations, SetReplicasAnnotations, SetDeploymentRevision.
import type { KObject } from '../../../api/types';
import { byCreationTimestamp, filterActiveReplicaSets } from '../../controller-utils';
import { canonical } from '../../pod-util';
import { DefaultDeploymentUniqueLabelKey, DesiredReplicasAnnotation, MaxReplicasAnnotation, RevisionAnnotation, RevisionHistoryAnnotation, maxSurge, replicasOf } from './deployment-util';

type Obj = Record<string, any>;
const MAX_INT32 = 2147483647;
/** sync.go maxRevHistoryLengthInChars */
const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  'deprecated.deployment.rollback.to',
]);

/** Revision: the revision annotation as an integer (0 when absent or not a number). */
export function revision(o: KObject): number {
  const v = o.metadata.annotations?.[RevisionAnnotation];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

export function maxRevision(rss: KObject[]): number {
  return rss.reduce((m, rs) => Math.max(m, revision(rs)), 0);
}

/** EqualIgnoreHash: templates equal once the pod-template-hash label is removed from both. */
export function equalIgnoreHash(a: Obj | undefined, b: Obj | undefined): boolean {
  const strip = (t: Obj | undefined) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[DefaultDeploymentUniqueLabelKey];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    if (c.metadata && Object.keys(c.metadata).length === 0) delete c.metadata;
    return canonical(c);
  };
  return strip(a) === strip(b);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the deployment's. */
export function findNewReplicaSet(d: KObject, rsList: KObject[]): KObject | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash((rs.spec as Obj).template, (d.spec as Obj).template));
}

/** FindOldReplicaSets: [old RSs with pods, all old RSs]. */
export function findOldReplicaSets(d: KObject, rsList: KObject[]): [KObject[], KObject[]] {
  const newRS = findNewReplicaSet(d, rsList);
  const all = rsList.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
  return [all.filter((rs) => replicasOf(rs) !== 0), all];
}

/** FindActiveOrLatest: the only active RS, else the newest when none is active, else nothing. */
export function findActiveOrLatest(newRS: KObject | undefined, oldRSs: KObject[]): KObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sorted = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...sorted, newRS]);
  if (active.length === 0) return newRS ?? sorted[0];
  return active.length === 1 ? active[0] : undefined;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when something changed. */
export function setReplicasAnnotations(rs: KObject, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DesiredReplicasAnnotation] !== String(desired)) (a[DesiredReplicasAnnotation] = String(desired)), (changed = true);
  if (a[MaxReplicasAnnotation] !== String(max)) (a[MaxReplicasAnnotation] = String(max)), (changed = true);
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KObject, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DesiredReplicasAnnotation] !== String(desired) || a[MaxReplicasAnnotation] !== String(max);
}

function copyDeploymentAnnotationsToReplicaSet(d: KObject, rs: KObject): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/** SetNewReplicaSetAnnotations: copy annotations, raise the revision (keeping revision-history). */
export function setNewReplicaSetAnnotations(d: KObject, rs: KObject, newRevision: string, exists: boolean): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const oldRevision = a[RevisionAnnotation];
  if (oldRevision !== undefined && oldRevision !== '' && !/^\d+$/.test(oldRevision)) return false;
  const oldInt = oldRevision ? Number(oldRevision) : 0;
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    a[RevisionAnnotation] = newRevision;
    changed = true;
  }
  // a rollback to this RS: keep the revisions it had before (rollback history)
  if (oldRevision !== undefined && oldInt < newInt) {
    const history = a[RevisionHistoryAnnotation] ?? '';
    if (!history) a[RevisionHistoryAnnotation] = oldRevision;
    else {
      let olds = history.split(',');
      let total = history.length + oldRevision.length + 1;
      while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && olds.length) total -= olds.shift()!.length + 1;
      if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) a[RevisionHistoryAnnotation] = [...olds, oldRevision].join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision: true when the deployment's revision annotation changed. */
export function setDeploymentRevision(d: KObject, rev: string): boolean {
  const a = (d.metadata.annotations ??= {});
  if (a[RevisionAnnotation] === rev) return false;
  a[RevisionAnnotation] = rev;
  return true;
}

export function hasRevisionHistoryLimit(d: KObject): boolean {
  const l = (d.spec as Obj).revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MAX_INT32;
}

/** ReplicaSetsByRevision: lower revision first, creation time on ties. */
export function byRevision(a: KObject, b: KObject): number {
  return revision(a) === revision(b) ? byCreationTimestamp(a, b) : revision(a) - revision(b);
}
