// Twin of pkg/proxy/endpointslicecache.go (endpointInfoByServicePort, addEndpoints,
// endpointsMapFromEndpointInfo) and pkg/proxy/topology.go CategorizeEndpoints, without zone
// hints: EndpointSlices are grouped by their Service (kubernetes.io/service-name) and port name
// into `ip:port` endpoints, de-duplicated and sorted by that string.
import type { KObject } from '../api/types';
import type { ServicePortInfo } from './service-port';
import { servicePortNameString } from './service-port';

type Obj = Record<string, any>;

const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

/** BaseEndpointInfo */
export interface EndpointInfo {
  /** `ip:port` (Endpoint.String()) */
  endpoint: string;
  ip: string;
  port: number;
  nodeName?: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** EndpointsMap: `servicePortName/PROTOCOL` → endpoints sorted by `ip:port`. */
export type EndpointsMap = Record<string, EndpointInfo[]>;

export const endpointsMapKey = (servicePortName: string, protocol: string) => `${servicePortName}/${protocol}`;

/** getEndpointsMap over every slice (kube-proxy's informer already dropped headless and other-proxy slices). */
export function buildEndpointsMap(slices: KObject[], nodeName: string): EndpointsMap {
  const bySP: Record<string, Record<string, EndpointInfo>> = {};
  const sorted = [...slices].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const slice of sorted) {
    const svc = (slice.metadata.labels as Record<string, string> | undefined)?.[LABEL_SERVICE_NAME];
    if (!svc || slice.addressType !== 'IPv4') continue; // an IPv4 proxier ignores other families
    const ports = [...((slice.ports ?? []) as Obj[])].sort((a, b) => Number(a.port) - Number(b.port));
    for (const p of ports) {
      if (p.name === undefined || p.name === null || !p.port) continue; // "Ignoring invalid endpoint port"
      const key = endpointsMapKey(servicePortNameString(String(slice.metadata.namespace), svc, String(p.name)), String(p.protocol ?? 'TCP'));
      const set = (bySP[key] ??= {});
      for (const ep of (slice.endpoints ?? []) as Obj[]) addEndpoint(set, ep, Number(p.port), nodeName);
    }
  }
  const out: EndpointsMap = {};
  for (const [k, set] of Object.entries(bySP)) {
    const eps = Object.values(set).sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
    if (eps.length) out[k] = eps;
  }
  return out;
}

/** addEndpoints: conditions default to ready/serving when unset; a local copy wins a duplicate. */
function addEndpoint(set: Record<string, EndpointInfo>, ep: Obj, port: number, nodeName: string): void {
  const addrs = (ep.addresses ?? []) as string[];
  if (addrs.length === 0) return;
  const c = (ep.conditions ?? {}) as Obj;
  const isLocal = !!ep.nodeName && ep.nodeName === nodeName;
  const info: EndpointInfo = {
    endpoint: `${addrs[0]}:${port}`,
    ip: addrs[0],
    port,
    isLocal,
    ready: c.ready === undefined || c.ready === null || c.ready === true,
    serving: c.serving === undefined || c.serving === null || c.serving === true,
    terminating: c.terminating === true,
  };
  if (ep.nodeName) info.nodeName = String(ep.nodeName);
  if (!set[info.endpoint] || isLocal) set[info.endpoint] = info;
}

export interface Categorized {
  clusterEndpoints: EndpointInfo[];
  localEndpoints: EndpointInfo[];
  allReachableEndpoints: EndpointInfo[];
  hasAnyEndpoints: boolean;
}

/**
 * CategorizeEndpoints: the ready endpoints, or — when none is ready anywhere — the serving
 * and terminating ones (KEP-1669 ProxyTerminatingEndpoints); the same per node for Local policy.
 */
export function categorizeEndpoints(endpoints: EndpointInfo[], svc: ServicePortInfo): Categorized {
  const usable = (eps: EndpointInfo[]) => {
    const ready = eps.filter((e) => e.ready);
    return ready.length ? ready : eps.filter((e) => e.serving && e.terminating);
  };
  const usesCluster = !svc.internalPolicyLocal || (svc.nodePort !== undefined && !svc.externalPolicyLocal);
  const usesLocal = svc.internalPolicyLocal || svc.externalPolicyLocal;
  const clusterEndpoints = usesCluster ? usable(endpoints) : [];
  let hasAnyEndpoints = clusterEndpoints.length > 0;
  let localEndpoints: EndpointInfo[] = [];
  if (usesLocal) {
    localEndpoints = usable(endpoints.filter((e) => e.isLocal));
    // with only Local policies, "any endpoints" means any usable endpoint anywhere
    if (!usesCluster) hasAnyEndpoints = usable(endpoints).length > 0;
  }
  const seen = new Set<string>();
  const allReachableEndpoints = [...clusterEndpoints, ...localEndpoints].filter((e) => !seen.has(e.endpoint) && !!seen.add(e.endpoint));
  allReachableEndpoints.sort((a, b) => (a.endpoint < b.endpoint ? -1 : 1));
  return { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints };
}
