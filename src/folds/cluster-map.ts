// The large-cluster map's view model: one compact row per node (STATUS, capacity, requests) with its
// pods as compact cells (kubectl's STATUS word), folded from the played etcd writes. A 1,000-node
// cluster's UI needs these, not every Pod object whole (issue 12). Pure and immutable, so the views'
// checkpoints hold it by reference and a seek folds forward like every other view.
import { objectKey, type KubeObject, type TraceEvent } from '../protocol/messages';
// the UI's twin of kubectl's printPod (pinned to the engine's by src/worker/pod-status-copy.test.ts)
import { podColumns } from '../ui/pods/pod-status';
import { PMap, type PMapDraft } from './pmap';

/** More nodes than this and the diagram draws one pool (layout.ts densityFor): the map takes over. */
export const LARGE_NODES = 12;

export interface PodCell {
  /** `Pod/namespace/name` */
  key: string;
  name: string;
  namespace: string;
  /** kubectl get pods' STATUS (`Running`, `ContainerCreating`, `Terminating`, `CrashLoopBackOff`…) */
  status: string;
  /** READY (`1/1`) */
  ready: string;
  restarts: number;
  ip: string;
  /** virtual ms of metadata.creationTimestamp (NaN if none) */
  createdMs: number;
  /** seq of the last story (non-ambient) event about this pod; -1 if none */
  story: number;
}

export interface NodeRow {
  name: string;
  /** the Ready condition's status; '' when the node has none yet */
  ready: 'True' | 'False' | 'Unknown' | '';
  unschedulable: boolean;
  allocCpuMilli: number;
  allocMemBytes: number;
  allocPods: number;
  /** what the scheduler counts as requested: the non-terminal pods' requests */
  reqCpuMilli: number;
  reqMemBytes: number;
  /** sorted by name */
  pods: PodCell[];
  /** seq of the last story event a component of this node (kubelet, runtime) received; -1 if none */
  story: number;
}

export interface PodPlace { node: string; cpuMilli: number; memBytes: number; terminal: boolean }

export interface ClusterMap {
  /** node name → row; '' holds the pods no node has yet (Pending, unscheduled) */
  rows: PMap<NodeRow>;
  /** pod key → node name it is listed under, and its requests (to move or subtract it) */
  podIndex: PMap<PodPlace>;
}

export function initClusterMap(): ClusterMap {
  return { rows: PMap.empty(), podIndex: PMap.empty() };
}

/** kubectl get nodes' STATUS: printers.go printNode (Ready / NotReady / Unknown, then SchedulingDisabled). */
export function nodeStatusWord(row: Pick<NodeRow, 'ready' | 'unschedulable'>): string {
  const s = row.ready === 'True' ? 'Ready' : row.ready === '' ? 'Unknown' : 'NotReady';
  return row.unschedulable ? `${s},SchedulingDisabled` : s;
}

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, m: 1e-3 };

/** A resource.Quantity string in base units (`500m` → 0.5, `1Gi` → 1073741824); 0 if unreadable. */
export function quantity(q: unknown): number {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return 0;
  const m = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(q.trim());
  return m ? Number(m[1]) * SUFFIX[m[2] ?? ''] : 0;
}

interface Resources { requests?: Record<string, string> }
interface PodSpec { nodeName?: string; containers?: Array<{ resources?: Resources }>; initContainers?: Array<{ resources?: Resources }> }

/** The pod's effective request (scheduler's computePodResourceRequest: sum of containers, at least
 * the largest init container). */
function podRequests(pod: KubeObject): { cpuMilli: number; memBytes: number } {
  const spec = (pod.spec ?? {}) as PodSpec;
  let cpu = 0, mem = 0;
  for (const c of spec.containers ?? []) {
    cpu += quantity(c.resources?.requests?.cpu) * 1000;
    mem += quantity(c.resources?.requests?.memory);
  }
  for (const c of spec.initContainers ?? []) {
    cpu = Math.max(cpu, quantity(c.resources?.requests?.cpu) * 1000);
    mem = Math.max(mem, quantity(c.resources?.requests?.memory));
  }
  return { cpuMilli: Math.round(cpu), memBytes: Math.round(mem) };
}

const EPOCH_MS = Date.UTC(2025, 0, 1);
function createdMsOf(pod: KubeObject): number {
  const ts = pod.metadata.creationTimestamp;
  return typeof ts === 'string' ? Date.parse(ts) - EPOCH_MS : NaN;
}

function cellOf(key: string, pod: KubeObject, story: number): PodCell {
  const cols = podColumns(pod);
  const st = (pod.status ?? {}) as { podIP?: string };
  return { key, name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', status: cols.status, ready: cols.ready, restarts: cols.restarts, ip: st.podIP ?? '', createdMs: createdMsOf(pod), story };
}

function emptyRow(name: string): NodeRow {
  return { name, ready: '', unschedulable: false, allocCpuMilli: 0, allocMemBytes: 0, allocPods: 0, reqCpuMilli: 0, reqMemBytes: 0, pods: [], story: -1 };
}

function nodeFields(node: KubeObject): Partial<NodeRow> {
  const st = (node.status ?? {}) as { allocatable?: Record<string, string>; conditions?: Array<{ type: string; status: string }> };
  const ready = st.conditions?.find((c) => c.type === 'Ready')?.status;
  return {
    ready: ready === 'True' || ready === 'False' || ready === 'Unknown' ? ready : '',
    unschedulable: !!(node.spec as { unschedulable?: boolean } | undefined)?.unschedulable,
    allocCpuMilli: Math.round(quantity(st.allocatable?.cpu) * 1000),
    allocMemBytes: Math.round(quantity(st.allocatable?.memory)),
    allocPods: Math.round(quantity(st.allocatable?.pods)),
  };
}

const collator = new Intl.Collator('en', { numeric: true });

const byName = (a: { name: string; namespace: string }, b: { name: string; namespace: string }) => collator.compare(a.name, b.name) || collator.compare(a.namespace, b.namespace);

/** `Pod/namespace/name` → its name and namespace (neither holds a slash) */
function nameOfKey(key: string): { name: string; namespace: string } {
  const a = key.indexOf('/');
  const b = key.indexOf('/', a + 1);
  return { namespace: key.slice(a + 1, b), name: key.slice(b + 1) };
}

/** A cell of a row's pods (sorted by name, then namespace) by binary search. */
function findCell(pods: readonly PodCell[], key: string): PodCell | undefined {
  const want = nameOfKey(key);
  let lo = 0;
  let hi = pods.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = byName(pods[mid], want);
    if (c === 0) return pods[mid].key === key ? pods[mid] : pods.find((p) => p.key === key);
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Per frame: the rows being rebuilt (copied once, then changed in place). A row's pods change as
 * edits (set or removed cells) merged into its sorted list at the end: the unscheduled row holds every
 * Pending pod (10,000 after a large Apply) and was re-sorted whole every frame. */
class Draft {
  rows: PMapDraft<NodeRow> | null = null;
  podIndex: PMapDraft<PodPlace> | null = null;
  private mutable = new Set<string>();
  /** per row: pod key → its new cell, or null when it leaves the row */
  private edits = new Map<string, Map<string, PodCell | null>>();
  constructor(private prev: ClusterMap) {}

  index() {
    return (this.podIndex ??= this.prev.podIndex.edit());
  }
  /** where a pod is listed, without copying the index (most writes change nothing the map shows) */
  where(key: string) {
    return (this.podIndex ?? this.prev.podIndex).get(key);
  }
  hasRow(name: string): boolean {
    return (this.rows ?? this.prev.rows).has(name);
  }
  peekRow(name: string): NodeRow | undefined {
    return (this.rows ?? this.prev.rows).get(name);
  }
  row(name: string): NodeRow {
    this.rows ??= this.prev.rows.edit();
    let r = this.rows.get(name);
    if (!this.mutable.has(name)) {
      r = r ? { ...r } : emptyRow(name);
      this.rows.set(name, r);
      this.mutable.add(name);
    }
    return r!;
  }
  private editsOf(node: string): Map<string, PodCell | null> {
    let m = this.edits.get(node);
    if (!m) {
      this.row(node);
      this.edits.set(node, (m = new Map()));
    }
    return m;
  }
  setCell(node: string, cell: PodCell): void {
    this.editsOf(node).set(cell.key, cell);
  }
  removeCell(node: string, key: string): void {
    this.editsOf(node).set(key, null);
  }
  /** a deleted node with no pods left leaves the map */
  dropIfEmpty(name: string): void {
    const row = this.peekRow(name);
    if (!row || this.podsNow(name).length > 0) return;
    (this.rows ??= this.prev.rows.edit()).delete(name);
    this.edits.delete(name);
    this.mutable.delete(name);
  }
  /** a pod's cell as of now, without copying its row */
  peek(node: string, key: string): PodCell | undefined {
    const m = this.edits.get(node);
    if (m?.has(key)) return m.get(key) ?? undefined;
    const pods = this.peekRow(node)?.pods;
    return pods ? findCell(pods, key) : undefined;
  }
  /** the row's pods with its edits merged in (sorted by name, then namespace) */
  private podsNow(name: string): PodCell[] {
    const base = this.peekRow(name)?.pods ?? [];
    const m = this.edits.get(name);
    return m ? applyCellEdits(base, m) : base;
  }
  finish(): ClusterMap {
    if (!this.rows) return this.podIndex ? { rows: this.prev.rows, podIndex: this.podIndex.done() } : this.prev;
    for (const name of this.edits.keys()) this.row(name).pods = this.podsNow(name);
    return { rows: this.rows.done(), podIndex: this.podIndex ? this.podIndex.done() : this.prev.podIndex };
  }
}

/** A row's pods (sorted by name, then namespace) with `edits` merged in: key → its new cell, or null
 * when it leaves the row. Unchanged cells keep their identity. The fold and the page's store (which
 * gets a large row's changes rather than the row) merge the same way. */
export function applyCellEdits(base: readonly PodCell[], edits: ReadonlyMap<string, PodCell | null>): PodCell[] {
  if (edits.size === 0) return base as PodCell[];
  const kept: PodCell[] = [];
  const seen = new Set<string>();
  for (const c of base) {
    if (!edits.has(c.key)) kept.push(c);
    else {
      seen.add(c.key);
      const n = edits.get(c.key);
      if (n) kept.push(n); // same key: same name and namespace, same place
    }
  }
  const added: PodCell[] = [];
  for (const [k, c] of edits) if (c && !seen.has(k)) added.push(c);
  if (added.length === 0) return kept;
  added.sort(byName);
  const out: PodCell[] = new Array(kept.length + added.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < kept.length && j < added.length) out[o++] = byName(added[j], kept[i]) < 0 ? added[j++] : kept[i++];
  while (i < kept.length) out[o++] = kept[i++];
  while (j < added.length) out[o++] = added[j++];
  return out;
}

/** The edits that turn row pods `before` into `after` (cells compared by identity: the fold keeps
 * an unchanged cell's). */
export function cellEdits(before: readonly PodCell[], after: readonly PodCell[]): { set: PodCell[]; removed: string[] } {
  const old = new Map<string, PodCell>();
  for (const c of before) old.set(c.key, c);
  const set: PodCell[] = [];
  for (const c of after) {
    if (old.get(c.key) !== c) set.push(c);
    old.delete(c.key);
  }
  return { set, removed: [...old.keys()] };
}

const sameCell = (a: PodCell, b: PodCell) =>
  a.status === b.status && a.ready === b.ready && a.restarts === b.restarts && a.ip === b.ip && a.story === b.story && a.name === b.name && a.namespace === b.namespace && (a.createdMs === b.createdMs || (Number.isNaN(a.createdMs) && Number.isNaN(b.createdMs)));

function putPod(d: Draft, key: string, pod: KubeObject | null): void {
  const was = d.where(key);
  if (pod && was) {
    // a write that changes nothing the map shows (most status echoes) leaves the row as it was
    const node = ((pod.spec ?? {}) as PodSpec).nodeName ?? '';
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    const req = podRequests(pod);
    const old = d.peek(was.node, key);
    if (node === was.node && old && req.cpuMilli === was.cpuMilli && req.memBytes === was.memBytes && (phase === 'Succeeded' || phase === 'Failed') === was.terminal && sameCell(old, cellOf(key, pod, old.story))) return;
  }
  const prevCell = was ? d.peek(was.node, key) : undefined;
  if (was) {
    const r = d.row(was.node);
    if (!was.terminal) {
      r.reqCpuMilli -= was.cpuMilli;
      r.reqMemBytes -= was.memBytes;
    }
    d.removeCell(was.node, key);
    d.index().delete(key);
  }
  if (!pod) return;
  const node = ((pod.spec ?? {}) as PodSpec).nodeName ?? '';
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const req = podRequests(pod);
  const r = d.row(node);
  if (!terminal) {
    r.reqCpuMilli += req.cpuMilli;
    r.reqMemBytes += req.memBytes;
  }
  d.setCell(node, cellOf(key, pod, prevCell?.story ?? -1));
  d.index().set(key, { node, ...req, terminal });
}

/** Fold played events: etcd writes of Pods and Nodes, and story events that mark a pod or a node. */
export function nextClusterMap(prev: ClusterMap, events: readonly TraceEvent[]): ClusterMap {
  let d: Draft | null = null;
  for (const e of events) {
    if (e.type === 'etcd.put' || e.type === 'etcd.delete') {
      const v = (e as TraceEvent<'etcd.put'>).detail?.value as KubeObject | undefined;
      const kind = v?.kind ?? e.object?.kind;
      if (kind !== 'Pod' && kind !== 'Node') continue;
      const name = v?.metadata.name ?? e.object?.name;
      if (!name) continue;
      d ??= new Draft(prev);
      if (kind === 'Node') {
        if (e.type === 'etcd.delete') {
          // a deleted node's pods stay listed under it until they are deleted too (as kubectl shows them)
          d.dropIfEmpty(name);
        } else if (v) {
          // heartbeats rewrite a node without changing what the map shows: keep its row
          const f = nodeFields(v);
          const old = d.peekRow(name);
          if (!old || (Object.keys(f) as Array<keyof typeof f>).some((k) => old[k] !== f[k])) Object.assign(d.row(name), f);
        }
      } else {
        const key = objectKey('Pod', v?.metadata.namespace ?? e.object?.namespace, name);
        putPod(d, key, e.type === 'etcd.delete' ? null : (v ?? null));
      }
    }
    if (e.ambient) continue;
    // a story event about a pod, or received by a node's kubelet or runtime: the map highlights it
    if (e.object?.kind === 'Pod') {
      const key = objectKey('Pod', e.object.namespace, e.object.name);
      d ??= new Draft(prev);
      const at = d.where(key);
      const cell = at && d.peek(at.node, key);
      if (cell && at) d.setCell(at.node, { ...cell, story: e.seq });
    }
    const m = /^(?:kubelet|runtime):(.+)$/.exec(e.to);
    if (m && (d ? d.hasRow(m[1]) : prev.rows.has(m[1]))) (d ??= new Draft(prev)).row(m[1]).story = e.seq;
  }
  return d ? d.finish() : prev;
}

/** The node rows whose value differs between two folds (by identity: unchanged rows keep theirs). */
export function changedRows(prev: ClusterMap | undefined, next: ClusterMap): { rows: NodeRow[]; removed: string[] } {
  if (!prev) return { rows: [...next.rows.values()], removed: [] };
  if (prev.rows === next.rows) return { rows: [], removed: [] };
  const rows: NodeRow[] = [];
  for (const [name, r] of next.rows) if (prev.rows.get(name) !== r) rows.push(r);
  const removed = [...prev.rows.keys()].filter((n) => !next.rows.has(n));
  return { rows, removed };
}

/** Nodes in the map (the unscheduled row '' is not a node). */
export function mapNodeCount(m: ClusterMap): number {
  return m.rows.size - (m.rows.has('') ? 1 : 0);
}

export function isLarge(m: ClusterMap): boolean {
  return mapNodeCount(m) > LARGE_NODES;
}
