// runtime:<node> — a containerd-like CRI runtime (containerd internal/cri/server: sandbox_run.go,
// image_pull.go, container_create.go, container_start.go, container_stop.go). Replies after
// realistic virtual durations; container exits are reported to the kubelet as PLEG would see them.
import type { Actor, Kernel } from '../../kernel/kernel';
import type { ComponentId, Msg, TraceParamsOf, TraceSpec, TypedTraceSpec } from '../../kernel/types';
import type { PodTraceParams, PodTraceType } from '../pod-workers';
import type * as CRI from './cri';
import { kubeletId, runtimeId } from './cri';
import { IMAGE_CATALOGUE, PAUSE_IMAGE, lookupImage, type PushedImage, type Signal } from './images';
import { randomHex64 } from './ids';
import { allocateIp, newIpam, releaseIp, type IpamState } from './ipam';
import { planProcess, stopDelayMs, type ProcessPlan } from './process';
import { answerProbe } from './probe-answer';
import { gcDeadContainers } from './logs';
import { oomKillAfterMs } from './programs';
import { containerEnv, containerStats, mountedFiles } from './container-config';

interface CachedImage { imageRef: string; repoDigest: string; sizeBytes: number }
interface Sandbox { id: string; pod: CRI.PodRef; ip: string; state: 'ready' | 'notready' }
export interface Ctr {
  id: string; sandboxId: string; pod: CRI.PodRef; name: string; image: string; plan: ProcessPlan; stopSignal: Signal;
  state: 'created' | 'running' | 'exited'; gen: number; startedAtMs: number; finishedAtMs: number; exitCode: number;
  signal?: Signal; stopping: boolean;
  attempt: number;
  /** memory.max of the container cgroup (0: unlimited) */
  memoryLimitBytes: number;
  oomKilled?: boolean;
}
interface PullJob { msg: CRI.PullImage; enqueuedAtMs: number; startedAtMs: number }

export interface RuntimeState {
  nodeName: string;
  ipam: IpamState;
  images: Record<string, CachedImage>;
  pulling?: PullJob;
  pullQueue: PullJob[];
  sandboxes: Record<string, Sandbox>;
  containers: Record<string, Ctr>;
  /** powered off (inject node.stop): messages are dropped */
  stopped?: boolean;
  /** boots since creation: a PULL_DONE from before a reboot is stale */
  boot?: number;
  /** images pushed to the registry at run time (inject registry.add), by normalized reference */
  registry?: Record<string, PushedImage>;
}

/** Registry throughput and per-pull latency (resolve + auth + manifest). */
const PULL_BYTES_PER_MS = 30_000; // ~30 MB/s
/** A process that will exit more than a minute from now is background work for runUntilIdle. */
const BACKGROUND_AFTER_MS = 60_000;

export class ContainerRuntime implements Actor<RuntimeState> {
  readonly id: ComponentId;
  s: RuntimeState;

  constructor(private readonly k: Kernel, opts: { nodeName: string; podCIDR: string }) {
    this.id = runtimeId(opts.nodeName);
    this.s = { nodeName: opts.nodeName, ipam: newIpam(opts.podCIDR), images: {}, pullQueue: [], sandboxes: {}, containers: {} };
    const pause = lookupImage(PAUSE_IMAGE);
    if (pause.ok) this.s.images[pause.ref.normalized] = { imageRef: pause.ref.normalized, repoDigest: pause.repoDigest, sizeBytes: pause.sizeBytes };
  }

  private get kubelet(): string {
    return kubeletId(this.s.nodeName);
  }

  private rand(min: number, spread: number): number {
    return min + this.k.rng(`runtime/${this.s.nodeName}`).int(spread);
  }

  private reply(msg: CRI.RuntimeToKubelet, delayMs = 0, periodic = false): void {
    this.k.send(this.id, this.kubelet, msg, delayMs, periodic);
  }

  private trace<K extends PodTraceType>(type: K, pod: CRI.PodRef, params: PodTraceParams<K>): void {
    // as in Kubelet.trace: `pod` plus the rest are K's params, and Kernel.trace takes the union
    const spec: TypedTraceSpec<K> = {
      type, key: type,
      params: { pod: `${pod.namespace}/${pod.name}`, ...params } as TraceParamsOf<K>,
      object: { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.podUid },
    };
    this.k.trace(spec as TraceSpec);
  }

  private podRef(m: CRI.PodRef): CRI.PodRef {
    return { podUid: m.podUid, namespace: m.namespace, name: m.name };
  }

  receive(msg: Msg, _from: ComponentId): void {
    if (msg.type === 'NODE_STOP' || msg.type === 'NODE_START') return this.power(msg.type === 'NODE_START');
    if (this.s.stopped) return void this.k.trace({ type: 'node.drop', key: 'node.drop', params: { node: this.s.nodeName, msg: msg.type }, ambient: true });
    if (msg.type === 'PULL_DONE' && (msg.boot ?? 0) !== (this.s.boot ?? 0)) return;
    const m = msg as CRI.KubeletToRuntime;
    switch (m.type) {
      case 'RUN_POD_SANDBOX': return this.runPodSandbox(m);
      case 'STOP_POD_SANDBOX': return this.stopPodSandbox(m);
      case 'REMOVE_POD_SANDBOX': return this.removePodSandbox(m);
      case 'IMAGE_STATUS': return this.imageStatus(m);
      case 'PULL_IMAGE': return this.pullImage(m);
      case 'REMOVE_IMAGE': return this.removeImage(m.image);
      case 'CREATE_CONTAINER': return this.createContainer(m);
      case 'START_CONTAINER': return this.startContainer(m);
      case 'STOP_CONTAINER': return this.stopContainer(m);
      case 'PROBE_REQUEST': return this.probe(m);
      case 'LIST_CONTAINER_STATS': return this.reply(containerStats(this.s, this.k.now()), 1, true);
    }
    if (msg.type === 'LIST_IMAGES') return this.reply(this.imageList());
    if (msg.type === 'PULL_DONE') return this.pullDone();
    if (msg.type === 'PROCESS_EXIT') return this.processExit(String(msg.id), Number(msg.gen), Number(msg.exitCode), msg.signal as Signal | undefined, msg.oom === true);
    if (msg.type === 'STOP_DEADLINE') return this.stopDeadline(String(msg.id), Number(msg.gen));
  }

  /** An image pushed to the registry (Cluster.inject registry.add): this node can pull it from now on. */
  registryAdd(image: PushedImage): void {
    this.s.registry = { ...this.s.registry, [image.ref]: image };
  }

  /** Power loss: every sandbox, container, pull and IP lease is gone; images stay on disk. */
  private power(on: boolean): void {
    if (on) {
      if (this.s.stopped) this.s.boot = (this.s.boot ?? 0) + 1;
      this.s.stopped = false;
      return;
    }
    Object.assign(this.s, { stopped: true, sandboxes: {}, containers: {}, pulling: undefined, pullQueue: [] });
    this.s.ipam.used = {};
  }

  /** RunPodSandbox: start the pause container, then CNI ADD assigns the pod IP. */
  private runPodSandbox(m: CRI.RunPodSandbox): void {
    const id = randomHex64(this.k.rng(`runtime/${this.s.nodeName}`));
    const ip = allocateIp(this.s.ipam, id) ?? '';
    this.s.sandboxes[id] = { id, pod: this.podRef(m), ip, state: 'ready' };
    this.trace('cri.run_pod_sandbox', m, { image: PAUSE_IMAGE, cgroup: m.cgroupParent ?? '' });
    this.reply({ type: 'POD_SANDBOX_READY', ...this.podRef(m), sandboxId: id, ip }, this.rand(500, 500));
  }

  /** StopPodSandbox: stop the pause container and CNI DEL releases the IP. */
  private stopPodSandbox(m: CRI.StopPodSandbox): void {
    const sb = this.s.sandboxes[m.sandboxId];
    const ip = sb?.ip ?? '';
    if (sb && sb.state === 'ready') {
      sb.state = 'notready';
      if (ip) releaseIp(this.s.ipam, ip);
    }
    this.trace('cri.stop_pod_sandbox', m, { ip });
    this.reply({ type: 'POD_SANDBOX_STOPPED', ...this.podRef(m), sandboxId: m.sandboxId, ip }, this.rand(100, 100));
  }

  /** RemovePodSandbox: remove the sandbox and every container in it. */
  private removePodSandbox(m: CRI.RemovePodSandbox): void {
    let n = 0;
    for (const [id, c] of Object.entries(this.s.containers)) {
      if (c.sandboxId === m.sandboxId) {
        delete this.s.containers[id];
        n++;
      }
    }
    delete this.s.sandboxes[m.sandboxId];
    this.trace('cri.remove_pod_sandbox', m, { containers: n });
    this.reply({ type: 'POD_SANDBOX_REMOVED', ...this.podRef(m), sandboxId: m.sandboxId, containers: n }, this.rand(20, 30));
  }

  private cached(image: string): CachedImage | undefined {
    const r = lookupImage(image, this.s.registry);
    return r.ref ? this.s.images[r.ref.normalized] : undefined;
  }

  private imageStatus(m: CRI.ImageStatusRequest): void {
    const c = this.cached(m.image);
    this.reply({ type: 'IMAGE_STATUS_RESULT', ...this.podRef(m), container: m.container, image: m.image, present: !!c, imageRef: c?.imageRef, repoDigest: c?.repoDigest }, 2);
  }

  /** PullImage: kubelet's serializeImagePulls means one pull at a time per node. */
  private pullImage(m: CRI.PullImage): void {
    const job: PullJob = { msg: m, enqueuedAtMs: this.k.now(), startedAtMs: -1 };
    this.trace('cri.pull_image', m, { container: m.container, image: m.image, queuedBehind: this.s.pullQueue.length + (this.s.pulling ? 1 : 0) });
    this.s.pullQueue.push(job);
    if (!this.s.pulling) this.startNextPull();
  }

  private startNextPull(): void {
    const job = this.s.pullQueue.shift();
    if (!job) return;
    job.startedAtMs = this.k.now();
    this.s.pulling = job;
    const r = lookupImage(job.msg.image, this.s.registry);
    let ms: number;
    if (!r.ok) ms = r.reason === 'InvalidImageName' ? 1 : this.rand(400, 400);
    else if (this.s.images[r.ref.normalized]) ms = this.rand(100, 100); // only the manifest is fetched
    else ms = this.rand(300, 300) + Math.round(r.sizeBytes / PULL_BYTES_PER_MS);
    this.k.send(this.id, this.id, this.s.boot ? { type: 'PULL_DONE', boot: this.s.boot } : { type: 'PULL_DONE' }, ms);
  }

  private pullDone(): void {
    const job = this.s.pulling;
    if (!job) return;
    this.s.pulling = undefined;
    const m = job.msg;
    const r = lookupImage(m.image, this.s.registry);
    const base = { ...this.podRef(m), container: m.container, image: m.image };
    if (!r.ok) this.reply({ type: 'IMAGE_PULL_FAILED', ...base, reason: r.reason, message: r.message });
    else {
      this.s.images[r.ref.normalized] = { imageRef: r.ref.normalized, repoDigest: r.repoDigest, sizeBytes: r.sizeBytes };
      const now = this.k.now();
      this.reply({ type: 'IMAGE_PULLED', ...base, imageRef: r.ref.normalized, repoDigest: r.repoDigest, sizeBytes: r.sizeBytes, pullMs: now - job.startedAtMs, totalMs: now - job.enqueuedAtMs });
      this.reply(this.imageList());
    }
    this.startNextPull();
  }

  private removeImage(image: string): void {
    const r = lookupImage(image, this.s.registry);
    if (r.ref) delete this.s.images[r.ref.normalized];
    this.reply(this.imageList());
  }

  /** ListImages as the node status wants it: RepoDigests + RepoTags, largest first. */
  private imageList(): CRI.ImageList {
    const images = Object.values(this.s.images)
      .map((i) => ({ names: [i.repoDigest, i.imageRef], sizeBytes: i.sizeBytes }))
      .sort((a, b) => b.sizeBytes - a.sizeBytes || a.names[1].localeCompare(b.names[1]));
    return { type: 'IMAGE_LIST', images };
  }

  private createContainer(m: CRI.CreateContainer): void {
    const r = lookupImage(m.image, this.s.registry);
    const info = r.ok ? r.info : IMAGE_CATALOGUE['docker.io/library/busybox'];
    const id = randomHex64(this.k.rng(`runtime/${this.s.nodeName}`));
    const plan = planProcess(info, m.command, m.args, { env: containerEnv(m), mounted: mountedFiles(m.mounts), stdin: m.stdin });
    gcDeadContainers(this.s.containers, m.podUid, m.container);
    this.s.containers[id] = {
      id, sandboxId: m.sandboxId, pod: this.podRef(m), name: m.container, image: m.image, plan, stopSignal: info.stopSignal,
      state: 'created', gen: 0, startedAtMs: 0, finishedAtMs: 0, exitCode: 0, stopping: false, attempt: m.attempt, memoryLimitBytes: m.memoryLimitBytes ?? 0,
    };
    this.trace('cri.create_container', m, { container: m.container, image: m.image, attempt: m.attempt });
    this.reply({ type: 'CONTAINER_CREATED', ...this.podRef(m), container: m.container, containerId: id }, this.rand(20, 40));
  }

  private startContainer(m: CRI.StartContainer): void {
    const c = this.s.containers[m.containerId];
    if (!c) return;
    const delay = this.rand(50, 70);
    this.trace('cri.start_container', m, { container: m.container, argv: c.plan.argv.join(' ') });
    if (c.plan.startError) {
      Object.assign(c, { state: 'exited', exitCode: 128, startedAtMs: this.k.now() + delay, finishedAtMs: this.k.now() + delay });
      this.reply({ type: 'CONTAINER_START_FAILED', ...this.podRef(m), container: m.container, containerId: c.id, message: c.plan.startError }, delay);
      return;
    }
    Object.assign(c, { state: 'running', startedAtMs: this.k.now() + delay, gen: c.gen + 1 });
    this.reply({ type: 'CONTAINER_STARTED', ...this.podRef(m), container: m.container, containerId: c.id, startedAtMs: c.startedAtMs }, delay);
    if (c.plan.exitAfterMs !== undefined) {
      const at = delay + c.plan.exitAfterMs;
      this.k.send(this.id, this.id, { type: 'PROCESS_EXIT', id: c.id, gen: c.gen, exitCode: c.plan.exitCode }, at, at > BACKGROUND_AFTER_MS);
    }
    const oomAt = oomKillAfterMs(c.plan, c.memoryLimitBytes);
    if (oomAt !== undefined) this.k.send(this.id, this.id, { type: 'PROCESS_EXIT', id: c.id, gen: c.gen, exitCode: 137, signal: 'SIGKILL', oom: true }, delay + oomAt);
  }

  /** A probe or hook: ExecSync in the container, or a connection over the pod network. */
  private probe(m: CRI.ProbeRequest): void {
    const o = answerProbe(this.s, m, this.k.now());
    const reply: CRI.ProbeReply = { type: 'PROBE_REPLY', ...this.podRef(m), tag: m.tag, container: m.container, containerId: m.containerId, result: o.result, output: o.output };
    if (o.exitCode !== undefined) reply.exitCode = o.exitCode;
    this.reply(reply, o.durationMs, m.periodic);
  }

  /** StopContainer: the image's STOPSIGNAL now, SIGKILL when the timeout runs out. */
  private stopContainer(m: CRI.StopContainer): void {
    const c = this.s.containers[m.containerId];
    if (!c) return;
    if (c.state !== 'running') {
      this.reply(this.exited(c, true), 1);
      return;
    }
    const now = this.k.now();
    const timeoutMs = Math.max(0, m.timeoutSeconds) * 1000;
    c.stopping = true;
    this.trace('cri.stop_container', m, { container: m.container, signal: c.stopSignal, graceSeconds: m.timeoutSeconds, deadlineMs: now + timeoutMs });
    const d = stopDelayMs(c.plan, now - c.startedAtMs);
    if (d !== undefined && d < timeoutMs) {
      const code = c.plan.onStop.kind === 'ignore' ? 0 : c.plan.onStop.exitCode;
      this.k.send(this.id, this.id, { type: 'PROCESS_EXIT', id: c.id, gen: c.gen, exitCode: code, signal: c.stopSignal }, d);
    }
    this.k.send(this.id, this.id, { type: 'STOP_DEADLINE', id: c.id, gen: c.gen }, timeoutMs);
  }

  private exited(c: Ctr, stopped: boolean): CRI.ContainerExited {
    return {
      type: 'CONTAINER_EXITED', ...c.pod, container: c.name, containerId: c.id, exitCode: c.exitCode,
      startedAtMs: c.startedAtMs, finishedAtMs: c.finishedAtMs, signal: c.signal, stopped, ...(c.oomKilled ? { reason: 'OOMKilled' as const } : {}),
    };
  }

  private processExit(id: string, gen: number, exitCode: number, signal: Signal | undefined, oom: boolean): void {
    const c = this.s.containers[id];
    if (!c || c.gen !== gen || c.state !== 'running') return;
    Object.assign(c, { state: 'exited', exitCode, finishedAtMs: this.k.now(), signal });
    if (oom) c.oomKilled = true;
    this.reply(this.exited(c, c.stopping));
  }

  private stopDeadline(id: string, gen: number): void {
    const c = this.s.containers[id];
    if (!c || c.gen !== gen || c.state !== 'running') return;
    this.trace('cri.sigkill', c.pod, { container: c.name, signal: 'SIGKILL' });
    Object.assign(c, { state: 'exited', exitCode: 137, finishedAtMs: this.k.now(), signal: 'SIGKILL' });
    this.reply(this.exited(c, true));
  }
}
