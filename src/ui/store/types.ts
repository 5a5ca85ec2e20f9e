// State shapes of the UI store. The UI holds no truth: all of this is what the worker streamed.
import type { ApplyResult, ClockState, EtcdMemberView, Fault, KubeObject, RunData, TimelineState, TraceEvent } from '../../protocol/messages';
import type { Locale } from '../../i18n';
import type { ControllersSlice } from '../../folds/controllers';
import type { SchedulerSlice } from '../../folds/scheduler';
import type { PipelineSlice } from '../../folds/pipeline';
import type { LogEntry } from '../../folds/trace';
import type { EtcdKeysSlice } from './etcd-keys';
import type { NodeViewsSlice } from './node-views';
import type { ClusterMapSlice } from './cluster-map';

export type { LogEntry };

/** One animated message in the diagram (from → to), removed when its animation ends. */
export interface Token {
  id: number;
  from: string;
  to: string;
  type: string;
  failed: boolean;
  label: string;
  durationMs: number;
}

export interface Activity {
  seq: number;
  ambient: boolean;
  type: string;
}

export interface ClockJump {
  fromMs: number;
  toMs: number;
  /** a counter, so the UI can restart the jump animation */
  n: number;
}

export interface SimSlice {
  ready: boolean;
  seed: number;
  clock: ClockState;
  jump: ClockJump | null;
  workerError: string | null;
  /** the UI's language (src/i18n) */
  locale: Locale;
  /** nodes of the cluster the worker runs */
  nodeCount: number;
  /** where the played moment is on the run's timeline (worker's) */
  timeline: TimelineState;
  /** the last exported run (Share, Export run) */
  runData: { id: number; run: RunData } | null;
}

export interface TraceSlice {
  log: LogEntry[];
  storyCount: number;
  lastStory: TraceEvent | null;
  tokens: Token[];
  /** latest event received by each component id */
  activity: Record<string, Activity>;
  /** recent story events per object key */
  objectEvents: Record<string, TraceEvent[]>;
  etcdRevision: number;
  /** the etcd members as the played trace shows them (the worker folds raft.* events) */
  etcdMembers: EtcdMemberView[];
}

export interface ObjectsSlice {
  objects: Map<string, KubeObject>;
  /** pod keys sorted by name; identity changes only when the set changes */
  podKeys: string[];
  /** pod keys per spec.nodeName ('' = unscheduled); per-node identity kept when unchanged */
  podKeysByNode: Record<string, string[]>;
  nodeNames: string[];
}

export interface SelectionSlice {
  selectedKey: string | null;
}

export interface EditorSlice {
  yaml: string;
  /** who kubectl is (an identity id of editor/identities.ts) */
  identity: string;
  pending: { id: number; action: 'apply' | 'delete' } | null;
  results: ApplyResult[] | null;
  resultsAction: 'apply' | 'delete' | null;
}

/** The Faults panel: the last fault sent and the engine's answer. */
export interface FaultsSlice {
  faultPending: { id: number; fault: Fault } | null;
  faultResult: { fault: Fault; ok: boolean; message?: string } | null;
}

/** Presenter mode and accessibility settings (src/ui/presenter). */
export interface PresenterSlice {
  /** the diagram fills the screen, the narration is a large caption, panels fold away */
  presenter: boolean;
  /** tokens jump instead of travel (also when the system asks for reduced motion) */
  reduceMotion: boolean;
}

/** The Terminal's transcript: what was typed and what kubectl printed. */
export interface TerminalLine {
  kind: 'cmd' | 'out' | 'err';
  text: string;
}

export interface TerminalSlice {
  termLines: TerminalLine[];
  /** the line waiting for its answer */
  termPending: number | null;
}

export type UiState = TerminalSlice & PresenterSlice & SimSlice & TraceSlice & ObjectsSlice & SelectionSlice & EditorSlice & FaultsSlice & SchedulerSlice & ControllersSlice & PipelineSlice & EtcdKeysSlice & NodeViewsSlice & ClusterMapSlice;
