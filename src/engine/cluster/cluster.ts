// The composition root: builds etcd, kube-apiserver, the scheduler, one kubelet + container
// runtime per node and kubectl on one kernel, and offers the Cluster facade of DESIGN.md.
// apply/delete behave like kubectl: they send the request and run virtual time forward until
// kubectl has its response (a few virtual ms), so their trace events are real steps in time.
import { Kernel, type KernelSnapshot } from '../kernel/kernel';
import type { TraceEvent } from '../kernel/types';
import type { TracePageCodec, TraceView } from '../kernel/trace-log';
import type { ApplyResult, KObject, K8sStatus } from '../api/types';
import { bytes, cpuMilli } from '../api/quantity';
import { apiVersionOf, etcdKey, etcdPrefix, kindInfo, resolveResource } from '../api/scheme';
import { matchesSelector, parseLabelSelector } from '../api/selectors';
import { type ParsedDoc, lineForPath, parseManifest } from '../api/yaml';
import type { Credential } from '../api/wire';
import { Etcd } from '../etcd/etcd';
import { ERR_COMPACTED, eventsSince, get as mvccGet, range as mvccRange, rangeAt } from '../etcd/mvcc';
import { ApiServer, decode } from '../apiserver/apiserver';
import { statusFor } from '../apiserver/http';
import { Scheduler } from '../scheduler/scheduler';
import { ControllerManager } from '../controllers/controller-manager';
import { ContainerRuntime, Kubelet } from '../kubelet';
import { SYSTEM_WORKING_SET_BYTES, workingSetBytes } from '../kubelet/runtime/container-config';
import { KubeProxy } from '../proxy';
import { DEFAULT_KUBECTL_USER, Kubectl, type KubectlApplyMsg, type KubectlDeleteMsg, type KubectlRequestMsg, type RawRequest } from '../kubectl/kubectl';
import type { ApiResponse } from '../api/wire';
import { type DebugOptions, type KubectlDebugMsg, debugMessages, debuggerName } from '../kubectl/debug';
import { type LogsOptions, type LogsResult, type RegistryImage, imageToPush, podLogs, registryImages } from './node-access';
import { type ExecOptions, type ExecResult, podExec } from './pod-exec';
import { type AbandonedBranch, type Input, type InputAction, checkInputLog, cloneInput } from './inputs';
import { Checkpoints, type CheckpointGate } from './checkpoints';
import { assert } from '../kernel/assert';

export interface NodeSpec {
  name?: string;
  cpu?: string | number;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
}

export interface ClusterOptions {
  seed?: number;
  nodes?: number | NodeSpec[];
  /** etcd members etcd-0…etcd-(n-1) replicating through Raft; default 3 */
  etcdMembers?: 1 | 3 | 5;
  /** replay: these inputs are issued at their recorded positions (the same trace, byte for byte) */
  inputs?: Input[];
}

export interface Identity {
  user?: string;
  groups?: string[];
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  /** kubectl delete --cascade=background|foreground|orphan (default background) */
  cascade?: 'background' | 'foreground' | 'orphan';
}

export interface DebugResult {
  result: ApplyResult;
  container: string;
  output: string[];
}

/** What a raw request gets back (the apiserver's answer as kubectl receives it). */
export interface RequestResult {
  code: number;
  object?: KObject;
  items?: KObject[];
  /** a list's resourceVersion */
  resourceVersion?: string;
  status?: K8sStatus;
}

/** authorization.k8s.io ResourceAttributes: what a request would do (`group` is the API group, '' for core). */
export interface AccessAttributes {
  verb: string;
  resource: string;
  group?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** One change to a stored object, as a watch would deliver it. */
export interface ObjectChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KObject;
}

export interface Snapshot {
  kernel: KernelSnapshot;
  nextOpId: number;
  /** inputs of the log already issued */
  nextInput?: number;
}

export interface Cluster {
  apply(manifest: string | object | object[], as?: Identity): ApplyResult[];
  delete(ref: { kind: string; namespace?: string; name: string }, opts?: DeleteOptions, as?: Identity): ApplyResult;
  /** `kubectl delete -f`: delete every object the manifest names */
  deleteManifest(manifest: string, opts?: DeleteOptions, as?: Identity): ApplyResult[];
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  list(kind: string, namespace?: string, labelSelector?: string): KObject[];
  /**
   * A kind's objects as etcd held them at `revision` (a paged list's snapshot: etcd3/store.go GetList
   * reads every page at the first page's revision), in key order with each key relative to the
   * kind's prefix; 'compacted' when that history is gone. A read of the store: nothing is traced.
   */
  listAt(kind: string, namespace: string | undefined, revision: number): Array<{ key: string; object: KObject }> | 'compacted';
  /**
   * Each node's running containers and the working set the runtime reports for them (the CRI
   * ContainerStats the eviction manager reads, what metrics-server would scrape), plus the node's
   * system working set. A read of the runtimes: nothing is traced.
   */
  containerStats(): Array<{ node: string; systemBytes: number; containers: Array<{ namespace: string; pod: string; container: string; startedAtMs: number; workingSetBytes: number }> }>;
  /** `stop` is asked after each delivery (a host bounding its wall time); false when it ended early */
  advance(ms: number, stop?: () => boolean): boolean;
  step(): TraceEvent | undefined;
  runUntilIdle(maxMs?: number): void;
  now(): number;
  nextDueMs(): number | undefined;
  hasStoryWork(): boolean;
  trace(): readonly TraceEvent[];
  /** `{ambient: false}`: the listener skips ambient events; with trace recording off and no listener
   * wanting them, they are then only counted (`ambientSummary`), which a large headless run is faster for */
  onTrace(cb: (e: TraceEvent) => void, opts?: { ambient?: boolean }): () => void;
  /** ambient events counted by type instead of built (nobody observed them) */
  ambientSummary(): Record<string, number>;
  snapshot(): Snapshot;
  /** back to a snapshot: the trace ends at its position and later inputs are dropped */
  restore(s: Snapshot): void;
  /** the input log of this run's branch: every user action, timed, plain JSON (later ones too after a seek back) */
  inputs(): Input[];
  /**
   * The moment just after trace event `seq`: nearest checkpoint, then deterministic replay (inputs
   * fire at their recorded positions). trace() then ends at `seq`; get/list/now answer as of then.
   * An input given after a seek back forks: the later inputs are dropped and kept as abandonedBranch().
   */
  seek(seq: number): void;
  /** the branch the last fork left behind, if any */
  abandonedBranch(): AbandonedBranch | undefined;
  /** go back to the abandoned branch (at the fork point); the current branch becomes the abandoned one */
  returnToBranch(): void;
  /** trace length of this branch as far as it has been computed (≥ trace().length after a seek back) */
  timelineLength(): number;
  /** this branch's events as far as they have been computed: trace() and, after a seek back, the ones ahead */
  timeline(): TraceView;
  /** trace().length without building the array */
  traceLength(): number;
  /** pack old pages of the recorded trace with this codec (the worker deflates them): memory, not behaviour */
  setTraceCodec(codec: TracePageCodec | undefined): void;
  /** checkpoint count and trace interval between them (memory figures for benchmarks) */
  checkpointStats(): { count: number; interval: number; snapshotBytes: number };
  /** the host's say on when a due checkpoint is taken (it can time them; the engine cannot) */
  setCheckpointGate(gate: CheckpointGate | undefined): void;
  inject(fault: { type: string; target: string; [k: string]: unknown }): void;
  /**
   * `kubectl debug [-it] <pod> --image=… [--target=…]`: add an ephemeral container to a running
   * pod; returns the PATCH result, the container's name and what kubectl prints
   */
  debug(ref: { namespace?: string; name: string }, opts: DebugOptions, as?: Identity): DebugResult;
  /** `kubectl logs <pod> [-c c] [--previous]` (nowMs: as of that virtual instant) */
  logs(ref: { namespace?: string; name: string }, opts?: LogsOptions): LogsResult;
  /** `kubectl exec <pod> [-c c] -- cmd…`: run a command in a running container (read-only, untraced) */
  exec(ref: { namespace?: string; name: string }, opts: ExecOptions): ExecResult;
  /**
   * One raw REST request sent as kubectl (the real kubectl through src/server): recorded in the
   * input log like apply, traced through the apiserver's pipeline (authn, RBAC, admission,
   * validation, etcd); runs virtual time until the answer comes. Not for watches (see changesSince).
   */
  request(req: RawRequest, as?: Identity): RequestResult;
  /**
   * `kubectl auth can-i`: what the authorizer (system:masters, Node, RBAC) answers now for these
   * request attributes and identity, from the apiserver's watch cache; untraced, like a read
   */
  accessReview(attrs: AccessAttributes, as?: Identity): { allowed: boolean; reason: string };
  /** the store's current revision: a list's resourceVersion (read from etcd, untraced) */
  revision(): number;
  /**
   * What changed in a kind's objects after `revision`, oldest first (etcd's history, read without
   * tracing: an observer such as the HTTP server's watches leaves the run as it is); 'compacted'
   * when that history is gone (the watch must list again, 410 Gone).
   */
  changesSince(revision: number, kind: string, namespace?: string): ObjectChange[] | 'compacted';
  /** the images the simulated registry serves (catalogue + `registry.add`) */
  registry(): RegistryImage[];
  /** node names, in order */
  nodeNames(): string[];
  /** stop storing trace events (benchmarks); listeners still get them */
  setTraceRecording(on: boolean): void;
}

export const DEFAULT_NODE: Required<Omit<NodeSpec, 'name' | 'labels'>> = { cpu: '4', memory: '8Gi', pods: 110 };
/** How long kubectl waits for its response before giving up (virtual ms). */
const KUBECTL_TIMEOUT_MS = 60_000;
const DEFAULT_IDLE_MAX_MS = 10 * 60 * 1000;

export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new ClusterImpl(opts);
}

class ClusterImpl implements Cluster {
  private readonly k: Kernel;
  private readonly etcds: Etcd[] = [];
  private readonly kubectl: Kubectl;
  private readonly apiserver: ApiServer;
  private readonly nodes: string[] = [];
  private readonly runtimes = new Map<string, ContainerRuntime>();
  private nextOpId = 1;
  /** this branch's inputs: issued ones first, then (after a seek back) those still ahead */
  private inputLog: Input[] = [];
  private nextInput = 0;
  /** trace length the user sees while a seek holds back events of the delivery it stopped in */
  private cursor: number | undefined;
  private abandoned: AbandonedBranch | undefined;
  private readonly checkpoints = new Checkpoints<Snapshot>((s) => JSON.stringify(s).length, undefined, undefined, () => this.apiserver.s.cached ?? 0);
  private checkpointGate: CheckpointGate | undefined;
  private readonly genesis: Snapshot;

  constructor(opts: ClusterOptions) {
    this.k = new Kernel(opts.seed ?? 1);
    const k = this.k;
    const etcdIds = Array.from({ length: opts.etcdMembers ?? 3 }, (_, i) => `etcd-${i}`);
    for (const id of etcdIds) {
      const member = new Etcd(id, k, etcdIds);
      this.etcds.push(member);
      k.register(member);
    }
    this.apiserver = new ApiServer(k, etcdIds);
    k.register(this.apiserver);
    k.register(new Scheduler(k));
    k.register(new ControllerManager(k));
    this.kubectl = new Kubectl(k);
    k.register(this.kubectl);
    const specs: NodeSpec[] = typeof opts.nodes === 'number' || opts.nodes === undefined ? Array.from({ length: opts.nodes ?? 3 }, () => ({})) : opts.nodes;
    specs.forEach((spec, i) => {
      const nodeName = spec.name ?? `node-${i + 1}`;
      const podCIDR = `10.244.${i + 1}.0/24`;
      this.nodes.push(nodeName);
      const runtime = new ContainerRuntime(k, { nodeName, podCIDR });
      this.runtimes.set(nodeName, runtime);
      k.register(runtime);
      k.register(
        new Kubelet(k, {
          nodeName,
          cpuMilli: cpuMilli(spec.cpu ?? DEFAULT_NODE.cpu),
          memoryBytes: bytes(spec.memory ?? DEFAULT_NODE.memory),
          pods: spec.pods ?? DEFAULT_NODE.pods,
          podCIDR,
          labels: spec.labels,
        }),
      );
      k.register(new KubeProxy(k, { nodeName }));
    });
    // Start order as on a fresh control plane: apiserver (with its etcd watch), scheduler, kubelets.
    for (const id of etcdIds) k.send('cluster', id, { type: 'START' });
    k.send('cluster', 'kube-apiserver', { type: 'START' });
    k.send('cluster', 'scheduler', { type: 'START' });
    k.send('cluster', 'controller-manager', { type: 'START' });
    for (const n of this.nodes) k.send('cluster', `kubelet:${n}`, { type: 'START' });
    for (const n of this.nodes) k.send('cluster', `kube-proxy:${n}`, { type: 'START' });
    if (opts.inputs?.length) {
      checkInputLog(opts.inputs);
      this.inputLog = opts.inputs.map(cloneInput);
    }
    k.inputGate = {
      dueAtMs: () => {
        const i = this.inputLog[this.nextInput];
        return i && i.at.delivered === this.k.st.delivered ? i.at.t : undefined;
      },
      fire: () => this.fireDueInputs(),
    };
    this.genesis = this.snapshot();
    // no trace, no seek: benchmarks that switch recording off take no checkpoints either
    k.afterStoryDelivery = () => {
      if (this.k.recordTrace) this.checkpoints.maybeTake(this.k.st.traceSeq, () => this.snapshot(), this.checkpointGate);
    };
  }

  /** Replay: issue every recorded input due at this exact position. */
  private fireDueInputs(): void {
    // kubectl's answers to replayed requests are not collected by anyone
    this.kubectl.s.results = {};
    if (this.kubectl.s.responses) this.kubectl.s.responses = {};
    for (;;) {
      const i = this.inputLog[this.nextInput];
      // a later input with no delivery in between (the clock only moved, advance()) waits for its own moment
      if (!i || i.at.delivered !== this.k.st.delivered || i.at.t !== this.k.now()) return;
      assert(i.at.t >= this.k.now() && i.at.seq === this.k.st.traceSeq, `replay: input ${this.nextInput} (${i.type}) does not fit this run: recorded at t=${i.at.t} seq=${i.at.seq}, reached at t=${this.k.now()} seq=${this.k.st.traceSeq}`);
      this.nextInput++;
      this.issue(i);
    }
  }

  /** Record a user action at the current position (forking first when in the past). */
  private record(action: InputAction): Input {
    this.releaseHeld();
    this.forkIfInPast();
    const input = { ...cloneInput(action), at: { t: this.k.now(), seq: this.k.st.traceSeq, delivered: this.k.st.delivered } } as Input;
    this.inputLog.push(input);
    this.nextInput = this.inputLog.length;
    return input;
  }

  private forkIfInPast(): void {
    const seq = this.k.st.traceSeq;
    const ahead = this.k.traceLog.length > seq;
    if (this.nextInput >= this.inputLog.length && !ahead) return;
    this.abandoned = { forkSeq: seq, inputs: this.inputLog.slice(this.nextInput), traceLength: Math.max(this.k.traceLog.length, seq) };
    this.inputLog.length = this.nextInput;
    this.k.traceLog.truncate(seq);
    this.checkpoints.dropAfter(seq);
  }

  /** Send an input's messages (live and replay alike); returns kubectl's operation id, if any. */
  private issue(i: Input): { opId?: number; container?: string } {
    if (i.type === 'inject') {
      this.issueFault(i.fault);
      return {};
    }
    const opId = this.nextOpId++;
    const credential = credentialFor(i.as);
    if (i.type === 'apply') {
      const msg: KubectlApplyMsg = { type: 'KUBECTL_APPLY', opId, object: cloneInput(i).object, credential };
      this.k.send('user', 'kubectl', msg, 0);
      return { opId };
    }
    if (i.type === 'delete') {
      const info = resolveResource(i.ref.kind)!;
      const msg: KubectlDeleteMsg = { type: 'KUBECTL_DELETE', opId, kind: info.kind, namespace: info.namespaced ? (i.ref.namespace ?? 'default') : undefined, name: i.ref.name, credential, ...(i.opts ?? {}) };
      this.k.send('user', 'kubectl', msg, 0);
      return { opId };
    }
    if (i.type === 'request') {
      const msg: KubectlRequestMsg = { type: 'KUBECTL_REQUEST', opId, request: cloneInput(i).request, credential };
      this.k.send('user', 'kubectl', msg, 0);
      return { opId };
    }
    const namespace = i.ref.namespace ?? 'default';
    const container = i.opts.container ?? debuggerName(this.k.rng('kubectl/debug'));
    const msg: KubectlDebugMsg = { type: 'KUBECTL_DEBUG', opId, namespace, name: i.ref.name, options: { ...i.opts, container }, credential };
    this.k.send('user', 'kubectl', msg, 0);
    return { opId, container };
  }

  /** After a seek that stopped inside a delivery: hand the held-back events to listeners. */
  private releaseHeld(): void {
    if (this.cursor === undefined) return;
    const end = this.k.st.traceSeq;
    for (let i = this.cursor; i < end; i++) this.k.emitToListeners(this.k.traceLog.at(i)!);
    this.cursor = undefined;
  }

  inputs(): Input[] {
    return this.inputLog.map(cloneInput);
  }

  abandonedBranch(): AbandonedBranch | undefined {
    return this.abandoned ? { ...this.abandoned, inputs: this.abandoned.inputs.map(cloneInput) } : undefined;
  }

  returnToBranch(): void {
    const b = this.abandoned;
    if (!b) throw new Error('there is no other branch to return to');
    this.seek(b.forkSeq - 1);
    this.releaseHeld();
    // the current branch's later inputs become the abandoned branch
    const current: AbandonedBranch = { forkSeq: b.forkSeq, inputs: this.inputLog.slice(this.nextInput), traceLength: this.k.traceLog.length };
    this.inputLog = [...this.inputLog.slice(0, this.nextInput), ...b.inputs];
    this.k.traceLog.truncate(this.k.st.traceSeq);
    this.checkpoints.dropAfter(this.k.st.traceSeq);
    this.abandoned = current;
  }

  timelineLength(): number {
    return Math.max(this.k.traceLog.length, this.k.st.traceSeq);
  }

  timeline(): TraceView {
    return this.k.traceLog;
  }

  traceLength(): number {
    return Math.min(this.k.traceLog.length, this.cursor ?? this.k.st.traceSeq);
  }

  setTraceCodec(codec: TracePageCodec | undefined): void {
    this.k.traceLog.setCodec(codec);
  }

  setCheckpointGate(gate: CheckpointGate | undefined): void {
    this.checkpointGate = gate;
  }

  checkpointStats(): { count: number; interval: number; snapshotBytes: number } {
    return { count: this.checkpoints.list.length, interval: this.checkpoints.interval, snapshotBytes: this.checkpoints.snapshotBytes };
  }

  seek(seq: number): void {
    assert(this.k.recordTrace, 'seek needs the trace (setTraceRecording(true))');
    if (!Number.isInteger(seq) || seq < -1) throw new Error(`seek: ${seq} is not a trace position`);
    const target = seq + 1; // events emitted by the moment we want
    const visible = this.cursor ?? this.k.st.traceSeq;
    if (target === visible) return;
    if (target > visible && target <= this.k.st.traceSeq) {
      // still inside the delivery the last seek stopped in
      this.cursor = target === this.k.st.traceSeq ? undefined : target;
      return;
    }
    this.k.muted = true;
    try {
      // back: the nearest checkpoint; forward: one past the current position when it is nearer
      const cp = this.checkpoints.nearest(target);
      if (target < this.k.st.traceSeq) this.restoreState(cp?.snap ?? this.genesis);
      else if (cp && cp.seq > this.k.st.traceSeq) this.restoreState(cp.snap);
      while (this.k.st.traceSeq < target && this.k.runOne()) {
        /* deterministic replay: recorded inputs fire at their positions */
      }
    } finally {
      this.k.muted = false;
    }
    this.cursor = this.k.st.traceSeq > target ? target : undefined;
  }

  private restoreState(s: Snapshot): void {
    this.k.restore(s.kernel);
    this.nextOpId = s.nextOpId;
    this.nextInput = s.nextInput ?? 0;
    this.cursor = undefined;
  }

  nodeNames(): string[] {
    return [...this.nodes];
  }

  logs(ref: { namespace?: string; name: string }, opts: LogsOptions = {}): LogsResult {
    return podLogs(this.get('Pod', ref.namespace ?? 'default', ref.name), ref.name, (n) => this.runtimes.get(n)?.s, opts);
  }

  exec(ref: { namespace?: string; name: string }, opts: ExecOptions): ExecResult {
    return podExec(this.get('Pod', ref.namespace ?? 'default', ref.name), ref.name, (n) => this.runtimes.get(n)?.s, opts);
  }

  registry(): RegistryImage[] {
    // every runtime holds the same pushed images (registry.add reaches them all)
    return registryImages(this.runtimes.get(this.nodes[0])?.s.registry);
  }

  apply(manifest: string | object | object[], as?: Identity): ApplyResult[] {
    const credential = credentialFor(as);
    const { docs, error, lineCounter } = toDocs(manifest);
    const results: ApplyResult[] = [];
    for (const d of docs) {
      const checked = checkObject(d);
      if ('status' in checked) {
        results.push(checked.status);
        continue;
      }
      const input = this.record({ type: 'apply', object: checked.object, ...identityOf(as, credential) });
      const r = this.runOp(this.issue(input).opId!, checked.object);
      if (r.status?.details?.causes?.length && lineCounter && d.doc) r.line = lineForPath(d, lineCounter, r.status.details.causes[0].field ?? '');
      else r.line = d.line;
      results.push(r);
    }
    if (error) results.push({ ok: false, kind: '', name: '', line: error.line, status: statusFor(400, 'BadRequest', error.message) });
    return results;
  }

  delete(ref: { kind: string; namespace?: string; name: string }, opts: DeleteOptions = {}, as?: Identity): ApplyResult {
    const info = resolveResource(ref.kind);
    if (!info) return { ok: false, kind: ref.kind, name: ref.name, status: statusFor(404, 'NotFound', `the server doesn't have a resource type "${ref.kind}"`) };
    const namespace = info.namespaced ? (ref.namespace ?? 'default') : undefined;
    const input = this.record({ type: 'delete', ref: { kind: info.kind, ...(namespace ? { namespace } : {}), name: ref.name }, ...(Object.keys(opts).length ? { opts } : {}), ...identityOf(as, credentialFor(as)) });
    return this.runOp(this.issue(input).opId!, { kind: info.kind, metadata: { name: ref.name, namespace } });
  }

  deleteManifest(manifest: string, opts: DeleteOptions = {}, as?: Identity): ApplyResult[] {
    const { docs, error } = toDocs(manifest);
    const out: ApplyResult[] = [];
    for (const d of docs) {
      const checked = checkObject(d);
      if ('status' in checked) out.push(checked.status);
      else out.push({ ...this.delete({ kind: checked.object.kind, namespace: checked.object.metadata.namespace, name: checked.object.metadata.name }, opts, as), line: d.line });
    }
    if (error) out.push({ ok: false, kind: '', name: '', line: error.line, status: statusFor(400, 'BadRequest', error.message) });
    return out;
  }

  debug(ref: { namespace?: string; name: string }, opts: DebugOptions, as?: Identity): DebugResult {
    const namespace = ref.namespace ?? 'default';
    const input = this.record({ type: 'debug', ref: { namespace, name: ref.name }, opts, ...identityOf(as, credentialFor(as)) });
    const { opId, container } = this.issue(input);
    const result = this.runOp(opId!, { kind: 'Pod', metadata: { name: ref.name, namespace } });
    return { result, container: container!, output: result.ok ? debugMessages(opts, container!) : [] };
  }

  request(req: RawRequest, as?: Identity): RequestResult {
    if (req.verb === 'watch') throw new Error('request: a watch is not a single request (read changesSince)');
    const input = this.record({ type: 'request', request: req, ...identityOf(as, credentialFor(as)) });
    const opId = this.issue(input).opId!;
    const deadline = this.k.now() + KUBECTL_TIMEOUT_MS;
    for (;;) {
      const r = this.kubectl.takeResponse(opId);
      if (r) return responseOf(r);
      const due = this.k.nextDueMs();
      if (due === undefined || due > deadline) break;
      this.k.runOne();
    }
    return { code: 504, status: statusFor(504, 'Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request') };
  }

  revision(): number {
    return this.etcdStore().revision;
  }

  accessReview(attrs: AccessAttributes, as?: Identity): { allowed: boolean; reason: string } {
    const a = { verb: attrs.verb, resource: attrs.resource, apiGroup: attrs.group ?? '', subresource: attrs.subresource || undefined, namespace: attrs.namespace || undefined, name: attrs.name || undefined };
    return this.apiserver.review(credentialFor(as), a);
  }

  changesSince(revision: number, kind: string, namespace?: string): ObjectChange[] | 'compacted' {
    const info = resolveResource(kind);
    if (!info) return [];
    const events = eventsSince(this.etcdStore(), revision, etcdPrefix(info, namespace));
    if (events === 'compacted') return events;
    const out: ObjectChange[] = [];
    for (const e of events) {
      if (e.type === 'PUT') out.push({ type: e.kv.version === 1 ? 'ADDED' : 'MODIFIED', object: decode(e.kv.value, e.kv.modRevision) });
      else if (e.prevKv) out.push({ type: 'DELETED', object: decode(e.prevKv.value, e.kv.modRevision) });
    }
    return out;
  }

  /** Run the clock until kubectl has the answer to an issued operation. */
  private runOp(opId: number, obj: { kind: string; metadata: { name: string; namespace?: string } }): ApplyResult {
    const deadline = this.k.now() + KUBECTL_TIMEOUT_MS;
    for (;;) {
      const r = this.kubectl.takeResult(opId);
      if (r) return r;
      const due = this.k.nextDueMs();
      if (due === undefined || due > deadline) break;
      this.k.runOne();
    }
    const ns = obj.metadata.namespace;
    return { ok: false, kind: obj.kind, name: obj.metadata.name, ...(ns ? { namespace: ns } : {}), status: statusFor(504, 'Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request') };
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const info = resolveResource(kind);
    if (!info) return undefined;
    const kv = mvccGet(this.etcdStore(), etcdKey(info, info.namespaced ? (namespace ?? 'default') : undefined, name));
    return kv ? decode(kv.value, kv.modRevision) : undefined;
  }

  list(kind: string, namespace?: string, labelSelector?: string): KObject[] {
    const info = resolveResource(kind);
    if (!info) return [];
    const sel = parseLabelSelector(labelSelector);
    return mvccRange(this.etcdStore(), etcdPrefix(info, namespace))
      .map((kv) => decode(kv.value, kv.modRevision))
      .filter((o) => matchesSelector(sel, o.metadata.labels as Record<string, string> | undefined));
  }

  listAt(kind: string, namespace: string | undefined, revision: number): Array<{ key: string; object: KObject }> | 'compacted' {
    const info = resolveResource(kind);
    if (!info) return [];
    const prefix = etcdPrefix(info, namespace);
    const kvs = rangeAt(this.etcdStore(), prefix, revision);
    if (kvs === ERR_COMPACTED) return 'compacted';
    // a revision ahead of the store reads the store as it is now
    const found = typeof kvs === 'string' ? mvccRange(this.etcdStore(), prefix) : kvs;
    return found.map((kv) => ({ key: kv.key.slice(prefix.length), object: decode(kv.value, kv.modRevision) }));
  }

  containerStats(): Array<{ node: string; systemBytes: number; containers: Array<{ namespace: string; pod: string; container: string; startedAtMs: number; workingSetBytes: number }> }> {
    const now = this.k.now();
    return [...this.runtimes].map(([node, r]) => ({
      node,
      systemBytes: SYSTEM_WORKING_SET_BYTES,
      containers: Object.values(r.s.containers)
        .filter((c) => c.state === 'running' && c.startedAtMs <= now)
        .map((c) => ({ namespace: c.pod.namespace, pod: c.pod.name, container: c.name, startedAtMs: c.startedAtMs, workingSetBytes: workingSetBytes(c.plan, now - c.startedAtMs) })),
    }));
  }

  /** The applied MVCC of the leader, else of any running member (what etcdctl would read). */
  private etcdStore() {
    const m = this.etcds.find((e) => e.isLeader()) ?? this.etcds.find((e) => !e.s.stopped) ?? this.etcds[0];
    return m.s.mvcc;
  }

  advance(ms: number, stop?: () => boolean): boolean {
    this.releaseHeld();
    return this.k.runUntil(this.k.now() + Math.max(0, Math.floor(ms)), stop);
  }

  step(): TraceEvent | undefined {
    if (this.cursor !== undefined) {
      // the next event of the delivery a seek stopped in
      const e = this.k.traceLog.at(this.cursor++)!;
      if (this.cursor >= this.k.st.traceSeq) this.cursor = undefined;
      this.k.emitToListeners(e);
      return e;
    }
    return this.k.step();
  }

  runUntilIdle(maxMs = DEFAULT_IDLE_MAX_MS): void {
    this.releaseHeld();
    const until = this.k.now() + maxMs;
    while (this.hasStoryWork()) {
      const due = this.k.nextDueMs();
      if (due === undefined || due > until) break;
      this.k.runOne();
    }
  }

  now(): number {
    return this.k.now();
  }

  nextDueMs(): number | undefined {
    if (this.cursor !== undefined) return this.k.now();
    return this.k.nextDueMs();
  }

  /** Non-periodic work is queued, a recorded input is still ahead, or a seek holds events back. */
  hasStoryWork(): boolean {
    return this.k.hasStoryWork() || this.nextInput < this.inputLog.length || this.cursor !== undefined;
  }

  trace(): readonly TraceEvent[] {
    const end = this.cursor ?? this.k.st.traceSeq;
    const log = this.k.traceLog;
    return log.length <= end ? log.all() : log.slice(0, end);
  }

  onTrace(cb: (e: TraceEvent) => void, opts?: { ambient?: boolean }): () => void {
    return this.k.onTrace(cb, opts);
  }

  ambientSummary(): Record<string, number> {
    return { ...this.k.ambientSummary };
  }

  snapshot(): Snapshot {
    return { kernel: this.k.snapshot(), nextOpId: this.nextOpId, nextInput: this.nextInput };
  }

  restore(s: Snapshot): void {
    this.restoreState(s);
    // the run continues from here: what came after the snapshot is no longer this run's
    this.k.traceLog.truncate(this.k.st.traceSeq);
    this.inputLog.length = Math.min(this.inputLog.length, this.nextInput);
    this.checkpoints.dropAfter(this.k.st.traceSeq);
  }

  inject(fault: { type: string; target: string; node?: string; [k: string]: unknown }): void {
    this.checkFault(fault);
    this.issue(this.record({ type: 'inject', fault }));
  }

  /** A fault the cluster cannot take throws before anything is recorded. */
  private checkFault(fault: { type: string; target: string; [k: string]: unknown }): void {
    if (fault.type === 'registry.add') {
      imageToPush(fault);
      return;
    }
    if (fault.type === 'image.remove') return;
    if (fault.type === 'etcd.stop' || fault.type === 'etcd.start') {
      if (!this.etcds.some((e) => e.id === fault.target)) throw new Error(`unknown etcd member "${fault.target}"`);
      return;
    }
    if (fault.type === 'node.stop' || fault.type === 'node.start') {
      if (!this.nodes.includes(fault.target)) throw new Error(`unknown node "${fault.target}"`);
      return;
    }
    throw new Error(`unsupported fault type "${fault.type}" (supported: registry.add, image.remove, etcd.stop, etcd.start, node.stop, node.start)`);
  }

  private issueFault(fault: { type: string; target: string; node?: unknown; [k: string]: unknown }): void {
    if (fault.type === 'registry.add') {
      // `docker push`: the registry serves the image from now on; every node's runtime resolves it
      const image = imageToPush(fault);
      // the registry is outside the cluster: the push is an input, not a message between components
      for (const r of this.runtimes.values()) r.registryAdd(image);
      return;
    }
    if (fault.type === 'image.remove') {
      // like `crictl rmi` on every node (or one): the next IfNotPresent start pulls again
      for (const n of typeof fault.node === 'string' ? [fault.node] : this.nodes) this.k.send('user', `runtime:${n}`, { type: 'REMOVE_IMAGE', image: fault.target });
      return;
    }
    if (fault.type === 'etcd.stop' || fault.type === 'etcd.start') {
      // kill / restart the member's process; its data dir (WAL + MVCC) survives
      this.k.send('user', fault.target, { type: fault.type === 'etcd.stop' ? 'ETCD_STOP' : 'ETCD_START' });
      return;
    }
    if (fault.type === 'node.stop' || fault.type === 'node.start') {
      // the machine loses (or regains) power: its kubelet and container runtime stop (or boot)
      const msg = { type: fault.type === 'node.stop' ? 'NODE_STOP' : 'NODE_START' };
      this.k.send('user', `runtime:${fault.target}`, msg);
      this.k.send('user', `kubelet:${fault.target}`, msg);
      return;
    }
  }

  setTraceRecording(on: boolean): void {
    this.k.recordTrace = on;
  }
}

function responseOf(r: ApiResponse): RequestResult {
  const out: RequestResult = { code: r.code };
  if (r.object) out.object = r.object;
  if (r.items) out.items = r.items;
  if (r.resourceVersion) out.resourceVersion = r.resourceVersion;
  if (r.status) out.status = r.status;
  return out;
}

/** The identity an input records: only when it is not kubectl's default admin. */
function identityOf(as: Identity | undefined, credential: Credential): { as?: Identity } {
  if (!as || (!as.user && !as.groups)) return {};
  return { as: { user: credential.user, groups: credential.groups } };
}

function credentialFor(as?: Identity): Credential {
  if (!as || (!as.user && !as.groups)) return DEFAULT_KUBECTL_USER;
  return { user: as.user ?? DEFAULT_KUBECTL_USER.user, groups: as.groups ?? [] };
}

interface Docs {
  docs: ParsedDoc[];
  error?: { message: string; line: number };
  lineCounter?: ReturnType<typeof parseManifest>['lineCounter'];
}

function toDocs(manifest: string | object | object[]): Docs {
  if (typeof manifest === 'string') return parseManifest(manifest);
  const arr = Array.isArray(manifest) ? manifest : [manifest];
  return { docs: arr.map((object, index) => ({ index, object, line: 1, doc: undefined as unknown as ParsedDoc['doc'] })) };
}

/** kubectl's client-side checks: an object with kind, a known kind/apiVersion, a name. */
function checkObject(d: ParsedDoc): { object: KObject } | { status: ApplyResult } {
  const o = d.object as Record<string, any>;
  const fail = (code: number, reason: string, message: string): { status: ApplyResult } => ({
    status: { ok: false, kind: String(o?.kind ?? ''), name: String(o?.metadata?.name ?? ''), line: d.line, status: statusFor(code, reason, message) },
  });
  if (!o || typeof o !== 'object' || Array.isArray(o)) return fail(400, 'BadRequest', `error validating data: the document is not a Kubernetes object: ${JSON.stringify(o)}`);
  if (!o.kind) return fail(400, 'BadRequest', `Object 'Kind' is missing in '${JSON.stringify(o)}'`);
  if (!o.apiVersion) return fail(400, 'BadRequest', `error validating data: apiVersion not set`);
  const info = kindInfo(String(o.kind));
  if (!info || apiVersionOf(info) !== o.apiVersion) {
    return fail(404, 'NotFound', `resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "${o.metadata?.namespace ?? ''}" from "STDIN": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`);
  }
  if (!o.metadata || typeof o.metadata !== 'object') o.metadata = {};
  if (!o.metadata.name && !o.metadata.generateName) {
    return fail(400, 'BadRequest', `error when retrieving current configuration of:\nResource: "${info.group ? info.group + '/' : ''}${info.version}, Resource=${info.resource}", GroupVersionKind: "${info.group ? info.group + '/' : ''}${info.version}, Kind=${info.kind}"\nName: "", Namespace: "${o.metadata.namespace ?? 'default'}"\nfrom server for: "STDIN": resource name may not be empty`);
  }
  if (info.namespaced && !o.metadata.namespace) o.metadata.namespace = 'default';
  return { object: o as KObject };
}

export type { K8sStatus };
