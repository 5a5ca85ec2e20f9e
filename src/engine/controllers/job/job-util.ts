// Helpers of pkg/controller/job: job/util/utils.go (IsJobFinished), job_controller.go
// (newCondition, ensureJobConditionStatus, isPodFailed, pastBackoffLimitOnFailure) and
// controller_utils.go ActivePods ordering, plus the status layout with Go's omitempty.
import type { KObject } from '../../api/types';
import { rfc3339 } from '../../api/time';
import { isPodReady, podReadyCondition, timeMs } from '../pod-util';

type Obj = Record<string, any>;

export interface JobCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** newCondition: probe and transition time are both now; empty reason/message are omitted. */
export function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, nowMs: number): JobCondition {
  const c: JobCondition = { type, status, lastProbeTime: rfc3339(nowMs), lastTransitionTime: rfc3339(nowMs) };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

export function findCondition(conds: JobCondition[] | undefined, type: string): JobCondition | undefined {
  return (conds ?? []).find((c) => c.type === type);
}

const isTrue = (conds: JobCondition[] | undefined, type: string) => findCondition(conds, type)?.status === 'True';

/** util.IsJobFinished / FinishedCondition: Complete or Failed is True. */
export function finishedConditionType(job: KObject): 'Complete' | 'Failed' | undefined {
  const conds = ((job.status ?? {}) as Obj).conditions as JobCondition[] | undefined;
  if (isTrue(conds, 'Complete')) return 'Complete';
  if (isTrue(conds, 'Failed')) return 'Failed';
  return undefined;
}

export const isJobFinished = (job: KObject) => finishedConditionType(job) !== undefined;

/** ensureJobConditionStatus: update in place or append (never append a False one). */
export function ensureJobConditionStatus(list: JobCondition[], type: string, status: 'True' | 'False', reason: string, message: string, nowMs: number): [JobCondition[], boolean] {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status !== status || (c.reason ?? '') !== reason || (c.message ?? '') !== message) {
      const next = [...list];
      next[i] = newCondition(type, status, reason, message, nowMs);
      return [next, true];
    }
    return [list, false];
  }
  return status === 'False' ? [list, false] : [[...list, newCondition(type, status, reason, message, nowMs)], true];
}

const phase = (p: KObject) => (p.status as Obj | undefined)?.phase as string | undefined;

/** onlyReplaceFailedPods: podReplacementPolicy Failed (or a podFailurePolicy). */
export const onlyReplaceFailedPods = (job: KObject) => (job.spec as Obj).podReplacementPolicy === 'Failed' || !!(job.spec as Obj).podFailurePolicy;

/** isPodFailed: Failed phase, or (unless only failed pods are replaced) deleted before succeeding. */
export function isPodFailed(p: KObject, job: KObject): boolean {
  if (phase(p) === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata.deletionTimestamp && phase(p) !== 'Succeeded';
}

/** controller.CountTerminatingPods: being deleted and not yet terminal. */
export function isPodTerminating(p: KObject): boolean {
  return !!p.metadata.deletionTimestamp && phase(p) !== 'Succeeded' && phase(p) !== 'Failed';
}

/** pastBackoffLimitOnFailure: with OnFailure, container restarts of live pods count against backoffLimit. */
export function pastBackoffLimitOnFailure(job: KObject, pods: KObject[]): boolean {
  const spec = job.spec as Obj;
  if (spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (phase(p) !== 'Running' && phase(p) !== 'Pending') continue;
    const st = (p.status ?? {}) as Obj;
    for (const c of [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])]) restarts += c.restartCount ?? 0;
  }
  const limit = Number(spec.backoffLimit ?? 6);
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** controller.ActivePods.Less: pods to delete first sort first. */
export function activePodsLess(a: KObject, b: KObject): number {
  const na = (a.spec as Obj | undefined)?.nodeName ? 1 : 0;
  const nb = (b.spec as Obj | undefined)?.nodeName ? 1 : 0;
  if (na !== nb) return na - nb; // unassigned < assigned
  const pa = PHASE_ORDER[phase(a) ?? 'Pending'] ?? 0;
  const pb = PHASE_ORDER[phase(b) ?? 'Pending'] ?? 0;
  if (pa !== pb) return pa - pb; // Pending < Unknown < Running
  const ra = isPodReady(a) ? 1 : 0;
  const rb = isPodReady(b) ? 1 : 0;
  if (ra !== rb) return ra - rb; // not ready < ready
  if (ra && rb) {
    // been ready for less time first
    const ta = timeMs(podReadyCondition(a)?.lastTransitionTime) ?? 0;
    const tb = timeMs(podReadyCondition(b)?.lastTransitionTime) ?? 0;
    if (ta !== tb) return tb - ta;
  }
  const restarts = (p: KObject) => Math.max(0, ...(((p.status as Obj | undefined)?.containerStatuses ?? []) as Obj[]).map((c) => c.restartCount ?? 0));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a); // more restarts first
  const ca = timeMs(a.metadata.creationTimestamp) ?? 0;
  const cb = timeMs(b.metadata.creationTimestamp) ?? 0;
  return cb - ca; // newer first
}

/** The JobStatus as Go serialises it: active/succeeded/failed are omitempty, ready and terminating pointers. */
export function jobStatus(s: { conditions?: JobCondition[]; startTime?: string; completionTime?: string; active: number; succeeded: number; failed: number; terminating: number; ready: number }): Obj {
  const out: Obj = {};
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.startTime) out.startTime = s.startTime;
  if (s.completionTime) out.completionTime = s.completionTime;
  if (s.active) out.active = s.active;
  if (s.succeeded) out.succeeded = s.succeeded;
  if (s.failed) out.failed = s.failed;
  out.terminating = s.terminating;
  out.uncountedTerminatedPods = {};
  out.ready = s.ready;
  return out;
}
