// The walkthroughs (their scripts, the YAML parser, the matcher) are a chunk of their own: the page
// paints without them and this shell fetches them at once, in parallel with the simulation worker
// (which must boot before a walkthrough can start). Calls made meanwhile run, in order, on arrival;
// `claim` answers false until then, since no walkthrough can be running before its code is there.
import { createStore } from 'zustand/vanilla';
import type { Bridge } from '../bridge/bridge';
import type { UiStore } from '../store/store';
import type { WalkSession, startWalkSession } from './session';
import { initialWalkState, type WalkState } from './walk-state';

type Env = Parameters<typeof startWalkSession>[2];

export function startLazyWalkSession(store: UiStore, bridge: Bridge, env: Env, load = () => import('./session')): WalkSession {
  const state = createStore<WalkState>(initialWalkState);
  let real: WalkSession | null = null;
  let disposed = false;
  const queued: Array<(s: WalkSession) => void> = [];
  const arrived = load().then((m) => {
    real = m.startWalkSession(store, bridge, env, state);
    for (const f of queued.splice(0)) f(real);
    if (disposed) real.dispose();
  });
  arrived.catch((err: unknown) => console.error('the walkthroughs could not be loaded:', err));
  const call = (f: (s: WalkSession) => void) => (real ? f(real) : void queued.push(f));
  return {
    state,
    openPicker: () => call((s) => s.openPicker()),
    closePicker: () => call((s) => s.closePicker()),
    select: (id) => call((s) => s.select(id)),
    begin: (id, autoNext) => call((s) => s.begin(id, autoNext)),
    next: () => call((s) => s.next()),
    back: () => call((s) => s.back()),
    jump: (step) => call((s) => s.jump(step)),
    resume: () => call((s) => s.resume()),
    claim: (cmd) => real?.claim(cmd) ?? false,
    exit: () => call((s) => s.exit()),
    dispose: () => {
      disposed = true;
      real?.dispose();
    },
  };
}
