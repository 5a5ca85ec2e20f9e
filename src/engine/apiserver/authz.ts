// Authorization with the bootstrap policy of a fresh cluster (plugin/pkg/auth/authorizer/rbac
// + bootstrappolicy): cluster-admin for system:masters, system:kube-scheduler and
// system:kube-controller-manager roles, and the Node authorizer for kubelets. Roles and
// bindings stored as objects come with the API machinery issue; the Forbidden text is exact.
import type { UserInfo } from './authn';

export interface Attributes {
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  apiGroup: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

type Rule = { verbs: string[]; resources: string[] };

const SCHEDULER_RULES: Rule[] = [
  { verbs: ['get', 'list', 'watch'], resources: ['pods', 'nodes', 'namespaces'] },
  { verbs: ['create'], resources: ['pods/binding', 'bindings'] },
  { verbs: ['patch', 'update'], resources: ['pods/status'] },
  { verbs: ['delete'], resources: ['pods'] },
  { verbs: ['create', 'patch', 'update'], resources: ['events'] },
  { verbs: ['get', 'create', 'update'], resources: ['leases'] },
];

// The Node authorizer (plugin/pkg/auth/authorizer/node) plus system:node ClusterRole, simplified:
// a kubelet may manage its own Node and Lease, the pods bound to it, and post Events.
const NODE_RULES: Rule[] = [
  { verbs: ['get', 'list', 'watch'], resources: ['pods', 'nodes', 'services', 'endpoints', 'configmaps', 'secrets'] },
  { verbs: ['create', 'update', 'patch'], resources: ['nodes', 'nodes/status', 'pods/status'] },
  { verbs: ['delete'], resources: ['pods'] },
  { verbs: ['create', 'update', 'patch'], resources: ['events'] },
  { verbs: ['get', 'create', 'update', 'patch'], resources: ['leases'] },
];

function matches(rules: Rule[], a: Attributes): boolean {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return rules.some((r) => (r.verbs.includes(a.verb) || r.verbs.includes('*')) && (r.resources.includes(res) || r.resources.includes('*')));
}

export function authorize(u: UserInfo, a: Attributes): Decision {
  if (u.groups.includes('system:masters')) return { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"' };
  if (u.username === 'system:kube-controller-manager') return { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:kube-controller-manager"' };
  if (u.username === 'system:kube-scheduler' && matches(SCHEDULER_RULES, a)) return { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:kube-scheduler" of ClusterRole "system:kube-scheduler" to User "system:kube-scheduler"' };
  if (u.groups.includes('system:nodes') && u.username.startsWith('system:node:') && matches(NODE_RULES, a)) return { allowed: true, reason: 'Node authorizer: allowed for the kubelet of this node' };
  return { allowed: false, reason: '' };
}

/** The exact Forbidden message (apiserver/pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage). */
export function forbiddenMessage(u: UserInfo, a: Attributes): string {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const who = `User "${u.username}"`;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const target = a.name ? `${res} "${a.name}" is forbidden` : `${res} is forbidden`;
  const group = `in API group "${a.apiGroup}"`;
  return `${target}: ${who} cannot ${a.verb} resource "${res}" ${group} ${scope}`;
}
