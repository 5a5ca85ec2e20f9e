import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../../protocol/messages';
import { createUiStore } from '../store/store';
import { connectWorker } from './bridge';
import { attachUrl, socketPort, type SocketLike } from './socket';

function fakeSocket() {
  const sent: string[] = [];
  const ws: SocketLike & { readyState: number } = { readyState: 0, send: (d) => sent.push(d), close: () => {}, onopen: null, onmessage: null, onclose: null };
  return { ws, sent };
}

describe('the WebSocket bridge (an app attached to npm run serve)', () => {
  it('finds the attach URL the server put in the page, as ws://', () => {
    const doc = { querySelector: (s: string) => (s === 'meta[name="orrery-attach"]' ? ({ getAttribute: () => '/orrery/attach' } as unknown as Element) : null) };
    expect(attachUrl(doc, { href: 'http://127.0.0.1:6443/?nowalkthrough' })).toBe('ws://127.0.0.1:6443/orrery/attach');
    expect(attachUrl({ querySelector: () => null }, { href: 'http://127.0.0.1:4173/' })).toBeNull();
  });

  it('holds commands until the socket opens, then plays the server’s batches into the store', () => {
    const { ws, sent } = fakeSocket();
    const store = createUiStore();
    const frames: Array<() => void> = [];
    const bridge = connectWorker(store, socketPort(ws), (cb) => frames.push(cb));
    bridge.send({ type: 'PLAY' });
    expect(sent).toEqual([]);
    ws.readyState = 1;
    ws.onopen?.(new Event('open'));
    expect(sent.map((s) => JSON.parse(s))).toEqual([[{ type: 'PLAY' }]]);
    bridge.send({ type: 'PAUSE' });
    expect(JSON.parse(sent[1])).toEqual({ type: 'PAUSE' });
    const tick: WorkerMessage[] = [
      { type: 'READY', version: 1, nodes: ['node-1'], seed: 4, etcdMembers: ['etcd-0'] },
      { type: 'BATCH', clock: { nowMs: 42, playing: true, speed: 1, pacing: 'story', fastForward: false, buffered: 0 }, trace: [], objects: [] },
    ];
    ws.onmessage?.({ data: JSON.stringify(tick) } as MessageEvent<string>);
    frames.forEach((f) => f());
    expect(store.getState()).toMatchObject({ ready: true, seed: 4 });
    expect(store.getState().clock.nowMs).toBe(42);
  });

  it('says so when the server goes away', () => {
    const { ws } = fakeSocket();
    const store = createUiStore();
    connectWorker(store, socketPort(ws), (cb) => cb());
    ws.onclose?.({} as CloseEvent);
    expect(store.getState().workerError).toMatch(/Detached/);
  });
});
