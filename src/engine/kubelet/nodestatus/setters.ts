// Twin of pkg/kubelet/nodestatus/setters.go (+ kubelet_node_status.go initialNode): the Node a
// kubelet registers. Modelled on a kind node: allocatable = capacity (kind sets no eviction
// reservations), addresses on the 172.18.0.0/16 docker network.
import type { KObject } from '../../api/types';
import { formatBytes, formatCpu } from '../../api/quantity';
import { rfc3339 } from '../../api/time';
import { stableHex64 } from '../runtime/ids';

export const KUBELET_VERSION = 'v1.33.1';
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.1.1';
const EPHEMERAL_STORAGE = '100Gi';

export interface NodeConfig {
  nodeName: string;
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  podCIDR: string;
  internalIP: string;
  labels?: Record<string, string>;
}

/** The kind-style node address: 10.244.N.0/24 → 172.18.0.(N+1). */
export function defaultInternalIP(podCIDR: string): string {
  const third = Number(podCIDR.split('.')[2] ?? 0);
  return `172.18.0.${(third % 250) + 1}`;
}

function condition(type: string, status: string, reason: string, message: string, nowMs: number) {
  const t = rfc3339(nowMs);
  return { type, status, lastHeartbeatTime: t, lastTransitionTime: t, reason, message };
}

/** MemoryPressure, DiskPressure, PIDPressure, Ready — in the order the kubelet reports them. */
export function nodeConditions(nowMs: number) {
  return [
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', nowMs),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', nowMs),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', nowMs),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', nowMs),
  ];
}

export function initialNode(cfg: NodeConfig, nowMs: number): KObject {
  const resources = {
    cpu: formatCpu(cfg.cpuMilli),
    'ephemeral-storage': EPHEMERAL_STORAGE,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: formatBytes(cfg.memoryBytes),
    pods: String(cfg.pods),
  };
  const id = stableHex64(`machine:${cfg.nodeName}`);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: cfg.nodeName,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': cfg.nodeName,
        'kubernetes.io/os': 'linux',
        ...cfg.labels,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR], providerID: `kind://docker/kind/${cfg.nodeName}` },
    status: {
      capacity: resources,
      allocatable: { ...resources },
      conditions: nodeConditions(nowMs),
      addresses: [
        { type: 'InternalIP', address: cfg.internalIP },
        { type: 'Hostname', address: cfg.nodeName },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: id.slice(0, 32),
        systemUUID: `${id.slice(32, 40)}-${id.slice(40, 44)}-${id.slice(44, 48)}-${id.slice(48, 52)}-${id.slice(52, 64)}`,
        bootID: `${id.slice(8, 16)}-${id.slice(16, 20)}-${id.slice(20, 24)}-${id.slice(24, 28)}-${id.slice(36, 48)}`,
        kernelVersion: '6.8.0-51-generic',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kubeletVersion: KUBELET_VERSION,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      images: [],
    },
  };
}
