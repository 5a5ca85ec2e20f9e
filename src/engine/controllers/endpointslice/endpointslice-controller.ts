// Twin of pkg/controller/endpointslice/endpointslice_controller.go: Service, Pod and EndpointSlice
// handlers enqueue Service keys; syncService lists the Service's pods and its managed slices,
// checks the EndpointSliceTracker for a stale cache and hands them to the reconciler, whose
// creates, updates and deletes become the sync's writes (finalize's order: create, update, delete).
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, EventSpec, Op, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { reconcile } from './reconciler';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME, getServicesToUpdate, podsForService, serviceSelector, shouldPodBeInEndpoints } from './util/controller-utils';
import { type EndpointSliceTrackerState, serviceKeyOf, trackerDeleteService, trackerExpectDeletion, trackerHandleDeletion, trackerHas, trackerShouldSync, trackerStaleSlices, trackerUpdate } from './util/endpointslice-tracker';
import { CONTROLLER_NAME, MAX_ENDPOINTS_PER_SLICE, type Endpoint, sliceEndpoints } from './utils';

type Obj = Record<string, any>;

/** the Event source of upstream's recorder */
export const SOURCE = 'endpoint-slice-controller';
/** endpointSliceChangeMinSyncDelay: slices changed by others are looked at again after 1 s */
const ENDPOINT_SLICE_CHANGE_MIN_SYNC_DELAY_MS = 1000;

const managedByController = (s: KObject) => (s.metadata.labels as Record<string, string> | undefined)?.[LABEL_MANAGED_BY] === CONTROLLER_NAME;

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice';
  /** --concurrent-service-endpoint-syncs */
  readonly workers = 5;
  readonly maxRetries = 15;

  constructor(private readonly host: ControllerHost) {}

  private tracker(): EndpointSliceTrackerState {
    return (this.host.state().endpointSliceTracker ??= {});
  }

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'services') return this.host.enqueue(this.name, metaNamespaceKey(obj));
    if (informer === 'pods') {
      const keys = type === 'ADDED' ? getServicesToUpdate(this.services(), undefined, obj) : type === 'DELETED' ? getServicesToUpdate(this.services(), obj, undefined) : getServicesToUpdate(this.services(), old, obj);
      for (const k of keys) this.host.enqueue(this.name, k);
      return;
    }
    if (informer === 'endpointslices') this.onEndpointSlice(type, obj, old);
  }

  /** onEndpointSliceAdd / Update / Delete */
  private onEndpointSlice(type: WatchEventType, slice: KObject, old: KObject | undefined): void {
    const t = this.tracker();
    const queue = (s: KObject) => this.host.enqueueAfter(this.name, serviceKeyOf(s), ENDPOINT_SLICE_CHANGE_MIN_SYNC_DELAY_MS);
    if (type === 'DELETED') {
      if (managedByController(slice) && trackerHas(t, slice) && !trackerHandleDeletion(t, slice)) queue(slice);
      return;
    }
    if (type === 'MODIFIED' && old) {
      const svcName = (o: KObject) => (o.metadata.labels as Record<string, string> | undefined)?.[LABEL_SERVICE_NAME];
      if (svcName(slice) !== svcName(old)) {
        queue(old);
        queue(slice);
      }
      if (managedByController(slice) !== managedByController(old) || (managedByController(slice) && trackerShouldSync(t, slice))) queue(slice);
      return;
    }
    if (managedByController(slice) && trackerShouldSync(t, slice)) queue(slice);
  }

  private services(): Record<string, KObject> {
    return this.host.lister('services');
  }

  /** The slices this controller manages for a Service (label selector service-name + managed-by). */
  private slicesFor(ns: string, name: string): KObject[] {
    return Object.keys(this.host.lister('endpointslices'))
      .sort()
      .map((k) => this.host.lister('endpointslices')[k])
      .filter((s) => s.metadata.namespace === ns && managedByController(s) && (s.metadata.labels as Record<string, string>)[LABEL_SERVICE_NAME] === name);
  }

  syncHandler(key: string): SyncPlan {
    const [ns, name] = splitKey(key);
    const svc = this.services()[key];
    const existing = this.slicesFor(ns, name);
    if (!svc) return this.serviceGone(key, existing);
    const spec = (svc.spec ?? {}) as Obj;
    // ExternalName Services and Services without a selector get no slices from this controller
    if (spec.type === 'ExternalName' || serviceSelector(svc) === undefined) return { desired: '', actual: '', action: 'none', object: refObject(svc), batches: [] };
    const pods = podsForService(this.host.lister('pods'), svc);
    const desired = countEndpoints(pods.filter((p) => shouldPodBeInEndpoints(p, true)).map((p) => ({ ready: endpointReady(p, svc) })));
    const actual = countEndpoints(existing.flatMap((s) => sliceEndpoints(s).map((e: Endpoint) => ({ ready: e.conditions?.ready !== false }))));
    if (trackerStaleSlices(this.tracker(), key, existing)) {
      // upstream returns a StaleInformerCache error: retried with rate limiting, no story step
      return { desired, actual, action: 'none (EndpointSlice informer cache is out of date)', object: refObject(svc), batches: [], requeueRateLimited: true };
    }
    const r = reconcile(svc, pods, existing, MAX_ENDPOINTS_PER_SLICE);
    const batches = [r.toCreate.map((s) => this.createOp(svc, s)), r.toUpdate.map((s) => this.updateOp(svc, s)), r.toDelete.map((s) => this.deleteOp(svc, s))].filter((b) => b.length > 0);
    const parts = [[r.toCreate.length, 'create'], [r.toUpdate.length, 'update'], [r.toDelete.length, 'delete']].filter(([n]) => Number(n) > 0).map(([n, v]) => `${v} ${n} slice(s)`);
    return { desired, actual, action: parts.length ? parts.join(', ') : 'none', object: refObject(svc), batches, data: { added: r.added, removed: r.removed } };
  }

  /**
   * The Service is gone. Upstream forgets it and leaves its slices to the garbage collector
   * (ownerReferences); this cluster's garbage collector follows only workload owners, so the
   * controller deletes the slices it manages itself.
   */
  private serviceGone(key: string, existing: KObject[]): SyncPlan {
    trackerDeleteService(this.tracker(), key);
    if (existing.length === 0) return { desired: 0, actual: 0, action: 'none', batches: [] };
    const [ns, name] = splitKey(key);
    const owner = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns } } as KObject;
    return { desired: 0, actual: `${existing.length} slice(s)`, action: `delete ${existing.length} slice(s)`, object: owner, batches: [existing.map((s) => this.deleteOp(owner, s))] };
  }

  private failure(svc: KObject): EventSpec {
    const m = svc.metadata;
    return { source: SOURCE, object: refObject(svc), type: 'Warning', reason: 'FailedToUpdateEndpointSlices', message: `Error updating Endpoint Slices for Service ${m.namespace}/${m.name}: {error}` };
  }

  private createOp(svc: KObject, slice: KObject): Op {
    const { name: _unset, ...meta } = slice.metadata;
    const body = { ...slice, metadata: meta } as KObject;
    return { req: { verb: 'create', resource: 'endpointslices', namespace: svc.metadata.namespace, body }, tag: 'createSlice', data: { svc: metaNamespaceKey(svc) }, onFailure: this.failure(svc) };
  }

  private updateOp(svc: KObject, slice: KObject): Op {
    const m = slice.metadata;
    return { req: { verb: 'update', resource: 'endpointslices', namespace: m.namespace, name: m.name, body: slice }, tag: 'updateSlice', data: { svc: metaNamespaceKey(svc) }, onFailure: this.failure(svc) };
  }

  private deleteOp(svc: KObject, slice: KObject): Op {
    const m = slice.metadata;
    return { req: { verb: 'delete', resource: 'endpointslices', namespace: m.namespace, name: m.name }, tag: 'deleteSlice', ignore: [404], data: { svc: metaNamespaceKey(svc), uid: String(m.uid) }, onFailure: svc.metadata.uid ? this.failure(svc) : undefined };
  }

  /** endpointSliceTracker.Update after each write; ExpectDeletion after each delete. */
  onOpResult(_sync: ActiveSync, op: Op, resp: ApiResponse): void {
    const svcKey = String(op.data?.svc);
    if ((op.tag === 'createSlice' || op.tag === 'updateSlice') && resp.code < 300 && resp.object) trackerUpdate(this.tracker(), svcKey, resp.object);
    if (op.tag === 'deleteSlice' && resp.code < 300 && this.services()[svcKey]) trackerExpectDeletion(this.tracker(), svcKey, String(op.data?.uid));
  }
}

function endpointReady(pod: KObject, svc: KObject): boolean {
  const ready = ((pod.status as Obj | undefined)?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
  return !!(svc.spec as Obj | undefined)?.publishNotReadyAddresses || (ready && !pod.metadata.deletionTimestamp);
}

/** `3 endpoint(s), 2 ready`: the loop's two sides for the trace. */
function countEndpoints(eps: Array<{ ready: boolean }>): string {
  return `${eps.length} endpoint(s), ${eps.filter((e) => e.ready).length} ready`;
}
