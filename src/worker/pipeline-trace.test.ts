// The UI's request pipeline (src/ui/store/pipeline.ts) folded from the real engine's trace: each
// stage shows the verdict the apiserver traced, and a rejection stops at its stage with its Status.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import { RBAC_ALICE, STARTER_POD } from '../ui/editor/examples';
import { asOf, identityById } from '../ui/editor/identities';
import { nextPipeline, STAGES, type PipelineRequest } from '../folds/pipeline';

function cluster() {
  const c = createCluster({ seed: 1, nodes: 2 });
  c.runUntilIdle();
  /** apply as `who`, fold the trace it produced (in batches of 5, as frames would) */
  const apply = (yaml: string, who = 'admin') => {
    const from = c.trace().length;
    const results = c.apply(yaml, asOf(identityById(who)));
    const events = c.trace().slice(from);
    let p: PipelineRequest | null = null;
    for (let i = 0; i < events.length; i += 5) p = nextPipeline(p, events.slice(i, i + 5));
    return { results, p: p! };
  };
  return { c, apply };
}

const states = (p: PipelineRequest) => STAGES.map((s) => p.stages[s].state);

describe('the request pipeline from the trace', () => {
  it('passes a Pod through every stage as kubernetes-admin, with the fields admission filled in', () => {
    const { c, apply } = cluster();
    const { results, p } = apply(STARTER_POD);
    expect(results[0]).toMatchObject({ ok: true, action: 'created' });
    expect(p).toMatchObject({ method: 'POST', path: '/api/v1/namespaces/default/pods', user: 'kubernetes-admin', done: true, code: 201 });
    expect(p.groups).toBe('kubeadm:cluster-admins,system:authenticated');
    expect(states(p)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(p.stages.authz.note).toBe('RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"');
    expect(p.admission.defaulted).toEqual(expect.arrayContaining(['spec.restartPolicy', 'spec.containers[0].imagePullPolicy']));
    expect(p.stages.mutating.note).toBe(`${p.admission.defaulted.length} fields set`);
    const pod = c.get('Pod', 'default', 'nginx') as { metadata: { creationTimestamp: string } };
    expect(pod).toBeDefined();
    expect(p.stages.etcd.note).toMatch(/^revision \d+$/);
  });

  it("stops alice's apply at authorization: kubectl's GET is forbidden", () => {
    const { apply } = cluster();
    const { results, p } = apply(STARTER_POD, 'alice');
    const message = 'pods "nginx" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"';
    expect(results[0].status).toMatchObject({ code: 403, message });
    expect(p).toMatchObject({ method: 'GET', user: 'alice', done: true, code: 403, reason: 'Forbidden', message });
    expect(states(p)).toEqual(['ok', 'failed', 'skipped', 'skipped', 'skipped', 'idle']);
  });

  it("stops bob's POST at authorization with the RBAC verdict once he may only view", () => {
    const { apply } = cluster();
    expect(apply(RBAC_ALICE).results.map((r) => r.action)).toEqual(['created', 'created']);
    const { results, p } = apply(STARTER_POD, 'bob');
    const message = 'pods is forbidden: User "bob" cannot create resource "pods" in API group "" in the namespace "default"';
    expect(results[0].status).toMatchObject({ code: 403, message });
    expect(p).toMatchObject({ method: 'POST', code: 403, message });
    expect(states(p)).toEqual(['ok', 'failed', 'idle', 'idle', 'idle', 'idle']);
    // and alice, bound to edit, gets through
    const alice = apply(STARTER_POD, 'alice');
    expect(alice.results[0]).toMatchObject({ ok: true, action: 'created' });
    // upstream writes name/namespace (pkg/registry/rbac/validation/rule.go roleBindingDescriber)
    expect(alice.p.stages.authz.note).toBe('RBAC: allowed by RoleBinding "alice-edit/default" of ClusterRole "edit" to User "alice"');
  });

  it('stops an invalid Pod at validation with the 422 Status', () => {
    const { apply } = cluster();
    const { p } = apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n');
    expect(states(p)).toEqual(['ok', 'ok', 'ok', 'failed', 'idle', 'idle']);
    expect(p).toMatchObject({ code: 422, reason: 'Invalid', message: 'Pod "x" is invalid: spec.containers[0].image: Required value' });
  });

  it('shows a DELETE as the serviceaccount identity forbidden at authorization', () => {
    const { c } = cluster();
    const from = c.trace().length;
    c.deleteManifest(STARTER_POD, {}, asOf(identityById('sa-default')));
    const p = nextPipeline(null, c.trace().slice(from))!;
    expect(p).toMatchObject({ method: 'DELETE', user: 'system:serviceaccount:default:default', code: 403 });
    expect(p.groups).toBe('system:serviceaccounts,system:serviceaccounts:default,system:authenticated');
    expect(states(p)[1]).toBe('failed');
  });
});
