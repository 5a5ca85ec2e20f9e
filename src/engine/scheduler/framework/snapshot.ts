// Twin of pkg/scheduler/backend/cache/snapshot.go and the image bookkeeping of cache.go
// (addNodeImageStates/removeNodeImageStates). Simplified: one mutable snapshot that a cache-like owner keeps
// up to date with addPod/removePod/addNode/updateNode/removeNode; no generations-based cloning.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { NodeInfo } from './node-info';
import { ImageStateSummary } from './types';

/** Pods the scheduler cache tracks: bound (spec.nodeName) and not terminal. */
export function isAssignedActivePod(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

export class Snapshot {
  private readonly nodeInfoMap = new Map<string, NodeInfo>();
  /** Image name → size and nodes holding it, across the cluster (cache.imageStates). */
  private readonly imageStates = new Map<string, ImageStateSummary>();
  private listCache: NodeInfo[] | null = null;
  /** the two affinity lists, kept until a node or a pod with affinity changes them: rebuilding
   * them by a scan of every node for each scheduling cycle cost 5% of a 5,000-node run (snapshot.go
   * also keeps them as lists, refreshed with the snapshot) */
  private affinityCache: NodeInfo[] | null = null;
  private antiAffinityCache: NodeInfo[] | null = null;

  /** NewSnapshot(pods, nodes): nodes in the given order; pods not bound/active are ignored. */
  static fromObjects(nodes: readonly Node[], pods: readonly Pod[] = []): Snapshot {
    const s = new Snapshot();
    for (const n of nodes) s.addNode(n);
    for (const p of pods) if (isAssignedActivePod(p)) s.addPod(p);
    return s;
  }

  get(nodeName: string): NodeInfo | undefined {
    const ni = this.nodeInfoMap.get(nodeName);
    return ni?.node ? ni : undefined;
  }

  /** NodeInfos().List(): nodes with a Node object, in insertion order. */
  list(): readonly NodeInfo[] {
    if (!this.listCache) this.listCache = [...this.nodeInfoMap.values()].filter((ni) => ni.node);
    return this.listCache;
  }

  numNodes(): number {
    return this.list().length;
  }

  /** HavePodsWithAffinityList: nodes hosting a pod with pod (anti-)affinity. */
  havePodsWithAffinityList(): NodeInfo[] {
    if (!this.affinityCache) this.affinityCache = this.list().filter((ni) => ni.podsWithAffinity.size > 0);
    return this.affinityCache;
  }

  /** HavePodsWithRequiredAntiAffinityList: nodes hosting a pod with required anti-affinity. */
  havePodsWithRequiredAntiAffinityList(): NodeInfo[] {
    if (!this.antiAffinityCache) this.antiAffinityCache = this.list().filter((ni) => ni.podsWithRequiredAntiAffinity.size > 0);
    return this.antiAffinityCache;
  }

  /** a pod came or went on `ni`: the affinity lists change only if that node's counts crossed zero */
  private podsChanged(ni: NodeInfo, aff: number, anti: number): void {
    if ((aff === 0) !== (ni.podsWithAffinity.size === 0)) this.affinityCache = null;
    if ((anti === 0) !== (ni.podsWithRequiredAntiAffinity.size === 0)) this.antiAffinityCache = null;
  }

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    let ni = this.nodeInfoMap.get(name);
    // an update of a listed node keeps the lists (same NodeInfo, same place): only membership changes them
    const listed = !!ni?.node;
    if (!ni) this.nodeInfoMap.set(name, (ni = new NodeInfo()));
    else if (ni.node) this.removeNodeImageStates(ni.node);
    ni.setNode(node, this.addNodeImageStates(node));
    if (!listed) this.listCache = this.affinityCache = this.antiAffinityCache = null;
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  /** Removes the node; pods still bound to it are kept on a node-less NodeInfo until removed. */
  removeNode(nodeName: string): void {
    const ni = this.nodeInfoMap.get(nodeName);
    if (!ni) return;
    if (ni.node) this.removeNodeImageStates(ni.node);
    if (ni.numPods === 0) this.nodeInfoMap.delete(nodeName);
    else ni.removeNode();
    this.listCache = this.affinityCache = this.antiAffinityCache = null;
  }

  /** AddPod for a pod bound to spec.nodeName (creates a node-less NodeInfo if the node is unknown yet). */
  addPod(pod: Pod): void {
    const nodeName = pod.spec?.nodeName ?? '';
    let ni = this.nodeInfoMap.get(nodeName);
    if (!ni) this.nodeInfoMap.set(nodeName, (ni = new NodeInfo()));
    const aff = ni.podsWithAffinity.size;
    const anti = ni.podsWithRequiredAntiAffinity.size;
    ni.addPod(pod);
    this.podsChanged(ni, aff, anti);
  }

  removePod(pod: Pod): boolean {
    const nodeName = pod.spec?.nodeName ?? '';
    const ni = this.nodeInfoMap.get(nodeName);
    if (!ni) return false;
    const aff = ni.podsWithAffinity.size;
    const anti = ni.podsWithRequiredAntiAffinity.size;
    const removed = ni.removePod(pod);
    this.podsChanged(ni, aff, anti);
    if (!ni.node && ni.numPods === 0) this.nodeInfoMap.delete(nodeName);
    return removed;
  }

  updatePod(oldPod: Pod, newPod: Pod): void {
    this.removePod(oldPod);
    this.addPod(newPod);
  }

  private addNodeImageStates(node: Node): Map<string, ImageStateSummary> {
    const name = node.metadata?.name ?? '';
    const sum = new Map<string, ImageStateSummary>();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) {
        let state = this.imageStates.get(n);
        if (!state) this.imageStates.set(n, (state = new ImageStateSummary(img.sizeBytes ?? 0)));
        state.nodes.add(name);
        if (!sum.has(n)) sum.set(n, state);
      }
    }
    return sum;
  }

  private removeNodeImageStates(node: Node): void {
    const name = node.metadata?.name ?? '';
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) {
        const state = this.imageStates.get(n);
        if (!state) continue;
        state.nodes.delete(name);
        if (state.nodes.size === 0) this.imageStates.delete(n);
      }
    }
  }
}
