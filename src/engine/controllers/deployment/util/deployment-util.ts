// Twin of pkg/controller/deployment/util/deployment_util.go: fenceposts, the new ReplicaSet's
// next size, completeness/progress/timeout checks, proportional fractions and conditions.
// Deployments and ReplicaSets are plain JSON; times are epoch ms (virtual).
import type { KObject } from '../../../api/types';
import { parseRfc3339, rfc3339 } from '../../../api/time';
import { filterActiveReplicaSets } from '../../controller-utils';

type Obj = Record<string, any>;
export type IntOrString = number | string | undefined | null;

export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';
/** progress.go reasons */
export const Reasons = {
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  PausedDeploy: 'DeploymentPaused',
  ResumedDeploy: 'DeploymentResumed',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;
const MAX_INT32 = 2147483647;

export interface DeploymentCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

const spec = (o: KObject | Obj): Obj => ((o as Obj).spec ?? {}) as Obj;
const status = (o: KObject | Obj): Obj => ((o as Obj).status ?? {}) as Obj;
export const replicasOf = (o: KObject | Obj | undefined): number => (o ? Number(spec(o).replicas ?? 0) : 0);

/** intstr.GetScaledValueFromIntOrPercent */
export function getScaledValueFromIntOrPercent(v: IntOrString, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const s = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`invalid value for IntOrString: invalid value "${v}"`);
  const scaled = (Number(s) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 ⇒ unavailable 1. */
export function resolveFenceposts(maxSurge: IntOrString, maxUnavail: IntOrString, desired: number): { surge: number; unavailable: number; error?: string } {
  try {
    const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
    let unavailable = getScaledValueFromIntOrPercent(maxUnavail ?? 0, desired, false);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    return { surge, unavailable };
  } catch (e) {
    return { surge: 0, unavailable: 0, error: (e as Error).message };
  }
}

export const isRollingUpdate = (d: KObject | Obj): boolean => spec(d).strategy?.type === 'RollingUpdate';

/** MaxUnavailable: 0 unless RollingUpdate with replicas > 0; never more than replicas. */
export function maxUnavailable(d: KObject | Obj): number {
  const r = replicasOf(d);
  if (!isRollingUpdate(d) || r === 0) return 0;
  const ru = spec(d).strategy.rollingUpdate ?? {};
  return Math.min(resolveFenceposts(ru.maxSurge, ru.maxUnavailable, r).unavailable, r);
}

/** MinAvailable = replicas − MaxUnavailable (0 for Recreate). */
export function minAvailable(d: KObject | Obj): number {
  return isRollingUpdate(d) ? replicasOf(d) - maxUnavailable(d) : 0;
}

export function maxSurge(d: KObject | Obj): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = spec(d).strategy.rollingUpdate ?? {};
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicasOf(d)).surge;
}

export const getReplicaCountForReplicaSets = (rss: Array<KObject | undefined>) => rss.reduce((n, rs) => n + replicasOf(rs), 0);
export const getActualReplicaCountForReplicaSets = (rss: Array<KObject | undefined>) => rss.reduce((n, rs) => n + Number(rs ? (status(rs).replicas ?? 0) : 0), 0);
export const getReadyReplicaCountForReplicaSets = (rss: Array<KObject | undefined>) => rss.reduce((n, rs) => n + Number(rs ? (status(rs).readyReplicas ?? 0) : 0), 0);
export const getAvailableReplicaCountForReplicaSets = (rss: Array<KObject | undefined>) => rss.reduce((n, rs) => n + Number(rs ? (status(rs).availableReplicas ?? 0) : 0), 0);

/** NewRSNewReplicas: how far the new ReplicaSet may grow this sync. */
export function newRSNewReplicas(d: KObject | Obj, allRSs: Array<KObject | undefined>, newRS: KObject | Obj): number {
  const type = spec(d).strategy?.type;
  if (type === 'Recreate') return replicasOf(d);
  if (type !== 'RollingUpdate') throw new Error(`deployment type ${type} isn't supported`);
  const surge = getScaledValueFromIntOrPercent(spec(d).strategy.rollingUpdate?.maxSurge, replicasOf(d), true);
  const current = getReplicaCountForReplicaSets(allRSs);
  const maxTotal = replicasOf(d) + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const scaleUp = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
  return replicasOf(newRS) + scaleUp;
}

/** DeploymentComplete */
export function deploymentComplete(d: KObject | Obj, s: Obj): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= Number((d as Obj).metadata?.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available pods. */
export function deploymentProgressing(d: KObject | Obj, s: Obj): boolean {
  const o = status(d);
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

export function hasProgressDeadline(d: KObject | Obj): boolean {
  const p = spec(d).progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MAX_INT32;
}

/** DeploymentTimedOut: Progressing.lastUpdateTime + deadline strictly before now. */
export function deploymentTimedOut(d: KObject | Obj, s: Obj, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getDeploymentCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === Reasons.NewRSAvailable) return false;
  if (c.reason === Reasons.TimedOut) return true;
  const from = c.lastUpdateTime ? parseRfc3339(c.lastUpdateTime) : 0;
  return from + Number(spec(d).progressDeadlineSeconds) * 1000 < nowMs;
}

function nonNegativeInt32Annotation(rs: KObject | Obj, key: string): number | undefined {
  const v = (rs as Obj).metadata?.annotations?.[key];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n <= MAX_INT32 ? n : undefined;
}
export const getDesiredReplicasAnnotation = (rs: KObject) => nonNegativeInt32Annotation(rs, DesiredReplicasAnnotation);

/** getReplicaSetFraction: the share of a resize this ReplicaSet takes (max-replicas annotation). */
export function getReplicaSetFraction(rs: KObject | Obj, d: KObject | Obj): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  let annotated = nonNegativeInt32Annotation(rs, MaxReplicasAnnotation);
  // a missing or zeroed annotation falls back to the deployment's current size
  if (!annotated) annotated = Number(status(d).replicas ?? 0);
  if (annotated === 0) return 0;
  // integer.RoundToInt32 of a non-negative value
  return Math.floor((replicasOf(rs) * deploymentReplicas) / annotated + 0.5) - replicasOf(rs);
}

/** GetProportion: the fraction, bounded by what is still allowed to be added or removed. */
export function getProportion(rs: KObject | undefined, d: KObject, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** IsSaturated: the new RS has all replicas, desired annotation matches and all are available. */
export function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const desired = getDesiredReplicasAnnotation(rs);
  return desired !== undefined && replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && Number(status(rs).availableReplicas ?? 0) === replicasOf(d);
}

// ---- conditions ----

export function newDeploymentCondition(type: string, st: DeploymentCondition['status'], reason: string, message: string, nowMs: number): DeploymentCondition {
  const t = rfc3339(nowMs);
  return { type, status: st, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getDeploymentCondition(s: Obj, type: string): DeploymentCondition | undefined {
  return (s.conditions ?? []).find((c: DeploymentCondition) => c.type === type);
}

/** SetDeploymentCondition: same status and reason ⇒ unchanged; same status keeps lastTransitionTime. */
export function setDeploymentCondition(s: Obj, c: DeploymentCondition): void {
  const cur = getDeploymentCondition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = { ...c };
  if (cur && cur.status === c.status) next.lastTransitionTime = cur.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x: DeploymentCondition) => x.type !== c.type), next];
}

export function removeDeploymentCondition(s: Obj, type: string): void {
  const left = (s.conditions ?? []).filter((x: DeploymentCondition) => x.type !== type);
  if (left.length) s.conditions = left;
  else delete s.conditions;
}

export { filterActiveReplicaSets };
