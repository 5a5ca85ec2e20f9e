// Twin of pkg/controller/deployment/deployment_controller.go: informer handlers for
// Deployments, ReplicaSets and Pods (Recreate waits for pods to go), syncDeployment (claim
// ReplicaSets, then status-only / paused / scaling / Recreate / RollingUpdate) and maxRetries.
import { podsInNamespace } from '../pod-index';
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, OpOutcome, SyncPlan } from '../controller';
import { refObject } from '../controller';
import { claimObjects } from '../controller-ref-manager';
import { canonical, getControllerOf, type OwnerReference } from '../pod-util';
import { resolveControllerRef } from '../replicaset/replica-set-handlers';
import { Reasons, getActualReplicaCountForReplicaSets, hasProgressDeadline, newDeploymentCondition, setDeploymentCondition } from './util/deployment-util';
import { equalIgnoreHash } from './util/revision';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync';
import { rolloutRolling } from './rolling';
import { rolloutRecreate } from './recreate';
import { DCtx, SOURCE } from './writes';

type Obj = Record<string, any>;

/** maxRetries: a deployment is dropped from the queue after 15 failed syncs in a row. */
export const MAX_RETRIES = 15;

export class DeploymentController implements Controller {
  readonly name = 'deployment';
  readonly workers = 5;
  readonly maxRetries = MAX_RETRIES;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'deployments') return this.host.enqueue(this.name, metaNamespaceKey(obj));
    if (informer === 'replicasets') return this.onReplicaSet(type, obj, old);
    if (informer === 'pods' && type === 'DELETED') this.deletePod(obj);
  }

  private enqueueOwner(obj: KObject, ref: OwnerReference | undefined): boolean {
    if (!ref) return false;
    const d = resolveControllerRef(this.host, obj.metadata.namespace, ref, 'Deployment');
    if (d) this.host.enqueue(this.name, metaNamespaceKey(d));
    return true;
  }

  /** addReplicaSet / updateReplicaSet / deleteReplicaSet */
  private onReplicaSet(type: WatchEventType, rs: KObject, old: KObject | undefined): void {
    if (type === 'MODIFIED' && old) {
      if (rs.metadata.resourceVersion === old.metadata.resourceVersion) return;
      const curRef = getControllerOf(rs);
      const oldRef = getControllerOf(old);
      const refChanged = canonical(curRef) !== canonical(oldRef);
      if (refChanged && oldRef) this.enqueueOwner(old, oldRef);
      if (this.enqueueOwner(rs, curRef)) return;
      if (refChanged || canonical(rs.metadata.labels) !== canonical(old.metadata.labels)) this.enqueueMatching(rs);
      return;
    }
    if (this.enqueueOwner(rs, getControllerOf(rs))) return;
    if (type === 'ADDED' && !rs.metadata.deletionTimestamp) this.enqueueMatching(rs);
  }

  /** getDeploymentsForReplicaSet: orphans wake every deployment whose selector matches. */
  private enqueueMatching(rs: KObject): void {
    for (const d of Object.values(this.host.lister('deployments'))) {
      if (d.metadata.namespace !== rs.metadata.namespace) continue;
      const sel = labelSelectorAsSelector((d.spec as Obj)?.selector);
      if (sel && sel.length && matchesSelector(sel, rs.metadata.labels as Record<string, string>)) this.host.enqueue(this.name, metaNamespaceKey(d));
    }
  }

  /** deletePod: a Recreate deployment waits for its last old pod to disappear. */
  private deletePod(pod: KObject): void {
    const rsRef = getControllerOf(pod);
    const rs = rsRef && resolveControllerRef(this.host, pod.metadata.namespace, rsRef);
    const dRef = rs && getControllerOf(rs);
    const d = dRef && resolveControllerRef(this.host, rs.metadata.namespace, dRef, 'Deployment');
    if (!d || (d.spec as Obj)?.strategy?.type !== 'Recreate') return;
    const c = new DCtx(this.host, d);
    c.rsList = this.ownedReplicaSets(d);
    if (Object.values(this.podMap(c)).every((ps) => ps.length === 0)) this.host.enqueue(this.name, metaNamespaceKey(d));
  }

  private ownedReplicaSets(d: KObject): KObject[] {
    return Object.values(this.host.lister('replicasets')).filter((rs) => getControllerOf(rs)?.uid === d.metadata.uid);
  }

  /** getPodMapForDeployment: the deployment's pods grouped by their ReplicaSet's UID. */
  private podMap(c: DCtx): Record<string, KObject[]> {
    const sel = labelSelectorAsSelector((c.d.spec as Obj)?.selector);
    const map: Record<string, KObject[]> = {};
    for (const rs of c.rsList) map[String(rs.metadata.uid)] = [];
    for (const p of podsInNamespace(this.host, c.d.metadata.namespace)) {
      if (!matchesSelector(sel, p.metadata.labels as Record<string, string>)) continue;
      const ref = getControllerOf(p);
      if (ref && map[ref.uid]) map[ref.uid].push(p);
    }
    return map;
  }

  syncHandler(key: string): SyncPlan {
    const found = this.host.lister('deployments')[key];
    if (!found) return { desired: 0, actual: 0, action: 'none', batches: [] };
    const c = new DCtx(this.host, structuredClone(found));
    const d = c.d;
    // getReplicaSetsForDeployment: claim ReplicaSets by selector and ControllerRef
    const rsInNs = Object.values(this.host.lister('replicasets')).filter((rs) => rs.metadata.namespace === d.metadata.namespace);
    const claimed = claimObjects(d, labelSelectorAsSelector((d.spec as Obj)?.selector), rsInNs, 'replicasets');
    c.ops.push(...claimed.ops);
    if (claimed.ops.length) c.actions.push(`claim ${claimed.ops.length} replica set(s)`);
    c.rsList = claimed.claimed.map((rs) => structuredClone(rs));
    c.podMap = this.podMap(c);
    const actual = getActualReplicaCountForReplicaSets(c.rsList);
    if (d.metadata.deletionTimestamp) syncStatusOnly(c);
    else {
      checkPausedConditions(c);
      if ((d.spec as Obj).paused || isScalingEvent(c)) sync(c);
      else if ((d.spec as Obj).strategy?.type === 'Recreate') rolloutRecreate(c);
      else rolloutRolling(c);
    }
    return {
      desired: Number((d.spec as Obj).replicas ?? 0),
      actual,
      action: c.actions.length ? c.actions.join('; ') : 'none',
      object: refObject(found),
      batches: c.ops.map((op) => [op]),
      requeueAfterMs: c.requeueAfterMs,
      requeueAfterBackground: c.requeueAfterMs !== undefined,
      requeueRateLimited: c.requeueRateLimited,
    };
  }

  /** getNewReplicaSet's create error paths: AlreadyExists (ours, or a hash collision) and failures. */
  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): OpOutcome | void {
    if (op.tag !== 'createRS' || resp.code < 300) return;
    const d = this.host.lister('deployments')[sync.key];
    if (!d) return;
    if (resp.status?.reason === 'AlreadyExists') {
      const rs = this.host.lister('replicasets')[`${d.metadata.namespace}/${op.data?.name}`];
      if (rs && getControllerOf(rs)?.uid === d.metadata.uid && equalIgnoreHash((rs.spec as Obj).template, (d.spec as Obj).template)) return { ok: true };
      // a hash collision: bump collisionCount so the next sync computes another name
      const status = { ...((d.status ?? {}) as Obj), collisionCount: Number((d.status as Obj | undefined)?.collisionCount ?? 0) + 1 };
      return { ok: false, then: [[this.statusOp(d, status)]] };
    }
    const msg = `Failed to create new replica set "${op.data?.name}": ${resp.status?.message ?? resp.code}`;
    const after: Op[][] = [];
    if (hasProgressDeadline(d)) {
      const status = structuredClone((d.status ?? {}) as Obj);
      setDeploymentCondition(status, newDeploymentCondition('Progressing', 'False', Reasons.FailedRSCreate, msg, this.host.now()));
      after.push([this.statusOp(d, status)]);
    }
    this.host.recordEvent({ source: SOURCE, object: refObject(d), type: 'Warning', reason: Reasons.FailedRSCreate, message: msg });
    return { ok: false, then: after };
  }

  private statusOp(d: KObject, status: Obj): Op {
    return { req: { verb: 'update', resource: 'deployments', subresource: 'status', namespace: d.metadata.namespace, name: d.metadata.name, body: { ...d, status } }, tag: 'status' };
  }
}
