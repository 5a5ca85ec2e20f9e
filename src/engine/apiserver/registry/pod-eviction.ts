// POST pods/{name}/eviction: twin of pkg/registry/core/pod/storage/eviction.go (EvictionREST.Create,
// canIgnorePDB, checkAndDecrement, addConditionAndDeletePod). Upstream makes up to three writes (the
// PDB's status, the pod's DisruptionTarget condition, the pod's deletion); here they are one etcd
// txn guarded by both objects' revisions, so a conflicting write retries the whole eviction as
// upstream's RetryOnConflict does. The answer is the pod as the delete left it; the REST layer
// turns a success into the Status Success upstream returns (201).
import type { K8sStatus, KObject } from '../../api/types';
import { type KindInfo, etcdKey, resourceInfo } from '../../api/scheme';
import { rfc3339 } from '../../api/time';
import type { ApiRequest } from '../../api/wire';
import type { Compare, TxnOp } from '../../etcd/mvcc';
import type { Kernel } from '../../kernel/kernel';
import { statusFor } from '../http';
import { planDelete } from '../store-delete';
import { stripForStorage } from './strategy';
import { pdbsForPod, updateDisruptionAllowedCondition } from '../../api/pdb';

type Obj = Record<string, any>;

export interface EvictionWrite {
  status?: K8sStatus;
  key: string;
  expectModRevision: number;
  compares: Compare[];
  ops: TxnOp[];
  result?: KObject;
  noop?: boolean;
}

/** MaxDisruptedPodSize */
const MAX_DISRUPTED_POD_SIZE = 2000;
const EVICT_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

/** createTooManyRequestsError / the 429 of checkAndDecrement: reason DisruptionBudget in the causes. */
function tooManyRequests(cause: string, retryAfterSeconds: number): K8sStatus {
  const details: Obj = { causes: [{ reason: 'DisruptionBudget', message: cause }] };
  if (retryAfterSeconds) details.retryAfterSeconds = retryAfterSeconds;
  return statusFor(429, 'TooManyRequests', EVICT_MESSAGE, details as K8sStatus['details']);
}

function forbidden(pdb: string, why: string): K8sStatus {
  return statusFor(403, 'Forbidden', `poddisruptionbudget.policy "${pdb}" is forbidden: ${why}`, { name: pdb, group: 'policy', kind: 'poddisruptionbudget' });
}

/** canIgnorePDB: terminal, pending or already terminating pods are deleted without asking a budget. */
function canIgnorePDB(pod: Obj): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

const isReady = (pod: Obj) => (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');

/** podutil.UpdatePodCondition with the DisruptionTarget condition addConditionAndDeletePod appends. */
function withDisruptionTarget(pod: Obj, nowMs: number): Obj {
  const next = structuredClone(pod);
  next.status ??= {};
  const conds: Obj[] = (next.status.conditions ??= []);
  const want = { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
  const i = conds.findIndex((c) => c.type === 'DisruptionTarget');
  if (i < 0) conds.push({ type: want.type, status: want.status, lastProbeTime: null, lastTransitionTime: rfc3339(nowMs), reason: want.reason, message: want.message });
  else conds[i] = { ...conds[i], ...want, lastTransitionTime: conds[i].status === 'True' ? conds[i].lastTransitionTime : rfc3339(nowMs) };
  return next;
}

export function evict(req: ApiRequest, info: KindInfo, cache: Record<string, KObject>, k: Kernel): EvictionWrite {
  const name = req.name ?? '';
  const key = etcdKey(info, req.namespace, name);
  const base = { key, expectModRevision: 0, compares: [] as Compare[], ops: [] as TxnOp[] };
  const body = (req.body ?? {}) as Obj;
  if (body.metadata?.name !== undefined && body.metadata.name !== name) return { ...base, status: statusFor(400, 'BadRequest', 'name in URL does not match name in Eviction object') };
  const pod = cache[key] as Obj | undefined;
  if (!pod) return { ...base, status: statusFor(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }) };
  const now = k.now();
  const podRv = Number(pod.metadata.resourceVersion);
  const opts = req.options ?? {};
  // addConditionAndDeletePod: the DisruptionTarget condition, then the delete of that pod
  const deletePod = (): EvictionWrite => {
    const marked = withDisruptionTarget(pod, now);
    const plan = planDelete('Pod', marked, opts, now);
    const w = { ...base, expectModRevision: podRv };
    if (plan.action === 'delete') return { ...w, ops: [{ op: 'delete', key }], result: pod as KObject };
    if (plan.action === 'noop') return { ...w, ops: [], result: pod as KObject, noop: true };
    const next = plan.next;
    delete next.metadata.resourceVersion;
    return { ...w, ops: [{ op: 'put', key, value: JSON.stringify(stripForStorage(next as KObject)) }], result: next as KObject };
  };
  if (canIgnorePDB(pod)) return deletePod();
  // getPodDisruptionBudgets
  const pdbInfo = resourceInfo('poddisruptionbudgets')!;
  const prefix = etcdKey(pdbInfo, pod.metadata.namespace, '');
  const pdbs = pdbsForPod(
    Object.entries(cache).filter(([kk]) => kk.startsWith(prefix)).map(([, o]) => o),
    pod as KObject,
  );
  if (pdbs.length > 1) {
    // returned as the answer, not an error: a Failure Status with code 500 and nothing else
    return { ...base, status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', code: 500 } as K8sStatus };
  }
  if (pdbs.length === 0) return deletePod();
  const pdb = pdbs[0] as Obj;
  const st = (pdb.status ?? {}) as Obj;
  // an unready pod does not count towards currentHealthy: delete it without a decrement
  // (AlwaysAllow, or IfHealthyBudget/default while the budget is met), pinned to the pod's revision
  if (!isReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return deletePod();
    if ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0) return deletePod();
  }
  // checkAndDecrement
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) return { ...base, status: tooManyRequests(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`, 10) };
  if ((st.disruptionsAllowed ?? 0) < 0) return { ...base, status: forbidden(pdb.metadata.name, 'pdb disruptions allowed is negative') };
  if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) return { ...base, status: forbidden(pdb.metadata.name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller') };
  if ((st.disruptionsAllowed ?? 0) === 0) return { ...base, status: tooManyRequests(`The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`, 0) };
  const next = structuredClone(pdb);
  next.status.disruptionsAllowed = (st.disruptionsAllowed ?? 0) - 1;
  if (next.status.disruptionsAllowed === 0) updateDisruptionAllowedCondition(next.status, now);
  next.status.disruptedPods = { ...(next.status.disruptedPods ?? {}), [name]: rfc3339(now) };
  // PodDisruptionBudgetStatus field order, as the apiserver encodes it
  const order = ['observedGeneration', 'disruptedPods', 'disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods', 'conditions'];
  next.status = Object.fromEntries([...order.filter((f) => f in next.status).map((f) => [f, next.status[f]]), ...Object.entries(next.status).filter(([f]) => !order.includes(f))]);
  const pdbKey = etcdKey(pdbInfo, pdb.metadata.namespace, pdb.metadata.name);
  delete next.metadata.resourceVersion;
  const w = deletePod();
  return {
    ...w,
    compares: [{ key: pdbKey, modRevision: Number(pdb.metadata.resourceVersion) }],
    ops: [{ op: 'put', key: pdbKey, value: JSON.stringify(stripForStorage(next as KObject)) }, ...w.ops],
    noop: false,
  };
}
