// etcd's keys as the played trace shows them: per key its create revision, mod revision and version
// (etcd mvccpb.KeyValue) and its latest writes, plus the store's revision. Pure: a new map only when a
// write was played, so a checkpoint can keep the value itself.
import type { EtcdKeyView, EtcdKeyWrite, TraceEvent } from '../protocol/messages';
import type { PMap, PMapDraft } from './pmap';

/** Writes kept per key for the panel's revision list. */
export const HISTORY_PER_KEY = 12;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function foldKeys(prev: PMap<EtcdKeyView>, prevRevision: number, events: readonly TraceEvent[]): { keys: PMap<EtcdKeyView>; revision: number } {
  let keys: PMapDraft<EtcdKeyView> | null = null;
  let revision = prevRevision;
  for (const e of events) {
    if (e.type === 'etcd.compact') {
      revision = Math.max(revision, num(e.params.current) ?? 0);
      continue;
    }
    if (e.type !== 'etcd.put' && e.type !== 'etcd.delete') continue;
    const key = e.params.key;
    const rev = num(e.params.revision);
    if (typeof key !== 'string' || rev === undefined) continue;
    keys ??= prev.edit();
    const old = keys.get(key);
    const alive = !!old && old.version > 0;
    let next: EtcdKeyView;
    if (e.type === 'etcd.put') {
      // the engine says createRevision and version; without them, count as etcd does (a put to a
      // missing or deleted key starts a new generation at version 1)
      const createRevision = num(e.params.createRevision) ?? (alive ? old.createRevision : rev);
      const version = num(e.params.version) ?? (alive ? old.version + 1 : 1);
      next = { key, createRevision, modRevision: rev, version, history: withWrite(old, { revision: rev, t: e.t, op: 'put', version, size: num(e.params.size) ?? 0 }) };
    } else {
      next = { key, createRevision: 0, modRevision: rev, version: 0, history: withWrite(old, { revision: rev, t: e.t, op: 'delete', version: 0, size: 0 }) };
    }
    keys.set(key, next);
    revision = Math.max(revision, rev);
  }
  return { keys: keys ? keys.done() : prev, revision };
}

function withWrite(prev: EtcdKeyView | undefined, w: EtcdKeyWrite): EtcdKeyWrite[] {
  const h = prev ? [...prev.history, w] : [w];
  return h.length > HISTORY_PER_KEY ? h.slice(h.length - HISTORY_PER_KEY) : h;
}
