// The authorizer chain of a kubeadm kube-apiserver (pkg/kubeapiserver/authorizer/config.go):
// the privileged group system:masters first (authorizerfactory.NewPrivilegedGroups), then the
// Node authorizer for kubelets, then RBAC over the Roles and bindings stored in the cluster.
// The Forbidden text is exact.
import type { UserInfo } from './authn';
import { type Attributes, type RbacSource, rbacAuthorize } from './rbac/rbac';

export type { Attributes };

export interface Decision {
  allowed: boolean;
  reason: string;
}

type Rule = { verbs: string[]; resources: string[] };

// The Node authorizer (plugin/pkg/auth/authorizer/node) plus the system:node rules, simplified:
// a kubelet may manage its Node and Lease, read what its pods need, write their status, post Events.
const NODE_RULES: Rule[] = [
  { verbs: ['get', 'list', 'watch'], resources: ['pods', 'nodes', 'services', 'endpoints', 'configmaps', 'secrets', 'persistentvolumeclaims'] },
  { verbs: ['create', 'update', 'patch'], resources: ['nodes', 'nodes/status', 'pods/status'] },
  { verbs: ['delete'], resources: ['pods'] },
  { verbs: ['create', 'update', 'patch'], resources: ['events'] },
  { verbs: ['get', 'create', 'update', 'patch'], resources: ['leases'] },
];

function nodeAllows(a: Attributes): boolean {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return NODE_RULES.some((r) => r.verbs.includes(a.verb) && r.resources.includes(res));
}

export function authorize(u: UserInfo, a: Attributes, rbac: RbacSource): Decision {
  if (u.groups.includes('system:masters')) return { allowed: true, reason: 'allowed: member of the privileged group system:masters' };
  if (u.groups.includes('system:nodes') && u.username.startsWith('system:node:') && nodeAllows(a)) {
    return { allowed: true, reason: `Node authorizer: allowed for the kubelet of ${u.username.slice('system:node:'.length)}` };
  }
  return rbacAuthorize(u, a, rbac);
}

/** The exact Forbidden message (apiserver/pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage). */
export function forbiddenMessage(u: UserInfo, a: Attributes): string {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  const target = a.name ? `${res} "${a.name}" is forbidden` : `${res} is forbidden`;
  return `${target}: User "${u.username}" cannot ${a.verb} resource "${res}" in API group "${a.apiGroup}" ${scope}`;
}
