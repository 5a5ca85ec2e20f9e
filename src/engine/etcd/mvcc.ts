// Twin of etcd server/storage/mvcc (kvstore.go, key_index.go, watchable_store.go), reduced:
// one global revision counter, per-key create/mod revision and version, range by prefix,
// delete, a history of events for watches that start in the past, and compaction.
import { assert } from '../kernel/assert';
import { markShared } from '../kernel/clone';

export interface KeyValue {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

export interface MvccEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface MvccState {
  /** current revision; 1 for an empty store, as etcd starts */
  revision: number;
  compactRevision: number;
  kvs: Record<string, KeyValue>;
  /** events after compactRevision, in revision order */
  history: MvccEvent[];
}

export function newMvccState(): MvccState {
  return { revision: 1, compactRevision: 0, kvs: {}, history: [] };
}

/** Compare(ModRevision(key), "=", n) or Compare(Version(key), "=", n) (the compactor's CAS on compact_rev_key). */
export type Compare = { key: string; modRevision: number } | { key: string; version: number };

/** server/storage/mvcc/kvstore.go ErrCompacted / ErrFutureRev as the gRPC layer words them (api/v3rpc/rpctypes) */
export const ERR_COMPACTED = 'etcdserver: mvcc: required revision has been compacted';
export const ERR_FUTURE_REV = 'etcdserver: mvcc: required revision is a future revision';

/** Whether compare `c` holds against the current kv (a missing key has mod revision and version 0). */
export function compareHolds(c: Compare, cur: KeyValue | undefined): boolean {
  return 'version' in c ? (cur?.version ?? 0) === c.version : (cur?.modRevision ?? 0) === c.modRevision;
}

export type TxnOp = { op: 'put'; key: string; value: string } | { op: 'delete'; key: string };

export interface TxnResult {
  succeeded: boolean;
  revision: number;
  events: MvccEvent[];
  /** the current kv of the first compared key when the compare failed (for Conflict/AlreadyExists) */
  current?: KeyValue;
}

/** If(mod_revision(key) == n for each compare) Then(ops): one txn, one new revision. */
export function txn(st: MvccState, compares: Compare[], ops: TxnOp[]): TxnResult {
  for (const c of compares) {
    const cur = st.kvs[c.key];
    if (!compareHolds(c, cur)) return { succeeded: false, revision: st.revision, events: [], current: cur };
  }
  const writes = ops.filter((o) => o.op === 'put' || st.kvs[o.key]);
  if (writes.length === 0) return { succeeded: true, revision: st.revision, events: [] };
  const rev = st.revision + 1;
  const events: MvccEvent[] = [];
  for (const o of writes) {
    const prev = st.kvs[o.key];
    if (o.op === 'put') {
      const kv: KeyValue = {
        key: o.key,
        value: o.value,
        createRevision: prev ? prev.createRevision : rev,
        modRevision: rev,
        version: prev ? prev.version + 1 : 1,
      };
      // versions and events never change once written: checkpoints share them (kernel/clone.ts)
      st.kvs[o.key] = markShared(kv);
      events.push(markShared(prev ? { type: 'PUT', kv, prevKv: prev } : { type: 'PUT', kv }));
    } else {
      delete st.kvs[o.key];
      // a tombstone: version 0, mod revision of the delete (etcd key_index.go tombstone)
      events.push(markShared({ type: 'DELETE', kv: { key: o.key, value: '', createRevision: 0, modRevision: rev, version: 0 }, prevKv: prev }));
    }
  }
  assert(rev > st.revision, 'etcd: revision must increase');
  st.revision = rev;
  st.history.push(...events);
  return { succeeded: true, revision: rev, events };
}

export function get(st: MvccState, key: string): KeyValue | undefined {
  return st.kvs[key];
}

export function range(st: MvccState, prefix: string): KeyValue[] {
  const out: KeyValue[] = [];
  for (const k in st.kvs) if (k.startsWith(prefix)) out.push(st.kvs[k]);
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

/** Events with revision > fromRevision, or 'compacted' when that history is gone. */
export function eventsSince(st: MvccState, fromRevision: number, prefix = ''): MvccEvent[] | 'compacted' {
  if (fromRevision < st.compactRevision) return 'compacted';
  // history is in revision order: binary search the first event after fromRevision
  let lo = 0;
  let hi = st.history.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (st.history[mid].kv.modRevision <= fromRevision) lo = mid + 1;
    else hi = mid;
  }
  return st.history.slice(lo).filter((e) => e.kv.key.startsWith(prefix));
}

/**
 * Range at a past revision (kvstore_txn.go rangeKeys with rev): the live keys under `prefix` as
 * they were at `rev`, rebuilt by undoing the history after it. Below the compaction there is
 * nothing to undo with, so etcd refuses (ErrCompacted), and a revision not yet written is ErrFutureRev.
 */
export function rangeAt(st: MvccState, prefix: string, rev: number): KeyValue[] | string {
  if (rev <= 0 || rev >= st.revision) {
    if (rev > st.revision) return ERR_FUTURE_REV;
    return range(st, prefix);
  }
  if (rev < st.compactRevision) return ERR_COMPACTED;
  const kvs: Record<string, KeyValue | undefined> = {};
  for (const kv of range(st, prefix)) kvs[kv.key] = kv;
  for (let i = st.history.length - 1; i >= 0 && st.history[i].kv.modRevision > rev; i--) {
    const e = st.history[i];
    if (e.kv.key.startsWith(prefix)) kvs[e.kv.key] = e.prevKv;
  }
  return Object.values(kvs)
    .filter((kv): kv is KeyValue => !!kv)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Compact(rev): forget history at or below rev (kvstore_compaction.go). Returns the error etcd
 * answers for a revision already compacted or not yet written (kvstore.go updateCompactRev).
 */
export function compact(st: MvccState, rev: number): string | undefined {
  if (rev <= st.compactRevision) return ERR_COMPACTED;
  if (rev > st.revision) return ERR_FUTURE_REV;
  st.compactRevision = rev;
  st.history = st.history.filter((e) => e.kv.modRevision > st.compactRevision);
  return undefined;
}
