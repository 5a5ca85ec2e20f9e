import { describe, expect, it } from 'vitest';
import type { AnyTraceEvent, ClockState, TraceEvent, WorkerMessage } from '../../protocol/messages';
import { createUiStore } from './store';

let seq = 0;
/** A fixture: the store reads the envelope (seq, t, from, to, ambient) and only the params given. */
const ev = (type: string, more: Partial<AnyTraceEvent> = {}): TraceEvent => {
  const e: AnyTraceEvent = { seq: seq++, t: 1000 + seq, type, key: type, from: 'kube-apiserver', to: 'etcd-0', params: {}, ...more };
  return e as TraceEvent;
};
const clock = (nowMs: number, more: Partial<ClockState> = {}): ClockState => ({ nowMs, playing: true, speed: 1, pacing: 'story', fastForward: false, ...more });
const pod = (name: string, nodeName?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName, containers: [] } });
const node = (name: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });

function batch(b: Partial<Extract<WorkerMessage, { type: 'BATCH' }>>): WorkerMessage {
  return { type: 'BATCH', clock: clock(0), trace: [], objects: [], ...b };
}

describe('UI store', () => {
  it('takes a reset batch as the whole state, without tokens', () => {
    const store = createUiStore();
    store.getState().receive(batch({
      reset: true,
      clock: clock(5000),
      trace: [ev('etcd.put')],
      objects: [{ op: 'upsert', key: 'Node//node-2', object: node('node-2') }, { op: 'upsert', key: 'Node//node-10', object: node('node-10') }],
      views: { storyCount: 1 },
    }));
    const s = store.getState();
    expect(s.nodeNames).toEqual(['node-2', 'node-10']);
    expect(s.tokens).toEqual([]);
    expect(s.storyCount).toBe(1);
    expect(s.ready).toBe(true);
  });

  it('indexes pods by node and keeps unchanged lists identical', () => {
    const store = createUiStore();
    const r = store.getState().receive;
    r(batch({ objects: [{ op: 'upsert', key: 'Pod/default/a', object: pod('a', 'node-1') }, { op: 'upsert', key: 'Pod/default/b', object: pod('b') }] }));
    const first = store.getState().podKeysByNode;
    expect(first).toEqual({ 'node-1': ['Pod/default/a'], '': ['Pod/default/b'] });
    r(batch({ objects: [{ op: 'upsert', key: 'Pod/default/b', object: pod('b', 'node-2') }] }));
    const second = store.getState().podKeysByNode;
    expect(second['node-1']).toBe(first['node-1']);
    expect(second['node-2']).toEqual(['Pod/default/b']);
    expect(second['']).toBeUndefined();
    r(batch({ objects: [{ op: 'remove', key: 'Pod/default/a' }] }));
    expect(store.getState().podKeys).toEqual(['Pod/default/b']);
  });

  it('animates played story events as tokens and lights up their receivers', () => {
    const store = createUiStore();
    const e = ev('etcd.put', { params: { revision: 9 } });
    store.getState().receive(batch({ trace: [e, ev('etcd.range', { ambient: true })], views: { etcdRevision: 9 } }));
    const s = store.getState();
    // background traffic does not fly, it only pulses its receiver
    expect(s.tokens.map((t) => [t.from, t.to])).toEqual([['kube-apiserver', 'etcd-0']]);
    expect(s.activity.etcd).toMatchObject({ seq: e.seq + 1, ambient: true });
    expect(s.etcdRevision).toBe(9);
    store.getState().tokenDone(e.seq);
    expect(store.getState().tokens).toHaveLength(0);
  });

  it('records a fast-forward jump', () => {
    const store = createUiStore();
    store.getState().receive(batch({ clock: clock(1000) }));
    store.getState().receive(batch({ clock: clock(31_000, { fastForward: true }) }));
    expect(store.getState().jump).toEqual({ fromMs: 1000, toMs: 31_000, n: 1 });
  });

  it('matches apply results to the pending request', () => {
    const store = createUiStore();
    store.getState().startRequest(3, 'apply');
    store.getState().receive({ type: 'APPLY_RESULT', id: 2, results: [] });
    expect(store.getState().pending).not.toBeNull();
    store.getState().receive({ type: 'APPLY_RESULT', id: 3, results: [{ ok: true, kind: 'Pod', name: 'x', action: 'created' }] });
    expect(store.getState()).toMatchObject({ pending: null, resultsAction: 'apply', results: [{ name: 'x' }] });
  });
});
