// Turns one worker message into the next state (pure). The store's only writer for worker data.
import type { ClockState, WorkerMessage } from '../../protocol/messages';
import { tokensFor } from '../animation/tokens';
import { applyObjectChanges, deriveIndexes } from './objects';
import { appendLog, lastStoryOf, maxRevision, nextActivity, nextObjectEvents } from './trace';
import type { ClockJump, UiState } from './types';
import { controllersSlice, nextControllers } from './controllers';
import { nextSchedulerSlice, schedulerSlice } from './scheduler';
import { nextPipeline } from './pipeline';
import { nextEtcdKeys } from './etcd-keys';
import { nextNodeViews } from './node-views';

type Batch = Extract<WorkerMessage, { type: 'BATCH' }>;

/** A jump is worth showing when story pacing skipped more than a second of virtual time. */
export function nextJump(prev: ClockState, next: ClockState, jump: ClockJump | null): ClockJump | null {
  const skipped = next.nowMs - prev.nowMs;
  if (!next.fastForward || skipped <= 0) return jump;
  return { fromMs: prev.nowMs, toMs: next.nowMs, n: (jump?.n ?? 0) + 1 };
}

export function reduceBatch(s: UiState, b: Batch): Partial<UiState> {
  if (b.reset) return reduceReset(b, s);
  const objects = applyObjectChanges(s.objects, b.objects);
  const story = b.trace.filter((e) => !e.ambient).length;
  return {
    clock: b.clock,
    jump: nextJump(s.clock, b.clock, s.jump),
    objects,
    ...deriveIndexes(objects, b.objects, s),
    log: appendLog(s.log, b.trace, b.droppedAmbient),
    storyCount: s.storyCount + story,
    lastStory: lastStoryOf(b.trace) ?? s.lastStory,
    tokens: tokensFor(s.tokens, b.trace, b.clock),
    activity: nextActivity(s.activity, b.trace),
    objectEvents: nextObjectEvents(s.objectEvents, b.trace),
    etcdRevision: Math.max(maxRevision(s.etcdRevision, b.trace), b.etcdRevision ?? 0),
    etcdMembers: b.etcd ?? s.etcdMembers,
    pipeline: nextPipeline(s.pipeline, b.trace),
    etcdKeys: nextEtcdKeys(s.etcdKeys, b),
    ...nextSchedulerSlice(s, b.trace),
    ...nextControllers(s, b.trace),
    ...nextNodeViews(s, b),
    selectedKey: s.selectedKey && !objects.has(s.selectedKey) ? null : s.selectedKey,
  };
}

function reduceReset(b: Batch, s: UiState): Partial<UiState> {
  const etcd = b.etcd ? { etcdMembers: b.etcd } : {};
  const objects = applyObjectChanges(new Map(), b.objects);
  const empty = { podKeys: [], podKeysByNode: {}, nodeNames: [] };
  return {
    ready: true,
    clock: b.clock,
    jump: null,
    objects,
    ...deriveIndexes(objects, b.objects, empty),
    log: appendLog([], b.trace, b.droppedAmbient),
    storyCount: b.trace.filter((e) => !e.ambient).length,
    lastStory: lastStoryOf(b.trace),
    tokens: [],
    activity: {},
    objectEvents: nextObjectEvents({}, b.trace),
    etcdRevision: Math.max(maxRevision(0, b.trace), b.etcdRevision ?? 0),
    ...etcd,
    pipeline: null,
    etcdKeys: nextEtcdKeys(new Map(), b),
    etcdSelectedKey: null,
    ...nextSchedulerSlice(schedulerSlice(), b.trace),
    ...nextControllers(controllersSlice(), b.trace),
    ...nextNodeViews(s, b),
    selectedKey: null,
  };
}
