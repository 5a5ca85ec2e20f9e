// Twin of pkg/scheduler/framework/plugins/imagelocality/image_locality.go (v1.33: init containers count,
// the upper threshold scales with the number of containers).
import type { Pod } from 'kubernetes-types/core/v1';
import { MaxNodeScore, intDiv, type Plugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import type { ImageStateSummary } from '../../framework/types';

export const Name = 'ImageLocality';
const imagesStateKey = 'Images' + Name;

// Bounds of the image score range: a reasonable size range for compressed container images.
const mb = 1024 * 1024;
export const minThreshold = 23 * mb;
export const maxContainerThreshold = 1000 * mb;

/** normalizedImageName: append ":latest" when the name has no tag (a digest keeps the name as is). */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

/** Image size scaled by the fraction of nodes holding it, against the "node heating" problem. */
export function scaledImageScore(state: ImageStateSummary, totalNumNodes: number): number {
  const spread = state.numNodes / totalNumNodes;
  return Math.trunc(state.size * spread);
}

/** Normalized image names of init containers then containers. */
export function podImageNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec?.initContainers ?? []) out.push(normalizedImageName(c.image ?? ''));
  for (const c of pod.spec?.containers ?? []) out.push(normalizedImageName(c.image ?? ''));
  return out;
}

export function sumImageScores(nodeInfo: NodeInfo, images: readonly string[], totalNumNodes: number): number {
  let sum = 0;
  for (const name of images) {
    const state = nodeInfo.imageStates.get(name);
    if (state) sum += scaledImageScore(state, totalNumNodes);
  }
  return sum;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  if (sumScores < minThreshold) sumScores = minThreshold;
  else if (sumScores > maxThreshold) sumScores = maxThreshold;
  return intDiv(MaxNodeScore * (sumScores - minThreshold), maxThreshold - minThreshold);
}

/** `totalNumNodes` reads the snapshot size at scoring time (handle.SnapshotSharedLister()). */
export function New(totalNumNodes: () => number): Plugin {
  return {
    name: Name,
    score(state, pod, nodeInfo) {
      // Not an upstream PreScore: the names are just memoized for the cycle.
      let images = state.read<string[]>(imagesStateKey);
      if (!images) state.write(imagesStateKey, (images = podImageNames(pod)));
      return calculatePriority(sumImageScores(nodeInfo, images, totalNumNodes()), images.length);
    },
  };
}
