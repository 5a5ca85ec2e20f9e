// The UI's side of the worker protocol: commands out, messages into the store.
import type { Command, Fault, RunData, UserIdentity, WorkerMessage } from '../../protocol/messages';
import type { UiStore } from '../store/store';

/** What the bridge needs of a Worker (a fake in tests). */
export interface WorkerPort {
  postMessage(cmd: Command): void;
  onmessage: ((ev: MessageEvent<WorkerMessage>) => void) | null;
  onerror?: ((ev: ErrorEvent) => void) | null;
  terminate?(): void;
}

export interface Bridge {
  send(cmd: Command): void;
  apply(yaml: string, as?: UserIdentity): number;
  remove(yaml: string, as?: UserIdentity): number;
  inject(fault: Fault): number;
  /** the current run as data (EXPORT_RUN), answered when the worker's RUN_DATA arrives */
  exportRun(): Promise<RunData>;
  /** every message from the worker, before the store takes it (the walkthrough player's answers) */
  listen(cb: (m: WorkerMessage) => void): () => void;
  dispose(): void;
}

/** Messages waiting for the next frame; past this many they are applied at once (hidden tab). */
const MAX_QUEUED = 240;

export function connectWorker(store: UiStore, worker: WorkerPort, frame: (cb: () => void) => void = (cb) => requestAnimationFrame(cb)): Bridge {
  let nextId = 1;
  // Apply what arrived since the last frame in one go: if the main thread falls behind, React
  // renders once per frame instead of once per message (xyflow's BatchProvider does the same).
  let queue: WorkerMessage[] = [];
  let scheduled = false;
  const exports = new Map<number, (run: RunData) => void>();
  const listeners = new Set<(m: WorkerMessage) => void>();
  const flush = () => {
    scheduled = false;
    const msgs = queue;
    queue = [];
    for (const m of msgs) store.getState().receive(m);
  };
  worker.onmessage = (ev) => {
    for (const l of listeners) l(ev.data);
    if (ev.data.type === 'RUN_DATA') {
      exports.get(ev.data.id)?.(ev.data.run);
      exports.delete(ev.data.id);
    }
    queue.push(ev.data);
    if (queue.length >= MAX_QUEUED) flush();
    else if (!scheduled) {
      scheduled = true;
      frame(flush);
    }
  };
  worker.onerror = (ev) => store.getState().receive({ type: 'ERROR', message: `worker: ${ev.message || 'failed to load'}` });
  const send = (cmd: Command) => worker.postMessage(cmd);
  // the worker sends the recent events of the inspected object only: tell it which one that is
  const unwatch = store.subscribe((s, prev) => {
    if (s.selectedKey !== prev.selectedKey) send({ type: 'INSPECT', key: s.selectedKey });
  });
  if (store.getState().selectedKey !== null) send({ type: 'INSPECT', key: store.getState().selectedKey });
  const request = (action: 'apply' | 'delete', yaml: string, as?: UserIdentity) => {
    const id = nextId++;
    store.getState().startRequest(id, action);
    send(action === 'apply' ? { type: 'APPLY', id, yaml, as } : { type: 'DELETE', id, yaml, as });
    return id;
  };
  return {
    send,
    apply: (yaml, as) => request('apply', yaml, as),
    remove: (yaml, as) => request('delete', yaml, as),
    inject: (fault) => {
      const id = nextId++;
      store.getState().startFault(id, fault);
      send({ type: 'INJECT', id, fault });
      return id;
    },
    exportRun: () =>
      new Promise<RunData>((resolve) => {
        const id = nextId++;
        exports.set(id, resolve);
        send({ type: 'EXPORT_RUN', id });
      }),
    listen: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    dispose: () => {
      unwatch();
      worker.onmessage = null;
      worker.terminate?.();
    },
  };
}
