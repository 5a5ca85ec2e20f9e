// Twin of k8s.io/api core/v1 toleration.go ToleratesTaint and pkg/apis/core/v1/helper
// GetMatchingTolerations, as the taint eviction controller uses them (NoExecute taints only).
import type { Taint } from '../nodelifecycle/taints';

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal' | string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** Toleration.ToleratesTaint. */
export function toleratesTaint(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  switch (tol.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (tol.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** GetMatchingTolerations: whether every taint is tolerated, and the first toleration used for each. */
export function getMatchingTolerations(taints: Taint[], tolerations: Toleration[]): [boolean, Toleration[]] {
  if (taints.length === 0) return [true, []];
  if (tolerations.length === 0) return [false, []];
  const used: Toleration[] = [];
  for (const taint of taints) {
    const tol = tolerations.find((t) => toleratesTaint(t, taint));
    if (!tol) return [false, []];
    used.push(tol);
  }
  return [true, used];
}

/** getMinTolerationTime (taint_eviction.go): ms, 0 = now, -1 = forever. */
export function getMinTolerationTimeMs(tolerations: Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}
