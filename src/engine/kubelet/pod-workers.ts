// Twin of pkg/kubelet/pod_workers.go, reduced to the per-pod state the simulated kubelet keeps:
// one worker per pod UID that serialises the pod's syncs (a "round" is one SyncPod), requeues
// after an error (backOffPeriod 10 s) and hands the pod over to termination. All plain data.
import type { Container, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import type { Msg, TraceParamsOf, TraceType } from '../kernel/types';
import type { Rng } from '../kernel/rng';
import type { Purpose, RequestSpec } from '../client/component';
import type { KubeletToRuntime } from './runtime/cri';
import type { Backoff } from './util/backoff';
import { isRestartableInitContainer } from './util/pod';
import type { ProbeWorker } from './prober/prober-manager';
import type { ObjectKind, ObjectLookup } from './util/manager/watch-based-manager';

export type ContainerKind = 'init' | 'sidecar' | 'regular' | 'ephemeral';

/** What the kubelet knows of one container: the runtime's latest instance plus the reason cache. */
export interface ContainerRecord {
  name: string;
  kind: ContainerKind;
  /** runtime id of the latest instance */
  id?: string;
  state: 'none' | 'created' | 'running' | 'exited';
  imageRef?: string;
  repoDigest?: string;
  startedAtMs?: number;
  finishedAtMs?: number;
  exitCode?: number;
  /** Completed / Error / StartError */
  reason?: string;
  message?: string;
  restartCount: number;
  /** the previous instance's termination (lastState.terminated) */
  last?: { exitCode: number; reason: string; startedAtMs: number; finishedAtMs: number; containerID: string; message?: string };
  /** kubelet reasonCache: why the last start attempt did not produce a running container */
  waiting?: { reason: string; message?: string };
}

/** An in-flight container start (kuberuntime_container.go startContainer). */
export interface StartOp {
  container: string;
  step: 'image_status' | 'image_decide' | 'pull' | 'create' | 'start' | 'poststart';
  present?: boolean;
  imageRef?: string;
  repoDigest?: string;
}

export interface Round {
  /** 'sandbox', `kill:<name>` (a container to kill first), or a container name to start */
  queue: string[];
  hadError: boolean;
  startedAny: boolean;
  /** containers killed in this round: their restart looks at the previous instance for back-off */
  killed: string[];
}

/** killContainer outside pod termination: a liveness/startup failure or a failed postStart hook. */
export interface KillOp {
  container: string;
  containerId: string;
  stage: 'prestop' | 'stop' | 'stopping';
  startedMs: number;
  graceSeconds: number;
  /** the kill belongs to a start that failed its postStart hook */
  postStart?: boolean;
}

export type KillState = 'killing' | 'prestop' | 'waiting_turn' | 'stopping' | 'done';

export interface Termination {
  graceSeconds: number;
  startedMs: number;
  stage: 'kill' | 'sandbox' | 'status' | 'unmount' | 'done';
  killsIssued: boolean;
  pending: Record<string, KillState>;
}

export interface PodWorker {
  uid: string;
  namespace: string;
  name: string;
  pod: Pod;
  phase: 'admitting' | 'mounting' | 'syncing' | 'terminating' | 'terminated' | 'rejected';
  sandbox?: { id: string; ip: string; ready: boolean };
  containers: Record<string, ContainerRecord>;
  round?: Round;
  op?: StartOp;
  /** a CRI call is in flight; its reply continues the worker */
  busy: boolean;
  stepToken: number;
  syncToken: number;
  pendingSync: boolean;
  startTimeMs: number;
  /** the last status written to the apiserver (status manager cache) */
  written?: PodStatus;
  writtenJson?: string;
  term?: Termination;
  /** the API object is gone (DELETED seen) */
  deletedFromApi: boolean;
  deleteSent: boolean;
  /** image pull errors by image, for the ImagePullBackOff message */
  prevPullErr: Record<string, string>;
  /** prober workers by `<container>/<kind>` */
  probes?: Record<string, ProbeWorker>;
  kill?: KillOp;
  /** the mounted volumes: volume name → file path → contents */
  volumes?: Record<string, Record<string, string>>;
  /** MountVolume operations in back-off, by volume name */
  mountRetry?: Record<string, { delayMs: number; nextMs: number }>;
  /** the eviction manager killed this pod: its terminal status reason and message */
  evicted?: { reason: string; message: string };
  /** conditions the kubelet adds besides its own (DisruptionTarget on eviction) */
  extraConditions?: PodCondition[];
}

/** The kubelet's and the runtime's trace types about one pod: the tracer adds `pod` (namespace/name). */
export type PodTraceType = Extract<TraceType, `kubelet.${string}` | `cri.${string}`> & { [K in TraceType]: TraceParamsOf<K> extends { pod: string } ? K : never }[TraceType];
/** A pod trace's params without `pod`. */
export type PodTraceParams<K extends PodTraceType> = Omit<TraceParamsOf<K>, 'pod'>;

/** What the pod logic needs from the kubelet actor. */
export interface KubeletHost {
  readonly nodeName: string;
  readonly hostIP: string;
  readonly crashBackoff: Backoff;
  readonly imageBackoff: Backoff;
  /** when the kubelet (and its probe manager) started */
  readonly startedAtMs: number;
  now(): number;
  rng(): Rng;
  trace<K extends PodTraceType>(pw: PodWorker, type: K, params: PodTraceParams<K>, ambient?: boolean): void;
  event(pw: PodWorker, type: 'Normal' | 'Warning', reason: string, message: string): void;
  cri(msg: KubeletToRuntime): void;
  /** a message to itself; `periodic` for background work (probe ticks) */
  self(msg: Msg, delayMs?: number, periodic?: boolean): void;
  api(spec: RequestSpec, purpose: Purpose): void;
  /** the node's allocatable cpu and memory (Downward API limits default to it) */
  readonly allocatable: { cpuMilli: number; memoryBytes: number };
  /** configMapManager.RegisterPod / secretManager.RegisterPod: start the reflectors the pod needs */
  registerPod(pod: Pod): void;
  /** GetConfigMap / GetSecret from the watch-based cache */
  getObject(kind: ObjectKind, namespace: string, name: string): ObjectLookup;
}

export function newPodWorker(pod: Pod): PodWorker {
  const m = pod.metadata ?? {};
  return {
    uid: m.uid ?? '', namespace: m.namespace ?? 'default', name: m.name ?? '', pod, phase: 'admitting', containers: {},
    busy: false, stepToken: 0, syncToken: 0, pendingSync: false, startTimeMs: 0, deletedFromApi: false, deleteSent: false, prevPullErr: {},
  };
}

/** Every container of the spec with its kind, init containers first. */
export function allContainers(pod: Pod): Array<{ c: Container; kind: ContainerKind }> {
  const inits = (pod.spec?.initContainers ?? []).map((c) => ({ c, kind: (isRestartableInitContainer(c) ? 'sidecar' : 'init') as ContainerKind }));
  return [...inits, ...(pod.spec?.containers ?? []).map((c) => ({ c, kind: 'regular' as ContainerKind }))];
}

/** The pod's ephemeral containers (`kubectl debug`) as containers. */
export function ephemeralContainers(pod: Pod): Container[] {
  return (pod.spec?.ephemeralContainers ?? []) as Container[];
}

export function specOf(pod: Pod, name: string): { c: Container; kind: ContainerKind } | undefined {
  const found = allContainers(pod).find((x) => x.c.name === name);
  if (found) return found;
  const e = ephemeralContainers(pod).find((c) => c.name === name);
  return e ? { c: e, kind: 'ephemeral' } : undefined;
}

export function record(pw: PodWorker, name: string): ContainerRecord {
  const spec = specOf(pw.pod, name);
  pw.containers[name] ??= { name, kind: spec?.kind ?? 'regular', state: 'none', restartCount: 0 };
  return pw.containers[name];
}

export const podKey = (pw: PodWorker) => `${pw.namespace}/${pw.name}`;

/** Continue the worker in a fresh delivery (one visible step per delivery). */
export function scheduleStep(kl: KubeletHost, pw: PodWorker, delayMs = 0): void {
  pw.stepToken++;
  kl.self({ type: 'POD_STEP', uid: pw.uid, token: pw.stepToken }, delayMs);
}

/** Ask for a new sync of the pod (a PLEG event, a requeue, a pod update). */
export function scheduleSync(kl: KubeletHost, pw: PodWorker, delayMs = 0): void {
  pw.syncToken++;
  kl.self({ type: 'SYNC_POD', uid: pw.uid, token: pw.syncToken }, delayMs);
}

/** Something changed that the pod worker must act on (PLEG event, probe result): sync soon. */
export function requestSync(kl: KubeletHost, pw: PodWorker): void {
  if (pw.phase !== 'syncing') return;
  if (pw.round || pw.busy) pw.pendingSync = true;
  else scheduleSync(kl, pw);
}
