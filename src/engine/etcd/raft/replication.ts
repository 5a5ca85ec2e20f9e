// Twin of the replication half of etcd-io/raft raft.go (appendEntry, bcastAppend, sendAppend,
// maybeCommit, handleAppendEntries, handleHeartbeat, handleSnapshot) with tracker/progress.go
// reduced to match/next. The leader batches what was proposed within one fsync into one
// MsgApp per follower (etcdserver's raft Ready loop does the same).
import { markShared } from '../../kernel/clone';
import type { ComponentId } from '../../kernel/types';
import { type Entry, type EntryData, entryAt, findConflictByTerm, lastIndex, maybeAppend, restoreSnapshot, slice, termAt } from './log';
import type { Raft, RaftHost } from './raft';
import {
  FSYNC_MS, MAX_ENTRIES_PER_MSG, PEER_LATENCY_MS,
  type RaftApp, type RaftAppResp, type RaftHeartbeat, type RaftHeartbeatResp, type RaftMsg, type RaftProp, type RaftSnap, type RaftState,
} from './types';

export class Replication {
  constructor(
    private readonly h: RaftHost,
    private readonly raft: Raft,
  ) {}

  private get r(): RaftState {
    return this.h.raft();
  }

  /** Leader: append to the log; the entries go out at the next Ready, after the WAL fsync. */
  append(datas: Array<EntryData | undefined>): void {
    const r = this.r;
    for (const data of datas) {
      const e: Entry = { index: lastIndex(r.log) + 1, term: r.term };
      if (data) e.data = data;
      // an entry never changes once in the log: checkpoints share it (kernel/clone.ts)
      r.log.entries.push(markShared(e));
    }
    if (!r.readyScheduled) {
      r.readyScheduled = true;
      this.h.send(this.h.id, { type: 'RAFT_READY' }, FSYNC_MS);
    }
  }

  /** The leader's Ready: its own entries are durable now; send them to every follower. */
  onReady(): void {
    const r = this.r;
    r.readyScheduled = false;
    if (r.role !== 'leader') return;
    r.prs[this.h.id].match = lastIndex(r.log);
    let traced = false;
    if (r.announce) {
      r.announce = false;
      traced = true;
      this.h.trace({ type: 'raft.leader', params: { member: this.h.id, term: r.term, lastIndex: lastIndex(r.log) } });
    }
    this.bcastAppend();
    const prev = r.commit;
    if (this.maybeCommit()) this.committed(prev, traced);
  }

  bcastAppend(): void {
    for (const p of this.r.peers) if (p !== this.h.id) this.sendAppend(p);
  }

  private sendAppend(to: ComponentId): void {
    const r = this.r;
    const pr = r.prs[to];
    if (pr.next <= r.log.offset) return this.sendSnap(to);
    const prevIndex = pr.next - 1;
    const entries = slice(r.log, pr.next, lastIndex(r.log), MAX_ENTRIES_PER_MSG);
    const m: RaftApp = { type: 'RAFT_APP', term: r.term, prevIndex, prevTerm: termAt(r.log, prevIndex), entries, commit: r.commit };
    this.h.send(to, m, PEER_LATENCY_MS);
    if (entries.length) pr.next = entries[entries.length - 1].index + 1;
  }

  /** The follower is behind the compacted log: ship the applied MVCC (MsgSnap). */
  private sendSnap(to: ComponentId): void {
    const r = this.r;
    const m: RaftSnap = { type: 'RAFT_SNAP', term: r.term, index: r.applied, snapTerm: termAt(r.log, r.applied), mvcc: this.h.snapshot() };
    this.h.send(to, m, PEER_LATENCY_MS);
    r.prs[to].next = r.applied + 1;
  }

  bcastHeartbeat(): void {
    const r = this.r;
    for (const p of r.peers) {
      if (p === this.h.id) continue;
      const pr = r.prs[p];
      // raft.go sendHeartbeat: commit = min(match, committed) so a follower never commits what it lacks
      const m: RaftHeartbeat = { type: 'RAFT_HEARTBEAT', term: r.term, commit: Math.min(pr.match, r.commit), sent: pr.next - 1 };
      this.h.send(p, m, PEER_LATENCY_MS, true);
    }
  }

  /** raft.go maybeCommit: the highest index on a quorum, only if it is from this term. */
  private maybeCommit(): boolean {
    const r = this.r;
    const matches = r.peers.map((p) => r.prs[p].match).sort((a, b) => b - a);
    const mci = matches[this.raft.quorum() - 1];
    if (mci <= r.commit || termAt(r.log, mci) !== r.term) return false;
    r.commit = mci;
    return true;
  }

  private committed(prev: number, silent: boolean): void {
    const r = this.r;
    const ambient = allAmbient(r, prev + 1, r.commit);
    const revision = this.h.leaderCommitted();
    if (!silent) this.h.trace({ type: 'raft.commit', params: { index: r.commit, term: r.term, revision }, ambient: ambient || undefined });
    // tell the followers at once (raft.go: bcastAppend after maybeCommit)
    this.bcastAppend();
  }

  step(m: RaftMsg | RaftProp, from: ComponentId): void {
    const r = this.r;
    switch (m.type) {
      case 'RAFT_PROP':
        if (!this.raft.propose(m.data)) return; // no leader: dropped (raft.go "no leader at term")
        return;
      case 'RAFT_APP':
        this.raft.heardFromLeader(from);
        return this.handleAppend(m, from);
      case 'RAFT_HEARTBEAT':
        this.raft.heardFromLeader(from);
        return this.handleHeartbeat(m, from);
      case 'RAFT_SNAP':
        this.raft.heardFromLeader(from);
        return this.handleSnapshot(m, from);
      case 'RAFT_APP_RESP':
        if (r.role === 'leader') this.handleAppendResp(m, from);
        return;
      case 'RAFT_HEARTBEAT_RESP':
        if (r.role === 'leader') this.handleHeartbeatResp(m, from);
        return;
    }
  }

  private handleAppend(m: RaftApp, from: ComponentId): void {
    const r = this.r;
    const reply = (resp: Omit<RaftAppResp, 'type' | 'term'>, delayMs: number) => this.h.send(from, { type: 'RAFT_APP_RESP', term: r.term, ...resp }, delayMs);
    if (m.prevIndex < r.commit) return reply({ index: r.commit, reject: false, hint: 0 }, PEER_LATENCY_MS);
    const lastNew = maybeAppend(r.log, m.prevIndex, m.prevTerm, m.entries);
    const count = m.entries.length;
    if (lastNew < 0) {
      const hint = findConflictByTerm(r.log, Math.min(m.prevIndex, lastIndex(r.log)), m.prevTerm);
      reply({ index: m.prevIndex, reject: true, hint, logTerm: termAt(r.log, hint) }, PEER_LATENCY_MS);
      this.h.trace({ type: 'raft.append', params: { index: m.prevIndex, term: m.term, to: this.h.id, count, ok: false, hint } });
      return;
    }
    // new entries are acknowledged after they are fsynced to the WAL
    reply({ index: lastNew, reject: false, hint: 0 }, count ? PEER_LATENCY_MS + FSYNC_MS : PEER_LATENCY_MS);
    if (count) {
      const ambient = m.entries.every((e) => e.data?.ambient || e.data?.quietRaft);
      this.h.trace({ type: 'raft.append', params: { index: lastNew, term: m.term, to: this.h.id, count, ok: true }, ambient: ambient || undefined });
    }
    this.commitTo(Math.min(m.commit, lastNew));
  }

  private handleHeartbeat(m: RaftHeartbeat, from: ComponentId): void {
    const r = this.r;
    const resp: RaftHeartbeatResp = { type: 'RAFT_HEARTBEAT_RESP', term: r.term, sent: m.sent, lastIndex: lastIndex(r.log) };
    this.h.send(from, resp, PEER_LATENCY_MS, true);
    this.h.trace({ type: 'raft.heartbeat', params: { from, to: this.h.id, term: m.term, commit: m.commit }, ambient: true });
    this.commitTo(m.commit);
  }

  private handleSnapshot(m: RaftSnap, from: ComponentId): void {
    const r = this.r;
    if (m.index > r.commit) {
      restoreSnapshot(r.log, m.index, m.snapTerm);
      r.commit = m.index;
      r.applied = m.index;
      this.h.installSnapshot(structuredClone(m.mvcc));
      this.h.trace({ type: 'raft.snapshot', params: { index: m.index, term: m.term, to: this.h.id } });
    }
    this.h.send(from, { type: 'RAFT_APP_RESP', term: r.term, index: r.commit, reject: false, hint: 0 }, PEER_LATENCY_MS);
  }

  private commitTo(c: number): void {
    const r = this.r;
    if (c <= r.commit) return;
    r.commit = c;
    this.h.applyCommitted();
  }

  private handleAppendResp(m: RaftAppResp, from: ComponentId): void {
    const r = this.r;
    const pr = r.prs[from];
    pr.recentActive = true;
    if (m.reject) {
      // raft.go stepLeader: the follower's (hint, term at hint) skips its divergent tail — the last
      // index of ours whose term is not above that term (findConflictByTerm) — then progress.go
      // MaybeDecrTo probes just below the rejected index at most (without the term a follower with
      // an uncommitted tail from an older term rejected the same probe for ever)
      const probe = m.logTerm !== undefined && m.logTerm > 0 ? findConflictByTerm(r.log, Math.min(m.hint, lastIndex(r.log)), m.logTerm) : m.hint;
      pr.next = Math.max(pr.match + 1, Math.min(pr.next - 1, m.index, probe + 1));
      return this.sendAppend(from);
    }
    if (m.index > pr.match) {
      pr.match = m.index;
      if (pr.next <= m.index) pr.next = m.index + 1;
      const prev = r.commit;
      if (this.maybeCommit()) return this.committed(prev, false);
    }
    // catching up in MaxSizePerMsg batches: the next batch once nothing else is in flight
    if (pr.next <= lastIndex(r.log) && pr.next === pr.match + 1) this.sendAppend(from);
  }

  private handleHeartbeatResp(m: RaftHeartbeatResp, from: ComponentId): void {
    const r = this.r;
    const pr = r.prs[from];
    pr.recentActive = true;
    // the follower lacks entries we believed sent (it was stopped, or they were dropped): probe again
    if (m.lastIndex < m.sent && pr.match < lastIndex(r.log)) {
      pr.next = Math.max(pr.match + 1, m.lastIndex + 1);
      this.sendAppend(from);
    }
  }
}

function allAmbient(r: RaftState, from: number, to: number): boolean {
  for (let i = from; i <= to; i++) {
    const d = entryAt(r.log, i).data;
    if (!d?.ambient && !d?.quietRaft) return false;
  }
  return true;
}
