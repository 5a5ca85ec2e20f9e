import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { type Attributes, type RbacSource, rbacAuthorize } from './rbac';
import { bootstrapPolicy } from './bootstrap-policy';
import { createCluster } from '../../cluster/cluster';

const RBAC = 'rbac.authorization.k8s.io/v1';
const objects: KObject[] = [
  ...bootstrapPolicy(),
  { apiVersion: RBAC, kind: 'Role', metadata: { name: 'cfg-reader', namespace: 'team-a' }, rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get'] }] },
  { apiVersion: RBAC, kind: 'Role', metadata: { name: 'scaler', namespace: 'team-a' }, rules: [{ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] }] },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'alice-view', namespace: 'default' }, roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'alice' }] },
  { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'devs-edit' }, roleRef: { kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'Group', name: 'devs' }] },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'carol-admin', namespace: 'team-a' }, roleRef: { kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'User', name: 'carol' }] },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'builder', namespace: 'team-a' }, roleRef: { kind: 'Role', name: 'cfg-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'builder' }] },
  { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'dave-scale', namespace: 'team-a' }, roleRef: { kind: 'Role', name: 'scaler' }, subjects: [{ kind: 'User', name: 'dave' }] },
];

const src: RbacSource = {
  clusterRoleBindings: () => objects.filter((o) => o.kind === 'ClusterRoleBinding'),
  roleBindings: (ns) => objects.filter((o) => o.kind === 'RoleBinding' && o.metadata.namespace === ns),
  clusterRole: (n) => objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === n),
  role: (ns, n) => objects.find((o) => o.kind === 'Role' && o.metadata.namespace === ns && o.metadata.name === n),
};

const users = {
  alice: { username: 'alice', groups: ['system:authenticated'] },
  bob: { username: 'bob', groups: ['devs', 'system:authenticated'] },
  carol: { username: 'carol', groups: ['system:authenticated'] },
  builder: { username: 'system:serviceaccount:team-a:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'] },
  dave: { username: 'dave', groups: ['system:authenticated'] },
  admin: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] },
};

const a = (verb: string, resource: string, namespace?: string, extra: Partial<Attributes> = {}): Attributes => ({ verb, apiGroup: '', resource, namespace, ...extra });

describe('RBAC decision matrix (plugin/pkg/auth/authorizer/rbac)', () => {
  it.each([
    ['alice', a('list', 'pods', 'default'), true],
    ['alice', a('get', 'pods', 'default', { subresource: 'log' }), true],
    ['alice', a('create', 'pods', 'default'), false],
    ['alice', a('list', 'pods', 'kube-system'), false],
    ['alice', a('get', 'secrets', 'default'), false],
    ['alice', a('list', 'nodes'), false],
    ['bob', a('create', 'pods', 'kube-system'), true],
    ['bob', a('delete', 'deployments', 'team-a', { apiGroup: 'apps' }), true],
    ['bob', a('create', 'roles', 'team-a', { apiGroup: 'rbac.authorization.k8s.io' }), false],
    ['bob', a('list', 'nodes'), false],
    ['carol', a('create', 'roles', 'team-a', { apiGroup: 'rbac.authorization.k8s.io' }), true],
    ['carol', a('create', 'roles', 'default', { apiGroup: 'rbac.authorization.k8s.io' }), false],
    ['builder', a('get', 'configmaps', 'team-a', { name: 'app-config' }), true],
    ['builder', a('get', 'configmaps', 'team-a', { name: 'other' }), false],
    ['builder', a('list', 'configmaps', 'team-a'), false],
    ['dave', a('update', 'deployments', 'team-a', { apiGroup: 'apps', subresource: 'scale' }), true],
    ['dave', a('update', 'deployments', 'team-a', { apiGroup: 'apps' }), false],
    ['admin', a('delete', 'nodes', undefined, { name: 'node-1' }), true],
    ['admin', a('escalate', 'clusterroles', undefined, { apiGroup: 'rbac.authorization.k8s.io' }), true],
  ] as const)('%s %j → %s', (who, attrs, allowed) => {
    expect(rbacAuthorize(users[who], attrs, src).allowed).toBe(allowed);
  });

  it('names the binding that allowed the request', () => {
    expect(rbacAuthorize(users.admin, a('get', 'pods', 'default'), src).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    );
    expect(rbacAuthorize(users.builder, a('get', 'configmaps', 'team-a', { name: 'app-config' }), src).reason).toBe(
      'RBAC: allowed by RoleBinding "builder/team-a" of Role "cfg-reader" to ServiceAccount "team-a/builder"',
    );
  });
});

describe('RBAC through kubectl', () => {
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;
  it('forbids alice until a RoleBinding grants edit in her namespace, and then only there', () => {
    const c = createCluster();
    c.runUntilIdle();
    expect(c.apply(pod, { user: 'alice' })[0].status?.message).toBe('pods "nginx" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"');
    const grant = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice-edit
  namespace: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
subjects:
- kind: User
  name: alice
  apiGroup: rbac.authorization.k8s.io
`;
    expect(c.apply(grant)[0]).toMatchObject({ ok: true, action: 'created' });
    c.runUntilIdle();
    expect(c.apply(pod, { user: 'alice' })[0]).toMatchObject({ ok: true, action: 'created' });
    const ns = c.apply(pod.replace('name: nginx\n', 'name: nginx\n  namespace: kube-system\n'), { user: 'alice' })[0];
    expect(ns.status?.message).toBe('pods "nginx" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "kube-system"');
    const auth = c.trace().filter((e) => e.type === 'apiserver.authorize').filter((e) => e.params.user === 'alice' && e.params.allowed);
    expect(auth[0]?.params.reason).toBe('RBAC: allowed by RoleBinding "alice-edit/default" of ClusterRole "edit" to User "alice"');
  });
});
