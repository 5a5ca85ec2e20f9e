// Twin of pkg/scheduler/framework/runtime/framework.go: runs the plugins of one profile at each extension
// point, in order, and (like kube-scheduler-simulator's wrappedplugin) records every plugin result.
import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from './cycle-state';
import type { PluginEntry, Profile } from './default-profile';
import {
  Code,
  MaxNodeScore,
  MinNodeScore,
  isRejected,
  isSuccess,
  newStatus,
  type NodeScore,
  type NodeToStatusReader,
  type Plugin,
  type PostFilterOutcome,
  type PreFilterResult,
  type Status,
} from './interface';
import type { Listers } from './listers';
import type { NodeInfo } from './node-info';
import { newPodInfo, type PodInfo } from './types';
import { podPriority } from '../../api/helper/scheduling/corev1/helpers';

/** SharedLister: the snapshot's NodeInfos. */
export interface SharedLister {
  list(): readonly NodeInfo[];
  numNodes(): number;
  get(nodeName: string): NodeInfo | undefined;
  havePodsWithAffinityList(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
}

/**
 * What plugins may ask of the framework (framework.Handle): the current snapshot, informer listers, and the
 * framework itself for plugins that run the others (DefaultPreemption's dry runs).
 */
export interface Handle {
  snapshotSharedLister(): SharedLister;
  listers?(): Listers;
  /** Set by the framework's constructor. */
  framework?: Framework;
  /** Uniform integer in [0, n) (DefaultPreemption's candidate offset); default 0. */
  randInt?(n: number): number;
  /** Virtual now in ms since the epoch (GetPodStartTime of pods that have not started). */
  nowMs?(): number;
  /** PodNominator.NominatedPodsForNode: pending pods whose status.nominatedNodeName is this node. */
  nominatedPodsForNode?(nodeName: string): readonly Pod[];
}

export type PluginFactory = (args: unknown, handle: Handle) => Plugin;
export type Registry = Readonly<Record<string, PluginFactory>>;

export interface StatusRecord {
  code: Code;
  reasons: string[];
}

/** Every plugin result of one cycle, by extension point (the UI's decision detail). */
export interface Trace {
  preFilter: Record<string, StatusRecord>;
  filter: Record<string, Record<string, StatusRecord>>;
  postFilter: Record<string, StatusRecord>;
  preScore: Record<string, StatusRecord>;
}

export function newTrace(): Trace {
  return { preFilter: {}, filter: {}, postFilter: {}, preScore: {} };
}

// One shared record for every plugin that passed (and one for every skip): a cycle at 1,000 nodes
// records a status per plugin per node, and most are these; the same JSON, a fraction of the heap.
// Frozen, so a shared record cannot be changed for all its users.
const SUCCESS_RECORD = Object.freeze({ code: Code.Success, reasons: Object.freeze([]) as unknown as string[] }) as StatusRecord;
const SKIP_RECORD = Object.freeze({ code: Code.Skip, reasons: Object.freeze([]) as unknown as string[] }) as StatusRecord;
const rec = (s: Status | null): StatusRecord => (s ? { code: s.code, reasons: s.reasons } : SUCCESS_RECORD);

export interface NodePluginScores {
  name: string;
  /** Plugin → score after NormalizeScore, before the weight (only when recorded). */
  scores: Record<string, number>;
  /** Plugin → score as returned by Score (only when recorded). */
  raw: Record<string, number>;
  totalScore: number;
}

export interface PreFilterRun {
  result: PreFilterResult | null;
  status: Status | null;
  /** Plugins whose PreFilterResult narrowed the nodes (pluginsWithNodes). */
  pluginsWithNodes: string[];
}

export class Framework {
  readonly profile: Profile;
  readonly weights: Record<string, number> = {};
  readonly preFilterPlugins: Plugin[] = [];
  readonly filterPlugins: Plugin[] = [];
  readonly postFilterPlugins: Plugin[] = [];
  readonly preFilterExtensionPlugins: Plugin[] = [];
  readonly preScorePlugins: Plugin[] = [];
  readonly scorePlugins: Plugin[] = [];

  private readonly handle: Handle;

  constructor(profile: Profile, registry: Registry, handle: Handle) {
    this.profile = profile;
    this.handle = handle;
    handle.framework = this;
    for (const entry of profile.plugins) this.addPlugin(entry, registry, handle);
  }

  private addPlugin(entry: PluginEntry, registry: Registry, handle: Handle): void {
    const factory = registry[entry.name];
    if (!factory) return; // e.g. PrioritySort lives in the queue, not in a scheduling cycle.
    const pl = factory(this.profile.pluginConfig?.[entry.name], handle);
    if (pl.preFilter) this.preFilterPlugins.push(pl);
    if (pl.preFilter && pl.preFilterExtensions) this.preFilterExtensionPlugins.push(pl);
    if (pl.filter) this.filterPlugins.push(pl);
    if (pl.postFilter) this.postFilterPlugins.push(pl);
    if (pl.preScore) this.preScorePlugins.push(pl);
    if (pl.score) {
      this.scorePlugins.push(pl);
      this.weights[pl.name] = entry.weight ?? 1;
    }
  }

  /** RunPreFilterPlugins: Skip disables the plugin's Filter; results are intersected. */
  runPreFilterPlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], trace?: Trace): PreFilterRun {
    let result: PreFilterResult | null = null;
    let returnStatus: Status | null = null;
    const pluginsWithNodes: string[] = [];
    for (const pl of this.preFilterPlugins) {
      const out = pl.preFilter!(state, pod, nodes);
      if (trace) trace.preFilter[pl.name] = rec(out.status);
      if (out.status?.code === Code.Skip) {
        state.skipFilterPlugins.add(pl.name);
        continue;
      }
      if (!isSuccess(out.status)) {
        const s = { ...out.status!, plugin: pl.name };
        if (s.code === Code.UnschedulableAndUnresolvable) return { result: null, status: s, pluginsWithNodes: [] };
        if (s.code === Code.Unschedulable) {
          returnStatus = s;
          continue;
        }
        return { result: null, status: { ...newStatus(Code.Error, `running PreFilter plugin "${pl.name}": ${s.reasons.join(', ')}`), plugin: pl.name }, pluginsWithNodes: [] };
      }
      const r = out.result ?? null;
      if (r?.nodeNames) {
        pluginsWithNodes.push(pl.name);
        const prev: Set<string> | null = result?.nodeNames ?? null;
        const next: Set<string> = prev ? new Set([...prev].filter((n) => r.nodeNames!.has(n))) : r.nodeNames;
        result = { nodeNames: next };
        if (next.size === 0) {
          const msg = pluginsWithNodes.length === 1
            ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]}`
            : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(' ')}] simultaneously`;
          return { result, status: newStatus(Code.UnschedulableAndUnresolvable, msg), pluginsWithNodes };
        }
      }
    }
    return { result, status: returnStatus, pluginsWithNodes };
  }

  /** RunFilterPlugins: stops at the first plugin that does not return Success. */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo, trace?: Trace): Status | null {
    const perNode: Record<string, StatusRecord> | undefined = trace ? (trace.filter[nodeInfo.name] = {}) : undefined;
    for (const pl of this.filterPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) {
        if (perNode) perNode[pl.name] = SKIP_RECORD;
        continue;
      }
      let s = pl.filter!(state, pod, nodeInfo);
      if (perNode) perNode[pl.name] = rec(s);
      if (!isSuccess(s)) {
        if (!isRejected(s)) s = newStatus(Code.Error, `running "${pl.name}" filter plugin: ${s!.reasons.join(', ')}`);
        return { ...s!, plugin: pl.name };
      }
    }
    return null;
  }

  /**
   * RunPreFilterExtensionAddPod / RemovePod: tell the plugins whose PreFilter ran (not skipped) that a dry
   * run added or removed a pod on `nodeInfo`.
   */
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.preFilterExtensionPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.preFilterExtensions!.addPod(state, podToSchedule, podInfoToAdd, nodeInfo);
      if (!isSuccess(s)) return { ...newStatus(Code.Error, `running AddPod on PreFilter plugin "${pl.name}": ${s!.reasons.join(', ')}`), plugin: pl.name };
    }
    return null;
  }

  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.preFilterExtensionPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.preFilterExtensions!.removePod(state, podToSchedule, podInfoToRemove, nodeInfo);
      if (!isSuccess(s)) return { ...newStatus(Code.Error, `running RemovePod on PreFilter plugin "${pl.name}": ${s!.reasons.join(', ')}`), plugin: pl.name };
    }
    return null;
  }

  /**
   * RunFilterPluginsWithNominatedPods: when pods of equal or higher priority are nominated to the node, the
   * filters must pass both with them (on copies of the state and node) and without them.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo, trace?: Trace): Status | null {
    const nominated = this.handle.nominatedPodsForNode?.(nodeInfo.name);
    // most nodes have no nominated pod: no copies, no filtering (this runs for every node tried)
    if (!nominated || nominated.length === 0) return this.runFilterPlugins(state, pod, nodeInfo, trace);
    const prio = podPriority(pod);
    const uid = pod.metadata?.uid;
    const toAdd = nominated.filter((p) => podPriority(p) >= prio && (!uid || p.metadata?.uid !== uid));
    if (toAdd.length === 0) return this.runFilterPlugins(state, pod, nodeInfo, trace);
    const stateOut = state.clone();
    const nodeInfoOut = nodeInfo.clone();
    for (const p of toAdd) {
      const pi = newPodInfo(p);
      nodeInfoOut.addPodInfo(pi);
      const s = this.runPreFilterExtensionAddPod(stateOut, pod, pi, nodeInfoOut);
      if (!isSuccess(s)) return s;
    }
    const withNominated = this.runFilterPlugins(stateOut, pod, nodeInfoOut, trace);
    if (!isSuccess(withNominated)) return withNominated;
    return this.runFilterPlugins(state, pod, nodeInfo, trace);
  }

  /**
   * RunPostFilterPlugins: first success wins (with its nominating result); otherwise reasons are collected.
   * The result of the last rejecting plugin that returned one is kept (it may clear a nomination).
   */
  runPostFilterPlugins(state: CycleState, pod: Pod, m: NodeToStatusReader, trace?: Trace): { status: Status | null; result: PostFilterOutcome | null } {
    const reasons: string[] = [];
    let rejector = '';
    let result: PostFilterOutcome | null = null;
    for (const pl of this.postFilterPlugins) {
      const out = pl.postFilter!(state, pod, m);
      const status = out.status;
      if (trace) trace.postFilter[pl.name] = rec(status);
      if (isSuccess(status)) return { status, result: out };
      if (out.nominatedNodeName !== undefined) result = out;
      if (status!.code === Code.UnschedulableAndUnresolvable) return { status: { ...status!, plugin: pl.name }, result };
      if (!isRejected(status)) return { status: { ...newStatus(Code.Error, ...status!.reasons), plugin: pl.name }, result: null };
      reasons.push(...status!.reasons);
      if (!rejector) rejector = pl.name;
    }
    return { status: { ...newStatus(Code.Unschedulable, ...reasons), plugin: rejector }, result };
  }

  runPreScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], trace?: Trace): Status | null {
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore!(state, pod, nodes);
      if (trace) trace.preScore[pl.name] = rec(s);
      if (s?.code === Code.Skip) {
        state.skipScorePlugins.add(pl.name);
        continue;
      }
      if (!isSuccess(s)) return { ...newStatus(Code.Error, `running PreScore plugin "${pl.name}": ${s!.reasons.join(', ')}`), plugin: pl.name };
    }
    return null;
  }

  /**
   * RunScorePlugins: Score every node, NormalizeScore, check [0, 100], apply the weight. Per-plugin scores
   * are kept only with `record` (totals are always computed).
   */
  runScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], record = true): NodePluginScores[] {
    const out: NodePluginScores[] = nodes.map((n) => ({ name: n.name, scores: {}, raw: {}, totalScore: 0 }));
    for (const pl of this.scorePlugins) {
      if (state.skipScorePlugins.has(pl.name)) continue;
      const list: NodeScore[] = new Array(nodes.length);
      for (let i = 0; i < nodes.length; i++) list[i] = { name: nodes[i].name, score: pl.score!(state, pod, nodes[i]) };
      if (record) for (let i = 0; i < list.length; i++) out[i].raw[pl.name] = list[i].score;
      pl.normalizeScore?.(state, pod, list);
      const weight = this.weights[pl.name];
      for (let i = 0; i < list.length; i++) {
        const s = list[i].score;
        if (s > MaxNodeScore || s < MinNodeScore) {
          throw new Error(`plugin "${pl.name}" returns an invalid score ${s}, it should in the range of [${MinNodeScore}, ${MaxNodeScore}] after normalizing`);
        }
        if (record) out[i].scores[pl.name] = s;
        out[i].totalScore += s * weight;
      }
    }
    return out;
  }
}
