// Twin of pkg/scheduler/framework/plugins/podtopologyspread/filtering.go: PreFilter counts the pods matching
// each hard (DoNotSchedule) constraint per topology domain and keeps the two least loaded domains ("critical
// paths"); Filter checks `matching + self − global minimum ≤ maxSkew`; AddPod/RemovePod serve preemption.
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { matchesSelector } from '../../../api/selectors';
import type { StateData } from '../../framework/cycle-state';
import type { NodeInfo } from '../../framework/node-info';
import {
  countPodsOnNode,
  hasLabel,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  type RequiredNodeAffinity,
  type TopologySpreadConstraintInternal,
} from './common';

const MaxInt32 = 2147483647;

export interface CriticalPath {
  topologyValue: string;
  matchNum: number;
}

/** criticalPaths: [0] always holds the minimum match number; [1] is ≥ it (not necessarily the 2nd minimum). */
export class CriticalPaths {
  p: [CriticalPath, CriticalPath] = [{ topologyValue: '', matchNum: MaxInt32 }, { topologyValue: '', matchNum: MaxInt32 }];

  update(tpVal: string, num: number): void {
    const p = this.p;
    const i = tpVal === p[0].topologyValue ? 0 : tpVal === p[1].topologyValue ? 1 : -1;
    if (i >= 0) {
      (i === 0 ? p[0] : p[1]).matchNum = num;
      if (p[0].matchNum > p[1].matchNum) this.p = [p[1], p[0]];
    } else if (num < p[0].matchNum) {
      this.p = [{ topologyValue: tpVal, matchNum: num }, p[0]];
    } else if (num < p[1].matchNum) {
      p[1] = { topologyValue: tpVal, matchNum: num };
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.p = [{ ...this.p[0] }, { ...this.p[1] }];
    return c;
  }
}

export class PreFilterState implements StateData {
  constructor(
    readonly constraints: TopologySpreadConstraintInternal[],
    readonly criticalPaths: CriticalPaths[] = [],
    /** Per constraint: topology value → number of matching pods. */
    readonly tpValueToMatchNum: Map<string, number>[] = [],
  ) {}

  /** minMatchNum: the global minimum, 0 while fewer than minDomains domains exist. */
  minMatchNum(i: number, minDomains: number): number {
    return this.tpValueToMatchNum[i].size < minDomains ? 0 : this.criticalPaths[i].p[0].matchNum;
  }

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, this.criticalPaths.map((c) => c.clone()), this.tpValueToMatchNum.map((m) => new Map(m)));
  }
}

/** calPreFilterState over all nodes. */
export function calPreFilterState(pod: Pod, constraints: TopologySpreadConstraintInternal[], allNodes: readonly NodeInfo[], require: RequiredNodeAffinity): PreFilterState {
  const s = new PreFilterState(constraints, [], constraints.map(() => new Map<string, number>()));
  if (constraints.length === 0) return s;
  const ns = pod.metadata?.namespace ?? 'default';
  for (const ni of allNodes) {
    const node = ni.node!;
    if (!nodeLabelsMatchSpreadConstraints(node.metadata?.labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, pod, node, require)) return;
      const value = node.metadata!.labels![c.topologyKey];
      const count = countPodsOnNode(ni, c.selector, ns);
      const m = s.tpValueToMatchNum[i];
      m.set(value, (m.get(value) ?? 0) + count);
    });
  }
  constraints.forEach((_, i) => {
    const paths = new CriticalPaths();
    for (const [value, num] of s.tpValueToMatchNum[i]) paths.update(value, num);
    s.criticalPaths.push(paths);
  });
  return s;
}

/** updateWithPod (AddPod/RemovePod): adjust the counts for a pod added to or removed from `node`. */
export function updateWithPod(s: PreFilterState | undefined, updatedPod: Pod, preemptorPod: Pod, node: Node | undefined, delta: number, require: RequiredNodeAffinity): void {
  if (!s || !node || (updatedPod.metadata?.namespace ?? 'default') !== (preemptorPod.metadata?.namespace ?? 'default')) return;
  if (!nodeLabelsMatchSpreadConstraints(node.metadata?.labels, s.constraints)) return;
  s.constraints.forEach((c, i) => {
    if (!matchesSelector(c.selector, updatedPod.metadata?.labels)) return;
    if (!matchNodeInclusionPolicies(c, preemptorPod, node, require)) return;
    const v = node.metadata!.labels![c.topologyKey];
    const m = s.tpValueToMatchNum[i];
    m.set(v, (m.get(v) ?? 0) + delta);
    s.criticalPaths[i].update(v, m.get(v)!);
  });
}

export type FilterVerdict = 'ok' | 'missingLabel' | 'skew';

/** Filter: the first constraint that fails decides. */
export function filter(s: PreFilterState, pod: Pod, node: Node): FilterVerdict {
  const labels = node.metadata?.labels;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    if (!hasLabel(labels, c.topologyKey)) return 'missingLabel';
    const minMatchNum = s.minMatchNum(i, c.minDomains);
    const selfMatchNum = matchesSelector(c.selector, pod.metadata?.labels) ? 1 : 0;
    const matchNum = s.tpValueToMatchNum[i].get(labels![c.topologyKey]) ?? 0;
    if (matchNum + selfMatchNum - minMatchNum > c.maxSkew) return 'skew';
  }
  return 'ok';
}
