// Twin of the NodeInfo half of pkg/scheduler/framework/types.go: per-node aggregate of the pods bound to it,
// kept incrementally (AddPod/RemovePod/SetNode) so a cache can reuse it across scheduling cycles.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { assert } from '../../kernel/assert';
import { podWithAffinity } from './affinity-term';
import { toResourceList } from './resource-helpers';
import {
  HostPortInfo,
  ImageStateSummary,
  addResourceList,
  emptyResource,
  newPodInfo,
  podKey,
  type PodInfo,
  type Resource,
} from './types';

export class NodeInfo {
  node: Node | undefined = undefined;
  readonly podInfos = new Map<string, PodInfo>();
  /** Pods with podAffinity or podAntiAffinity (PodsWithAffinity). */
  readonly podsWithAffinity = new Map<string, PodInfo>();
  /** Pods with required anti-affinity terms (PodsWithRequiredAntiAffinity). */
  readonly podsWithRequiredAntiAffinity = new Map<string, PodInfo>();
  readonly usedPorts = new HostPortInfo();
  /** Σ actual requests of pods on the node (Fit filter, BalancedAllocation). */
  readonly requested: Resource = emptyResource();
  /** Σ requests with 100m/200Mi defaults per container (LeastAllocated/MostAllocated scoring). */
  readonly nonZeroRequested: Resource = emptyResource();
  allocatable: Resource = emptyResource();
  /** Image name (as listed in node.status.images) → summary shared across the snapshot. */
  imageStates = new Map<string, ImageStateSummary>();
  /** Bumped on every change. */
  generation = 0;

  constructor(node?: Node, pods: readonly Pod[] = []) {
    if (node) this.setNode(node);
    for (const p of pods) this.addPod(p);
  }

  get name(): string {
    return this.node?.metadata?.name ?? '';
  }

  get numPods(): number {
    return this.podInfos.size;
  }

  get pods(): Pod[] {
    return [...this.podInfos.values()].map((pi) => pi.pod);
  }

  /** Labels of the node (empty when there is none). */
  get labels(): Record<string, string> {
    return this.node?.metadata?.labels ?? {};
  }

  /** SetNode: allocatable from node.status.allocatable; image states local to this node unless given. */
  setNode(node: Node, imageStates?: Map<string, ImageStateSummary>): void {
    this.node = node;
    this.allocatable = addResourceList(
      emptyResource(),
      toResourceList(node.status?.allocatable as Record<string, string> | undefined),
    );
    this.imageStates = imageStates ?? localImageStates(node);
    this.generation++;
  }

  removeNode(): void {
    this.node = undefined;
    this.generation++;
  }

  addPod(pod: Pod): void {
    this.addPodInfo(newPodInfo(pod));
  }

  addPodInfo(pi: PodInfo): void {
    if (this.podInfos.has(pi.key)) assert(false, `scheduler: pod ${pi.key} already on node ${this.name}`);
    this.podInfos.set(pi.key, pi);
    if (podWithAffinity(pi.pod)) this.podsWithAffinity.set(pi.key, pi);
    if (pi.terms.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.set(pi.key, pi);
    this.update(pi, 1);
  }

  /** RemovePod by key; the stored PodInfo is subtracted so the totals stay exact. */
  removePod(pod: Pod): boolean {
    const pi = this.podInfos.get(podKey(pod));
    if (!pi) return false;
    this.podInfos.delete(pi.key);
    this.podsWithAffinity.delete(pi.key);
    this.podsWithRequiredAntiAffinity.delete(pi.key);
    this.update(pi, -1);
    return true;
  }

  private update(pi: PodInfo, sign: number): void {
    const r = pi.res.resource;
    this.requested.milliCPU += sign * r.milliCPU;
    this.requested.memory += sign * r.memory;
    this.requested.ephemeralStorage += sign * r.ephemeralStorage;
    for (const k of Object.keys(r.scalarResources)) {
      this.requested.scalarResources[k] = (this.requested.scalarResources[k] ?? 0) + sign * r.scalarResources[k];
    }
    this.nonZeroRequested.milliCPU += sign * pi.res.non0CPU;
    this.nonZeroRequested.memory += sign * pi.res.non0Mem;
    for (const hp of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(hp.hostIP, hp.protocol, hp.hostPort);
      else this.usedPorts.remove(hp.hostIP, hp.protocol, hp.hostPort);
    }
    this.generation++;
  }

  /** A copy sharing pods and image states (for dry runs such as preemption). */
  clone(): NodeInfo {
    const c = new NodeInfo();
    if (this.node) c.setNode(this.node, this.imageStates);
    for (const pi of this.podInfos.values()) c.addPodInfo(pi);
    return c;
  }
}

/** Image states of a lone node: every image counts as present on 1 node. */
function localImageStates(node: Node): Map<string, ImageStateSummary> {
  const out = new Map<string, ImageStateSummary>();
  const name = node.metadata?.name ?? '';
  for (const img of node.status?.images ?? []) {
    for (const n of img.names ?? []) {
      if (out.has(n)) continue;
      const s = new ImageStateSummary(img.sizeBytes ?? 0);
      s.nodes.add(name);
      out.set(n, s);
    }
  }
  return out;
}
