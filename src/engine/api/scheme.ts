// The kinds the apiserver serves: group/version, plural resource, scope, etcd prefix and short
// names, as in pkg/registry/*/storage and the discovery documents of kube-apiserver v1.33.

export interface KindInfo {
  kind: string;
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  /** etcd key prefix under /registry (pkg/registry/<group>/<resource>/storage) */
  etcdPrefix: string;
  shortNames: string[];
}

const K = (kind: string, group: string, version: string, resource: string, namespaced: boolean, etcdPrefix: string, shortNames: string[] = []): KindInfo => ({
  kind, group, version, resource, namespaced, etcdPrefix, shortNames,
});

export const KINDS: readonly KindInfo[] = [
  K('Pod', '', 'v1', 'pods', true, 'pods', ['po']),
  K('Node', '', 'v1', 'nodes', false, 'minions', ['no']),
  K('Namespace', '', 'v1', 'namespaces', false, 'namespaces', ['ns']),
  K('Event', '', 'v1', 'events', true, 'events', ['ev']),
  K('Lease', 'coordination.k8s.io', 'v1', 'leases', true, 'leases'),
  K('Deployment', 'apps', 'v1', 'deployments', true, 'deployments', ['deploy']),
  K('ReplicaSet', 'apps', 'v1', 'replicasets', true, 'replicasets', ['rs']),
  K('StatefulSet', 'apps', 'v1', 'statefulsets', true, 'statefulsets', ['sts']),
  K('DaemonSet', 'apps', 'v1', 'daemonsets', true, 'daemonsets', ['ds']),
  K('ControllerRevision', 'apps', 'v1', 'controllerrevisions', true, 'controllerrevisions'),
  K('Job', 'batch', 'v1', 'jobs', true, 'jobs'),
  K('CronJob', 'batch', 'v1', 'cronjobs', true, 'cronjobs', ['cj']),
  K('Service', '', 'v1', 'services', true, 'services/specs', ['svc']),
  K('Endpoints', '', 'v1', 'endpoints', true, 'services/endpoints', ['ep']),
  K('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', true, 'endpointslices'),
  K('ConfigMap', '', 'v1', 'configmaps', true, 'configmaps', ['cm']),
  K('Secret', '', 'v1', 'secrets', true, 'secrets'),
  K('ServiceAccount', '', 'v1', 'serviceaccounts', true, 'serviceaccounts', ['sa']),
  K('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', true, 'persistentvolumeclaims', ['pvc']),
  K('PersistentVolume', '', 'v1', 'persistentvolumes', false, 'persistentvolumes', ['pv']),
  K('LimitRange', '', 'v1', 'limitranges', true, 'limitranges', ['limits']),
  K('ResourceQuota', '', 'v1', 'resourcequotas', true, 'resourcequotas', ['quota']),
  K('Role', 'rbac.authorization.k8s.io', 'v1', 'roles', true, 'roles'),
  K('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false, 'clusterroles'),
  K('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', true, 'rolebindings'),
  K('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false, 'clusterrolebindings'),
  K('PriorityClass', 'scheduling.k8s.io', 'v1', 'priorityclasses', false, 'priorityclasses', ['pc']),
  K('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets', true, 'poddisruptionbudgets', ['pdb']),
];

const byKind = new Map(KINDS.map((k) => [k.kind, k]));
const byResource = new Map(KINDS.map((k) => [k.resource, k]));

export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

export function resourceInfo(resource: string): KindInfo | undefined {
  return byResource.get(resource);
}

export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Resolve `pods`, `pod`, `po`, `Pod`, `deployments.apps` … as kubectl does. */
export function resolveResource(name: string): KindInfo | undefined {
  const lower = name.toLowerCase().split('.')[0];
  return KINDS.find((k) => k.resource === lower || k.kind.toLowerCase() === lower || k.shortNames.includes(lower));
}

/** `pods` for core, `deployments.apps` for named groups: the qualified resource in error messages. */
export function qualifiedResource(info: KindInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

export function etcdKey(info: KindInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `/registry/${info.etcdPrefix}/${namespace}/${name}` : `/registry/${info.etcdPrefix}/${name}`;
}

export function etcdPrefix(info: KindInfo, namespace?: string): string {
  return info.namespaced && namespace ? `/registry/${info.etcdPrefix}/${namespace}/` : `/registry/${info.etcdPrefix}/`;
}
