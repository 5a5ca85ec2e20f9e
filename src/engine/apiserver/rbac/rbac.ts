// Twin of plugin/pkg/auth/authorizer/rbac/rbac.go (RBACAuthorizer.Authorize, RuleAllows) and
// pkg/registry/rbac/validation/rule.go (VisitRulesFor, appliesTo): purely additive allow rules
// from ClusterRoleBindings (cluster-wide) and RoleBindings (their namespace only), read from the
// apiserver's own cache. RBAC never denies: no matching rule means "no opinion".
import type { KObject } from '../../api/types';
import type { UserInfo } from '../authn';
import type { PolicyRule } from './bootstrap-policy';

export interface Attributes {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface Binding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  metadata: { name: string; namespace?: string };
  roleRef: { kind: string; name: string };
  subjects?: Subject[];
}

/** Reads RBAC objects from the cache (etcd key → object). */
export interface RbacSource {
  clusterRoleBindings(): KObject[];
  roleBindings(namespace: string): KObject[];
  clusterRole(name: string): KObject | undefined;
  role(namespace: string, name: string): KObject | undefined;
}

/** appliesTo: does this binding subject name the user? */
export function subjectMatches(s: Subject, u: UserInfo, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === u.username;
    case 'Group':
      return u.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return u.username === `system:serviceaccount:${ns}:${s.name}`;
    }
    default:
      return false;
  }
}

const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

/** RuleAllows (rbac.go): verb, API group, resource (with subresource forms) and resourceNames. */
export function ruleAllows(a: Attributes, r: PolicyRule): boolean {
  if (!has(r.verbs, a.verb)) return false;
  if (!has(r.apiGroups, a.apiGroup)) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources = r.resources ?? [];
  const resOk = a.subresource
    ? resources.some((x) => x === '*' || x === combined || x === `*/${a.subresource}` || x === `${a.resource}/*`)
    : resources.some((x) => x === '*' || x === a.resource);
  if (!resOk) return false;
  if (!r.resourceNames || r.resourceNames.length === 0) return true;
  return !!a.name && r.resourceNames.includes(a.name);
}

function describeSubject(s: Subject, ns: string): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount "${s.namespace || ns}/${s.name}"` : `${s.kind} "${s.name}"`;
}

export interface RbacDecision {
  allowed: boolean;
  reason: string;
}

/** Authorize: the first binding whose role has a rule that allows wins; its description is the reason. */
export function rbacAuthorize(u: UserInfo, a: Attributes, src: RbacSource): RbacDecision {
  for (const o of src.clusterRoleBindings()) {
    const b = o as unknown as Binding;
    const subj = (b.subjects ?? []).find((s) => subjectMatches(s, u, ''));
    if (!subj || b.roleRef.kind !== 'ClusterRole') continue;
    const role = src.clusterRole(b.roleRef.name);
    if (((role?.rules ?? []) as PolicyRule[]).some((r) => ruleAllows(a, r))) {
      return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${b.roleRef.name}" to ${describeSubject(subj, '')}` };
    }
  }
  if (a.namespace) {
    for (const o of src.roleBindings(a.namespace)) {
      const b = o as unknown as Binding;
      const subj = (b.subjects ?? []).find((s) => subjectMatches(s, u, a.namespace!));
      if (!subj) continue;
      const role = b.roleRef.kind === 'ClusterRole' ? src.clusterRole(b.roleRef.name) : src.role(a.namespace, b.roleRef.name);
      if (((role?.rules ?? []) as PolicyRule[]).some((r) => ruleAllows(a, r))) {
        return { allowed: true, reason: `RBAC: allowed by RoleBinding "${b.metadata.name}/${a.namespace}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${describeSubject(subj, a.namespace)}` };
      }
    }
  }
  return { allowed: false, reason: '' };
}
