// Twin of pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
// classifyReferences) and graph_builder.go, reduced to Background propagation over the kinds
// this cluster serves with ownerReferences (Pods, ReplicaSets, Deployments). The dependency
// graph is read from the informer caches; an owner missing there is verified with a live GET
// (isDangling) before its dependent is deleted.
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import type { ApiResponse, WatchEventType } from '../../api/wire';
import type { ActiveSync, Controller, ControllerHost, Op, OpOutcome, SyncPlan } from '../controller';
import { refObject } from '../controller';
import type { OwnerReference } from '../pod-util';

const RESOURCES = ['pods', 'replicasets', 'deployments', 'jobs', 'cronjobs'] as const;
type Resource = (typeof RESOURCES)[number];
const KIND_TO_RESOURCE: Record<string, Resource> = { Pod: 'pods', ReplicaSet: 'replicasets', Deployment: 'deployments', Job: 'jobs', CronJob: 'cronjobs' };

const ownersOf = (o: KObject): OwnerReference[] => (o.metadata.ownerReferences ?? []) as OwnerReference[];

export class GarbageCollector implements Controller {
  readonly name = 'garbagecollector';
  /** --concurrent-gc-syncs */
  readonly workers = 20;

  constructor(private readonly host: ControllerHost) {}

  /** graph_builder.go processGraphChanges: who may have lost an owner. */
  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (!(RESOURCES as readonly string[]).includes(informer)) return;
    if (type === 'DELETED') {
      // the owner is gone: every dependent needs its references checked
      for (const { resource, obj: dep } of this.dependentsOf(String(obj.metadata.uid))) this.host.enqueue(this.name, `${resource}/${metaNamespaceKey(dep)}`);
      return;
    }
    const added = ownersOf(obj).filter((r) => !ownersOf(old ?? obj).some((o) => o.uid === r.uid) || type === 'ADDED');
    // an object whose owner this cache has never seen may be dangling
    if (added.some((r) => !this.ownerInCache(obj, r))) this.host.enqueue(this.name, `${informer}/${metaNamespaceKey(obj)}`);
  }

  private dependentsOf(uid: string): Array<{ resource: Resource; obj: KObject }> {
    const out: Array<{ resource: Resource; obj: KObject }> = [];
    for (const resource of RESOURCES) for (const o of Object.values(this.host.lister(resource))) if (ownersOf(o).some((r) => r.uid === uid)) out.push({ resource, obj: o });
    return out;
  }

  private ownerInCache(dep: KObject, ref: OwnerReference): boolean {
    const resource = KIND_TO_RESOURCE[ref.kind];
    if (!resource) return true; // a kind we do not track: treat as present
    const o = this.host.lister(resource)[`${dep.metadata.namespace}/${ref.name}`];
    return !!o && o.metadata.uid === ref.uid;
  }

  /** attemptToDeleteItem: delete an object all of whose owners are verified gone. */
  syncHandler(key: string): SyncPlan {
    const [resource, ns, name] = key.split('/') as [Resource, string, string];
    const obj = this.host.lister(resource)?.[`${ns}/${name}`];
    if (!obj || obj.metadata.deletionTimestamp || ownersOf(obj).length === 0) return { desired: '', actual: '', action: 'none', batches: [] };
    const owners = ownersOf(obj);
    const absent = owners.filter((r) => !this.ownerInCache(obj, r));
    const desired = owners.map((r) => `${r.kind}/${r.name}`).join(',');
    if (absent.length === 0) return { desired, actual: 'owners present', action: 'none', object: refObject(obj), batches: [] };
    // isDangling: ask the apiserver about each owner the cache does not have
    const gets: Op[] = absent.map((r) => ({ req: { verb: 'get', resource: KIND_TO_RESOURCE[r.kind], namespace: ns, name: r.name }, tag: 'getOwner', data: { uid: r.uid }, ignore: [404] }));
    return {
      desired,
      actual: `${absent.length} owner(s) missing`,
      action: absent.length === owners.length ? 'verify owners, delete dependent' : 'verify owners, remove dangling references',
      object: refObject(obj),
      batches: [gets],
      data: { resource, ns, name, uid: String(obj.metadata.uid), total: owners.length, dangling: [] as string[] },
    };
  }

  onOpResult(sync: ActiveSync, op: Op, resp: ApiResponse): OpOutcome | void {
    if (op.tag !== 'getOwner') return;
    // absent (404) or re-created under another UID: the reference dangles
    if (resp.code === 404 || (resp.code < 300 && resp.object?.metadata.uid !== op.data?.uid)) (sync.data.dangling as string[]).push(String(op.data?.uid));
  }

  onBatchesDone(sync: ActiveSync): Op[] | undefined {
    if (sync.failed || sync.current[0]?.tag !== 'getOwner') return undefined;
    const { resource, ns, name, uid, total } = sync.data as { resource: Resource; ns: string; name: string; uid: string; total: number };
    const dangling = sync.data.dangling as string[];
    if (dangling.length === 0) return undefined;
    const obj = this.host.lister(resource)[`${ns}/${name}`];
    if (!obj || obj.metadata.uid !== uid) return undefined;
    if (dangling.length === total) {
      // no solid owner left: collect it, Background propagation
      return [{ req: { verb: 'delete', resource, namespace: ns, name, options: { propagationPolicy: 'Background' } }, tag: 'delete', ignore: [404] }];
    }
    // some owners remain: drop only the dangling references
    const left = ownersOf(obj).filter((r) => !dangling.includes(r.uid));
    return [{ req: { verb: 'patch', resource, namespace: ns, name, body: { metadata: { ownerReferences: left } } as unknown as KObject }, tag: 'patch', ignore: [404] }];
  }
}
