// Twin of pkg/controller/statefulset/stateful_set_control.go (v1.33) with the writes of
// stateful_pod_control.go: UpdateStatefulSet → getStatefulSetRevisions → updateStatefulSet
// (processReplica for [start, start+replicas), processCondemned for the rest, then the rolling
// update from the highest ordinal down to the partition) → updateStatefulSetStatus →
// truncateHistory. OrderedReady ("monotonic") stops at the first step that must wait; Parallel
// runs every replica in slow-start batches. The writes come back as ordered batches of ops.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import type { Op } from '../controller';
import { refObject } from '../controller';
import { slowStartBatchSizes, SLOW_START_INITIAL_BATCH_SIZE } from '../controller-utils';
import { equalRevision, findEqualRevisions, listControllerRevisions, revisionOf, sortControllerRevisions } from '../history/controller-history';
import {
  type StatefulSetStatus, applyRevision, completeRollingUpdate, computeStatus, getOrdinal, getPersistentVolumeClaims, getPodRevision, getStartOrdinal,
  identityMatches, inconsistentStatus, isCreated, isFailed, isHealthy, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating,
  newRevision, newVersionedStatefulSetPod, nextRevision, podInOrdinalRange, POD_INDEX_LABEL, STATEFUL_SET_POD_NAME_LABEL,
} from './stateful-set-utils';

type Obj = Record<string, any>;

export const SOURCE = 'statefulset-controller';

export interface Listers {
  pods: KObject[];
  claims: Record<string, KObject>;
  revisions: Record<string, KObject>;
  nowMs: number;
  /** record an Event now (RecreatingFailedPod is recorded before its delete is sent) */
  record(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface ControlResult {
  batches: Op[][];
  /** what this sync does, for the trace */
  action: string;
  status: StatefulSetStatus;
  statusWrite: boolean;
}

/** One processReplica/processCondemned step: its writes and whether the loop stops there. */
interface Step {
  batches: Op[][];
  exit: boolean;
  did?: string;
}

const spec = (set: KObject): Obj => (set.spec ?? {}) as Obj;

export function updateStatefulSet(set: KObject, l: Listers): ControlResult {
  const ev = { source: SOURCE, object: refObject(set) };
  const batches: Op[][] = [];
  const did: string[] = [];
  // ---- getStatefulSetRevisions ----
  const revisions = sortControllerRevisions(listControllerRevisions(l.revisions, set));
  const collisionCount = Number((set.status as Obj | undefined)?.collisionCount ?? 0);
  let updateRevision = newRevision(set, nextRevision(revisions), collisionCount);
  const equal = findEqualRevisions(revisions, updateRevision);
  if (equal.length && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    updateRevision = revisions[revisions.length - 1];
  } else if (equal.length) {
    // a rollback: the equivalent old revision becomes the newest (UpdateControllerRevision)
    updateRevision = { ...equal[equal.length - 1], revision: revisionOf(updateRevision) } as KObject;
    batches.push([{ req: { verb: 'update', resource: 'controllerrevisions', namespace: set.metadata.namespace, name: updateRevision.metadata.name, body: updateRevision }, tag: 'revision' }]);
  } else {
    // CreateControllerRevision: an AlreadyExists with the same data is this revision
    batches.push([{ req: { verb: 'create', resource: 'controllerrevisions', namespace: set.metadata.namespace, body: updateRevision }, tag: 'revision', ignore: [409] }]);
    did.push(`create ControllerRevision ${updateRevision.metadata.name}`);
  }
  const currentName = (set.status as Obj | undefined)?.currentRevision;
  const currentRevision = revisions.find((r) => r.metadata.name === currentName) ?? updateRevision;
  const currentSet = applyRevision(set, currentRevision);
  const updateSet = applyRevision(set, updateRevision);
  const cur = currentRevision.metadata.name;
  const upd = updateRevision.metadata.name;

  // ---- updateStatefulSet: replicas in [start, start+replicas), condemned beyond ----
  const start = getStartOrdinal(set);
  const replicaCount = Number(spec(set).replicas ?? 1);
  const replicas: KObject[] = new Array(replicaCount);
  const condemned: KObject[] = [];
  for (const p of l.pods) {
    if (podInOrdinalRange(p, set)) replicas[getOrdinal(p) - start] = p;
    else if (getOrdinal(p) >= 0) condemned.push(p);
  }
  for (let i = 0; i < replicaCount; i++) replicas[i] ??= newVersionedStatefulSetPod(currentSet, updateSet, cur, upd, i + start);
  condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a)); // descendingOrdinal
  const firstUnhealthy = [...replicas, ...condemned].filter((p) => !isHealthy(p)).sort((a, b) => getOrdinal(a) - getOrdinal(b))[0];
  const minReady = Number(spec(set).minReadySeconds ?? 0);
  const monotonic = spec(set).podManagementPolicy !== 'Parallel';

  const createPod = (pod: KObject): Step => {
    const claimOps: Op[] = [];
    for (const { claim } of getPersistentVolumeClaims(set, getOrdinal(pod))) {
      const have = l.claims[metaNamespaceKey(claim)];
      if (have?.metadata.deletionTimestamp) return { batches: [], exit: true, did: `wait: pvc ${claim.metadata.name} is being deleted` };
      if (!have) claimOps.push(createClaimOp(set, pod, claim, ev));
    }
    const podOp: Op = {
      req: { verb: 'create', resource: 'pods', namespace: set.metadata.namespace, body: pod },
      tag: 'createPod',
      data: { pod: pod.metadata.name },
      onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulCreate', message: `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful` },
    };
    return { batches: claimOps.length ? [claimOps, [podOp]] : [[podOp]], exit: monotonic, did: `create Pod ${pod.metadata.name}` };
  };

  const processReplica = (i: number): Step => {
    const out: Step = { batches: [], exit: false };
    let pod = replicas[i];
    if (isFailed(pod) || isSucceeded(pod)) {
      if (isFailed(pod)) l.record('Warning', 'RecreatingFailedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${pod.metadata.name}`);
      else l.record('Normal', 'RecreatingTerminatedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating terminated Pod ${pod.metadata.name}`);
      out.batches.push([deletePodOp(set, pod, ev)]);
      pod = replicas[i] = newVersionedStatefulSetPod(currentSet, updateSet, cur, upd, i + start);
    }
    if (!isCreated(pod)) {
      const c = createPod(pod);
      return { batches: [...out.batches, ...c.batches], exit: c.exit, did: c.did };
    }
    if (isPending(pod)) {
      // createMissingPersistentVolumeClaims: a claim deleted under a pending pod is made again
      const missing = getPersistentVolumeClaims(set, getOrdinal(pod)).filter(({ claim }) => !l.claims[metaNamespaceKey(claim)]);
      if (missing.length) out.batches.push(missing.map(({ claim }) => createClaimOp(set, pod, claim, ev)));
    }
    if (isTerminating(pod) && monotonic) return { ...out, exit: true, did: `wait for Pod ${pod.metadata.name} to terminate` };
    if (!isRunningAndAvailable(pod, minReady, l.nowMs) && monotonic) return { ...out, exit: true, did: `wait for Pod ${pod.metadata.name} to be Running and Ready` };
    if (!identityMatches(set, pod)) {
      const labels = { [STATEFUL_SET_POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(getOrdinal(pod)) };
      out.batches.push([{ req: { verb: 'patch', resource: 'pods', namespace: set.metadata.namespace, name: pod.metadata.name, body: { metadata: { labels } } as unknown as KObject }, tag: 'updatePod', onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulUpdate', message: `update Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful` } }]);
    }
    return out;
  };

  const processCondemned = (i: number): Step => {
    const pod = condemned[i];
    if (isTerminating(pod)) return { batches: [], exit: monotonic, did: monotonic ? `wait for Pod ${pod.metadata.name} to terminate` : undefined };
    if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) return { batches: [], exit: true, did: `wait for Pod ${pod.metadata.name} to be Running and Ready` };
    if (!isRunningAndAvailable(pod, minReady, l.nowMs) && monotonic && pod !== firstUnhealthy) return { batches: [], exit: true, did: `wait for Pod ${pod.metadata.name} to be available` };
    return { batches: [[deletePodOp(set, pod, ev)]], exit: true, did: `delete Pod ${pod.metadata.name}` };
  };

  /** runForAll: in order until the first exit (monotonic), or all in slow-start batches (Parallel). */
  const runForAll = (n: number, fn: (i: number) => Step): boolean => {
    if (monotonic) {
      for (let i = 0; i < n; i++) {
        const s = fn(i);
        batches.push(...s.batches);
        if (s.did) did.push(s.did);
        if (s.exit) return true;
      }
      return false;
    }
    let i = 0;
    for (const size of slowStartBatchSizes(n, SLOW_START_INITIAL_BATCH_SIZE)) {
      const steps = Array.from({ length: size }, () => fn(i++));
      // the steps of one batch run concurrently: their k-th writes go together
      const depth = Math.max(0, ...steps.map((s) => s.batches.length));
      for (let k = 0; k < depth; k++) {
        const b = steps.flatMap((s) => s.batches[k] ?? []);
        if (b.length) batches.push(b);
      }
      for (const s of steps) if (s.did && !s.did.startsWith('wait')) did.push(s.did);
    }
    return false;
  };

  let exited = false;
  if (!set.metadata.deletionTimestamp) {
    exited = runForAll(replicaCount, processReplica) || runForAll(condemned.length, processCondemned);
    // the rolling update: newest ordinal first, down to the partition, one pod at a time
    if (!exited && spec(set).updateStrategy?.type !== 'OnDelete') {
      const updateMin = Number(spec(set).updateStrategy?.rollingUpdate?.partition ?? 0);
      for (let target = replicas.length - 1; target >= updateMin; target--) {
        const pod = replicas[target];
        if (getPodRevision(pod) !== upd && !isTerminating(pod)) {
          batches.push([deletePodOp(set, pod, ev)]);
          did.push(`delete Pod ${pod.metadata.name} for update`);
          break;
        }
        if (!isHealthy(pod)) {
          did.push(`wait for Pod ${pod.metadata.name} to be Running and Ready`);
          break;
        }
      }
    }
  }

  // ---- status (updateStatus, completeRollingUpdate, inconsistentStatus) ----
  const counts = computeStatus([...replicas, ...condemned], minReady, l.nowMs, cur, upd);
  const status: StatefulSetStatus = { observedGeneration: Number(set.metadata.generation ?? 1), ...counts, currentRevision: cur, updateRevision: upd, collisionCount };
  completeRollingUpdate(set, status);
  const statusWrite = inconsistentStatus(set, status);
  if (statusWrite) batches.push([statusOp(set, status)]);

  // ---- truncateHistory: non-live revisions beyond revisionHistoryLimit go, oldest first ----
  const live = new Set([cur, upd, ...l.pods.map(getPodRevision)]);
  const history = revisions.filter((r) => !live.has(r.metadata.name));
  const limit = Number(spec(set).revisionHistoryLimit ?? 10);
  if (history.length > limit) batches.push(history.slice(0, history.length - limit).map((r) => ({ req: { verb: 'delete', resource: 'controllerrevisions', namespace: r.metadata.namespace, name: r.metadata.name }, tag: 'deleteRevision', ignore: [404] })));

  const action = did.length ? did.join('; ') : statusWrite ? 'update status' : 'none';
  return { batches, action, status, statusWrite };
}

function createClaimOp(set: KObject, pod: KObject, claim: KObject, ev: { source: string; object: KObject }): Op {
  return {
    req: { verb: 'create', resource: 'persistentvolumeclaims', namespace: set.metadata.namespace, body: claim },
    tag: 'createClaim',
    data: { claim: claim.metadata.name, pod: pod.metadata.name },
    // stateful_pod_control.go recordClaimEvent
    onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulCreate', message: `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success` },
  };
}

function deletePodOp(set: KObject, pod: KObject, ev: { source: string; object: KObject }): Op {
  return {
    req: { verb: 'delete', resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name },
    tag: 'deletePod',
    data: { pod: pod.metadata.name },
    ignore: [404],
    onSuccess: { ...ev, type: 'Normal', reason: 'SuccessfulDelete', message: `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful` },
  };
}

/** The status as Go prints it: zero readyReplicas/currentReplicas/updatedReplicas are omitted. */
export function statusOp(set: KObject, s: StatefulSetStatus): Op {
  const status: Obj = { availableReplicas: s.availableReplicas, collisionCount: s.collisionCount, currentRevision: s.currentRevision, observedGeneration: s.observedGeneration, replicas: s.replicas, updateRevision: s.updateRevision };
  if (s.readyReplicas) status.readyReplicas = s.readyReplicas;
  if (s.currentReplicas) status.currentReplicas = s.currentReplicas;
  if (s.updatedReplicas) status.updatedReplicas = s.updatedReplicas;
  const body = { ...set, status } as KObject;
  return { req: { verb: 'update', resource: 'statefulsets', subresource: 'status', namespace: set.metadata.namespace, name: set.metadata.name, body }, tag: 'status', target: `statefulsets/${metaNamespaceKey(set)}` };
}
