// Twin of pkg/quota/v1/evaluator/core (pods.go, services.go, persistent_volume_claims.go,
// registry.go) and apiserver/pkg/quota/v1/generic/evaluator.go: what an object charges against a
// ResourceQuota, which quota resource names each evaluator tracks, and the pod Constraints
// ("must specify …"). Shared by ResourceQuota admission and the resource quota controller, as
// upstream shares the quota registry. Simplified: no quota scopes or scope selectors.
import { parseRfc3339 } from '../time';
import { add, formatMilli, milli, type ResourceList } from './resources';

type Obj = Record<string, any>;

/** generic.ObjectCountQuotaResourceNameFor: `count/pods`, `count/deployments.apps`. */
export function objectCountName(resource: string, group: string): string {
  return group ? `count/${resource}.${group}` : `count/${resource}`;
}

/** registry.go legacyObjectCountAliases: the old object count names of a few core resources. */
const LEGACY_ALIASES: Record<string, string> = { configmaps: 'configmaps', resourcequotas: 'resourcequotas', replicationcontrollers: 'replicationcontrollers', secrets: 'secrets' };

const POD_RESOURCES = ['count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods'];
const SERVICE_RESOURCES = ['count/services', 'services', 'services.nodeports', 'services.loadbalancers'];
const PVC_RESOURCES = ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'];

/** The quota resource names an object of this resource can consume (Evaluator.MatchingResources over everything). */
export function trackedResources(resource: string, group: string): string[] {
  if (!group && resource === 'pods') return POD_RESOURCES;
  if (!group && resource === 'services') return SERVICE_RESOURCES;
  if (!group && resource === 'persistentvolumeclaims') return PVC_RESOURCES;
  const alias = !group ? LEGACY_ALIASES[resource] : undefined;
  return alias ? [objectCountName(resource, group), alias] : [objectCountName(resource, group)];
}

/** Evaluator.MatchingResources: the names in `input` this evaluator tracks (hugepages and extended resources left out). */
export function matchingResources(input: string[], resource: string, group: string): string[] {
  const tracked = trackedResources(resource, group);
  return input.filter((n) => tracked.includes(n));
}

/** QuotaV1Pod: terminal pods and pods past their deletion grace are not charged compute resources. */
export function quotaV1Pod(pod: Obj, nowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const m = pod.metadata ?? {};
  if (m.deletionTimestamp && m.deletionGracePeriodSeconds != null) {
    // the deletionTimestamp already includes the grace period; upstream adds it once more
    const at = parseRfc3339(String(m.deletionTimestamp));
    if (!Number.isNaN(at) && nowMs > at + m.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

type Resources = { requests?: ResourceList; limits?: ResourceList };
const containersOf = (spec: Obj, field: 'containers' | 'initContainers'): Obj[] => (Array.isArray(spec?.[field]) ? spec[field] : []);

function addInto(acc: Record<string, { m: number; q: string }>, l: ResourceList | undefined): void {
  for (const [k, v] of Object.entries(l ?? {})) {
    const cur = acc[k];
    acc[k] = cur ? { m: cur.m + milli(v), q: cur.m === 0 ? v : cur.q } : { m: milli(v), q: v };
  }
}

function maxInto(acc: Record<string, { m: number; q: string }>, l: Record<string, { m: number; q: string }>): void {
  for (const [k, v] of Object.entries(l)) if (!acc[k] || v.m > acc[k].m) acc[k] = { ...v };
}

/**
 * component-helpers/resource PodRequests / PodLimits: the sum over containers, restartable
 * init containers (sidecars) added to it, the largest regular init container (plus the sidecars
 * started before it) as a floor, then the pod overhead.
 */
export function podResourceList(pod: Obj, which: keyof Resources): ResourceList {
  const spec = pod.spec ?? {};
  const sum: Record<string, { m: number; q: string }> = {};
  for (const c of containersOf(spec, 'containers')) addInto(sum, c.resources?.[which]);
  const sidecars: Record<string, { m: number; q: string }> = {};
  const initMax: Record<string, { m: number; q: string }> = {};
  for (const c of containersOf(spec, 'initContainers')) {
    const own = c.resources?.[which] as ResourceList | undefined;
    if (c.restartPolicy === 'Always') {
      addInto(sum, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const tmp: Record<string, { m: number; q: string }> = {};
      addInto(tmp, own);
      for (const [k, v] of Object.entries(sidecars)) addInto(tmp, { [k]: asQuantity(v) });
      maxInto(initMax, tmp);
    }
  }
  maxInto(sum, initMax);
  if (spec.overhead) addInto(sum, spec.overhead);
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(sum)) out[k] = asQuantity(v);
  return out;
}

const asQuantity = (v: { m: number; q: string }): string => formatMilli(v.m, /[KMGTPE]i$/.test(String(v.q)) ? 'BinarySI' : 'DecimalSI');

/** podComputeUsageHelper: pods=1 and the compute resources under their quota names. */
function podComputeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const r: ResourceList = { pods: '1' };
  for (const res of ['cpu', 'memory', 'ephemeral-storage']) {
    if (res in requests) {
      r[res] = requests[res];
      r[`requests.${res}`] = requests[res];
    }
    if (res in limits) r[`limits.${res}`] = limits[res];
  }
  return r;
}

/** Evaluator.Usage: what one object charges. */
export function usage(obj: Obj, resource: string, group: string, nowMs: number): ResourceList {
  if (!group && resource === 'pods') {
    // the object count is always charged; compute resources only while the pod is alive
    const r: ResourceList = { 'count/pods': '1' };
    if (!quotaV1Pod(obj, nowMs)) return r;
    return add(r, podComputeUsage(podResourceList(obj, 'requests'), podResourceList(obj, 'limits')));
  }
  if (!group && resource === 'services') {
    const type = obj.spec?.type ?? 'ClusterIP';
    const ports: Obj[] = Array.isArray(obj.spec?.ports) ? obj.spec.ports : [];
    const r: ResourceList = { 'count/services': '1', services: '1', 'services.loadbalancers': type === 'LoadBalancer' ? '1' : '0', 'services.nodeports': '0' };
    if (type === 'NodePort' || type === 'LoadBalancer') r['services.nodeports'] = String(ports.length);
    return r;
  }
  if (!group && resource === 'persistentvolumeclaims') {
    const r: ResourceList = { 'count/persistentvolumeclaims': '1', persistentvolumeclaims: '1' };
    const storage = obj.spec?.resources?.requests?.storage;
    if (storage !== undefined) r['requests.storage'] = String(storage);
    return r;
  }
  const r: ResourceList = { [objectCountName(resource, group)]: '1' };
  const alias = !group ? LEGACY_ALIASES[resource] : undefined;
  if (alias) r[alias] = '1';
  return r;
}

/** The cpu/memory names that, once quota tracks them, every container must state (pods.go validationSet). */
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/**
 * podEvaluator.Constraints: with cpu or memory under quota, each container must set them;
 * the error lists each missing name with its containers, e.g. `must specify limits.cpu for: app`.
 */
export function podConstraints(required: string[], pod: Obj): string | undefined {
  const req = required.filter((n) => VALIDATION_SET.includes(n));
  const missing: Record<string, string[]> = {};
  for (const c of [...containersOf(pod.spec ?? {}, 'containers'), ...containersOf(pod.spec ?? {}, 'initContainers')]) {
    const have = podComputeUsage(c.resources?.requests ?? {}, c.resources?.limits ?? {});
    for (const n of req) if (!(n in have)) (missing[n] ??= []).includes(c.name) || missing[n].push(c.name);
  }
  const names = Object.keys(missing).sort();
  if (names.length === 0) return undefined;
  return `must specify ${names.map((n) => `${n} for: ${[...missing[n]].sort().join(',')}`).join('; ')}`;
}
