// A member that comes back with an uncommitted tail from an older term (it led alone, then went
// down) is brought in line by the new leader: the rejection carries the follower's term at its
// hint, and the leader skips the whole divergent tail (raft.go findConflictByTerm on both sides).
// Found by the VOPR: without the term the leader probed the same index for ever, ~100,000
// rejected appends per virtual second, until the sweep ran out of memory.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel';
import { Etcd } from '../etcd';
import type { EtcdTxnMsg } from '../messages';

describe('raft: a divergent uncommitted tail', () => {
  it('is replaced by the leader’s entries after a handful of probes', () => {
    const k = new Kernel(11);
    const ids = ['etcd-0', 'etcd-1', 'etcd-2'];
    const ms = ids.map((id) => new Etcd(id, k, ids));
    ms.forEach((m) => k.register(m));
    k.register({ id: 'client', s: {}, receive: () => {} });
    ids.forEach((id) => k.send('test', id, { type: 'START' }));
    let txn = 1;
    const put = (to: string, key: string) => k.send('client', to, { type: 'ETCD_TXN', txnId: txn++, compares: [], ops: [{ op: 'put', key, value: key }] } satisfies EtcdTxnMsg);
    k.runUntil(3_000);
    const first = ms.find((m) => m.isLeader())!;
    const others = ms.filter((m) => m !== first);
    // the leader alone appends entries it can never commit
    for (const o of others) k.send('user', o.id, { type: 'ETCD_STOP' });
    k.runUntil(k.now() + 10);
    for (let i = 0; i < 3; i++) put(first.id, `/tail/${i}`);
    k.runUntil(k.now() + 50);
    k.send('user', first.id, { type: 'ETCD_STOP' });
    // the other two elect a leader at a higher term and commit their own entries
    for (const o of others) k.send('user', o.id, { type: 'ETCD_START' });
    k.runUntil(k.now() + 5_000);
    const second = ms.find((m) => m.isLeader())!;
    expect(second.s.raft.term).toBeGreaterThan(first.s.raft.term);
    for (let i = 0; i < 3; i++) put(second.id, `/new/${i}`);
    k.runUntil(k.now() + 100);
    const from = k.traceLog.length;
    k.send('user', first.id, { type: 'ETCD_START' });
    k.runUntil(k.now() + 3_000);
    const rejected = k.traceLog.slice(from).filter((e) => e.type === 'raft.append' && e.to === first.id && (e.params as Record<string, unknown>).ok === false);
    expect(rejected.length).toBeLessThan(10);
    const entries = (m: Etcd) => JSON.stringify(m.s.raft.log.entries.map((e) => [e.index, e.term, e.data?.ops[0]?.key ?? '']));
    expect(entries(first)).toBe(entries(second));
    expect(first.s.mvcc.kvs['/tail/0']).toBeUndefined();
    expect(first.s.mvcc.kvs['/new/2']?.value).toBe('/new/2');
  });
});
