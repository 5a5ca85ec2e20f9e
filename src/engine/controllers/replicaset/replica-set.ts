// Twin of pkg/controller/replicaset/replica_set.go: syncReplicaSet → claimPods → manageReplicas
// (slow-start creates of at most burstReplicas, or deletes chosen by getPodsToDelete, guarded by
// expectations) → calculateStatus / updateReplicaSetStatus. The writes are returned as batches:
// one per slow-start step, then the status write once the creates/deletes have answered.
import { podsInNamespace } from '../pod-index';
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';
import type { ApiResponse } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { claimObjects } from '../controller-ref-manager';
import { SLOW_START_INITIAL_BATCH_SIZE, creationObserved, deleteExpectations, deletionObserved, expectCreations, expectDeletions, satisfiedExpectations, slowStartBatchSizes } from '../controller-utils';
import { filterActivePods, getControllerOf, newControllerRef, storedPodKey } from '../pod-util';
import { ReplicaSetHandlers } from './replica-set-handlers';
import { calculateStatus, getPodsToDelete, replicaSetStatusUpToDate, statusFromCounts } from './replica-set-utils';
import { claimedKeys, forgetTally, tallyFor } from './rs-tally';

type Obj = Record<string, any>;

/** BurstReplicas: the most pods created or deleted in one sync. */
export const BURST_REPLICAS = 500;
export const SOURCE = 'replicaset-controller';

export class ReplicaSetController extends ReplicaSetHandlers implements Controller {
  readonly workers = 5;

  constructor(host: ControllerHost) {
    super(host, 'replicaset');
  }

  syncHandler(key: string): SyncPlan {
    const [ns] = splitKey(key);
    const rs = this.host.lister('replicasets')[key];
    const exp = this.host.state().rsExpectations;
    if (!rs) {
      deleteExpectations(exp, key);
      forgetTally(this.host.lister('pods'), key);
      return { desired: 0, actual: 0, action: 'none', batches: [] };
    }
    const spec = rs.spec as Obj;
    const desired = Number(spec.replicas ?? 0);
    const now = this.host.now();
    const rsNeedsSync = satisfiedExpectations(exp, key, now);
    const selector = labelSelectorAsSelector(spec.selector);
    const fast = this.fromTally(key, rs, selector, desired, rsNeedsSync, now);
    if (fast) return fast;
    const all = podsInNamespace(this.host, ns);
    const { claimed, ops: claimOps } = claimObjects(rs, selector, filterActivePods(all), 'pods');
    const batches: Op[][] = claimOps.length ? [claimOps] : [];
    let action = claimOps.length ? `claim ${claimOps.length} pod(s)` : 'none';
    const data: Obj = { creates: 0, created: 0, deleting: [] as string[], attempted: [] as string[] };
    if (rsNeedsSync && !rs.metadata.deletionTimestamp) {
      const diff = claimed.length - desired;
      if (diff < 0) {
        const n = Math.min(-diff, BURST_REPLICAS);
        expectCreations(exp, key, n, now);
        data.creates = n;
        for (const size of slowStartBatchSizes(n, SLOW_START_INITIAL_BATCH_SIZE)) batches.push(Array.from({ length: size }, () => this.createPodOp(rs)));
        action = `create ${n} pod(s)`;
      } else if (diff > 0) {
        const n = Math.min(diff, BURST_REPLICAS);
        const toDelete = getPodsToDelete(claimed, this.getIndirectlyRelatedPods(rs), n, now);
        data.deleting = toDelete.map((p) => metaNamespaceKey(p));
        expectDeletions(exp, key, data.deleting, now);
        batches.push(toDelete.map((p) => this.deletePodOp(rs, p)));
        action = `delete ${n} pod(s)`;
      }
    }
    // the status as it will be written if manageReplicas succeeds (onBatchesDone recomputes the failure case)
    const newStatus = calculateStatus(rs, claimed, undefined, now);
    const statusWrite = !replicaSetStatusUpToDate(rs, newStatus);
    if (statusWrite && action === 'none') action = 'update status';
    data.claimed = claimed.map(storedPodKey);
    const plan: SyncPlan = { desired, actual: claimed.length, action, object: refObject(rs), batches, data };
    if (statusWrite && batches.length === 0) plan.batches = [[this.statusOp(rs, newStatus)]];
    // available replicas lag ready ones by minReadySeconds: look again then
    const minReady = Number(spec.minReadySeconds ?? 0);
    if (minReady > 0 && (newStatus.readyReplicas ?? 0) === desired && (newStatus.availableReplicas ?? 0) !== desired) plan.requeueAfterMs = minReady * 1000;
    return plan;
  }

  /** The sync from the kept tally (rs-tally.ts), when it needs no pod list: nothing to adopt or
   * release, nothing to delete (getPodsToDelete ranks the pods) and no minReadySeconds (availability
   * depends on the time). The same plan as the walk over every pod below; undefined otherwise. */
  private fromTally(key: string, rs: KObject, selector: ReturnType<typeof labelSelectorAsSelector>, desired: number, rsNeedsSync: boolean, now: number): SyncPlan | undefined {
    if (!ReplicaSetController.keepTally) return undefined;
    const spec = rs.spec as Obj;
    if (Number(spec.minReadySeconds ?? 0) > 0) return undefined;
    const t = tallyFor(this.host.lister('pods'), key, rs, selector);
    const manage = rsNeedsSync && !rs.metadata.deletionTimestamp;
    if (t.changes > 0 || (manage && t.claimed > desired)) return undefined;
    const exp = this.host.state().rsExpectations;
    const batches: Op[][] = [];
    let action = 'none';
    const data: Obj = { creates: 0, created: 0, deleting: [] as string[], attempted: [] as string[] };
    if (manage && t.claimed < desired) {
      const n = Math.min(desired - t.claimed, BURST_REPLICAS);
      expectCreations(exp, key, n, now);
      data.creates = n;
      for (const size of slowStartBatchSizes(n, SLOW_START_INITIAL_BATCH_SIZE)) batches.push(Array.from({ length: size }, () => this.createPodOp(rs)));
      action = `create ${n} pod(s)`;
    }
    const newStatus = statusFromCounts(rs, { replicas: t.claimed, fully: t.fully, ready: t.ready, available: t.ready }, undefined, now);
    const statusWrite = !replicaSetStatusUpToDate(rs, newStatus);
    if (statusWrite && action === 'none') action = 'update status';
    // onBatchesDone reads the claimed pods again only after creates (a status write or nothing: not at all)
    data.claimed = batches.length ? claimedKeys(t) : [];
    const plan: SyncPlan = { desired, actual: t.claimed, action, object: refObject(rs), batches, data };
    if (statusWrite && batches.length === 0) plan.batches = [[this.statusOp(rs, newStatus)]];
    return plan;
  }

  /** Off: every sync walks the namespace's pods (the tally's tests compare the two). */
  static keepTally = true;

  /** controller.RealPodControl.CreatePods: GetPodFromTemplate with a ControllerRef. */
  private createPodOp(rs: KObject): Op {
    const t = ((rs.spec as Obj).template ?? {}) as Obj;
    const meta: Obj = { generateName: `${rs.metadata.name}-`, labels: { ...(t.metadata?.labels ?? {}) }, ownerReferences: [newControllerRef(rs)] };
    if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
    if (t.metadata?.finalizers) meta.finalizers = [...t.metadata.finalizers];
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: structuredClone(t.spec ?? {}) } as unknown as KObject;
    const ev = { source: SOURCE, object: refObject(rs) };
    return {
      req: { verb: 'create', resource: 'pods', namespace: rs.metadata.namespace, body: pod },
      tag: 'createPod',
      onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: {name}' },
      onFailure: { ...ev, type: 'Warning', reason: 'FailedCreate', message: 'Error creating: {error}' },
    };
  }

  private deletePodOp(rs: KObject, pod: KObject): Op {
    const ev = { source: SOURCE, object: refObject(rs) };
    return {
      req: { verb: 'delete', resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name },
      tag: 'deletePod',
      ignore: [404],
      data: { pod: metaNamespaceKey(pod) },
      onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}` },
      onFailure: { ...ev, type: 'Warning', reason: 'FailedDelete', message: 'Error deleting: {error}' },
    };
  }

  private statusOp(rs: KObject, status: Obj): Op {
    const body = { ...rs, status: { ...status, observedGeneration: rs.metadata.generation } } as KObject;
    return { req: { verb: 'update', resource: 'replicasets', subresource: 'status', namespace: rs.metadata.namespace, name: rs.metadata.name, body }, tag: 'status', target: `replicasets/${metaNamespaceKey(rs)}` };
  }

  /** getIndirectlyRelatedPods: pods of every ReplicaSet with the same controller (for ranking). */
  private getIndirectlyRelatedPods(rs: KObject): KObject[] {
    const ref = getControllerOf(rs);
    if (!ref) return [];
    const siblings = Object.values(this.host.lister('replicasets')).filter((o) => o.metadata.namespace === rs.metadata.namespace && getControllerOf(o)?.uid === ref.uid);
    const seen = new Set<string>();
    const out: KObject[] = [];
    for (const s of siblings) {
      const sel = labelSelectorAsSelector((s.spec as Obj).selector);
      for (const p of podsInNamespace(this.host, rs.metadata.namespace)) {
        if (seen.has(String(p.metadata.uid))) continue;
        if (!sel || sel.length === 0 || !matchesSelector(sel, p.metadata.labels as Record<string, string> | undefined)) continue;
        seen.add(String(p.metadata.uid));
        out.push(p);
      }
    }
    return out;
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): void {
    const exp = this.host.state().rsExpectations;
    if (op.tag === 'createPod' && resp.code < 300) sync.data.created = Number(sync.data.created) + 1;
    if (op.tag === 'deletePod') {
      (sync.data.attempted as string[]).push(String(op.data?.pod));
      // a failed delete will never be observed (a NotFound is not an error)
      if (resp.code >= 300) deletionObserved(exp, sync.key, String(op.data?.pod));
    }
  }

  /** After manageReplicas: settle expectations for skipped work, then write the status. */
  onBatchesDone(sync: ActiveSync): Op[] | undefined {
    if (!sync.data.claimed) return undefined; // the ReplicaSet was gone: nothing was planned
    const exp = this.host.state().rsExpectations;
    // slowStartBatch: pods never created are not expected any more
    for (let i = Number(sync.data.created); i < Number(sync.data.creates); i++) creationObserved(exp, sync.key);
    const attempted = new Set(sync.data.attempted as string[]);
    for (const k of sync.data.deleting as string[]) if (!attempted.has(k)) deletionObserved(exp, sync.key, k);
    const rs = this.host.lister('replicasets')[sync.key];
    if (!rs) return undefined;
    // the last batch was the status write; or nothing ran, in the same instant as syncHandler, whose
    // status was then up to date: the pass over every pod below would only say so again
    if (sync.current[0]?.tag === 'status' || (sync.current.length === 0 && !sync.failed)) {
      if (sync.failed) sync.requeueAfterMs = undefined;
      return undefined;
    }
    const pods = this.host.lister('pods');
    const claimed = (sync.data.claimed as string[]).map((k) => pods[k]).filter((p): p is KObject => !!p);
    const st = calculateStatus(rs, claimed, sync.failed, this.host.now());
    if (sync.failed) sync.requeueAfterMs = undefined;
    if (sync.current[0]?.tag === 'status' || replicaSetStatusUpToDate(rs, st)) return undefined;
    return [this.statusOp(rs, st)];
  }
}
