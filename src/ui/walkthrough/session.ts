// The walkthrough player's state and moves, outside React (testable with a fake bridge). A walkthrough
// is a scripted run the worker computes whole (LOAD_SCRIPT); its steps' positions come from the
// matcher over the run's story events; Next plays to the next step's event (PLAY_TO), Back seeks
// to the previous one. Free play never stops: the timeline, Apply and the faults stay live.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseAllDocuments, stringify } from 'yaml';
import type { AnyTraceEvent, Fault, UserIdentity, WorkerMessage } from '../../protocol/messages';
import { matchSteps, scriptOf, walkthroughById } from '../../scenarios';
import type { WalkthroughStep } from '../../scenarios/types';
import { IDENTITIES } from '../editor/identities';
import type { Bridge } from '../bridge/bridge';
import type { UiStore } from '../store/store';
import { readingTable } from './reading';
import { FIRST_WALKTHROUGH, initialWalkState, type WalkState } from './walk-state';

export const SEEN_KEY = 'kube-orrery:walkthrough-seen';
export { FIRST_WALKTHROUGH };
/** wall ms per story event while Next plays to its step (÷ speed) */
export const NEXT_STEP_MS = 220;

export type { WalkState };

export interface WalkSession {
  state: StoreApi<WalkState>;
  openPicker(): void;
  closePicker(): void;
  select(id: string): void;
  begin(id: string, autoNext?: boolean): void;
  next(): void;
  back(): void;
  jump(step: number): void;
  resume(): void;
  /**
   * The learner did what the next step waits for (Apply in the editor, Delete, a fault button): the
   * step plays as if Next were pressed and true is returned; anything else is free play (false).
   */
  claim(cmd: LearnerCommand): boolean;
  exit(): void;
  dispose(): void;
}

/** What the editor's Apply / Delete and the fault buttons send. */
export type LearnerCommand = { type: 'apply' | 'delete'; yaml: string; as?: UserIdentity } | { type: 'inject'; fault: Fault };

const ADMIN = 'kubernetes-admin';

/** Key order does not matter when the learner's manifest is compared with the step's. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function oneDoc(yaml: string): Record<string, unknown> | undefined {
  try {
    const docs = parseAllDocuments(yaml).filter((d) => d.contents !== null);
    if (docs.length !== 1 || docs[0].errors.length) return undefined;
    const o = docs[0].toJS() as unknown;
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a learner's command is the action a step waits for. */
export function isAwaitedAction(action: NonNullable<WalkthroughStep['action']>['input'], cmd: LearnerCommand): boolean {
  if (cmd.type === 'inject') return action.type === 'inject' && action.fault.type === cmd.fault.type && action.fault.target === cmd.fault.target;
  if (action.type !== cmd.type) return false;
  if ((action.as?.user ?? ADMIN) !== (cmd.as?.user ?? ADMIN)) return false;
  const doc = oneDoc(cmd.yaml);
  if (!doc) return false;
  if (action.type === 'apply') return canonical(doc) === canonical(action.object);
  if (action.type !== 'delete') return false;
  const meta = (doc.metadata ?? {}) as { name?: string; namespace?: string };
  return doc.kind === action.ref.kind && meta.name === action.ref.name && (meta.namespace ?? 'default') === (action.ref.namespace ?? 'default');
}

interface Env {
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** location.search and location.hash: `?nowalkthrough` and a shared run keep the picker closed */
  search: string;
  hash: string;
}

/** `state`: the store the components already read (lazy-session.ts made it before this chunk came). */
export function startWalkSession(store: UiStore, bridge: Bridge, env: Env, state: StoreApi<WalkState> = createStore<WalkState>(initialWalkState)): WalkSession {
  let request = 0;
  let autoNextFor = 0;
  const set = (p: Partial<WalkState>) => state.setState(p);
  const seen = () => {
    try {
      return !!env.storage?.getItem(SEEN_KEY);
    } catch {
      return true;
    }
  };
  const markSeen = () => {
    try {
      env.storage?.setItem(SEEN_KEY, '1');
    } catch {
      /* nothing saved: the picker opens again next time */
    }
  };

  const onMessage = (m: WorkerMessage) => {
    if (m.type !== 'SCRIPT_LOADED' || m.id !== request) return;
    const w = walkthroughById(state.getState().id ?? '');
    if (!w) return;
    const r = matchSteps(w, m.events as AnyTraceEvent[], m.start);
    set({ status: r.missing >= 0 ? 'failed' : 'ready', events: r.matches.map((x) => x.event), start: m.start, index: -1, missing: r.missing });
    if (autoNextFor === request && r.missing < 0) api.next();
    else prepare();
  };

  /** the step after the one shown, when it waits for the learner */
  const awaited = () => {
    const s = state.getState();
    const w = walkthroughById(s.id ?? '');
    if (!w || s.status !== 'ready') return undefined;
    return w.steps[s.index + 1]?.action;
  };
  /** The editor holds what the awaited action applies, as the identity it applies it as, so the
   * learner can press Apply themselves (or Next, which names the action). */
  const prepare = () => {
    const a = awaited()?.input;
    if (a?.type === 'delete') {
      // the object alone (not the walkthrough's whole manifest), so Delete removes just it
      const w = walkthroughById(state.getState().id ?? '');
      const made = w?.setup.find((i) => i.type === 'apply' && i.object.kind === a.ref.kind && i.object.metadata.name === a.ref.name);
      if (made?.type === 'apply') store.getState().setYaml(stringify(made.object));
    }
    if (a?.type !== 'apply') return;
    store.getState().setYaml(stringify(a.object));
    const user = a.as?.user ?? ADMIN;
    const who = IDENTITIES.find((i) => i.user === user);
    if (who) store.getState().setIdentity(who.id);
  };

  const seqOf = (i: number) => (i < 0 ? state.getState().start : state.getState().events[i].seq);

  const api: WalkSession = {
    state,
    openPicker: () => set({ pickerOpen: true }),
    closePicker: () => {
      markSeen();
      set({ pickerOpen: false });
    },
    select: (id) => set({ selected: id }),
    begin: (id, autoNext = false) => {
      const w = walkthroughById(id);
      if (!w) return;
      markSeen();
      request++;
      autoNextFor = autoNext ? request : 0;
      set({ id, selected: id, status: 'loading', events: [], index: -1, missing: -1, pickerOpen: autoNext ? state.getState().pickerOpen : false });
      bridge.send({ type: 'LOAD_SCRIPT', id: request, ...scriptOf(w) });
      // the editor shows what the walkthrough applies (a misspelt image, a request too big) from the start
      store.getState().setYaml(w.manifest);
    },
    next: () => {
      const s = state.getState();
      const w = walkthroughById(s.id ?? '');
      if (!w || s.status !== 'ready' || s.index + 1 >= s.events.length) return;
      const i = s.index + 1;
      set({ index: i });
      bridge.send({ type: 'PLAY_TO', seq: seqOf(i), stepMs: NEXT_STEP_MS });
      // the last step: "try it yourself" with the walkthrough's manifest in the editor
      if (i === s.events.length - 1) store.getState().setYaml(w.manifest);
      else prepare();
    },
    back: () => {
      const s = state.getState();
      if (s.status !== 'ready' || s.index < 0) return;
      set({ index: s.index - 1 });
      bridge.send({ type: 'SEEK', seq: seqOf(s.index - 1) });
      prepare();
    },
    jump: (step) => {
      const s = state.getState();
      if (s.status !== 'ready' || step < 1 || step > s.events.length) return;
      set({ index: step - 1 });
      bridge.send({ type: 'SEEK', seq: seqOf(step - 1) });
      prepare();
    },
    claim: (cmd) => {
      const a = awaited();
      if (!a || !isAwaitedAction(a.input, cmd)) return false;
      api.next();
      return true;
    },
    resume: () => {
      const s = state.getState();
      if (s.status === 'ready') bridge.send({ type: 'SEEK', seq: seqOf(s.index) });
    },
    exit: () => set({ id: null, status: 'idle', events: [], index: -1 }),
    dispose: () => {
      unlisten();
      unsubscribe();
    },
  };

  const unlisten = bridge.listen(onMessage);
  // READY: the first visit opens the picker and starts "Create a Pod" at once; the reading times go
  // to the worker on READY and whenever the language changes
  const firstVisit = !seen() && !/[?&]nowalkthrough\b/.test(env.search) && !/run=/.test(env.hash);
  let started = false;
  const sendReading = () => bridge.send({ type: 'SET_READING', msByKey: readingTable(store.getState().locale) });
  const onReady = () => {
    sendReading();
    if (firstVisit && !started) {
      started = true;
      set({ pickerOpen: true, selected: FIRST_WALKTHROUGH });
      api.begin(FIRST_WALKTHROUGH, true);
    }
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.ready && !prev.ready) onReady();
    else if (s.locale !== prev.locale) sendReading();
  });
  if (store.getState().ready) onReady();
  return api;
}
