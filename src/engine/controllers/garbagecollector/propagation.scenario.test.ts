// Deletion propagation end to end: DeleteOptions.propagationPolicy (kubectl --cascade) sets the
// finalizers (registry/generic/registry/store.go), and the garbage collector carries them out
// (garbagecollector.go processDeletingDependentsItem, attemptToOrphanWorker).
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import type { KObject } from '../../api/types';
import type { TraceEvent } from '../../kernel/types';
import { rfc3339 } from '../../api/time';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: nginx, image: nginx:1.27}
`;

const running = () => {
  const t = TestCluster.create({ seed: 3 }).apply(deployment).runUntilIdle();
  const rs = t.c.list('ReplicaSet', 'default')[0];
  expect(t.c.list('Pod', 'default')).toHaveLength(2);
  return { t, rs };
};

/** The virtual time at which each object's key left etcd (from the apiserver's DELETE/PATCH that removed it). */
function goneAt(t: TestCluster, kind: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of t.c.trace()) {
    if (e.type === 'etcd.delete' && e.object?.kind === kind) out[e.object.name] = e.t;
  }
  return out;
}

describe('Foreground deletion of a Deployment', () => {
  it('deletes the pods first, then the ReplicaSet, then the Deployment', () => {
    const { t, rs } = running();
    const r = t.c.delete({ kind: 'Deployment', namespace: 'default', name: 'web' }, { cascade: 'foreground' });
    expect(r).toMatchObject({ ok: true, action: 'deleted' });
    // the Deployment stays, marked, with the finalizer the policy asked for
    const d = t.c.get('Deployment', 'default', 'web')!;
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(d.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    t.runUntil((x) => !x.c.get('Deployment', 'default', 'web'), 120_000);
    const pods = Object.values(goneAt(t, 'Pod'));
    const rsGone = goneAt(t, 'ReplicaSet')[rs.metadata.name];
    const dGone = goneAt(t, 'Deployment').web;
    expect(pods).toHaveLength(2);
    expect(Math.max(...pods)).toBeLessThan(rsGone);
    expect(rsGone).toBeLessThan(dGone);
    // the pods had their graceful termination (nginx stops on SIGQUIT well within 30 s)
    expect(Math.min(...pods)).toBeGreaterThan(t.traceOf('apiserver.request').find((e) => e.params.verb === 'delete' && e.params.resource === 'deployments')!.t);
    // the GC narrated why it deleted the ReplicaSet
    const why = t.traceOf('controller.sync').find((e) => e.key === 'gc.delete_dependent' && e.params.kind === 'replicaset');
    expect(why?.params).toMatchObject({ name: rs.metadata.name, ownerKind: 'deployment', owner: 'web', because: 'foreground', policy: 'Foreground' });
    expect(t.traceOf('controller.sync').some((e) => e.key === 'gc.remove_finalizer' && e.params.kind === 'deployment')).toBe(true);
  });
});

describe('Orphan deletion', () => {
  it('of a Deployment leaves its ReplicaSet without ownerReferences, and the pods running', () => {
    const { t, rs } = running();
    const r = t.c.delete({ kind: 'Deployment', namespace: 'default', name: 'web' }, { cascade: 'orphan' });
    expect(r.ok).toBe(true);
    expect(t.c.get('Deployment', 'default', 'web')?.metadata.finalizers).toEqual(['orphan']);
    t.runUntilIdle();
    expect(t.c.get('Deployment', 'default', 'web')).toBeUndefined();
    const left = t.c.get('ReplicaSet', 'default', rs.metadata.name)!;
    expect(left.metadata.ownerReferences).toBeUndefined();
    const pods = t.c.list('Pod', 'default');
    expect(pods).toHaveLength(2);
    // the pods still belong to the ReplicaSet: only the deleted owner's references go
    expect(pods.every((p) => (p.metadata.ownerReferences as Array<{ uid: string }>)[0].uid === rs.metadata.uid)).toBe(true);
    expect(pods.every((p) => !p.metadata.deletionTimestamp && t.status(p.metadata.name) === 'Running')).toBe(true);
  });

  it('of the ReplicaSet then leaves the pods with no ownerReferences at all', () => {
    const { t, rs } = running();
    t.c.delete({ kind: 'Deployment', namespace: 'default', name: 'web' }, { cascade: 'orphan' });
    t.runUntilIdle();
    t.c.delete({ kind: 'ReplicaSet', namespace: 'default', name: rs.metadata.name }, { cascade: 'orphan' });
    t.runUntilIdle();
    expect(t.c.get('ReplicaSet', 'default', rs.metadata.name)).toBeUndefined();
    const pods = t.c.list('Pod', 'default');
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata.ownerReferences)).toEqual([undefined, undefined]);
    const orphaned = t.traceOf('controller.sync').filter((e) => e.key === 'gc.orphan');
    expect(orphaned.map((e) => [e.params.kind, e.params.count])).toEqual([
      ['deployment', 1],
      ['replicaset', 2],
    ]);
  });
});

describe('Background deletion (kubectl default)', () => {
  it('removes the Deployment at once and the GC collects the ReplicaSet and pods', () => {
    const { t } = running();
    t.c.delete({ kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(t.c.get('Deployment', 'default', 'web')).toBeUndefined();
    t.runUntilIdle();
    expect(t.c.list('ReplicaSet', 'default')).toEqual([]);
    expect(t.c.list('Pod', 'default')).toEqual([]);
    const req = t.traceOf('apiserver.request').find((e) => e.params.verb === 'delete' && e.params.resource === 'deployments');
    expect(req).toBeDefined();
  });
});

const configMap = (finalizers: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  finalizers: [${finalizers}]
data: {a: "1"}
`;

describe('finalizers', () => {
  it('a user finalizer keeps a deleted object until it is removed', () => {
    const t = TestCluster.create({ seed: 4 }).apply(configMap('example.com/block')).runUntilIdle();
    expect(t.lastResults[0].ok).toBe(true);
    const at = t.c.now();
    const r = t.c.delete({ kind: 'ConfigMap', namespace: 'default', name: 'settings' });
    expect(r).toMatchObject({ ok: true, action: 'deleted' });
    t.runFor(60_000);
    const cm = t.c.get('ConfigMap', 'default', 'settings') as KObject;
    expect(cm.metadata.deletionTimestamp).toBe(rfc3339(at));
    expect(cm.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(cm.metadata.finalizers).toEqual(['example.com/block']);
    // deleting again changes nothing and answers with the object
    const again = t.c.delete({ kind: 'ConfigMap', namespace: 'default', name: 'settings' });
    expect(again.ok).toBe(true);
    expect(t.c.get('ConfigMap', 'default', 'settings')!.metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
    // updates still work while it is being deleted
    expect(t.c.apply(configMap('example.com/block').replace('a: "1"', 'a: "2"'))[0]).toMatchObject({ ok: true, action: 'configured' });
    expect((t.c.get('ConfigMap', 'default', 'settings') as KObject & { data: Record<string, string> }).data.a).toBe('2');
    // but no new finalizer may be added
    const added = t.c.apply(configMap('example.com/block, example.com/more'))[0];
    expect(added.ok).toBe(false);
    expect(added.status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'ConfigMap "settings" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
    });
    // removing the last finalizer deletes it
    expect(t.c.apply(configMap(''))[0].ok).toBe(true);
    expect(t.c.get('ConfigMap', 'default', 'settings')).toBeUndefined();
  });

  it('an object without finalizers is deleted at once', () => {
    const t = TestCluster.create({ seed: 4 }).apply(configMap('')).runUntilIdle();
    t.c.delete({ kind: 'ConfigMap', namespace: 'default', name: 'settings' });
    expect(t.c.get('ConfigMap', 'default', 'settings')).toBeUndefined();
  });
});
