// A leader killed at the instant it commits a write (VOPR seed 408): the write it committed is
// traced once, at its revision, before the member stops — not when the restarted member catches
// up as a follower, after the cluster has moved on (revision-order: "etcd revision 621 written
// after 1255").
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster/cluster';
import type { EtcdState } from './etcd';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

function member(c: Cluster, id: string): EtcdState {
  return (c.snapshot().kernel.actors as Record<string, EtcdState>)[id];
}

const writes = (c: Cluster) => c.trace().filter((e) => e.type === 'etcd.put' || e.type === 'etcd.delete');

describe('etcd: a leader stopped between commit and apply', () => {
  it('traces the write it committed before it stops, and nothing old when it restarts', () => {
    const c = createCluster({ seed: 408, nodes: 1 });
    c.runUntilIdle();
    c.apply(DEPLOY);
    // the controllers' writes follow: step to a commit of two writes at once; the kill then arrives
    // between the leader's two ETCD_APPLY deliveries, after the first write's etcd.put
    const last = () => c.trace()[c.trace().length - 1];
    let revision = member(c, 'etcd-0').mvcc.revision;
    for (;;) {
      expect(c.step()).toBeDefined();
      const e = last();
      if (e.type !== 'raft.commit' || e.to !== 'etcd-0') continue;
      const before = revision;
      revision = e.params.revision;
      if (revision - before >= 2) break;
    }
    const leader = member(c, 'etcd-0');
    expect(leader.raft.role).toBe('leader');
    expect(leader.raft.applied).toBeLessThan(leader.raft.commit);
    const committed = revision;
    c.inject({ type: 'etcd.stop', target: 'etcd-0' });
    c.advance(0); // the first write's ETCD_APPLY, then the kill, then the second write's ETCD_APPLY
    const stop = c.trace().find((e) => e.type === 'etcd.stop')!;
    expect(writes(c).find((e) => e.params.revision === committed)?.seq).toBeLessThan(stop.seq);
    expect(member(c, 'etcd-0').raft.applied).toBe(leader.raft.commit);

    c.advance(3_000); // a new leader
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after', namespace: 'default' }, data: { k: 'v' } };
    expect(c.apply(cm)[0]).toMatchObject({ ok: true, action: 'created' });
    const moved = member(c, 'etcd-1').mvcc.revision;
    expect(moved).toBeGreaterThan(committed);
    c.inject({ type: 'etcd.start', target: 'etcd-0' });
    c.advance(5_000);
    // the restarted member is a follower: it catches up silently, every revision traced once, in order
    const start = c.trace().find((e) => e.type === 'etcd.start')!;
    expect(writes(c).filter((e) => e.seq > start.seq && e.to === 'etcd-0')).toEqual([]);
    const revisions = writes(c).map((e) => Number(e.params.revision));
    expect(revisions).toEqual([...new Set(revisions)].sort((a, b) => a - b));
    expect(member(c, 'etcd-0').mvcc.kvs).toEqual(member(c, 'etcd-1').mvcc.kvs);
  });
});
