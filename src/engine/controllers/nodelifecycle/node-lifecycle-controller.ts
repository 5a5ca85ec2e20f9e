// Twin of pkg/controller/nodelifecycle/node_lifecycle_controller.go (1.33, taint-based evictions;
// the eviction itself is tainteviction/). Keys: `monitor` = monitorNodeHealth every
// --node-monitor-period, `node/<name>` = doNoScheduleTaintingPass, `noexec` = doNoExecuteTaintingPass
// (the one-zone RateLimitedTimedQueue), `pod/<ns>/<name>` = processPod. Simplified: one zone (no
// zone labels), no reconcileNodeLabels, no DaemonSet exclusion, status writes are updates.
import { podsOnNode } from '../pod-index';
import type { KObject } from '../../api/types';
import type { WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, OpOutcome, SyncPlan } from '../controller';
import { refObject } from '../controller';
import { NOT_READY_TAINT_TEMPLATE, TAINT_NODE_UNSCHEDULABLE, UNREACHABLE_TAINT_TEMPLATE, type Taint, nodeTaints, swapNodeTaints, taintExists, taintSetDiff } from './taints';
import { getNodeCondition, markPodsNotReadyOps, type NodeCondition, nodeHealthy, tryUpdateNodeHealth } from './node-health';

export const NAME = 'nodelifecycle';
export const SOURCE = 'node-controller';
/** --node-monitor-period */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** scheduler.NodeEvictionPeriod: how often doNoExecuteTaintingPass runs */
export const NODE_EVICTION_PERIOD_MS = 100;
/** --node-eviction-rate 0.1 nodes/s, burst 1 (EvictionRateLimiterBurst) */
export const EVICTION_INTERVAL_MS = 10_000;

/** nodeConditionToTaintKeyStatusMap */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: 'node.kubernetes.io/not-ready', Unknown: 'node.kubernetes.io/unreachable' },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

export interface NodeHealth {
  probeMs: number;
  readyTransitionMs: number;
  /** the Ready condition last seen (nodeHealth.status) */
  ready?: NodeCondition;
  leaseRenewTime?: string;
}

export interface NodeLifecycleState {
  started: boolean;
  /** nodeHealthMap */
  health: Record<string, NodeHealth>;
  /** knownNodeSet: name → uid */
  known: Record<string, string>;
  /** zoneNoExecuteTainter: in the set (value) / still queued (true) */
  tainter: Record<string, boolean>;
  /** token bucket of the tainter: the next instant a token is available (Infinity-free: -1 = stopped) */
  nextTokenMs: number;
  zoneState: 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';
}

export class NodeLifecycleController implements Controller {
  readonly name = NAME;
  readonly workers = 8;

  constructor(private readonly host: ControllerHost) {}

  private st(): NodeLifecycleState {
    return (this.host.state().nodeLifecycle ??= { started: false, health: {}, known: {}, tainter: {}, nextTokenMs: 0, zoneState: 'Initial' });
  }

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'nodes') {
      const st = this.st();
      if (!st.started) {
        st.started = true;
        this.host.enqueue(this.name, 'monitor');
      }
      if (type !== 'DELETED') this.host.enqueue(this.name, `node/${obj.metadata.name}`);
      return;
    }
    if (informer === 'pods' && type !== 'DELETED') {
      // podUpdated: a pod newly bound to a node
      const node = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
      if (node && (!old || node !== (old.spec as { nodeName?: string } | undefined)?.nodeName)) this.host.enqueue(this.name, `pod/${obj.metadata.namespace}/${obj.metadata.name}`);
    }
  }

  syncHandler(key: string): SyncPlan {
    if (key === 'monitor') return this.monitorNodeHealth();
    if (key === 'noexec') return this.doNoExecuteTaintingPass();
    if (key.startsWith('node/')) return this.doNoScheduleTaintingPass(key.slice(5));
    if (key.startsWith('pod/')) return this.processPod(key.slice(4));
    return { desired: '', actual: '', action: 'none', batches: [] };
  }

  /** The monitor pass and the pod pass log errors and try again on the next pass. */
  onOpResult(sync: ActiveSync): OpOutcome | void {
    if (sync.key === 'monitor' || sync.key.startsWith('pod/')) return { ok: true };
  }

  private nodes(): KObject[] {
    return Object.values(this.host.lister('nodes')).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }

  private podsOn(node: string): KObject[] {
    return podsOnNode(this.host, node).map(([, p]) => p);
  }

  private event(node: KObject, reason: string, message: string): void {
    const ref: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata.name, uid: node.metadata.uid } };
    this.host.recordEvent({ source: SOURCE, object: ref, type: 'Normal', reason, message });
  }

  /** monitorNodeHealth: classify nodes, tryUpdateNodeHealth each, taint/untaint, MarkPodsNotReady, handleDisruption. */
  private monitorNodeHealth(): SyncPlan {
    const st = this.st();
    const now = this.host.now();
    const nodes = this.nodes();
    const statusOps: Op[] = [];
    const followOps: Op[] = [];
    const actions: string[] = [];
    for (const node of nodes) {
      if (st.known[node.metadata.name] === undefined) {
        this.event(node, 'RegisteredNode', `Node ${node.metadata.name} event: Registered Node ${node.metadata.name} in Controller`);
        st.known[node.metadata.name] = String(node.metadata.uid ?? '');
        const op = this.markNodeAsReachable(node);
        if (op) followOps.push(op);
      }
    }
    const present = new Set(nodes.map((n) => n.metadata.name));
    for (const name of Object.keys(st.known)) {
      if (present.has(name)) continue;
      this.event({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: st.known[name] } }, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      delete st.known[name];
      delete st.health[name];
      delete st.tainter[name];
    }
    const readyConds: Array<NodeCondition | undefined> = [];
    for (const node of nodes) {
      const name = node.metadata.name;
      const lease = this.host.lister('leases')[`kube-node-lease/${name}`];
      const r = tryUpdateNodeHealth(node, st.health[name], lease, now);
      st.health[name] = r.health;
      readyConds.push(r.current);
      if (r.write) {
        statusOps.push({ req: { verb: 'update', resource: 'nodes', subresource: 'status', name, body: r.write }, target: `nodes//${name}`, tag: 'nodeStatus' });
        actions.push(`${name} Ready=${r.current?.status}`);
      }
      if (!r.current) continue;
      const taintOp = this.processTaintBaseEviction(node, r.observed);
      if (taintOp) followOps.push(taintOp);
      if (r.current.status !== 'True' && r.observed.status === 'True') {
        // RecordNodeStatusChange, then MarkPodsNotReady
        this.event(node, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        const podOps = markPodsNotReadyOps(this.podsOn(name), name, now);
        followOps.push(...podOps);
        if (podOps.length) actions.push(`mark ${podOps.length} pod(s) on ${name} NotReady`);
      }
    }
    this.handleDisruption(readyConds, nodes, now, followOps);
    const ready = readyConds.filter((c) => c?.status === 'True').length;
    const batches = [statusOps, followOps].filter((b) => b.length);
    if (followOps.some((o) => o.tag === 'taint')) actions.push('update taints');
    return {
      desired: `${nodes.length} node(s) posting status`,
      actual: `${ready} Ready`,
      action: batches.length ? actions.join('; ') : 'none',
      batches,
      requeueAfterMs: NODE_MONITOR_PERIOD_MS,
      requeueAfterBackground: true,
    };
  }

  /** processTaintBaseEviction: swap/queue the NoExecute taint by the observed Ready status. */
  private processTaintBaseEviction(node: KObject, observed: NodeCondition): Op | undefined {
    const taints = nodeTaints(node);
    if (observed.status === 'False') {
      if (taintExists(taints, UNREACHABLE_TAINT_TEMPLATE)) return this.taintOp(node, [NOT_READY_TAINT_TEMPLATE], [UNREACHABLE_TAINT_TEMPLATE]);
      this.markNodeForTainting(node, NOT_READY_TAINT_TEMPLATE);
    } else if (observed.status === 'Unknown') {
      if (taintExists(taints, NOT_READY_TAINT_TEMPLATE)) return this.taintOp(node, [UNREACHABLE_TAINT_TEMPLATE], [NOT_READY_TAINT_TEMPLATE]);
      this.markNodeForTainting(node, UNREACHABLE_TAINT_TEMPLATE);
    } else if (observed.status === 'True') {
      return this.markNodeAsReachable(node);
    }
    return undefined;
  }

  /** markNodeForTainting: (re)queue the node unless it already carries the taint. */
  private markNodeForTainting(node: KObject, taint: Taint): void {
    const st = this.st();
    const name = node.metadata.name;
    if (!taintExists(nodeTaints(node), taint)) delete st.tainter[name];
    if (st.tainter[name] !== undefined) return;
    st.tainter[name] = true;
    const now = this.host.now();
    this.host.enqueueAfter(this.name, 'noexec', NODE_EVICTION_PERIOD_MS - (now % NODE_EVICTION_PERIOD_MS));
  }

  /** markNodeAsReachable: remove both NoExecute taints and drop the node from the tainter. */
  private markNodeAsReachable(node: KObject): Op | undefined {
    delete this.st().tainter[node.metadata.name];
    return this.taintOp(node, [], [UNREACHABLE_TAINT_TEMPLATE, NOT_READY_TAINT_TEMPLATE]);
  }

  private taintOp(node: KObject, add: Taint[], remove: Taint[]): Op | undefined {
    const body = swapNodeTaints(node, add, remove, this.host.now());
    if (!body) return undefined;
    return { req: { verb: 'update', resource: 'nodes', name: node.metadata.name, body }, target: `nodes//${node.metadata.name}`, tag: 'taint', data: { node: node.metadata.name } };
  }

  /** handleDisruption for the one zone: no Ready node at all stops evictions (ComputeZoneState). */
  private handleDisruption(conds: Array<NodeCondition | undefined>, nodes: KObject[], now: number, ops: Op[]): void {
    if (!conds.length) return;
    const st = this.st();
    const ready = conds.filter((c) => c?.status === 'True').length;
    const notReady = conds.length - ready;
    const state = ready === 0 ? 'FullDisruption' : notReady > 2 && notReady / conds.length >= 0.55 ? 'PartialDisruption' : 'Normal';
    const was = st.zoneState;
    if (state === was) return;
    st.zoneState = state;
    if (state === 'FullDisruption') {
      // "Controller detected that all Nodes are not-Ready. Entering master disruption mode"
      for (const n of nodes) {
        const op = this.markNodeAsReachable(n);
        if (op && !ops.some((o) => o.target === op.target)) ops.push(op);
      }
      return;
    }
    if (was === 'FullDisruption') for (const h of Object.values(st.health)) Object.assign(h, { probeMs: now, readyTransitionMs: now });
  }

  /** The limiter of the zone: 0.1/s normally, stopped in full (or small partial) disruption. */
  private tryAccept(now: number): number {
    const st = this.st();
    if (st.zoneState === 'FullDisruption' || st.zoneState === 'PartialDisruption') return -1;
    if (now >= st.nextTokenMs) {
      st.nextTokenMs = now + EVICTION_INTERVAL_MS;
      return 0;
    }
    return st.nextTokenMs - now;
  }

  /** doNoExecuteTaintingPass: taint queued nodes NoExecute, one token each. */
  private doNoExecuteTaintingPass(): SyncPlan {
    const st = this.st();
    const now = this.host.now();
    const ops: Op[] = [];
    for (const name of Object.keys(st.tainter)) {
      if (!st.tainter[name]) continue;
      const wait = this.tryAccept(now);
      if (wait < 0) break;
      if (wait > 0) {
        this.host.enqueueAfter(this.name, 'noexec', wait);
        break;
      }
      const node = this.host.lister('nodes')[name];
      const ready = node && getNodeCondition(node, 'Ready');
      if (!node || !ready || ready.status === 'True') {
        st.tainter[name] = false; // RemoveFromQueue: it stays in the set
        continue;
      }
      const [add, opposite] = ready.status === 'False' ? [NOT_READY_TAINT_TEMPLATE, UNREACHABLE_TAINT_TEMPLATE] : [UNREACHABLE_TAINT_TEMPLATE, NOT_READY_TAINT_TEMPLATE];
      const op = this.taintOp(node, [add], [opposite]);
      if (op) ops.push(op);
      else st.tainter[name] = false;
    }
    const names = ops.map((o) => String(o.data?.node)).join(', ');
    return { desired: 'NoExecute taint on unresponsive nodes', actual: names ? `${names} untainted` : 'tainted', action: ops.length ? `taint ${names} NoExecute` : 'none', batches: ops.length ? [ops] : [] };
  }

  onBatchesDone(sync: ActiveSync): Op[] | undefined {
    if (sync.key === 'noexec' && !sync.failed) for (const op of sync.batches.flat().concat(sync.current)) if (op.tag === 'taint') this.st().tainter[String(op.data?.node)] = false;
    return undefined;
  }

  /** doNoScheduleTaintingPass: the NoSchedule taints that mirror the node's conditions. */
  private doNoScheduleTaintingPass(name: string): SyncPlan {
    const node = this.host.lister('nodes')[name];
    if (!node) return { desired: '', actual: '', action: 'none', batches: [] };
    const want: Taint[] = [];
    for (const c of ((node.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? [])) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) want.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
    const have = nodeTaints(node).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_NODE_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
    const [add, del] = taintSetDiff(want, have);
    const desired = want.map((t) => `${t.key}:NoSchedule`).join(',') || 'no condition taints';
    const actual = have.map((t) => `${t.key}:NoSchedule`).join(',') || 'no condition taints';
    const op = add.length || del.length ? this.taintOp(node, add, del) : undefined;
    return { desired, actual, action: op ? 'update NoSchedule taints' : 'none', object: refObject(node), batches: op ? [[op]] : [] };
  }

  /** processPod: a pod bound to a node that is not Ready is marked NotReady at once. */
  private processPod(key: string): SyncPlan {
    const pod = this.host.lister('pods')[key];
    const node = pod && (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const health = node ? this.st().health[node] : undefined;
    if (!pod || !node || !health?.ready || !this.host.lister('nodes')[node] || nodeHealthy(health)) return { desired: '', actual: '', action: 'none', batches: [] };
    const ops = markPodsNotReadyOps([pod], node, this.host.now());
    return { desired: 'NotReady on a NotReady node', actual: 'Ready', action: ops.length ? 'mark pod NotReady' : 'none', object: refObject(pod), batches: ops.length ? [ops] : [] };
  }
}

/** A node watch event that changes neither taints, unschedulable nor a condition status. */
export function nodeWatchIsNoise(obj: KObject, old: KObject | undefined): boolean {
  if (!old) return false;
  const sig = (n: KObject) => JSON.stringify([nodeTaints(n), (n.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false, ((n.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []).map((c) => `${c.type}=${c.status}`)]);
  return sig(obj) === sig(old);
}
