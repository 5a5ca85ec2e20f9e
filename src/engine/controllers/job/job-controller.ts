// Twin of pkg/controller/job/job_controller.go (syncJob → getPodsForJob → manageJob →
// trackJobStatusAndRemoveFinalizers → enactJobFinished), NonIndexed and Indexed completion, with
// the 1.33 default gates (JobPodReplacementPolicy, JobManagedBy, JobSuccessPolicy on): interim
// FailureTarget / SuccessCriteriaMet conditions, then Failed / Complete once no pod is terminating.
// Simplified: our apiserver has no finalizers, so the `batch.kubernetes.io/job-tracking` pod
// finalizer is not added; which finished pods are already folded into status.succeeded/failed is
// kept in controller state (`counted`) instead — the bookkeeping its removal stands for upstream.
// No podFailurePolicy, successPolicy or backoffLimitPerIndex.
import { podsInNamespace } from '../pod-index';
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/selectors';
import { goDuration, parseRfc3339, rfc3339 } from '../../api/time';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, OpOutcome, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { claimObjects } from '../controller-ref-manager';
import { type Expectations, SLOW_START_INITIAL_BATCH_SIZE, creationObserved, deleteExpectations, deletionObserved, expectCreations, expectDeletions, satisfiedExpectations, slowStartBatchSizes } from '../controller-utils';
import { getControllerOf, isPodActive, isPodReady, newControllerRef } from '../pod-util';
import { type BackoffRecord, getRemainingTime, newBackoffRecord } from './backoff-utils';
import { type JobCondition, activePodsLess, ensureJobConditionStatus, findCondition, isJobFinished, isPodFailed, isPodTerminating, jobStatus, newCondition, onlyReplaceFailedPods, pastBackoffLimitOnFailure } from './job-util';
import { COMPLETION_INDEX_ANNOTATION, firstPendingIndexes, indexedPodTemplate, succeededIndexes } from './indexed-job-utils';

type Obj = Record<string, any>;

export const SOURCE = 'job-controller';
/** syncJobBatchPeriod: pod events and status updates are batched for a second. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
/** MaxPodCreateDeletePerSync */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

export interface JobControllerState {
  expectations: Expectations;
  /** podBackoffStore */
  backoff: Record<string, BackoffRecord>;
  /** job key → pod UID → 's'|'f': finished pods already counted in status (the finalizer removal upstream) */
  counted: Record<string, Record<string, 's' | 'f'>>;
}

export class JobController implements Controller {
  readonly name = 'job';
  /** --concurrent-job-syncs */
  readonly workers = 5;

  constructor(private readonly host: ControllerHost) {}

  private st(): JobControllerState {
    const c = this.host.state();
    return (c.job ??= { expectations: {}, backoff: {}, counted: {} });
  }

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'jobs') {
      const key = metaNamespaceKey(obj);
      // addJob/deleteJob and spec changes sync at once; status-only updates are batched
      if (type === 'MODIFIED' && old && old.metadata.generation === obj.metadata.generation) this.host.enqueueAfter(this.name, key, SYNC_JOB_BATCH_PERIOD_MS);
      else this.host.enqueue(this.name, key);
      return;
    }
    if (informer !== 'pods') return;
    if (type === 'MODIFIED' && old?.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    const ref = getControllerOf(obj);
    if (!ref || ref.kind !== 'Job') return;
    const job = this.host.lister('jobs')[`${obj.metadata.namespace}/${ref.name}`];
    if (!job || job.metadata.uid !== ref.uid) return;
    const key = metaNamespaceKey(job);
    const exp = this.st().expectations;
    if (type === 'ADDED' && !obj.metadata.deletionTimestamp) creationObserved(exp, key);
    else if (type === 'DELETED' || obj.metadata.deletionTimestamp) {
      if (type === 'DELETED' && isJobFinished(job)) return;
      deletionObserved(exp, key, metaNamespaceKey(obj));
    }
    this.host.enqueueAfter(this.name, key, SYNC_JOB_BATCH_PERIOD_MS);
  }

  syncHandler(key: string): SyncPlan {
    const st = this.st();
    const job = this.host.lister('jobs')[key];
    if (!job) {
      deleteExpectations(st.expectations, key);
      delete st.backoff[key];
      delete st.counted[key];
      return { desired: '', actual: '', action: 'none', batches: [] };
    }
    const spec = job.spec as Obj;
    const completions: number | undefined = spec.completions ?? undefined;
    const desired = completions ?? 'any';
    if (isJobFinished(job)) return { desired, actual: 'finished', action: 'none', object: refObject(job), batches: [] };
    return new JobSync(this.host, st, job, key).run(desired);
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): OpOutcome | void {
    if (op.tag === 'createPod' && resp.code < 300) sync.data.created = Number(sync.data.created ?? 0) + 1;
    if (op.tag === 'deletePod' && resp.code >= 300 && resp.code !== 404) deletionObserved(this.st().expectations, sync.key, String(op.data?.pod));
    if (op.tag?.startsWith('status') && resp.code < 300 && !sync.data.committed) {
      // the counters now include these pods: record them, and the back-off they imply
      sync.data.committed = true;
      const st = this.st();
      st.counted[sync.key] = { ...(st.counted[sync.key] ?? {}), ...(sync.data.newCounted as Record<string, 's' | 'f'>) };
      st.backoff[sync.key] = sync.data.backoff as BackoffRecord;
    }
  }

  onBatchesDone(sync: ActiveSync): Op[] | undefined {
    // slowStartBatch: pods never attempted are not expected any more
    for (let i = Number(sync.data.created ?? 0); i < Number(sync.data.creates ?? 0); i++) creationObserved(this.st().expectations, sync.key);
    return undefined;
  }
}

/** One syncJob run (the syncJobCtx of upstream), planning its writes as data. */
class JobSync {
  private readonly spec: Obj;
  private readonly now: number;
  private readonly batches: Op[][] = [];
  private readonly actions: string[] = [];
  private requeueAfterMs?: number;
  private readonly ev: { source: string; object: KObject };
  private creates = 0;

  constructor(
    private readonly host: ControllerHost,
    private readonly st: JobControllerState,
    private readonly job: KObject,
    private readonly key: string,
  ) {
    this.spec = job.spec as Obj;
    this.now = host.now();
    this.ev = { source: SOURCE, object: refObject(job) };
  }

  private requeue(ms: number): void {
    this.requeueAfterMs = Math.min(this.requeueAfterMs ?? Infinity, Math.max(ms, SYNC_JOB_BATCH_PERIOD_MS));
  }

  run(desired: number | string): SyncPlan {
    const { job, spec, now, key } = this;
    const ns = job.metadata.namespace;
    const old = (job.status ?? {}) as Obj;
    const satisfied = satisfiedExpectations(this.st.expectations, key, now);
    // getPodsForJob: ours, plus matching orphans to adopt
    const nsPods = podsInNamespace(this.host, ns);
    const { claimed: pods, ops: claimOps } = claimObjects(job, labelSelectorAsSelector(spec.selector), nsPods, 'pods');
    if (claimOps.length) this.batches.push(claimOps);
    const counted = this.st.counted[key] ?? {};
    const indexed = spec.completionMode === 'Indexed';
    const activePods = pods.filter(isPodActive);
    let active = activePods.length;
    let terminating = pods.filter(isPodTerminating).length;
    let ready = activePods.filter(isPodReady).length;
    const newSucceeded = pods.filter((p) => (p.status as Obj | undefined)?.phase === 'Succeeded' && !counted[String(p.metadata.uid)]);
    const newFailed = pods.filter((p) => isPodFailed(p, job) && !counted[String(p.metadata.uid)]);
    let succeeded = Number(old.succeeded ?? 0) + newSucceeded.length;
    const failed = Number(old.failed ?? 0) + newFailed.length;
    let completedIndexes: string | undefined;
    if (indexed) [succeeded, completedIndexes] = succeededIndexes(pods, completions(spec), old.completedIndexes);
    const suspended = spec.suspend === true;
    let startTime: string | undefined = old.startTime;
    if (!startTime && !suspended) startTime = rfc3339(now);
    const backoff = newBackoffRecord(this.st.backoff[key], newSucceeded, newFailed);
    let conditions: JobCondition[] = [...(old.conditions ?? [])];

    // the finished condition: kept from an earlier sync, or backoff limit, or deadline
    let finished: JobCondition | undefined = findCondition(conditions, 'SuccessCriteriaMet')?.status === 'True' ? findCondition(conditions, 'SuccessCriteriaMet') : undefined;
    if (!finished) {
      const ft = findCondition(conditions, 'FailureTarget');
      if (ft?.status === 'True') finished = newCondition('Failed', 'True', ft.reason ?? '', ft.message ?? '', now);
    }
    if (!finished) {
      const adsMs = spec.activeDeadlineSeconds != null ? Number(spec.activeDeadlineSeconds) * 1000 : undefined;
      const elapsed = startTime ? now - parseRfc3339(startTime) : 0;
      if (failed > Number(spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
        finished = newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
      } else if (adsMs !== undefined && startTime && !suspended && elapsed >= adsMs) {
        finished = newCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
      } else if (adsMs !== undefined && !suspended) this.requeue(adsMs - elapsed);
    }

    if (finished) {
      // the job failed (or met its criteria): remove what still runs
      if (activePods.length) {
        this.batches.push(activePods.map((p) => this.deletePodOp(p)));
        this.actions.push(`delete ${activePods.length} active pod(s)`);
        terminating += activePods.length;
        ready -= activePods.filter(isPodReady).length;
        active = 0;
      }
      if (!satisfied) finished = undefined;
    } else {
      let manageJobCalled = false;
      if (satisfied && !job.metadata.deletionTimestamp) {
        manageJobCalled = true;
        ({ active, terminating, ready } = this.manageJob(activePods, pods, { active, terminating, ready, succeeded }, backoff, indexed));
      }
      const complete = completions(spec) === undefined ? succeeded > 0 && active === 0 : succeeded >= completions(spec)! && active === 0;
      if (complete) finished = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
      else if (manageJobCalled) {
        let changed: boolean;
        if (suspended) {
          [conditions, changed] = ensureJobConditionStatus(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
          if (changed) this.host.recordEvent({ ...this.ev, type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
        } else {
          [conditions, changed] = ensureJobConditionStatus(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
          if (changed) {
            this.host.recordEvent({ ...this.ev, type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
            startTime = rfc3339(now); // activeDeadlineSeconds counts from the resume
          }
        }
      }
    }

    // trackJobStatusAndRemoveFinalizers: the interim condition first, then (once nothing terminates) the final one
    let final: JobCondition | undefined;
    if (finished?.type === 'FailureTarget') {
      conditions = [...conditions, finished];
      final = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', now);
    } else if (finished?.type === 'SuccessCriteriaMet') {
      if (!findCondition(conditions, 'SuccessCriteriaMet')) conditions = [...conditions, finished];
      final = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', now);
    } else final = finished;
    const fields = { conditions, startTime, completionTime: old.completionTime, active, succeeded, failed, terminating, ready };
    const status1 = jobStatus(fields);
    if (indexed) status1.completedIndexes = completedIndexes ?? '';
    const statusOps: Op[][] = [];
    if (JSON.stringify(status1) !== JSON.stringify(old)) statusOps.push([this.statusOp(status1, 'status')]);
    // enactJobFinished: delayed while pods are still terminating
    if (final && terminating === 0) {
      const [conds2] = ensureJobConditionStatus(conditions, final.type, 'True', final.reason ?? '', final.message ?? '', now);
      const status2 = jobStatus({ ...fields, conditions: conds2, completionTime: final.type === 'Complete' ? final.lastTransitionTime : old.completionTime });
      if (indexed) status2.completedIndexes = completedIndexes ?? '';
      const ev = final.type === 'Complete' ? { type: 'Normal' as const, reason: 'Completed', message: 'Job completed' } : { type: 'Warning' as const, reason: final.reason ?? 'Failed', message: final.message ?? '' };
      statusOps.push([this.statusOp(status2, 'statusFinished', { ...this.ev, ...ev })]);
      this.actions.push(final.type === 'Complete' ? 'mark Complete' : `mark Failed (${final.reason})`);
    } else if (finished?.type === 'FailureTarget') this.actions.push(`mark FailureTarget (${finished.reason})`);
    else if (finished?.type === 'SuccessCriteriaMet') this.actions.push('mark SuccessCriteriaMet');
    this.batches.push(...statusOps);
    if (statusOps.length && this.actions.length === 0) this.actions.push('update status');

    const newCounted: Record<string, 's' | 'f'> = {};
    for (const p of newSucceeded) newCounted[String(p.metadata.uid)] = 's';
    for (const p of newFailed) newCounted[String(p.metadata.uid)] = 'f';
    // nothing to write: the record is current already
    if (!statusOps.length) {
      this.st.backoff[key] = backoff;
      this.st.counted[key] = { ...counted, ...newCounted };
    }
    return {
      desired,
      actual: `${active} active, ${succeeded} succeeded, ${failed} failed`,
      action: this.actions.length ? this.actions.join(', ') : 'none',
      object: refObject(job),
      batches: this.batches,
      requeueAfterMs: this.requeueAfterMs,
      data: { newCounted, backoff, creates: this.creates, created: 0 },
    };
  }

  /** manageJob: delete extras, or create the missing pods (after the failure back-off). */
  private manageJob(activePods: KObject[], pods: KObject[], c: { active: number; terminating: number; ready: number; succeeded: number }, backoff: BackoffRecord, indexed: boolean) {
    const { spec, job, key, now } = this;
    let { active, terminating, ready } = c;
    const parallelism = Number(spec.parallelism ?? 1);
    if (spec.suspend === true) {
      if (activePods.length) this.deletePods([...activePods].sort(activePodsLess), 'suspended');
      return { active: 0, terminating: terminating + activePods.length, ready: ready - activePods.filter(isPodReady).length };
    }
    const comps = completions(spec);
    let wantActive = comps === undefined ? (c.succeeded > 0 ? active : parallelism) : Math.max(0, Math.min(comps - c.succeeded, parallelism));
    const rmAtLeast = Math.max(0, active - wantActive);
    if (rmAtLeast > 0) {
      const rm = [...activePods].sort(activePodsLess).slice(0, Math.min(rmAtLeast, MAX_POD_CREATE_DELETE_PER_SYNC));
      this.deletePods(rm, 'too many');
      return { active: active - rm.length, terminating: terminating + rm.length, ready: ready - rm.filter(isPodReady).length };
    }
    let diff = wantActive - (onlyReplaceFailedPods(job) ? terminating : 0) - active;
    if (diff <= 0) return { active, terminating, ready };
    const remaining = getRemainingTime(backoff, now);
    if (remaining > 0) {
      this.requeue(remaining);
      this.actions.push(`wait pod failure back-off ${goDuration(remaining)}`);
      return { active, terminating, ready };
    }
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
    const indexes = indexed ? firstPendingIndexes(pods, diff, comps ?? 0, (job.status as Obj | undefined)?.completedIndexes) : [];
    if (indexed) diff = indexes.length;
    if (diff <= 0) return { active, terminating, ready };
    expectCreations(this.st.expectations, key, diff, now);
    this.creates = diff;
    let n = 0;
    for (const size of slowStartBatchSizes(diff, SLOW_START_INITIAL_BATCH_SIZE)) this.batches.push(Array.from({ length: size }, () => this.createPodOp(indexed ? indexes[n++] : undefined)));
    this.actions.push(`create ${diff} pod(s)`);
    wantActive = active + diff;
    return { active: wantActive, terminating, ready };
  }

  private deletePods(pods: KObject[], why: string): void {
    expectDeletions(this.st.expectations, this.key, pods.map((p) => metaNamespaceKey(p)), this.now);
    this.batches.push(pods.map((p) => this.deletePodOp(p)));
    this.actions.push(`delete ${pods.length} pod(s) (${why})`);
  }

  /** RealPodControl.CreatePodsWithGenerateName from the template, with the Job as controller. */
  private createPodOp(index: number | undefined): Op {
    const job = this.job;
    const t = structuredClone((this.spec.template ?? {}) as Obj);
    const tmpl = index === undefined ? t : indexedPodTemplate(t, job.metadata.name, index);
    const meta: Obj = { generateName: index === undefined ? `${job.metadata.name}-` : `${job.metadata.name}-${index}-`, labels: { ...(tmpl.metadata?.labels ?? {}) }, ownerReferences: [newControllerRef(job)] };
    if (tmpl.metadata?.annotations) meta.annotations = { ...tmpl.metadata.annotations };
    if (tmpl.metadata?.finalizers) meta.finalizers = [...tmpl.metadata.finalizers];
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: tmpl.spec ?? {} } as unknown as KObject;
    return {
      req: { verb: 'create', resource: 'pods', namespace: job.metadata.namespace, body: pod },
      tag: 'createPod',
      data: index === undefined ? undefined : { [COMPLETION_INDEX_ANNOTATION]: index },
      onSuccess: { ...this.ev, type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: {name}' },
      onFailure: { ...this.ev, type: 'Warning', reason: 'FailedCreate', message: 'Error creating: {error}' },
    };
  }

  private deletePodOp(pod: KObject): Op {
    return {
      req: { verb: 'delete', resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name },
      tag: 'deletePod',
      ignore: [404],
      data: { pod: metaNamespaceKey(pod) },
      onSuccess: { ...this.ev, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}` },
      onFailure: { ...this.ev, type: 'Warning', reason: 'FailedDelete', message: 'Error deleting: {error}' },
    };
  }

  private statusOp(status: Obj, tag: string, onSuccess?: Op['onSuccess']): Op {
    const job = this.job;
    const [ns, name] = splitKey(this.key);
    return { req: { verb: 'update', resource: 'jobs', subresource: 'status', namespace: ns, name, body: { ...job, status } as KObject }, tag, target: `jobs/${this.key}`, onSuccess };
  }
}

const completions = (spec: Obj): number | undefined => (spec.completions == null ? undefined : Number(spec.completions));
