// kubelet:<node> — twin of pkg/kubelet/kubelet.go (Run, syncLoop, registerWithAPIServer,
// the node lease) wiring the pod logic of this folder to the CRI runtime and kube-apiserver.
import type { Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../kernel/kernel';
import type { ComponentId, Msg, TraceParamsOf, TraceSpec, TypedTraceSpec } from '../kernel/types';
import type { Rng } from '../kernel/rng';
import type { KObject } from '../api/types';
import type { ApiResponse, WatchEventType } from '../api/wire';
import { Component, newClientState, type ComponentState, type Purpose, type RequestSpec } from '../client/component';
import { handlePodRemove, handlePodUpdate, admitPod, volumesMounted, scheduleRemoval } from './kubelet-handlers';
import { onContainerDied, onSandboxReady, roundStep, syncPod } from './kuberuntime/kuberuntime-manager';
import * as ctr from './kuberuntime/kuberuntime-container';
import { initialNode, defaultInternalIP, nodeConditions } from './nodestatus/setters';
import { NODE_LEASE_NAMESPACE, RENEW_INTERVAL_MS, newLease, renewedLease } from './nodelease';
import { STATUS_SYNC_PERIOD_MS, killContainer, onSandboxStopped, onStoppedDuringTermination, preStopDone, resyncAfterFailure, runPreStop, terminationStep, volumesUnmounted } from './pod-termination';
import type { KubeletHost, PodTraceParams, PodTraceType, PodWorker } from './pod-workers';
import { record } from './pod-workers';
import type * as CRI from './runtime/cri';
import { kubeletId, runtimeId } from './runtime/cri';
import { newBackoff, type Backoff } from './util/backoff';
import { probeReply, probeTick } from './prober/prober-manager';
import { killDone, killStep } from './kuberuntime/kill-container';
import { killAfterPostStart, postStartDone, runPostStart } from './lifecycle/handlers';
import { informerName, referencedObjects, type ObjectKind, type ObjectLookup } from './util/manager/watch-based-manager';
import { metaNamespaceKey } from '../api/types';
import { EVICTION_MONITORING_PERIOD_MS, memoryPressureCondition, synchronize, type EvictionState } from './eviction/eviction-manager';
import { rfc3339 } from '../api/time';

export interface KubeletOptions {
  nodeName: string;
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  podCIDR: string;
  labels?: Record<string, string>;
  internalIP?: string;
}

export interface KubeletState extends ComponentState {
  opts: KubeletOptions & { internalIP: string };
  node?: KObject;
  lease?: KObject;
  images: Array<{ names: string[]; sizeBytes: number }>;
  reportedImages: string;
  pods: Record<string, PodWorker>;
  crashBackoff: Backoff;
  imageBackoff: Backoff;
  startedAtMs: number;
  /** the machine is powered off (inject node.stop): every message is dropped */
  stopped?: boolean;
  /** boots since creation: timers set before a reboot are stale */
  boot?: number;
  /** the eviction manager's observations and the MemoryPressure condition */
  eviction?: EvictionState;
}

/** nodeStatusUpdateFrequency: how often the kubelet checks whether its Node status changed. */
const NODE_STATUS_UPDATE_MS = 10_000;
/** A CRI call over the runtime's unix socket. */
const CRI_LATENCY_MS = 1;

export class Kubelet extends Component<KubeletState> implements KubeletHost {
  constructor(k: Kernel, opts: KubeletOptions) {
    const internalIP = opts.internalIP ?? defaultInternalIP(opts.podCIDR);
    super(kubeletId(opts.nodeName), k, {
      client: newClientState(), opts: { ...opts, internalIP }, images: [], reportedImages: '[]', pods: {},
      crashBackoff: newBackoff(), imageBackoff: newBackoff(), startedAtMs: 0,
    }, { user: `system:node:${opts.nodeName}`, groups: ['system:nodes'] });
  }

  // --- KubeletHost -------------------------------------------------------------------------
  get nodeName(): string { return this.s.opts.nodeName; }
  get hostIP(): string { return this.s.opts.internalIP; }
  get crashBackoff(): Backoff { return this.s.crashBackoff; }
  get imageBackoff(): Backoff { return this.s.imageBackoff; }
  get startedAtMs(): number { return this.s.startedAtMs; }
  now(): number { return this.k.now(); }
  rng(): Rng { return this.k.rng(`kubelet/${this.nodeName}`); }
  trace<K extends PodTraceType>(pw: PodWorker, type: K, params: PodTraceParams<K>, ambient = false): void {
    const object = { kind: 'Pod', namespace: pw.namespace, name: pw.name, uid: pw.uid };
    // `pod` plus the rest are K's params, which TypeScript cannot see through Omit of a generic K;
    // and a spec of a generic K reaches the (non-generic) Kernel.trace only as the union of all specs
    const spec: TypedTraceSpec<K> = { type, key: type, params: { pod: `${pw.namespace}/${pw.name}`, ...params } as TraceParamsOf<K>, object, ...(ambient ? { ambient: true } : {}) };
    this.k.trace(spec as TraceSpec);
  }
  event(pw: PodWorker, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recordEvent(pw.pod as unknown as KObject, type, reason, message, this.nodeName);
  }
  cri(msg: CRI.KubeletToRuntime): void { this.k.send(this.id, runtimeId(this.nodeName), msg, CRI_LATENCY_MS); }
  self(msg: Msg, delayMs = 0, periodic = false): void { this.later(msg, delayMs, periodic); }
  api(spec: RequestSpec, purpose: Purpose): void { this.request(spec, purpose); }
  get allocatable() { return { cpuMilli: this.s.opts.cpuMilli, memoryBytes: this.s.opts.memoryBytes }; }
  protected override eventSource(): string { return 'kubelet'; }

  // --- the watch-based ConfigMap and Secret managers ----------------------------------------
  registerPod(pod: Pod): void {
    const ns = pod.metadata?.namespace ?? 'default';
    for (const { kind, name } of referencedObjects(pod)) {
      const inf = informerName(kind, ns, name);
      if (this.s.client.informers[inf]) continue;
      this.startInformer(inf, kind === 'configmap' ? 'configmaps' : 'secrets', { namespace: ns, fieldSelector: `metadata.name=${name}`, ambient: true });
    }
  }

  getObject(kind: ObjectKind, namespace: string, name: string): ObjectLookup {
    const inf = this.s.client.informers[informerName(kind, namespace, name)];
    if (!inf?.synced) return { synced: false };
    return { synced: true, obj: inf.store[metaNamespaceKey({ metadata: { namespace, name } })] };
  }

  /** The echo of a status-only change (usually our own status write) wakes nothing worth a step. */
  protected override watchAmbient(informer: string, type: WatchEventType, obj: KObject, old?: KObject): boolean {
    if (type === 'MODIFIED' && old && JSON.stringify(old.spec) === JSON.stringify(obj.spec) && old.metadata.deletionTimestamp === obj.metadata.deletionTimestamp) return true;
    return super.watchAmbient(informer, type, obj, old);
  }

  // --- power: node.stop / node.start ------------------------------------------------------
  override receive(msg: Msg, from: ComponentId): void {
    if (msg.type === 'NODE_STOP') return this.powerOff();
    if (msg.type === 'NODE_START') return this.powerOn();
    if (this.s.stopped) {
      this.k.trace({ type: 'node.drop', key: 'node.drop', params: { node: this.nodeName, msg: msg.type }, ambient: true });
      return;
    }
    if (from === this.id && (msg.boot ?? 0) !== (this.s.boot ?? 0)) return; // a timer from before the reboot
    super.receive(msg, from);
  }

  protected override later(msg: Msg, delayMs = 0, periodic = false): void {
    super.later(this.s.boot ? { ...msg, boot: this.s.boot } : msg, delayMs, periodic);
  }

  /** The machine loses power: the kubelet process and everything it knew are gone. */
  private powerOff(): void {
    if (this.s.stopped) return;
    this.k.trace({ type: 'node.stop', key: 'node.stop', params: { node: this.nodeName, pods: Object.keys(this.s.pods).length } });
    this.s.stopped = true;
    Object.assign(this.s, { node: undefined, lease: undefined, pods: {}, images: [], reportedImages: '[]' });
    const c = this.s.client;
    Object.assign(c, { pending: {}, informers: {}, watches: {}, eventCache: {} });
  }

  /** Power is back: kubelet starts again (Run), re-registers and syncs the pods still bound to it. */
  private powerOn(): void {
    if (!this.s.stopped) return;
    this.s.stopped = false;
    this.s.boot = (this.s.boot ?? 0) + 1;
    this.s.crashBackoff = newBackoff();
    this.s.imageBackoff = newBackoff();
    this.k.trace({ type: 'node.start', key: 'node.start', params: { node: this.nodeName, boot: this.s.boot } });
    this.start();
  }

  // --- start, node registration, lease -----------------------------------------------------
  private start(): void {
    this.s.startedAtMs = this.now();
    this.registerNode();
    this.startInformer('pods', 'pods', { fieldSelector: `spec.nodeName=${this.nodeName}` });
    this.k.send(this.id, runtimeId(this.nodeName), { type: 'LIST_IMAGES' }, CRI_LATENCY_MS);
  }

  /** registerWithAPIServer: POST the Node (a story step: the node joins the cluster). */
  private registerNode(): void {
    this.request({ verb: 'create', resource: 'nodes', body: initialNode(this.s.opts, this.now()) }, { kind: 'node.register' });
  }

  private registered(node: KObject): void {
    const first = !this.s.node;
    this.s.node = node;
    if (!first) return;
    const ref = { ...node, metadata: { ...node.metadata, uid: this.nodeName, namespace: undefined } };
    this.recordEvent(ref, 'Normal', 'Starting', 'Starting kubelet.', this.nodeName);
    for (const c of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
      this.recordEvent(ref, 'Normal', c, `Node ${this.nodeName} status is now: ${c}`, this.nodeName);
    }
    this.recordEvent(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', this.nodeName);
    this.refreshConditions(node, ref);
    this.renewLease();
    this.later({ type: 'NODE_STATUS_TICK' }, NODE_STATUS_UPDATE_MS, true);
    this.later({ type: 'EVICTION_TICK' }, EVICTION_MONITORING_PERIOD_MS, true);
  }

  // --- eviction manager (pkg/kubelet/eviction) ----------------------------------------------
  private evictionTick(): void {
    this.later({ type: 'EVICTION_TICK' }, EVICTION_MONITORING_PERIOD_MS, true);
    this.k.send(this.id, runtimeId(this.nodeName), { type: 'LIST_CONTAINER_STATS' }, CRI_LATENCY_MS, true);
  }

  private containerStats(m: CRI.ContainerStats): void {
    const st = (this.s.eviction ??= { memoryPressure: false });
    if (synchronize(this, st, this.s.pods, m)) this.postMemoryPressure(st.memoryPressure);
  }

  /** syncNodeStatus with the MemoryPressure setter: the new condition and its NodeHas… event. */
  private postMemoryPressure(pressure: boolean): void {
    const node = this.s.node;
    if (!node) return;
    const c = memoryPressureCondition(pressure);
    const now = rfc3339(this.now());
    const conds = ((node.status as { conditions?: Array<Record<string, string>> }).conditions ?? []).map((x) =>
      x.type === 'MemoryPressure' ? { ...x, status: c.status, reason: c.reason, message: c.message, lastHeartbeatTime: now, lastTransitionTime: now } : x,
    );
    this.k.trace({ type: 'kubelet.node_condition', key: 'kubelet.node_condition', params: { node: this.nodeName, condition: 'MemoryPressure', status: c.status, reason: c.reason }, object: { kind: 'Node', name: this.nodeName, uid: node.metadata.uid } });
    const { resourceVersion: _rv, ...metadata } = node.metadata;
    this.request({ verb: 'update', resource: 'nodes', subresource: 'status', name: this.nodeName, body: { ...node, metadata, status: { ...(node.status as object), conditions: conds } } }, { kind: 'node.status' });
    const ref = { ...node, metadata: { ...node.metadata, uid: this.nodeName, namespace: undefined } };
    this.recordEvent(ref, 'Normal', c.event, `Node ${this.nodeName} status is now: ${c.event}`, this.nodeName);
  }

  /**
   * After a restart the Node already exists, perhaps marked Unknown by the node controller: the
   * first syncNodeStatus posts fresh conditions (setters.go ReadyCondition records NodeReady).
   */
  private refreshConditions(node: KObject, ref: KObject): void {
    const old = ((node.status as { conditions?: Array<Record<string, string>> } | undefined)?.conditions ?? []);
    const fresh = nodeConditions(this.now()).map((c) => {
      const o = old.find((x) => x.type === c.type);
      return o && o.status === c.status ? { ...c, lastTransitionTime: o.lastTransitionTime } : c;
    });
    if (fresh.every((c) => old.some((o) => o.type === c.type && o.status === c.status))) return;
    const wasReady = old.find((o) => o.type === 'Ready')?.status === 'True';
    const { resourceVersion: _rv, ...metadata } = node.metadata;
    this.request({ verb: 'update', resource: 'nodes', subresource: 'status', name: this.nodeName, body: { ...node, metadata, status: { ...(node.status as object), conditions: fresh } } }, { kind: 'node.status' });
    if (!wasReady) this.recordEvent(ref, 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`, this.nodeName);
  }

  private renewLease(): void {
    const lease = this.s.lease;
    if (lease) this.request({ verb: 'update', resource: 'leases', namespace: NODE_LEASE_NAMESPACE, name: this.nodeName, body: renewedLease(lease, this.now()), ambient: true }, { kind: 'lease.renew' });
    else this.request({ verb: 'create', resource: 'leases', namespace: NODE_LEASE_NAMESPACE, body: newLease(this.nodeName, this.s.node?.metadata.uid, this.now()), ambient: true }, { kind: 'lease.create' });
    this.later({ type: 'LEASE_RENEW' }, RENEW_INTERVAL_MS, true);
  }

  /** Report the node's images when they changed (ImageLocality scores with them). */
  private nodeStatusTick(): void {
    this.later({ type: 'NODE_STATUS_TICK' }, NODE_STATUS_UPDATE_MS, true);
    const images = JSON.stringify(this.s.images.slice(0, 50));
    const node = this.s.node;
    if (!node || images === this.s.reportedImages) return;
    this.s.reportedImages = images;
    const { resourceVersion: _rv, ...metadata } = node.metadata;
    const status = { ...(node.status as Record<string, unknown>), images: JSON.parse(images) };
    this.request({ verb: 'update', resource: 'nodes', subresource: 'status', name: this.nodeName, body: { ...node, metadata, status }, ambient: true }, { kind: 'node.status' });
  }

  protected onResponse(purpose: Purpose, resp: ApiResponse): void {
    switch (purpose.kind) {
      case 'node.register':
        if (resp.code === 201 && resp.object) return this.registered(resp.object);
        if (resp.code === 409) return void this.request({ verb: 'get', resource: 'nodes', name: this.nodeName, ambient: true }, { kind: 'node.get' });
        return this.later({ type: 'REGISTER' }, 1000);
      case 'node.get':
      case 'node.status':
        if (resp.code === 200 && resp.object) return this.registered(resp.object);
        return;
      case 'lease.create':
        // ensureLease: the Lease of a previous boot exists: get it, then renew it
        if (resp.code === 409) return void this.request({ verb: 'get', resource: 'leases', namespace: NODE_LEASE_NAMESPACE, name: this.nodeName, ambient: true }, { kind: 'lease.get' });
        return this.leaseResponse(resp);
      case 'lease.get':
        if (resp.code !== 200 || !resp.object) return this.leaseResponse(resp);
        this.s.lease = resp.object;
        return void this.request({ verb: 'update', resource: 'leases', namespace: NODE_LEASE_NAMESPACE, name: this.nodeName, body: renewedLease(resp.object, this.now()), ambient: true }, { kind: 'lease.renew' });
      case 'lease.renew':
        return this.leaseResponse(resp);
      case 'pod.status':
      case 'pod.delete':
        // a write the apiserver did not take is made again by the status manager's next syncBatch
        if (resp.code >= 300 && resp.code !== 404) this.later({ type: 'STATUS_RESYNC', uid: String(purpose.uid), what: purpose.kind }, STATUS_SYNC_PERIOD_MS);
        return;
    }
  }

  private leaseResponse(resp: ApiResponse): void {
    if ((resp.code === 200 || resp.code === 201) && resp.object) this.s.lease = resp.object;
    else this.s.lease = undefined; // conflict or gone: start again from a fresh create/get
  }

  protected onWatch(informer: string, type: WatchEventType, obj: KObject): void {
    if (informer !== 'pods') return; // a ConfigMap/Secret reflector: its store is the cache
    if (type === 'DELETED') handlePodRemove(this, this.s.pods, obj as unknown as Pod);
    else if (type === 'ADDED' || type === 'MODIFIED') handlePodUpdate(this, this.s.pods, obj as unknown as Pod);
  }

  protected onMessage(msg: Msg, _from: ComponentId): void {
    if (msg.type === 'START') return this.start();
    if (msg.type === 'REGISTER') return this.registerNode();
    if (msg.type === 'LEASE_RENEW') return this.renewLease();
    if (msg.type === 'NODE_STATUS_TICK') return this.nodeStatusTick();
    if (msg.type === 'EVICTION_TICK') return this.evictionTick();
    if (msg.type === 'CONTAINER_STATS') return this.containerStats(msg as CRI.ContainerStats);
    if (msg.type === 'IMAGE_LIST') {
      this.s.images = (msg as CRI.ImageList).images;
      return;
    }
    const uid = String(msg.uid ?? msg.podUid ?? '');
    const pw = this.s.pods[uid];
    if (!pw) return;
    this.podMessage(pw, msg);
  }

  private podMessage(pw: PodWorker, msg: Msg): void {
    const name = String(msg.name ?? '');
    switch (msg.type) {
      case 'ADMIT': return admitPod(this, this.s.pods, { cpuMilli: this.s.opts.cpuMilli, memoryBytes: this.s.opts.memoryBytes, pods: this.s.opts.pods }, pw);
      case 'VOLUMES_MOUNTED': return volumesMounted(this, pw);
      case 'SYNC_POD': return msg.token === pw.syncToken ? syncPod(this, pw) : undefined;
      case 'POD_STEP':
        if (msg.token !== pw.stepToken) return;
        return pw.phase === 'terminating' ? terminationStep(this, pw) : roundStep(this, pw);
      case 'PROBE_TICK': return probeTick(this, pw, String(msg.key), msg.manual === true);
      case 'KILL_STEP': return killStep(this, pw);
      case 'POSTSTART': return runPostStart(this, pw, name);
      case 'POSTSTART_KILL': return killAfterPostStart(this, pw, name);
      case 'KILL_CONTAINER': return killContainer(this, pw, name);
      case 'PRESTOP': return runPreStop(this, pw, name);
      case 'PRESTOP_DONE': return preStopDone(this, pw, name);
      case 'VOLUMES_UNMOUNTED':
        volumesUnmounted(this, pw);
        if (pw.deletedFromApi) scheduleRemoval(this, pw);
        return;
      case 'STATUS_RESYNC': return resyncAfterFailure(this, pw, String(msg.what));
      case 'REMOVE_SANDBOX':
        if (pw.sandbox) return this.cri({ type: 'REMOVE_POD_SANDBOX', podUid: pw.uid, namespace: pw.namespace, name: pw.name, sandboxId: pw.sandbox.id });
        delete this.s.pods[pw.uid];
        return;
    }
    this.criReply(pw, msg as CRI.RuntimeToKubelet);
  }

  private criReply(pw: PodWorker, m: CRI.RuntimeToKubelet): void {
    switch (m.type) {
      case 'POD_SANDBOX_READY': return onSandboxReady(this, pw, m.sandboxId, m.ip);
      case 'IMAGE_STATUS_RESULT': return ctr.onImageStatus(this, pw, m);
      case 'IMAGE_PULLED': return ctr.onImagePulled(this, pw, m);
      case 'IMAGE_PULL_FAILED': return ctr.onImagePullFailed(this, pw, m);
      case 'CONTAINER_CREATED': return ctr.onContainerCreated(this, pw, m);
      case 'CONTAINER_STARTED': return ctr.onContainerStarted(this, pw, m);
      case 'CONTAINER_START_FAILED': return ctr.onContainerStartFailed(this, pw, m);
      case 'CONTAINER_EXITED': return this.containerExited(pw, m);
      case 'POD_SANDBOX_STOPPED': return onSandboxStopped(this, pw, m);
      case 'PROBE_REPLY':
        if (m.tag.startsWith('probe/')) return probeReply(this, pw, m.tag.slice(6), m);
        return postStartDone(this, pw, m.container, m);
      case 'POD_SANDBOX_REMOVED':
        delete this.s.pods[pw.uid];
        return;
    }
  }

  /** PLEG: a container died, or StopContainer returned. */
  private containerExited(pw: PodWorker, m: CRI.ContainerExited): void {
    const r = record(pw, m.container);
    if (r.id !== m.containerId) return;
    const reason = m.reason ?? (m.exitCode === 0 ? 'Completed' : 'Error');
    Object.assign(r, { state: 'exited', exitCode: m.exitCode, reason, startedAtMs: m.startedAtMs, finishedAtMs: m.finishedAtMs });
    this.trace(pw, 'cri.container_exited', { container: m.container, exitCode: m.exitCode, reason, ...(m.signal ? { signal: m.signal } : {}) });
    if (pw.kill?.containerId === m.containerId) killDone(this, pw);
    else if (pw.phase === 'terminating' && pw.term?.pending[m.container]) onStoppedDuringTermination(this, pw, m);
    else onContainerDied(this, pw);
  }
}
