import { describe, expect, it } from 'vitest';
import type { ClockState, Command, RunData, WorkerMessage } from '../../protocol/messages';
import { connectWorker, type WorkerPort } from '../bridge/bridge';
import { createUiStore } from '../store/store';
import { fakeStorage, sampleRun, STARTER_POD } from './fixtures';
import { KEYS } from './persistence';
import { startRunSession } from './run-session';
import { decodeRun, encodeRun, runTokenOf } from './share-link';

const READY: WorkerMessage = { type: 'READY', version: 1, nodes: ['node-1', 'node-2', 'node-3'], seed: 1, etcdMembers: ['etcd-0', 'etcd-1', 'etcd-2'] };
const clock = (over: Partial<ClockState> = {}): ClockState => ({ nowMs: 0, playing: true, speed: 1, pacing: 'story', fastForward: false, ...over });

/** A page: the real store and bridge over a fake worker that answers EXPORT_RUN with `current`. */
function page(opts: { storage?: ReturnType<typeof fakeStorage>; hash?: string; clipboard?: 'ok' | 'denied'; attached?: boolean } = {}) {
  const storage = opts.storage ?? fakeStorage();
  const sent: Command[] = [];
  let current: RunData = sampleRun();
  const port: WorkerPort = {
    onmessage: null,
    postMessage: (cmd) => {
      sent.push(cmd);
      if (cmd.type === 'EXPORT_RUN') deliver({ type: 'RUN_DATA', id: cmd.id, run: current });
    },
  };
  const deliver = (m: WorkerMessage) => port.onmessage?.({ data: m } as MessageEvent<WorkerMessage>);
  const store = createUiStore();
  const bridge = connectWorker(store, port, (cb) => cb());
  const location = { href: `http://127.0.0.1:4173/${opts.hash ?? ''}`, hash: opts.hash ?? '' };
  const history = {
    replaceState: (_d: unknown, _u: string, url?: string) => {
      if (!url) return;
      location.href = url;
      location.hash = url.includes('#') ? url.slice(url.indexOf('#')) : '';
    },
  };
  const copied: string[] = [];
  const clipboard = opts.clipboard === 'denied' ? { writeText: () => Promise.reject(new Error('NotAllowedError')) } : { writeText: async (t: string) => void copied.push(t) };
  const ticks: Array<() => void> = [];
  const session = startRunSession(store, bridge, { storage, location, history, clipboard, setInterval: (cb) => ticks.push(cb), clearInterval: () => {}, attached: opts.attached });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    storage, sent, store, session, location, copied, deliver, settle,
    tick: () => ticks.forEach((t) => t()),
    setRun: (run: RunData) => void (current = run),
    types: () => sent.map((c) => c.type),
  };
}

const savedState = (run: RunData = sampleRun()) =>
  fakeStorage({
    [KEYS.yaml]: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\n',
    [KEYS.settings]: JSON.stringify({ speed: 5, pacing: 'realtime', nodes: 3 }),
    [KEYS.run]: JSON.stringify(run),
  });

describe('run session: who kubectl is', () => {
  it('is saved with the settings and restored on a reload; Reset goes back to the admin', () => {
    const storage = fakeStorage();
    const a = page({ storage });
    a.deliver(READY);
    a.store.getState().setIdentity('alice');
    expect(JSON.parse(storage.getItem(KEYS.settings)!)).toMatchObject({ identity: 'alice' });
    const b = page({ storage });
    expect(b.store.getState().identity).toBe('alice');
    b.deliver(READY);
    b.session.reset();
    expect(b.store.getState().identity).toBe('admin');
    // an identity this build does not know is not restored
    const c = page({ storage: fakeStorage({ [KEYS.settings]: JSON.stringify({ speed: 1, pacing: 'story', identity: 'mallory' }) }) });
    expect(c.store.getState().identity).toBe('admin');
  });
});

describe('run session: a reload', () => {
  it('restores the editor text at once, then loads the saved run and applies the settings when the worker is READY', () => {
    const p = page({ storage: savedState() });
    expect(p.store.getState().yaml).toContain('name: mine');
    expect(p.sent).toEqual([]);
    p.deliver(READY);
    // LOAD_RUN first: a loaded run keeps the clock settings the worker had, so they come after it
    expect(p.sent).toEqual([
      { type: 'LOAD_RUN', run: sampleRun() },
      { type: 'SET_SPEED', speed: 5 },
      { type: 'SET_PACING', pacing: 'realtime' },
    ]);
    // a second READY (the one LOAD_RUN answers with) loads nothing again
    p.deliver(READY);
    expect(p.sent).toHaveLength(3);
  });

  it('a saved run with no inputs is not loaded; its node count is kept by a RESET', () => {
    const storage = savedState(sampleRun({ inputs: [], nodes: 12 }));
    storage.data.set(KEYS.settings, JSON.stringify({ speed: 1, pacing: 'story', nodes: 12 }));
    const p = page({ storage });
    p.deliver(READY);
    expect(p.sent[0]).toEqual({ type: 'RESET', nodes: 12 });
    expect(p.types()).not.toContain('LOAD_RUN');
  });

  it('attached to npm run serve, the saved run is not loaded over the cluster kubectl talks to; the app sets the clock', () => {
    const p = page({ storage: savedState(), attached: true });
    p.deliver(READY);
    expect(p.sent).toEqual([
      { type: 'SET_SPEED', speed: 5 },
      { type: 'SET_PACING', pacing: 'realtime' },
    ]);
    // a fresh browser attached: the app's own default, story pacing at 1×
    const q = page({ attached: true });
    q.deliver(READY);
    expect(q.sent).toEqual([
      { type: 'SET_SPEED', speed: 1 },
      { type: 'SET_PACING', pacing: 'story' },
    ]);
  });

  it('a fresh browser sends nothing at start-up', () => {
    const p = page();
    p.deliver(READY);
    expect(p.sent).toEqual([]);
    expect(p.store.getState().yaml).toBe(STARTER_POD);
  });
});

describe('run session: share links', () => {
  it('the URL hash wins over the saved run', () => {
    const shared = sampleRun({ seed: 42, cursor: 900 });
    const p = page({ storage: savedState(), hash: `#run=${encodeRun(shared)}` });
    p.deliver(READY);
    expect(p.sent[0]).toEqual({ type: 'LOAD_RUN', run: shared });
    expect(p.session.state.getState().notice).toBeNull();
  });

  it('a damaged hash says so and leaves the normal cluster running', () => {
    const p = page({ storage: savedState(), hash: `#run=${encodeRun(sampleRun()).slice(0, 40)}` });
    expect(p.session.state.getState().notice).toMatch(/^This share link is damaged: .+\. A new cluster was started instead\.$/);
    p.deliver(READY);
    expect(p.types()).toEqual(['SET_SPEED', 'SET_PACING']);
  });

  it('Share puts the run at this moment in the hash and on the clipboard', async () => {
    const p = page();
    p.deliver(READY);
    const run = sampleRun({ cursor: 777 });
    p.setRun(run);
    const url = await p.session.share();
    expect(p.types()).toEqual(['EXPORT_RUN']);
    expect(url).toBe(p.location.href);
    expect(decodeRun(runTokenOf(p.location.hash)!)).toEqual(run);
    expect(p.copied).toEqual([url]);
    expect(p.session.state.getState()).toMatchObject({ link: url, copied: true, notice: null });
    p.session.closeLink();
    expect(p.session.state.getState().link).toBeNull();
  });

  it('Share still shows the link when the clipboard is not allowed', async () => {
    const p = page({ clipboard: 'denied' });
    p.deliver(READY);
    const url = await p.session.share();
    expect(p.session.state.getState()).toMatchObject({ link: url, copied: false });
  });

  it('a link pasted into the address bar (hashchange) loads its run', () => {
    const p = page();
    p.deliver(READY);
    const shared = sampleRun({ seed: 9 });
    p.location.hash = `#run=${encodeRun(shared)}`;
    p.session.openHash();
    expect(p.sent).toEqual([{ type: 'LOAD_RUN', run: shared }]);
  });
});

describe('run session: the saved run stays current', () => {
  it('kubectl answers: the run is exported and saved, and a link in the hash is dropped (it no longer describes the run)', async () => {
    const p = page({ hash: `#run=${encodeRun(sampleRun())}` });
    p.deliver(READY);
    p.sent.length = 0;
    const id = 1;
    p.store.getState().startRequest(id, 'apply');
    p.deliver({ type: 'APPLY_RESULT', id, results: [{ ok: true, kind: 'Pod', name: 'web', action: 'created' }] });
    expect(p.types()).toEqual(['EXPORT_RUN']);
    await p.settle();
    expect(JSON.parse(p.storage.data.get(KEYS.run)!)).toEqual(sampleRun());
    expect(p.location.hash).toBe('');
  });

  it('refreshes every few seconds while the run moves, not when it stands still', async () => {
    const p = page();
    p.deliver(READY);
    p.tick();
    expect(p.types()).toEqual(['EXPORT_RUN']);
    await p.settle();
    p.tick();
    expect(p.types()).toEqual(['EXPORT_RUN']);
    p.deliver({ type: 'BATCH', clock: clock({ nowMs: 2500 }), trace: [], objects: [] });
    p.tick();
    expect(p.types()).toEqual(['EXPORT_RUN', 'EXPORT_RUN']);
  });

  it('pausing saves the exact moment', () => {
    const p = page();
    p.deliver(READY);
    p.deliver({ type: 'BATCH', clock: clock({ nowMs: 100 }), trace: [], objects: [] });
    p.deliver({ type: 'BATCH', clock: clock({ nowMs: 100, playing: false }), trace: [], objects: [] });
    expect(p.types()).toEqual(['EXPORT_RUN']);
  });

  it('keeps the editor text as it is typed and the settings as they change', () => {
    const p = page();
    p.store.getState().setYaml('kind: Pod\n');
    expect(p.storage.data.get(KEYS.yaml)).toBe('kind: Pod\n');
    p.deliver(READY);
    p.deliver({ type: 'BATCH', clock: clock({ speed: 10, pacing: 'realtime' }), trace: [], objects: [] });
    expect(JSON.parse(p.storage.data.get(KEYS.settings)!)).toEqual({ speed: 10, pacing: 'realtime' });
  });
});

describe('run session: files and Reset', () => {
  it('Import run loads a good file and refuses a bad one plainly', () => {
    const p = page({ hash: `#run=${encodeRun(sampleRun({ seed: 3 }))}` });
    p.deliver(READY);
    p.sent.length = 0;
    expect(p.session.importRun('{"engine": "orrery-engine/2", "seed": 1}')).toBe(false);
    expect(p.session.state.getState().notice).toBe('This file is not a Kube Orrery run: "nodes" should be a number.');
    expect(p.sent).toEqual([]);
    expect(p.session.importRun(JSON.stringify(sampleRun()))).toBe(true);
    expect(p.sent).toEqual([{ type: 'LOAD_RUN', run: sampleRun() }]);
    expect(p.session.state.getState().notice).toBeNull();
    expect(p.location.hash).toBe('');
  });

  it('Reset forgets what was saved, drops the hash, restores the starter and starts a new cluster', () => {
    const p = page({ storage: savedState(), hash: `#run=${encodeRun(sampleRun())}` });
    p.deliver(READY);
    p.sent.length = 0;
    p.session.reset();
    expect(p.store.getState().yaml).toBe(STARTER_POD);
    expect(p.location.hash).toBe('');
    expect(p.storage.data.size).toBe(0);
    expect(p.sent).toEqual([{ type: 'RESET', forget: true }, { type: 'SET_SPEED', speed: 1 }, { type: 'SET_PACING', pacing: 'story' }, { type: 'PLAY' }]);
  });
});
