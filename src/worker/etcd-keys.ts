// etcd's keys as the played trace shows them: for each key its create revision, mod revision and
// version (etcd mvccpb.KeyValue) and its latest writes, plus the store's revision. Folded from every
// played etcd.put / etcd.delete (ambient ones too: the host thins those out of what it sends, so the
// UI could not count versions itself). Mutable on purpose: the host owns one and reports what changed.
import type { EtcdKeyView, EtcdKeyWrite, TraceEvent } from '../protocol/messages';

/** Writes kept per key for the panel's revision list. */
export const HISTORY_PER_KEY = 12;

export interface KeyFold {
  keys: Map<string, EtcdKeyView>;
  revision: number;
  /** keys written since the last takeChanged */
  changed: Set<string>;
  /** one of the changed keys was written by a story event (the host sends those at once) */
  storyChanged: boolean;
}

export function initialKeys(): KeyFold {
  return { keys: new Map(), revision: 0, changed: new Set(), storyChanged: false };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Fold played events into `fold` (in place). */
export function foldKeys(fold: KeyFold, events: readonly TraceEvent[]): void {
  for (const e of events) {
    if (e.type === 'etcd.compact') {
      fold.revision = Math.max(fold.revision, num(e.params.current) ?? 0);
      continue;
    }
    if (e.type !== 'etcd.put' && e.type !== 'etcd.delete') continue;
    const key = e.params.key;
    const revision = num(e.params.revision);
    if (typeof key !== 'string' || revision === undefined) continue;
    const prev = fold.keys.get(key);
    const alive = !!prev && prev.version > 0;
    let next: EtcdKeyView;
    if (e.type === 'etcd.put') {
      // the engine says createRevision and version; a trace without them is counted the same way
      // etcd does (a put to a missing or deleted key starts a new generation at version 1)
      const createRevision = num(e.params.createRevision) ?? (alive ? prev.createRevision : revision);
      const version = num(e.params.version) ?? (alive ? prev.version + 1 : 1);
      next = { key, createRevision, modRevision: revision, version, history: withWrite(prev, { revision, t: e.t, op: 'put', version, size: num(e.params.size) ?? 0 }) };
    } else {
      next = { key, createRevision: 0, modRevision: revision, version: 0, history: withWrite(prev, { revision, t: e.t, op: 'delete', version: 0, size: 0 }) };
    }
    fold.keys.set(key, next);
    fold.revision = Math.max(fold.revision, revision);
    fold.changed.add(key);
    if (!e.ambient) fold.storyChanged = true;
  }
}

function withWrite(prev: EtcdKeyView | undefined, w: EtcdKeyWrite): EtcdKeyWrite[] {
  const h = prev ? [...prev.history, w] : [w];
  return h.length > HISTORY_PER_KEY ? h.slice(h.length - HISTORY_PER_KEY) : h;
}

/** The changed keys (and forget them). */
export function takeChanged(fold: KeyFold): EtcdKeyView[] {
  const out = [...fold.changed].map((k) => fold.keys.get(k)!);
  fold.changed.clear();
  fold.storyChanged = false;
  return out;
}
