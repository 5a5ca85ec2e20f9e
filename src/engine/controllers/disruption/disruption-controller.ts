// Twin of pkg/controller/disruption/disruption.go (trySync, getExpectedPodCount, getExpectedScale,
// countHealthyPods, buildDisruptedPodMap, updatePdbStatus) with the condition helpers of
// staging/src/k8s.io/component-helpers/apps/poddisruptionbudget/helpers.go. A PDB is synced when
// it is added or changed and when a pod it selects comes, changes or goes; the sync recomputes
// status from the pod lister and writes it through the status subresource when it changed.
// Simplified: the scale finders cover ReplicaSets (through their Deployment), Deployments and
// StatefulSets (no ReplicationControllers, no scale subresource of custom resources); the
// stale DisruptionTarget cleanup queue is not modelled.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import type { WatchEventType } from '../../api/wire';
import { rfc3339 } from '../../api/time';
import { labelSelectorAsSelector, matchesSelector } from '../../api/selectors';
import { pdbsForPod, updateDisruptionAllowedCondition } from '../../api/pdb';
import type { Controller, ControllerHost, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';
import { getControllerOf, isPodReady, timeMs } from '../pod-util';

type Obj = Record<string, any>;

export const NAME = 'disruption';
export const SOURCE = 'controllermanager';
/** DeletionTimeout: an approved eviction not followed by a deletion within 2 minutes stops counting */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

/** owner kinds whose resource has no scale subresource (getScaleController's implementsScale) */
const NO_SCALE: Record<string, string> = { DaemonSet: 'daemonsets.apps', Job: 'jobs.batch', Node: 'nodes' };

/** intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true) */
export function scaledValue(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const pct = Number(String(v).replace(/%$/, ''));
  return Math.ceil((pct * total) / 100);
}

/** pdbhelper.ConditionsAreUpToDate */
function conditionsAreUpToDate(pdb: KObject): boolean {
  const st = (pdb.status ?? {}) as Obj;
  const cond = (st.conditions ?? []).find((c: Obj) => c.type === 'DisruptionAllowed');
  if (!cond) return false;
  if ((st.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  if ((st.disruptionsAllowed ?? 0) > 0) return cond.status === 'True' && cond.reason === 'SufficientPods';
  return cond.status === 'False' && cond.reason === 'InsufficientPods';
}

export class DisruptionController implements Controller {
  readonly name = NAME;
  readonly workers = 1;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'poddisruptionbudgets') {
      // addDb / updateDb (the controller's own status writes come back too: a no-op sync)
      if (type !== 'DELETED') this.host.enqueue(this.name, metaNamespaceKey(obj));
      return;
    }
    if (informer !== 'pods') return;
    // addPod / updatePod / deletePod: getPdbForPod (the first one; more is a Warning upstream);
    // a pod whose labels changed also resyncs the PDB it left
    const pdbs = Object.values(this.host.lister('poddisruptionbudgets'));
    if (!pdbs.length) return;
    const now = pdbsForPod(pdbs, obj)[0];
    if (now) this.host.enqueue(this.name, metaNamespaceKey(now));
    const before = old && type === 'MODIFIED' ? pdbsForPod(pdbs, old)[0] : undefined;
    if (before && before !== now) this.host.enqueue(this.name, metaNamespaceKey(before));
  }

  /** getExpectedScale: the sum of the scales of the pods' controllers. */
  private expectedScale(pods: KObject[]): { expected: number; unmanaged: string[]; error?: string } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    const rss = this.host.lister('replicasets');
    const deps = this.host.lister('deployments');
    const sss = this.host.lister('statefulsets');
    for (const pod of pods) {
      const ref = getControllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const ns = pod.metadata.namespace;
      let found: [string, number] | undefined;
      if (ref.kind === 'ReplicaSet') {
        const rs = rss[`${ns}/${ref.name}`];
        if (rs && rs.metadata.uid === ref.uid) {
          // getPodDeployment first: a ReplicaSet a Deployment controls scales with the Deployment
          const dref = getControllerOf(rs);
          const d = dref?.kind === 'Deployment' ? deps[`${ns}/${dref.name}`] : undefined;
          if (d && d.metadata.uid === dref!.uid) found = [String(d.metadata.uid), Number((d.spec as Obj)?.replicas ?? 1)];
          else if (!dref || dref.kind !== 'Deployment') found = [String(rs.metadata.uid), Number((rs.spec as Obj)?.replicas ?? 1)];
        }
      } else if (ref.kind === 'StatefulSet') {
        const ss = sss[`${ns}/${ref.name}`];
        if (ss && ss.metadata.uid === ref.uid) found = [String(ss.metadata.uid), Number((ss.spec as Obj)?.replicas ?? 1)];
      }
      // getScaleController: an owner kind without a scale subresource is an error of its own
      const noScale = NO_SCALE[ref.kind];
      if (!found && noScale) return { expected: 0, unmanaged, error: `${noScale} does not implement the scale subresource` };
      if (!found) return { expected: 0, unmanaged, error: `found no controllers for pod "${pod.metadata.name}"` };
      scales.set(found[0], found[1]);
    }
    let expected = 0;
    for (const v of scales.values()) expected += v;
    return { expected, unmanaged };
  }

  syncHandler(key: string): SyncPlan {
    const pdb = this.host.lister('poddisruptionbudgets')[key];
    if (!pdb) return { desired: '', actual: '', action: 'none', batches: [] };
    const [ns, name] = splitKey(key);
    const now = this.host.now();
    const spec = (pdb.spec ?? {}) as Obj;
    const st = (pdb.status ?? {}) as Obj;
    const ref = refObject(pdb);
    // getPodsForPdb
    let sel: ReturnType<typeof labelSelectorAsSelector> = null;
    try {
      sel = labelSelectorAsSelector(spec.selector);
    } catch {
      sel = null;
    }
    const pods = Object.values(this.host.lister('pods')).filter((p) => p.metadata.namespace === ns && matchesSelector(sel, p.metadata.labels as Record<string, string> | undefined));
    if (!pods.length) this.host.recordEvent({ source: SOURCE, object: ref, type: 'Normal', reason: 'NoPods', message: 'No matching pods found' });
    // getExpectedPodCount
    let expected = 0;
    let desiredHealthy = 0;
    let unmanaged: string[] = [];
    let error: string | undefined;
    if (spec.maxUnavailable != null) {
      const s = this.expectedScale(pods);
      ({ expected, unmanaged, error } = s);
      if (!error) desiredHealthy = Math.max(0, expected - scaledValue(spec.maxUnavailable, expected));
    } else if (spec.minAvailable != null) {
      if (typeof spec.minAvailable === 'number') {
        desiredHealthy = spec.minAvailable;
        expected = pods.length;
      } else {
        const s = this.expectedScale(pods);
        ({ expected, unmanaged, error } = s);
        if (!error) desiredHealthy = scaledValue(spec.minAvailable, expected);
      }
    }
    const show = (s: Obj) => `${s.currentHealthy ?? 0}/${s.desiredHealthy ?? 0} healthy, ${s.disruptionsAllowed ?? 0} allowed`;
    if (error) {
      this.host.recordEvent({ source: SOURCE, object: ref, type: 'Warning', reason: 'CalculateExpectedPodCountFailed', message: `Failed to calculate the number of expected pods: ${error}` });
      // failSafe: disruptionsAllowed 0 with a SyncFailed condition
      const status = structuredClone(st);
      status.disruptionsAllowed = 0;
      const conds: Obj[] = (status.conditions ??= []);
      const i = conds.findIndex((c) => c.type === 'DisruptionAllowed');
      const cond = { type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: error, observedGeneration: status.observedGeneration ?? 0 };
      if (i < 0) conds.push({ ...cond, lastTransitionTime: rfc3339(now) });
      else conds[i] = { ...conds[i], ...cond, lastTransitionTime: conds[i].status === 'False' ? conds[i].lastTransitionTime : rfc3339(now) };
      return this.write(pdb, ns, name, status, show(st));
    }
    if (unmanaged.length) {
      this.host.recordEvent({
        source: SOURCE,
        object: ref,
        type: 'Warning',
        reason: 'UnmanagedPods',
        message: `Pods selected by this PodDisruptionBudget (selector: ${goSelector(spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      });
    }
    // buildDisruptedPodMap
    const disrupted: Record<string, string> = {};
    let recheck: number | undefined;
    const seen = (st.disruptedPods ?? {}) as Record<string, string>;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const t = seen[pod.metadata.name];
      if (t === undefined) continue;
      const expectedDeletion = (timeMs(t) ?? 0) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        // upstream prints the namespace twice ("%s/%s", pdb.Namespace, pdb.Namespace)
        this.host.recordEvent({ source: SOURCE, object: refObject(pod), type: 'Warning', reason: 'NotDeleted', message: `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't` });
      } else {
        if (recheck === undefined || expectedDeletion < recheck) recheck = expectedDeletion;
        disrupted[pod.metadata.name] = t;
      }
    }
    // countHealthyPods
    let currentHealthy = 0;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const t = disrupted[pod.metadata.name];
      if (t !== undefined && (timeMs(t) ?? 0) + DELETION_TIMEOUT_MS > now) continue;
      if (isPodReady(pod)) currentHealthy++;
    }
    // updatePdbStatus: expectedCount 0 is a safe state (no disruption)
    let allowed = currentHealthy - desiredHealthy;
    if (expected <= 0 || allowed <= 0) allowed = 0;
    const gen = pdb.metadata.generation ?? 0;
    const same =
      (st.currentHealthy ?? 0) === currentHealthy &&
      (st.desiredHealthy ?? 0) === desiredHealthy &&
      (st.expectedPods ?? 0) === expected &&
      (st.disruptionsAllowed ?? 0) === allowed &&
      JSON.stringify(st.disruptedPods ?? {}) === JSON.stringify(disrupted) &&
      (st.observedGeneration ?? 0) === gen &&
      conditionsAreUpToDate(pdb);
    const requeueAfterMs = recheck !== undefined ? Math.max(1, recheck - now) : undefined;
    const desired = `${currentHealthy}/${desiredHealthy} healthy, ${allowed} allowed`;
    if (same) return { desired, actual: show(st), action: 'none', object: ref, batches: [], requeueAfterMs };
    const status: Obj = { observedGeneration: gen };
    if (Object.keys(disrupted).length) status.disruptedPods = disrupted;
    Object.assign(status, { disruptionsAllowed: allowed, currentHealthy, desiredHealthy, expectedPods: expected });
    if (st.conditions) status.conditions = structuredClone(st.conditions);
    updateDisruptionAllowedCondition(status, now);
    return { ...this.write(pdb, ns, name, status, show(st)), desired, requeueAfterMs };
  }

  private write(pdb: KObject, ns: string, name: string, status: Obj, actual: string): SyncPlan {
    const body = { ...pdb, status } as KObject;
    return {
      desired: `${status.currentHealthy ?? 0}/${status.desiredHealthy ?? 0} healthy, ${status.disruptionsAllowed ?? 0} allowed`,
      actual,
      action: 'update PodDisruptionBudget status',
      object: refObject(pdb),
      batches: [[{ req: { verb: 'update', resource: 'poddisruptionbudgets', subresource: 'status', namespace: ns, name, body }, tag: 'updateStatus', ignore: [404] }]],
    };
  }
}

/** %v of a *metav1.LabelSelector (its generated String()), as the UnmanagedPods event prints it. */
function goSelector(sel: Obj | undefined): string {
  if (!sel) return '<nil>';
  const labels = Object.keys(sel.matchLabels ?? {}).sort().map((k) => `${k}: ${sel.matchLabels[k]},`).join('');
  const exprs = (sel.matchExpressions ?? []).map((e: Obj) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[]string{${(e.values ?? []).join(',')}},}`).join(',');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
