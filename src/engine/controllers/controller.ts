// The reconcile-loop contract, shaped like kubernetes/sample-controller controller.go: informer
// handlers enqueue keys; a worker takes a key (processNextWorkItem) and runs syncHandler(key),
// which reads listers only and answers with the writes to make. Upstream writes synchronously
// inside syncHandler; here the writes are data (an ordered list of batches of requests) that the
// controller-manager sends through kube-apiserver, batch after batch, before the key is Done —
// so a key is still never processed twice at once, and errors requeue with rate limiting.
import type { IndexName } from '../client/informer-index';
import type { KObject } from '../api/types';
import type { NarrationKey } from '../kernel/trace-types';
import type { ApiResponse, WatchEventType } from '../api/wire';
import type { RequestSpec } from '../client/component';
import type { Expectations } from './controller-utils';

/** core/v1 Event to record for a request's outcome; `{name}` is replaced by the object's name. */
export interface EventSpec {
  source: string;
  object: KObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** One API write (or read) of a sync. */
export interface Op {
  req: RequestSpec;
  /** `resource/namespace/name`: later ops on the same object carry the new resourceVersion */
  target?: string;
  /** what the op is, for onOpResult (e.g. 'createPod', 'createRS', 'getOwner') */
  tag?: string;
  data?: Record<string, string | number | boolean>;
  onSuccess?: EventSpec;
  onFailure?: EventSpec;
  /** response codes that count as success (e.g. 404 when deleting) */
  ignore?: number[];
}

export interface SyncPlan {
  /** the loop's two sides for the trace: what the object asks for and what exists */
  desired: number | string;
  actual: number | string;
  /** what this sync does ('none' when it changes nothing) */
  action: string;
  object?: KObject;
  /** batches run one after the other; the ops of a batch run concurrently */
  batches: Op[][];
  /** queue.AddAfter(key) once the sync is done (minReadySeconds, progress deadline checks) */
  requeueAfterMs?: number;
  /** the AddAfter is a background re-check (a progress deadline), not story work: runUntilIdle ignores it */
  requeueAfterBackground?: boolean;
  /** queue.AddRateLimited(key) even without an error (requeueStuckDeployment) */
  requeueRateLimited?: boolean;
  /** an error found while planning (returned by syncHandler upstream) */
  error?: string;
  /** a narration key (and its params) for this sync's controller.sync trace, instead of the generic one */
  narration?: { key: NarrationKey; params: Record<string, string | number | boolean> };
  data?: Record<string, unknown>;
}

export interface ActiveSync {
  id: number;
  controller: string;
  key: string;
  batches: Op[][];
  current: Op[];
  inflight: number;
  failed?: string;
  finalized: boolean;
  /** resourceVersions learnt from this sync's own responses */
  rv: Record<string, string>;
  requeueAfterMs?: number;
  requeueAfterBackground?: boolean;
  requeueRateLimited?: boolean;
  data: Record<string, unknown>;
}

export interface OpOutcome {
  /** override success/failure */
  ok?: boolean;
  /** replace the remaining batches */
  then?: Op[][];
}

/** State the hosted controllers keep in the actor's `s` (plain data). */
export interface ControllersState {
  /** ReplicaSet controller expectations, keyed by ReplicaSet key */
  rsExpectations: Expectations;
  /** EndpointSlice controller's EndpointSliceTracker: service key → slice UID → resourceVersion written */
  endpointSliceTracker?: Record<string, Record<string, string>>;
  /** Endpoints controller's staleEndpointsTracker: Endpoints key → resourceVersion it last wrote */
  endpointsTracker?: Record<string, string>;
  /** node lifecycle controller (nodelifecycle/): nodeHealthMap, knownNodeSet, the NoExecute tainter queue */
  nodeLifecycle?: import('./nodelifecycle/node-lifecycle-controller').NodeLifecycleState;
  /** taint eviction controller (tainteviction/): taintedNodes and the timed eviction queue */
  taintEviction?: import('./tainteviction/taint-eviction').TaintEvictionState;
  /** Job controller (job/): pod expectations, the pod-failure back-off store, counted pods */
  job?: import('./job/job-controller').JobControllerState;
  /** CronJob controller (cronjob/): the Jobs it created */
  cronjob?: import('./cronjob/cronjob-controller').CronJobControllerState;
  /** DaemonSet controller (daemon/): pod expectations per DaemonSet key */
  daemonSet?: import('./controller-utils').Expectations;
}

/** What a controller may use: listers (informer caches), the work queues and the clock. */
export interface ControllerHost {
  now(): number;
  lister(resource: 'pods' | 'replicasets' | 'deployments' | 'services' | 'endpointslices' | 'endpoints' | 'nodes' | 'leases' | 'jobs' | 'cronjobs' | 'statefulsets' | 'daemonsets' | 'controllerrevisions' | 'persistentvolumeclaims' | 'persistentvolumes' | 'namespaces' | 'serviceaccounts' | 'configmaps' | 'secrets' | 'resourcequotas' | 'poddisruptionbudgets'): Record<string, KObject>;
  /** the informer's index (client-go Indexer.ByIndex; client/informer-index.ts): pods by namespace or node */
  indexed?(resource: 'pods', index: IndexName, value: string): KObject[];
  enqueue(controller: string, key: string): void;
  enqueueAfter(controller: string, key: string, delayMs: number): void;
  state(): ControllersState;
  recordEvent(ev: EventSpec): void;
}

export interface Controller {
  readonly name: string;
  /** --concurrent-*-syncs */
  readonly workers: number;
  /** give up after this many requeues (deployment: maxRetries 15); undefined = never */
  readonly maxRetries?: number;
  syncHandler(key: string): SyncPlan;
  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void;
  onOpResult?(sync: ActiveSync, op: Op, resp: ApiResponse): OpOutcome | void;
  /** called once when every batch ran or one failed: may add a final batch (a status write) */
  onBatchesDone?(sync: ActiveSync): Op[] | undefined;
}

/** cache.MetaNamespaceKeyFunc's inverse, SplitMetaNamespaceKey. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** A minimal object naming another, for Events and trace refs. */
export function refObject(o: KObject): KObject {
  return { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion } };
}
