// Folds of the played trace for the event log, the narration, per-object events and etcd's revision.
import { objectKey, type TraceEvent } from '../protocol/messages';
import type { PMap, PMapDraft } from './pmap';

/** One line of the event log: a story event, or a run of background (ambient) events folded into one. */
export type LogEntry =
  | { id: string; kind: 'event'; event: TraceEvent }
  | { id: string; kind: 'ambient'; count: number; firstT: number; lastT: number; types: Record<string, number> };

export const LOG_CAP = 400;
const EVENTS_PER_OBJECT = 30;

/** Appends events; consecutive ambient events (and the ones the worker dropped) fold into one entry. */
export function appendLog(prev: readonly LogEntry[], events: readonly TraceEvent[], droppedAmbient = 0, cap = LOG_CAP): LogEntry[] {
  if (events.length === 0 && droppedAmbient === 0) return prev as LogEntry[];
  const next = [...prev];
  const fold = (t: number, type: string, n: number) => {
    const last = next[next.length - 1];
    if (last?.kind === 'ambient') {
      next[next.length - 1] = { ...last, count: last.count + n, lastT: Math.max(last.lastT, t), types: { ...last.types, [type]: (last.types[type] ?? 0) + n } };
    } else {
      next.push({ id: `a${t}-${next.length}-${type}`, kind: 'ambient', count: n, firstT: t, lastT: t, types: { [type]: n } });
    }
  };
  if (droppedAmbient > 0) fold(events[0]?.t ?? 0, 'background', droppedAmbient);
  for (const e of events) {
    if (e.ambient) fold(e.t, e.type, 1);
    else next.push({ id: `e${e.seq}`, kind: 'event', event: withoutDetail(e) });
  }
  return next.length > cap ? next.slice(next.length - cap) : next;
}

/** A log line is a sentence from the event's params: its detail (a scheduling cycle's verdict and
 * scores for every node, tens of kB at 1,000 nodes) is left out, or the 400-line log posted to the
 * page weighs megabytes (issue 12: 45 MiB in 20 s at 1,000 nodes). */
function withoutDetail(e: TraceEvent): TraceEvent {
  if (e.detail === undefined) return e;
  const { detail: _d, ...rest } = e;
  return rest as TraceEvent;
}

/** etcd events without their stored object (detail.value): the object reaches the UI once, as an
 * ObjectChange, so the event log, the narration and the inspector's events carry only the write's
 * params. Keeping the value made a seek's reset batch ~570 kB structured-cloned, 60% of it old
 * objects nobody shows (issue 9). Other events are returned as they are. */
export function withoutStoredValue(e: TraceEvent): TraceEvent {
  if ((e.type !== 'etcd.put' && e.type !== 'etcd.delete') || e.detail === undefined) return e;
  const { detail: _value, ...rest } = e;
  return rest as TraceEvent;
}

export function eventObjectKey(e: TraceEvent): string | null {
  return e.object ? objectKey(e.object.kind, e.object.namespace, e.object.name) : null;
}

export function nextObjectEvents(prev: PMap<TraceEvent[]>, events: readonly TraceEvent[]): PMap<TraceEvent[]> {
  let next: PMapDraft<TraceEvent[]> | null = null;
  for (const e of events) {
    const key = eventObjectKey(e);
    if (!key || e.ambient) continue;
    next ??= prev.edit();
    next.set(key, [...(next.get(key) ?? []), e].slice(-EVENTS_PER_OBJECT));
  }
  return next ? next.done() : prev;
}

export function lastStoryOf(events: readonly TraceEvent[]): TraceEvent | null {
  for (let i = events.length - 1; i >= 0; i--) if (!events[i].ambient) return events[i];
  return null;
}

export function maxRevision(prev: number, events: readonly TraceEvent[]): number {
  let rev = prev;
  for (const e of events) {
    const p = e.params;
    if (e.type.startsWith('etcd.') && 'revision' in p && typeof p.revision === 'number') rev = Math.max(rev, p.revision);
  }
  return rev;
}
