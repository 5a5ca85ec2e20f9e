// Twin of pkg/controller/tainteviction/taint_eviction.go (SeparateTaintEvictionController, on by
// default since 1.29): pods on a node with NoExecute taints they do not tolerate are deleted, at
// once or after the smallest tolerationSeconds of the tolerations used. The TimedWorkerQueue
// (timed_workers.go) is `work` in state; a fired entry is kept (nil worker upstream) so that a
// later cancel still emits its Event. Keys: `node/<name>`, `pod/<ns>/<name>`, `evict/<ns>/<name>`.
import { podsOnNode } from '../pod-index';
import type { KObject } from '../../api/types';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import { rfc3339 } from '../../api/time';
import type { ActiveSync, Controller, ControllerHost, Op, SyncPlan } from '../controller';
import { splitKey } from '../controller';
import { type Taint, nodeTaints } from '../nodelifecycle/taints';
import { type Toleration, getMatchingTolerations, getMinTolerationTimeMs } from './tolerations';

export const NAME = 'taint-eviction-controller';
export const SOURCE = 'taint-eviction-controller';

export interface TimedWork {
  createdAtMs: number;
  fireAtMs: number;
  /** the pod was deleted: kept so that duplicates are not added (q.workers[key] = nil) */
  fired?: boolean;
}

export interface TaintEvictionState {
  /** taintedNodes: node → its NoExecute taints */
  taintedNodes: Record<string, Taint[]>;
  /** taintEvictionQueue: `ns/name` → scheduled deletion */
  work: Record<string, TimedWork>;
}

const NONE: SyncPlan = { desired: '', actual: '', action: 'none', batches: [] };
const noExecute = (taints: Taint[]) => taints.filter((t) => t.effect === 'NoExecute');
const tolerationsOf = (pod: KObject | undefined): Toleration[] => ((pod?.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []);
const nodeOf = (pod: KObject | undefined): string => String((pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? '');

export class TaintEvictionController implements Controller {
  readonly name = NAME;
  /** UpdateWorkerSize */
  readonly workers = 8;

  constructor(private readonly host: ControllerHost) {}

  private st(): TaintEvictionState {
    return (this.host.state().taintEviction ??= { taintedNodes: {}, work: {} });
  }

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'nodes') {
      // NodeUpdated: only a change of NoExecute taints matters
      if (type === 'MODIFIED' && old && JSON.stringify(noExecute(nodeTaints(old))) === JSON.stringify(noExecute(nodeTaints(obj)))) return;
      this.host.enqueue(this.name, `node/${obj.metadata.name}`);
      return;
    }
    if (informer !== 'pods') return;
    // PodUpdated: tolerations or the node changed, or the pod came or went
    if (type === 'MODIFIED' && old && JSON.stringify(tolerationsOf(old)) === JSON.stringify(tolerationsOf(obj)) && nodeOf(old) === nodeOf(obj)) return;
    this.host.enqueue(this.name, `pod/${obj.metadata.namespace}/${obj.metadata.name}`);
  }

  syncHandler(key: string): SyncPlan {
    if (key.startsWith('node/')) return this.handleNodeUpdate(key.slice(5));
    if (key.startsWith('pod/')) return this.handlePodUpdate(key.slice(4));
    if (key.startsWith('evict/')) return this.deletePodHandler(key.slice(6));
    return NONE;
  }

  private handleNodeUpdate(name: string): SyncPlan {
    const st = this.st();
    const node = this.host.lister('nodes')[name];
    if (!node) {
      delete st.taintedNodes[name];
      return NONE;
    }
    const taints = noExecute(nodeTaints(node));
    if (taints.length) st.taintedNodes[name] = taints;
    else delete st.taintedNodes[name];
    const pods = podsOnNode(this.host, name);
    const before = Object.keys(st.work).length;
    const now = this.host.now();
    for (const [key, pod] of pods) {
      if (!taints.length) this.cancelWorkWithEvent(key);
      else this.processPodOnNode(key, tolerationsOf(pod), taints, now);
    }
    const desired = taints.map((t) => `${t.key}:${t.effect}`).join(',') || 'no NoExecute taints';
    return { desired, actual: `${pods.length} pod(s) on ${name}`, action: `${Object.keys(st.work).length - before >= 0 ? 'schedule' : 'cancel'} evictions`, object: { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata.uid } }, batches: [] };
  }

  private handlePodUpdate(key: string): SyncPlan {
    const pod = this.host.lister('pods')[key];
    if (!pod) {
      this.cancelWorkWithEvent(key);
      return NONE;
    }
    const taints = this.st().taintedNodes[nodeOf(pod)];
    if (!nodeOf(pod) || !taints) return NONE;
    this.processPodOnNode(key, tolerationsOf(pod), taints, this.host.now());
    return NONE;
  }

  /** processPodOnNode: delete now, after the smallest tolerationSeconds, or never. */
  private processPodOnNode(key: string, tolerations: Toleration[], taints: Taint[], now: number): void {
    if (!taints.length) this.cancelWorkWithEvent(key);
    const [allTolerated, used] = getMatchingTolerations(taints, tolerations);
    if (!allTolerated) {
      this.cancelWorkWithEvent(key);
      return this.addWork(key, now, now);
    }
    const min = getMinTolerationTimeMs(used);
    if (min < 0) return this.cancelWorkWithEvent(key);
    let start = now;
    const scheduled = this.st().work[key];
    if (scheduled) {
      start = scheduled.createdAtMs;
      if (start + min < now + min) return;
      this.cancelWorkWithEvent(key);
    }
    this.addWork(key, start, start + min);
  }

  /** TimedWorkerQueue.AddWork: a timer that fires deletePodHandler; existing work is kept. */
  private addWork(key: string, createdAtMs: number, fireAtMs: number): void {
    const st = this.st();
    if (st.work[key]) return;
    st.work[key] = { createdAtMs, fireAtMs };
    this.host.enqueueAfter(this.name, `evict/${key}`, Math.max(0, fireAtMs - this.host.now()));
  }

  private cancelWorkWithEvent(key: string): void {
    const st = this.st();
    if (!st.work[key]) return;
    delete st.work[key];
    const [namespace, name] = splitKey(key);
    this.host.recordEvent({ source: SOURCE, object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } }, type: 'Normal', reason: 'TaintManagerEviction', message: `Cancelling deletion of Pod ${key}` });
  }

  /** deletePodHandler: the Event, then addConditionAndDeletePod (DisruptionTarget, then DELETE). */
  private deletePodHandler(key: string): SyncPlan {
    const w = this.st().work[key];
    const now = this.host.now();
    if (!w || w.fired || w.fireAtMs > now) return NONE; // cancelled or rescheduled meanwhile
    const [namespace, name] = splitKey(key);
    const ref: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } };
    this.host.recordEvent({ source: SOURCE, object: ref, type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${key}` });
    const pod = this.host.lister('pods')[key];
    const del: Op = { req: { verb: 'delete', resource: 'pods', namespace, name }, tag: 'delete', ignore: [404] };
    const batches: Op[][] = [];
    const status = withDisruptionTarget(pod, now);
    if (status) batches.push([{ req: { verb: 'update', resource: 'pods', subresource: 'status', namespace, name, body: status }, target: `pods/${namespace}/${name}`, tag: 'condition', ignore: [404] }]);
    batches.push([del]);
    return { desired: 'not on a NoExecute-tainted node', actual: `on ${nodeOf(pod) || 'a tainted node'}`, action: 'evict pod', object: pod ? { ...ref, metadata: { ...ref.metadata, uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion } } : ref, batches };
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): void {
    if (op.tag !== 'delete' || (resp.code >= 300 && resp.code !== 404)) return;
    const w = this.st().work[sync.key.slice(6)];
    if (w) w.fired = true;
  }
}

/** apipod.UpdatePodCondition with DisruptionTarget=True (DeletionByTaintManager); undefined when already set. */
function withDisruptionTarget(pod: KObject | undefined, now: number): KObject | undefined {
  if (!pod) return undefined;
  const copy = structuredClone(pod);
  const status = (copy.status ??= {}) as { conditions?: Array<Record<string, unknown>> };
  const conds = (status.conditions ??= []);
  const want = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
  const i = conds.findIndex((c) => c.type === 'DisruptionTarget');
  if (i >= 0 && conds[i].status === want.status && conds[i].reason === want.reason && conds[i].message === want.message) return undefined;
  const cond = { ...want, lastProbeTime: null, lastTransitionTime: i >= 0 && conds[i].status === 'True' ? conds[i].lastTransitionTime : rfc3339(now) };
  if (i >= 0) conds[i] = cond;
  else conds.push(cond);
  return copy;
}
