// The Controllers view's state: per controller, its work queue and last syncs, folded from the
// played `controller.sync` events (params: controller, key, desired, actual, action, queued;
// detail: queue, writes, writeCount, error). Pure reducers.
import type { TraceEvent } from '../protocol/messages';

export interface SyncView {
  seq: number;
  t: number;
  /** the work-queue key: `namespace/name` (or a node name) */
  key: string;
  kind?: string;
  desired: string;
  actual: string;
  action: string;
  /** keys waiting in the queue when this sync started */
  queued: number;
  queue: string[];
  writes: string[];
  writeCount: number;
  error?: string;
  /** a sync that changed nothing (traced as background) */
  ambient: boolean;
}

export interface ControllerView {
  name: string;
  syncs: number;
  last: SyncView;
  /** the latest sync that wrote something (or failed) */
  lastWrite?: SyncView;
  /** recent syncs that wrote something, newest first */
  recent: SyncView[];
}

export interface ControllersSlice {
  controllers: Record<string, ControllerView>;
}

export const RECENT_SYNCS = 5;

export const controllersSlice = (): ControllersSlice => ({ controllers: {} });

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function syncViewOf(e: TraceEvent<'controller.sync'>): SyncView {
  const p = e.params;
  const d = e.detail;
  return {
    seq: e.seq,
    t: e.t,
    key: str(p.key),
    kind: e.object?.kind,
    desired: str(p.desired),
    actual: str(p.actual),
    action: str(p.action),
    queued: Number(p.queued ?? d?.queue.length ?? 0),
    queue: d?.queue ?? [],
    writes: d?.writes ?? [],
    writeCount: d?.writeCount ?? 0,
    error: d?.error,
    ambient: !!e.ambient,
  };
}

export function nextControllers(prev: ControllersSlice, events: readonly TraceEvent[]): ControllersSlice {
  let next: Record<string, ControllerView> | null = null;
  for (const e of events) {
    if (e.type !== 'controller.sync') continue;
    const name = str(e.params.controller);
    next ??= { ...prev.controllers };
    const v = syncViewOf(e);
    const old = next[name];
    const wrote = !v.ambient || !!v.error;
    next[name] = {
      name,
      syncs: (old?.syncs ?? 0) + 1,
      last: v,
      lastWrite: wrote ? v : old?.lastWrite,
      recent: wrote ? [v, ...(old?.recent ?? [])].slice(0, RECENT_SYNCS) : (old?.recent ?? []),
    };
  }
  return { controllers: next ?? prev.controllers };
}

/** "desired 3, actual 2 → create 1 pod(s)": the loop's comparison and what it did. */
export function describeSync(v: SyncView): string {
  const compared = v.desired !== '' || v.actual !== '' ? `desired ${v.desired || '—'}, actual ${v.actual || '—'} → ` : '';
  return `${compared}${v.action === 'none' ? 'nothing to do' : v.action}`;
}
