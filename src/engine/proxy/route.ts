// What the kernel does with the first packet of a connection given kube-proxy's rules: walk
// nat PREROUTING → KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… rule by rule, drawing one random
// number per `-m statistic --mode random` rule it reaches (as xt_statistic does), consulting
// and updating the `-m recent` lists for ClientIP affinity, then the filter table's
// KUBE-SERVICES / KUBE-EXTERNAL-SERVICES for REJECT. Pure: the recent lists are copied, not mutated.
import type { IptablesRule } from './iptables/rules';
import type { ProxyRules } from './iptables/proxier';

/** -m recent lists: list name (a KUBE-SEP chain) → client IP → last seen (virtual ms). */
export type RecentLists = Record<string, Record<string, number>>;

export interface RouteOptions {
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** the destination is one of this node's addresses (NodePort traffic) */
  destIsLocal?: boolean;
  /** the node itself sends the packet (addrtype --src-type LOCAL) */
  srcIsLocal?: boolean;
  recent?: RecentLists;
  nowMs?: number;
}

export interface RouteResult {
  verdict: 'DNAT' | 'REJECT' | 'DROP' | 'ACCEPT';
  /** pod `ip:port` after DNAT */
  endpoint?: string;
  /** the chains entered, in order */
  path: string[];
  /** the random numbers drawn, one per statistic rule reached */
  draws: number[];
  /** KUBE-MARK-MASQ was hit: the packet leaves with the node's source address */
  masquerade: boolean;
  recent: RecentLists;
}

interface Walk {
  byChain: Map<string, IptablesRule[]>;
  dest: string;
  port: number;
  protocol: string;
  client: string;
  opts: RouteOptions;
  rngDraw: () => number;
  res: RouteResult;
}

/** Follow the rules for one new connection to dest:port. `rngDraw` returns numbers in [0, 1). */
export function routeRequest(rules: ProxyRules, dest: string, port: number, rngDraw: () => number, clientIP = '10.244.0.1', opts: RouteOptions = {}): RouteResult {
  const recent: RecentLists = Object.fromEntries(Object.entries(opts.recent ?? {}).map(([k, v]) => [k, { ...v }]));
  const res: RouteResult = { verdict: 'ACCEPT', path: [], draws: [], masquerade: false, recent };
  const byTable = (table: 'nat' | 'filter') => {
    const m = new Map<string, IptablesRule[]>();
    for (const r of rules.rules) if (r.table === table) m.set(r.chain, [...(m.get(r.chain) ?? []), r]);
    return m;
  };
  const w: Walk = { byChain: byTable('nat'), dest, port, protocol: (opts.protocol ?? 'TCP').toLowerCase(), client: clientIP, opts, rngDraw, res };
  if (walkChain(w, 'PREROUTING') === 'stop') return res;
  // not DNATed: the filter table may still reject it (Services without endpoints)
  const f: Walk = { ...w, byChain: byTable('filter') };
  walkChain(f, 'KUBE-SERVICES');
  if (res.verdict === 'ACCEPT' && opts.destIsLocal) walkChain(f, 'KUBE-EXTERNAL-SERVICES');
  return res;
}

/** Evaluate one chain; 'stop' when a terminating target decided the packet's fate. */
function walkChain(w: Walk, chain: string): 'stop' | 'return' {
  w.res.path.push(chain);
  for (const r of w.byChain.get(chain) ?? []) {
    if (!matches(w, r)) continue;
    if (r.recent?.op === 'set') ((w.res.recent[r.recent.name] ??= {})[w.client] = w.opts.nowMs ?? 0);
    switch (r.jump) {
      case 'KUBE-MARK-MASQ':
        w.res.masquerade = true;
        continue;
      case 'DNAT':
        w.res.verdict = 'DNAT';
        w.res.endpoint = r.toDestination;
        return 'stop';
      case 'REJECT':
      case 'DROP':
        w.res.verdict = r.jump;
        return 'stop';
      case 'RETURN':
        return 'return';
      case 'MARK':
      case 'MASQUERADE':
      case 'ACCEPT':
        continue;
    }
    if (walkChain(w, r.jump) === 'stop') return 'stop';
  }
  return 'return';
}

function matches(w: Walk, r: IptablesRule): boolean {
  if (r.protocol && r.protocol !== w.protocol) return false;
  if (r.destination && r.destination !== w.dest) return false;
  if (r.dport !== undefined && r.dport !== w.port) return false;
  if (r.dstTypeLocal && !w.opts.destIsLocal) return false;
  if (r.srcTypeLocal && !w.opts.srcIsLocal) return false;
  if (r.source && !inCIDR(w.client, r.source)) return false;
  if (r.notSource && inCIDR(w.client, r.notSource)) return false;
  if (r.notMark) return false; // packets are unmarked on their way in: only POSTROUTING looks at marks
  if (r.recent?.op === 'rcheck') {
    const seen = w.res.recent[r.recent.name]?.[w.client];
    // --rcheck --seconds N: seen within the last N seconds (the --set in KUBE-SEP refreshes it)
    if (seen === undefined || (w.opts.nowMs ?? 0) - seen > (r.recent.seconds ?? 0) * 1000) return false;
  }
  if (r.probability) {
    const d = w.rngDraw();
    w.res.draws.push(d);
    if (!(d < Number(r.probability))) return false;
  }
  return true;
}

/** IPv4 `a.b.c.d` in `a.b.c.d/n` (a bare address is a /32). */
export function inCIDR(ip: string, cidr: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  const n = Number(bits);
  const toInt = (s: string) => s.split('.').reduce((acc, o) => ((acc << 8) | Number(o)) >>> 0, 0);
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return ((toInt(ip) & mask) >>> 0) === ((toInt(base) & mask) >>> 0);
}
