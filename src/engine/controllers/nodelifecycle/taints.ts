// Twin of pkg/util/taints/taints.go (TaintExists, TaintSetDiff, AddOrUpdateTaint, RemoveTaint) and
// the taint writes of pkg/controller/controller_utils.go (AddOrUpdateTaintOnNode / RemoveTaintOffNode,
// here folded into one Node update) and util/node SwapNodeControllerTaint (stamps timeAdded).
import type { KObject } from '../../api/types';
import { rfc3339 } from '../../api/time';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
  timeAdded?: string;
}

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const UNREACHABLE_TAINT_TEMPLATE: Taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
export const NOT_READY_TAINT_TEMPLATE: Taint = { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' };

/** Taint.MatchTaint: same key and effect. */
export const matchTaint = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect;

export function taintExists(taints: Taint[], t: Taint): boolean {
  return taints.some((x) => matchTaint(x, t));
}

/** TaintSetDiff: taints of `t1` missing from `t2` (to add), of `t2` missing from `t1` (to remove). */
export function taintSetDiff(t1: Taint[], t2: Taint[]): [Taint[], Taint[]] {
  return [t1.filter((t) => !taintExists(t2, t)), t2.filter((t) => !taintExists(t1, t))];
}

export function nodeTaints(node: KObject): Taint[] {
  return (((node.spec ?? {}) as { taints?: Taint[] }).taints ?? []).map((t) => ({ ...t }));
}

/**
 * SwapNodeControllerTaint: add `add` (each stamped timeAdded = now) and remove `remove`, as one
 * Node (spec.taints) update. Returns undefined when the taints would not change.
 */
export function swapNodeTaints(node: KObject, add: Taint[], remove: Taint[], nowMs: number): KObject | undefined {
  let taints = nodeTaints(node);
  let changed = false;
  for (const t of add) {
    const stamped: Taint = { ...t, timeAdded: rfc3339(nowMs) };
    const i = taints.findIndex((x) => matchTaint(x, t));
    // AddOrUpdateTaint: an identical taint (ignoring timeAdded) is left alone
    if (i >= 0 && (taints[i].value ?? '') === (t.value ?? '')) continue;
    if (i >= 0) taints[i] = stamped;
    else taints.push(stamped);
    changed = true;
  }
  for (const t of remove) {
    if (!taintExists(taints, t)) continue;
    taints = taints.filter((x) => !matchTaint(x, t));
    changed = true;
  }
  if (!changed) return undefined;
  const spec = { ...((node.spec ?? {}) as Record<string, unknown>) };
  if (taints.length) spec.taints = taints;
  else delete spec.taints;
  return { ...structuredClone(node), spec };
}
