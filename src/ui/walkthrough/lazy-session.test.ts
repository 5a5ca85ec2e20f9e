// The page starts with a shell of the walkthrough session; the real one arrives in its chunk. What
// the user did meanwhile happens once it is there, and the worker READY before it still counts.
import { describe, expect, it } from 'vitest';
import type { Command, WorkerMessage } from '../../protocol/messages';
import type { Bridge } from '../bridge/bridge';
import { createUiStore } from '../store/store';
import { startLazyWalkSession } from './lazy-session';
import * as sessionModule from './session';

function setup(saved: Record<string, string> = {}) {
  const store = createUiStore();
  const sent: Command[] = [];
  const bridge = { send: (c: Command) => sent.push(c), listen: (_cb: (m: WorkerMessage) => void) => () => {} } as unknown as Bridge;
  const storage = { getItem: (k: string) => saved[k] ?? null, setItem: (k: string, v: string) => void (saved[k] = v) };
  let arrive!: () => void;
  const chunk = new Promise<typeof sessionModule>((r) => (arrive = () => r(sessionModule)));
  const session = startLazyWalkSession(store, bridge, { storage, search: '', hash: '' }, () => chunk);
  const ready = () => store.getState().receive({ type: 'READY', version: 1, nodes: ['node-1'], seed: 1, etcdMembers: ['etcd-0'] });
  const settle = async () => {
    arrive();
    await chunk;
    await Promise.resolve();
  };
  return { store, sent, session, ready, settle };
}

describe('the walkthroughs chunk', () => {
  it('runs the calls made before it arrived, in order, on the store the components already read', async () => {
    const { sent, session, settle } = setup({ [sessionModule.SEEN_KEY]: '1' });
    const state = session.state;
    session.openPicker();
    session.select('delete-pod');
    session.begin('delete-pod');
    expect(state.getState()).toMatchObject({ pickerOpen: false, selected: 'create-pod', id: null });
    expect(session.claim({ type: 'apply', yaml: 'kind: Pod' })).toBe(false);
    await settle();
    expect(session.state).toBe(state);
    expect(state.getState()).toMatchObject({ pickerOpen: false, selected: 'delete-pod', id: 'delete-pod', status: 'loading' });
    expect(sent.map((c) => c.type)).toEqual(['LOAD_SCRIPT']);
  });

  it('a first visit whose worker was READY before the chunk still opens the picker and starts Create a Pod', async () => {
    const { sent, session, ready, settle } = setup();
    ready();
    expect(sent).toEqual([]);
    await settle();
    expect(session.state.getState()).toMatchObject({ pickerOpen: true, id: 'create-pod' });
    expect(sent.map((c) => c.type)).toEqual(['SET_READING', 'LOAD_SCRIPT']);
  });
});
