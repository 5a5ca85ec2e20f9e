// Invariants that hold once faults have healed and the cluster has settled: the garbage collector
// left no orphaned dependents and no owner stuck on a system finalizer; the workload controllers'
// status says what their pods are and, where the pods are healthy, that spec has been reached; each
// Service's EndpointSlices list exactly its ready pods. Pure functions over object lists.
import type { KObject } from '../api/types';
import { labelSelectorAsSelector, matchesSelector, type Selector } from '../api/selectors';

type Obj = Record<string, any>;
export type Lister = (kind: string) => KObject[];

const name = (o: KObject) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
const labelsOf = (o: KObject) => o.metadata.labels as Record<string, string> | undefined;
const terminal = (p: KObject) => ['Succeeded', 'Failed'].includes((p.status as Obj | undefined)?.phase);
const deleting = (o: KObject) => !!o.metadata.deletionTimestamp;

/** podutil.IsPodReady */
export function isPodReady(p: KObject): boolean {
  return ((p.status as Obj | undefined)?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');
}

/** controller.FilterActivePods: not terminal and not being deleted. */
const active = (p: KObject) => !terminal(p) && !deleting(p);

function controlledBy(o: KObject, uid: unknown): boolean {
  return ((o.metadata.ownerReferences ?? []) as Obj[]).some((r) => r.controller && r.uid === uid);
}

/** Finalizers only the control plane removes (GC, namespace controller, PV protection). */
export const SYSTEM_FINALIZERS = ['foregroundDeletion', 'orphan', 'kubernetes', 'kubernetes.io/pvc-protection', 'kubernetes.io/pv-protection'];

/**
 * No dependent outlives all its owners (the GC deletes it, or Orphan removes the reference), and
 * nothing waits forever on a finalizer only the control plane removes. `kinds`: the kinds the
 * garbage collector tracks.
 */
export function noOrphans(list: Lister, kinds: readonly string[]): string[] {
  const out: string[] = [];
  const all = kinds.flatMap((k) => list(k));
  const uids = new Set(all.map((o) => o.metadata.uid));
  for (const o of all) {
    const refs = (o.metadata.ownerReferences ?? []) as Obj[];
    if (refs.length && !refs.some((r) => uids.has(r.uid))) out.push(`${name(o)} is orphaned: owners ${refs.map((r) => `${r.kind}/${r.name}`).join(', ')} are gone`);
  }
  for (const o of all) {
    if (!deleting(o)) continue;
    const fins = [...((o.metadata.finalizers ?? []) as string[]), ...(((o.spec as Obj | undefined)?.finalizers ?? []) as string[])];
    if (fins.every((f) => SYSTEM_FINALIZERS.includes(f))) out.push(`${name(o)} is stuck being deleted${fins.length ? ` (finalizers ${fins.join(', ')})` : ''}`);
  }
  return out;
}

function ownedPods(pods: KObject[], owner: KObject): KObject[] {
  return pods.filter((p) => p.metadata.namespace === owner.metadata.namespace && controlledBy(p, owner.metadata.uid) && active(p));
}

function generationObserved(o: KObject): string[] {
  const observed = (o.status as Obj | undefined)?.observedGeneration;
  const gen = o.metadata.generation;
  return observed !== undefined && gen !== undefined && Number(observed) !== Number(gen) ? [`${name(o)}: observedGeneration ${observed} != generation ${gen}`] : [];
}

function counts(o: KObject, want: Record<string, number>): string[] {
  const st = (o.status ?? {}) as Obj;
  const diff = Object.entries(want).filter(([f, v]) => Number(st[f] ?? 0) !== v);
  return diff.length ? [`${name(o)}: status ${diff.map(([f, v]) => `${f}=${st[f] ?? 0} (pods say ${v})`).join(', ')}`] : [];
}

export interface ConvergenceOptions {
  /** the owner's pods may be refused at admission (a ResourceQuota, a LimitRange, a missing PriorityClass): spec need not be reached */
  mayBeRefused?: (owner: KObject) => boolean;
}

/** ReplicaSets: status counts their pods; the pod count is spec.replicas. */
export function replicaSetsConverged(list: Lister, opts: ConvergenceOptions = {}): string[] {
  const pods = list('Pod');
  const out: string[] = [];
  for (const rs of list('ReplicaSet')) {
    if (deleting(rs)) continue;
    const mine = ownedPods(pods, rs);
    const ready = mine.filter(isPodReady).length;
    out.push(...generationObserved(rs), ...counts(rs, { replicas: mine.length, readyReplicas: ready }));
    const want = Number((rs.spec as Obj).replicas ?? 1);
    if (mine.length !== want && !opts.mayBeRefused?.(rs)) out.push(`${name(rs)}: ${mine.length} pods, spec.replicas ${want}`);
  }
  return out;
}

/** Deployments: status sums their ReplicaSets; with every pod available the rollout is complete. */
export function deploymentsConverged(list: Lister, opts: ConvergenceOptions = {}): string[] {
  const rss = list('ReplicaSet');
  const pods = list('Pod');
  const out: string[] = [];
  for (const d of list('Deployment')) {
    if (deleting(d)) continue;
    const spec = d.spec as Obj;
    const mine = rss.filter((rs) => rs.metadata.namespace === d.metadata.namespace && controlledBy(rs, d.metadata.uid));
    const sum = (f: string) => mine.reduce((n, rs) => n + Number((rs.status as Obj | undefined)?.[f] ?? 0), 0);
    out.push(...generationObserved(d), ...counts(d, { replicas: sum('replicas'), readyReplicas: sum('readyReplicas'), availableReplicas: sum('availableReplicas') }));
    if (spec.paused || opts.mayBeRefused?.(d)) continue;
    const dpods = mine.flatMap((rs) => ownedPods(pods, rs));
    if (!dpods.every(isPodReady)) continue;
    const want = Number(spec.replicas ?? 1);
    const hash = (rs: KObject) => labelsOf(rs)?.['pod-template-hash'];
    const withReplicas = mine.filter((rs) => Number((rs.spec as Obj).replicas ?? 0) > 0);
    if (want > 0 && (withReplicas.length !== 1 || Number((withReplicas[0].spec as Obj).replicas) !== want)) {
      out.push(`${name(d)}: every pod is ready but the rollout is not complete (${mine.map((rs) => `${rs.metadata.name}=${(rs.spec as Obj).replicas}`).join(', ')}; want ${want})`);
    } else if (want > 0 && JSON.stringify(templateOf(withReplicas[0])) !== JSON.stringify(templateOf(d))) {
      out.push(`${name(d)}: the scaled-up ReplicaSet ${withReplicas[0].metadata.name} (hash ${hash(withReplicas[0])}) does not run the current template`);
    }
    const st = (d.status ?? {}) as Obj;
    if (want > 0 && Number(st.updatedReplicas ?? 0) !== want && withReplicas.length === 1) out.push(`${name(d)}: status.updatedReplicas ${st.updatedReplicas ?? 0}, want ${want}`);
  }
  return out;
}

/** The pod template without the label the deployment controller adds to its ReplicaSets. */
function templateOf(o: KObject): unknown {
  const t = structuredClone(((o.spec as Obj).template ?? {}) as Obj);
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return t.spec;
}

/** StatefulSets: status counts their pods; with every pod ready, spec.replicas pods at the update revision. */
export function statefulSetsConverged(list: Lister, opts: ConvergenceOptions = {}): string[] {
  const pods = list('Pod');
  const out: string[] = [];
  for (const ss of list('StatefulSet')) {
    if (deleting(ss)) continue;
    const mine = ownedPods(pods, ss);
    const ready = mine.filter(isPodReady).length;
    out.push(...generationObserved(ss), ...counts(ss, { replicas: mine.length, readyReplicas: ready }));
    if (opts.mayBeRefused?.(ss) || ready !== mine.length) continue;
    const want = Number((ss.spec as Obj).replicas ?? 1);
    const st = (ss.status ?? {}) as Obj;
    if (mine.length !== want) out.push(`${name(ss)}: every pod is ready but there are ${mine.length}, spec.replicas ${want}`);
    else if (!(ss.spec as Obj).updateStrategy?.rollingUpdate?.partition && st.updateRevision && mine.some((p) => labelsOf(p)?.['controller-revision-hash'] !== st.updateRevision)) {
      out.push(`${name(ss)}: every pod is ready but not every pod is at revision ${st.updateRevision}`);
    }
  }
  return out;
}

/** The taints every daemon pod tolerates (daemonset util AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATED = ['not-ready:NoExecute', 'unreachable:NoExecute', 'disk-pressure:NoSchedule', 'memory-pressure:NoSchedule', 'pid-pressure:NoSchedule', 'unschedulable:NoSchedule'].map((t) => `node.kubernetes.io/${t}`);
const untolerated = (n: KObject) => (((n.spec as Obj | undefined)?.taints ?? []) as Obj[]).some((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !DAEMON_TOLERATED.includes(`${t.key}:${t.effect}`));

/**
 * DaemonSets: one pod on each node its nodeSelector picks, and status says so. A node with a
 * taint daemon pods do not tolerate (one still unreachable) makes the counts a matter of timing:
 * then only the observed generation is checked.
 */
export function daemonSetsConverged(list: Lister, opts: ConvergenceOptions = {}): string[] {
  const pods = list('Pod');
  const nodes = list('Node');
  const out: string[] = [];
  const tainted = nodes.some(untolerated);
  for (const ds of list('DaemonSet')) {
    if (deleting(ds)) continue;
    if (tainted) {
      out.push(...generationObserved(ds));
      continue;
    }
    const tmpl = (ds.spec as Obj).template?.spec ?? {};
    const selector = (tmpl.nodeSelector ?? {}) as Record<string, string>;
    const eligible = nodes.filter((n) => Object.entries(selector).every(([k, v]) => labelsOf(n)?.[k] === v)).map((n) => n.metadata.name);
    const mine = ownedPods(pods, ds);
    const nodeOf = (p: KObject) => String((p.spec as Obj).nodeName ?? (p.spec as Obj).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] ?? '');
    const on = new Set(mine.map(nodeOf));
    const missing = eligible.filter((n) => !on.has(n));
    const extra = [...on].filter((n) => !eligible.includes(n));
    out.push(...generationObserved(ds));
    if (missing.length && !opts.mayBeRefused?.(ds)) out.push(`${name(ds)}: no pod on ${missing.join(', ')}`);
    if (extra.length) out.push(`${name(ds)}: pods on ${extra.join(', ')}, which its nodeSelector does not pick`);
    if (mine.length !== on.size) out.push(`${name(ds)}: ${mine.length} pods on ${on.size} nodes`);
    // the status counts a node's daemon pods as the controller groups them: every claimed pod but a
    // terminal one already being deleted, so a Failed pod the controller has not deleted yet (it backs
    // off deleting pods a kubelet keeps rejecting) still counts (daemon_controller.go getNodesToDaemonPods)
    const grouped = new Set(pods.filter((p) => p.metadata.namespace === ds.metadata.namespace && controlledBy(p, ds.metadata.uid) && !(terminal(p) && deleting(p))).map(nodeOf));
    const groupedExtra = [...grouped].filter((n) => !eligible.includes(n));
    out.push(...counts(ds, { desiredNumberScheduled: eligible.length, currentNumberScheduled: eligible.filter((n) => grouped.has(n)).length, numberMisscheduled: groupedExtra.length, numberReady: mine.filter(isPodReady).length }));
  }
  return out;
}

const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';

/** Each selector Service's controller-managed EndpointSlices list exactly its ready pods as ready. */
export function endpointSlicesMatch(list: Lister): string[] {
  const pods = list('Pod');
  const slices = list('EndpointSlice');
  const out: string[] = [];
  for (const svc of list('Service')) {
    const spec = svc.spec as Obj;
    if (deleting(svc) || spec.type === 'ExternalName' || !spec.selector || !Object.keys(spec.selector).length) continue;
    const sel: Selector | null = labelSelectorAsSelector({ matchLabels: spec.selector });
    const ns = svc.metadata.namespace;
    const want = pods
      .filter((p) => p.metadata.namespace === ns && matchesSelector(sel, labelsOf(p)) && !terminal(p) && !deleting(p) && (p.status as Obj | undefined)?.podIP)
      .filter((p) => spec.publishNotReadyAddresses || isPodReady(p))
      .map((p) => p.metadata.name)
      .sort();
    const mine = slices.filter((s) => s.metadata.namespace === ns && labelsOf(s)?.[SERVICE_NAME] === svc.metadata.name && labelsOf(s)?.[MANAGED_BY] === CONTROLLER);
    const got = mine
      .flatMap((s) => ((s as Obj).endpoints ?? []) as Obj[])
      .filter((e) => e.conditions?.ready)
      .map((e) => String(e.targetRef?.name ?? e.addresses?.[0]))
      .sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) out.push(`${name(svc)}: EndpointSlices list ready [${got.join(', ')}], ready pods are [${want.join(', ')}]`);
  }
  return out;
}

/** Every settled-state invariant, named. */
export function settledViolations(list: Lister, gcKinds: readonly string[], opts: ConvergenceOptions = {}): Array<{ invariant: string; message: string }> {
  const tag = (invariant: string, ms: string[]) => ms.map((message) => ({ invariant, message }));
  return [
    ...tag('gc-orphans', noOrphans(list, gcKinds)),
    ...tag('replicaset-converged', replicaSetsConverged(list, opts)),
    ...tag('deployment-converged', deploymentsConverged(list, opts)),
    ...tag('statefulset-converged', statefulSetsConverged(list, opts)),
    ...tag('daemonset-converged', daemonSetsConverged(list, opts)),
    ...tag('endpointslices-ready-pods', endpointSlicesMatch(list)),
  ];
}
