import { describe, expect, it } from 'vitest';
import type { Command, WorkerMessage } from '../../protocol/messages';
import { createUiStore } from '../store/store';
import { connectWorker, type WorkerPort } from './bridge';

function setup() {
  const sent: Command[] = [];
  const port: WorkerPort = { postMessage: (c) => sent.push(c), onmessage: null };
  const frames: Array<() => void> = [];
  const store = createUiStore();
  const bridge = connectWorker(store, port, (cb) => frames.push(cb));
  const deliver = (m: WorkerMessage) => port.onmessage?.({ data: m } as MessageEvent<WorkerMessage>);
  return { sent, store, bridge, frames, deliver };
}
const clock = (nowMs: number) => ({ nowMs, playing: true, speed: 1, pacing: 'story' as const, fastForward: false });

describe('bridge', () => {
  it('numbers apply requests and marks them pending', () => {
    const { sent, store, bridge } = setup();
    const id = bridge.apply('kind: Pod');
    expect(sent).toEqual([{ type: 'APPLY', id, yaml: 'kind: Pod', as: undefined }]);
    expect(store.getState().pending).toEqual({ id, action: 'apply' });
    const id2 = bridge.remove('kind: Pod');
    expect(id2).toBe(id + 1);
  });

  it('tells the worker which object the inspector shows (only its recent events are sent)', () => {
    const { sent, store } = setup();
    store.getState().select('Pod/default/nginx');
    store.getState().select('Pod/default/nginx');
    store.getState().select(null);
    expect(sent).toEqual([{ type: 'INSPECT', key: 'Pod/default/nginx' }, { type: 'INSPECT', key: null }]);
  });

  it('applies the messages of a frame together, on the next frame', () => {
    const { store, frames, deliver } = setup();
    deliver({ type: 'BATCH', clock: clock(10), trace: [], objects: [] });
    deliver({ type: 'BATCH', clock: clock(20), trace: [], objects: [] });
    expect(store.getState().clock.nowMs).toBe(0);
    expect(frames).toHaveLength(1);
    frames[0]();
    expect(store.getState().clock.nowMs).toBe(20);
  });
});
