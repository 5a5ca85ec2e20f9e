import { describe, expect, it } from 'vitest';
import { ERR_COMPACTED, ERR_FUTURE_REV, compact, eventsSince, get, newMvccState, range, rangeAt, txn } from './mvcc';

describe('etcd MVCC', () => {
  it('starts at revision 1 and bumps the revision once per successful txn', () => {
    const st = newMvccState();
    expect(st.revision).toBe(1);
    const r = txn(st, [{ key: '/registry/pods/default/a', modRevision: 0 }], [{ op: 'put', key: '/registry/pods/default/a', value: '{}' }]);
    expect(r).toMatchObject({ succeeded: true, revision: 2 });
    expect(get(st, '/registry/pods/default/a')).toMatchObject({ createRevision: 2, modRevision: 2, version: 1 });
  });

  it('keeps create_revision, bumps mod_revision and version on update, resets on delete and re-create', () => {
    const st = newMvccState();
    const k = '/registry/pods/default/a';
    txn(st, [], [{ op: 'put', key: k, value: '1' }]);
    txn(st, [], [{ op: 'put', key: k, value: '2' }]);
    expect(get(st, k)).toMatchObject({ createRevision: 2, modRevision: 3, version: 2 });
    const del = txn(st, [], [{ op: 'delete', key: k }]);
    expect(del.events[0]).toMatchObject({ type: 'DELETE', kv: { modRevision: 4, version: 0 } });
    expect(get(st, k)).toBeUndefined();
    txn(st, [], [{ op: 'put', key: k, value: '3' }]);
    expect(get(st, k)).toMatchObject({ createRevision: 5, modRevision: 5, version: 1 });
  });

  it('fails a compare on mod_revision without writing (AlreadyExists / Conflict)', () => {
    const st = newMvccState();
    const k = '/registry/pods/default/a';
    txn(st, [{ key: k, modRevision: 0 }], [{ op: 'put', key: k, value: '1' }]);
    const again = txn(st, [{ key: k, modRevision: 0 }], [{ op: 'put', key: k, value: '2' }]);
    expect(again.succeeded).toBe(false);
    expect(again.current?.value).toBe('1');
    expect(st.revision).toBe(2);
    const stale = txn(st, [{ key: k, modRevision: 1 }], [{ op: 'put', key: k, value: '3' }]);
    expect(stale.succeeded).toBe(false);
  });

  it('ranges by prefix in key order and serves watch history from a revision', () => {
    const st = newMvccState();
    for (const n of ['b', 'a', 'c']) txn(st, [], [{ op: 'put', key: `/registry/pods/default/${n}`, value: n }]);
    txn(st, [], [{ op: 'put', key: '/registry/minions/node-1', value: 'n' }]);
    expect(range(st, '/registry/pods/').map((kv) => kv.value)).toEqual(['a', 'b', 'c']);
    const evs = eventsSince(st, 2, '/registry/pods/');
    expect(evs).not.toBe('compacted');
    expect((evs as { kv: { value: string } }[]).map((e) => e.kv.value)).toEqual(['a', 'c']);
  });

  it('answers compacted for a watch that starts before the compaction revision', () => {
    const st = newMvccState();
    for (let i = 0; i < 5; i++) txn(st, [], [{ op: 'put', key: '/k', value: String(i) }]);
    compact(st, 4);
    expect(eventsSince(st, 2)).toBe('compacted');
    expect((eventsSince(st, 4) as unknown[]).length).toBe(2);
  });

  it('compares versions as the compactor does on compact_rev_key', () => {
    const st = newMvccState();
    const k = 'compact_rev_key';
    expect(txn(st, [{ key: k, version: 0 }], [{ op: 'put', key: k, value: '0' }]).succeeded).toBe(true);
    const lost = txn(st, [{ key: k, version: 0 }], [{ op: 'put', key: k, value: '7' }]);
    expect(lost.succeeded).toBe(false);
    expect(lost.current).toMatchObject({ version: 1, value: '0' });
    expect(txn(st, [{ key: k, version: 1 }], [{ op: 'put', key: k, value: '7' }]).succeeded).toBe(true);
  });

  it('ranges at a past revision, refusing compacted and future ones', () => {
    const st = newMvccState();
    txn(st, [], [{ op: 'put', key: '/r/a', value: 'a1' }]); // 2
    txn(st, [], [{ op: 'put', key: '/r/b', value: 'b1' }]); // 3
    txn(st, [], [{ op: 'put', key: '/r/a', value: 'a2' }]); // 4
    txn(st, [], [{ op: 'delete', key: '/r/b' }]); // 5
    expect((rangeAt(st, '/r/', 3) as { value: string }[]).map((kv) => kv.value)).toEqual(['a1', 'b1']);
    expect((rangeAt(st, '/r/', 4) as { value: string }[]).map((kv) => kv.value)).toEqual(['a2', 'b1']);
    expect((rangeAt(st, '/r/', 5) as { value: string }[]).map((kv) => kv.value)).toEqual(['a2']);
    expect(rangeAt(st, '/r/', 9)).toBe(ERR_FUTURE_REV);
    expect(compact(st, 4)).toBeUndefined();
    expect(rangeAt(st, '/r/', 3)).toBe(ERR_COMPACTED);
    expect((rangeAt(st, '/r/', 4) as { value: string }[]).map((kv) => kv.value)).toEqual(['a2', 'b1']);
    expect(compact(st, 4)).toBe(ERR_COMPACTED);
  });
});
