// Twin of pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
// classifyReferences, processDeletingDependentsItem, attemptToOrphanWorker, orphanDependents)
// and graph_builder.go, over every kind the controller-manager has an informer for (upstream: every
// deletable resource but events; limitranges, RBAC, priorityclasses and PDBs are not watched here,
// so their orphan/foregroundDeletion finalizers are never removed). The dependency
// graph is read from the controller-manager's informer caches instead of a separate graph; an
// owner missing there is verified with a live GET (isDangling) before anything is decided.
// Propagation: Background (owner gone ⇒ delete dependents), Foreground (owner carries the
// foregroundDeletion finalizer until its blocking dependents are gone) and Orphan (owner carries
// the orphan finalizer until its dependents lost their reference to it).
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, SyncPlan } from '../controller';
import { refObject } from '../controller';
import { kindInfo } from '../../api/scheme';
import type { OwnerReference } from '../pod-util';

const RESOURCE_TO_KIND = {
  pods: 'Pod', replicasets: 'ReplicaSet', deployments: 'Deployment', jobs: 'Job', cronjobs: 'CronJob', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet', controllerrevisions: 'ControllerRevision',
  services: 'Service', endpointslices: 'EndpointSlice', endpoints: 'Endpoints', nodes: 'Node', leases: 'Lease', persistentvolumeclaims: 'PersistentVolumeClaim',
  persistentvolumes: 'PersistentVolume', namespaces: 'Namespace', serviceaccounts: 'ServiceAccount', configmaps: 'ConfigMap', secrets: 'Secret', resourcequotas: 'ResourceQuota',
} as const;
type Resource = keyof typeof RESOURCE_TO_KIND;
const RESOURCES = Object.keys(RESOURCE_TO_KIND) as Resource[];
const KIND_TO_RESOURCE: Record<string, Resource> = Object.fromEntries(Object.entries(RESOURCE_TO_KIND).map(([r, k]) => [k, r as Resource]));

/** metav1.FinalizerOrphanDependents / FinalizerDeleteDependents */
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
/** the attemptToOrphan queue's keys share the controller's queue under this prefix */
const ORPHAN = 'orphan:';

type Policy = 'Background' | 'Foreground' | 'Orphan';
type Ref = { resource: Resource; obj: KObject };

const ownersOf = (o: KObject): OwnerReference[] => (o.metadata.ownerReferences ?? []) as OwnerReference[];
const finalizersOf = (o: KObject): string[] => (o.metadata.finalizers ?? []) as string[];
const lower = (kind: string) => kind.toLowerCase();
/** A work-queue key `<resource>/<cache key>` (the cache key is `ns/name`, or `name` when cluster-scoped). */
const splitKey = (key: string): [Resource, string] => [key.slice(0, key.indexOf('/')) as Resource, key.slice(key.indexOf('/') + 1)];
/** An owner's namespace: the dependent's, unless the owner's kind is cluster-scoped. */
const ownerNamespace = (dep: KObject, ref: OwnerReference) => (kindInfo(ref.kind)?.namespaced === false ? undefined : dep.metadata.namespace);
const none = (object?: KObject, actual = ''): SyncPlan => ({ desired: '', actual, action: 'none', object, batches: [] });

/** node.isDeletingDependents: being deleted, and waiting for its dependents (foreground). */
export function isDeletingDependents(o: KObject): boolean {
  return !!o.metadata.deletionTimestamp && finalizersOf(o).includes(FINALIZER_DELETE_DEPENDENTS);
}

/** node.isBeingDeleted with the orphan finalizer: attemptToOrphan's work. */
function isOrphaning(o: KObject): boolean {
  return !!o.metadata.deletionTimestamp && finalizersOf(o).includes(FINALIZER_ORPHAN);
}

export class GarbageCollector implements Controller {
  readonly name = 'garbagecollector';
  /** --concurrent-gc-syncs */
  readonly workers = 20;

  constructor(private readonly host: ControllerHost) {}

  /** graph_builder.go processGraphChanges and processTransitions: what needs a look. */
  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (!(RESOURCES as readonly string[]).includes(informer)) return;
    const key = `${informer}/${metaNamespaceKey(obj)}`;
    if (type === 'DELETED') {
      // the owner is gone: every dependent needs its references checked
      for (const d of this.dependentsOf(String(obj.metadata.uid))) this.enqueue(d);
      // a dependent is gone: an owner waiting for it may now finish
      for (const r of ownersOf(obj)) {
        const owner = this.ownerInCache(obj, r);
        if (owner && isDeletingDependents(owner.obj)) this.enqueue(owner);
      }
      return;
    }
    // processTransitions: the owner started orphaning, or started waiting for its dependents
    if (isOrphaning(obj) && !(old && isOrphaning(old))) this.host.enqueue(this.name, `${ORPHAN}${key}`);
    if (isDeletingDependents(obj) && !(old && isDeletingDependents(old))) {
      for (const d of this.dependentsOf(String(obj.metadata.uid))) this.enqueue(d);
      this.host.enqueue(this.name, key);
    }
    const added = ownersOf(obj).filter((r) => type === 'ADDED' || !ownersOf(old ?? obj).some((o) => o.uid === r.uid));
    // an object whose owner this cache has never seen may be dangling
    if (added.some((r) => !this.ownerInCache(obj, r))) this.host.enqueue(this.name, key);
    // a reference removed, or no longer blocking: an owner waiting for it may now finish
    if (old) {
      for (const r of ownersOf(old)) {
        const still = ownersOf(obj).find((o) => o.uid === r.uid);
        if (still && (still.blockOwnerDeletion || !r.blockOwnerDeletion)) continue;
        const owner = this.ownerInCache(obj, r);
        if (owner && isDeletingDependents(owner.obj)) this.enqueue(owner);
      }
    }
  }

  private enqueue(r: Ref): void {
    this.host.enqueue(this.name, `${r.resource}/${metaNamespaceKey(r.obj)}`);
  }

  private dependentsOf(uid: string): Ref[] {
    const out: Ref[] = [];
    for (const resource of RESOURCES) for (const o of Object.values(this.host.lister(resource))) if (ownersOf(o).some((r) => r.uid === uid)) out.push({ resource, obj: o });
    return out;
  }

  /** The owner a reference names, if the cache has it under the same UID (owners share the dependent's namespace). */
  private ownerInCache(dep: KObject, ref: OwnerReference): Ref | undefined {
    const resource = KIND_TO_RESOURCE[ref.kind];
    if (!resource) return undefined;
    const ns = ownerNamespace(dep, ref);
    const o = this.host.lister(resource)[ns ? `${ns}/${ref.name}` : ref.name];
    return o && o.metadata.uid === ref.uid ? { resource, obj: o } : undefined;
  }

  syncHandler(key: string): SyncPlan {
    if (key.startsWith(ORPHAN)) return this.attemptToOrphan(key.slice(ORPHAN.length));
    const [resource, cacheKey] = splitKey(key);
    const obj = this.host.lister(resource)?.[cacheKey];
    if (!obj) return none();
    // attemptToDeleteItem: an object being deleted is only the GC's business while it waits for its dependents
    if (obj.metadata.deletionTimestamp) return isDeletingDependents(obj) ? this.processDeletingDependentsItem(resource, obj) : none(refObject(obj), 'being deleted');
    const owners = ownersOf(obj);
    if (owners.length === 0) return none(refObject(obj), 'no owners');
    const absent = owners.filter((r) => KIND_TO_RESOURCE[r.kind] && !this.ownerInCache(obj, r));
    const data = { resource, cacheKey, uid: String(obj.metadata.uid), dangling: [] as string[] };
    if (absent.length === 0) return this.decide(obj, data, true);
    // isDangling: ask the apiserver about each owner the cache does not have
    const gets: Op[] = absent.map((r) => ({ req: { verb: 'get', resource: KIND_TO_RESOURCE[r.kind], namespace: ownerNamespace(obj, r), name: r.name }, tag: 'getOwner', data: { uid: r.uid }, ignore: [404] }));
    return {
      desired: owners.map((r) => `${r.kind}/${r.name}`).join(','),
      actual: `${absent.length} owner(s) missing`,
      action: absent.length === owners.length ? 'verify owners, delete dependent' : 'verify owners, remove dangling references',
      object: refObject(obj),
      batches: [gets],
      data,
    };
  }

  /**
   * classifyReferences + attemptToDeleteItem's switch: solid owners keep the object (only
   * dangling or waiting references are dropped); owners waiting in the foreground make an object
   * with dependents of its own go in the foreground too; with no solid owner it is deleted.
   */
  private decide(obj: KObject, data: { dangling: string[] }, planning: boolean): SyncPlan {
    const owners = ownersOf(obj);
    const dangling = owners.filter((r) => data.dangling.includes(r.uid));
    const live = owners.filter((r) => !data.dangling.includes(r.uid)).map((r) => ({ ref: r, owner: this.ownerInCache(obj, r) }));
    const waiting = live.filter((x) => x.owner && isDeletingDependents(x.owner.obj));
    // a kind this cache does not track counts as a solid owner
    const solid = live.filter((x) => !waiting.includes(x));
    const m = obj.metadata;
    const resource = KIND_TO_RESOURCE[obj.kind];
    const target = { verb: 'delete' as const, resource, namespace: m.namespace, name: m.name };
    const desc = owners.map((r) => `${r.kind}/${r.name}`).join(',');
    if (solid.length) {
      if (!dangling.length && !waiting.length) return { ...none(refObject(obj), 'owners present'), desired: desc };
      const drop = [...dangling, ...waiting.map((x) => x.ref)].map((r) => r.uid);
      const left = owners.filter((r) => !drop.includes(r.uid));
      const patch: Op = { req: { verb: 'patch', resource, namespace: m.namespace, name: m.name, body: { metadata: { ownerReferences: left, uid: m.uid } } as unknown as KObject }, tag: 'patch', ignore: [404] };
      return this.plan(obj, desc, `remove ${drop.length} reference(s)`, [patch], planning, { key: 'gc.remove_references', params: { kind: lower(obj.kind), name: m.name, count: drop.length, solid: solid.map((x) => `${lower(x.ref.kind)}/${x.ref.name}`).join(', ') } });
    }
    let policy: Policy;
    let because: string;
    const first = waiting[0]?.ref ?? dangling[0] ?? owners[0];
    if (waiting.length && this.dependentsOf(String(m.uid)).length) {
      policy = 'Foreground';
      because = 'foreground';
    } else {
      // honour a finalizer already on the object, else Background
      const f = finalizersOf(obj);
      policy = f.includes(FINALIZER_ORPHAN) ? 'Orphan' : f.includes(FINALIZER_DELETE_DEPENDENTS) ? 'Foreground' : 'Background';
      because = waiting.length ? 'foreground' : 'gone';
    }
    const del: Op = { req: { ...target, options: { propagationPolicy: policy } }, tag: 'delete', ignore: [404] };
    return this.plan(obj, desc, `delete (${policy})`, [del], planning, {
      key: 'gc.delete_dependent',
      params: { kind: lower(obj.kind), name: m.name, ownerKind: lower(first.kind), owner: first.name, because, policy },
    });
  }

  /** The decision as a sync plan (when planning) or as the final batch after the owner GETs. */
  private plan(obj: KObject, desired: string, action: string, ops: Op[], planning: boolean, narration: SyncPlan['narration']): SyncPlan {
    return planning ? { desired, actual: 'no solid owner', action, object: refObject(obj), batches: [ops], narration } : { desired, actual: '', action, batches: [ops] };
  }

  /** processDeletingDependentsItem: delete the blocking dependents, or drop the finalizer when none is left. */
  private processDeletingDependentsItem(resource: Resource, owner: KObject): SyncPlan {
    const uid = String(owner.metadata.uid);
    const blocking = this.dependentsOf(uid).filter((d) => ownersOf(d.obj).some((r) => r.uid === uid && r.blockOwnerDeletion));
    const m = owner.metadata;
    const kind = lower(RESOURCE_TO_KIND[resource]);
    if (blocking.length === 0) {
      const finalizers = finalizersOf(owner).filter((f) => f !== FINALIZER_DELETE_DEPENDENTS);
      const patch: Op = { req: { verb: 'patch', resource, namespace: m.namespace, name: m.name, body: { metadata: { finalizers: finalizers.length ? finalizers : null, resourceVersion: m.resourceVersion } } as unknown as KObject }, tag: 'removeFinalizer', ignore: [404] };
      return { desired: 0, actual: 0, action: `remove the ${FINALIZER_DELETE_DEPENDENTS} finalizer`, object: refObject(owner), batches: [[patch]], narration: { key: 'gc.remove_finalizer', params: { kind, name: m.name, finalizer: FINALIZER_DELETE_DEPENDENTS } } };
    }
    // dependents that are not themselves waiting for theirs are (re)considered for deletion
    for (const d of blocking) if (!isDeletingDependents(d.obj)) this.enqueue(d);
    const names = blocking.map((d) => `${lower(d.obj.kind)}/${d.obj.metadata.name}`);
    return { ...none(refObject(owner), `${blocking.length} blocking dependent(s)`), desired: 0, narration: { key: 'gc.wait_dependents', params: { kind, name: m.name, count: blocking.length, dependents: names.slice(0, 5).join(', ') } } };
  }

  /** attemptToOrphanWorker: drop the owner's reference from every dependent, then the orphan finalizer. */
  private attemptToOrphan(key: string): SyncPlan {
    const [resource, cacheKey] = splitKey(key);
    const owner = this.host.lister(resource)?.[cacheKey];
    if (!owner || !isOrphaning(owner)) return none();
    const uid = String(owner.metadata.uid);
    const dependents = this.dependentsOf(uid);
    const patches: Op[] = dependents.map(({ resource: r, obj }) => {
      const left = ownersOf(obj).filter((o) => o.uid !== uid);
      return { req: { verb: 'patch', resource: r, namespace: obj.metadata.namespace, name: obj.metadata.name, body: { metadata: { ownerReferences: left.length ? left : null, uid: obj.metadata.uid } } as unknown as KObject }, tag: 'orphan', ignore: [404] };
    });
    const m = owner.metadata;
    const finalizers = finalizersOf(owner).filter((f) => f !== FINALIZER_ORPHAN);
    const remove: Op = { req: { verb: 'patch', resource, namespace: m.namespace, name: m.name, body: { metadata: { finalizers: finalizers.length ? finalizers : null } } as unknown as KObject }, tag: 'removeFinalizer', ignore: [404] };
    return {
      desired: 0,
      actual: `${dependents.length} dependent(s)`,
      action: `orphan ${dependents.length} dependent(s), remove the ${FINALIZER_ORPHAN} finalizer`,
      object: refObject(owner),
      batches: patches.length ? [patches, [remove]] : [[remove]],
      narration: { key: 'gc.orphan', params: { kind: lower(owner.kind), name: m.name, count: dependents.length, dependents: dependents.slice(0, 5).map((d) => `${lower(d.obj.kind)}/${d.obj.metadata.name}`).join(', ') } },
    };
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): void {
    if (op.tag !== 'getOwner') return;
    // absent (404) or re-created under another UID: the reference dangles
    if (resp.code === 404 || (resp.code < 300 && resp.object?.metadata.uid !== op.data?.uid)) (sync.data.dangling as string[]).push(String(op.data?.uid));
  }

  onBatchesDone(sync: ActiveSync): Op[] | undefined {
    if (sync.failed || sync.current[0]?.tag !== 'getOwner') return undefined;
    const { resource, cacheKey, uid } = sync.data as { resource: Resource; cacheKey: string; uid: string };
    const obj = this.host.lister(resource)[cacheKey];
    if (!obj || obj.metadata.uid !== uid || obj.metadata.deletionTimestamp) return undefined;
    // owners the GET found (and the cache may not have yet) stay solid
    return this.decide(obj, sync.data as { dangling: string[] }, false).batches[0];
  }
}
