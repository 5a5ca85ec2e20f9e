// The composition root: builds etcd, kube-apiserver, the scheduler, one kubelet + container
// runtime per node and kubectl on one kernel, and offers the Cluster facade of DESIGN.md.
// apply/delete behave like kubectl: they send the request and run virtual time forward until
// kubectl has its response (a few virtual ms), so their trace events are real steps in time.
import { Kernel, type KernelSnapshot } from '../kernel/kernel';
import type { TraceEvent } from '../kernel/types';
import type { ApplyResult, KObject, K8sStatus } from '../api/types';
import { bytes, cpuMilli } from '../api/quantity';
import { apiVersionOf, etcdKey, etcdPrefix, kindInfo, resolveResource } from '../api/scheme';
import { matchesSelector, parseLabelSelector } from '../api/selectors';
import { type ParsedDoc, lineForPath, parseManifest } from '../api/yaml';
import type { Credential } from '../api/wire';
import { Etcd } from '../etcd/etcd';
import { get as mvccGet, range as mvccRange } from '../etcd/mvcc';
import { ApiServer, decode } from '../apiserver/apiserver';
import { statusFor } from '../apiserver/http';
import { Scheduler } from '../scheduler/scheduler';
import { ControllerManager } from '../controllers/controller-manager';
import { ContainerRuntime, Kubelet } from '../kubelet';
import { KubeProxy } from '../proxy';
import { DEFAULT_KUBECTL_USER, Kubectl, type KubectlApplyMsg, type KubectlDeleteMsg } from '../kubectl/kubectl';
import { type DebugOptions, type KubectlDebugMsg, debugMessages, debuggerName } from '../kubectl/debug';
import { type LogsOptions, type LogsResult, type RegistryImage, imageToPush, podLogs, registryImages } from './node-access';

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

export interface Snapshot {
  kernel: KernelSnapshot;
  nextOpId: number;
}

export interface Cluster {
  apply(manifest: string | object | object[], as?: Identity): ApplyResult[];
  delete(ref: { kind: string; namespace?: string; name: string }, opts?: DeleteOptions, as?: Identity): ApplyResult;
  /** `kubectl delete -f`: delete every object the manifest names */
  deleteManifest(manifest: string, opts?: DeleteOptions, as?: Identity): ApplyResult[];
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  list(kind: string, namespace?: string, labelSelector?: string): KObject[];
  advance(ms: number): void;
  step(): TraceEvent | undefined;
  runUntilIdle(maxMs?: number): void;
  now(): number;
  nextDueMs(): number | undefined;
  hasStoryWork(): boolean;
  trace(): readonly TraceEvent[];
  onTrace(cb: (e: TraceEvent) => void): () => void;
  snapshot(): Snapshot;
  restore(s: Snapshot): void;
  inject(fault: { type: string; target: string; [k: string]: unknown }): void;
  /**
   * `kubectl debug [-it] <pod> --image=… [--target=…]`: add an ephemeral container to a running
   * pod; returns the PATCH result, the container's name and what kubectl prints
   */
  debug(ref: { namespace?: string; name: string }, opts: DebugOptions, as?: Identity): DebugResult;
  /** `kubectl logs <pod> [-c c] [--previous]` (nowMs: as of that virtual instant) */
  logs(ref: { namespace?: string; name: string }, opts?: LogsOptions): LogsResult;
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
  private readonly nodes: string[] = [];
  private readonly runtimes = new Map<string, ContainerRuntime>();
  private nextOpId = 1;

  constructor(opts: ClusterOptions) {
    this.k = new Kernel(opts.seed ?? 1);
    const k = this.k;
    const etcdIds = Array.from({ length: opts.etcdMembers ?? 3 }, (_, i) => `etcd-${i}`);
    for (const id of etcdIds) {
      const member = new Etcd(id, k, etcdIds);
      this.etcds.push(member);
      k.register(member);
    }
    k.register(new ApiServer(k, etcdIds));
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
  }

  nodeNames(): string[] {
    return [...this.nodes];
  }

  logs(ref: { namespace?: string; name: string }, opts: LogsOptions = {}): LogsResult {
    return podLogs(this.get('Pod', ref.namespace ?? 'default', ref.name), ref.name, (n) => this.runtimes.get(n)?.s, opts);
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
      const opId = this.nextOpId++;
      const msg: KubectlApplyMsg = { type: 'KUBECTL_APPLY', opId, object: checked.object, credential };
      const r = this.runOp(opId, msg, checked.object);
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
    const opId = this.nextOpId++;
    const msg: KubectlDeleteMsg = {
      type: 'KUBECTL_DELETE',
      opId,
      kind: info.kind,
      namespace: info.namespaced ? (ref.namespace ?? 'default') : undefined,
      name: ref.name,
      credential: credentialFor(as),
      ...opts,
    };
    return this.runOp(opId, msg, { kind: info.kind, metadata: { name: ref.name, namespace: msg.namespace } });
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
    const container = opts.container ?? debuggerName(this.k.rng('kubectl/debug'));
    const opId = this.nextOpId++;
    const msg: KubectlDebugMsg = { type: 'KUBECTL_DEBUG', opId, namespace, name: ref.name, options: { ...opts, container }, credential: credentialFor(as) };
    const result = this.runOp(opId, msg, { kind: 'Pod', metadata: { name: ref.name, namespace } });
    return { result, container, output: result.ok ? debugMessages(opts, container) : [] };
  }

  /** Hand kubectl one operation and run the clock until it has the answer. */
  private runOp(opId: number, msg: KubectlApplyMsg | KubectlDeleteMsg | KubectlDebugMsg, obj: { kind: string; metadata: { name: string; namespace?: string } }): ApplyResult {
    this.k.send('user', 'kubectl', msg, 0);
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

  /** The applied MVCC of the leader, else of any running member (what etcdctl would read). */
  private etcdStore() {
    const m = this.etcds.find((e) => e.isLeader()) ?? this.etcds.find((e) => !e.s.stopped) ?? this.etcds[0];
    return m.s.mvcc;
  }

  advance(ms: number): void {
    this.k.runUntil(this.k.now() + Math.max(0, Math.floor(ms)));
  }

  step(): TraceEvent | undefined {
    return this.k.step();
  }

  runUntilIdle(maxMs = DEFAULT_IDLE_MAX_MS): void {
    const until = this.k.now() + maxMs;
    while (this.k.hasStoryWork()) {
      const due = this.k.nextDueMs();
      if (due === undefined || due > until) break;
      this.k.runOne();
    }
  }

  now(): number {
    return this.k.now();
  }

  nextDueMs(): number | undefined {
    return this.k.nextDueMs();
  }

  hasStoryWork(): boolean {
    return this.k.hasStoryWork();
  }

  trace(): readonly TraceEvent[] {
    return this.k.traceLog;
  }

  onTrace(cb: (e: TraceEvent) => void): () => void {
    return this.k.onTrace(cb);
  }

  snapshot(): Snapshot {
    return { kernel: this.k.snapshot(), nextOpId: this.nextOpId };
  }

  restore(s: Snapshot): void {
    this.k.restore(s.kernel);
    this.nextOpId = s.nextOpId;
  }

  inject(fault: { type: string; target: string; node?: string; [k: string]: unknown }): void {
    if (fault.type === 'registry.add') {
      // `docker push`: the registry serves the image from now on; every node's runtime resolves it
      const image = imageToPush(fault);
      // the registry is outside the cluster: the push is an input, not a message between components
      for (const r of this.runtimes.values()) r.registryAdd(image);
      return;
    }
    if (fault.type === 'image.remove') {
      // like `crictl rmi` on every node (or one): the next IfNotPresent start pulls again
      for (const n of fault.node ? [fault.node] : this.nodes) this.k.send('user', `runtime:${n}`, { type: 'REMOVE_IMAGE', image: fault.target });
      return;
    }
    if (fault.type === 'etcd.stop' || fault.type === 'etcd.start') {
      // kill / restart the member's process; its data dir (WAL + MVCC) survives
      if (!this.etcds.some((e) => e.id === fault.target)) throw new Error(`unknown etcd member "${fault.target}"`);
      this.k.send('user', fault.target, { type: fault.type === 'etcd.stop' ? 'ETCD_STOP' : 'ETCD_START' });
      return;
    }
    if (fault.type === 'node.stop' || fault.type === 'node.start') {
      // the machine loses (or regains) power: its kubelet and container runtime stop (or boot)
      if (!this.nodes.includes(fault.target)) throw new Error(`unknown node "${fault.target}"`);
      const msg = { type: fault.type === 'node.stop' ? 'NODE_STOP' : 'NODE_START' };
      this.k.send('user', `runtime:${fault.target}`, msg);
      this.k.send('user', `kubelet:${fault.target}`, msg);
      return;
    }
    throw new Error(`unsupported fault type "${fault.type}" (supported: registry.add, image.remove, etcd.stop, etcd.start, node.stop, node.start)`);
  }

  setTraceRecording(on: boolean): void {
    this.k.recordTrace = on;
  }
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
