// kube-controller-manager as an actor. Twin of cmd/kube-controller-manager/app/controllermanager.go
// (one process hosting many controllers over shared informers) with the worker loop of
// sample-controller controller.go: processNextWorkItem → syncHandler(key) → Forget, or
// AddRateLimited on error. Each sync is traced as `controller.sync`; its writes are ordinary
// requests to kube-apiserver, sent batch by batch while the key stays in `processing`.
import { byIndex } from '../client/informer-index';
import type { Kernel } from '../kernel/kernel';
import type { ComponentId, Msg } from '../kernel/types';
import type { KObject } from '../api/types';
import type { ApiResponse, WatchEventType } from '../api/wire';
import { Component, type ComponentState, type Purpose, newClientState } from '../client/component';
import { type QueueState, add, addRateLimitedDelayMs, done, forget, get, len, newQueueState, numRequeues, processingCount } from './workqueue/queue';
import type { ActiveSync, Controller, ControllerHost, ControllersState, EventSpec, Op, SyncPlan } from './controller';
import { ReplicaSetController } from './replicaset/replica-set';
import { DeploymentController } from './deployment/deployment-controller';
import { GarbageCollector } from './garbagecollector/garbagecollector';
import { NamespaceController } from './namespace/namespace-controller';
import { podWatchIsNoise } from './replicaset/replica-set-handlers';
import { labelSelectorAsSelector, matchesSelector } from '../api/selectors';
import { EndpointSliceController } from './endpointslice/endpointslice-controller';
import { EndpointsController } from './endpoint/endpoints-controller';
import { JobController } from './job/job-controller';
import { TTLAfterFinishedController } from './job/ttl-after-finished-controller';
import { CronJobController } from './cronjob/cronjob-controller';
import { NodeLifecycleController, nodeWatchIsNoise } from './nodelifecycle/node-lifecycle-controller';
import { TaintEvictionController } from './tainteviction/taint-eviction';
import { StatefulSetController } from './statefulset/stateful-set';
import { DaemonSetsController } from './daemon/daemon-controller';
import { PersistentVolumeController } from './persistentvolume/pv-controller';
import { ServiceAccountsController } from './serviceaccount/serviceaccounts-controller';
import { RootCACertPublisher } from './rootcacertpublisher/publisher';
import { ResourceQuotaController } from './resourcequota/resource-quota-controller';
import { DisruptionController } from './disruption/disruption-controller';

export const CONTROLLER_MANAGER = 'controller-manager';
const INFORMERS = ['pods', 'replicasets', 'deployments', 'services', 'endpointslices', 'endpoints', 'nodes', 'leases', 'jobs', 'cronjobs', 'statefulsets', 'daemonsets', 'controllerrevisions', 'persistentvolumeclaims', 'persistentvolumes', 'namespaces', 'serviceaccounts', 'configmaps', 'secrets', 'resourcequotas'] as const;

export interface ControllerManagerState extends ComponentState {
  queues: Record<string, QueueState>;
  /** PROCESS_NEXT messages in flight per controller */
  kicks: Record<string, number>;
  syncs: Record<number, ActiveSync>;
  nextSyncId: number;
  ctrl: ControllersState;
}

export class ControllerManager extends Component<ControllerManagerState> {
  private readonly controllers: Controller[];
  private readonly byName: Record<string, Controller> = {};
  /** the event source while a controller records an Event (set and cleared synchronously) */
  private source = 'controller-manager';

  constructor(k: Kernel) {
    super(CONTROLLER_MANAGER, k, { client: newClientState(), queues: {}, kicks: {}, syncs: {}, nextSyncId: 1, ctrl: { rsExpectations: {} } }, { user: 'system:kube-controller-manager', groups: [] });
    const host = this.host();
    this.controllers = [new DeploymentController(host), new ReplicaSetController(host), new GarbageCollector(host), new EndpointSliceController(host), new EndpointsController(host), new NodeLifecycleController(host), new TaintEvictionController(host), new JobController(host), new CronJobController(host), new TTLAfterFinishedController(host), new StatefulSetController(host), new DaemonSetsController(host), new PersistentVolumeController(host), new ServiceAccountsController(host), new RootCACertPublisher(host), new ResourceQuotaController(host), new NamespaceController(host), new DisruptionController(host)];
    for (const c of this.controllers) {
      this.byName[c.name] = c;
      this.s.queues[c.name] = newQueueState();
      this.s.kicks[c.name] = 0;
    }
  }

  private host(): ControllerHost {
    return {
      now: () => this.k.now(),
      lister: (r) => this.informer(r)?.store ?? {},
      indexed: (r, index, value) => byIndex(this.informer(r)?.store ?? {}, index, value),
      enqueue: (c, key) => this.enqueue(c, key),
      enqueueAfter: (c, key, ms) => (ms <= 0 ? this.enqueue(c, key) : this.later({ type: 'WORKQUEUE_ADD', controller: c, key }, ms)),
      state: () => this.s.ctrl,
      recordEvent: (ev) => this.record(ev),
    };
  }

  protected override eventSource(): string {
    return this.source;
  }

  protected override watchAmbient(informer: string, type: WatchEventType, obj: KObject, old?: KObject): boolean {
    // the endpoint controllers' own writes coming back are no news
    if (informer === 'endpointslices' || informer === 'endpoints') return true;
    // Lease renewals and node heartbeats are background pulses; a taint or Ready change is news
    if (informer === 'leases') return true;
    // a controller's own ControllerRevisions coming back are no news
    if (informer === 'controllerrevisions') return true;
    // ServiceAccounts, ConfigMaps and Secrets coming and going wake no story here (the SA and root-CA controllers' own writes)
    if (informer === 'serviceaccounts' || informer === 'configmaps' || informer === 'secrets') return true;
    if (informer === 'nodes') return type === 'MODIFIED' && nodeWatchIsNoise(obj, old);
    if (informer !== 'pods') return false;
    // a pod no controller owns or selects wakes nothing here: a background pulse, not a step
    if (!(obj.metadata.ownerReferences ?? []).length && !this.selectedByAnyController(obj)) return true;
    return type === 'MODIFIED' && podWatchIsNoise(obj, old);
  }

  /** Would a Service (endpoints) or a ReplicaSet (adoption) in the pod's namespace select it? */
  private selectedByAnyController(pod: KObject): boolean {
    const ns = pod.metadata.namespace;
    const labels = pod.metadata.labels as Record<string, string> | undefined;
    for (const svc of Object.values(this.informer('services')?.store ?? {})) {
      const sel = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
      if (svc.metadata.namespace === ns && sel && Object.keys(sel).length && Object.entries(sel).every(([k, v]) => labels?.[k] === v)) return true;
    }
    for (const rs of Object.values(this.informer('replicasets')?.store ?? {})) {
      if (rs.metadata.namespace !== ns) continue;
      try {
        if (matchesSelector(labelSelectorAsSelector((rs.spec as { selector?: never })?.selector), labels)) return true;
      } catch {
        /* an invalid selector selects nothing */
      }
    }
    return false;
  }

  protected onMessage(msg: Msg, _from: ComponentId): void {
    switch (msg.type) {
      case 'START':
        for (const r of INFORMERS) this.startInformer(r, r);
        return;
      case 'START_PDB_INFORMER':
        // the disruption controller's PDB informer starts with the first PodDisruptionBudget
        // (upstream it lists at start-up): clusters without one keep their traces unchanged
        if (!this.informer('poddisruptionbudgets')) this.startInformer('poddisruptionbudgets', 'poddisruptionbudgets');
        return;
      case 'WORKQUEUE_ADD':
        return this.enqueue(String(msg.controller), String(msg.key));
      case 'PROCESS_NEXT':
        return this.processNextWorkItem(String(msg.controller));
    }
  }

  protected override onSynced(): void {
    // cache.WaitForCacheSync: workers start once every informer has listed
    if (INFORMERS.every((r) => this.informer(r)?.synced)) for (const c of this.controllers) this.kick(c.name);
  }

  protected onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    for (const c of this.controllers) c.onWatch(informer, type, obj, old);
  }

  private enqueue(controller: string, key: string): void {
    if (add(this.s.queues[controller], key)) this.kick(controller);
  }

  /** Wake idle workers: one PROCESS_NEXT per queued key, up to the worker count. */
  private kick(controller: string): void {
    if (!INFORMERS.every((r) => this.informer(r)?.synced)) return;
    const q = this.s.queues[controller];
    const c = this.byName[controller];
    const n = Math.min(c.workers - processingCount(q) - this.s.kicks[controller], len(q) - this.s.kicks[controller]);
    for (let i = 0; i < n; i++) {
      this.s.kicks[controller]++;
      this.later({ type: 'PROCESS_NEXT', controller });
    }
  }

  private processNextWorkItem(controller: string): void {
    this.s.kicks[controller]--;
    const key = get(this.s.queues[controller]);
    if (key === undefined) return;
    const c = this.byName[controller];
    let plan: SyncPlan;
    try {
      plan = c.syncHandler(key);
    } catch (e) {
      plan = { desired: '', actual: '', action: 'error', batches: [], error: (e as Error).message };
    }
    const acted = plan.batches.length > 0 || !!plan.error;
    const m = plan.object?.metadata;
    const waiting = this.s.queues[controller];
    this.k.trace({
      type: 'controller.sync',
      key: plan.narration?.key ?? 'controller.sync',
      // queued: keys still waiting in this controller's work queue once this one was taken (Get)
      params: { controller, key, desired: plan.desired, actual: plan.actual, action: plan.action, queued: len(waiting), ...plan.narration?.params },
      object: m ? { kind: plan.object!.kind, namespace: m.namespace, name: m.name, uid: m.uid, resourceVersion: m.resourceVersion } : undefined,
      detail: syncDetail(plan, waiting.queue),
      ambient: !acted || undefined,
    });
    const sync: ActiveSync = { id: this.s.nextSyncId++, controller, key, batches: plan.batches, current: [], inflight: 0, failed: plan.error, finalized: false, rv: {}, requeueAfterMs: plan.requeueAfterMs, requeueAfterBackground: plan.requeueAfterBackground, requeueRateLimited: plan.requeueRateLimited, data: plan.data ?? {} };
    this.s.syncs[sync.id] = sync;
    this.runNextBatch(sync);
  }

  private runNextBatch(sync: ActiveSync): void {
    const c = this.byName[sync.controller];
    if (sync.batches.length === 0 && !sync.finalized) {
      sync.finalized = true;
      const last = c.onBatchesDone?.(sync);
      if (last?.length) sync.batches = [last];
    }
    const batch = sync.batches.shift();
    if (!batch) return this.finish(sync);
    sync.current = batch;
    sync.inflight = batch.length;
    batch.forEach((op, i) => {
      const req = { ...op.req };
      const rv = op.target && sync.rv[op.target];
      if (rv && req.body && req.verb === 'update') req.body = { ...req.body, metadata: { ...req.body.metadata, resourceVersion: rv } };
      this.request(req, { kind: 'op', sync: sync.id, op: i });
    });
  }

  protected onResponse(p: Purpose, resp: ApiResponse): void {
    if (p.kind !== 'op') return;
    const sync = this.s.syncs[Number(p.sync)];
    if (!sync) return;
    const op = sync.current[Number(p.op)];
    const c = this.byName[sync.controller];
    const outcome = c.onOpResult?.(sync, op, resp) ?? {};
    const ok = outcome.ok ?? (resp.code < 300 || !!op.ignore?.includes(resp.code));
    if (ok && resp.code < 300 && op.target && resp.object?.metadata.resourceVersion) sync.rv[op.target] = resp.object.metadata.resourceVersion;
    const ev = ok ? (resp.code < 300 ? op.onSuccess : undefined) : op.onFailure;
    if (ev) this.record(ev, resp);
    if (!ok) {
      sync.failed ??= resp.status?.message ?? `request failed with code ${resp.code}`;
      sync.batches = [];
    }
    if (outcome.then) sync.batches = outcome.then;
    if (--sync.inflight === 0) this.runNextBatch(sync);
  }

  private record(ev: EventSpec, resp?: ApiResponse): void {
    const name = resp?.object?.metadata.name ?? '';
    const message = ev.message.replace('{name}', name).replace('{error}', resp?.status?.message ?? '');
    this.source = ev.source;
    try {
      this.recordEvent(ev.object, ev.type, ev.reason, message);
    } finally {
      this.source = 'controller-manager';
    }
  }

  /** processNextWorkItem's tail: Done, then Forget or AddRateLimited (handleErr). */
  private finish(sync: ActiveSync): void {
    delete this.s.syncs[sync.id];
    const q = this.s.queues[sync.controller];
    const c = this.byName[sync.controller];
    done(q, sync.key);
    if (sync.failed || sync.requeueRateLimited) {
      if (c.maxRetries !== undefined && numRequeues(q.limiter, sync.key) >= c.maxRetries) forget(q.limiter, sync.key);
      else this.host().enqueueAfter(sync.controller, sync.key, addRateLimitedDelayMs(q, sync.key, this.k.now()));
    } else forget(q.limiter, sync.key);
    if (sync.requeueAfterMs !== undefined) this.later({ type: 'WORKQUEUE_ADD', controller: sync.controller, key: sync.key }, Math.max(0, sync.requeueAfterMs), !!sync.requeueAfterBackground);
    this.kick(sync.controller);
  }
}

const SHOWN_KEYS = 20;
const SHOWN_WRITES = 10;

/** `controller.sync` detail for the Controllers panel: the waiting keys and the planned writes. */
export interface ControllerSyncDetail {
  error?: string;
  /** keys still waiting in the work queue (the first few) */
  queue: string[];
  /** `create pods web-76b5cf648f-*` (the first few) */
  writes: string[];
  writeCount: number;
}

function syncDetail(plan: SyncPlan, queue: readonly string[]): ControllerSyncDetail | undefined {
  const writes = plan.batches.flat().map(describeOp);
  if (!plan.error && queue.length === 0 && writes.length === 0) return undefined;
  return {
    ...(plan.error ? { error: plan.error } : {}),
    queue: queue.slice(0, SHOWN_KEYS),
    writes: writes.slice(0, SHOWN_WRITES),
    writeCount: writes.length,
  };
}

/** `create pods web-76b5cf648f-*`, `update replicasets/status web-76b5cf648f` (a generated name ends in *). */
function describeOp(op: Op): string {
  const r = op.req;
  const meta = r.body?.metadata as { name?: string; generateName?: string } | undefined;
  const name = r.name ?? meta?.name ?? (meta?.generateName ? `${meta.generateName}*` : '');
  return `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}${name ? ` ${name}` : ''}`;
}
