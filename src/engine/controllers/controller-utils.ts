// Twin of pkg/controller/controller_utils.go: expectations, slow-start batches, the pod
// deletion ranking (ActivePodsWithRanks with PodDeletionCost and LogarithmicScaleDown, both on
// by default in 1.33), ReplicaSet orderings and ComputeHash. All state is plain data.
import type { KObject } from '../api/types';
import { isPodReady, podReadyCondition, timeMs } from './pod-util';

type Obj = Record<string, any>;

// ---- expectations (ControllerExpectations + UIDTrackingControllerExpectations) ----

/** ExpectationsTimeout: unfulfilled expectations are ignored after 5 minutes. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

export interface ControlleeExpectations {
  add: number;
  del: number;
  timestampMs: number;
  /** pod keys we asked to delete (UIDTrackingControllerExpectations) */
  deleting: Record<string, true>;
}

export type Expectations = Record<string, ControlleeExpectations>;

/** SatisfiedExpectations: no record, fulfilled, or expired ⇒ the controller may act. */
export function satisfiedExpectations(e: Expectations, key: string, nowMs: number): boolean {
  const x = e[key];
  if (!x) return true;
  if (x.add <= 0 && x.del <= 0) return true;
  return nowMs - x.timestampMs > EXPECTATIONS_TIMEOUT_MS;
}

export function expectCreations(e: Expectations, key: string, adds: number, nowMs: number): void {
  e[key] = { add: adds, del: 0, timestampMs: nowMs, deleting: {} };
}

export function expectDeletions(e: Expectations, key: string, podKeys: string[], nowMs: number): void {
  const deleting: Record<string, true> = {};
  for (const k of podKeys) deleting[k] = true;
  e[key] = { add: 0, del: podKeys.length, timestampMs: nowMs, deleting };
}

export function creationObserved(e: Expectations, key: string): void {
  if (e[key]) e[key].add--;
}

/** UIDTrackingControllerExpectations.DeletionObserved: only pods we are waiting for count. */
export function deletionObserved(e: Expectations, key: string, podKey: string): void {
  const x = e[key];
  if (!x || !x.deleting[podKey]) return;
  delete x.deleting[podKey];
  x.del--;
}

export function deleteExpectations(e: Expectations, key: string): void {
  delete e[key];
}

// ---- slow start ----

/** SlowStartInitialBatchSize */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** The batch sizes slowStartBatch uses: initial, then doubling, never more than what is left. */
export function slowStartBatchSizes(count: number, initialBatchSize: number): number[] {
  const out: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    out.push(size);
    remaining -= size;
  }
  return out;
}

// ---- ActivePodsWithRanks ----

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** helper.GetDeletionCostFromPodAnnotations: an int32, 0 when absent or invalid. */
export function deletionCost(pod: KObject): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return 0;
  const n = Number(v.trim());
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function readyTimeMs(pod: KObject): number | undefined {
  return isPodReady(pod) ? timeMs(podReadyCondition(pod)?.lastTransitionTime) : undefined;
}

/** afterOrZero: an empty time sorts first, otherwise the later time first. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** logarithmicRankDiff: compare ⌊log2(age in ns)⌋ buckets. */
function logarithmicRankDiff(t1: number, t2: number, nowMs: number): number {
  const r = (t: number) => (nowMs - t > 0 ? Math.floor(Math.log2((nowMs - t) * 1e6)) : -1);
  return r(t1) - r(t2);
}

function maxContainerRestarts(pod: KObject): [number, number] {
  const st = (pod.status ?? {}) as Obj;
  const spec = (pod.spec ?? {}) as Obj;
  const sidecars = new Set((spec.initContainers ?? []).filter((c: Obj) => c.restartPolicy === 'Always').map((c: Obj) => c.name));
  let regular = 0;
  let sidecar = 0;
  for (const c of st.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  for (const c of st.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

function byTime(ti: number | undefined, tj: number | undefined, uidI: string, uidJ: string, nowMs: number): boolean {
  if (nowMs === undefined || ti === undefined || tj === undefined) return afterOrZero(ti, tj);
  const d = logarithmicRankDiff(ti, tj, nowMs);
  return d === 0 ? uidI < uidJ : d < 0;
}

/** ActivePodsWithRanks.Less: true when pod i should be deleted before pod j. */
export function activePodsWithRanksLess(pi: KObject, pj: KObject, ri: number, rj: number, nowMs: number): boolean {
  const si = (pi.spec ?? {}) as Obj;
  const sj = (pj.spec ?? {}) as Obj;
  const ni = si.nodeName ?? '';
  const nj = sj.nodeName ?? '';
  // 1. unassigned < assigned
  if (ni !== nj && (ni === '' || nj === '')) return ni === '';
  // 2. Pending < Unknown < Running
  const oi = PHASE_ORDINAL[(pi.status as Obj | undefined)?.phase] ?? 0;
  const oj = PHASE_ORDINAL[(pj.status as Obj | undefined)?.phase] ?? 0;
  if (oi !== oj) return oi < oj;
  // 3. not ready < ready
  if (isPodReady(pi) !== isPodReady(pj)) return !isPodReady(pi);
  // 4. lower pod-deletion-cost < higher
  if (deletionCost(pi) !== deletionCost(pj)) return deletionCost(pi) < deletionCost(pj);
  // 5. doubled up (more related pods on the same node) first
  if (ri !== rj) return ri > rj;
  const ui = String(pi.metadata.uid ?? '');
  const uj = String(pj.metadata.uid ?? '');
  // 6. both ready: ready for less time first (log buckets, then UID)
  if (isPodReady(pi) && isPodReady(pj)) {
    const ti = readyTimeMs(pi);
    const tj = readyTimeMs(pj);
    if (ti !== tj) return byTime(ti, tj, ui, uj, nowMs);
  }
  // 7. higher max restart count (regular, then sidecar) first
  const [regI, sideI] = maxContainerRestarts(pi);
  const [regJ, sideJ] = maxContainerRestarts(pj);
  if (regI !== regJ) return regI > regJ;
  if (sideI !== sideJ) return sideI > sideJ;
  // 8. empty creation time < newer < older
  const ci = timeMs(pi.metadata.creationTimestamp);
  const cj = timeMs(pj.metadata.creationTimestamp);
  if (ci !== cj) return byTime(ci, cj, ui, uj, nowMs);
  return false;
}

/** sort.Sort(ActivePodsWithRanks) — JS sort is stable where Go's is not; ties keep input order. */
export function sortActivePodsWithRanks(pods: KObject[], ranks: number[], nowMs: number): KObject[] {
  const idx = pods.map((_, i) => i);
  idx.sort((a, b) => (activePodsWithRanksLess(pods[a], pods[b], ranks[a], ranks[b], nowMs) ? -1 : activePodsWithRanksLess(pods[b], pods[a], ranks[b], ranks[a], nowMs) ? 1 : 0));
  return idx.map((i) => pods[i]);
}

// ---- ReplicaSet orderings ----

const replicas = (rs: KObject): number => Number((rs.spec as Obj | undefined)?.replicas ?? 0);

/** ReplicaSetsByCreationTimestamp: older first, name breaks ties. */
export function byCreationTimestamp(a: KObject, b: KObject): number {
  const ta = timeMs(a.metadata.creationTimestamp) ?? 0;
  const tb = timeMs(b.metadata.creationTimestamp) ?? 0;
  if (ta === tb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return ta - tb;
}

/** ReplicaSetsBySizeOlder: larger first, older first on ties (scaling down). */
export function bySizeOlder(a: KObject, b: KObject): number {
  return replicas(a) === replicas(b) ? byCreationTimestamp(a, b) : replicas(b) - replicas(a);
}

/** ReplicaSetsBySizeNewer: larger first, newer first on ties (scaling up). */
export function bySizeNewer(a: KObject, b: KObject): number {
  return replicas(a) === replicas(b) ? byCreationTimestamp(b, a) : replicas(b) - replicas(a);
}

/** FilterActiveReplicaSets: spec.replicas > 0 */
export function filterActiveReplicaSets(rss: Array<KObject | undefined>): KObject[] {
  return rss.filter((rs): rs is KObject => !!rs && replicas(rs) > 0);
}
