// Twin of pkg/controller/namespace/namespace_controller.go with deletion/
// namespaced_resources_deleter.go and status_condition_utils.go: once a namespace has a
// deletionTimestamp (5 s after the event, namespaceDeletionGracePeriod), list and delete every
// namespaced object in it — pods first and alone (OrderedNamespaceDeletion, beta and on in 1.33) —
// list again to see what remains, record the five deletion conditions in status, and either
// requeue after estimate/2+1 s or remove the `kubernetes` finalizer through namespaces/finalize,
// which deletes the namespace. Simplified: discovery is the scheme's kind list (it cannot fail),
// and DELETE of each item stands for deletecollection (deleteEachItem, upstream's fallback).
import type { KObject } from '../../api/types';
import { KINDS } from '../../api/scheme';
import { parseRfc3339, rfc3339 } from '../../api/time';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, OpOutcome, SyncPlan } from '../controller';
import { refObject } from '../controller';

/** namespaceDeletionGracePeriod: let HA apiservers and etcd members see the deletion first */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;
/** finalizerEstimateSeconds: the default wait for finalizers on remaining content */
const FINALIZER_ESTIMATE_SECONDS = 15;
/** v1.FinalizerKubernetes, this controller's token */
export const FINALIZER_KUBERNETES = 'kubernetes';

type Obj = Record<string, any>;

/** The namespaced resources the scheme serves, as discovery would list them (pods handled first). */
const NAMESPACED = KINDS.filter((k) => k.namespaced && k.resource !== 'pods');
const groupOf = (resource: string) => KINDS.find((k) => k.resource === resource)?.group ?? '';

/** status_condition_utils.go conditionTypes with their okReasons and okMessages. */
const CONDITIONS: Array<[type: string, okReason: string, okMessage: string]> = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

interface Round {
  ns: string;
  /** 'pods': the ordered first pass; 'rest': everything else */
  phase: 'pods' | 'rest';
  step: 'list' | 'delete' | 'verify';
  listed: Record<string, KObject[]>;
  remaining: Record<string, KObject[]>;
  estimateSeconds: number;
  errors: string[];
}

export class NamespaceController implements Controller {
  readonly name = 'namespace';
  /** --concurrent-namespace-syncs */
  readonly workers = 10;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject): void {
    if (informer !== 'namespaces' || type === 'DELETED') return;
    // don't queue if we aren't deleted; delay to let every apiserver observe the deletion
    if (obj.metadata.deletionTimestamp) this.host.enqueueAfter(this.name, obj.metadata.name, NAMESPACE_DELETION_GRACE_PERIOD_MS);
  }

  /** namespacedResourcesDeleter.Delete, first step: pods (list, delete each, list again). */
  syncHandler(key: string): SyncPlan {
    const ns = this.host.lister('namespaces')[key] ?? this.host.lister('namespaces')[`/${key}`];
    if (!ns || !ns.metadata.deletionTimestamp) return { desired: '', actual: '', action: 'none', batches: [] };
    if (!((ns.spec as Obj | undefined)?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return { desired: '', actual: 'finalized', action: 'none', object: refObject(ns), batches: [] };
    const round: Round = { ns: key, phase: 'pods', step: 'list', listed: {}, remaining: {}, estimateSeconds: 0, errors: [] };
    return {
      desired: 'empty',
      actual: 'Terminating',
      action: 'delete all content, pods first',
      object: refObject(ns),
      batches: [[this.list('pods', key)]],
      data: { round },
      narration: { key: 'namespace.delete_content', params: { namespace: key } },
    };
  }

  private list(resource: string, ns: string): Op {
    return { req: { verb: 'list', resource, namespace: ns, ambient: true }, tag: 'list', data: { resource } };
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): OpOutcome | void {
    const r = sync.data.round as Round;
    const resource = String(op.data?.resource ?? '');
    if (op.tag === 'list') {
      if (resp.code !== 200) r.errors.push(`failed to list ${resource}: ${resp.status?.message ?? resp.code}`);
      const items = resp.items ?? [];
      if (r.step === 'verify') r.remaining[resource] = items;
      else r.listed[resource] = items;
    } else if (op.tag === 'delete' && resp.code >= 300 && resp.code !== 404) {
      r.errors.push(resp.status?.message ?? `delete failed with code ${resp.code}`);
    } else if (op.tag !== 'delete') {
      // the status patch and the finalize end the round: their batches were planned by finish()
      return { ok: true };
    }
    // failures are this controller's to judge (they become conditions); the last answer of a batch decides the next batch
    if (sync.inflight !== 1) return { ok: true };
    return { ok: true, then: this.next(sync, r) };
  }

  private next(sync: ActiveSync, r: Round): Op[][] {
    const resources = r.phase === 'pods' ? ['pods'] : NAMESPACED.map((k) => k.resource);
    if (r.step === 'list') {
      if (r.phase === 'pods') r.estimateSeconds = this.estimateGracefulTermination(r.listed.pods ?? [], r.ns);
      r.step = 'delete';
      const deletes = resources.flatMap((res) => (r.listed[res] ?? []).map((o) => this.deleteOp(res, o)));
      if (deletes.length) return [deletes];
    }
    if (r.step === 'delete') {
      r.step = 'verify';
      return [resources.map((res) => this.list(res, r.ns))];
    }
    // verified: pods still there hold everything else back (OrderedNamespaceDeletion)
    const podsLeft = r.phase === 'pods' && (r.remaining.pods ?? []).length > 0;
    if (r.phase === 'pods' && !podsLeft && r.errors.length === 0) {
      Object.assign(r, { phase: 'rest', step: 'list', listed: {} });
      return [NAMESPACED.map((k) => this.list(k.resource, r.ns))];
    }
    return this.finish(sync, r);
  }

  /** deleteEachItem: DELETE with Background propagation, so the GC does not add the orphan finalizer. */
  private deleteOp(resource: string, o: KObject): Op {
    return { req: { verb: 'delete', resource, namespace: o.metadata.namespace, name: o.metadata.name, options: { propagationPolicy: 'Background' } }, tag: 'delete', data: { resource }, ignore: [404] };
  }

  /** estimateGracefulTerminationForPods, less the time the namespace has already been terminating. */
  private estimateGracefulTermination(pods: KObject[], ns: string): number {
    let estimate = 0;
    for (const p of pods) {
      const phase = (p.status as Obj | undefined)?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      estimate = Math.max(estimate, Number((p.spec as Obj | undefined)?.terminationGracePeriodSeconds ?? 0));
    }
    const deletedAt = this.host.lister('namespaces')[ns]?.metadata.deletionTimestamp;
    if (deletedAt && this.host.now() - parseRfc3339(deletedAt) >= estimate * 1000) return 0;
    return estimate;
  }

  /** deleteAllContent's tail: the conditions, then requeue, fail, or finalize. */
  private finish(sync: ActiveSync, r: Round): Op[][] {
    const remaining: Record<string, number> = {};
    const byFinalizer: Record<string, number> = {};
    let estimate = r.estimateSeconds;
    for (const [res, items] of Object.entries(r.remaining)) {
      if (!items.length) continue;
      remaining[res] = items.length;
      const fins: Record<string, number> = {};
      for (const o of items) for (const f of (o.metadata.finalizers ?? []) as string[]) fins[f] = (fins[f] ?? 0) + 1;
      for (const [f, n] of Object.entries(fins)) byFinalizer[f] = (byFinalizer[f] ?? 0) + n;
      if (r.estimateSeconds > 0 && res === 'pods') continue;
      if (Object.keys(fins).length) estimate = Math.max(estimate, FINALIZER_ESTIMATE_SECONDS);
      else if (res !== 'pods' || r.estimateSeconds === 0) r.errors.push(`unexpected items still remain in namespace: ${r.ns} for gvr: ${gvr(res)}`);
    }
    const ns = this.host.lister('namespaces')[r.ns];
    const ops: Op[][] = [];
    const conditions = ns ? this.updateConditions(ns, remaining, byFinalizer, r.errors) : undefined;
    if (ns && conditions) ops.push([{ req: { verb: 'patch', resource: 'namespaces', subresource: 'status', name: r.ns, body: { status: { conditions } } as unknown as KObject }, tag: 'status', ignore: [404] }]);
    const left = Object.values(remaining).reduce((a, b) => a + b, 0);
    if (r.errors.length) {
      sync.failed = r.errors.join('; ');
      return ops;
    }
    if (left > 0 || estimate > 0) {
      // ResourcesRemainingError: look again after half the estimate
      sync.requeueAfterMs = (Math.floor(estimate / 2) + 1) * 1000;
      return ops;
    }
    const finalizers = ((ns?.spec as Obj | undefined)?.finalizers ?? []).filter((f: string) => f !== FINALIZER_KUBERNETES);
    ops.push([{ req: { verb: 'update', resource: 'namespaces', subresource: 'finalize', name: r.ns, body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: r.ns }, spec: { finalizers } } as unknown as KObject }, tag: 'finalize', ignore: [404] }]);
    return ops;
  }

  /** namespaceConditionUpdater.Update: every owned condition, failing or ok; undefined when nothing changed. */
  private updateConditions(ns: KObject, remaining: Record<string, number>, byFinalizer: Record<string, number>, errors: string[]): Obj[] | undefined {
    const now = rfc3339(this.host.now());
    const failing: Record<string, { reason: string; message: string }> = {};
    if (errors.length) failing.NamespaceDeletionContentFailure = { reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}` };
    const res = Object.entries(remaining).map(([r, n]) => `${r}.${groupOf(r)} has ${n} resource instances`).sort();
    if (res.length) failing.NamespaceContentRemaining = { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${res.join(', ')}` };
    const fins = Object.entries(byFinalizer).map(([f, n]) => `${f} in ${n} resource instances`).sort();
    if (fins.length) failing.NamespaceFinalizersRemaining = { reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${fins.join(', ')}` };
    const conditions: Obj[] = structuredClone(((ns.status as Obj | undefined)?.conditions ?? []) as Obj[]);
    let changed = false;
    for (const [type, okReason, okMessage] of CONDITIONS) {
      const want = failing[type] ? { status: 'True', ...failing[type] } : { status: 'False', reason: okReason, message: okMessage };
      const old = conditions.find((c) => c.type === type);
      if (!old) {
        conditions.push({ type, ...want, lastTransitionTime: now });
        changed = true;
      } else if (old.status !== want.status || old.reason !== want.reason || old.message !== want.message) {
        if (old.status !== want.status) old.lastTransitionTime = now;
        Object.assign(old, want);
        changed = true;
      }
    }
    return changed ? conditions : undefined;
  }
}

/** schema.GroupVersionResource's String(): `/v1, Resource=pods`, `apps/v1, Resource=deployments`. */
function gvr(resource: string): string {
  const k = KINDS.find((x) => x.resource === resource);
  return `${k?.group ?? ''}/${k?.version ?? 'v1'}, Resource=${resource}`;
}
