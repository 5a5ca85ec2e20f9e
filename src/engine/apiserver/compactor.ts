// Twin of apiserver/pkg/storage/etcd3/compact.go: every --etcd-compaction-interval (5 min) the
// apiserver bumps the version of etcd's `compact_rev_key` with a compare-and-swap and, when it
// wins, compacts etcd to the revision it saw at the previous round, so etcd keeps about one
// interval of history. The first round only records a revision ("we don't compact on bootstrap").
// Several apiservers share the work through the CAS; here there is one, and an error just waits
// for the next round as upstream's loop does.
import type { EtcdTxnMsg, EtcdTxnResult } from '../etcd/messages';

export const COMPACTION_INTERVAL_MS = 5 * 60_000;
export const COMPACT_REV_KEY = 'compact_rev_key';

export interface CompactorState {
  /** compact time: the version of compact_rev_key this apiserver expects */
  time: number;
  /** the revision seen at the previous round: the next compaction target */
  rev: number;
  /** the last revision compacted to (c.compactRevision) */
  compactRev: number;
  seq: number;
  /** the request in flight: its id, and for a CAS the revision to compact once it succeeds */
  inflight?: { txnId: number; step: 'cas' | 'compact'; target: number; revAfter?: number };
}

export function newCompactorState(): CompactorState {
  return { time: 0, rev: 0, compactRev: 0, seq: 0 };
}

/** A round starts: Txn(If Version(compact_rev_key) = time Then Put(compact_rev_key, rev) Else Get). Ids are negative, apart from requests. */
export function compactRequest(c: CompactorState): EtcdTxnMsg {
  const txnId = -++c.seq;
  c.inflight = { txnId, step: 'cas', target: c.rev };
  return {
    type: 'ETCD_TXN', txnId, compares: [{ key: COMPACT_REV_KEY, version: c.time }],
    ops: [{ op: 'put', key: COMPACT_REV_KEY, value: String(c.rev) }], ambient: true, quietRaft: true,
  };
}

/** Advance on etcd's answer; returns the Compact request to send next, if any. */
export function compactorResult(c: CompactorState, r: EtcdTxnResult): EtcdTxnMsg | undefined {
  const f = c.inflight;
  if (!f || f.txnId !== r.txnId) return undefined;
  c.inflight = undefined;
  if (r.error) return undefined;
  if (f.step === 'compact') {
    c.compactRev = f.target;
    c.rev = f.revAfter ?? c.rev;
    return undefined;
  }
  if (!r.succeeded) {
    // another compactor won: adopt its compact time and revision (compact.go: CAS failure is not an error)
    c.time = r.current?.version ?? c.time;
    const rev = Number(r.current?.value);
    if (Number.isFinite(rev) && rev > 0) c.compactRev = rev;
    c.rev = r.revision;
    return undefined;
  }
  c.time++;
  if (f.target === 0) {
    c.rev = r.revision;
    return undefined;
  }
  const txnId = -++c.seq;
  c.inflight = { txnId, step: 'compact', target: f.target, revAfter: r.revision };
  return { type: 'ETCD_TXN', txnId, compares: [], ops: [], compact: f.target, ambient: true, quietRaft: true };
}
