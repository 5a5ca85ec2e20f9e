// The etcd members as the played trace shows them, against the real engine's election.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine';
import type { TraceEvent } from '../protocol/messages';
import { etcdMemberIds, initialEtcd, playEtcd } from './etcd';

function booted() {
  const c = createCluster({});
  c.runUntilIdle();
  const fold = playEtcd(initialEtcd(etcdMemberIds(c.trace())), c.trace()).fold;
  return { c, fold };
}

const roles = (ms: { id: string; role: string; stopped: boolean }[]) => Object.fromEntries(ms.map((m) => [m.id, m.stopped ? 'stopped' : m.role]));

describe('etcd members from the trace', () => {
  it('finds the members and the leader of a freshly formed cluster', () => {
    const { fold } = booted();
    expect(fold.members.map((m) => m.id)).toEqual(['etcd-0', 'etcd-1', 'etcd-2']);
    expect(roles(fold.members)).toEqual({ 'etcd-0': 'leader', 'etcd-1': 'follower', 'etcd-2': 'follower' });
    expect(fold.members[0]).toMatchObject({ term: 1 });
    expect(fold.members[0].commit).toBeGreaterThan(0);
  });

  it('follows an election after the leader stops, and says how long the winner heard nothing', () => {
    const { c, fold } = booted();
    const from = c.trace().length;
    c.inject({ type: 'etcd.stop', target: 'etcd-0' });
    c.advance(5000);
    const played = playEtcd(fold, c.trace().slice(from));
    const m = Object.fromEntries(played.fold.members.map((x) => [x.id, x]));
    expect(m['etcd-0']).toMatchObject({ stopped: true });
    const leader = played.fold.members.find((x) => x.role === 'leader')!;
    expect(leader.id).not.toBe('etcd-0');
    expect(leader.term).toBe(2);
    expect(played.fold.members.filter((x) => x.role === 'leader')).toHaveLength(1);
    const timeouts = played.events.filter((e) => e.type === 'raft.election_timeout');
    expect(timeouts.length).toBeGreaterThan(0);
    for (const e of timeouts) expect(e.params.silentMs).toBeGreaterThan(900); // about an election timeout (10 ticks of 100 ms) or more
  });

  it('keeps the previous state object when nothing about the members changed', () => {
    const { fold } = booted();
    const e: TraceEvent = { seq: 1, t: 1, type: 'etcd.put', from: 'kube-apiserver', to: 'etcd-0', key: 'etcd.put', params: { key: '/registry/pods/default/x', revision: 1, size: 0, createRevision: 1, version: 1 } };
    expect(playEtcd(fold, [e]).fold).toBe(fold);
  });

  it("tracks each member's last log index: the leader's proposal, the followers' accepted appends", () => {
    const { c, fold } = booted();
    const from = c.trace().length;
    c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: x\n    image: nginx:1.27\n');
    const events = c.trace().slice(from);
    const after = playEtcd(fold, events).fold;
    const propose = events.find((e) => e.type === 'raft.propose')!;
    const leader = after.members.find((m) => m.role === 'leader')!;
    expect(leader.lastIndex).toBeGreaterThanOrEqual(Number(propose.params.index));
    for (const m of after.members) {
      expect(m.lastIndex).toBeGreaterThanOrEqual(m.commit);
      expect(m.lastIndex).toBeGreaterThan(fold.members.find((x) => x.id === m.id)!.lastIndex ?? 0);
    }
  });
});
