// metrics.k8s.io/v1beta1 as metrics-server serves it (NodeMetrics, PodMetrics: get and list, label
// selectors), what `kubectl top` reads. SIMULATED, deterministically:
// - memory is the model's own: the working set each node's container runtime reports for its
//   running containers (Cluster.containerStats, the CRI stats the eviction manager acts on), and a
//   node's is its system working set plus its containers';
// - CPU is not modelled by the engine, so it is derived here: an idle process uses 1–3m, a
//   `stress --cpu N` container N cores (capped by its CPU limit), a node's system daemons 80–100m;
//   the wobble is a hash of the container and the 15 s scrape window, the same for every run of a seed.
// metrics-server needs two scrapes (15 s apart) to compute a rate, so a container shows up 15 s after it started.
import type { Cluster, KObject } from '../engine';
import { EPOCH_MS, parseLabelSelector, matchesSelector } from '../engine';
import type { RequestInfo } from './request-info';
import { type RestResponse, fail, json } from './http';

type Obj = Record<string, any>;

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const SCRAPE_MS = 15_000;

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const rfc3339 = (ms: number) => new Date(EPOCH_MS + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
/** metrics-server's quantities: CPU in nanocores, memory in Ki */
const cpuQ = (nano: number) => `${Math.round(nano)}n`;
const memQ = (bytes: number) => `${Math.floor(bytes / 1024)}Ki`;

function cpuMilliOf(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
}

/** the CPU a container burns: `stress --cpu N` N cores (within its limit), anything else idle */
function containerCpuNano(pod: KObject | undefined, container: string, window: number): number {
  const spec = ((pod as Obj | undefined)?.spec?.containers ?? []).find((c: Obj) => c.name === container) as Obj | undefined;
  const argv: string[] = [...(spec?.command ?? []), ...(spec?.args ?? [])].map(String);
  const i = argv.findIndex((a) => a === '--cpu' || a === '-c');
  const cores = i >= 0 && argv.some((a) => a.endsWith('stress')) ? Number(argv[i + 1]) || 0 : 0;
  const wobble = fnv(`${pod?.metadata.namespace}/${pod?.metadata.name}/${container}/${window}`) % 2_000_000;
  if (cores > 0) {
    const limit = cpuMilliOf(spec?.resources?.limits?.cpu);
    const milli = limit !== undefined ? Math.min(limit, cores * 1000) : cores * 1000;
    return milli * 1e6 - wobble;
  }
  return 1_000_000 + wobble;
}

interface Sample {
  nodes: Array<{ name: string; cpu: number; memory: number }>;
  pods: Array<{ namespace: string; name: string; containers: Array<{ name: string; cpu: number; memory: number }> }>;
  timestamp: string;
}

function sample(c: Cluster): Sample {
  const now = c.now();
  const window = Math.floor(now / SCRAPE_MS);
  const nodes: Sample['nodes'] = [];
  const pods = new Map<string, Sample['pods'][number]>();
  for (const n of c.containerStats()) {
    let cpu = 80_000_000 + (fnv(`${n.node}/${window}`) % 20_000_000);
    let memory = n.systemBytes;
    for (const s of n.containers) {
      const pod = c.get('Pod', s.namespace, s.pod);
      const cc = containerCpuNano(pod, s.container, window);
      cpu += cc;
      memory += s.workingSetBytes;
      if (now - s.startedAtMs < SCRAPE_MS) continue;
      const key = `${s.namespace}/${s.pod}`;
      const entry = pods.get(key) ?? { namespace: s.namespace, name: s.pod, containers: [] };
      entry.containers.push({ name: s.container, cpu: cc, memory: s.workingSetBytes });
      pods.set(key, entry);
    }
    nodes.push({ name: n.node, cpu, memory });
  }
  return { nodes, pods: [...pods.values()], timestamp: rfc3339(Math.floor(now / SCRAPE_MS) * SCRAPE_MS) };
}

function nodeMetrics(c: Cluster, n: Sample['nodes'][number], timestamp: string): Obj {
  const node = c.get('Node', undefined, n.name);
  return {
    kind: 'NodeMetrics', apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
    metadata: { name: n.name, creationTimestamp: rfc3339(c.now()), ...(node?.metadata.labels ? { labels: node.metadata.labels } : {}) },
    timestamp, window: '15s', usage: { cpu: cpuQ(n.cpu), memory: memQ(n.memory) },
  };
}

function podMetrics(c: Cluster, p: Sample['pods'][number], timestamp: string): Obj {
  const pod = c.get('Pod', p.namespace, p.name);
  return {
    kind: 'PodMetrics', apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
    metadata: { name: p.name, namespace: p.namespace, creationTimestamp: rfc3339(c.now()), ...(pod?.metadata.labels ? { labels: pod.metadata.labels } : {}) },
    timestamp, window: '15s',
    containers: p.containers.map((x) => ({ name: x.name, usage: { cpu: cpuQ(x.cpu), memory: memQ(x.memory) } })),
  };
}

/** GET /apis/metrics.k8s.io/v1beta1/{nodes,pods,namespaces/NS/pods}[/NAME] */
export function metrics(c: Cluster, method: string, info: RequestInfo, q: URLSearchParams): RestResponse {
  if (info.resource !== 'nodes' && info.resource !== 'pods') return fail(404, 'NotFound', 'the server could not find the requested resource');
  if (method !== 'GET' || (info.verb !== 'get' && info.verb !== 'list')) return fail(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  let sel;
  try {
    sel = parseLabelSelector(q.get('labelSelector') ?? undefined);
  } catch (e) {
    return fail(400, 'BadRequest', (e as Error).message);
  }
  const s = sample(c);
  const gv = `${METRICS_GROUP}/${METRICS_VERSION}`;
  if (info.resource === 'nodes') {
    const items = s.nodes.map((n) => nodeMetrics(c, n, s.timestamp)).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    if (info.name) {
      const found = items.find((m) => m.metadata.name === info.name);
      return found ? json(200, found) : fail(404, 'NotFound', `nodemetrics.metrics.k8s.io "${info.name}" not found`, { name: info.name, group: METRICS_GROUP, kind: 'nodemetrics' } as never);
    }
    return json(200, { kind: 'NodeMetricsList', apiVersion: gv, metadata: {}, items: items.filter((m) => matchesSelector(sel, m.metadata.labels)) });
  }
  const ns = info.namespace || undefined;
  const items = s.pods
    .filter((p) => !ns || p.namespace === ns)
    .map((p) => podMetrics(c, p, s.timestamp))
    .sort((a, b) => (a.metadata.namespace === b.metadata.namespace ? (a.metadata.name < b.metadata.name ? -1 : 1) : a.metadata.namespace < b.metadata.namespace ? -1 : 1));
  if (info.name) {
    const found = items.find((m) => m.metadata.name === info.name);
    return found ? json(200, found) : fail(404, 'NotFound', `podmetrics.metrics.k8s.io "${ns}/${info.name}" not found`, { name: info.name, group: METRICS_GROUP, kind: 'podmetrics' } as never);
  }
  return json(200, { kind: 'PodMetricsList', apiVersion: gv, metadata: {}, items: items.filter((m) => matchesSelector(sel, m.metadata.labels)) });
}
