// The status manager makes a failed write again (status_manager.go syncBatch every 10 s): the
// final status and the grace-0 DELETE of a terminated pod that etcd could not take (it was down,
// the apiserver answered 504) are sent again. Found by the VOPR: the pod stayed Terminating for ever.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';

describe('kubelet status manager', () => {
  it('deletes a terminated pod once etcd is back, although its first DELETE timed out', () => {
    const c = createCluster({ seed: 3, nodes: 1, etcdMembers: 1 });
    c.runUntilIdle();
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    c.runUntilIdle();
    expect(c.delete({ kind: 'Pod', namespace: 'default', name: 'p' })).toMatchObject({ ok: true });
    c.inject({ type: 'etcd.stop', target: 'etcd-0' });
    c.advance(4_000);
    c.inject({ type: 'etcd.start', target: 'etcd-0' });
    c.advance(60_000);
    const deletes = c.trace().filter((e) => e.type === 'apiserver.response' && e.to === 'kubelet:node-1' && (e.params as Record<string, unknown>).verb === 'delete');
    expect(deletes.map((e) => (e.params as Record<string, unknown>).code)).toEqual([504, 200]);
    expect(c.get('Pod', 'default', 'p')).toBeUndefined();
  });
});
