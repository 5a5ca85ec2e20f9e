// Twin of plugin/pkg/admission/resourcequota (controller.go CheckRequest): the last validating
// plugin. For a CREATE in a namespace with ResourceQuotas, each quota whose status.hard tracks
// what the object consumes must admit it: pods must state cpu/memory once those are under quota
// ("failed quota: <name>: must specify …"), the quota must have usage stats ("status unknown for
// quota"), and used + requested must stay within hard ("exceeded quota: …"). On success the new
// usage is charged to each quota's status in the same etcd txn as the object, guarded by the
// quota's mod revision (upstream updates the quota status first, with the same conflict check).
// Simplified: no scopes/scope selectors, no limitedResources configuration, CREATE only.
import { etcdKey, kindInfo } from '../../api/scheme';
import { add, equals, isZero, lessThanOrEqual, mask, prettyPrint, resourceNames } from '../../api/quota/resources';
import { matchingResources, podConstraints, usage } from '../../api/quota/evaluators';
import { stripForStorage } from '../registry/strategy';
import type { KObject } from '../../api/types';
import { type Obj, type ValidateResult, type ValidationPlugin, forbidden } from './interfaces';

/** install.DefaultIgnoredResources: quota never evaluates these. */
const IGNORED = new Set(['events', 'events.events.k8s.io']);

export const resourceQuotaValidation: ValidationPlugin = {
  name: 'ResourceQuota',
  validate(a, ctx): ValidateResult | undefined {
    const { info } = a;
    if (a.operation !== 'CREATE' || a.subresource || !info.namespaced || !a.namespace) return undefined;
    if (IGNORED.has(info.group ? `${info.resource}.${info.group}` : info.resource)) return undefined;
    const quotas = (ctx.list('ResourceQuota', a.namespace) as Obj[]).slice().sort((x, y) => (x.metadata.name < y.metadata.name ? -1 : 1));
    if (quotas.length === 0) return undefined;
    const interesting: Obj[] = [];
    for (const q of quotas) {
      const hard: Record<string, string> = q.status?.hard ?? {};
      const restricted = matchingResources(resourceNames(hard), info.resource, info.group);
      if (restricted.length === 0) continue; // generic.Matches: the quota tracks nothing this object uses
      if (info.kind === 'Pod') {
        const err = podConstraints(restricted, a.object);
        if (err) return { status: forbidden(a, `failed quota: ${q.metadata.name}: ${err}`) };
      }
      const used: Record<string, string> = q.status?.used ?? {};
      const missing = restricted.filter((n) => !(n in used)).sort();
      if (missing.length) return { status: forbidden(a, `status unknown for quota: ${q.metadata.name}, resources: ${missing.join(',')}`) };
      interesting.push(q);
    }
    if (interesting.length === 0) return undefined;
    const delta = usage(a.object, info.resource, info.group, ctx.nowMs);
    if (isZero(delta)) return undefined;
    const writes: NonNullable<ValidateResult['writes']> = [];
    for (const q of interesting) {
      const hard: Record<string, string> = q.status.hard;
      const used: Record<string, string> = q.status.used ?? {};
      const requested = mask(delta, resourceNames(hard));
      const newUsage = add(used, requested);
      const check = lessThanOrEqual(mask(newUsage, resourceNames(requested)), hard);
      if (!check.allowed) {
        const ex = check.exceeded;
        return { status: forbidden(a, `exceeded quota: ${q.metadata.name}, requested: ${prettyPrint(mask(requested, ex))}, used: ${prettyPrint(mask(used, ex))}, limited: ${prettyPrint(mask(hard, ex))}`) };
      }
      if (equals(newUsage, used)) continue;
      const next = { ...q, status: { ...q.status, used: newUsage } } as unknown as KObject;
      const key = etcdKey(kindInfo('ResourceQuota')!, q.metadata.namespace, q.metadata.name);
      writes.push({ key, modRevision: Number(q.metadata.resourceVersion), op: { op: 'put', key, value: JSON.stringify(stripForStorage(next)) } });
    }
    return { writes };
  },
};
