// Twin of pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod, findNodesThatPassFilters,
// numFeasibleNodesToFind, prioritizeNodes, selectHost) plus the PostFilter step of schedulingCycle.
// Simplified: sequential filtering (stops once enough feasible nodes are found), no extenders, no
// assume/bind; randomness comes from opts.randInt so runs are reproducible.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { CycleState } from './framework/cycle-state';
import { defaultProfile, type Profile } from './framework/default-profile';
import { NodeToStatus, fitErrorFromDiagnosis, type Diagnosis } from './framework/fit-error';
import { Code, isRejected, newStatus, statusMessage, type Status } from './framework/interface';
import type { NodeInfo } from './framework/node-info';
import { listersFromObjects, type ClusterObjects } from './framework/listers';
import { Framework, newTrace, type Handle, type NodePluginScores, type Trace } from './framework/runtime';
import { Snapshot } from './framework/snapshot';
import { newInTreeRegistry } from './plugins/registry';

export const minFeasibleNodesToFind = 100;
export const minFeasibleNodesPercentageToFind = 5;
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';

export interface ScheduleOptions {
  /** Uniform integer in [0, n); ties replace the pick when it returns 0. Default never replaces: first wins. */
  randInt?: (n: number) => number;
  /** 0/unset: adaptive (50 − nodes/125, floor 5%). */
  percentageOfNodesToScore?: number;
  /** Where filtering starts (rotates between cycles); the decision returns the next value. */
  nextStartNodeIndex?: number;
  profile?: Profile;
  /** A framework built by createFramework for this snapshot, to reuse across cycles. */
  framework?: Framework;
  /** Record per-plugin results: trace, scores, raw and total (default true; off for benchmarks). */
  record?: boolean;
  /** PVCs, PVs, Services, ReplicaSets, StatefulSets, Namespaces for the plugins' listers (when no framework is given). */
  objects?: ClusterObjects;
  /** Uniform integer in [0, n) for DefaultPreemption's candidate offset (default 0; when no framework is given). */
  preemptionRandInt?: (n: number) => number;
  /** Virtual now (ms) for pods without status.startTime in preemption (when no framework is given). */
  nowMs?: number;
  /** Pending pods with status.nominatedNodeName, counted on their nodes by the filters (when no framework is given). */
  nominatedPods?: readonly Pod[];
}

/** A preemption decided in this cycle: the preemptor is nominated to `nominatedNode` once `victims` are gone. */
export interface PreemptionDecision {
  nominatedNode: string;
  /** Most important first. */
  victims: { namespace: string; name: string; uid: string; priority: number }[];
}

export interface SchedulingDecision {
  /** "namespace/name". */
  pod: string;
  /** Node → reasons for every node found infeasible (including nodes excluded by PreFilter). */
  filter: Record<string, string[]>;
  /** Node → the plugin that rejected it. */
  rejectedBy: Record<string, string>;
  /** Node → plugin → normalized score (0-100, before weights). */
  scores: Record<string, Record<string, number>>;
  /** Node → plugin → score as returned by Score, before NormalizeScore. */
  raw: Record<string, Record<string, number>>;
  weights: Record<string, number>;
  /** Node → Σ weight × normalized score (empty when not recording). */
  total: Record<string, number>;
  chosen: string | null;
  /** FailedScheduling message (FitError.Error()) when nothing fits; "" on success. */
  message: string;
  /** PodScheduled condition reason on failure. */
  reason: 'Scheduled' | 'Unschedulable' | 'SchedulerError';
  feasible: string[];
  evaluatedNodes: number;
  nextStartNodeIndex: number;
  trace?: Trace;
  /** PostFilter's nominating info: undefined keeps status.nominatedNodeName, '' clears it, else sets it. */
  nominatedNodeName?: string;
  /** Set when DefaultPreemption chose victims. */
  preemption?: PreemptionDecision;
  /** The victims as objects (for the caller's API calls; not part of the trace detail). */
  victimPods?: Pod[];
}

/** numFeasibleNodesToFind: all nodes below 100; otherwise a percentage of them, at least 100. */
export function numFeasibleNodesToFind(numAllNodes: number, percentageOfNodesToScore = 0): number {
  if (numAllNodes < minFeasibleNodesToFind) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < minFeasibleNodesPercentageToFind) percentage = minFeasibleNodesPercentageToFind;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < minFeasibleNodesToFind ? minFeasibleNodesToFind : numNodes;
}

/** selectHost: highest total; ties resolved by reservoir sampling (each tie replaces with prob. 1/count). */
export function selectHost(list: readonly NodePluginScores[], randInt: (n: number) => number): string {
  let maxScore = list[0].totalScore;
  let selected = list[0].name;
  let cntOfMaxScore = 1;
  for (let i = 1; i < list.length; i++) {
    const ns = list[i];
    if (ns.totalScore > maxScore) {
      maxScore = ns.totalScore;
      selected = ns.name;
      cntOfMaxScore = 1;
    } else if (ns.totalScore === maxScore) {
      cntOfMaxScore++;
      if (randInt(cntOfMaxScore) === 0) selected = ns.name;
    }
  }
  return selected;
}

/** A framework whose handle reads `snapshot` (and, optionally, listers, a random source and the clock). */
export function createFramework(snapshot: Snapshot, profile: Profile = defaultProfile(), extra: Omit<Handle, 'snapshotSharedLister' | 'framework'> = {}): Framework {
  return new Framework(profile, newInTreeRegistry(), { ...extra, snapshotSharedLister: () => snapshot });
}

export function podKeyOf(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

interface Cycle {
  pod: Pod;
  fwk: Framework;
  state: CycleState;
  snapshot: Snapshot;
  opts: ScheduleOptions;
  trace?: Trace;
  d: SchedulingDecision;
}

/** scheduleOne over plain objects: builds a snapshot from `nodes` and the bound, non-terminal `pods`. */
export function scheduleOne(pod: Pod, nodes: readonly Node[], pods: readonly Pod[], opts: ScheduleOptions = {}): SchedulingDecision {
  return scheduleOneWithSnapshot(pod, Snapshot.fromObjects(nodes, pods), opts);
}

/** One scheduling cycle (schedulePod + PostFilter on failure) against a prepared snapshot. */
export function scheduleOneWithSnapshot(pod: Pod, snapshot: Snapshot, opts: ScheduleOptions = {}): SchedulingDecision {
  const fwk = opts.framework ?? createFramework(snapshot, opts.profile, {
    listers: opts.objects ? ((l) => () => l)(listersFromObjects(opts.objects)) : undefined,
    randInt: opts.preemptionRandInt,
    nowMs: opts.nowMs === undefined ? undefined : () => opts.nowMs!,
    nominatedPodsForNode: opts.nominatedPods ? (n) => opts.nominatedPods!.filter((p) => p.status?.nominatedNodeName === n) : undefined,
  });
  const trace = opts.record === false ? undefined : newTrace();
  const d: SchedulingDecision = {
    pod: podKeyOf(pod), filter: {}, rejectedBy: {}, scores: {}, raw: {}, weights: { ...fwk.weights }, total: {},
    chosen: null, message: '', reason: 'Scheduled', feasible: [], evaluatedNodes: 0,
    nextStartNodeIndex: opts.nextStartNodeIndex ?? 0, trace,
  };
  const c: Cycle = { pod, fwk, state: new CycleState(), snapshot, opts, trace, d };
  if (snapshot.numNodes() === 0) return fail(d, 'SchedulerError', ErrNoNodesAvailable);

  const found = findNodesThatFitPod(c);
  if ('error' in found) return fail(d, 'SchedulerError', found.error);
  const { feasible, diagnosis } = found;
  d.feasible = feasible.map((n) => n.name);
  d.evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;

  if (feasible.length === 0) {
    const post = fwk.runPostFilterPlugins(c.state, pod, diagnosis.nodeToStatus, trace);
    diagnosis.postFilterMsg = statusMessage(post.status);
    if (post.result?.nominatedNodeName !== undefined) d.nominatedNodeName = post.result.nominatedNodeName;
    if (post.result?.victims?.length) {
      d.victimPods = post.result.victims;
      d.preemption = {
        nominatedNode: post.result.nominatedNodeName ?? '',
        victims: post.result.victims.map((v) => ({ namespace: v.metadata?.namespace ?? 'default', name: v.metadata?.name ?? '', uid: v.metadata?.uid ?? '', priority: v.spec?.priority ?? 0 })),
      };
    }
    return fail(d, 'Unschedulable', fitErrorFromDiagnosis(snapshot.numNodes(), diagnosis));
  }
  if (feasible.length === 1) {
    d.chosen = feasible[0].name;
    return d;
  }
  return prioritizeAndSelect(c, feasible);
}

function fail(d: SchedulingDecision, reason: SchedulingDecision['reason'], message: string): SchedulingDecision {
  d.reason = reason;
  d.message = message;
  d.chosen = null;
  return d;
}

function recordStatus(d: SchedulingDecision, node: string, s: Status): void {
  d.filter[node] = s.reasons;
  if (s.plugin) d.rejectedBy[node] = s.plugin;
}

type FitResult = { feasible: NodeInfo[]; diagnosis: Diagnosis } | { error: string };

function findNodesThatFitPod(c: Cycle): FitResult {
  const { pod, fwk, state, snapshot, d } = c;
  const diagnosis: Diagnosis = { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
  const allNodes = snapshot.list();
  const pre = fwk.runPreFilterPlugins(state, pod, allNodes, c.trace);
  if (pre.status && pre.status.code !== Code.Success) {
    if (!isRejected(pre.status)) return { error: statusMessage(pre.status) };
    diagnosis.nodeToStatus.setAbsentNodesStatus(pre.status);
    diagnosis.preFilterMsg = statusMessage(pre.status);
    if (pre.status.plugin) diagnosis.unschedulablePlugins.add(pre.status.plugin);
    for (const ni of allNodes) recordStatus(d, ni.name, pre.status);
    return { feasible: [], diagnosis };
  }
  // A nominated node (set by an earlier preemption) is tried first.
  const nominated = pod.status?.nominatedNodeName ? snapshot.get(pod.status.nominatedNodeName) : undefined;
  if (nominated) {
    const r = findNodesThatPassFilters(c, [nominated], diagnosis, 0);
    if ('error' in r) return r;
    if (r.length > 0) return { feasible: r, diagnosis };
  }
  let nodes = allNodes;
  if (pre.result?.nodeNames) {
    nodes = [...pre.result.nodeNames].map((n) => snapshot.get(n)).filter((n): n is NodeInfo => !!n);
    const absent = newStatus(Code.UnschedulableAndUnresolvable, `node(s) didn't satisfy plugin(s) [${[...pre.pluginsWithNodes].sort().join(' ')}]`);
    diagnosis.nodeToStatus.setAbsentNodesStatus(absent);
    for (const ni of allNodes) if (!pre.result.nodeNames.has(ni.name)) d.filter[ni.name] = absent.reasons;
  }
  const start = c.opts.nextStartNodeIndex ?? 0;
  const feasible = findNodesThatPassFilters(c, nodes, diagnosis, start);
  if ('error' in feasible) return feasible;
  const processed = feasible.length + diagnosis.nodeToStatus.size;
  d.nextStartNodeIndex = (start + processed) % allNodes.length;
  return { feasible, diagnosis };
}

function findNodesThatPassFilters(c: Cycle, nodes: readonly NodeInfo[], diagnosis: Diagnosis, start: number): NodeInfo[] | { error: string } {
  const { pod, fwk, state, d } = c;
  const numAllNodes = nodes.length;
  let numNodesToFind = numFeasibleNodesToFind(numAllNodes, c.opts.percentageOfNodesToScore ?? fwk.profile.percentageOfNodesToScore ?? 0);
  if (fwk.scorePlugins.length === 0) numNodesToFind = 1;
  const feasible: NodeInfo[] = [];
  if (numAllNodes === 0) return feasible;
  for (let i = 0; i < numAllNodes && feasible.length < numNodesToFind; i++) {
    const ni = nodes[(start + i) % numAllNodes];
    const s = fwk.runFilterPluginsWithNominatedPods(state, pod, ni, c.trace);
    if (s === null) {
      feasible.push(ni);
      continue;
    }
    if (s.code === Code.Error) return { error: statusMessage(s) };
    diagnosis.nodeToStatus.set(ni.name, s);
    if (s.plugin) diagnosis.unschedulablePlugins.add(s.plugin);
    recordStatus(d, ni.name, s);
  }
  return feasible;
}

function prioritizeAndSelect(c: Cycle, feasible: NodeInfo[]): SchedulingDecision {
  const { pod, fwk, state, d } = c;
  let list: NodePluginScores[];
  if (fwk.scorePlugins.length === 0) {
    list = feasible.map((n) => ({ name: n.name, scores: {}, raw: {}, totalScore: 1 }));
  } else {
    const pre = fwk.runPreScorePlugins(state, pod, feasible, c.trace);
    if (pre) return fail(d, 'SchedulerError', statusMessage(pre));
    list = fwk.runScorePlugins(state, pod, feasible, !!c.trace);
  }
  if (c.trace) {
    for (const ns of list) {
      d.total[ns.name] = ns.totalScore;
      d.scores[ns.name] = ns.scores;
      d.raw[ns.name] = ns.raw;
    }
  }
  d.chosen = selectHost(list, c.opts.randInt ?? ((n) => n - 1));
  return d;
}
