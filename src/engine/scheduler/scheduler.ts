// kube-scheduler as an actor. Twin of pkg/scheduler/scheduler.go + schedule_one.go, reduced:
// informers for unscheduled pods (the queue), assigned pods and nodes (the cache); one pod per
// scheduling cycle: filter → score → decision, then the binding cycle (POST pods/binding) with
// the pod assumed in the cache meanwhile. Failures go to the unschedulable pods with back-off
// (pkg/scheduler/backend/queue: 1 s doubling to 10 s) and return on cluster events. Informers for
// PVCs, PVs, Services, ReplicaSets, StatefulSets and Namespaces feed the plugins' listers. A preemption
// (DefaultPreemption) nominates a node for the pod and evicts the victims through the apiserver.
import { cutCycle, LARGE_CYCLE_NODES, type OmittedNodes } from './large-cycle';
import type { Kernel } from '../kernel/kernel';
import type { ComponentId, Msg } from '../kernel/types';
import type { KObject, Node, Pod } from '../api/types';
import { metaNamespaceKey } from '../api/types';
import type { ApiResponse, WatchEventType } from '../api/wire';
import { Component, type ComponentState, type Purpose, newClientState } from '../client/component';
import { type SchedulingDecision, createFramework, scheduleOneWithSnapshot } from './schedule-one';
import { Snapshot, isAssignedActivePod } from './framework/snapshot';
import type { Framework } from './framework/runtime';
import type { Listers } from './framework/listers';
import { type ActiveQueue, type QueuedPod, newActiveQueue, queueHas, queueHasReady, queuePop, queuePush, queueRemove } from './active-queue';

export const SCHEDULER = 'scheduler';
/** The scheduling cycle's visible steps are spaced by this much virtual time. */
const CYCLE_STEP_MS = 1;
export const POD_INITIAL_BACKOFF_MS = 1000;
export const POD_MAX_BACKOFF_MS = 10000;
/** podMaxInUnschedulablePodsDuration, flushed every 30 s */
const UNSCHEDULABLE_MAX_MS = 5 * 60 * 1000;
const FLUSH_PERIOD_MS = 30 * 1000;

/** Informers the plugins read through listers (name → resource): VolumeBinding, PodTopologySpread, InterPodAffinity. */
const LISTER_INFORMERS: Record<string, string> = {
  pvcs: 'persistentvolumeclaims',
  pvs: 'persistentvolumes',
  services: 'services',
  replicasets: 'replicasets',
  statefulsets: 'statefulsets',
  namespaces: 'namespaces',
};

type Decision = SchedulingDecision;

interface SchedulerState extends ComponentState {
  activeQ: ActiveQueue;
  unschedulable: Record<string, QueuedPod>;
  /** pods assumed on a node while their binding is in flight */
  assumed: Record<string, KObject>;
  /** `shown`: what the cycle's events carry on a large cluster (large-cycle.ts), when it leaves nodes out */
  cycle?: { pod: QueuedPod; podObj: KObject; decision: Decision; shown?: ReturnType<typeof cutCycle> };
  busy: boolean;
  /** where the next cycle starts filtering (schedule_one.go nextStartNodeIndex) */
  nextStartNodeIndex: number;
  /** PodNominator: pending pod key → its status.nominatedNodeName */
  nominated: Record<string, string>;
}

/**
 * The scheduler cache's snapshot, derived from the informer stores and kept up to date
 * incrementally. It is not actor state: it is rebuilt from `s` whenever `s` was replaced
 * (restore), so snapshots stay plain data.
 */
interface DerivedCache {
  forState: SchedulerState;
  snapshot: Snapshot;
  framework: Framework;
}

export class Scheduler extends Component<SchedulerState> {
  constructor(k: Kernel) {
    super(SCHEDULER, k, { client: newClientState(), activeQ: newActiveQueue(), unschedulable: {}, assumed: {}, busy: false, nextStartNodeIndex: 0, nominated: {} }, { user: 'system:kube-scheduler', groups: [] });
  }

  private derived?: DerivedCache;

  private cache(): DerivedCache {
    if (this.derived?.forState === this.s) return this.derived;
    const nodes = Object.values(this.informer('nodes')?.store ?? {}) as unknown as Node[];
    // an assumed pod the informer already holds is counted once (a rebuild after a restore may come
    // from inside the watch handler, after the store took the pod and before the assumption is dropped)
    const store = this.informer('assigned')?.store ?? {};
    const assumed = Object.entries(this.s.assumed).filter(([key]) => !(key in store)).map(([, p]) => p);
    const pods = [...Object.values(store), ...assumed] as unknown as Pod[];
    const snapshot = Snapshot.fromObjects(nodes, pods);
    const framework = createFramework(snapshot, undefined, {
      listers: () => this.listers(),
      // fetched per call: the kernel's PRNG state is replaced on restore
      randInt: (n: number) => this.k.rng('scheduler/preemption').int(n),
      nowMs: () => this.k.now(),
      nominatedPodsForNode: (node: string) => this.nominatedPodsForNode(node),
    });
    this.derived = { forState: this.s, snapshot, framework };
    return this.derived;
  }

  private nominatedPodsForNode(node: string): Pod[] {
    // called for every node of every cycle: no entries array, no store look-up unless nominated here
    const out: Pod[] = [];
    for (const key in this.s.nominated) {
      if (this.s.nominated[key] !== node) continue;
      const pod = this.informer('unscheduled')?.store[key];
      if (pod) out.push(pod as unknown as Pod);
    }
    return out;
  }

  /** The informer listers (SharedInformerFactory) over the current stores. */
  private listers(): Listers {
    const store = (name: string) => (this.s.client.informers[name]?.store ?? {}) as Record<string, any>;
    return {
      pvc: (ns, name) => store('pvcs')[`${ns}/${name}`],
      pv: (name) => store('pvs')[name],
      services: (ns) => Object.values(store('services')).filter((o) => o.metadata.namespace === ns),
      replicaSet: (ns, name) => store('replicasets')[`${ns}/${name}`],
      statefulSet: (ns, name) => store('statefulsets')[`${ns}/${name}`],
      namespace: (name) => store('namespaces')[name],
      namespaces: () => Object.values(store('namespaces')),
    };
  }

  protected override eventSource(): string {
    return 'default-scheduler';
  }

  /** A pod leaving the unscheduled informer because it was bound is bookkeeping, not a step. */
  protected override watchAmbient(informer: string, type: WatchEventType, obj: KObject, old?: KObject): boolean {
    if (informer === 'unscheduled' && type === 'DELETED' && (obj.spec as { nodeName?: string } | undefined)?.nodeName) return true;
    return super.watchAmbient(informer, type, obj, old);
  }

  protected onMessage(msg: Msg, _from: ComponentId): void {
    switch (msg.type) {
      case 'START':
        this.startInformer('nodes', 'nodes', { ambient: true });
        this.startInformer('assigned', 'pods', { fieldSelector: 'spec.nodeName!=', ambient: true });
        // factory.go: unassigned, non-terminal pods of this scheduler
        this.startInformer('unscheduled', 'pods', { fieldSelector: 'spec.nodeName=,status.phase!=Succeeded,status.phase!=Failed' });
        for (const [name, resource] of Object.entries(LISTER_INFORMERS)) this.startInformer(name, resource, { ambient: true });
        this.later({ type: 'FLUSH_UNSCHEDULABLE' }, FLUSH_PERIOD_MS, true);
        return;
      case 'SCHEDULE_NEXT':
        return this.scheduleNext();
      case 'SCORE':
        return this.traceScore();
      case 'DECIDE':
        return this.decide();
      case 'BACKOFF_DONE':
        return this.kick();
      case 'FLUSH_UNSCHEDULABLE':
        this.later({ type: 'FLUSH_UNSCHEDULABLE' }, FLUSH_PERIOD_MS, true);
        for (const q of Object.values(this.s.unschedulable)) if (this.k.now() - q.sinceMs >= UNSCHEDULABLE_MAX_MS) this.activate(q);
        return;
    }
  }

  protected onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    const pod = obj as unknown as Pod;
    if (informer === 'unscheduled') {
      const key = metaNamespaceKey(obj);
      const nominatedNode = pod.status?.nominatedNodeName;
      if (type !== 'DELETED' && nominatedNode) this.s.nominated[key] = nominatedNode;
      else delete this.s.nominated[key];
      if (type === 'DELETED') {
        queueRemove(this.s.activeQ, key);
        delete this.s.unschedulable[key];
        return;
      }
      if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
      if (obj.metadata.deletionTimestamp) return;
      if (type === 'ADDED' && !queueHas(this.s.activeQ, key) && !this.s.unschedulable[key]) {
        const now = this.k.now();
        queuePush(this.s.activeQ, { key, priority: pod.spec?.priority ?? 0, timestampMs: now, attempts: 0, sinceMs: now, backoffUntilMs: now }, now);
        this.kick();
      }
      return;
    }
    if (informer === 'assigned') {
      const key = metaNamespaceKey(obj);
      const snap = this.cache().snapshot;
      const assumed = this.s.assumed[key];
      if (assumed) {
        // the informer caught up with our binding: the assumed pod becomes the real one
        delete this.s.assumed[key];
        snap.removePod(assumed as unknown as Pod);
      }
      if (old) snap.removePod(old as unknown as Pod);
      snap.removePod(pod); // a relist replays objects the snapshot may already hold
      if (type !== 'DELETED' && isAssignedActivePod(pod)) snap.addPod(pod);
      // an assigned pod going away frees room: AssignedPodDelete moves unschedulable pods back
      if (type === 'DELETED') this.moveAllToActive();
      // a pod bound (or relabelled) may satisfy pod affinity or change a spread: the QueueingHints of
      // InterPodAffinity and PodTopologySpread requeue the pods they rejected
      else if (type === 'ADDED' || labelsChanged(old, obj)) this.moveToActive(['InterPodAffinity', 'PodTopologySpread']);
      return;
    }
    if (informer === 'pvcs' || informer === 'pvs') {
      // VolumeBinding's events: a claim or volume added or updated (e.g. bound)
      if (type !== 'DELETED') this.moveToActive(['VolumeBinding']);
      return;
    }
    if (informer === 'nodes') {
      const snap = this.cache().snapshot;
      if (type === 'DELETED') snap.removeNode(obj.metadata.name);
      else snap.updateNode(obj as unknown as Node);
      if (type === 'ADDED' || (type === 'MODIFIED' && nodeChanged(old, obj))) this.moveAllToActive();
    }
  }

  protected onResponse(p: Purpose, resp: ApiResponse): void {
    if (p.kind === 'preempt.status' || p.kind === 'preempt.delete') return this.onPreemptResponse(p, resp);
    if (p.kind !== 'bind') return;
    const key = String(p.pod);
    if (resp.code < 300) {
      const [ns, name] = key.split('/');
      const pod = this.s.assumed[key] ?? ({ apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ns, name, uid: p.uid as string } } as KObject);
      this.recordEvent(pod, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${p.node}`);
      return;
    }
    // binding failed: forget the assumed pod and retry with back-off (schedule_one.go handleBindingCycleError)
    const assumed = this.s.assumed[key];
    if (assumed) this.cache().snapshot.removePod(assumed as unknown as Pod);
    delete this.s.assumed[key];
    this.requeueWithBackoff({ key, priority: 0, timestampMs: this.k.now(), attempts: Number(p.attempts ?? 1), sinceMs: this.k.now(), backoffUntilMs: 0 });
  }

  private kick(): void {
    if (this.s.busy) return;
    if (!queueHasReady(this.s.activeQ, this.k.now())) return;
    this.s.busy = true;
    this.later({ type: 'SCHEDULE_NEXT' }, 0);
  }

  /** PrioritySort: higher priority first, then earlier timestamp (active-queue.ts). */
  private popNext(): QueuedPod | undefined {
    return queuePop(this.s.activeQ, this.k.now());
  }

  private scheduleNext(): void {
    const q = this.popNext();
    const podObj = q && this.informer('unscheduled').store[q.key];
    if (!q || !podObj) {
      this.s.busy = false;
      return this.kick();
    }
    q.attempts++;
    const { snapshot, framework } = this.cache();
    const rng = this.k.rng('scheduler/selectHost');
    const decision = scheduleOneWithSnapshot(podObj as unknown as Pod, snapshot, {
      framework,
      randInt: (n: number) => rng.int(n),
      nextStartNodeIndex: this.s.nextStartNodeIndex,
      record: this.k.recordTrace,
    });
    this.s.nextStartNodeIndex = decision.nextStartNodeIndex;
    // the UI's nodes × filter table: feasible nodes passed every filter (no reasons)
    for (const n of decision.feasible) decision.filter[n] ??= [];
    const nodes = snapshot.list();
    // cut when the trace is kept (unrecorded, a cycle carries no per-node records to cut)
    const cut: ReturnType<typeof cutCycle> = nodes.length >= LARGE_CYCLE_NODES && this.k.recordTrace ? cutCycle(decision) : decision;
    this.s.cycle = cut === decision ? { pod: q, podObj, decision } : { pod: q, podObj, decision, shown: cut };
    this.k.trace({
      type: 'scheduler.filter',
      key: 'scheduler.filter',
      from: SCHEDULER,
      to: SCHEDULER,
      params: { pod: q.key, feasible: decision.feasible.length, total: nodes.length },
      object: podRef(podObj),
      detail: cut === decision ? { filter: decision.filter } : { filter: cut.filter, omitted: cut.omitted },
    });
    this.later({ type: decision.chosen && decision.feasible.length > 1 ? 'SCORE' : 'DECIDE' }, CYCLE_STEP_MS);
  }

  private traceScore(): void {
    const c = this.s.cycle!;
    const d = c.decision;
    const best = d.chosen ?? '';
    const shown = c.shown ?? d;
    this.k.trace({
      type: 'scheduler.score',
      key: 'scheduler.score',
      params: { pod: c.pod.key, best, score: best ? (d.total?.[best] ?? 0) : 0, nodes: Object.keys(d.total ?? {}).length },
      object: podRef(c.podObj),
      detail: { scores: shown.scores, weights: shown.weights, total: shown.total },
    });
    this.later({ type: 'DECIDE' }, CYCLE_STEP_MS);
  }

  private decide(): void {
    const c = this.s.cycle!;
    this.s.cycle = undefined;
    const { victimPods, ...d } = c.decision;
    const { victimPods: _v, ...shown } = (c.shown ?? c.decision) as Decision & { omitted?: OmittedNodes };
    const params = { pod: c.pod.key, node: d.chosen ?? '', message: d.message ?? '', ...(d.preemption ? { nominated: d.preemption.nominatedNode, victims: d.preemption.victims.length } : {}) };
    this.k.trace({
      type: 'scheduler.decision',
      key: 'scheduler.decision',
      params,
      object: podRef(c.podObj),
      detail: shown,
    });
    const [ns, name] = c.pod.key.split('/');
    if (d.chosen) {
      delete this.s.nominated[c.pod.key];
      // assume, then bind (schedule_one.go assume + bindingCycle → DefaultBinder)
      const assumed = { ...c.podObj, spec: { ...(c.podObj.spec as object), nodeName: d.chosen } };
      // the cache first: after a restore it is rebuilt from state, which must not hold the pod yet
      const snap = this.cache().snapshot;
      this.s.assumed[c.pod.key] = assumed;
      snap.addPod(assumed as unknown as Pod);
      const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: ns, uid: c.podObj.metadata.uid }, target: { apiVersion: 'v1', kind: 'Node', name: d.chosen } };
      this.request({ verb: 'create', resource: 'pods', subresource: 'binding', namespace: ns, name, body: binding as unknown as KObject }, { kind: 'bind', pod: c.pod.key, node: d.chosen, uid: c.podObj.metadata.uid, attempts: c.pod.attempts });
    } else {
      this.recordEvent(c.podObj, 'Warning', 'FailedScheduling', d.message);
      this.markUnschedulable(c.podObj, d.message, d.nominatedNodeName);
      if (d.preemption && victimPods) this.prepareCandidate(c.podObj, d.preemption.nominatedNode, victimPods as unknown as KObject[]);
      c.pod.unschedulablePlugins = [...new Set(Object.values(d.rejectedBy))];
      c.pod.sinceMs = this.k.now();
      c.pod.backoffUntilMs = this.k.now() + backoffMs(c.pod.attempts);
      this.s.unschedulable[c.pod.key] = c.pod;
    }
    this.s.busy = false;
    this.kick();
  }

  /**
   * PodScheduled=False, reason Unschedulable, with the FitError message, and the nominating info of
   * PostFilter (status.nominatedNodeName set or cleared) in the same write (schedule_one.go updatePod).
   */
  private markUnschedulable(pod: KObject, message: string, nominatedNodeName?: string): void {
    const status = { ...((pod.status as object) ?? {}) } as Record<string, any>;
    const conds = ((status.conditions ?? []) as Array<Record<string, unknown>>).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: rfcNow(this.k), reason: 'Unschedulable', message });
    status.conditions = conds;
    if (nominatedNodeName) status.nominatedNodeName = nominatedNodeName;
    else if (nominatedNodeName === '') delete status.nominatedNodeName;
    const m = pod.metadata;
    this.request({ verb: 'update', resource: 'pods', subresource: 'status', namespace: m.namespace, name: m.name, body: { ...pod, metadata: { ...m, resourceVersion: undefined }, status } as KObject }, { kind: 'status' });
  }

  /**
   * prepareCandidateAsync (pkg/scheduler/framework/preemption/preemption.go, SchedulerAsyncPreemption is on
   * in v1.33): for each victim, add the DisruptionTarget condition (a pods/status patch), then DELETE it with
   * its default grace period, then record the Preempted event. The preemptor waits in the unschedulable pods
   * until the victims are gone.
   */
  private prepareCandidate(preemptor: KObject, node: string, victims: KObject[]): void {
    const schedulerName = (preemptor.spec as { schedulerName?: string } | undefined)?.schedulerName ?? 'default-scheduler';
    for (const v of victims) {
      const m = v.metadata;
      const conds = (((v.status as Record<string, unknown> | undefined)?.conditions ?? []) as Array<Record<string, unknown>>).filter((c) => c.type !== 'DisruptionTarget');
      conds.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfcNow(this.k), reason: 'PreemptionByScheduler', message: `${schedulerName}: preempting to accommodate a higher priority pod` });
      const purpose = { kind: 'preempt.status', victim: metaNamespaceKey(v), uid: m.uid as string, preemptorUid: preemptor.metadata.uid as string, node };
      this.request({ verb: 'patch', resource: 'pods', subresource: 'status', namespace: m.namespace, name: m.name, body: { status: { conditions: conds } } as unknown as KObject }, purpose);
    }
  }

  private onPreemptResponse(p: Purpose, resp: ApiResponse): void {
    const key = String(p.victim);
    const [ns, name] = key.split('/');
    if (p.kind === 'preempt.status') {
      if (resp.code >= 300) return; // "Could not add DisruptionTarget condition due to preemption": the victim stays
      this.request({ verb: 'delete', resource: 'pods', namespace: ns, name }, { ...p, kind: 'preempt.delete' });
      return;
    }
    if (resp.code >= 300) return; // NotFound: "Victim Pod is already deleted"
    const victim = (this.informer('assigned').store[key] ?? { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: ns, name, uid: p.uid } }) as KObject;
    this.recordEvent(victim, 'Normal', 'Preempted', `Preempted by pod ${p.preemptorUid} on node ${p.node}`);
  }

  private requeueWithBackoff(q: QueuedPod): void {
    q.backoffUntilMs = this.k.now() + backoffMs(q.attempts);
    queuePush(this.s.activeQ, q, this.k.now());
    this.later({ type: 'BACKOFF_DONE' }, backoffMs(q.attempts));
  }

  private activate(q: QueuedPod): void {
    delete this.s.unschedulable[q.key];
    queuePush(this.s.activeQ, q, this.k.now());
    const wait = Math.max(0, q.backoffUntilMs - this.k.now());
    if (wait > 0) this.later({ type: 'BACKOFF_DONE' }, wait);
    else this.kick();
  }

  private moveAllToActive(): void {
    for (const q of Object.values(this.s.unschedulable)) this.activate(q);
  }

  /** Requeue the unschedulable pods that one of `plugins` rejected. */
  private moveToActive(plugins: string[]): void {
    for (const q of Object.values(this.s.unschedulable)) {
      if (q.unschedulablePlugins?.some((pl) => plugins.includes(pl))) this.activate(q);
    }
  }
}

/** Pod back-off: 1 s × 2^(attempts−1), capped at 10 s (backend/queue/scheduling_queue.go calculateBackoffDuration). */
export function backoffMs(attempts: number): number {
  let d = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    d *= 2;
    if (d >= POD_MAX_BACKOFF_MS) return POD_MAX_BACKOFF_MS;
  }
  return d;
}

function nodeChanged(old: KObject | undefined, cur: KObject): boolean {
  if (!old) return true;
  const pick = (o: KObject) => JSON.stringify([o.spec, (o.status as Record<string, unknown> | undefined)?.allocatable, o.metadata.labels]);
  return pick(old) !== pick(cur);
}

function labelsChanged(old: KObject | undefined, cur: KObject): boolean {
  return !!old && JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {});
}

function podRef(o: KObject) {
  return { kind: 'Pod', namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid };
}

function rfcNow(k: Kernel): string {
  return rfc3339(k.now());
}

import { rfc3339 } from '../api/time';
