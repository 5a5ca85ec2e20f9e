// Twin of pkg/proxy/iptables/proxier.go syncProxyRules + writeServiceToEndpointRules, as a pure
// function from Services and EndpointSlices to the rule set (data, not iptables-restore calls).
// Kept: KUBE-SERVICES → KUBE-SVC/KUBE-SVL, statistic-mode load balancing 1/n, 1/(n−1), …,
// KUBE-SEP DNAT with hairpin masquerade, REJECT for Services without endpoints, KUBE-NODEPORTS →
// KUBE-EXT, ClientIP affinity (-m recent), the KUBE-MARK-MASQ / KUBE-POSTROUTING plumbing. Left
// out: LoadBalancer ingress and firewall chains, health-check node ports, partial syncs.
import type { KObject } from '../../api/types';
import { type EndpointInfo, buildEndpointsMap, categorizeEndpoints, endpointsMapKey } from '../endpoint-slice-cache';
import { type ServicePortInfo, serviceExternalChainName, servicePortChainName, servicePortEndpointChainName, servicePortLocalChainName, serviceToServicePorts } from '../service-port';
import { type ChainSet, type IptablesRule, type RuleSpec, probability, rule } from './rules';

/** --iptables-masquerade-bit 14 */
export const MASQUERADE_MARK = '0x4000';
const NODEPORTS_COMMENT = 'kubernetes service nodeports; NOTE: this must be the last rule in this chain';

export interface ServicePortRules {
  name: string;
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  /** KUBE-SVC-… (Cluster policy chain) */
  chain: string;
  localChain?: string;
  externalChain?: string;
  stickyMaxAgeSeconds?: number;
  /** no usable endpoint: traffic is REJECTed (ICMP port unreachable) */
  reject: boolean;
  /** the endpoints the cluster chain balances over, with the probability of their rule (null = last) */
  endpoints: Array<EndpointInfo & { chain: string; probability: string | null }>;
}

export interface ProxyRules {
  node: string;
  chains: ChainSet;
  rules: IptablesRule[];
  services: ServicePortRules[];
}

export interface ProxierConfig {
  nodeName: string;
  /** --cluster-cidr for the local-traffic detector (ClusterCIDR mode) */
  clusterCIDR: string;
}

/** syncProxyRules: every rule for the Services and EndpointSlices the informers hold. */
export function syncProxyRules(cfg: ProxierConfig, services: KObject[], slices: KObject[]): ProxyRules {
  const endpointsMap = buildEndpointsMap(slices, cfg.nodeName);
  const svcPorts = services.flatMap(serviceToServicePorts).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : 1));
  const out: RuleSpec[] = [...staticRules()];
  const natChains = new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']);
  const summaries: ServicePortRules[] = [];
  for (const sp of svcPorts) {
    const eps = endpointsMap[endpointsMapKey(sp.name, sp.protocol)] ?? [];
    summaries.push(writeServicePort(cfg, sp, eps, out, natChains));
  }
  out.push({ table: 'nat', chain: 'KUBE-SERVICES', comment: NODEPORTS_COMMENT, dstTypeLocal: true, jump: 'KUBE-NODEPORTS' });
  const rules = out.map(rule);
  return { node: cfg.nodeName, chains: { filter: ['KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-SERVICES'], nat: [...natChains] }, rules, services: summaries };
}

/** The jumps from the built-in chains and the masquerade plumbing written on every sync. */
function staticRules(): RuleSpec[] {
  return [
    { table: 'filter', chain: 'FORWARD', comment: 'kubernetes forwarding rules', jump: 'KUBE-FORWARD' },
    { table: 'filter', chain: 'OUTPUT', comment: 'kubernetes service portals', jump: 'KUBE-SERVICES' },
    { table: 'nat', chain: 'PREROUTING', comment: 'kubernetes service portals', jump: 'KUBE-SERVICES' },
    { table: 'nat', chain: 'OUTPUT', comment: 'kubernetes service portals', jump: 'KUBE-SERVICES' },
    { table: 'nat', chain: 'POSTROUTING', comment: 'kubernetes postrouting rules', jump: 'KUBE-POSTROUTING' },
    { table: 'nat', chain: 'KUBE-POSTROUTING', notMark: `${MASQUERADE_MARK}/${MASQUERADE_MARK}`, jump: 'RETURN' },
    { table: 'nat', chain: 'KUBE-POSTROUTING', jump: 'MARK', targetArgs: ['--xor-mark', MASQUERADE_MARK] },
    { table: 'nat', chain: 'KUBE-POSTROUTING', comment: 'kubernetes service traffic requiring SNAT', jump: 'MASQUERADE', targetArgs: ['--random-fully'] },
    { table: 'nat', chain: 'KUBE-MARK-MASQ', jump: 'MARK', targetArgs: ['--or-mark', MASQUERADE_MARK] },
  ];
}

/** The per-service-port body of syncProxyRules' loop. */
function writeServicePort(cfg: ProxierConfig, sp: ServicePortInfo, all: EndpointInfo[], out: RuleSpec[], natChains: Set<string>): ServicePortRules {
  const proto = sp.protocol.toLowerCase();
  const { clusterEndpoints, localEndpoints, allReachableEndpoints, hasAnyEndpoints } = categorizeEndpoints(all, sp);
  const clusterChain = servicePortChainName(sp.name, sp.protocol);
  const localChain = servicePortLocalChainName(sp.name, sp.protocol);
  const extChain = serviceExternalChainName(sp.name, sp.protocol);
  const internalChain = sp.internalPolicyLocal ? localChain : clusterChain;
  const hasInternal = hasAnyEndpoints && (!sp.internalPolicyLocal || localEndpoints.length > 0);
  const hasExternal = hasAnyEndpoints && (!sp.externalPolicyLocal || localEndpoints.length > 0);
  const vip = { protocol: proto, destination: sp.clusterIP, dport: sp.port };
  // capture the ClusterIP, or reject / drop it in the filter table
  if (hasInternal) out.push({ table: 'nat', chain: 'KUBE-SERVICES', comment: `${sp.name} cluster IP`, ...vip, jump: internalChain });
  else out.push({ table: 'filter', chain: 'KUBE-SERVICES', comment: `${sp.name} has no ${hasAnyEndpoints ? 'local ' : ''}endpoints`, ...vip, jump: hasAnyEndpoints ? 'DROP' : 'REJECT' });
  for (const ip of sp.externalIPs) {
    if (hasAnyEndpoints) out.push({ table: 'nat', chain: 'KUBE-SERVICES', comment: `${sp.name} external IP`, protocol: proto, destination: ip, dport: sp.port, jump: extChain });
    if (!hasExternal) out.push({ table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', comment: `${sp.name} has no ${hasAnyEndpoints ? 'local ' : ''}endpoints`, protocol: proto, destination: ip, dport: sp.port, jump: hasAnyEndpoints ? 'DROP' : 'REJECT' });
  }
  if (sp.nodePort !== undefined) {
    if (hasAnyEndpoints) out.push({ table: 'nat', chain: 'KUBE-NODEPORTS', comment: sp.name, protocol: proto, dport: sp.nodePort, jump: extChain });
    if (!hasExternal) out.push({ table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', comment: `${sp.name} has no ${hasAnyEndpoints ? 'local ' : ''}endpoints`, dstTypeLocal: true, protocol: proto, dport: sp.nodePort, jump: hasAnyEndpoints ? 'DROP' : 'REJECT' });
  }
  // off-cluster sources reaching the VIP are masqueraded (localDetector.IfNotLocal)
  if (hasInternal) out.push({ table: 'nat', chain: internalChain, comment: `${sp.name} cluster IP`, ...vip, notSource: cfg.clusterCIDR, jump: 'KUBE-MARK-MASQ' });
  const usesExt = hasAnyEndpoints && (sp.nodePort !== undefined || sp.externalIPs.length > 0);
  if (usesExt) writeExternalChain(cfg, sp, extChain, hasExternal ? (sp.externalPolicyLocal ? localChain : clusterChain) : undefined, clusterChain, out, natChains);
  const cluster = writeServiceToEndpointRules(sp, clusterChain, clusterEndpoints, out, natChains);
  if (localEndpoints.length && (sp.internalPolicyLocal || sp.externalPolicyLocal)) writeServiceToEndpointRules(sp, localChain, localEndpoints, out, natChains);
  for (const ep of allReachableEndpoints) writeEndpointChain(sp, ep, out, natChains);
  const summary: ServicePortRules = { name: sp.name, protocol: sp.protocol, clusterIP: sp.clusterIP, port: sp.port, chain: clusterChain, reject: !hasAnyEndpoints, endpoints: cluster };
  if (sp.nodePort !== undefined) summary.nodePort = sp.nodePort;
  if (usesExt) summary.externalChain = extChain;
  if (sp.internalPolicyLocal || sp.externalPolicyLocal) summary.localChain = localChain;
  if (sp.stickyMaxAgeSeconds !== undefined) summary.stickyMaxAgeSeconds = sp.stickyMaxAgeSeconds;
  return summary;
}

/** KUBE-EXT-…: masquerade (Cluster policy) or keep the source and short-circuit local traffic (Local). */
function writeExternalChain(cfg: ProxierConfig, sp: ServicePortInfo, ext: string, policyChain: string | undefined, clusterChain: string, out: RuleSpec[], natChains: Set<string>): void {
  natChains.add(ext);
  if (!sp.externalPolicyLocal) out.push({ table: 'nat', chain: ext, comment: `masquerade traffic for ${sp.name} external destinations`, jump: 'KUBE-MARK-MASQ' });
  else {
    // pod traffic (localDetector.IfLocal) and the node's own traffic follow the Cluster policy
    out.push({ table: 'nat', chain: ext, comment: `pod traffic for ${sp.name} external destinations`, source: cfg.clusterCIDR, jump: clusterChain });
    out.push({ table: 'nat', chain: ext, comment: `masquerade LOCAL traffic for ${sp.name} external destinations`, srcTypeLocal: true, jump: 'KUBE-MARK-MASQ' });
    out.push({ table: 'nat', chain: ext, comment: `route LOCAL traffic for ${sp.name} external destinations`, srcTypeLocal: true, jump: clusterChain });
  }
  if (policyChain) out.push({ table: 'nat', chain: ext, jump: policyChain });
}

/** writeServiceToEndpointRules: affinity lookups first, then 1/n, 1/(n−1), … and an unconditional last rule. */
function writeServiceToEndpointRules(sp: ServicePortInfo, chain: string, eps: EndpointInfo[], out: RuleSpec[], natChains: Set<string>): ServicePortRules['endpoints'] {
  if (eps.length === 0) return [];
  natChains.add(chain);
  const proto = sp.protocol.toLowerCase();
  const withChain = eps.map((ep) => ({ ...ep, chain: servicePortEndpointChainName(sp.name, proto, ep.endpoint) }));
  if (sp.stickyMaxAgeSeconds !== undefined) {
    for (const ep of withChain) out.push({ table: 'nat', chain, comment: `${sp.name} -> ${ep.endpoint}`, recent: { name: ep.chain, op: 'rcheck', seconds: sp.stickyMaxAgeSeconds }, jump: ep.chain });
  }
  const n = withChain.length;
  return withChain.map((ep, i) => {
    const p = i < n - 1 ? probability(n - i) : null;
    out.push({ table: 'nat', chain, comment: `${sp.name} -> ${ep.endpoint}`, ...(p ? { probability: p } : {}), jump: ep.chain });
    return { ...ep, probability: p };
  });
}

/** KUBE-SEP-…: hairpin masquerade, affinity record, DNAT to the pod. */
function writeEndpointChain(sp: ServicePortInfo, ep: EndpointInfo, out: RuleSpec[], natChains: Set<string>): void {
  const proto = sp.protocol.toLowerCase();
  const chain = servicePortEndpointChainName(sp.name, proto, ep.endpoint);
  natChains.add(chain);
  out.push({ table: 'nat', chain, comment: sp.name, source: ep.ip, jump: 'KUBE-MARK-MASQ' });
  out.push({ table: 'nat', chain, comment: sp.name, ...(sp.stickyMaxAgeSeconds !== undefined ? { recent: { name: chain, op: 'set' as const } } : {}), protocol: proto, jump: 'DNAT', toDestination: ep.endpoint });
}
