import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent, TraceEvent } from '../protocol/messages';
import { objectChangesFrom, objectWrites, thinAmbient, withoutStoredValue } from './objects';

let seq = 0;
/** A fixture: only the detail and object the fold reads. */
const ev = (type: string, detail?: unknown, extra: Partial<AnyTraceEvent> = {}): TraceEvent => {
  const e: AnyTraceEvent = { seq: seq++, t: 0, type, from: 'kube-apiserver', to: 'etcd-0', key: type, params: {}, detail, ...extra };
  return e as TraceEvent;
};
const pod = (name: string, rv: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: rv } });

describe('objectChangesFrom', () => {
  it('turns etcd writes into upserts and removes, last write per key wins', () => {
    const changes = objectChangesFrom([
      ev('etcd.put', { value: pod('a', '1') }),
      ev('watch.event'),
      ev('etcd.put', { value: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } } }),
      ev('etcd.put', { value: pod('a', '2') }),
      ev('etcd.delete', { value: pod('b', '3') }),
    ]);
    expect(changes).toEqual([
      { op: 'upsert', key: 'Node//node-1', object: expect.objectContaining({ kind: 'Node' }) },
      { op: 'upsert', key: 'Pod/default/a', object: pod('a', '2') },
      { op: 'remove', key: 'Pod/default/b' },
    ]);
  });

  it('falls back to the event object for a delete without a value', () => {
    const e = ev('etcd.delete', undefined, { object: { kind: 'Pod', namespace: 'default', name: 'x' } });
    expect(objectChangesFrom([e])).toEqual([{ op: 'remove', key: 'Pod/default/x' }]);
  });
});

describe('thinAmbient', () => {
  it('drops the oldest ambient events beyond the limit and keeps every story event', () => {
    const es = [ev('a', undefined, { ambient: true }), ev('s'), ev('b', undefined, { ambient: true }), ev('c', undefined, { ambient: true })];
    const { trace, dropped } = thinAmbient(es, 1);
    expect(trace.map((e) => e.type)).toEqual(['s', 'c']);
    expect(dropped).toBe(2);
  });
});

describe('objectWrites', () => {
  it('says whether the last write of each key was background traffic', () => {
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' } };
    const w = objectWrites([
      ev('etcd.put', { value: pod('a', '1') }, { ambient: true }),
      ev('etcd.put', { value: lease }, { ambient: true }),
      ev('etcd.put', { value: pod('a', '2') }),
    ]);
    expect(w.map((x) => [x.change.key, x.ambient])).toEqual([['Lease/kube-node-lease/node-1', true], ['Pod/default/a', false]]);
  });

  it('strips the stored object from etcd events (it travels as an ObjectChange)', () => {
    const e = ev('etcd.put', { value: pod('a', '1') });
    expect(withoutStoredValue(e).detail).toBeUndefined();
    const d = ev('scheduler.decision', { chosen: 'node-1' });
    expect(withoutStoredValue(d)).toBe(d);
  });
});
