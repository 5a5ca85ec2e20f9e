// The player's moves against a fake bridge: what it sends, and when the picker opens by itself.
import { describe, expect, it } from 'vitest';
import type { Command, WorkerMessage } from '../../protocol/messages';
import { runHeadless } from '../../scenarios/headless';
import { createPod } from '../../scenarios/create-pod';
import { deletePod } from '../../scenarios/delete-pod';
import { nodeFailure } from '../../scenarios/node-failure';
import { rbac } from '../../scenarios/rbac';
import type { Walkthrough } from '../../scenarios/types';
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

  describe('the learner takes the action a step waits for', () => {
    const load = (w: Walkthrough) => {
      const t = setup('?nowalkthrough');
      t.ready();
      t.session.begin(w.id);
      const run = runHeadless(w);
      t.deliver({ type: 'SCRIPT_LOADED', id: (t.sent.at(-1) as { id: number }).id, events: run.events as never, start: run.start, length: 0 });
      expect(t.session.state.getState().status).toBe('ready');
      return { ...t, run };
    };

    it('Apply of the manifest the editor was given plays the step, as Next would', () => {
      const { store, sent, session, run } = load(createPod);
      // the editor holds the Pod step 1 applies, as the admin
      const yaml = store.getState().yaml;
      expect(yaml).toContain('name: nginx');
      const before = sent.length;
      expect(session.claim({ type: 'apply', yaml, as: { user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] } })).toBe(true);
      expect(sent.slice(before)).toEqual([{ type: 'PLAY_TO', seq: run.result.matches[0].event.seq, stepMs: expect.any(Number) }]);
      expect(session.state.getState().index).toBe(0);
      // step 2 waits for nothing: a second Apply is free play
      expect(session.claim({ type: 'apply', yaml })).toBe(false);
    });

    it('an edited manifest, another identity or a Delete is free play, not the step', () => {
      const { store, session } = load(createPod);
      const yaml = store.getState().yaml;
      expect(session.claim({ type: 'apply', yaml: yaml.replace('nginx:1.27', 'nginx:1.28') })).toBe(false);
      expect(session.claim({ type: 'apply', yaml, as: { user: 'alice', groups: [] } })).toBe(false);
      expect(session.claim({ type: 'delete', yaml })).toBe(false);
      expect(session.claim({ type: 'apply', yaml: 'kind: [' })).toBe(false);
      expect(session.state.getState().index).toBe(-1);
    });

    it('Delete of the pod plays the deletion step; Stop node plays the node failure', () => {
      const del = load(deletePod);
      const at = deletePod.steps.findIndex((s) => s.action?.input.type === 'delete');
      for (let i = 0; i < at; i++) del.session.next();
      // the editor holds the pod alone (not the Service beside it), so Delete removes just the pod
      expect(del.store.getState().yaml).not.toContain('kind: Service');
      expect(del.session.claim({ type: 'delete', yaml: del.store.getState().yaml })).toBe(true);
      expect(del.session.state.getState().index).toBe(at);
      const nf = load(nodeFailure);
      const stop = nodeFailure.steps.findIndex((s) => s.action?.input.type === 'inject');
      for (let i = 0; i < stop; i++) nf.session.next();
      const fault = (nodeFailure.steps[stop].action!.input as { fault: { type: string; target: string } }).fault;
      expect(nf.session.claim({ type: 'inject', fault: { type: 'node.stop', target: 'node-999' } })).toBe(false);
      expect(nf.session.claim({ type: 'inject', fault: { type: fault.type, target: fault.target } })).toBe(true);
      expect(nf.session.state.getState().index).toBe(stop);
    });

    it('a step applied as alice puts alice in the identity picker', () => {
      const { store, session } = load(rbac);
      const first = rbac.steps.findIndex((s) => (s.action?.input as { as?: { user?: string } } | undefined)?.as?.user === 'alice');
      for (let i = 0; i < first; i++) session.next();
      expect(store.getState().identity).toBe('alice');
      expect(session.claim({ type: 'apply', yaml: store.getState().yaml, as: { user: 'alice', groups: [] } })).toBe(true);
    });
  });
});
