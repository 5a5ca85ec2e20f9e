// Twin of pkg/scheduler/framework/plugins/nodename/node_name.go (Filter only).
import type { Pod } from 'kubernetes-types/core/v1';
import { Code, newStatus, type Plugin, type Status } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';

export const Name = 'NodeName';
export const ErrReason = "node(s) didn't match the requested node name";

/** Fits: the pod names no node, or names this one. */
export function fits(pod: Pod, nodeInfo: NodeInfo): boolean {
  const want = pod.spec?.nodeName ?? '';
  return want === '' || want === nodeInfo.name;
}

export function filter(pod: Pod, nodeInfo: NodeInfo): Status | null {
  if (!nodeInfo.node) return newStatus(Code.Error, 'node not found');
  return fits(pod, nodeInfo) ? null : newStatus(Code.UnschedulableAndUnresolvable, ErrReason);
}

export function New(): Plugin {
  return { name: Name, filter: (_state, pod, nodeInfo) => filter(pod, nodeInfo) };
}
