// Discovery as kube-apiserver serves it, unaggregated (kubectl falls back to it when the answer is
// not apidiscovery.k8s.io/v2): /version (staging/src/k8s.io/apiserver/pkg/endpoints/discovery/
// version.go), /api (legacy.go), /apis (root.go), /api/v1 and /apis/<group>/<version>
// (group.go, the APIResourceList of each installed storage, endpoints/installer.go). Verbs, short
// names and categories are those of the kube-apiserver v1.33 registries (pkg/registry/*/storage).
import { KINDS, type KindInfo } from '../engine';

export interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  group?: string;
  version?: string;
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** namespaces have no deletecollection (pkg/registry/core/namespace/storage) */
const NO_COLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** `kubectl get all`: the storages that report the "all" category (CategoriesProvider) */
const CATEGORY_ALL = new Set(['pods', 'services', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']);

/** subresources per resource: name → [kind, group, version, verbs] */
const SUBRESOURCES: Record<string, Array<[string, string, string, string, string[]]>> = {
  pods: [
    ['attach', 'PodAttachOptions', '', 'v1', ['create', 'get']],
    ['binding', 'Binding', '', 'v1', ['create']],
    ['ephemeralcontainers', 'Pod', '', 'v1', ['get', 'patch', 'update']],
    ['eviction', 'Eviction', 'policy', 'v1', ['create']],
    ['exec', 'PodExecOptions', '', 'v1', ['create', 'get']],
    ['log', 'Pod', '', 'v1', ['get']],
    ['status', 'Pod', '', 'v1', ['get', 'patch', 'update']],
  ],
  deployments: [
    ['scale', 'Scale', 'autoscaling', 'v1', ['get', 'patch', 'update']],
    ['status', 'Deployment', '', '', ['get', 'patch', 'update']],
  ],
  replicasets: [
    ['scale', 'Scale', 'autoscaling', 'v1', ['get', 'patch', 'update']],
    ['status', 'ReplicaSet', '', '', ['get', 'patch', 'update']],
  ],
  statefulsets: [
    ['scale', 'Scale', 'autoscaling', 'v1', ['get', 'patch', 'update']],
    ['status', 'StatefulSet', '', '', ['get', 'patch', 'update']],
  ],
  namespaces: [
    ['finalize', 'Namespace', '', '', ['update']],
    ['status', 'Namespace', '', '', ['get', 'patch', 'update']],
  ],
};
const WITH_STATUS = new Set(['nodes', 'daemonsets', 'jobs', 'cronjobs', 'services', 'persistentvolumeclaims', 'persistentvolumes', 'resourcequotas', 'poddisruptionbudgets']);

export const DISCOVERY_VERSION = { major: '1', minor: '33', gitVersion: 'v1.33.0', gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean', buildDate: '2025-04-23T00:00:00Z', goVersion: 'go1.24.2', compiler: 'gc', platform: 'linux/amd64' };

/** resources served by src/rest itself, not stored (pkg/registry/authorization/selfsubjectaccessreview) */
export const REVIEW_RESOURCES: Array<ApiResource & { group: string; version: string }> = [
  { group: 'authorization.k8s.io', version: 'v1', name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] },
];

/** metrics-server's aggregated API (served by src/rest/metrics.ts, simulated usage) */
export const METRICS_RESOURCES: Array<ApiResource & { group: string; version: string }> = [
  { group: 'metrics.k8s.io', version: 'v1beta1', name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
  { group: 'metrics.k8s.io', version: 'v1beta1', name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
];

/** group → versions served, core ("") first, then groups in kube-apiserver's priority order */
export function groups(): Array<{ group: string; version: string }> {
  const seen = new Map<string, string>();
  for (const k of [...KINDS, ...REVIEW_RESOURCES, ...METRICS_RESOURCES]) if (!seen.has(k.group)) seen.set(k.group, k.version);
  return [...seen].map(([group, version]) => ({ group, version }));
}

/** APIResourceList entries of one group version, subresources after their resource (installer.go order: sorted by path). */
export function resourcesOf(group: string, version: string): ApiResource[] {
  const out: ApiResource[] = [];
  const kinds = KINDS.filter((k) => k.group === group && k.version === version).sort((a, b) => (a.resource < b.resource ? -1 : 1));
  for (const k of kinds) {
    out.push(resourceEntry(k));
    const subs = [...(SUBRESOURCES[k.resource] ?? [])];
    if (WITH_STATUS.has(k.resource)) subs.push(['status', k.kind, '', '', ['get', 'patch', 'update']]);
    for (const [sub, kind, g, v, verbs] of subs.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const r: ApiResource = { name: `${k.resource}/${sub}`, singularName: '', namespaced: k.namespaced, kind, verbs };
      if (g) r.group = g;
      if (v && (g || v !== version)) r.version = v;
      out.push(r);
    }
  }
  for (const { group: g, version: v, ...r } of [...REVIEW_RESOURCES, ...METRICS_RESOURCES]) if (g === group && v === version) out.push(r);
  return out;
}

function resourceEntry(k: KindInfo): ApiResource {
  const r: ApiResource = { name: k.resource, singularName: k.kind.toLowerCase(), namespaced: k.namespaced, kind: k.kind, verbs: k.resource === 'namespaces' ? NO_COLLECTION : ALL };
  if (k.shortNames.length) r.shortNames = [...k.shortNames];
  if (CATEGORY_ALL.has(k.resource)) r.categories = ['all'];
  return r;
}

/** GET /api: APIVersions */
export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** GET /apis: APIGroupList (the core group is not in it) */
export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().filter((g) => g.group).map((g) => apiGroup(g.group)!) };
}

/** GET /apis/<group>: APIGroup */
export function apiGroup(group: string): object | undefined {
  const g = groups().find((x) => x.group === group && group);
  if (!g) return undefined;
  const gv = { groupVersion: `${g.group}/${g.version}`, version: g.version };
  return { kind: 'APIGroup', apiVersion: 'v1', name: g.group, versions: [gv], preferredVersion: gv };
}

/** GET /api/v1, /apis/<group>/<version>: APIResourceList */
export function apiResourceList(group: string, version: string): object | undefined {
  if (!groups().some((g) => g.group === group && g.version === version)) return undefined;
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: resourcesOf(group, version) };
}
