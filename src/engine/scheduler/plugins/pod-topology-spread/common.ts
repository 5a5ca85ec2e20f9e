// Twin of pkg/scheduler/framework/plugins/podtopologyspread/common.go: the parsed constraint, the node
// inclusion policies, default constraints and matching-pod counts. MinDomains, NodeInclusionPolicy and
// matchLabelKeys are all enabled, as in v1.33.
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { labelSelectorAsSelector, matchesSelector, type Selector } from '../../../api/selectors';
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint } from '../../../api/helper/scheduling/corev1/helpers';
import type { Listers } from '../../framework/listers';
import type { PodInfo } from '../../framework/types';
import type { NodeInfo } from '../../framework/node-info';
import { defaultSelector } from '../helper/spread';

export interface TopologySpreadConstraintInternal {
  maxSkew: number;
  topologyKey: string;
  /** null matches nothing (a nil labelSelector). */
  selector: Selector | null;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

export type RequiredNodeAffinity = (node: Node) => boolean;

export function matchNodeInclusionPolicies(c: TopologySpreadConstraintInternal, pod: Pod, node: Node, require: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !require(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, doNotScheduleTaintsFilter)) return false;
  return true;
}

/** filterTopologySpreadConstraints: the constraints with this whenUnsatisfiable, selectors parsed. */
export function filterTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Record<string, string> | undefined,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): TopologySpreadConstraintInternal[] {
  const out: TopologySpreadConstraintInternal[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector);
    const matchLabels: Selector = [];
    for (const key of c.matchLabelKeys ?? []) {
      const v = podLabels?.[key];
      if (v !== undefined) matchLabels.push({ key, op: 'in', values: [v] });
    }
    if (matchLabels.length > 0) selector = [...matchLabels, ...(selector ?? [])];
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: (c.nodeAffinityPolicy as 'Honor' | 'Ignore' | undefined) ?? 'Honor',
      nodeTaintsPolicy: (c.nodeTaintsPolicy as 'Honor' | 'Ignore' | undefined) ?? 'Ignore',
    });
  }
  return out;
}

/** buildDefaultConstraints: the default constraints with the selector of the pod's Services / controller. */
export function buildDefaultConstraints(
  defaults: readonly TopologySpreadConstraint[],
  pod: Pod,
  listers: Listers,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): TopologySpreadConstraintInternal[] {
  const constraints = filterTopologySpreadConstraints(defaults, pod.metadata?.labels, action);
  if (constraints.length === 0) return [];
  const selector = defaultSelector(pod, listers);
  if (selector.length === 0) return [];
  for (const c of constraints) c.selector = selector;
  return constraints;
}

/** nodeLabelsMatchSpreadConstraints: the node has every topology key. */
export function nodeLabelsMatchSpreadConstraints(labels: Record<string, string> | undefined, constraints: readonly TopologySpreadConstraintInternal[]): boolean {
  const l = labels ?? {};
  return constraints.every((c) => Object.prototype.hasOwnProperty.call(l, c.topologyKey));
}

/** countPodsMatchSelector: terminating pods and other namespaces are not counted. */
/** A selector's text, the key of the per-node counts below (computed once per selector object). */
/** a selector's memo key per namespace, built once per selector object: one cycle calls
 * countPodsOnNode for every node with the same selector, and a key built per call (a concatenation
 * hashed anew by Map.get) was most of the cost at 1,000 nodes */
const selectorKeys = new WeakMap<object, Map<string, string>>();
/** countPodsMatchSelector of a node, remembered until its NodeInfo changes (generation): every
 * scheduling cycle of a Deployment's pod counts the same selector over every node's pods. */
const nodeCounts = new WeakMap<NodeInfo, { generation: number; counts: Map<string, number> }>();

export function countPodsOnNode(ni: NodeInfo, selector: Selector | null, ns: string): number {
  if (selector === null) return countPodsMatchSelector(ni.podInfos.values(), selector, ns);
  let byNs = selectorKeys.get(selector);
  if (byNs === undefined) selectorKeys.set(selector, (byNs = new Map()));
  let key = byNs.get(ns);
  if (key === undefined) byNs.set(ns, (key = `${ns}\n${JSON.stringify(selector)}`));
  let memo = nodeCounts.get(ni);
  if (!memo || memo.generation !== ni.generation) nodeCounts.set(ni, (memo = { generation: ni.generation, counts: new Map() }));
  let n = memo.counts.get(key);
  if (n === undefined) memo.counts.set(key, (n = countPodsMatchSelector(ni.podInfos.values(), selector, ns)));
  return n;
}

export function countPodsMatchSelector(podInfos: Iterable<PodInfo>, selector: Selector | null, ns: string): number {
  let count = 0;
  for (const pi of podInfos) {
    const p = pi.pod;
    if (p.metadata?.deletionTimestamp || (p.metadata?.namespace ?? 'default') !== ns) continue;
    if (matchesSelector(selector, p.metadata?.labels)) count++;
  }
  return count;
}

export const hasLabel = (labels: Record<string, string> | undefined, key: string) =>
  !!labels && Object.prototype.hasOwnProperty.call(labels, key);
