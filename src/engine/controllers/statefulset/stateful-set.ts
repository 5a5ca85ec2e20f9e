// Twin of pkg/controller/statefulset/stateful_set.go: informer handlers (addPod, updatePod,
// deletePod → the owning set; orphans → every set whose selector matches) and sync(key) →
// getPodsForStatefulSet (ClaimPods, members by name only) → UpdateStatefulSet. StatefulSets keep
// no expectations upstream either: a stale cache makes a create fail with AlreadyExists, which
// is sunk without an Event and retried.
import { podsInNamespace } from '../pod-index';
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, OpOutcome, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { claimObjects } from '../controller-ref-manager';
import { canonical, getControllerOf, isPodReady } from '../pod-util';
import { SOURCE, statusOp, updateStatefulSet } from './stateful-set-control';
import { isMemberOf } from './stateful-set-utils';

type Obj = Record<string, any>;

export class StatefulSetController implements Controller {
  readonly name = 'statefulset';
  /** --concurrent-statefulset-syncs */
  readonly workers = 5;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'statefulsets') return this.host.enqueue(this.name, metaNamespaceKey(obj));
    if (informer !== 'pods') return;
    if (type === 'MODIFIED' && old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    const ref = getControllerOf(obj);
    const oldRef = old && getControllerOf(old);
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(old!, oldRef.uid);
    if (ref) {
      const set = this.enqueueOwner(obj, ref.uid);
      // updatePod: a pod turning Ready becomes available after minReadySeconds
      const minReady = Number((set?.spec as Obj | undefined)?.minReadySeconds ?? 0);
      if (set && old && !isPodReady(old) && isPodReady(obj) && minReady > 0) this.host.enqueueAfter(this.name, metaNamespaceKey(set), minReady * 1000);
      return;
    }
    // an orphan (or one whose labels changed): every matching set may adopt it
    if (type === 'DELETED' || (old && canonical(old.metadata.labels) === canonical(obj.metadata.labels) && !oldRef)) return;
    for (const set of this.getPodStatefulSets(obj)) this.host.enqueue(this.name, metaNamespaceKey(set));
  }

  private enqueueOwner(pod: KObject, uid: string): KObject | undefined {
    const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.uid === uid);
    if (ref?.kind !== 'StatefulSet') return undefined;
    const set = this.host.lister('statefulsets')[`${pod.metadata.namespace}/${ref.name}`];
    if (!set || set.metadata.uid !== uid) return undefined;
    this.host.enqueue(this.name, metaNamespaceKey(set));
    return set;
  }

  /** getPodStatefulSets: sets in the pod's namespace whose selector matches its labels. */
  private getPodStatefulSets(pod: KObject): KObject[] {
    return Object.values(this.host.lister('statefulsets')).filter((s) => s.metadata.namespace === pod.metadata.namespace && matchesSelector(labelSelectorAsSelector((s.spec as Obj)?.selector), pod.metadata.labels as Record<string, string> | undefined));
  }

  syncHandler(key: string): SyncPlan {
    const [ns] = splitKey(key);
    const set = this.host.lister('statefulsets')[key];
    if (!set) return { desired: 0, actual: 0, action: 'none', batches: [] };
    let selector;
    try {
      selector = labelSelectorAsSelector((set.spec as Obj).selector);
    } catch (e) {
      return { desired: 0, actual: 0, action: 'none', batches: [], error: (e as Error).message };
    }
    // getPodsForStatefulSet: ClaimPods limited to pods named like members of this set
    const candidates = podsInNamespace(this.host, ns).filter((p) => isMemberOf(set, p));
    const { claimed, ops: claimOps } = claimObjects(set, selector, candidates, 'pods');
    const claims: Record<string, KObject> = this.host.lister('persistentvolumeclaims');
    const r = updateStatefulSet(set, {
      pods: claimed,
      claims,
      revisions: this.host.lister('controllerrevisions'),
      nowMs: this.host.now(),
      record: (type, reason, message) => this.host.recordEvent({ source: SOURCE, object: refObject(set), type, reason, message }),
    });
    const batches = claimOps.length ? [claimOps, ...r.batches] : r.batches;
    const plan: SyncPlan = { desired: Number((set.spec as Obj).replicas ?? 1), actual: r.status.replicas, action: r.action, object: refObject(set), batches };
    // performUpdate writes the status even when updateStatefulSet failed (a refused pod create): kept for onBatchesDone
    if (r.statusWrite) plan.data = { status: statusOp(set, r.status) };
    const minReady = Number((set.spec as Obj).minReadySeconds ?? 0);
    if (minReady > 0 && r.status.availableReplicas !== Number((set.spec as Obj).replicas ?? 1)) plan.requeueAfterMs = minReady * 1000;
    return plan;
  }

  /** A failed create or delete stopped the batches: the status update still goes out, unless it was what failed. */
  onBatchesDone(sync: ActiveSync): Op[] | undefined {
    const status = sync.data.status as Op | undefined;
    return sync.failed && status && sync.current[0]?.tag !== 'status' ? [status] : undefined;
  }

  /** recordPodEvent / recordClaimEvent on failure; an AlreadyExists is sunk without an Event. */
  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): OpOutcome | void {
    if (resp.code < 300 || op.ignore?.includes(resp.code) || resp.code === 409) return;
    const [ns, name] = splitKey(sync.key);
    const set = this.host.lister('statefulsets')[`${ns}/${name}`];
    if (!set) return;
    const err = resp.status?.message ?? `request failed with code ${resp.code}`;
    const ev = { source: SOURCE, object: refObject(set), type: 'Warning' as const };
    const pod = String(op.data?.pod ?? '');
    if (op.tag === 'createClaim') this.host.recordEvent({ ...ev, reason: 'FailedCreate', message: `create Claim ${op.data?.claim} for Pod ${pod} in StatefulSet ${name} failed error: ${err}` });
    if (op.tag === 'createPod') this.host.recordEvent({ ...ev, reason: 'FailedCreate', message: `create Pod ${pod} in StatefulSet ${name} failed error: ${err}` });
    if (op.tag === 'deletePod') this.host.recordEvent({ ...ev, reason: 'FailedDelete', message: `delete Pod ${pod} in StatefulSet ${name} failed error: ${err}` });
  }
}
