// Twin of pkg/controller/job/backoff_utils.go: the per-Job pod-failure back-off record
// (failuresAfterLastSuccess, lastFailureTime), getFinishedTime and the 10 s-doubling-to-6 min
// delay. The store is plain data in the controller-manager state.
import type { KObject } from '../../api/types';
import { parseRfc3339 } from '../../api/time';
import { podReadyCondition } from '../pod-util';

type Obj = Record<string, any>;

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (job_controller.go). */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 6 * 60_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTimeMs?: number;
}

const t = (s: unknown): number | undefined => (typeof s === 'string' && s ? parseRfc3339(s) : undefined);

/** getFinishTimeFromContainers: the latest container finishedAt, if every container finished. */
function finishTimeFromContainers(p: KObject): number | undefined {
  const st = (p.status ?? {}) as Obj;
  let finish: number | undefined;
  for (const cs of st.containerStatuses ?? []) {
    const ft = t(cs.state?.terminated?.finishedAt);
    if (ft === undefined) return undefined;
    if (finish === undefined || ft > finish) finish = ft;
  }
  // sidecars (restartable init containers) finish last
  const sidecars = new Set(((p.spec as Obj | undefined)?.initContainers ?? []).filter((c: Obj) => c.restartPolicy === 'Always').map((c: Obj) => c.name));
  for (const cs of st.initContainerStatuses ?? []) {
    if (!sidecars.has(cs.name)) continue;
    const ft = t(cs.state?.terminated?.finishedAt);
    if (ft === undefined) return undefined;
    if (finish === undefined || ft > finish) finish = ft;
  }
  return finish;
}

/** getFinishedTime: containers, else Ready=False transition, else deletionTimestamp − grace, else creation. */
export function getFinishedTime(p: KObject): number {
  const fromContainers = finishTimeFromContainers(p);
  if (fromContainers !== undefined) return fromContainers;
  const ready = podReadyCondition(p);
  if (ready?.status === 'False' && t(ready.lastTransitionTime) !== undefined) return t(ready.lastTransitionTime)!;
  const del = t(p.metadata.deletionTimestamp);
  if (del !== undefined) return del - Number(p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return t(p.metadata.creationTimestamp) ?? 0;
}

const byFinishedTime = (a: KObject, b: KObject) => getFinishedTime(a) - getFinishedTime(b);

/** backoffStore.newBackoffRecord: fold the newly finished pods into the previous record. */
export function newBackoffRecord(old: BackoffRecord | undefined, newSucceeded: KObject[], newFailed: KObject[]): BackoffRecord {
  const rec: BackoffRecord = { failuresAfterLastSuccess: old?.failuresAfterLastSuccess ?? 0, lastFailureTimeMs: old?.lastFailureTimeMs };
  const succeeded = [...newSucceeded].sort(byFinishedTime);
  const failed = [...newFailed].sort(byFinishedTime);
  if (succeeded.length === 0) {
    if (failed.length === 0) return rec;
    rec.failuresAfterLastSuccess += failed.length;
    rec.lastFailureTimeMs = getFinishedTime(failed[failed.length - 1]);
    return rec;
  }
  // a success resets the count: only failures after the last success remain
  rec.failuresAfterLastSuccess = 0;
  rec.lastFailureTimeMs = undefined;
  const lastSuccess = getFinishedTime(succeeded[succeeded.length - 1]);
  for (let i = failed.length - 1; i >= 0; i--) {
    const ft = getFinishedTime(failed[i]);
    if (ft <= lastSuccess) break;
    rec.lastFailureTimeMs ??= ft;
    rec.failuresAfterLastSuccess++;
  }
  return rec;
}

/** getRemainingTimeForFailuresCount: default × 2^(failures−1), capped at max, minus the time since the last failure. */
export function getRemainingTimeForFailuresCount(nowMs: number, defaultMs: number, maxMs: number, failures: number, lastFailureTimeMs: number | undefined): number {
  if (failures === 0) return 0;
  let backoff = defaultMs;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= maxMs) {
      backoff = maxMs;
      break;
    }
  }
  const elapsed = nowMs - (lastFailureTimeMs ?? nowMs);
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/** backoffRecord.getRemainingTime */
export function getRemainingTime(rec: BackoffRecord, nowMs: number): number {
  return getRemainingTimeForFailuresCount(nowMs, DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS, rec.failuresAfterLastSuccess, rec.lastFailureTimeMs);
}
