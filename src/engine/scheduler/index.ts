// Public surface of the pure scheduling framework: the cycle (scheduleOne), the incremental snapshot for a
// scheduler cache, and conformance helpers named after upstream functions.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { CycleState } from './framework/cycle-state';
import { Code, MaxNodeScore, isSuccess, type NodeScore } from './framework/interface';
import { NodeInfo } from './framework/node-info';
import type { Handle } from './framework/runtime';
import { Snapshot } from './framework/snapshot';
import { defaultNormalizeScore as normalizeList, defaultNormalizeScoreMap } from './plugins/helper/normalize-score';
import { newInTreeRegistry } from './plugins/registry';
import { listersFromObjects, type ClusterObjects } from './framework/listers';

export { scheduleOne, scheduleOneWithSnapshot, createFramework, numFeasibleNodesToFind, selectHost, podKeyOf, ErrNoNodesAvailable } from './schedule-one';
export type { ScheduleOptions, SchedulingDecision, PreemptionDecision } from './schedule-one';
export { listersFromObjects } from './framework/listers';
export type { Listers, ClusterObjects } from './framework/listers';
export { pickOneNodeForPreemption, moreImportantPod } from './framework/preemption/preemption';
export type { Candidate } from './framework/preemption/preemption';
export { calculateNumCandidates } from './plugins/default-preemption/default-preemption';
export { topologyNormalizingWeight, scoreForCount } from './plugins/pod-topology-spread/scoring';
export { Snapshot, isAssignedActivePod } from './framework/snapshot';
export { NodeInfo } from './framework/node-info';
export { CycleState } from './framework/cycle-state';
export { Framework } from './framework/runtime';
export type { Trace, StatusRecord, NodePluginScores, Registry, PluginFactory, Handle } from './framework/runtime';
export { Code, MaxNodeScore, MinNodeScore, newStatus } from './framework/interface';
export type { Status, Plugin, NodeScore, PreFilterResult } from './framework/interface';
export { fitErrorMessage, fitErrorFromDiagnosis, NodeToStatus } from './framework/fit-error';
export { defaultProfile, getDefaultPlugins, DefaultSchedulerName } from './framework/default-profile';
export type { Profile, PluginEntry } from './framework/default-profile';
export {
  computePodResourceRequest,
  computePodResourceRequestNonZero,
  calculateResource,
  getHostPorts,
  HostPortInfo,
  ImageStateSummary,
} from './framework/types';
export type { Resource, PodResource, PodInfo } from './framework/types';
export { podRequests, DefaultMilliCPURequest, DefaultMemoryRequest } from './framework/resource-helpers';
export {
  toleratesTaint,
  tolerationsTolerateTaint,
  findMatchingUntoleratedTaint,
  podPriority,
} from '../api/helper/scheduling/corev1/helpers';
export { normalizedImageName } from './plugins/image-locality/image-locality';
export { less as prioritySortLess, compare as prioritySortCompare } from './plugins/queue-sort/priority-sort';
export type { QueuedPodInfoLike } from './plugins/queue-sort/priority-sort';
export { newInTreeRegistry } from './plugins/registry';

function handleFor(snapshot: Snapshot, objects?: ClusterObjects): Handle {
  const listers = listersFromObjects(objects);
  return { snapshotSharedLister: () => snapshot, listers: () => listers };
}

function newPlugin(pluginName: string, snapshot: Snapshot, pluginArgs?: unknown, objects?: ClusterObjects) {
  const factory = newInTreeRegistry()[pluginName];
  if (!factory) throw new Error(`plugin ${pluginName} not found in registry`);
  return factory(pluginArgs, handleFor(snapshot, objects));
}

/**
 * Runs one plugin's PreFilter (over every node) then Filter on each node, as the framework would; returns
 * node → status. `pods` are all pods (bound ones are placed on their nodes); `objects` feed the listers
 * (PVCs, PVs, Services, ReplicaSets, StatefulSets, Namespaces). A PreFilter rejection is every node's status.
 */
export function runFilterPluginOnNodes(
  pluginName: string,
  pod: Pod,
  nodes: readonly Node[],
  pods: readonly Pod[] = [],
  pluginArgs?: unknown,
  objects?: ClusterObjects,
): Record<string, { code: Code; reasons: string[] }> {
  const snapshot = Snapshot.fromObjects(nodes, pods);
  const pl = newPlugin(pluginName, snapshot, pluginArgs, objects);
  const state = new CycleState();
  const infos = snapshot.list();
  const out: Record<string, { code: Code; reasons: string[] }> = {};
  if (pl.preFilter) {
    const { status } = pl.preFilter(state, pod, infos);
    const skip = status?.code === Code.Skip;
    if (skip || !isSuccess(status)) {
      for (const ni of infos) out[ni.name] = skip ? { code: Code.Success, reasons: [] } : { code: status!.code, reasons: status!.reasons };
      return out;
    }
  }
  for (const ni of infos) {
    const s = pl.filter ? pl.filter(state, pod, ni) : null;
    out[ni.name] = s ? { code: s.code, reasons: s.reasons } : { code: Code.Success, reasons: [] };
  }
  return out;
}

/**
 * Runs one plugin's PreFilter (if any) then Filter for `pod` on `node` carrying `podsOnNode`.
 * PreFilter Skip means the Filter is not run (Success).
 */
export function runFilterPlugin(
  pluginName: string,
  pod: Pod,
  node: Node,
  podsOnNode: readonly Pod[] = [],
  pluginArgs?: unknown,
  objects?: ClusterObjects,
): { code: Code; reasons: string[] } {
  const nodeInfo = new NodeInfo(node, podsOnNode);
  const snapshot = Snapshot.fromObjects([node]);
  const pl = newPlugin(pluginName, snapshot, pluginArgs, objects);
  const state = new CycleState();
  if (pl.preFilter) {
    const { status } = pl.preFilter(state, pod, [nodeInfo]);
    if (status?.code === Code.Skip) return { code: Code.Success, reasons: [] };
    if (!isSuccess(status)) return { code: status!.code, reasons: status!.reasons };
  }
  if (!pl.filter) return { code: Code.Success, reasons: [] };
  const s = pl.filter(state, pod, nodeInfo);
  return s ? { code: s.code, reasons: s.reasons } : { code: Code.Success, reasons: [] };
}

/**
 * Runs one plugin's PreScore, Score on every node and NormalizeScore; returns node → normalized score
 * (unweighted), or 'Skip' when PreScore skips the plugin. `pods` are all pods (bound ones count).
 */
export function runScorePlugin(
  pluginName: string,
  pod: Pod,
  nodes: readonly Node[],
  pods: readonly Pod[] = [],
  pluginArgs?: unknown,
  objects?: ClusterObjects,
  /** The nodes that passed filtering (default: all); the others still count in PreScore's cluster-wide pass. */
  filteredNodeNames?: readonly string[],
): Record<string, number> | 'Skip' {
  const snapshot = Snapshot.fromObjects(nodes, pods);
  const pl = newPlugin(pluginName, snapshot, pluginArgs, objects);
  if (!pl.score) throw new Error(`plugin ${pluginName} has no Score extension point`);
  const state = new CycleState();
  const infos = filteredNodeNames ? filteredNodeNames.map((n) => snapshot.get(n)!) : snapshot.list();
  const pre = pl.preScore?.(state, pod, infos) ?? null;
  if (pre?.code === Code.Skip) return 'Skip';
  const list: NodeScore[] = infos.map((ni) => ({ name: ni.name, score: pl.score!(state, pod, ni) }));
  pl.normalizeScore?.(state, pod, list);
  const out: Record<string, number> = {};
  for (const s of list) out[s.name] = s.score;
  return out;
}

/** helper.DefaultNormalizeScore with MaxNodeScore, on a node → score map or a plain list of scores. */
export function defaultNormalizeScore(scores: Record<string, number>, reverse: boolean): Record<string, number>;
export function defaultNormalizeScore(scores: readonly number[], reverse: boolean): number[];
export function defaultNormalizeScore(
  scores: Record<string, number> | readonly number[],
  reverse: boolean,
): Record<string, number> | number[] {
  if (Array.isArray(scores)) {
    const list = scores.map((score, i) => ({ name: String(i), score }));
    normalizeList(MaxNodeScore, reverse, list);
    return list.map((s) => s.score);
  }
  return defaultNormalizeScoreMap(scores as Record<string, number>, reverse);
}
