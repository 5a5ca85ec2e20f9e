// Twin of pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go.
import type { Pod } from 'kubernetes-types/core/v1';
import { TaintEffect, TaintNodeUnschedulable, tolerationsTolerateTaint } from '../../../api/helper/scheduling/corev1/helpers';
import { Code, newStatus, type Plugin, type Status } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';

export const Name = 'NodeUnschedulable';
export const ErrReasonUnknownCondition = 'node(s) had unknown conditions';
export const ErrReasonUnschedulable = 'node(s) were unschedulable';

/** A cordoned node rejects the pod unless it tolerates node.kubernetes.io/unschedulable:NoSchedule. */
export function filter(pod: Pod, nodeInfo: NodeInfo): Status | null {
  const node = nodeInfo.node;
  if (!node) return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonUnknownCondition);
  if (!node.spec?.unschedulable) return null;
  const tolerates = tolerationsTolerateTaint(pod.spec?.tolerations, {
    key: TaintNodeUnschedulable,
    effect: TaintEffect.NoSchedule,
  });
  return tolerates ? null : newStatus(Code.UnschedulableAndUnresolvable, ErrReasonUnschedulable);
}

export function New(): Plugin {
  return { name: Name, filter: (_state, pod, nodeInfo) => filter(pod, nodeInfo) };
}
