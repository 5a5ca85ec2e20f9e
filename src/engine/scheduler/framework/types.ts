// Twin of pkg/scheduler/framework/types.go: Resource, PodInfo.CalculateResource, HostPortInfo, ImageStateSummary
// and NodeInfo with incremental AddPod/RemovePod. Simplified: no affinity pod lists, no PVC ref counts.
import type { Pod } from 'kubernetes-types/core/v1';
import { podAffinityTerms, type PodAffinityTerms } from './affinity-term';
import {
  NON_MISSING_DEFAULTS,
  isScalarResourceName,
  podRequests,
  type ResourceList,
} from './resource-helpers';

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalarResources: Record<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalarResources: {} };
}

/** Resource.Add(ResourceList). */
export function addResourceList(r: Resource, rl: ResourceList): Resource {
  for (const name of Object.keys(rl)) {
    const v = rl[name];
    if (name === 'cpu') r.milliCPU += v;
    else if (name === 'memory') r.memory += v;
    else if (name === 'pods') r.allowedPodNumber += v;
    else if (name === 'ephemeral-storage') r.ephemeralStorage += v;
    else if (isScalarResourceName(name)) r.scalarResources[name] = (r.scalarResources[name] ?? 0) + v;
  }
  return r;
}

/** Resource.SetMaxResource(ResourceList). */
export function setMaxResource(r: Resource, rl: ResourceList): Resource {
  for (const name of Object.keys(rl)) {
    const v = rl[name];
    if (name === 'cpu') r.milliCPU = Math.max(r.milliCPU, v);
    else if (name === 'memory') r.memory = Math.max(r.memory, v);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = Math.max(r.ephemeralStorage, v);
    else if (isScalarResourceName(name)) r.scalarResources[name] = Math.max(r.scalarResources[name] ?? 0, v);
  }
  return r;
}

/** noderesources computePodResourceRequest: actual requests (no defaults) used by the Fit filter. */
export function computePodResourceRequest(pod: Pod): Resource {
  return setMaxResource(emptyResource(), podRequests(pod));
}

/** Requests with the scoring defaults (100m cpu / 200Mi memory per container that sets none). */
export function computePodResourceRequestNonZero(pod: Pod): Resource {
  return setMaxResource(emptyResource(), podRequests(pod, { nonMissingContainerRequests: NON_MISSING_DEFAULTS }));
}

export interface PodResource {
  resource: Resource;
  non0CPU: number;
  non0Mem: number;
}

/** PodInfo.CalculateResource: actual requests plus the non-zero cpu/memory used for scoring. */
export function calculateResource(pod: Pod): PodResource {
  const resource = addResourceList(emptyResource(), podRequests(pod));
  const non0 = podRequests(pod, { nonMissingContainerRequests: NON_MISSING_DEFAULTS });
  return { resource, non0CPU: non0.cpu ?? 0, non0Mem: non0.memory ?? 0 };
}

export interface HostPort {
  hostIP: string;
  protocol: string;
  hostPort: number;
}

/** schedutil.GetHostPorts: host ports of containers and of restartable (sidecar) init containers. */
export function getHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const collect = (ports: { hostIP?: string; protocol?: string; hostPort?: number }[] | undefined) => {
    for (const p of ports ?? []) {
      if ((p.hostPort ?? 0) > 0) out.push({ hostIP: p.hostIP ?? '', protocol: p.protocol ?? '', hostPort: p.hostPort! });
    }
  };
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') collect(c.ports);
  for (const c of pod.spec?.containers ?? []) collect(c.ports);
  return out;
}

export const DefaultBindAllHostIP = '0.0.0.0';

/** HostPortInfo: ip → "protocol/port" → use count (counted so incremental removal stays exact). */
export class HostPortInfo {
  private readonly byIP = new Map<string, Map<string, number>>();

  private static sanitize(ip: string, protocol: string): [string, string] {
    return [ip || DefaultBindAllHostIP, protocol || 'TCP'];
  }

  add(ip: string, protocol: string, port: number): void {
    if (port <= 0) return;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    let m = this.byIP.get(i);
    if (!m) this.byIP.set(i, (m = new Map()));
    const key = `${p}/${port}`;
    m.set(key, (m.get(key) ?? 0) + 1);
  }

  remove(ip: string, protocol: string, port: number): void {
    if (port <= 0) return;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    const m = this.byIP.get(i);
    if (!m) return;
    const key = `${p}/${port}`;
    const n = (m.get(key) ?? 0) - 1;
    if (n > 0) m.set(key, n);
    else m.delete(key);
    if (m.size === 0) this.byIP.delete(i);
  }

  /** 0.0.0.0 conflicts with every IP; a specific IP conflicts with itself and 0.0.0.0. */
  checkConflict(ip: string, protocol: string, port: number): boolean {
    if (port <= 0) return false;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    const key = `${p}/${port}`;
    if (i === DefaultBindAllHostIP) {
      for (const m of this.byIP.values()) if (m.has(key)) return true;
      return false;
    }
    return (this.byIP.get(DefaultBindAllHostIP)?.has(key) ?? false) || (this.byIP.get(i)?.has(key) ?? false);
  }

  get size(): number {
    let n = 0;
    for (const m of this.byIP.values()) n += m.size;
    return n;
  }
}

/** ImageStateSummary: image size and the set of nodes holding it (NumNodes = nodes.size). */
export class ImageStateSummary {
  readonly nodes = new Set<string>();
  constructor(readonly size: number) {}
  get numNodes(): number {
    return this.nodes.size;
  }
}

export interface PodInfo {
  readonly key: string;
  readonly pod: Pod;
  readonly res: PodResource;
  readonly hostPorts: readonly HostPort[];
  /** Parsed pod (anti-)affinity terms (NewPodInfo). */
  readonly terms: PodAffinityTerms;
}

/** GetPodKey: the UID, or namespace/name for pods built without one. */
export function podKey(pod: Pod): string {
  return pod.metadata?.uid || `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

export function newPodInfo(pod: Pod): PodInfo {
  return { key: podKey(pod), pod, res: calculateResource(pod), hostPorts: getHostPorts(pod), terms: podAffinityTerms(pod) };
}
