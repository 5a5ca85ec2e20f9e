// The only surface shared by the worker and the UI (DESIGN.md layout). Type-only imports from
// the engine: the UI never runs engine code on the main thread.
import type { AnyTraceEvent, ApplyResult, K8sStatus, SchedulerDecisionDetail, TraceDetailOf, TraceEvent, TraceParamsOf, TraceType, TypedTraceEvent } from '../engine';
import type { RegistryImage } from '../engine/cluster/node-access';
import type { ProxyRules } from '../engine/proxy/iptables/proxier';

/** kube-proxy's rule set on one node, the detail of a `kube-proxy.sync` trace event. */
export type ProxyRulesView = ProxyRules;

export const PROTOCOL_VERSION = 1;

export type Pacing = 'story' | 'realtime';

export interface UserIdentity {
  user?: string;
  groups?: string[];
}

/** The engine's own shapes: trace events typed per `type`, and kubectl apply's results. */
export type { AnyTraceEvent, ApplyResult, K8sStatus, SchedulerDecisionDetail, TraceDetailOf, TraceParamsOf, TraceType, TypedTraceEvent };

/** Commands: UI → worker. */
export type Command =
  | { type: 'APPLY'; id: number; yaml: string; as?: UserIdentity }
  | { type: 'DELETE'; id: number; yaml: string; as?: UserIdentity; /** kubectl delete --cascade (default background) */ cascade?: 'background' | 'foreground' | 'orphan' }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'STEP' }
  | { type: 'SET_SPEED'; speed: number }
  | { type: 'SET_PACING'; pacing: Pacing }
  | { type: 'RESET'; seed?: number; nodes?: number }
  /** break something (DESIGN.md `Cluster.inject`); answered by INJECT_RESULT with the same id */
  | { type: 'INJECT'; id: number; fault: Fault }
  /** `kubectl logs <pod> [-c container] [--previous]`, as of the played clock; answered by LOGS_RESULT */
  | { type: 'LOGS'; id: number; namespace: string; pod: string; container?: string; previous?: boolean }
  /** the images the simulated registry serves; answered by REGISTRY_RESULT */
  | { type: 'REGISTRY'; id: number };

/** One image the simulated registry serves (the engine's catalogue and `registry.add` pushes). */
export type RegistryImageView = RegistryImage;

/** One probe result (a `kubelet.probe` trace event), forwarded even when the event was ambient. */
export interface ProbeTick {
  seq: number;
  /** virtual ms */
  t: number;
  /** the pod's object key (`Pod/ns/name`) */
  pod: string;
  container: string;
  probe: string;
  result: string;
  /** consecutive results of this kind so far, and the threshold that flips the state */
  consecutive: number;
  threshold: number;
}

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
      trace: TraceEvent[];
      objects: ObjectChange[];
      /** start/RESET: the UI drops its state, takes `objects` as the full set and does not animate `trace` */
      reset?: boolean;
      /** ambient events played this frame but not sent (their object changes are in `objects`) */
      droppedAmbient?: number;
      /** the etcd members after this batch's events; sent when it changed (always on reset) */
      etcd?: EtcdMemberView[];
      /** etcd keys written since the last batch that carried keys (every key on reset) */
      etcdKeys?: EtcdKeyView[];
      /** etcd's revision after the writes played so far (ambient writes included); sent with etcdKeys */
      etcdRevision?: number;
      /** results of ambient probe ticks played this frame (story ones are in `trace`), the latest few per probe */
      probeTicks?: ProbeTick[];
    }
  | { type: 'APPLY_RESULT'; id: number; results: ApplyResult[] }
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
