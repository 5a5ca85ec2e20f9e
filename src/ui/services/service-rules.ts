// Pure helpers of the Services view: a Service's ports, its EndpointSlice endpoints, and the
// iptables chains kube-proxy wrote for it (KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…), with what
// changed since the node's previous sync.
import type { KubeObject, ProxyRulesView } from '../../protocol/messages';

type Obj = Record<string, any>;

export interface EndpointRow {
  address: string;
  pod?: string;
  node?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  slice: string;
}

/** The endpoints of every EndpointSlice labelled kubernetes.io/service-name=<svc>. */
export function endpointsOf(svc: KubeObject, slices: KubeObject[]): EndpointRow[] {
  const ns = svc.metadata.namespace;
  const out: EndpointRow[] = [];
  for (const s of slices) {
    const labels = (s.metadata.labels ?? {}) as Record<string, string>;
    if (s.metadata.namespace !== ns || labels['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    for (const ep of ((s as Obj).endpoints ?? []) as Obj[]) {
      const c = (ep.conditions ?? {}) as Obj;
      // discovery/v1: a nil ready means ready; serving defaults to ready; terminating to false
      const ready = c.ready !== false;
      out.push({
        address: (ep.addresses ?? []).join(','), pod: ep.targetRef?.name, node: ep.nodeName,
        ready, serving: c.serving ?? ready, terminating: c.terminating === true, slice: s.metadata.name,
      });
    }
  }
  return out.sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
}

export interface ChainLine {
  chain: string;
  comment?: string;
  /** the rule as iptables-save prints it, without `-A <chain>` */
  text: string;
  probability?: string;
  jump: string;
  state: 'same' | 'added';
}

export interface ServiceChains {
  portName: string;
  svcChain: string;
  /** the KUBE-SERVICES rules that lead to this Service's chains */
  entry: ChainLine[];
  /** rules of KUBE-SVC-… (and KUBE-EXT-…) */
  svc: ChainLine[];
  /** per endpoint chain KUBE-SEP-…: its rules */
  seps: Array<{ chain: string; endpoint: string; lines: ChainLine[]; state: 'same' | 'added' }>;
  /** endpoint chains the previous sync had and this one does not */
  removed: Array<{ chain: string; endpoint: string }>;
  reject: boolean;
}

/** The rule without `-A <chain>` and its comment (shown as a tooltip): the matches and the jump fit the panel. */
const strip = (line: string, chain: string) => line.replace(`-A ${chain} `, '').replace(/-m comment --comment ("[^"]*"|\S+) /, '');

/** The chains for each port of `ns/name`, marked against the previous rule set. */
export function chainsFor(ns: string, name: string, rules: ProxyRulesView, prev?: ProxyRulesView): ServiceChains[] {
  const prefix = `${ns}/${name}`;
  const prevLines = new Set((prev?.rules ?? []).map((r) => `${r.table} ${r.line}`));
  const mark = (r: ProxyRulesView['rules'][number]): ChainLine => ({
    chain: r.chain, text: strip(r.line, r.chain), jump: r.jump, ...(r.comment ? { comment: r.comment } : {}), ...(r.probability ? { probability: r.probability } : {}),
    state: !prev || prevLines.has(`${r.table} ${r.line}`) ? 'same' : 'added',
  });
  return rules.services
    .filter((sp) => sp.name === prefix || sp.name.startsWith(`${prefix}:`))
    .map((sp) => {
      const own = new Set([sp.chain, sp.externalChain, sp.localChain].filter(Boolean) as string[]);
      const entry = rules.rules.filter((r) => r.table === 'nat' && (r.chain === 'KUBE-SERVICES' || r.chain === 'KUBE-NODEPORTS') && own.has(r.jump)).map(mark);
      // a Service without endpoints: its REJECT lives in the filter table
      const rejects = rules.rules.filter((r) => r.table === 'filter' && r.comment?.startsWith(`${sp.name} `) && (r.jump === 'REJECT' || r.jump === 'DROP')).map(mark);
      const svc = rules.rules.filter((r) => r.table === 'nat' && own.has(r.chain)).map(mark);
      const prevSp = prev?.services.find((p) => p.name === sp.name);
      const prevChains = new Set((prevSp?.endpoints ?? []).map((e) => e.chain));
      const seps = sp.endpoints.map((e) => ({
        chain: e.chain, endpoint: e.endpoint,
        lines: rules.rules.filter((r) => r.table === 'nat' && r.chain === e.chain).map(mark),
        state: (!prev || prevChains.has(e.chain) ? 'same' : 'added') as 'same' | 'added',
      }));
      const now = new Set(sp.endpoints.map((e) => e.chain));
      const removed = (prevSp?.endpoints ?? []).filter((e) => !now.has(e.chain)).map((e) => ({ chain: e.chain, endpoint: e.endpoint }));
      return { portName: sp.name, svcChain: sp.chain, entry: [...entry, ...rejects], svc, seps, removed, reject: sp.reject };
    });
}

export interface ServicePortView {
  name?: string;
  protocol: string;
  port: number;
  targetPort?: string | number;
  nodePort?: number;
}

export function portsOf(svc: KubeObject): ServicePortView[] {
  return (((svc as Obj).spec?.ports ?? []) as Obj[]).map((p) => ({ name: p.name, protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.targetPort, nodePort: p.nodePort }));
}

/** kubectl get svc's PORT(S) column: `80/TCP`, `80:30080/TCP`. */
export function portsColumn(svc: KubeObject): string {
  return portsOf(svc).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '<none>';
}
