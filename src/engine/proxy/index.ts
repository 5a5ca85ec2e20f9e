// kube-proxy: Services + EndpointSlices → iptables rules (as data), one actor per node.
export { KubeProxy, kubeProxyId, DEFAULT_CLUSTER_CIDR, MIN_SYNC_PERIOD_MS, SYNC_PERIOD_MS } from './kube-proxy';
export type { KubeProxyOptions, KubeProxyState } from './kube-proxy';
export { syncProxyRules, MASQUERADE_MARK } from './iptables/proxier';
export type { ProxyRules, ServicePortRules, ProxierConfig } from './iptables/proxier';
export { iptablesSave, probability, ruleLine } from './iptables/rules';
export type { IptablesRule, ChainSet } from './iptables/rules';
export { routeRequest, inCIDR } from './route';
export type { RouteOptions, RouteResult, RecentLists } from './route';
export { servicePortChainName, servicePortEndpointChainName, serviceExternalChainName, servicePortLocalChainName, portProtoHash, servicePortNameString, serviceToServicePorts, shouldSkipService } from './service-port';
export { buildEndpointsMap, categorizeEndpoints } from './endpoint-slice-cache';
