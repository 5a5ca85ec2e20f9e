// The bootstrap RBAC policy a fresh kubeadm cluster carries (plugin/pkg/auth/authorizer/rbac/
// bootstrappolicy/policy.go), reduced to the roles and bindings this model uses. The admin,
// edit and view rules are the aggregated sets, flattened.
import type { KObject } from '../../api/types';

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

const CORE_READ = [
  'pods', 'pods/log', 'pods/status', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims',
  'persistentvolumeclaims/status', 'configmaps', 'serviceaccounts', 'events', 'limitranges', 'resourcequotas',
  'resourcequotas/status', 'namespaces', 'namespaces/status', 'replicationcontrollers', 'bindings',
];
const APPS = [
  'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status',
  'statefulsets', 'statefulsets/scale', 'statefulsets/status', 'daemonsets', 'daemonsets/status', 'controllerrevisions',
];
const BATCH = ['jobs', 'jobs/status', 'cronjobs', 'cronjobs/status'];

const view: PolicyRule[] = [
  { apiGroups: [''], resources: CORE_READ, verbs: READ },
  { apiGroups: ['apps'], resources: APPS, verbs: READ },
  { apiGroups: ['batch'], resources: BATCH, verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
];

const edit: PolicyRule[] = [
  ...view,
  {
    apiGroups: [''],
    resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'pods/eviction', 'pods/ephemeralcontainers', 'services', 'endpoints', 'persistentvolumeclaims', 'configmaps', 'secrets', 'serviceaccounts', 'replicationcontrollers'],
    verbs: WRITE,
  },
  { apiGroups: [''], resources: ['secrets', 'serviceaccounts/token'], verbs: [...READ, 'create'] },
  { apiGroups: ['apps'], resources: APPS.filter((r) => !r.endsWith('/status')), verbs: WRITE },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
];

const admin: PolicyRule[] = [
  ...edit,
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
];

const scheduler: PolicyRule[] = [
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] },
  { apiGroups: [''], resources: ['nodes', 'namespaces', 'persistentvolumeclaims', 'persistentvolumes', 'services', 'replicationcontrollers'], verbs: READ },
  { apiGroups: [''], resources: ['pods'], verbs: ['delete', ...READ] },
  { apiGroups: [''], resources: ['bindings', 'pods/binding'], verbs: ['create'] },
  { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] },
  { apiGroups: ['apps'], resources: ['replicasets', 'statefulsets'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
  { apiGroups: ['scheduling.k8s.io'], resources: ['priorityclasses'], verbs: READ },
];

// system:node-proxier (policy.go): what kube-proxy lists and watches, and its Events
const nodeProxier: PolicyRule[] = [
  { apiGroups: [''], resources: ['services', 'endpoints'], verbs: ['list', 'watch'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
];

const META = { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };

function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}): KObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels: { ...META.labels, ...labels }, annotations: META.annotations }, rules };
}

function clusterRoleBinding(name: string, role: string, subject: { kind: 'User' | 'Group'; name: string }): KObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, ...META },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
  };
}

export function bootstrapPolicy(): KObject[] {
  return [
    clusterRole('cluster-admin', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    clusterRole('admin', admin),
    clusterRole('edit', edit, { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }),
    clusterRole('view', view, { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }),
    clusterRole('system:kube-scheduler', scheduler),
    // upstream runs each controller with its own service account; one broad role stands for them here
    clusterRole('system:node-proxier', nodeProxier),
    clusterRole('system:kube-controller-manager', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
    clusterRoleBinding('cluster-admin', 'cluster-admin', { kind: 'Group', name: 'system:masters' }),
    // kubeadm ≥1.29 binds admin.conf's group too, so admin access does not rest on system:masters alone
    clusterRoleBinding('kubeadm:cluster-admins', 'cluster-admin', { kind: 'Group', name: 'kubeadm:cluster-admins' }),
    clusterRoleBinding('system:kube-scheduler', 'system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' }),
    clusterRoleBinding('system:kube-controller-manager', 'system:kube-controller-manager', { kind: 'User', name: 'system:kube-controller-manager' }),
    clusterRoleBinding('system:node-proxier', 'system:node-proxier', { kind: 'User', name: 'system:kube-proxy' }),
  ];
}
