// The apply half of etcdserver (server/etcdserver/server.go applyAll → apply/apply.go): a member
// applies committed entries in order to its own MVCC, answers the requests it received itself
// (the wait registry keyed by request id) and notifies its watchers. Only the leader traces the
// write, once, so the UI sees one etcd.put per revision: it applies entries it committed one per
// ETCD_APPLY delivery, so the store a reader sees and the trace never disagree.
import type { Kernel } from '../kernel/kernel';
import type { KObject } from '../api/types';
import type { ComponentId, TraceDetailOf, TraceSpecOf } from '../kernel/types';
import { type KeyValue, type MvccEvent, type MvccState, compact, compareHolds, txn } from './mvcc';
import { type EntryData, compactTo, entryAt } from './raft/log';
import { SNAPSHOT_CATCH_UP_ENTRIES, SNAPSHOT_COUNT, type RaftState } from './raft/types';
import { CLIENT_LATENCY_MS, type EtcdTxnResult } from './messages';

/** What applying traces: writes, failed compares, compactions (queued until their ETCD_APPLY). */
export type ApplyTrace = TraceSpecOf<'etcd.put' | 'etcd.delete' | 'etcd.txn_failed' | 'etcd.compact'>;

export interface Pending {
  client: ComponentId;
  txnId: number;
  kind: 'txn' | 'range';
  startMs: number;
  deadlineMs: number;
  /** handed to raft (else it waits for a leader) */
  proposed: boolean;
}

export interface ApplyState {
  mvcc: MvccState;
  raft: RaftState;
  watchers: Record<ComponentId, string>;
  pending: Record<string, Pending>;
  traceQueue: ApplyTrace[];
  applyScheduled: boolean;
  /** entries up to here were committed by this member as leader: it traces them when applied */
  traceUpTo: number;
}

export function pendingKey(client: ComponentId, txnId: number): string {
  return `${client}#${txnId}`;
}

/** A follower learned a new commit index: apply everything at once, silently. */
export function applyCommitted(k: Kernel, id: ComponentId, s: ApplyState): void {
  while (s.raft.applied < s.raft.commit) applyNext(k, id, s);
}

/** The leader committed up to raft.commit: apply (and trace) in ETCD_APPLY deliveries; returns the revision that will result. */
export function leaderCommitted(k: Kernel, id: ComponentId, s: ApplyState): number {
  s.traceUpTo = s.raft.commit;
  scheduleApply(k, id, s);
  return predictRevision(s);
}

/**
 * The process is killed at this instant: first the apply of what it has already committed, at this
 * same instant, runs to the end, and the traces it decided go out. The ETCD_APPLY deliveries only
 * pace the story one write at a time (they are zero-delay); they are not a window in which a kill
 * can leave a committed write untraced — a leader's `traceUpTo` outliving it would otherwise trace
 * that write at its old revision when the restarted member catches up as a follower, long after
 * the cluster moved on (etcdserver hands a Ready's CommittedEntries to the apply loop before it
 * sends that Ready's messages: server/etcdserver/raft.go raftNode.start).
 */
export function applyBeforeStop(k: Kernel, id: ComponentId, s: ApplyState): void {
  while (s.raft.applied < s.raft.commit) applyNext(k, id, s);
  for (const t of s.traceQueue.splice(0)) k.trace(t);
  // a member traces only what it committed as leader: a restarted one is a follower
  s.traceUpTo = s.raft.applied;
}

function applyNext(k: Kernel, id: ComponentId, s: ApplyState): void {
  const r = s.raft;
  r.applied++;
  const e = entryAt(r.log, r.applied);
  if (e.data) applyEntry(k, id, s, e.data, e.index <= s.traceUpTo);
  // raft storage compaction after a snapshot (etcdserver triggerSnapshot + raftStorage.Compact)
  if (r.applied - r.log.offset > SNAPSHOT_COUNT) compactTo(r.log, r.applied - SNAPSHOT_CATCH_UP_ENTRIES);
}

function applyEntry(k: Kernel, id: ComponentId, s: ApplyState, d: EntryData, traced: boolean): void {
  if (d.compact !== undefined) return applyCompaction(k, id, s, d, traced);
  const res = txn(s.mvcc, d.compares, d.ops);
  if (traced) queueTrace(k, id, s, writeTrace(d, res.succeeded, res.revision, res.current?.modRevision ?? 0, id, res.events[0]?.kv));
  if (d.origin === id) {
    const key = pendingKey(d.client, d.txnId);
    if (s.pending[key]) {
      delete s.pending[key];
      const reply: EtcdTxnResult = { type: 'ETCD_TXN_RESULT', txnId: d.txnId, succeeded: res.succeeded, revision: res.revision };
      if (res.current) reply.current = res.current;
      k.send(id, d.client, reply, CLIENT_LATENCY_MS);
    }
  }
  if (res.events.length) notify(k, id, s, res.events);
}

/** apply.go Compaction: every member compacts its MVCC at the same log index; the leader traces it. */
function applyCompaction(k: Kernel, id: ComponentId, s: ApplyState, d: EntryData, traced: boolean): void {
  const before = s.mvcc.history.length;
  const error = compact(s.mvcc, d.compact!);
  if (traced && !error) {
    queueTrace(k, id, s, {
      type: 'etcd.compact', key: 'etcd.compact', from: d.client, to: id,
      params: { revision: d.compact!, removed: before - s.mvcc.history.length, current: s.mvcc.revision }, ambient: true,
    });
  }
  if (d.origin !== id) return;
  const key = pendingKey(d.client, d.txnId);
  if (!s.pending[key]) return;
  delete s.pending[key];
  const reply: EtcdTxnResult = { type: 'ETCD_TXN_RESULT', txnId: d.txnId, succeeded: !error, revision: s.mvcc.revision };
  if (error) reply.error = error;
  k.send(id, d.client, reply, CLIENT_LATENCY_MS);
}

function writeTrace(d: EntryData, ok: boolean, revision: number, modRevision: number, leader: ComponentId, kv?: KeyValue): ApplyTrace {
  const op = d.ops[0];
  if (!ok || !op) {
    return { type: 'etcd.txn_failed', key: 'etcd.txn_failed', from: d.client, to: leader, params: { key: op?.key ?? '', revision, modRevision }, object: d.object, ambient: d.ambient || undefined };
  }
  const value = d.value && typeof d.value === 'object' ? withRv(d.value as KObject, revision) : undefined;
  const common = {
    from: d.client,
    to: leader,
    object: d.object ? { ...d.object, resourceVersion: String(revision) } : undefined,
    detail: { value },
    ambient: d.ambient || undefined,
  };
  if (op.op === 'delete') return { ...common, type: 'etcd.delete', key: 'etcd.delete', params: { key: op.key, revision, size: 0 } };
  // a put also says the key's create revision and version (etcd mvccpb.KeyValue), as etcdctl get -w json shows them
  const params = { key: op.key, revision, size: op.value.length, createRevision: kv?.createRevision ?? revision, version: kv?.version ?? 1 };
  return { ...common, type: 'etcd.put', key: 'etcd.put', params };
}

function queueTrace(k: Kernel, id: ComponentId, s: ApplyState, t: ApplyTrace): void {
  s.traceQueue.push(t);
  scheduleApply(k, id, s);
}

function scheduleApply(k: Kernel, id: ComponentId, s: ApplyState): void {
  if (s.applyScheduled) return;
  s.applyScheduled = true;
  k.send(id, id, { type: 'ETCD_APPLY' }, 0);
}

/** ETCD_APPLY: apply and trace entries up to and including one story event. */
export function applyStep(k: Kernel, id: ComponentId, s: ApplyState, canApply: boolean): void {
  s.applyScheduled = false;
  for (;;) {
    const t = s.traceQueue.shift();
    if (t) {
      k.trace(t);
      if (!t.ambient) break;
    } else if (canApply && s.raft.applied < s.raft.commit) applyNext(k, id, s);
    else break;
  }
  if (s.traceQueue.length || (canApply && s.raft.applied < s.raft.commit)) scheduleApply(k, id, s);
}

/** The revision after applying everything committed: a dry run of mvcc.txn's compare and write rules. */
function predictRevision(s: ApplyState): number {
  const r = s.raft;
  const shadow: Record<string, number> = {};
  const shadowVersion: Record<string, number> = {};
  const modRev = (key: string) => (key in shadow ? shadow[key] : (s.mvcc.kvs[key]?.modRevision ?? 0));
  const version = (key: string) => (key in shadowVersion ? shadowVersion[key] : (s.mvcc.kvs[key]?.version ?? 0));
  let rev = s.mvcc.revision;
  for (let i = r.applied + 1; i <= r.commit; i++) {
    const d = entryAt(r.log, i).data;
    if (!d || !d.compares.every((c) => compareHolds(c, { key: c.key, value: '', createRevision: 0, modRevision: modRev(c.key), version: version(c.key) }))) continue;
    const writes = d.ops.filter((o) => o.op === 'put' || modRev(o.key) !== 0);
    if (!writes.length) continue;
    rev++;
    for (const o of writes) {
      shadow[o.key] = o.op === 'put' ? rev : 0;
      shadowVersion[o.key] = o.op === 'put' ? version(o.key) + 1 : 0;
    }
  }
  return rev;
}

function notify(k: Kernel, id: ComponentId, s: ApplyState, events: MvccEvent[]): void {
  for (const [watcher, prefix] of Object.entries(s.watchers)) {
    const evs = events.filter((e) => e.kv.key.startsWith(prefix));
    if (evs.length) k.send(id, watcher, { type: 'ETCD_WATCH_EVENTS', events: evs, revision: s.mvcc.revision }, CLIENT_LATENCY_MS);
  }
}

function withRv(v: KObject, rev: number): TraceDetailOf<'etcd.put'>['value'] {
  return { ...v, metadata: { ...v.metadata, resourceVersion: String(rev) } };
}
