// Twin of etcd-io/raft log.go (raftLog) + storage.go (MemoryStorage), reduced: one array of
// entries after a snapshot point (`offset`, `offsetTerm`), the up-to-date rule, the append
// consistency check with conflict truncation, and compaction. Entries are plain data.
import { assert } from '../../kernel/assert';
import { markShared } from '../../kernel/clone';
import type { ComponentId } from '../../kernel/types';
import type { EtcdTxnMsg } from '../messages';

/**
 * What a client asked for: the etcd txn (the fields of its ETCD_TXN message) plus who to answer
 * (etcdserver's wait registry id).
 */
export type EntryData = Pick<EtcdTxnMsg, 'txnId' | 'compares' | 'ops' | 'object' | 'value' | 'ambient' | 'quietRaft' | 'compact'> & {
  /** the member that received the request and answers it once applied */
  origin: ComponentId;
  client: ComponentId;
};

/** A log entry; `data` is absent for the empty entry a new leader appends (raft.go becomeLeader). */
export interface Entry {
  index: number;
  term: number;
  data?: EntryData;
}

export interface RaftLog {
  /** index of the last entry folded into the snapshot (0: none) */
  offset: number;
  offsetTerm: number;
  entries: Entry[];
}

export function newRaftLog(): RaftLog {
  return { offset: 0, offsetTerm: 0, entries: [] };
}

export function lastIndex(l: RaftLog): number {
  return l.offset + l.entries.length;
}

/** Term of entry i, or -1 when unknown (compacted away or beyond the end). */
export function termAt(l: RaftLog, i: number): number {
  if (i === l.offset) return l.offsetTerm;
  if (i < l.offset || i > lastIndex(l)) return -1;
  return l.entries[i - l.offset - 1].term;
}

export function lastTerm(l: RaftLog): number {
  return termAt(l, lastIndex(l));
}

export function entryAt(l: RaftLog, i: number): Entry {
  const e = l.entries[i - l.offset - 1];
  if (!(e && e.index === i)) assert(false, `raft: no entry ${i}`);
  return e;
}

/** log.go isUpToDate: a higher last term wins, equal terms compare the last index. */
export function isUpToDate(l: RaftLog, lastIdx: number, term: number): boolean {
  const lt = lastTerm(l);
  return term > lt || (term === lt && lastIdx >= lastIndex(l));
}

/** Entries in [lo, hi], at most `max` of them. */
export function slice(l: RaftLog, lo: number, hi: number, max: number): Entry[] {
  if (lo > hi) return [];
  const from = lo - l.offset - 1;
  return l.entries.slice(from, Math.min(hi - l.offset, from + max));
}

/**
 * log.go maybeAppend: if the entry at prevIndex has prevTerm, append `ents`, truncating the
 * first conflicting suffix. Returns the new last index, or -1 on a mismatch.
 */
export function maybeAppend(l: RaftLog, prevIndex: number, prevTerm: number, ents: Entry[]): number {
  if (termAt(l, prevIndex) !== prevTerm) return -1;
  for (const e of ents) {
    if (e.index <= l.offset) continue;
    const t = termAt(l, e.index);
    if (t === e.term) continue;
    // a conflict (or the end): committed entries never conflict (Log Matching)
    l.entries.length = e.index - l.offset - 1;
    l.entries.push(markShared(e));
  }
  return prevIndex + ents.length;
}

/** log.go findConflictByTerm: the last index ≤ i whose term ≤ term (the rejection hint). */
export function findConflictByTerm(l: RaftLog, i: number, term: number): number {
  while (i > l.offset && termAt(l, i) > term) i--;
  return i;
}

/** storage.go Compact: fold entries up to `i` into the snapshot point. */
export function compactTo(l: RaftLog, i: number): void {
  if (i <= l.offset) return;
  assert(i <= lastIndex(l), 'raft: compact beyond the log');
  l.offsetTerm = termAt(l, i);
  l.entries = l.entries.slice(i - l.offset);
  l.offset = i;
}

/** Install a snapshot: the whole log is replaced by the snapshot point. */
export function restoreSnapshot(l: RaftLog, index: number, term: number): void {
  l.offset = index;
  l.offsetTerm = term;
  l.entries = [];
}
