// The player's moves against a fake bridge: what it sends, and when the picker opens by itself.
import { describe, expect, it } from 'vitest';
import type { Command, WorkerMessage } from '../../protocol/messages';
import { runHeadless } from '../../scenarios/headless';
import { createPod } from '../../scenarios/create-pod';
import type { Bridge } from '../bridge/bridge';
import { createUiStore } from '../store/store';
import { SEEN_KEY, startWalkSession } from './session';

function setup(search = '', saved: Record<string, string> = {}) {
  const store = createUiStore();
  const sent: Command[] = [];
  const listeners = new Set<(m: WorkerMessage) => void>();
  const bridge = { send: (c: Command) => sent.push(c), listen: (cb: (m: WorkerMessage) => void) => (listeners.add(cb), () => listeners.delete(cb)) } as unknown as Bridge;
  const storage = { getItem: (k: string) => saved[k] ?? null, setItem: (k: string, v: string) => void (saved[k] = v) };
  const session = startWalkSession(store, bridge, { storage, search, hash: '' });
  const ready = () => store.getState().receive({ type: 'READY', version: 1, nodes: ['node-1'], seed: 1, etcdMembers: ['etcd-0'] });
  const deliver = (m: WorkerMessage) => listeners.forEach((l) => l(m));
  return { store, sent, session, ready, deliver, saved };
}

describe('walkthrough session', () => {
  it('a first visit opens the picker and starts Create a Pod once the worker is ready, then plays to step 1', () => {
    const { sent, session, ready, deliver, saved } = setup();
    expect(sent).toEqual([]);
    ready();
    expect(session.state.getState().pickerOpen).toBe(true);
    expect(sent.map((c) => c.type)).toEqual(['SET_READING', 'LOAD_SCRIPT']);
    expect(saved[SEEN_KEY]).toBe('1');
    const run = runHeadless(createPod);
    deliver({ type: 'SCRIPT_LOADED', id: (sent[1] as { id: number }).id, events: run.events as never, start: run.start, length: 0 });
    expect(session.state.getState().status).toBe('ready');
    expect(sent[2]).toEqual({ type: 'PLAY_TO', seq: run.result.matches[0].event.seq, stepMs: expect.any(Number) });
    session.next();
    expect(sent[3]).toMatchObject({ type: 'PLAY_TO', seq: run.result.matches[1].event.seq });
    session.back();
    expect(sent[4]).toEqual({ type: 'SEEK', seq: run.result.matches[0].event.seq });
    expect(session.state.getState().index).toBe(0);
    session.back();
    expect(sent[5]).toEqual({ type: 'SEEK', seq: run.start });
  });

  it('puts the walkthrough\'s manifest in the editor when it begins', () => {
    const { store, session, ready } = setup('?nowalkthrough');
    ready();
    session.begin('image-pull-backoff');
    expect(store.getState().yaml).toContain('image: ngnix:1.27');
  });

  it('stays closed with ?nowalkthrough or once seen', () => {
    for (const s of [setup('?nowalkthrough'), setup('', { [SEEN_KEY]: '1' })]) {
      s.ready();
      expect(s.session.state.getState().pickerOpen).toBe(false);
      expect(s.sent.map((c) => c.type)).toEqual(['SET_READING']);
    }
  });
});
