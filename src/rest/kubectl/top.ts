// `kubectl top node|pod` (staging/src/k8s.io/kubectl/pkg/cmd/top/top_node.go, top_pod.go) and its
// table (metricsutil/metrics_printer.go): metrics.k8s.io NodeMetrics/PodMetrics (src/rest/metrics.ts,
// simulated usage), nodes' allocatable for the percentages. Every cell is written with a trailing tab,
// so the last column is padded too.
import type { ParsedArgs } from './args';
import { flagBool } from './args';
import { quantityValue } from './sort';
import { tabwrite } from './tabwriter';

type Obj = Record<string, any>;

export class TopError extends Error {}

export interface TopIo {
  /** GET a path: the JSON body of a 2xx answer; a non-2xx throws kubectl's error text */
  get(path: string): Obj;
  namespace: string;
  /** stderr lines (No resources found …) */
  warn(s: string): void;
}

const METRICS = '/apis/metrics.k8s.io/v1beta1';

/** Quantity.MilliValue (rounded up) and Value (rounded up) of a quantity string */
const milli = (q: unknown) => Math.ceil((quantityValue(String(q ?? '0')) ?? 0) * 1000 - 1e-6);
const value = (q: unknown) => Math.ceil((quantityValue(String(q ?? '0')) ?? 0) - 1e-9);

const cpuCell = (q: unknown) => `${milli(q)}m`;
const memCell = (q: unknown) => `${Math.floor(value(q) / (1024 * 1024))}Mi`;
/** printAllResourceUsages: int64(float64(used.MilliValue()) / float64(available.MilliValue()) * 100) */
const pct = (used: number, avail: number) => `${avail ? Math.trunc((used / avail) * 100) : 0}%`;

export function top(p: ParsedArgs, io: TopIo): string {
  const [what, name] = p.args;
  if (what === 'node' || what === 'nodes' || what === 'no') return topNode(p, io, name);
  if (what === 'pod' || what === 'pods' || what === 'po') return topPod(p, io, name);
  throw new TopError(`error: unknown command "${what ?? ''}" for "kubectl top"\n`);
}

function query(p: ParsedArgs): string {
  const sel = p.flags.get('selector');
  return sel ? `?${new URLSearchParams({ labelSelector: sel })}` : '';
}

function topNode(p: ParsedArgs, io: TopIo, name: string | undefined): string {
  const sortBy = p.flags.get('sort-by') ?? '';
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new TopError(`error: --sort-by accepts only cpu or memory\n`);
  const metrics: Obj[] = name ? [io.get(`${METRICS}/nodes/${name}`)] : (io.get(`${METRICS}/nodes${query(p)}`).items ?? []);
  if (!metrics.length) throw new TopError('error: metrics not available yet\n');
  const nodes: Obj[] = name ? [io.get(`/api/v1/nodes/${name}`)] : (io.get(`/api/v1/nodes${query(p)}`).items ?? []);
  const field = flagBool(p, 'show-capacity') ? 'capacity' : 'allocatable';
  const avail = new Map(nodes.map((n) => [n.metadata.name, n.status?.[field] ?? {}]));
  // NodeMetricsSorter: by name, or the most used first
  const key = (m: Obj) => (sortBy === 'cpu' ? milli(m.usage?.cpu) : value(m.usage?.memory));
  const sorted = [...metrics].sort((a, b) => (sortBy ? key(b) - key(a) : a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const rows: string[][] = flagBool(p, 'no-headers') ? [] : [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)', '']];
  for (const m of sorted) {
    const a = avail.get(m.metadata.name);
    const cells = [m.metadata.name, cpuCell(m.usage?.cpu)];
    if (a) cells.push(pct(milli(m.usage?.cpu), milli(a.cpu)));
    cells.push(memCell(m.usage?.memory));
    if (a) cells.push(pct(milli(m.usage?.memory), milli(a.memory)));
    rows.push([...cells, '']);
  }
  return tabwrite(rows);
}

function topPod(p: ParsedArgs, io: TopIo, name: string | undefined): string {
  const all = flagBool(p, 'all-namespaces');
  const ns = p.flags.get('namespace') ?? io.namespace;
  const containers = flagBool(p, 'containers');
  const sortBy = p.flags.get('sort-by') ?? '';
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new TopError(`error: --sort-by accepts only cpu or memory\n`);
  const base = all ? `${METRICS}/pods` : `${METRICS}/namespaces/${ns}/pods`;
  const metrics: Obj[] = name ? [io.get(`${base}/${name}`)] : (io.get(`${base}${query(p)}`).items ?? []);
  if (!metrics.length) {
    // verifyEmptyMetrics: pods there but not measured yet are an error, none at all is said
    const pods = io.get(`${all ? '/api/v1/pods' : `/api/v1/namespaces/${ns}/pods`}${query(p)}`).items ?? [];
    if (pods.length) throw new TopError('error: metrics not available yet\n');
    io.warn(all ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    return '';
  }
  // getPodMetrics adds the containers' quantities, then rounds the total once
  const sum = (m: Obj, r: 'cpu' | 'memory') => {
    const total = (m.containers ?? []).reduce((t: number, c: Obj) => t + (quantityValue(String(c.usage?.[r] ?? '0')) ?? 0), 0);
    return r === 'cpu' ? Math.ceil(total * 1000 - 1e-6) : Math.ceil(total - 1e-9);
  };
  // PodMetricsSorter: namespace (with -A) then name, or the most used first
  const sorted = [...metrics].sort((a, b) => {
    if (sortBy) return sum(b, sortBy as 'cpu' | 'memory') - sum(a, sortBy as 'cpu' | 'memory');
    if (all && a.metadata.namespace !== b.metadata.namespace) return a.metadata.namespace < b.metadata.namespace ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
  const rows: string[][] = [];
  if (!flagBool(p, 'no-headers')) rows.push([...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)', '']);
  for (const m of sorted) {
    const lead = all ? [m.metadata.namespace] : [];
    if (containers) {
      const cs = [...(m.containers ?? [])].sort((a: Obj, b: Obj) => (sortBy === 'cpu' ? milli(b.usage?.cpu) - milli(a.usage?.cpu) : sortBy === 'memory' ? value(b.usage?.memory) - value(a.usage?.memory) : a.name < b.name ? -1 : 1));
      for (const c of cs) rows.push([...lead, m.metadata.name, c.name, cpuCell(c.usage?.cpu), memCell(c.usage?.memory), '']);
    } else rows.push([...lead, m.metadata.name, `${sum(m, 'cpu')}m`, `${Math.floor(sum(m, 'memory') / (1024 * 1024))}Mi`, '']);
  }
  return tabwrite(rows);
}
