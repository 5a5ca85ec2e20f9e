// Twin of pkg/scheduler/framework/plugins/nodeports/node_ports.go.
import type { Pod } from 'kubernetes-types/core/v1';
import { Code, newStatus, type Plugin, type Status } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { getHostPorts, type HostPort } from '../../framework/types';

export const Name = 'NodePorts';
const preFilterStateKey = 'PreFilter' + Name;
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

export function fitsPorts(wantPorts: readonly HostPort[], nodeInfo: NodeInfo): boolean {
  for (const p of wantPorts) if (nodeInfo.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort)) return false;
  return true;
}

/** Fits checks if the pod's host ports are free on the node. */
export function fits(pod: Pod, nodeInfo: NodeInfo): boolean {
  return fitsPorts(getHostPorts(pod), nodeInfo);
}

export function filter(wantPorts: readonly HostPort[], nodeInfo: NodeInfo): Status | null {
  return fitsPorts(wantPorts, nodeInfo) ? null : newStatus(Code.Unschedulable, ErrReason);
}

export function New(): Plugin {
  return {
    name: Name,
    preFilter(state, pod) {
      const ports = getHostPorts(pod);
      // Skip if the pod asks for no host ports.
      if (ports.length === 0) return { status: newStatus(Code.Skip) };
      state.write(preFilterStateKey, ports);
      return { status: null };
    },
    filter(state, pod, nodeInfo) {
      return filter(state.read<HostPort[]>(preFilterStateKey) ?? getHostPorts(pod), nodeInfo);
    },
  };
}
