// Twin of pkg/controller/ttlafterfinished/ttlafterfinished_controller.go: a finished Job with
// spec.ttlSecondsAfterFinished is deleted (propagationPolicy Foreground)
// once the TTL after its Complete/Failed condition's lastTransitionTime has passed; until then the
// key is requeued for the remaining time. Simplified: no live re-read of the Job and no UID
// precondition (our DeleteOptions have none); our apiserver deletes non-Pod objects at once, so the
// garbage collector then removes the pods in the background rather than foreground.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { parseRfc3339 } from '../../api/time';
import type { WatchEventType } from '../../api/wire';
import type { Controller, ControllerHost, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { findCondition, finishedConditionType } from './job-util';

type Obj = Record<string, any>;

/** needsCleanup: a TTL is set and the Job is finished. */
export function needsCleanup(job: KObject): boolean {
  return (job.spec as Obj | undefined)?.ttlSecondsAfterFinished != null && finishedConditionType(job) !== undefined;
}

/** timeLeft: ms until the TTL expires (≤ 0 when expired), from the finish condition's transition time. */
export function timeLeftMs(job: KObject, nowMs: number): number | undefined {
  const type = finishedConditionType(job);
  if (!type) return undefined;
  const c = findCondition((job.status as Obj).conditions, type);
  const finishAt = parseRfc3339(String(c?.lastTransitionTime ?? ''));
  if (Number.isNaN(finishAt)) return undefined;
  return finishAt + Number((job.spec as Obj).ttlSecondsAfterFinished) * 1000 - nowMs;
}

export class TTLAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished';
  /** --concurrent-ttl-after-finished-syncs */
  readonly workers = 5;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject): void {
    if (informer !== 'jobs' || type === 'DELETED') return;
    if (needsCleanup(obj)) this.host.enqueue(this.name, metaNamespaceKey(obj));
  }

  syncHandler(key: string): SyncPlan {
    const job = this.host.lister('jobs')[key];
    if (!job || job.metadata.deletionTimestamp || !needsCleanup(job)) return { desired: '', actual: '', action: 'none', batches: [] };
    const ttl = Number((job.spec as Obj).ttlSecondsAfterFinished);
    const left = timeLeftMs(job, this.host.now());
    if (left === undefined) return { desired: `ttl ${ttl}s`, actual: 'finished', action: 'none', object: refObject(job), batches: [] };
    if (left > 0) return { desired: `ttl ${ttl}s`, actual: `${Math.ceil(left / 1000)}s left`, action: 'none', object: refObject(job), batches: [], requeueAfterMs: left };
    const [ns, name] = splitKey(key);
    return {
      desired: `ttl ${ttl}s`,
      actual: 'expired',
      action: 'delete Job',
      object: refObject(job),
      batches: [[{ req: { verb: 'delete', resource: 'jobs', namespace: ns, name, options: { propagationPolicy: 'Foreground' } }, tag: 'deleteJob', ignore: [404] }]],
    };
  }
}
