// Who kubectl is: the identities the editor can send with Apply / Delete (the `as` of the APPLY
// and DELETE commands, i.e. the client certificate's CN and O as the apiserver authenticates them).
import type { UserIdentity } from '../../protocol/messages';

export interface KubectlIdentity extends Required<UserIdentity> {
  id: string;
  /** what the picker shows */
  label: string;
}

export const IDENTITIES: KubectlIdentity[] = [
  // kubeadm's admin.conf (since 1.29 in group kubeadm:cluster-admins, bound to cluster-admin); the engine's default
  { id: 'admin', label: 'kubernetes-admin', user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] },
  // no groups but system:authenticated: forbidden until a binding names them (examples/rbac-alice.yaml)
  { id: 'alice', label: 'alice', user: 'alice', groups: [] },
  { id: 'bob', label: 'bob', user: 'bob', groups: [] },
  // a pod's token: the ServiceAccount groups (serviceaccount.MakeGroupNames)
  {
    id: 'sa-default',
    label: 'system:serviceaccount:default:default',
    user: 'system:serviceaccount:default:default',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:default'],
  },
];

export const DEFAULT_IDENTITY = IDENTITIES[0];

export function identityById(id: string): KubectlIdentity {
  return IDENTITIES.find((i) => i.id === id) ?? DEFAULT_IDENTITY;
}

/** What the worker is sent: the user and groups only. */
export function asOf(i: KubectlIdentity): UserIdentity {
  return { user: i.user, groups: [...i.groups] };
}
