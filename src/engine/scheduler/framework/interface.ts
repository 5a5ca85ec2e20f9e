// Twin of pkg/scheduler/framework/interface.go (+ k8s.io/kube-scheduler/framework): status codes, Status,
// plugin extension points. Simplified: plugins are plain objects, statuses are plain data, no context/logger.
import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from './cycle-state';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './types';

export const Code = {
  Success: 'Success',
  Error: 'Error',
  Unschedulable: 'Unschedulable',
  UnschedulableAndUnresolvable: 'UnschedulableAndUnresolvable',
  Wait: 'Wait',
  Skip: 'Skip',
  Pending: 'Pending',
} as const;
export type Code = (typeof Code)[keyof typeof Code];

export const MaxNodeScore = 100;
export const MinNodeScore = 0;

/** A plugin's verdict. Upstream a nil *Status means Success; here `null` does. */
export interface Status {
  code: Code;
  reasons: string[];
  plugin?: string;
}

export function newStatus(code: Code, ...reasons: string[]): Status {
  return { code, reasons };
}

export function statusCode(s: Status | null | undefined): Code {
  return s ? s.code : Code.Success;
}

export function isSuccess(s: Status | null | undefined): boolean {
  return statusCode(s) === Code.Success;
}

/** Unschedulable or UnschedulableAndUnresolvable (upstream Status.IsRejected, without Pending). */
export function isRejected(s: Status | null | undefined): boolean {
  const c = statusCode(s);
  return c === Code.Unschedulable || c === Code.UnschedulableAndUnresolvable;
}

/** Status.Message(): reasons joined by ", ". */
export function statusMessage(s: Status | null | undefined): string {
  return s ? s.reasons.join(', ') : '';
}

/** PreFilterResult: `nodeNames === null` means all nodes are eligible. */
export interface PreFilterResult {
  nodeNames: Set<string> | null;
}

export interface PreFilterOutcome {
  result?: PreFilterResult | null;
  status: Status | null;
}

export interface NodeScore {
  name: string;
  score: number;
}

/** Read-only view of node statuses after filtering (upstream NodeToStatusReader). */
export interface NodeToStatusReader {
  get(nodeName: string): Status;
}

export interface PostFilterOutcome {
  status: Status | null;
  /**
   * PostFilterResult.NominatingInfo: undefined keeps the pod's nominatedNodeName; '' clears it; a node name
   * nominates that node.
   */
  nominatedNodeName?: string;
  /** The pods to preempt on the nominated node, most important first (the candidate's Victims). */
  victims?: Pod[];
}

/** PreFilterExtensions: keep PreFilter state in step when a dry run adds or removes a pod on a node. */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  removePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
}

/**
 * A scheduling plugin: a name plus the extension points it implements. The runtime calls them in profile
 * order and records every result (like kube-scheduler-simulator's wrappedplugin).
 */
export interface Plugin {
  readonly name: string;
  preFilter?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterOutcome;
  preFilterExtensions?: PreFilterExtensions;
  filter?(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
  postFilter?(state: CycleState, pod: Pod, m: NodeToStatusReader): PostFilterOutcome;
  preScore?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | null;
  score?(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): void;
}

/** Integer division truncating toward zero, exact for safe integers (Go int64 `/`). */
export function intDiv(a: number, b: number): number {
  const neg = a < 0 !== b < 0;
  const x = Math.abs(a);
  const y = Math.abs(b);
  let q = Math.floor(x / y);
  if (q * y > x) q -= 1;
  else if ((q + 1) * y <= x) q += 1;
  return neg && q !== 0 ? -q : q;
}
