// The data form of the iptables rules kube-proxy writes (one object per `-A` line of
// iptables-restore input), so that the UI can draw the chains and routeRequest can walk them.
// Arguments are rendered in the order pkg/proxy/iptables/proxier.go writes them.

export interface IptablesRule {
  table: 'filter' | 'nat';
  chain: string;
  comment?: string;
  /** -m recent: --rcheck --seconds N --reap (affinity lookup) or --set (affinity record) */
  recent?: { name: string; op: 'rcheck' | 'set'; seconds?: number };
  /** -m addrtype --dst-type LOCAL */
  dstTypeLocal?: boolean;
  /** -m addrtype --src-type LOCAL (traffic the node itself originates) */
  srcTypeLocal?: boolean;
  /** lower-case, as in `-m tcp -p tcp` */
  protocol?: string;
  destination?: string;
  dport?: number;
  source?: string;
  /** `! -s <cidr>`: the local-traffic detector's IfNotLocal */
  notSource?: string;
  /** -m statistic --mode random --probability p (formatted %0.10f) */
  probability?: string;
  /** -m mark ! --mark m/m */
  notMark?: string;
  jump: string;
  /** arguments of the target (--to-destination ip:port, --or-mark 0x4000, --random-fully …) */
  targetArgs?: string[];
  /** DNAT --to-destination */
  toDestination?: string;
  /** the iptables-restore line */
  line: string;
}

export type RuleSpec = Omit<IptablesRule, 'line'>;

const quote = (c: string) => (/[\s"]/.test(c) ? `"${c}"` : c);

/** Render a rule as iptables-save prints it. */
export function ruleLine(r: RuleSpec): string {
  const a: string[] = ['-A', r.chain];
  if (r.comment !== undefined) a.push('-m', 'comment', '--comment', quote(r.comment));
  if (r.notMark) a.push('-m', 'mark', '!', '--mark', r.notMark);
  if (r.recent) a.push('-m', 'recent', '--name', r.recent.name, ...(r.recent.op === 'set' ? ['--set'] : ['--rcheck', '--seconds', String(r.recent.seconds), '--reap']));
  if (r.srcTypeLocal) a.push('-m', 'addrtype', '--src-type', 'LOCAL');
  if (r.dstTypeLocal) a.push('-m', 'addrtype', '--dst-type', 'LOCAL');
  if (r.protocol) a.push('-m', r.protocol, '-p', r.protocol);
  if (r.destination) a.push('-d', r.destination);
  if (r.dport !== undefined) a.push('--dport', String(r.dport));
  if (r.source) a.push('-s', r.source);
  if (r.notSource) a.push('!', '-s', r.notSource);
  if (r.probability) a.push('-m', 'statistic', '--mode', 'random', '--probability', r.probability);
  a.push('-j', r.jump);
  if (r.toDestination) a.push('--to-destination', r.toDestination);
  if (r.targetArgs) a.push(...r.targetArgs);
  return a.join(' ');
}

export function rule(spec: RuleSpec): IptablesRule {
  return { ...spec, line: ruleLine(spec) };
}

/** proxier.probability(n): fmt.Sprintf("%0.10f", 1.0/float64(n)) */
export function probability(n: number): string {
  return (1 / n).toFixed(10);
}

/** The chains each table declares, in the order iptables-restore input lists them. */
export interface ChainSet {
  filter: string[];
  nat: string[];
}

/** iptables-save text of a rule set (*filter … COMMIT, *nat … COMMIT). */
export function iptablesSave(chains: ChainSet, rules: IptablesRule[]): string {
  const out: string[] = [];
  for (const table of ['filter', 'nat'] as const) {
    out.push(`*${table}`);
    for (const c of chains[table]) out.push(`:${c} - [0:0]`);
    for (const r of rules) if (r.table === table) out.push(r.line);
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}
