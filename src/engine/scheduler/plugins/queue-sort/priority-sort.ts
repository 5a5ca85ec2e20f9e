// Twin of pkg/scheduler/framework/plugins/queuesort/priority_sort.go.
import type { Pod } from 'kubernetes-types/core/v1';
import { podPriority } from '../../../api/helper/scheduling/corev1/helpers';

export const Name = 'PrioritySort';

/** What the queue knows about a pod: the object and when it was added (virtual ms). */
export interface QueuedPodInfoLike {
  pod: Pod;
  timestamp: number;
}

/** Less: higher spec.priority first, then the earlier queue timestamp. */
export function less(a: QueuedPodInfoLike, b: QueuedPodInfoLike): boolean {
  const p1 = podPriority(a.pod);
  const p2 = podPriority(b.pod);
  return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
}

/** Comparator form of Less for Array.prototype.sort and heaps. */
export function compare(a: QueuedPodInfoLike, b: QueuedPodInfoLike): number {
  if (less(a, b)) return -1;
  if (less(b, a)) return 1;
  return 0;
}
