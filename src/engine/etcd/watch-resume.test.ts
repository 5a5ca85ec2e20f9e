// kube-apiserver's watch on etcd survives a member's restart: the stream closes with the
// process, and the client resumes it from the last revision its cache has seen (clientv3
// watch.go) — on another endpoint when there is one. Found by the VOPR: after a lone member's
// restart (or a quick restart of the pinned one) the watch cache stopped for good, and every
// update was answered 404 from the stale cache. And a request the lone member dropped while it
// was down is answered 504 after the client timeout instead of never: a controller's sync waiting
// for it held its key for ever.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';

const cm = (name: string, v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels: { v } }, data: { k: v } });

describe('the apiserver resumes its etcd watch after a member restarts', () => {
  for (const etcdMembers of [1, 3] as const) {
    it(`with ${etcdMembers} member(s), the pinned one restarted before any request timed out`, () => {
      const c = createCluster({ seed: 8, nodes: 1, etcdMembers });
      c.runUntilIdle();
      c.inject({ type: 'etcd.stop', target: 'etcd-0' });
      c.advance(300);
      c.inject({ type: 'etcd.start', target: 'etcd-0' });
      c.advance(5_000);
      expect(c.apply(cm('after', 'a'))[0]).toMatchObject({ ok: true, action: 'created' });
      c.advance(2_000);
      // an update goes through the watch cache: it must have seen the create
      expect(c.apply(cm('after', 'b'))[0]).toMatchObject({ ok: true, action: 'configured' });
      expect(c.get('ConfigMap', 'default', 'after')?.metadata.labels).toEqual({ v: 'b' });
    });
  }
});

describe('a request a lone etcd member dropped while down', () => {
  it('is answered 504, so the controller that sent it syncs again', () => {
    const c = createCluster({ seed: 8, nodes: 1, etcdMembers: 1 });
    c.runUntilIdle();
    const deploy = (replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } });
    expect(c.apply(deploy(2))[0].ok).toBe(true);
    // the controllers are mid-sync (ReplicaSet, pods) when the member dies
    c.step();
    c.step();
    c.inject({ type: 'etcd.stop', target: 'etcd-0' });
    c.advance(500);
    c.inject({ type: 'etcd.start', target: 'etcd-0' });
    c.advance(120_000);
    const timeouts = c.trace().filter((e) => e.type === 'apiserver.response' && (e.params as Record<string, unknown>).code === 504);
    expect(timeouts.length).toBeGreaterThan(0);
    expect(c.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web')).toHaveLength(2);
    expect((c.get('Deployment', 'default', 'web')?.status as Record<string, unknown>)?.readyReplicas).toBe(2);
  });
});
