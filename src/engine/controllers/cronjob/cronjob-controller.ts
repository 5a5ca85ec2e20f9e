// Twin of pkg/controller/cronjob/cronjob_controllerv2.go: sync → cleanupFinishedJobs →
// syncCronJob (active-list bookkeeping, suspend, schedule, startingDeadlineSeconds, concurrency
// policy, create the Job named by its scheduled minute) → UpdateStatus → AddAfter(next schedule).
// Simplified: timeZone must be UTC (others get the UnknownTimeZone warning); the live GETs upstream
// makes (a fresh CronJob for an unexpected Job, a missing active Job) are answered from the
// informer caches plus a record of the Jobs this controller created.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { parseStandard, type Schedule } from '../../api/cron';
import { rfc3339 } from '../../api/time';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, EventSpec, Op, OpOutcome, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { getControllerOf } from '../pod-util';
import { byJobStartTime, deleteFromActiveList, getJobFromTemplate2, getJobName, inActiveList, jobRef, nextScheduleTime, nextScheduleTimeDuration, rfc1123z } from './utils';

type Obj = Record<string, any>;

export const SOURCE = 'cronjob-controller';

export interface CronJobControllerState {
  /** cronjob key → UIDs of the Jobs this controller created (what its fresh GET of the CronJob would show) */
  created: Record<string, string[]>;
}

const finishedType = (j: KObject): 'Complete' | 'Failed' | undefined => {
  for (const c of ((j.status as Obj | undefined)?.conditions ?? []) as Obj[]) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
};

export class CronJobController implements Controller {
  readonly name = 'cronjob';
  /** --concurrent-cron-job-syncs */
  readonly workers = 5;

  constructor(private readonly host: ControllerHost) {}

  private st(): CronJobControllerState {
    return (this.host.state().cronjob ??= { created: {} });
  }

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'cronjobs') {
      const key = metaNamespaceKey(obj);
      if (type === 'DELETED') delete this.st().created[key];
      const spec = obj.spec as Obj;
      const oldSpec = old?.spec as Obj | undefined;
      // updateCronJob: a new schedule or time zone requeues for its next time
      if (type === 'MODIFIED' && oldSpec && (spec.schedule !== oldSpec.schedule || spec.timeZone !== oldSpec.timeZone)) {
        const sched = parseStandard(String(spec.schedule));
        if (!('error' in sched)) return this.host.enqueueAfter(this.name, key, nextScheduleTimeDuration(obj, this.host.now(), sched));
      }
      return this.host.enqueue(this.name, key);
    }
    if (informer !== 'jobs') return;
    // addJob/updateJob/deleteJob: wake the CronJob that controls the Job
    for (const j of old && type === 'MODIFIED' ? [old, obj] : [obj]) {
      const ref = getControllerOf(j);
      if (ref?.kind !== 'CronJob') continue;
      const cj = this.host.lister('cronjobs')[`${j.metadata.namespace}/${ref.name}`];
      if (cj && cj.metadata.uid === ref.uid) this.host.enqueue(this.name, metaNamespaceKey(cj));
    }
  }

  syncHandler(key: string): SyncPlan {
    const cj = this.host.lister('cronjobs')[key];
    if (!cj) return { desired: '', actual: '', action: 'none', batches: [] };
    const [ns] = splitKey(key);
    const jobs = Object.values(this.host.lister('jobs')).filter((j) => j.metadata.namespace === ns && getControllerOf(j)?.uid === cj.metadata.uid);
    return new CronJobSync(this.host, this.st(), cj, key, jobs).run();
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): OpOutcome | void {
    if (op.tag !== 'createJob') return;
    const status = structuredClone(sync.data.status as Obj);
    let job: KObject | undefined = resp.code < 300 ? resp.object : undefined;
    if (resp.code === 409) {
      // AlreadyExists: ours but missing from the active list ⇒ add it; someone else's ⇒ leave it
      const found = this.host.lister('jobs')[`${op.req.namespace}/${op.req.body?.metadata.name}`];
      if (!found || getControllerOf(found)?.uid !== String(sync.data.uid) || inActiveList(status, String(found.metadata.uid))) {
        return { ok: true, then: sync.data.updateStatus ? [[this.statusOp(sync, status)]] : [] };
      }
      job = found;
    }
    if (!job) return;
    if (resp.code < 300) {
      const created = (this.st().created[sync.key] ??= []);
      created.push(String(job.metadata.uid));
      if (created.length > 10) created.shift();
    }
    status.active = [...(status.active ?? []), jobRef(job)];
    status.lastScheduleTime = sync.data.lastScheduleTime;
    return { ok: true, then: [[this.statusOp(sync, status)]] };
  }

  private statusOp(sync: ActiveSync, status: Obj): Op {
    const cj = this.host.lister('cronjobs')[sync.key];
    const [ns, name] = splitKey(sync.key);
    return { req: { verb: 'update', resource: 'cronjobs', subresource: 'status', namespace: ns, name, body: { ...(cj ?? {}), status } as KObject }, tag: 'status', target: `cronjobs/${sync.key}` };
  }
}

/** One sync of a CronJob: its writes planned as data. */
class CronJobSync {
  private readonly status: Obj;
  private readonly batches: Op[][] = [];
  private readonly actions: string[] = [];
  private updateStatus = false;
  private requeueAfterMs?: number;
  private readonly now: number;
  private readonly ev: { source: string; object: KObject };
  private lastScheduleTime?: string;

  constructor(
    private readonly host: ControllerHost,
    private readonly st: CronJobControllerState,
    private readonly cj: KObject,
    private readonly key: string,
    private readonly jobs: KObject[],
  ) {
    this.status = structuredClone((cj.status ?? {}) as Obj);
    this.now = host.now();
    this.ev = { source: SOURCE, object: refObject(cj) };
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.host.recordEvent({ ...this.ev, type, reason, message });
  }

  run(): SyncPlan {
    this.cleanupFinishedJobs();
    const createOp = this.syncCronJob();
    const { cj, status } = this;
    if (createOp) this.batches.push([createOp]);
    else if (this.updateStatus) this.batches.push([{ req: { verb: 'update', resource: 'cronjobs', subresource: 'status', namespace: cj.metadata.namespace, name: cj.metadata.name, body: { ...cj, status } as KObject }, tag: 'status', target: `cronjobs/${this.key}` }]);
    if (this.updateStatus && !this.actions.length) this.actions.push('update status');
    const spec = cj.spec as Obj;
    return {
      desired: String(spec.schedule),
      actual: `${(status.active ?? []).length} active`,
      action: this.actions.length ? this.actions.join(', ') : 'none',
      object: refObject(cj),
      batches: this.batches,
      requeueAfterMs: this.requeueAfterMs,
      // the next tick is periodic background work: runUntilIdle does not wait for it
      requeueAfterBackground: true,
      data: { status, updateStatus: this.updateStatus, lastScheduleTime: this.lastScheduleTime, uid: String(cj.metadata.uid) },
    };
  }

  /** cleanupFinishedJobs: keep successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs. */
  private cleanupFinishedJobs(): void {
    const spec = this.cj.spec as Obj;
    const del: Op[] = [];
    for (const [type, limit] of [['Complete', spec.successfulJobsHistoryLimit], ['Failed', spec.failedJobsHistoryLimit]] as const) {
      if (limit == null) continue;
      const finished = this.jobs.filter((j) => finishedType(j) === type).sort(byJobStartTime);
      for (const j of finished.slice(0, Math.max(0, finished.length - Number(limit)))) del.push(this.deleteJobOp(j));
    }
    if (del.length) {
      this.batches.push(del);
      this.actions.push(`delete ${del.length} finished job(s)`);
    }
  }

  /** deleteJob: the Job (Background), its active-list entry, and the SuccessfulDelete event. */
  private deleteJobOp(j: KObject): Op {
    deleteFromActiveList(this.status, String(j.metadata.uid));
    this.updateStatus = true;
    const ev: Omit<EventSpec, 'type' | 'reason' | 'message'> = this.ev;
    return {
      req: { verb: 'delete', resource: 'jobs', namespace: j.metadata.namespace, name: j.metadata.name, options: { propagationPolicy: 'Background' } },
      tag: 'deleteJob',
      onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted job ${j.metadata.name}` },
      onFailure: { ...ev, type: 'Warning', reason: 'FailedDelete', message: 'Deleted job: {error}' },
    };
  }

  /** syncCronJob: returns the Job create to make, if any. */
  private syncCronJob(): Op | undefined {
    const { cj, status } = this;
    const spec = cj.spec as Obj;
    const ours = new Set(this.st.created[this.key] ?? []);
    const children = new Set<string>();
    for (const j of this.jobs) {
      const uid = String(j.metadata.uid);
      children.add(uid);
      const found = inActiveList(status, uid);
      const fin = finishedType(j);
      if (!found && !fin) {
        if (!ours.has(uid)) this.event('Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (found && fin) {
        deleteFromActiveList(status, uid);
        this.event('Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${fin}`);
        this.updateStatus = true;
      } else if (fin === 'Complete') {
        const ct = (j.status as Obj).completionTime as string | undefined;
        if (ct && (!status.lastSuccessfulTime || ct > status.lastSuccessfulTime)) {
          status.lastSuccessfulTime = ct;
          this.updateStatus = true;
        }
      }
    }
    for (const r of [...(status.active ?? [])] as Obj[]) {
      if (children.has(r.uid) || ours.has(r.uid)) continue;
      this.event('Normal', 'MissingJob', `Active job went missing: ${r.name}`);
      deleteFromActiveList(status, r.uid);
      this.updateStatus = true;
    }
    if (cj.metadata.deletionTimestamp) return undefined;
    const tz = spec.timeZone;
    if (tz != null && tz !== 'UTC' && tz !== 'Etc/UTC') {
      this.event('Warning', 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`);
      return undefined;
    }
    if (spec.suspend === true) return undefined;
    const sched = parseStandard(String(spec.schedule));
    if ('error' in sched) {
      this.event('Warning', 'UnparseableSchedule', `unparseable schedule: "${spec.schedule}" : ${sched.error}`);
      return undefined;
    }
    return this.startJob(sched);
  }

  private startJob(sched: Schedule): Op | undefined {
    const { cj, status, now } = this;
    const spec = cj.spec as Obj;
    const requeue = () => void (this.requeueAfterMs = nextScheduleTimeDuration(cj, now, sched));
    const next = nextScheduleTime(cj, now, sched);
    if (next.tooManyMissed) this.event('Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    if (next.error) {
      this.event('Warning', 'InvalidSchedule', `invalid schedule: ${spec.schedule} : ${next.error}`);
      return undefined;
    }
    const scheduled = next.time;
    if (scheduled === undefined) return requeue();
    if (spec.startingDeadlineSeconds != null && scheduled + Number(spec.startingDeadlineSeconds) * 1000 < now) {
      this.event('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return requeue();
    }
    const name = getJobName(cj, scheduled);
    if ((status.active ?? []).some((r: Obj) => r.name === name) || status.lastScheduleTime === rfc3339(scheduled)) return requeue();
    if (spec.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0) {
      this.event('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return requeue();
    }
    if (spec.concurrencyPolicy === 'Replace' && (status.active ?? []).length > 0) {
      const byUid = new Map(this.jobs.map((j) => [String(j.metadata.uid), j]));
      const del = ((status.active ?? []) as Obj[]).map((r) => byUid.get(r.uid)).filter((j): j is KObject => !!j).map((j) => this.deleteJobOp(j));
      if (del.length) {
        this.batches.push(del);
        this.actions.push(`replace ${del.length} running job(s)`);
      }
    }
    this.lastScheduleTime = rfc3339(scheduled);
    this.actions.push(`create job ${name}`);
    // the next tick counts from the schedule just taken
    this.requeueAfterMs = nextScheduleTimeDuration({ ...cj, status: { ...status, lastScheduleTime: this.lastScheduleTime } }, now, sched);
    return {
      req: { verb: 'create', resource: 'jobs', namespace: cj.metadata.namespace, body: getJobFromTemplate2(cj, scheduled) },
      tag: 'createJob',
      ignore: [409],
      onSuccess: { ...this.ev, type: 'Normal', reason: 'SuccessfulCreate', message: 'Created job {name}' },
      onFailure: { ...this.ev, type: 'Warning', reason: 'FailedCreate', message: 'Error creating job: {error}' },
    };
  }
}
