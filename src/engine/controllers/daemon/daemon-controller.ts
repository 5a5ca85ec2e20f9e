// Twin of pkg/controller/daemon/daemon_controller.go (v1.33): handlers (pods with expectations,
// nodes, DaemonSets) and syncDaemonSet → constructHistory → manage (podsShouldBeOnNode per node,
// syncNodes: creates pinned by node affinity in slow-start batches, deletes) → rollingUpdate
// (update.go, maxSurge 0) → cleanupHistory → updateDaemonSetStatus. Nodes are visited in name
// order where upstream ranges over a map.
import { podsInNamespace } from '../pod-index';
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { claimObjects } from '../controller-ref-manager';
import { type Expectations, SLOW_START_INITIAL_BATCH_SIZE, creationObserved, deleteExpectations, satisfiedExpectations, slowStartBatchSizes } from '../controller-utils';
import { canonical, getControllerOf, isPodAvailable, isPodReady, newControllerRef, timeMs } from '../pod-util';
import { computeHash } from '../hash';
import { listControllerRevisions, revisionOf, sortControllerRevisions, templatePatch } from '../history/controller-history';
import { nodeShouldRunDaemonPod } from './node-should-run';
import { DEFAULT_DAEMON_SET_UNIQUE_LABEL_KEY, createPodTemplate, getTargetNodeName, getTemplateGeneration, isPodUpdated, replaceDaemonSetPodNodeNameNodeAffinity } from './util/daemonset-util';
import { rollingUpdate } from './update';

type Obj = Record<string, any>;

export const SOURCE = 'daemonset-controller';
/** BurstReplicas: the most creates or deletes of one sync */
export const BURST_REPLICAS = 250;
/** FailedDaemonPodReason */
export const FAILED_DAEMON_POD_REASON = 'FailedDaemonPod';

export class DaemonSetsController implements Controller {
  readonly name = 'daemonset';
  /** --concurrent-daemonset-syncs */
  readonly workers = 2;

  constructor(private readonly host: ControllerHost) {}

  private exp(): Expectations {
    return (this.host.state().daemonSet ??= {});
  }

  private all(): KObject[] {
    return Object.values(this.host.lister('daemonsets'));
  }

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'daemonsets') {
      if (type === 'DELETED') deleteExpectations(this.exp(), metaNamespaceKey(obj));
      return this.host.enqueue(this.name, metaNamespaceKey(obj));
    }
    if (informer === 'nodes') {
      // addNode / updateNode: only a change that can change where daemons run matters
      const pick = (n: KObject) => canonical([n.metadata.labels, (n.spec as Obj | undefined)?.taints, (n.spec as Obj | undefined)?.unschedulable]);
      if (type === 'MODIFIED' && old && pick(old) === pick(obj)) return;
      for (const ds of this.all()) this.host.enqueue(this.name, metaNamespaceKey(ds));
      return;
    }
    if (informer !== 'pods') return;
    if (type === 'MODIFIED' && old?.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    const ref = getControllerOf(obj);
    if (!ref) {
      if (type === 'ADDED' || (old && canonical(old.metadata.labels) !== canonical(obj.metadata.labels))) for (const ds of this.getPodDaemonSets(obj)) this.host.enqueue(this.name, metaNamespaceKey(ds));
      return;
    }
    if (ref.kind !== 'DaemonSet') return;
    const ds = this.host.lister('daemonsets')[`${obj.metadata.namespace}/${ref.name}`];
    if (!ds || ds.metadata.uid !== ref.uid) return;
    const key = metaNamespaceKey(ds);
    if (type === 'ADDED' && !obj.metadata.deletionTimestamp) creationObserved(this.exp(), key);
    if (type === 'DELETED') this.deletionObserved(key);
    const minReady = Number((ds.spec as Obj).minReadySeconds ?? 0);
    if (old && !isPodReady(old) && isPodReady(obj) && minReady > 0) this.host.enqueueAfter(this.name, key, minReady * 1000);
    this.host.enqueue(this.name, key);
  }

  private deletionObserved(key: string): void {
    const x = this.exp()[key];
    if (x) x.del--;
  }

  private getPodDaemonSets(pod: KObject): KObject[] {
    return this.all().filter((ds) => ds.metadata.namespace === pod.metadata.namespace && matchesSelector(labelSelectorAsSelector((ds.spec as Obj)?.selector), pod.metadata.labels as Record<string, string> | undefined));
  }

  /** getNodesToDaemonPods: claimed pods grouped by target node, oldest first on each. */
  private nodesToDaemonPods(ds: KObject): { byNode: Record<string, KObject[]>; claimOps: Op[] } {
    const pods = podsInNamespace(this.host, ds.metadata.namespace);
    const { claimed, ops } = claimObjects(ds, labelSelectorAsSelector((ds.spec as Obj).selector), pods, 'pods');
    const byNode: Record<string, KObject[]> = {};
    for (const p of claimed) {
      const n = getTargetNodeName(p);
      if (n) (byNode[n] ??= []).push(p);
    }
    for (const list of Object.values(byNode)) list.sort(byCreationTimestampAndPhase);
    return { byNode, claimOps: ops };
  }

  syncHandler(key: string): SyncPlan {
    const [ns] = splitKey(key);
    const ds = this.host.lister('daemonsets')[key];
    if (!ds) {
      deleteExpectations(this.exp(), key);
      return { desired: 0, actual: 0, action: 'none', batches: [] };
    }
    const now = this.host.now();
    const nodes = Object.values(this.host.lister('nodes')).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const batches: Op[][] = [];
    const did: string[] = [];
    // ---- constructHistory: the current revision, created when missing ----
    const collisionCount = (ds.status as Obj | undefined)?.collisionCount;
    const hash = computeHash((ds.spec as Obj).template, collisionCount);
    const revisions = sortControllerRevisions(listControllerRevisions(this.host.lister('controllerrevisions'), ds));
    const current = revisions.find((r) => r.metadata.labels?.[DEFAULT_DAEMON_SET_UNIQUE_LABEL_KEY] === hash);
    const maxRevision = revisions.reduce((m, r) => Math.max(m, revisionOf(r)), 0);
    if (!current) {
      batches.push([{ req: { verb: 'create', resource: 'controllerrevisions', namespace: ns, body: this.snapshot(ds, hash, maxRevision + 1) }, tag: 'revision', ignore: [409] }]);
      did.push(`create ControllerRevision ${ds.metadata.name}-${hash}`);
    } else if (revisionOf(current) < maxRevision) {
      batches.push([{ req: { verb: 'update', resource: 'controllerrevisions', namespace: ns, name: current.metadata.name, body: { ...current, revision: maxRevision + 1 } as KObject }, tag: 'revision' }]);
    }
    const { byNode, claimOps } = this.nodesToDaemonPods(ds);
    if (claimOps.length) batches.push(claimOps);
    // ---- manage, once the previous sync's creates and deletes have been seen ----
    let acted = false;
    if (satisfiedExpectations(this.exp(), key, now) && !ds.metadata.deletionTimestamp) {
      const needing: string[] = [];
      let toDelete: KObject[] = [];
      for (const node of nodes) {
        const r = this.podsShouldBeOnNode(node, byNode[node.metadata.name] ?? [], ds);
        needing.push(...r.create);
        toDelete.push(...r.remove);
      }
      // getUnscheduledPodsWithoutNode: pinned to a node that no longer exists and never scheduled
      const names = new Set(nodes.map((n) => n.metadata.name));
      for (const [n, pods] of Object.entries(byNode)) if (!names.has(n)) toDelete.push(...pods.filter((p) => !(p.spec as Obj)?.nodeName && !p.metadata.deletionTimestamp));
      // rollingUpdate runs only when manage had nothing to do (expectations satisfied upstream)
      if (!needing.length && !toDelete.length && (ds.spec as Obj).updateStrategy?.type === 'RollingUpdate') {
        toDelete = rollingUpdate(ds, nodes, byNode, hash, now).map((name) => Object.values(byNode).flat().find((p) => p.metadata.name === name)!);
        if (toDelete.length) did.push(`rolling update: delete ${toDelete.length} old pod(s)`);
      }
      acted = this.syncNodes(ds, toDelete, needing, hash, batches, did);
    }
    // ---- cleanupHistory: old revisions no pod uses, beyond revisionHistoryLimit ----
    const live = new Set(Object.values(byNode).flat().map((p) => p.metadata.labels?.[DEFAULT_DAEMON_SET_UNIQUE_LABEL_KEY]));
    const old = revisions.filter((r) => r !== current && !live.has(r.metadata.labels?.[DEFAULT_DAEMON_SET_UNIQUE_LABEL_KEY]));
    const limit = Number((ds.spec as Obj).revisionHistoryLimit ?? 10);
    if (old.length > limit) batches.push(old.slice(0, old.length - limit).map((r) => ({ req: { verb: 'delete', resource: 'controllerrevisions', namespace: ns, name: r.metadata.name }, tag: 'deleteRevision', ignore: [404] })));
    // ---- updateDaemonSetStatus ----
    const status = this.computeStatus(ds, nodes, byNode, hash, now);
    const old0 = (ds.status ?? {}) as Obj;
    const same = ['currentNumberScheduled', 'desiredNumberScheduled', 'numberMisscheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'].every((f) => Number(old0[f] ?? 0) === Number(status[f] ?? 0));
    const statusWrite = !(same && Number(old0.observedGeneration ?? 0) >= Number(ds.metadata.generation ?? 1));
    const statusOp: Op = { req: { verb: 'update', resource: 'daemonsets', subresource: 'status', namespace: ns, name: ds.metadata.name, body: { ...ds, status: old0.collisionCount !== undefined ? { ...status, collisionCount: old0.collisionCount } : status } as KObject }, tag: 'status', target: `daemonsets/${key}` };
    if (statusWrite) batches.push([statusOp]);
    const plan: SyncPlan = { desired: status.desiredNumberScheduled, actual: status.currentNumberScheduled, action: did.length ? did.join('; ') : statusWrite ? 'update status' : acted ? 'act' : 'none', object: refObject(ds), batches };
    // syncDaemonSet writes the status even when manage failed (a refused create): kept for onBatchesDone
    if (statusWrite) plan.data = { status: statusOp };
    const minReady = Number((ds.spec as Obj).minReadySeconds ?? 0);
    if (minReady > 0 && status.numberReady !== Number(status.numberAvailable ?? 0)) plan.requeueAfterMs = minReady * 1000;
    return plan;
  }

  /** snapshot: a ControllerRevision named <ds>-<hash> holding the template patch. */
  private snapshot(ds: KObject, hash: string, revision: number): KObject {
    const meta: Obj = { name: `${ds.metadata.name}-${hash}`, namespace: ds.metadata.namespace, labels: { ...((ds.spec as Obj).template?.metadata?.labels ?? {}), [DEFAULT_DAEMON_SET_UNIQUE_LABEL_KEY]: hash }, ownerReferences: [newControllerRef(ds)] };
    if (ds.metadata.annotations) meta.annotations = { ...ds.metadata.annotations };
    return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: meta, data: templatePatch(ds), revision } as unknown as KObject;
  }

  /** podsShouldBeOnNode (surge off): create where it should run and does not; prune failed and extra pods. */
  private podsShouldBeOnNode(node: KObject, daemonPods: KObject[], ds: KObject): { create: string[]; remove: KObject[] } {
    const [shouldRun, shouldContinueRunning] = nodeShouldRunDaemonPod(node, ds);
    const out = { create: [] as string[], remove: [] as KObject[] };
    if (shouldRun && daemonPods.length === 0) out.create.push(node.metadata.name);
    else if (shouldContinueRunning) {
      const running: KObject[] = [];
      for (const pod of daemonPods) {
        if (pod.metadata.deletionTimestamp) continue;
        const phase = (pod.status as Obj | undefined)?.phase;
        if (phase === 'Failed') {
          this.host.recordEvent({ source: SOURCE, object: refObject(ds), type: 'Warning', reason: FAILED_DAEMON_POD_REASON, message: `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node.metadata.name}, will try to kill it` });
          out.remove.push(pod);
        } else if (phase === 'Succeeded') out.remove.push(pod);
        else running.push(pod);
      }
      // more than one running pod on a node: keep the oldest
      out.remove.push(...running.slice(1));
    } else if (daemonPods.length) out.remove.push(...daemonPods.filter((p) => !p.metadata.deletionTimestamp));
    return out;
  }

  /** syncNodes: expectations, then deletes and slow-start batches of pinned creates. */
  private syncNodes(ds: KObject, podsToDelete: KObject[], nodesNeedingDaemonPods: string[], hash: string, batches: Op[][], did: string[]): boolean {
    const key = metaNamespaceKey(ds);
    const createDiff = Math.min(nodesNeedingDaemonPods.length, BURST_REPLICAS);
    const deleteDiff = Math.min(podsToDelete.length, BURST_REPLICAS);
    if (!createDiff && !deleteDiff) return false;
    this.exp()[key] = { add: createDiff, del: deleteDiff, timestampMs: this.host.now(), deleting: {} };
    const template = createPodTemplate(ds, getTemplateGeneration(ds), hash);
    const ev = { source: SOURCE, object: refObject(ds) };
    let pos = 0;
    for (const size of slowStartBatchSizes(createDiff, SLOW_START_INITIAL_BATCH_SIZE)) {
      batches.push(
        nodesNeedingDaemonPods.slice(pos, pos + size).map((nodeName) => {
          const t = structuredClone(template);
          t.spec.affinity = replaceDaemonSetPodNodeNameNodeAffinity(t.spec.affinity, nodeName);
          const meta: Obj = { generateName: `${ds.metadata.name}-`, labels: t.metadata.labels, ownerReferences: [newControllerRef(ds)] };
          if (t.metadata.annotations) meta.annotations = t.metadata.annotations;
          return {
            req: { verb: 'create', resource: 'pods', namespace: ds.metadata.namespace, body: { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: t.spec } as unknown as KObject },
            tag: 'createPod',
            data: { node: nodeName },
            onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: {name}' },
            onFailure: { ...ev, type: 'Warning', reason: 'FailedCreate', message: 'Error creating: {error}' },
          } as Op;
        }),
      );
      pos += size;
    }
    if (deleteDiff) {
      batches.push(
        podsToDelete.slice(0, deleteDiff).map((pod) => ({
          req: { verb: 'delete', resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name },
          tag: 'deletePod',
          ignore: [404],
          onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}` },
          onFailure: { ...ev, type: 'Warning', reason: 'FailedDelete', message: 'Error deleting: {error}' },
        })),
      );
    }
    if (createDiff) did.push(`create ${createDiff} pod(s) on ${nodesNeedingDaemonPods.slice(0, createDiff).join(', ')}`);
    if (deleteDiff && !did.some((d) => d.startsWith('rolling'))) did.push(`delete ${podsToDelete.slice(0, deleteDiff).map((p) => p.metadata.name).join(', ')}`);
    return true;
  }

  /** updateDaemonSetStatus: counts over the nodes where a daemon pod should run. */
  private computeStatus(ds: KObject, nodes: KObject[], byNode: Record<string, KObject[]>, hash: string, nowMs: number): Obj {
    let desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
    const generation = getTemplateGeneration(ds);
    const minReady = Number((ds.spec as Obj).minReadySeconds ?? 0);
    for (const node of nodes) {
      const [shouldRun] = nodeShouldRunDaemonPod(node, ds);
      const pods = byNode[node.metadata.name] ?? [];
      if (!shouldRun) {
        if (pods.length) misscheduled++;
        continue;
      }
      desired++;
      if (!pods.length) continue;
      current++;
      const pod = pods[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, nowMs)) available++;
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    // storeDaemonSetStatus; zero counts with omitempty are left out as Go prints them
    const s: Obj = { currentNumberScheduled: current, desiredNumberScheduled: desired, numberMisscheduled: misscheduled, numberReady: ready, observedGeneration: Number(ds.metadata.generation ?? 1) };
    if (updated) s.updatedNumberScheduled = updated;
    if (available) s.numberAvailable = available;
    if (desired - available) s.numberUnavailable = desired - available;
    return s;
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): void {
    // a create or delete that failed will never be observed
    if (resp.code < 300 || op.ignore?.includes(resp.code)) return;
    const x = this.exp()[sync.key];
    if (!x) return;
    if (op.tag === 'createPod') x.add--;
    if (op.tag === 'deletePod') x.del--;
  }

  /** Creates never sent (a failed slow-start batch stops the rest) are not expected any more. */
  onBatchesDone(sync: ActiveSync): Op[] | undefined {
    if (!sync.failed) return undefined;
    const x = this.exp()[sync.key];
    if (x) this.exp()[sync.key] = { ...x, add: 0, del: 0 };
    // the status update still goes out (syncDaemonSet: updateDaemonSetStatus after an error), unless it was what failed
    const status = sync.data.status as Op | undefined;
    return status && !sync.current.includes(status) && sync.current[0]?.tag !== 'status' ? [status] : undefined;
  }
}

/** podByCreationTimestampAndPhase: running before not, then older first, then name. */
function byCreationTimestampAndPhase(a: KObject, b: KObject): number {
  const ra = (a.status as Obj | undefined)?.phase === 'Running' ? 0 : 1;
  const rb = (b.status as Obj | undefined)?.phase === 'Running' ? 0 : 1;
  if (ra !== rb) return ra - rb;
  const ta = timeMs(a.metadata.creationTimestamp) ?? 0;
  const tb = timeMs(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}
