// Twin of pkg/controller/cronjob/utils.go: mostRecentScheduleTime (the missed-schedule estimate),
// nextScheduleTime, nextScheduleTimeDuration (+100 ms), getJobFromTemplate2, the job name
// `<cronjob>-<scheduled time in minutes since the Unix epoch>`, active-list helpers and
// byJobStartTime. Times are virtual ms; schedules are UTC (see api/cron.ts).
import type { KObject } from '../../api/types';
import { EPOCH_MS, parseRfc3339, rfc3339 } from '../../api/time';
import { type Schedule, next } from '../../api/cron';
import { newControllerRef } from '../pod-util';

type Obj = Record<string, any>;

/** nextScheduleDelta: wake a little after the scheduled minute. */
export const NEXT_SCHEDULE_DELTA_MS = 100;
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export type MissedSchedules = 'none' | 'few' | 'many';

export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
  apiVersion: string;
  resourceVersion?: string;
}

/**
 * mostRecentScheduleTime: [earliestTime, the most recent unmet schedule ≤ now (or undefined),
 * how many were missed, an error for logically impossible schedules].
 */
export function mostRecentScheduleTime(cj: KObject, nowMs: number, sched: Schedule, includeStartingDeadline: boolean): [number, number | undefined, MissedSchedules, string | undefined] {
  const spec = cj.spec as Obj;
  const st = (cj.status ?? {}) as Obj;
  let earliest = st.lastScheduleTime ? parseRfc3339(st.lastScheduleTime) : parseRfc3339(String(cj.metadata.creationTimestamp));
  if (includeStartingDeadline && spec.startingDeadlineSeconds != null) {
    // the controller schedules nothing older than the deadline
    const deadline = nowMs - Number(spec.startingDeadlineSeconds) * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = next(sched, earliest);
  const t2 = t1 === undefined ? undefined : next(sched, t1);
  if (t1 !== undefined && nowMs < t1) return [earliest, undefined, 'none', undefined];
  if (t1 !== undefined && t2 !== undefined && nowMs < t2) return [earliest, t1, 'none', undefined];
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (between < 1) return [earliest, undefined, 'none', 'time difference between two schedules is less than 1 second'];
  const elapsed = Math.trunc((nowMs - t1!) / 1000);
  const missed = Math.trunc(elapsed / between) + 1;
  // step back one interval before the estimate and let the schedule find the exact latest time
  let mostRecent: number | undefined;
  const potentialEarliest = t1! + (missed - 2) * between * 1000;
  for (let t = next(sched, potentialEarliest); t !== undefined && t <= nowMs; t = next(sched, t)) mostRecent = t;
  const m: MissedSchedules = missed > 100 ? 'many' : missed > 1 ? 'few' : 'none';
  return [earliest, mostRecent, m, undefined];
}

/** nextScheduleTime: the unmet schedule to run now, if any (and whether to warn about many missed). */
export function nextScheduleTime(cj: KObject, nowMs: number, sched: Schedule): { time?: number; tooManyMissed: boolean; error?: string } {
  const [, mostRecent, missed, error] = mostRecentScheduleTime(cj, nowMs, sched, true);
  if (mostRecent === undefined || mostRecent > nowMs) return { tooManyMissed: false, error };
  return { time: mostRecent, tooManyMissed: missed === 'many', error };
}

/** nextScheduleTimeDuration: how long until the next schedule (+100 ms). */
export function nextScheduleTimeDuration(cj: KObject, nowMs: number, sched: Schedule): number {
  const [earliest, mostRecent, missed, error] = mostRecentScheduleTime(cj, nowMs, sched, false);
  let from: number;
  if (error) from = nowMs;
  else if (mostRecent === undefined) from = missed === 'none' ? earliest : nowMs;
  else from = mostRecent;
  const n = next(sched, from);
  return (n ?? nowMs) + NEXT_SCHEDULE_DELTA_MS - nowMs;
}

/** getTimeHashInMinutes */
export function getTimeHashInMinutes(scheduledMs: number): number {
  return Math.floor((scheduledMs + EPOCH_MS) / 1000 / 60);
}

export function getJobName(cj: KObject, scheduledMs: number): string {
  return `${cj.metadata.name}-${getTimeHashInMinutes(scheduledMs)}`;
}

/** getJobFromTemplate2: labels/annotations of the template, the scheduled-timestamp annotation, a ControllerRef. */
export function getJobFromTemplate2(cj: KObject, scheduledMs: number): KObject {
  const tmpl = ((cj.spec as Obj).jobTemplate ?? {}) as Obj;
  const labels = { ...(tmpl.metadata?.labels ?? {}) };
  const annotations = { ...(tmpl.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(scheduledMs) };
  const metadata: Obj = { name: getJobName(cj, scheduledMs), namespace: cj.metadata.namespace, annotations, ownerReferences: [newControllerRef(cj)] };
  if (Object.keys(labels).length) metadata.labels = labels;
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: structuredClone(tmpl.spec ?? {}) } as unknown as KObject;
}

/** ref.GetReference for a Job. */
export function jobRef(job: KObject): ObjectReference {
  return { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: String(job.metadata.uid), apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
}

export const inActiveList = (status: Obj, uid: string) => ((status.active ?? []) as ObjectReference[]).some((r) => r.uid === uid);

export function deleteFromActiveList(status: Obj, uid: string): void {
  const left = ((status.active ?? []) as ObjectReference[]).filter((r) => r.uid !== uid);
  if (left.length) status.active = left;
  else delete status.active;
}

/** byJobStartTime: jobs without a start time last, ties by name. */
export function byJobStartTime(a: KObject, b: KObject): number {
  const sa = (a.status as Obj | undefined)?.startTime;
  const sb = (b.status as Obj | undefined)?.startTime;
  if (!sb) return sa ? -1 : 0;
  if (!sa) return 1;
  if (sa === sb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return parseRfc3339(sa) - parseRfc3339(sb);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC: "Wed, 01 Jan 2025 00:05:00 +0000". */
export function rfc1123z(virtualMs: number): string {
  const s = rfc3339(virtualMs); // 2025-01-01T00:05:00Z
  const [y, mo, d] = s.slice(0, 10).split('-').map(Number);
  const dow = DAYS[(((Math.floor((virtualMs + EPOCH_MS) / 86_400_000) + 4) % 7) + 7) % 7];
  return `${dow}, ${String(d).padStart(2, '0')} ${MONTHS[mo - 1]} ${y} ${s.slice(11, 19)} +0000`;
}
