// Twin of k8s.io/component-helpers/scheduling/corev1/helpers.go and k8s.io/api/core/v1/toleration.go
// (ToleratesTaint, TolerationsTolerateTaint, FindMatchingUntoleratedTaint, PodPriority).
// Simplified: no Lt/Gt toleration operators (alpha after v1.33).
import type { Pod, Taint, Toleration } from 'kubernetes-types/core/v1';

export const TaintEffect = {
  NoSchedule: 'NoSchedule',
  PreferNoSchedule: 'PreferNoSchedule',
  NoExecute: 'NoExecute',
} as const;

export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';

/**
 * Toleration.ToleratesTaint: empty effect matches all effects; empty key (with Exists) matches all keys;
 * operator "" or Equal needs equal values; Exists matches any value; unknown operators match nothing.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  for (const t of tolerations ?? []) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint passing `inclusionFilter` that no toleration tolerates, or undefined. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  inclusionFilter?: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (inclusionFilter && !inclusionFilter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** helper.DoNotScheduleTaintsFilterFunc: NoSchedule and NoExecute taints. */
export function doNotScheduleTaintsFilter(t: Taint): boolean {
  return t.effect === TaintEffect.NoSchedule || t.effect === TaintEffect.NoExecute;
}

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}
