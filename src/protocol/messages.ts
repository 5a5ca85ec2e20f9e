// The only surface shared by the worker and the UI (DESIGN.md layout). Type-only imports from
// the engine: the UI never runs engine code on the main thread.
import type { AnyTraceEvent, ApplyResult, K8sStatus, OmittedNodes, SchedulerDecisionDetail, TraceDetailOf, TraceEvent, TraceParamsOf, TraceType, TypedTraceEvent } from '../engine';
import type { RegistryImage } from '../engine/cluster/node-access';
import type { ProxyRules } from '../engine/proxy/iptables/proxier';
import type { Input, InputAction } from '../engine/cluster/inputs';
import type { Views } from '../folds/registry';
import type { NodeRow, PodCell } from '../folds/cluster-map';

export type { Input, InputAction, Views };

/** kube-proxy's rule set on one node, the detail of a `kube-proxy.sync` trace event. */
export type ProxyRulesView = ProxyRules;

export const PROTOCOL_VERSION = 1;

/** From this many nodes the worker and the page treat a cluster as large: the views that grow with
 * it travel less often, batches are coalesced over LARGE_BATCH_GAP_MS, the map's fades repaint less. */
export const LARGE_CLUSTER_NODES = 100;

export type Pacing = 'story' | 'realtime';

export interface UserIdentity {
  user?: string;
  groups?: string[];
}

/** The engine's own shapes: trace events typed per `type`, and kubectl apply's results. */
export type { AnyTraceEvent, ApplyResult, K8sStatus, OmittedNodes, SchedulerDecisionDetail, TraceDetailOf, TraceParamsOf, TraceType, TypedTraceEvent };
export type { NarrationKey } from '../engine';

/** Commands: UI → worker. */
export type Command =
  | { type: 'APPLY'; id: number; yaml: string; as?: UserIdentity }
  | { type: 'DELETE'; id: number; yaml: string; as?: UserIdentity; /** kubectl delete --cascade (default background) */ cascade?: 'background' | 'foreground' | 'orphan' }
  /** a line typed in the Terminal (`kubectl …`), run over the REST API as kubectl would send it;
   * `files` are what `-f NAME` reads (the editor's buffer is manifest.yaml). Answered by KUBECTL_RESULT */
  | { type: 'KUBECTL'; id: number; line: string; files: Record<string, string> }
  /** Ctrl+C on a Terminal line still running (`get -w`): answered by its KUBECTL_RESULT (exit code 130) */
  | { type: 'KUBECTL_CANCEL'; id: number }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'STEP' }
  | { type: 'SET_SPEED'; speed: number }
  | { type: 'SET_PACING'; pacing: Pacing }
  /** a new cluster (a new run); the run left behind can be returned to unless `forget` */
  | { type: 'RESET'; seed?: number; nodes?: number; forget?: boolean }
  /** break something (DESIGN.md `Cluster.inject`); answered by INJECT_RESULT with the same id */
  | { type: 'INJECT'; id: number; fault: Fault }
  /** `kubectl logs <pod> [-c container] [--previous]`, as of the played clock; answered by LOGS_RESULT */
  | { type: 'LOGS'; id: number; namespace: string; pod: string; container?: string; previous?: boolean }
  /** the images the simulated registry serves; answered by REGISTRY_RESULT */
  | { type: 'REGISTRY'; id: number }
  /** the object the inspector shows (null: none): only its recent events travel in `views.objectEvents`
   * (every object's were the largest part of a seek's reset batch, and the inspector shows one) */
  | { type: 'INSPECT'; key: string | null }
  /** large clusters: the node whose detail the map shows (null: none); its pods travel whole while it is open */
  | { type: 'MAP_FOCUS'; node: string | null }
  /** time travel: the moment just after trace event `seq` (the clock pauses); every view shows that moment */
  | { type: 'SEEK'; seq: number }
  /** seek to the story event before the one played last */
  | { type: 'STEP_BACK' }
  /** after a fork: go back to the run the fork abandoned (at the fork point) */
  | { type: 'RETURN_TO_BRANCH' }
  /** replace the run with a recorded one (share link, imported file) and seek to its cursor */
  | { type: 'LOAD_RUN'; run: RunData }
  /** the current run as data; answered by RUN_DATA */
  | { type: 'EXPORT_RUN'; id: number }
  /** a scripted run (a walkthrough): a fresh cluster of `seed` and `nodes`, each action issued once
   * the previous one has settled; the whole run is computed, then shown paused at the moment before
   * the first of the actions from `startAt` on (index into `actions`). Answered by SCRIPT_LOADED */
  | {
      type: 'LOAD_SCRIPT'; id: number; seed: number; nodes: number; actions: InputAction[]; startAt: number;
      /** virtual ms to run on after the last action has settled: a story told by timers (probe periods,
       * the node monitor's grace period, tolerationSeconds, Raft elections) that an idle run would stop short of */
      runForMs?: number;
    }
  /** play one story event every `stepMs` of wall time until trace event `seq` is shown, then pause
   * there (a walkthrough's Next); a seq already played is a seek */
  | { type: 'PLAY_TO'; seq: number; stepMs?: number }
  /** story pacing: wall ms at 1× a person needs to read each narration key (measured by the UI in
   * its locale's catalogue); a story event waits the longer of this and the base slot */
  | { type: 'SET_READING'; msByKey: Record<string, number> };

/** What lights a component on the diagram: the last event it received. */
export type ActivityMark = Pick<TraceEvent, 'seq' | 'to' | 'type' | 'ambient'>;

/** A batch's newest story events that fly as tokens (a large cluster's batch carries no others whole). */
export const STORY_EVENTS_PER_LARGE_BATCH = 8;

/** The large-cluster map's rows that changed since the last batch (src/folds/cluster-map.ts). */
export interface ClusterMapDelta {
  full?: boolean;
  rows: NodeRow[];
  removed: string[];
  /** rows sent as their changes rather than whole (a long row changing a little: the unscheduled row
   * holds every Pending pod, 10,000 after a large Apply, and was ~90% of a batch): the row's other
   * fields, its new or changed cells and the keys of the cells that left it */
  edited?: Array<{ row: Omit<NodeRow, 'pods'>; set: PodCell[]; removed: string[] }>;
}

/** A run as data: replaying `inputs` on a cluster of `seed` and `nodes` reproduces it exactly. */
export interface RunData {
  /** the engine that recorded it: another engine would replay something different */
  engine: string;
  seed: number;
  nodes: number;
  etcdMembers: number;
  inputs: Input[];
  /** the trace position shown (the moment just after this event) */
  cursor: number;
  /** the virtual clock shown (it may have run on past the cursor's event while nothing happened) */
  cursorMs?: number;
}

/** Views the worker streams whole when they change (objects and etcd keys go as deltas). */
export type ViewPatch = Partial<Omit<Views, 'objects' | 'etcdKeys' | 'etcd' | 'failures' | 'seq' | 'clusterMap' | 'objectEvents'>> & {
  /** the inspected object's recent events (the worker's fold holds every object's) */
  objectEvents?: Record<string, TraceEvent[]>;
};

/** kubectl's answer to the editor's Apply or Delete, shown once the played trace reaches it. */
export interface Outcome {
  action: 'apply' | 'delete';
  results: ApplyResult[];
}

/** A user action or a failure on the timeline. */
export interface TimelineMark {
  seq: number;
  kind: 'input' | 'failure';
  label: string;
}

/** Where the played moment is on this run's timeline. */
export interface TimelineState {
  /** seq of the last played event (the slider's value) */
  position: number;
  /** events known on this branch (the slider's end is length - 1) */
  length: number;
  marks: TimelineMark[];
  /** a fork left the original run behind at this position, or a new cluster (another node count,
   * `nodes`) left the previous run behind (null when there is none) */
  branch: { forkSeq: number; inputs: number; nodes?: number } | null;
}

/** One image the simulated registry serves (the engine's catalogue and `registry.add` pushes). */
export type RegistryImageView = RegistryImage;

/** A fault as `Cluster.inject` takes it: `{type: 'etcd.stop', target: 'etcd-1'}`,
 * `{type: 'image.remove', target: 'nginx:1.27'}`, `{type: 'node.stop', target: 'node-2'}`. */
export interface Fault {
  type: string;
  target: string;
  [k: string]: unknown;
}

export type EtcdRole = 'leader' | 'follower' | 'candidate';

/** One etcd member as the played trace shows it (the worker folds raft.* and etcd.stop/start events). */
export interface EtcdMemberView {
  id: string;
  role: EtcdRole;
  term: number;
  /** highest log index this member is known to have committed (0 = none seen yet) */
  commit: number;
  stopped: boolean;
  /** in an election: the candidate this member voted for in `term` */
  votedFor?: string;
  /** index of the last entry in this member's Raft log, as the trace shows it (propose, append, vote request) */
  lastIndex?: number;
}

/** One write to an etcd key, as played. */
export interface EtcdKeyWrite {
  revision: number;
  /** virtual ms */
  t: number;
  op: 'put' | 'delete';
  /** the key's version after this write (0 after a delete) */
  version: number;
  /** bytes of the stored value (0 for a delete) */
  size: number;
}

/** One etcd key as the played trace shows it (the worker folds etcd.put / etcd.delete events).
 * A deleted key keeps its last writes, with createRevision and version 0 (etcd's tombstone). */
export interface EtcdKeyView {
  key: string;
  createRevision: number;
  modRevision: number;
  version: number;
  /** the latest writes, oldest first (capped) */
  history: EtcdKeyWrite[];
}

/** An object as last written to etcd, keyed `Kind/namespace/name` (namespace empty for cluster-scoped). */
export type ObjectChange =
  | { op: 'upsert'; key: string; object: KubeObject }
  | { op: 'remove'; key: string };

/** The key of ObjectChange: `Kind/namespace/name`, namespace empty for cluster-scoped objects. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface ClockState {
  /** virtual ms since the cluster started, at the point the UI has played up to */
  nowMs: number;
  playing: boolean;
  speed: number;
  pacing: Pacing;
  /** true while the worker fast-forwards an idle stretch of virtual time */
  fastForward: boolean;
  /** story events emitted by the engine but not played yet (story pacing; 0 in real time) */
  buffered?: number;
}

/** Messages: worker → UI. At most one BATCH per animation frame. */
export type WorkerMessage =
  | { type: 'READY'; version: number; nodes: string[]; seed: number; etcdMembers: string[] }
  | {
      type: 'BATCH';
      clock: ClockState;
      /** the events played since the last batch; on a large cluster only the newest
       * STORY_EVENTS_PER_LARGE_BATCH story events (the ones that fly as tokens) and what is between them */
      trace: TraceEvent[];
      /** a large cluster's other events of the batch, as the diagram's pulses need them: the last one
       * each component received, oldest first (thousands a second at 1,000 nodes were most of a batch) */
      activity?: ActivityMark[];
      objects: ObjectChange[];
      /** start/RESET: the UI drops its state, takes `objects` as the full set and does not animate `trace` */
      reset?: boolean;
      /** on reset: `objects` are the changes from the objects the UI has (the worker knows what it sent),
       * not the full set; a seek leaves most objects as they were, and sending them all cost a seek ~100 kB */
      objectsDelta?: boolean;
      /** the etcd members after this batch's events; sent when it changed (always on reset) */
      etcd?: EtcdMemberView[];
      /** etcd keys written since the last batch that carried keys (every key on reset) */
      etcdKeys?: EtcdKeyView[];
      /** the timeline, when it changed */
      timeline?: TimelineState;
      /** the views (folded in the worker from every played event) that changed; all of them on reset.
       * Objects and etcd keys travel as `objects` / `etcdKeys` instead; `objectEvents` holds only the
       * inspected object's (INSPECT) */
      views?: ViewPatch;
      /** on reset: the editor's outcome line as of this moment (the last answer played) */
      outcome?: Outcome | null;
      /** large clusters: the map's node rows that changed (every row when `full`: reset, seek) */
      clusterMap?: ClusterMapDelta;
    }
  | { type: 'RUN_DATA'; id: number; run: RunData }
  /** a LOAD_SCRIPT's run: its story events (stored values left out) and the seq it is shown at */
  | { type: 'SCRIPT_LOADED'; id: number; events: TraceEvent[]; start: number; length: number }
  | { type: 'APPLY_RESULT'; id: number; results: ApplyResult[] }
  /** what kubectl printed for a Terminal line, posted when the played trace reaches its last answer */
  | { type: 'KUBECTL_RESULT'; id: number; stdout: string; stderr: string; exitCode: number }
  /** more output of a Terminal line still running (`get -w`), as the played story reaches each change */
  | { type: 'KUBECTL_OUTPUT'; id: number; stdout: string; stderr: string }
  | { type: 'INJECT_RESULT'; id: number; fault: Fault; ok: boolean; message?: string }
  | {
      type: 'LOGS_RESULT';
      id: number;
      namespace: string;
      pod: string;
      previous: boolean;
      ok: boolean;
      /** the container read (the default one when none was asked) */
      container?: string;
      lines: string[];
      /** on failure: the apiserver's Status reason and message (`BadRequest`, `previous terminated container …`) */
      reason?: string;
      message?: string;
      /** the played virtual ms the log was read at */
      atMs: number;
    }
  | { type: 'REGISTRY_RESULT'; id: number; images: RegistryImageView[] }
  | { type: 'ERROR'; message: string };

export type { TraceEvent };
