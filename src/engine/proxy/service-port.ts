// Twin of pkg/proxy/serviceport.go + servicechangetracker.go (newBaseServiceInfo,
// serviceToServiceMap) and pkg/proxy/util ShouldSkipService: each port of a proxied Service
// becomes one ServicePort keyed by its ServicePortName `ns/name[:port]`. Services are read
// defensively (protocol TCP, sessionAffinity None, policies Cluster when unset).
import type { KObject } from '../api/types';
import { base32, sha256, utf8 } from './sha256';

type Obj = Record<string, any>;

/** v1.DefaultClientIPServiceAffinitySeconds */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

export interface ServicePortInfo {
  /** ServicePortName.String(): `ns/name`, or `ns/name:port` for a named port */
  name: string;
  namespace: string;
  service: string;
  portName: string;
  /** TCP, UDP, SCTP */
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  externalIPs: string[];
  /** seconds of ClientIP affinity (StickyMaxAgeSeconds); undefined when sessionAffinity is None */
  stickyMaxAgeSeconds?: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
}

/** ShouldSkipService: headless (no ClusterIP) and ExternalName Services are not proxied. */
export function shouldSkipService(svc: KObject): boolean {
  const spec = (svc.spec ?? {}) as Obj;
  if (!spec.clusterIP || spec.clusterIP === 'None') return true;
  return spec.type === 'ExternalName';
}

/** serviceToServiceMap: the ServicePorts of one Service (none when it is skipped). */
export function serviceToServicePorts(svc: KObject): ServicePortInfo[] {
  if (shouldSkipService(svc)) return [];
  const spec = (svc.spec ?? {}) as Obj;
  const ns = String(svc.metadata.namespace ?? 'default');
  const affinity = spec.sessionAffinity === 'ClientIP' ? Number(spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_CLIENT_IP_AFFINITY_SECONDS) : undefined;
  const nodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  return ((spec.ports ?? []) as Obj[]).map((p) => {
    const portName = String(p.name ?? '');
    const info: ServicePortInfo = {
      name: servicePortNameString(ns, svc.metadata.name, portName),
      namespace: ns,
      service: svc.metadata.name,
      portName,
      protocol: String(p.protocol ?? 'TCP'),
      clusterIP: String(spec.clusterIP),
      port: Number(p.port),
      externalIPs: (spec.externalIPs ?? []) as string[],
      externalPolicyLocal: nodePorts && spec.externalTrafficPolicy === 'Local',
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
    };
    if (nodePorts && p.nodePort) info.nodePort = Number(p.nodePort);
    if (affinity !== undefined) info.stickyMaxAgeSeconds = affinity;
    return info;
  });
}

/** ServicePortName.String(): NamespacedName + fmtPortName (":" + name when named). */
export function servicePortNameString(namespace: string, name: string, portName: string): string {
  return `${namespace}/${name}${portName ? `:${portName}` : ''}`;
}

/** portProtoHash: the first 16 characters of base32(sha256(servicePortName + protocol)). */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(sha256(utf8(servicePortName + protocol))).slice(0, 16);
}

/** servicePortPolicyClusterChain: KUBE-SVC-<hash> (protocol lower-case, as syncProxyRules passes it). */
export function servicePortChainName(servicePortName: string, protocol: string): string {
  return `KUBE-SVC-${portProtoHash(servicePortName, protocol.toLowerCase())}`;
}

/** servicePortPolicyLocalChainName: KUBE-SVL-<hash> */
export function servicePortLocalChainName(servicePortName: string, protocol: string): string {
  return `KUBE-SVL-${portProtoHash(servicePortName, protocol.toLowerCase())}`;
}

/** serviceExternalChainName: KUBE-EXT-<hash> */
export function serviceExternalChainName(servicePortName: string, protocol: string): string {
  return `KUBE-EXT-${portProtoHash(servicePortName, protocol.toLowerCase())}`;
}

/** servicePortEndpointChainName: KUBE-SEP-<first 16 of base32(sha256(name + protocol + "ip:port"))> */
export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${base32(sha256(utf8(servicePortName + protocol.toLowerCase() + endpoint))).slice(0, 16)}`;
}
