// Turns one worker message into the next state (pure). The store's only writer for worker data.
// The views are folded in the worker (src/folds): a batch carries the ones that changed, and the
// store takes them as they are; only the animation (tokens, activity, the clock's jump) is the UI's.
import type { ClockState, KubeObject, ViewPatch, WorkerMessage } from '../../protocol/messages';
import { tokensFor } from '../animation/tokens';
import { readingTable } from '../walkthrough/reading';
import { applyObjectChanges, deriveIndexes } from './objects';
import { nextActivity } from './activity';
import type { ClockJump, LogEntry, UiState } from './types';
import { nextEtcdKeys } from './etcd-keys';
import { mapNodeNames, mapNodeOf, nextClusterMap } from './cluster-map';
import { PMap } from '../../folds/pmap';

type Batch = Extract<WorkerMessage, { type: 'BATCH' }>;

/** A jump is worth showing when story pacing skipped more than a second of virtual time. */
export function nextJump(prev: ClockState, next: ClockState, jump: ClockJump | null): ClockJump | null {
  const skipped = next.nowMs - prev.nowMs;
  if (!next.fastForward || skipped <= 0) return jump;
  return { fromMs: prev.nowMs, toMs: next.nowMs, n: (jump?.n ?? 0) + 1 };
}

/** The store's fields for a views patch (the scheduler and controllers folds spread into theirs). */
export function viewFields(p: ViewPatch | undefined): Partial<UiState> {
  if (!p) return {};
  const { scheduler, controllers, ...rest } = p;
  return { ...rest, ...(scheduler ?? {}), ...(controllers ?? {}) };
}

export function reduceBatch(s: UiState, b: Batch): Partial<UiState> {
  if (b.reset) return reduceReset(b, s);
  const objects = applyObjectChanges(s.objects, b.objects);
  const map = nextClusterMap(s, b.clusterMap, false);
  return {
    clock: b.clock,
    jump: nextJump(s.clock, b.clock, s.jump),
    objects,
    ...deriveIndexes(objects, b.objects, s),
    ...viewFields(b.views),
    tokens: tokensFor(s.tokens, b.trace, b.clock, readingTable(s.locale)),
    // a large cluster's older events come as marks (the last one per component), before the trace
    activity: nextActivity(s.activity, b.activity ? [...b.activity, ...b.trace] : b.trace),
    etcdMembers: b.etcd ?? s.etcdMembers,
    etcdKeys: nextEtcdKeys(s.etcdKeys, b),
    ...(b.timeline ? { timeline: b.timeline } : {}),
    ...map,
    ...mapNodeNames(map.mapRows ?? s.mapRows, s.nodeNames),
    // a large cluster's pods come whole on demand: a pod on the map stays selected while it travels
    selectedKey: s.selectedKey && !objects.has(s.selectedKey) && mapNodeOf(map.mapRows ?? s.mapRows, s.selectedKey) === undefined ? null : s.selectedKey,
  };
}

/** Objects of a reset that are the same write as before (same resourceVersion) keep their identity,
 * so a seek re-renders only what differs at the new moment. */
function keepSame(prev: Map<string, KubeObject>, next: Map<string, KubeObject>): Map<string, KubeObject> {
  for (const [key, o] of next) {
    const old = prev.get(key);
    if (old && old.metadata.resourceVersion !== undefined && old.metadata.resourceVersion === o.metadata.resourceVersion && old.metadata.uid === o.metadata.uid) next.set(key, old);
  }
  return next;
}

/** Log entries of a reset that are the same as before keep their identity (rows are memoized). */
function keepSameEntries(prev: LogEntry[], next: LogEntry[] | undefined): LogEntry[] | undefined {
  if (!next) return next;
  const byId = new Map(prev.map((e) => [e.id, e]));
  return next.map((e) => {
    const old = byId.get(e.id);
    if (!old) return e;
    if (old.kind === 'event' && e.kind === 'event') return old;
    if (old.kind === 'ambient' && e.kind === 'ambient' && old.count === e.count && old.lastT === e.lastT) return old;
    return e;
  });
}

/** A start, a seek or a loaded run: every view is replaced by the worker's state at that moment. */
function reduceReset(b: Batch, s: UiState): Partial<UiState> {
  // a delta changes the objects the store has; a full set replaces them (same writes keep their identity)
  const objects = b.objectsDelta ? applyObjectChanges(s.objects, b.objects) : keepSame(s.objects, applyObjectChanges(new Map(), b.objects));
  const views = viewFields(b.views);
  if (views.log) views.log = keepSameEntries(s.log, views.log);
  const map = nextClusterMap(s, b.clusterMap, true);
  const outcome = b.outcome === undefined ? {} : { pending: null, results: b.outcome?.results ?? null, resultsAction: b.outcome?.action ?? null };
  return {
    ready: true,
    clock: b.clock,
    jump: null,
    objects,
    // the lists a seek leaves as they were keep their identity (the diagram and lists do not re-render)
    ...deriveIndexes(objects, b.objects, s, !b.objectsDelta),
    ...views,
    tokens: [],
    activity: {},
    ...(b.etcd ? { etcdMembers: b.etcd } : {}),
    etcdKeys: nextEtcdKeys(PMap.empty(), b),
    ...(b.timeline ? { timeline: b.timeline } : {}),
    ...outcome,
    ...map,
    ...mapNodeNames(map.mapRows ?? s.mapRows, s.nodeNames),
    // the selection survives a seek when the object exists at that moment
    selectedKey: s.selectedKey && (objects.has(s.selectedKey) || mapNodeOf(map.mapRows ?? s.mapRows, s.selectedKey) !== undefined) ? s.selectedKey : null,
    etcdSelectedKey: s.etcdSelectedKey,
  };
}
