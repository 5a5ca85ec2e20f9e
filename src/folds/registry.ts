// One registry of pure folds (DESIGN.md src/folds): every view the UI shows is a fold of the played
// trace, `init()` then `step(state, events)`. Folds never mutate: a state is a value, so a checkpoint
// is a reference and a seek is "nearest checkpoint, then fold forward". The worker runs them over
// every played event (ambient ones too) and streams what changed; the UI only renders.
import type { EtcdKeyView, KubeObject, TraceEvent } from '../protocol/messages';
import { appendLog, lastStoryOf, maxRevision, nextObjectEvents, withoutStoredValue, type LogEntry } from './trace';
import { nextPipeline, type PipelineRequest } from './pipeline';
import { nextSchedulerSlice, schedulerSlice, type SchedulerSlice } from './scheduler';
import { controllersSlice, nextControllers, type ControllersSlice } from './controllers';
import { nextPodViews, nextProxySyncs, type PodNodeView, type ProxySync } from './node-views';
import { initialEtcd, playEtcd, type EtcdFold } from './etcd';
import { foldKeys } from './etcd-keys';
import { foldObjects } from './objects';
import { foldMarks, type FailureMark } from './marks';
import { initClusterMap, nextClusterMap, type ClusterMap } from './cluster-map';
import { PMap } from './pmap';

export interface Views {
  /** every object as last written to etcd, keyed `Kind/namespace/name` */
  objects: PMap<KubeObject>;
  /** etcd keys with create/mod revision, version and latest writes */
  etcdKeys: PMap<EtcdKeyView>;
  etcdRevision: number;
  etcd: EtcdFold;
  /** the event log (ambient runs folded into one entry) */
  log: LogEntry[];
  storyCount: number;
  /** the narration: the latest story event */
  lastStory: TraceEvent | null;
  /** recent story events per object (the inspector) */
  objectEvents: PMap<TraceEvent[]>;
  pipeline: PipelineRequest | null;
  scheduler: SchedulerSlice;
  controllers: ControllersSlice;
  podViews: Record<string, PodNodeView>;
  proxySyncs: Record<string, ProxySync>;
  /** failures on the timeline */
  failures: FailureMark[];
  /** the large-cluster map's compact rows (sent as row deltas, not in `views`) */
  clusterMap: ClusterMap;
  /** seq of the last event folded (-1: none) */
  seq: number;
}

export type ViewKey = keyof Views;

export function initViews(etcdMembers: readonly string[]): Views {
  return {
    objects: PMap.empty(),
    etcdKeys: PMap.empty(),
    etcdRevision: 0,
    etcd: initialEtcd(etcdMembers),
    log: [],
    storyCount: 0,
    lastStory: null,
    objectEvents: PMap.empty(),
    pipeline: null,
    scheduler: schedulerSlice(),
    controllers: controllersSlice(),
    podViews: {},
    proxySyncs: {},
    failures: [],
    clusterMap: initClusterMap(),
    seq: -1,
  };
}

/** Fold played events (in order, none skipped) into the views. Unchanged parts keep their identity. */
export function stepViews(v: Views, events: readonly TraceEvent[]): Views {
  if (events.length === 0) return v;
  // the etcd fold adds to an election timeout how long its member went unheard: later folds see that
  const { fold: etcd, events: shown } = playEtcd(v.etcd, events);
  const keys = foldKeys(v.etcdKeys, v.etcdRevision, shown);
  const scheduler = nextSchedulerSlice(v.scheduler, shown);
  const story = shown.reduce((n, e) => n + (e.ambient ? 0 : 1), 0);
  // the event log, the narration and the inspector's events show a write, not its stored object
  const told = shown.map(withoutStoredValue);
  return {
    objects: foldObjects(v.objects, shown),
    etcdKeys: keys.keys,
    etcdRevision: Math.max(maxRevision(v.etcdRevision, shown), keys.revision),
    etcd,
    log: appendLog(v.log, told),
    storyCount: v.storyCount + story,
    lastStory: lastStoryOf(told) ?? v.lastStory,
    objectEvents: nextObjectEvents(v.objectEvents, told),
    pipeline: nextPipeline(v.pipeline, shown),
    scheduler: scheduler.schedCycles === v.scheduler.schedCycles && scheduler.schedLastPod === v.scheduler.schedLastPod ? v.scheduler : scheduler,
    controllers: ((c) => (c.controllers === v.controllers.controllers ? v.controllers : c))(nextControllers(v.controllers, shown)),
    podViews: nextPodViews(v.podViews, shown),
    proxySyncs: nextProxySyncs(v.proxySyncs, shown),
    failures: foldMarks(v.failures, shown),
    clusterMap: nextClusterMap(v.clusterMap, shown),
    seq: shown[shown.length - 1].seq,
  };
}

/** The parts of `next` that are not the same value as in `prev`. */
export function changedViews(prev: Views, next: Views): Partial<Views> {
  const out: Partial<Views> = {};
  for (const k of Object.keys(next) as ViewKey[]) if (prev[k] !== next[k]) (out as Record<string, unknown>)[k] = next[k];
  return out;
}
