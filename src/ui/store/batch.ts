// Turns one worker message into the next state (pure). The store's only writer for worker data.
// The views are folded in the worker (src/folds): a batch carries the ones that changed, and the
// store takes them as they are; only the animation (tokens, activity, the clock's jump) is the UI's.
import type { ClockState, ViewPatch, WorkerMessage } from '../../protocol/messages';
import { tokensFor } from '../animation/tokens';
import { applyObjectChanges, deriveIndexes } from './objects';
import { nextActivity } from './trace';
import type { ClockJump, UiState } from './types';
import { nextEtcdKeys } from './etcd-keys';

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
  return {
    clock: b.clock,
    jump: nextJump(s.clock, b.clock, s.jump),
    objects,
    ...deriveIndexes(objects, b.objects, s),
    ...viewFields(b.views),
    tokens: tokensFor(s.tokens, b.trace, b.clock),
    activity: nextActivity(s.activity, b.trace),
    etcdMembers: b.etcd ?? s.etcdMembers,
    etcdKeys: nextEtcdKeys(s.etcdKeys, b),
    ...(b.timeline ? { timeline: b.timeline } : {}),
    selectedKey: s.selectedKey && !objects.has(s.selectedKey) ? null : s.selectedKey,
  };
}

/** A start, a seek or a loaded run: every view is replaced by the worker's state at that moment. */
function reduceReset(b: Batch, s: UiState): Partial<UiState> {
  const objects = applyObjectChanges(new Map(), b.objects);
  const empty = { podKeys: [], podKeysByNode: {}, nodeNames: [] };
  const outcome = b.outcome === undefined ? {} : { pending: null, results: b.outcome?.results ?? null, resultsAction: b.outcome?.action ?? null };
  return {
    ready: true,
    clock: b.clock,
    jump: null,
    objects,
    ...deriveIndexes(objects, b.objects, empty),
    ...viewFields(b.views),
    tokens: [],
    activity: {},
    ...(b.etcd ? { etcdMembers: b.etcd } : {}),
    etcdKeys: nextEtcdKeys(new Map(), b),
    ...(b.timeline ? { timeline: b.timeline } : {}),
    ...outcome,
    // the selection survives a seek when the object exists at that moment
    selectedKey: s.selectedKey && objects.has(s.selectedKey) ? s.selectedKey : null,
    etcdSelectedKey: s.etcdSelectedKey,
  };
}
