// Namespace deletion end to end: the namespace REST's Delete marks it Terminating, the
// NamespaceLifecycle admission plugin refuses new content, the namespace controller removes
// everything in it (pods first) and then its `kubernetes` finalizer through namespaces/finalize.
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../../testing/test-cluster';
import { rfc3339 } from '../../api/time';
import type { KObject } from '../../api/types';
import { NAMESPACE_DELETION_GRACE_PERIOD_MS } from './namespace-controller';

const app = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - {port: 80}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data: {greeting: hello}
`;

const pod = (ns: string) => `apiVersion: v1
kind: Pod
metadata:
  name: late
  namespace: ${ns}
spec:
  containers:
  - {name: c, image: nginx:1.27}
`;

type Cond = { type: string; status: string; reason: string; message: string };

describe('namespace deletion', () => {
  it('marks the namespace Terminating, empties it, then removes it', () => {
    const t = TestCluster.create({ seed: 5 }).apply(app).runUntilIdle();
    expect(t.lastResults.every((r) => r.ok)).toBe(true);
    expect(t.c.list('Pod', 'shop')).toHaveLength(2);
    const at = t.c.now();
    const r = t.c.delete({ kind: 'Namespace', name: 'shop' });
    expect(r).toMatchObject({ ok: true, action: 'deleted' });
    const ns = t.c.get('Namespace', undefined, 'shop') as KObject & { spec: { finalizers: string[] }; status: { phase: string } };
    expect(ns.status.phase).toBe('Terminating');
    expect(ns.metadata.deletionTimestamp).toBe(rfc3339(at));
    expect(ns.spec.finalizers).toEqual(['kubernetes']);

    // NamespaceLifecycle: nothing new in a terminating namespace
    const refused = t.c.apply(pod('shop'))[0];
    expect(refused.ok).toBe(false);
    expect(refused.status).toMatchObject({ code: 403, reason: 'Forbidden', message: 'pods "late" is forbidden: unable to create new content in namespace shop because it is being terminated' });
    expect(refused.status?.details?.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace shop is being terminated', field: 'metadata.namespace' }]);

    // the controller waits namespaceDeletionGracePeriod before it starts
    t.runFor(NAMESPACE_DELETION_GRACE_PERIOD_MS - 100);
    expect(t.c.list('Pod', 'shop').every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    t.runUntil((x) => !x.c.get('Namespace', undefined, 'shop'), 180_000);
    for (const kind of ['Deployment', 'ReplicaSet', 'Pod', 'Service', 'ConfigMap', 'EndpointSlice']) expect(t.c.list(kind, 'shop')).toEqual([]);

    const deletes = t.traceOf('apiserver.request').filter((e) => e.from === 'controller-manager' && e.params.verb === 'delete' && e.params.namespace === 'shop' && e.t > at);
    const firstOf = (res: string) => deletes.find((e) => e.params.resource === res)!.t;
    // pods first (OrderedNamespaceDeletion): the rest only once no pod is left
    const podsGone = Math.max(...t.c.trace().filter((e) => e.type === 'etcd.delete' && e.object?.kind === 'Pod').map((e) => e.t));
    expect(firstOf('pods')).toBeGreaterThanOrEqual(at + NAMESPACE_DELETION_GRACE_PERIOD_MS);
    for (const res of ['deployments', 'services', 'configmaps']) expect(firstOf(res)).toBeGreaterThan(podsGone);
    // the finalize subresource is how the namespace goes
    const fin = t.traceOf('apiserver.request').find((e) => e.params.resource === 'namespaces/finalize');
    expect(fin?.params).toMatchObject({ method: 'PUT', path: '/api/v1/namespaces/shop/finalize' });
    expect(t.traceOf('controller.sync').some((e) => e.key === 'namespace.delete_content' && e.params.namespace === 'shop')).toBe(true);
  });

  it('finalizes once: the finalize answer ends the sync (found by the VOPR: it re-finalized every 2 ms, forever)', () => {
    const t = TestCluster.create({ seed: 5 }).apply(app).runUntilIdle();
    t.c.delete({ kind: 'Namespace', name: 'shop' });
    t.runUntil((x) => !x.c.get('Namespace', undefined, 'shop'), 180_000).runFor(30_000);
    expect(t.traceOf('apiserver.request').filter((e) => e.params.resource === 'namespaces/finalize')).toHaveLength(1);
  });

  it('records why it waits: remaining content and its finalizers, in the real conditions', () => {
    const t = TestCluster.create({ seed: 5 })
      .apply(`apiVersion: v1
kind: Namespace
metadata: {name: keep}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: held
  namespace: keep
  finalizers: [example.com/block]
`)
      .runUntilIdle();
    t.c.delete({ kind: 'Namespace', name: 'keep' });
    t.runFor(30_000);
    const ns = t.c.get('Namespace', undefined, 'keep') as KObject & { status: { phase: string; conditions: Cond[] } };
    expect(ns.status.phase).toBe('Terminating');
    const byType = Object.fromEntries(ns.status.conditions.map((c) => [c.type, c]));
    expect(ns.status.conditions.map((c) => c.type)).toEqual([
      'NamespaceDeletionDiscoveryFailure',
      'NamespaceDeletionGroupVersionParsingFailure',
      'NamespaceDeletionContentFailure',
      'NamespaceContentRemaining',
      'NamespaceFinalizersRemaining',
    ]);
    expect(byType.NamespaceDeletionDiscoveryFailure).toMatchObject({ status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' });
    expect(byType.NamespaceDeletionContentFailure).toMatchObject({ status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' });
    expect(byType.NamespaceContentRemaining).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances' });
    expect(byType.NamespaceFinalizersRemaining).toMatchObject({ status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/block in 1 resource instances' });
    // a second DELETE answers with the namespace, still waiting
    expect(t.c.delete({ kind: 'Namespace', name: 'keep' }).ok).toBe(true);
    // the user removes the finalizer: the ConfigMap goes, then the namespace
    t.c.apply(`apiVersion: v1
kind: ConfigMap
metadata:
  name: held
  namespace: keep
  finalizers: []
`);
    t.runUntil((x) => !x.c.get('Namespace', undefined, 'keep'), 60_000);
    expect(t.c.get('ConfigMap', 'keep', 'held')).toBeUndefined();
  });

  it('refuses to delete the immortal namespaces, and to create in a namespace that does not exist', () => {
    const t = TestCluster.create({ seed: 5 });
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const r = t.c.delete({ kind: 'Namespace', name });
      expect(r.status).toMatchObject({ code: 403, reason: 'Forbidden', message: `namespaces "${name}" is forbidden: this namespace may not be deleted` });
      expect(t.c.get('Namespace', undefined, name)?.metadata.deletionTimestamp).toBeUndefined();
    }
    const missing = t.c.apply(pod('nowhere'))[0];
    expect(missing.status).toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "nowhere" not found' });
  });
});
