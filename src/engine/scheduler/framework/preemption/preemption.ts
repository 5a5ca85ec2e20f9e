// Twin of pkg/scheduler/framework/preemption/preemption.go (Evaluator.Preempt, findCandidates,
// DryRunPreemption, SelectCandidate, pickOneNodeForPreemption) and the pod helpers of pkg/scheduler/util
// (MoreImportantPod, GetPodStartTime, GetEarliestPodStartTime). Simplified: dry runs are sequential; no
// extenders; no PDBs (every candidate violates none); ties left after the last criterion go to the first
// candidate in dry-run order (upstream: Go map order); the API calls (prepareCandidateAsync) are made by the
// scheduler actor from the returned victims.
import type { Pod } from 'kubernetes-types/core/v1';
import { parseRfc3339 } from '../../../api/time';
import { podPriority } from '../../../api/helper/scheduling/corev1/helpers';
import type { CycleState } from '../cycle-state';
import { NodeToStatus, fitErrorFromDiagnosis } from '../fit-error';
import { Code, newStatus, type NodeToStatusReader, type PostFilterOutcome, type Status } from '../interface';
import type { NodeInfo } from '../node-info';
import type { Handle } from '../runtime';

export const ErrReasonNotHelpful = 'Preemption is not helpful for scheduling';

export interface Candidate {
  name: string;
  /** Victims, most important first. */
  victims: Pod[];
  numPDBViolations: number;
}

/** What a preemption plugin supplies (preemption.Interface). */
export interface PreemptionInterface {
  getOffsetAndNumCandidates(numNodes: number): [number, number];
  podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status): { ok: boolean; msg: string };
  selectVictimsOnNode(state: CycleState, pod: Pod, nodeInfo: NodeInfo): { victims: Pod[]; numPDBViolations: number; status: Status | null };
}

/** GetPodStartTime: status.startTime, or now for pods that have not started. */
export function getPodStartTimeMs(pod: Pod, nowMs: number): number {
  const t = pod.status?.startTime;
  return t ? parseRfc3339(t) : nowMs;
}

/** MoreImportantPod: higher priority, then the earlier start time. */
export function moreImportantPod(a: Pod, b: Pod, nowMs: number): boolean {
  const p1 = podPriority(a);
  const p2 = podPriority(b);
  if (p1 !== p2) return p1 > p2;
  return getPodStartTimeMs(a, nowMs) < getPodStartTimeMs(b, nowMs);
}

/** GetEarliestPodStartTime: the earliest start among the highest-priority victims. */
export function getEarliestPodStartTimeMs(victims: readonly Pod[], nowMs: number): number | undefined {
  if (victims.length === 0) return undefined;
  let earliest = getPodStartTimeMs(victims[0], nowMs);
  let maxPriority = podPriority(victims[0]);
  for (const p of victims) {
    const prio = podPriority(p);
    if (prio === maxPriority) earliest = Math.min(earliest, getPodStartTimeMs(p, nowMs));
    else if (prio > maxPriority) {
      maxPriority = prio;
      earliest = getPodStartTimeMs(p, nowMs);
    }
  }
  return earliest;
}

/**
 * pickOneNodeForPreemption: fewest PDB violations, then the lowest highest-victim priority, the smallest sum
 * of priorities (each + 2^31), the fewest victims, the latest earliest start of the highest-priority victims.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[], nowMs: number): string {
  if (candidates.length === 0) return '';
  const by = new Map(candidates.map((c) => [c.name, c]));
  const scoreFuncs: ((node: string) => number)[] = [
    (n) => -by.get(n)!.numPDBViolations,
    (n) => -podPriority(by.get(n)!.victims[0]),
    (n) => -by.get(n)!.victims.reduce((sum, p) => sum + podPriority(p) + 2147483648, 0),
    (n) => -by.get(n)!.victims.length,
    (n) => getEarliestPodStartTimeMs(by.get(n)!.victims, nowMs) ?? Number.MIN_SAFE_INTEGER,
  ];
  let all = candidates.map((c) => c.name);
  for (const f of scoreFuncs) {
    let selected: string[] = [];
    let maxScore = -Infinity;
    for (const node of all) {
      const s = f(node);
      if (s > maxScore) {
        maxScore = s;
        selected = [];
      }
      if (s === maxScore) selected.push(node);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}

/** NodeToStatus.NodesForStatusCode: the snapshot's nodes whose status has this code. */
function nodesForStatusCode(m: NodeToStatusReader, nodes: readonly NodeInfo[], code: Code): NodeInfo[] {
  return nodes.filter((ni) => m.get(ni.name).code === code);
}

/** DryRunPreemption over the potential nodes starting at `offset`, stopping at numCandidates candidates. */
export function dryRunPreemption(
  pi: PreemptionInterface,
  state: CycleState,
  pod: Pod,
  potential: readonly NodeInfo[],
  offset: number,
  numCandidates: number,
): { candidates: Candidate[]; statuses: NodeToStatus } {
  const candidates: Candidate[] = [];
  const statuses = new NodeToStatus();
  for (let i = 0; i < potential.length; i++) {
    const nodeInfoCopy = potential[(offset + i) % potential.length].clone();
    const r = pi.selectVictimsOnNode(state.clone(), pod, nodeInfoCopy);
    if (r.status === null && r.victims.length > 0) {
      candidates.push({ name: nodeInfoCopy.name, victims: r.victims, numPDBViolations: r.numPDBViolations });
      if (candidates.length >= numCandidates) break;
      continue;
    }
    const status = r.status ?? newStatus(Code.Error, `expected at least one victim pod on node "${nodeInfoCopy.name}"`);
    statuses.set(nodeInfoCopy.name, status);
  }
  return { candidates, statuses };
}

/** Evaluator.Preempt without the API calls: the nominated node and its victims, or a FitError message. */
export function preempt(pi: PreemptionInterface, h: Handle, state: CycleState, pod: Pod, m: NodeToStatusReader): PostFilterOutcome {
  const nominated = pod.status?.nominatedNodeName ?? '';
  const eligible = pi.podEligibleToPreemptOthers(pod, m.get(nominated));
  if (!eligible.ok) return { status: newStatus(Code.Unschedulable, eligible.msg) };

  const allNodes = h.snapshotSharedLister().list();
  if (allNodes.length === 0) return { status: newStatus(Code.Error, 'no nodes available') };
  const potential = nodesForStatusCode(m, allNodes, Code.Unschedulable);
  let candidates: Candidate[] = [];
  let statuses = new NodeToStatus();
  if (potential.length > 0) {
    const [offset, num] = pi.getOffsetAndNumCandidates(potential.length);
    ({ candidates, statuses } = dryRunPreemption(pi, state, pod, potential, offset, num));
  }
  if (candidates.length === 0) {
    statuses.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNotHelpful));
    const msg = fitErrorFromDiagnosis(allNodes.length, { nodeToStatus: statuses, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' });
    // nominatedNodeName "" clears a stale nomination
    return { status: newStatus(Code.Unschedulable, msg), nominatedNodeName: '' };
  }
  const nowMs = h.nowMs?.() ?? Number.MAX_SAFE_INTEGER;
  const best = candidates.length === 1 ? candidates[0] : candidates.find((c) => c.name === pickOneNodeForPreemption(candidates, nowMs))!;
  return { status: null, nominatedNodeName: best.name, victims: best.victims };
}
