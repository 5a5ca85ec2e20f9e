// Twin of pkg/controller/resourcequota/resource_quota_controller.go (syncResourceQuota) with the
// replenishment of resource_quota_monitor.go: a quota added, or whose spec.hard changed, is
// synced; so is every quota of a namespace tracking a resource when an object of it is deleted
// (or a pod turns terminal). A sync recomputes status.used from the informers (pkg/quota/v1 CalculateUsage) and writes
// status.hard/status.used through the status subresource when they changed. Simplified: no
// scopes; object counts only for resources this kube-controller-manager has informers for; no
// 5-minute full resync (admission charges a quota in the same etcd txn as the object, so there
// is no lost charge for a resync to repair).
import type { KObject } from '../../api/types';
import { metaNamespaceKey } from '../../api/types';
import type { WatchEventType } from '../../api/wire';
import { canonicalList, equals, mask, resourceNames, add, type ResourceList } from '../../api/quota/resources';
import { matchingResources, quotaV1Pod, usage } from '../../api/quota/evaluators';
import type { Controller, ControllerHost, SyncPlan } from '../controller';
import { refObject, splitKey } from '../controller';

type Obj = Record<string, any>;

/** The resources quota can count here: informer name, API resource and group. */
export const QUOTA_RESOURCES: ReadonlyArray<{ informer: string; resource: string; group: string }> = [
  { informer: 'pods', resource: 'pods', group: '' },
  { informer: 'services', resource: 'services', group: '' },
  { informer: 'configmaps', resource: 'configmaps', group: '' },
  { informer: 'secrets', resource: 'secrets', group: '' },
  { informer: 'persistentvolumeclaims', resource: 'persistentvolumeclaims', group: '' },
  { informer: 'resourcequotas', resource: 'resourcequotas', group: '' },
  { informer: 'serviceaccounts', resource: 'serviceaccounts', group: '' },
  { informer: 'endpoints', resource: 'endpoints', group: '' },
  { informer: 'deployments', resource: 'deployments', group: 'apps' },
  { informer: 'replicasets', resource: 'replicasets', group: 'apps' },
  { informer: 'statefulsets', resource: 'statefulsets', group: 'apps' },
  { informer: 'daemonsets', resource: 'daemonsets', group: 'apps' },
  { informer: 'jobs', resource: 'jobs', group: 'batch' },
  { informer: 'cronjobs', resource: 'cronjobs', group: 'batch' },
];

export class ResourceQuotaController implements Controller {
  readonly name = 'resourcequota';
  /** --concurrent-resource-quota-syncs */
  readonly workers = 5;

  constructor(private readonly host: ControllerHost) {}

  onWatch(informer: string, type: WatchEventType, obj: KObject, old: KObject | undefined): void {
    if (informer === 'resourcequotas') {
      // updateQuota: only a change of spec.hard needs a sync (status writes come back here too)
      if (type === 'MODIFIED' && equals((old?.spec as Obj | undefined)?.hard, (obj.spec as Obj | undefined)?.hard)) return;
      if (type !== 'DELETED') this.host.enqueue(this.name, metaNamespaceKey(obj));
      return;
    }
    const r = QUOTA_RESOURCES.find((x) => x.informer === informer);
    if (!r || !obj.metadata.namespace) return;
    // the quota monitor replenishes on delete, and when a pod stops being charged (turns terminal)
    const replenish = type === 'DELETED' || (type === 'MODIFIED' && r.resource === 'pods' && old !== undefined && quotaV1Pod(old, this.host.now()) && !quotaV1Pod(obj, this.host.now()));
    if (replenish) this.replenishQuota(obj.metadata.namespace, r.resource, r.group);
  }

  /** replenishQuota: queue the namespace's quotas that track something this resource uses. */
  private replenishQuota(namespace: string, resource: string, group: string): void {
    for (const [key, q] of Object.entries(this.host.lister('resourcequotas'))) {
      if (q.metadata.namespace !== namespace) continue;
      if (matchingResources(resourceNames((q.status as Obj | undefined)?.hard), resource, group).length) this.host.enqueue(this.name, key);
    }
  }

  /** CalculateUsage: the usage of every hard resource some evaluator tracks, from the informers. */
  private calculateUsage(namespace: string, hardNames: string[]): ResourceList {
    let used: ResourceList = {};
    const now = this.host.now();
    for (const r of QUOTA_RESOURCES) {
      const matched = matchingResources(hardNames, r.resource, r.group);
      if (matched.length === 0) continue;
      // CalculateUsageStats starts every matched resource at zero
      let sum: ResourceList = Object.fromEntries(matched.map((n) => [n, '0']));
      const store = this.host.lister(r.informer as never) ?? {};
      for (const [key, o] of Object.entries(store)) if (key.startsWith(`${namespace}/`)) sum = add(sum, mask(usage(o, r.resource, r.group, now), matched));
      used = add(used, sum);
    }
    return used;
  }

  syncHandler(key: string): SyncPlan {
    const rq = this.host.lister('resourcequotas')[key] as (KObject & { spec?: Obj; status?: Obj }) | undefined;
    if (!rq) return { desired: '', actual: '', action: 'none', batches: [] };
    const [ns, name] = splitKey(key);
    const hard = canonicalList(rq.spec?.hard);
    const hardNames = resourceNames(hard);
    const used = mask(this.calculateUsage(ns, hardNames), hardNames);
    const dirty = !equals(rq.spec?.hard, rq.status?.hard) || !equals(used, rq.status?.used);
    const show = (l: ResourceList | undefined) => Object.entries(l ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',') || 'none';
    const base = { desired: show(used), actual: show(rq.status?.used), object: refObject(rq) };
    if (!dirty) return { ...base, action: 'none', batches: [] };
    const body = { ...rq, status: { hard, used } } as KObject;
    return {
      ...base,
      action: 'update ResourceQuota status',
      batches: [[{ req: { verb: 'update', resource: 'resourcequotas', subresource: 'status', namespace: ns, name, body }, tag: 'updateStatus', ignore: [404] }]],
    };
  }
}
