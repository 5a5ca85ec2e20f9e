// The garbage collector verifies missing owners with the apiserver before collecting
// (garbagecollector.go attemptToDeleteItem / isDangling), and deletes nothing with a live owner.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import { createCluster } from '../../cluster/cluster';

const rs = (owner: string) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: lonely
  ownerReferences:
  - {apiVersion: apps/v1, kind: Deployment, name: ${owner}, uid: 00000000-0000-4000-8000-000000000000, controller: true}
spec:
  replicas: 1
  selector:
    matchLabels: {app: lonely}
  template:
    metadata:
      labels: {app: lonely}
    spec:
      containers:
      - {name: c, image: nginx}
`;

describe('garbage collector', () => {
  it('collects a ReplicaSet whose owner does not exist, then its pods', () => {
    const t = TestCluster.create().apply(rs('ghost')).runUntilIdle();
    expect(t.c.get('ReplicaSet', 'default', 'lonely')).toBeUndefined();
    expect(t.c.list('Pod', 'default')).toEqual([]);
    const gets = t.traceOf('apiserver.request').filter((e) => e.params.verb === 'get' && e.params.resource === 'deployments');
    expect(gets.map((e) => e.params.name)).toContain('ghost');
  });

  it('removes the orphan and foregroundDeletion finalizers of any kind it watches, cluster-scoped ones too (found by the VOPR)', () => {
    // a ConfigMap, a Service and a Namespace deleted with Orphan or Foreground used to stay Terminating for ever
    for (const policy of ['Orphan', 'Foreground'] as const) {
      const t = TestCluster.create({ seed: 4 })
        .apply('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: b}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n')
        .runUntilIdle();
      for (const ref of [{ kind: 'ConfigMap', name: 'cfg' }, { kind: 'Service', name: 'web' }, { kind: 'Namespace', name: 'shop' }]) {
        expect(t.c.delete({ ...ref, namespace: 'default' }, { propagationPolicy: policy }).ok).toBe(true);
      }
      t.runFor(60_000);
      expect([t.c.get('ConfigMap', 'default', 'cfg'), t.c.get('Service', 'default', 'web'), t.c.get('Namespace', undefined, 'shop')], policy).toEqual([undefined, undefined, undefined]);
    }
  });

  it('finds a cluster-scoped owner in its cache: node Leases owned by their Node stay', () => {
    const t = TestCluster.create({ seed: 4 }).runFor(60_000);
    const leases = t.c.list('Lease', 'kube-node-lease');
    expect(leases.length).toBe(3);
    expect(leases.every((l) => (l.metadata.ownerReferences ?? []).some((r) => r.kind === 'Node'))).toBe(true);
  });

  it('keeps a bare ReplicaSet without owners and its pods', () => {
    const t = TestCluster.create().apply(rs('ghost').replace(/  ownerReferences:\n.*\n/, '')).runUntilIdle();
    expect(t.c.get('ReplicaSet', 'default', 'lonely')).toBeDefined();
    expect(t.c.list('Pod', 'default')).toHaveLength(1);
  });
});

describe('determinism', () => {
  it('same seed, same inputs ⇒ the same trace', () => {
    const run = () => {
      const c = createCluster({ seed: 9 });
      c.runUntilIdle();
      c.apply(rs('ghost').replace(/  ownerReferences:\n.*\n/, '').replace('replicas: 1', 'replicas: 4'));
      c.runUntilIdle();
      return JSON.stringify(c.trace());
    };
    expect(run()).toBe(run());
  });
});
