// Read-only views of the node side for hosts (the worker, the CLI): `kubectl logs` (the apiserver's
// LogLocation, pkg/registry/core/pod/strategy.go, then the kubelet's log read, pkg/kubelet/kubelet_pods.go
// validateContainerLogStatus) and the simulated image registry; plus the `registry.add` input.
import type { KObject } from '../api/types';
import { IMAGE_CATALOGUE, parseImageRef, planProcess, readContainerLog, type ImageInfo, type RuntimeState } from '../kubelet';
import { pushedImage, type ImageBehaviour, type PushedImage } from '../kubelet/runtime/images';

export interface LogsOptions {
  container?: string;
  previous?: boolean;
  /** read the log as of this virtual instant (a host that plays the trace behind the engine) */
  nowMs?: number;
}

export type LogsResult =
  | { ok: true; container: string; containerId: string; attempt: number; lines: string[]; times: number[] }
  | { ok: false; code: number; reason: 'NotFound' | 'BadRequest'; message: string };

type Spec = { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }>; ephemeralContainers?: Array<{ name: string }>; nodeName?: string };
type Status = { containerStatuses?: CtrStatus[]; initContainerStatuses?: CtrStatus[]; ephemeralContainerStatuses?: CtrStatus[] };
type CtrStatus = { name: string; state?: { waiting?: { reason?: string } } };

const bad = (message: string): LogsResult => ({ ok: false, code: 400, reason: 'BadRequest', message });

/** `kubectl logs <pod> [-c container] [--previous]` against the pod's node runtime. */
export function podLogs(pod: KObject | undefined, name: string, runtimeOf: (node: string) => RuntimeState | undefined, opts: LogsOptions): LogsResult {
  if (!pod) return { ok: false, code: 404, reason: 'NotFound', message: `pods "${name}" not found` };
  const spec = (pod.spec ?? {}) as Spec;
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
  // kubectl picks the default-container annotation, else the first container
  const annotated = (pod.metadata.annotations as Record<string, string> | undefined)?.['kubectl.kubernetes.io/default-container'];
  const container = opts.container ?? annotated ?? spec.containers?.[0]?.name ?? '';
  if (!all.includes(container)) return bad(`container ${container} is not valid for pod ${name}`);
  if (!spec.nodeName) return bad(`pod ${name} does not have a host assigned`);
  const rs = runtimeOf(spec.nodeName);
  const log = rs && readContainerLog(rs, String(pod.metadata.uid), container, !!opts.previous, opts.nowMs);
  if (log) return { ok: true, container, containerId: log.containerId, attempt: log.attempt, lines: log.lines, times: log.times };
  if (opts.previous) return bad(`previous terminated container "${container}" in pod "${name}" not found`);
  const st = (pod.status ?? {}) as Status;
  const cs = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? []), ...(st.ephemeralContainerStatuses ?? [])].find((c) => c.name === container);
  return bad(`container "${container}" in pod "${name}" is waiting to start: ${cs?.state?.waiting?.reason ?? 'ContainerCreating'}`);
}

/** One image the registry serves, as the Registry view lists it. */
export interface RegistryImage {
  /** normalized repository (docker.io/library/nginx) */
  repository: string;
  /** the one tag a pushed image has; undefined: the catalogue serves any tag */
  tag?: string;
  sizeBytes: number;
  alpineSizeBytes?: number;
  /** ENTRYPOINT + CMD */
  command: string[];
  stopSignal: string;
  /** TCP ports the default program listens on */
  ports: number[];
  /** what the default program does, in a few words */
  behaviour: string;
  pushed: boolean;
}

function describe(info: ImageInfo): { ports: number[]; behaviour: string } {
  const plan = planProcess(info);
  const ports = plan.net?.tcp ?? [];
  if (plan.startError) return { ports, behaviour: 'no default program' };
  if (ports.length) return { ports, behaviour: `serves on ${ports.join(', ')} until stopped` };
  if (plan.exitAfterMs === undefined) return { ports, behaviour: 'runs until stopped' };
  return { ports, behaviour: `exits ${plan.exitCode} after ${plan.exitAfterMs < 1000 ? `${plan.exitAfterMs} ms` : `${Math.round(plan.exitAfterMs / 1000)} s`}` };
}

/** The catalogue, then the images pushed at run time. */
export function registryImages(pushed: Record<string, PushedImage> | undefined): RegistryImage[] {
  const entry = (info: ImageInfo, p?: PushedImage): RegistryImage => ({
    repository: info.repository,
    ...(p ? { tag: p.ref.slice(p.ref.lastIndexOf(':') + 1) } : {}),
    sizeBytes: p?.sizeBytes ?? info.sizeBytes,
    ...(info.alpineSizeBytes ? { alpineSizeBytes: info.alpineSizeBytes } : {}),
    command: [...info.entrypoint, ...info.cmd],
    stopSignal: info.stopSignal,
    ...describe(info),
    pushed: !!p,
  });
  return [...Object.values(IMAGE_CATALOGUE).map((i) => entry(i)), ...Object.values(pushed ?? {}).map((p) => entry(p.info, p))];
}

/** inject `{type: 'registry.add', target: 'myapp:1.0', sizeMB, behaviour}`: the image to push, or a reason to refuse. */
export function imageToPush(fault: { target: string; sizeMB?: unknown; behaviour?: unknown }): PushedImage {
  const ref = parseImageRef(fault.target);
  if ('error' in ref) throw new Error(ref.error);
  if (!ref.tag || ref.digest) throw new Error(`registry.add needs a name:tag reference, got "${fault.target}"`);
  const sizeMB = Number(fault.sizeMB ?? 10);
  if (!Number.isFinite(sizeMB) || sizeMB <= 0 || sizeMB > 20_000) throw new Error(`registry.add: size must be between 0 and 20000 MB, got ${String(fault.sizeMB)}`);
  return pushedImage(ref, Math.round(sizeMB * 1_000_000), checkBehaviour(fault.behaviour));
}

function checkBehaviour(b: unknown): ImageBehaviour {
  const o = (b ?? { kind: 'sleep' }) as Record<string, unknown>;
  const int = (v: unknown, min: number, max: number, what: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`registry.add: ${what} must be an integer from ${min} to ${max}, got ${String(v)}`);
    return n;
  };
  if (o.kind === 'http') return { kind: 'http', port: int(o.port, 1, 65535, 'port') };
  if (o.kind === 'exit') return { kind: 'exit', afterSeconds: int(o.afterSeconds, 0, 86_400, 'afterSeconds'), exitCode: int(o.exitCode, 0, 255, 'exitCode') };
  if (o.kind === 'sleep') return { kind: 'sleep' };
  throw new Error(`registry.add: unknown behaviour "${String(o.kind)}" (http, exit, sleep)`);
}
