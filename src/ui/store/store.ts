// One vanilla zustand store (zustand's slices guide); React reads it through useUi + selectors.
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApplyResult, Fault, WorkerMessage } from '../../protocol/messages';
import { removeToken } from '../animation/tokens';
import { reduceBatch } from './batch';
import type { TerminalLine, EditorSlice, FaultsSlice, ObjectsSlice, PresenterSlice, SelectionSlice, SimSlice, TraceSlice, UiState } from './types';
import { STARTER_POD } from '../editor/examples';
import { DEFAULT_IDENTITY } from '../editor/identities';
import { DEFAULT_LOCALE, type Locale } from '../../i18n';
import { requestLocale } from '../i18n/locale-request';
import { schedulerSlice } from '../../folds/scheduler';
import { controllersSlice } from '../../folds/controllers';
import { pipelineSlice } from '../../folds/pipeline';
import { etcdKeysSlice } from './etcd-keys';
import { nodeViewsSlice, onLogsResult } from './node-views';
import { clusterMapSlice } from './cluster-map';

export interface UiActions {
  receive(msg: WorkerMessage): void;
  select(key: string | null): void;
  tokenDone(id: number): void;
  setYaml(yaml: string): void;
  setIdentity(id: string): void;
  setLocale(locale: Locale): void;
  setPresenter(on: boolean): void;
  setReduceMotion(on: boolean): void;
  startRequest(id: number, action: 'apply' | 'delete'): void;
  startFault(id: number, fault: Fault): void;
  /** a Terminal line sent to the worker (id answered by KUBECTL_RESULT) */
  termRun(id: number, line: string): void;
  /** Ctrl+C on an empty line, or `clear` */
  termPrint(line: TerminalLine | null): void;
}

export type UiStore = StoreApi<UiState & UiActions>;

const simSlice = (): SimSlice => ({
  ready: false,
  seed: 1,
  clock: { nowMs: 0, playing: true, speed: 1, pacing: 'story', fastForward: false },
  jump: null,
  workerError: null,
  locale: DEFAULT_LOCALE,
  nodeCount: 3,
  timeline: { position: -1, length: 0, marks: [], branch: null },
  runData: null,
});
const traceSlice = (): TraceSlice => ({ log: [], storyCount: 0, lastStory: null, tokens: [], activity: {}, objectEvents: {}, etcdRevision: 0, etcdMembers: [] });
const objectsSlice = (): ObjectsSlice => ({ objects: new Map(), podKeys: [], podKeysByNode: {}, nodeNames: [] });
const selectionSlice = (): SelectionSlice => ({ selectedKey: null });
const editorSlice = (): EditorSlice => ({ yaml: STARTER_POD, identity: DEFAULT_IDENTITY.id, pending: null, results: null, resultsAction: null });
const faultsSlice = (): FaultsSlice => ({ faultPending: null, faultResult: null });
const presenterSlice = (): PresenterSlice => ({ presenter: false, reduceMotion: false });
/** the transcript keeps its last lines only (a long `get -o yaml` session stays cheap to render) */
const TERMINAL_KEEP = 2000;
const keepLast = (lines: TerminalLine[]) => (lines.length > TERMINAL_KEEP ? lines.slice(lines.length - TERMINAL_KEEP) : lines);
const splitOutput = (kind: 'out' | 'err', text: string): TerminalLine[] => (text ? text.replace(/\n$/, '').split('\n').map((t) => ({ kind, text: t })) : []);

function onResults(s: UiState, id: number, results: ApplyResult[]): Partial<UiState> {
  if (s.pending?.id !== id) return {};
  return { pending: null, results, resultsAction: s.pending.action };
}

export function createUiStore(): UiStore {
  return createStore<UiState & UiActions>()((set) => ({
    ...simSlice(),
    ...traceSlice(),
    ...objectsSlice(),
    ...selectionSlice(),
    ...editorSlice(),
    ...faultsSlice(),
    ...presenterSlice(),
    ...schedulerSlice(),
    ...controllersSlice(),
    ...pipelineSlice(),
    ...etcdKeysSlice(),
    ...nodeViewsSlice(),
    ...clusterMapSlice(),
    termLines: [],
    termPending: null,
    receive: (msg) =>
      set((s) => {
        switch (msg.type) {
          case 'READY':
            return { ready: true, seed: msg.seed, nodeCount: msg.nodes.length, workerError: null, etcdMembers: msg.etcdMembers.map((id) => ({ id, role: 'follower', term: 0, commit: 0, stopped: false })), faultPending: null, faultResult: null };
          case 'BATCH':
            return reduceBatch(s, msg);
          case 'APPLY_RESULT':
            return onResults(s, msg.id, msg.results);
          case 'INJECT_RESULT':
            return s.faultPending?.id === msg.id ? { faultPending: null, faultResult: { fault: msg.fault, ok: msg.ok, message: msg.message } } : {};
          case 'ERROR':
            return { workerError: msg.message, pending: null };
          case 'LOGS_RESULT':
            return onLogsResult(s, msg);
          case 'REGISTRY_RESULT':
            return { registryImages: msg.images };
          case 'KUBECTL_OUTPUT':
            if (s.termPending !== msg.id) return {};
            return { termLines: keepLast([...s.termLines, ...splitOutput('out', msg.stdout), ...splitOutput('err', msg.stderr)]) };
          case 'KUBECTL_RESULT':
            if (s.termPending !== msg.id) return {};
            return { termPending: null, termLines: keepLast([...s.termLines, ...splitOutput('out', msg.stdout), ...splitOutput('err', msg.stderr)]) };
          case 'RUN_DATA':
            return { runData: { id: msg.id, run: msg.run } };
          default:
            return {};
        }
      }),
    select: (key) => set({ selectedKey: key }),
    tokenDone: (id) => set((s) => ({ tokens: removeToken(s.tokens, id) })),
    setYaml: (yaml) => set({ yaml }),
    setIdentity: (identity) => set({ identity }),
    setLocale: (locale) => requestLocale(locale, (l) => set({ locale: l })),
    setPresenter: (presenter) => set({ presenter }),
    setReduceMotion: (reduceMotion) => set({ reduceMotion }),
    startRequest: (id, action) => set({ pending: { id, action }, results: null, resultsAction: null, workerError: null }),
    startFault: (id, fault) => set({ faultPending: { id, fault }, faultResult: null }),
    termRun: (id, line) => set((s) => ({ termPending: id, termLines: keepLast([...s.termLines, { kind: 'cmd', text: line }]) })),
    termPrint: (line) => set((s) => ({ termPending: null, termLines: line ? keepLast([...s.termLines, line]) : [] })),
  }));
}

export function useUi<T>(store: UiStore, selector: (s: UiState & UiActions) => T): T {
  return useStore(store, selector);
}
