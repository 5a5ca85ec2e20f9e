// An etcd member as an actor (server/etcdserver/server.go + v3_server.go, reduced): serves
// Txn/Range/Watch for kube-apiserver over its own MVCC, proposes writes through Raft (a follower
// forwards them to the leader), applies committed entries and answers the requests it received
// once they are applied, or fails them after ReqTimeout. `etcd.stop` kills the process: its
// WAL (term, vote, log) and its applied MVCC survive, everything else is lost.
import type { Actor, Kernel } from '../kernel/kernel';
import type { ComponentId, Msg, UnkeyedTraceSpec } from '../kernel/types';
import { type KeyValue, eventsSince, get, newMvccState, range, rangeAt } from './mvcc';
import type { MvccState } from './mvcc';
import { type ApplyState, applyBeforeStop, applyCommitted, applyStep, leaderCommitted, pendingKey } from './apply';
import type { EntryData } from './raft/log';
import { lastIndex } from './raft/log';
import { Raft, type RaftHost, type RaftTraceType, newRaftState } from './raft/raft';
import { ELECTION_TICKS, RAFT_PEER_MSGS, type RaftMsg, type RaftProp, TICK_MS } from './raft/types';
import {
  CLIENT_LATENCY_MS, ERR_DEADLINE, ERR_TIMEOUT, ERR_TIMEOUT_CONN_LOST, ERR_TIMEOUT_LEADER_FAIL, REQUEST_TIMEOUT_MS,
  type EtcdRangeMsg, type EtcdRangeResult, type EtcdTxnMsg, type EtcdTxnResult,
} from './messages';

export * from './messages';
export const ETCD_READ_MS = CLIENT_LATENCY_MS;

export interface EtcdState extends ApplyState {
  stopped: boolean;
  /** ticks of an older incarnation are ignored after a restart */
  tickEpoch: number;
  /** proposals waiting for a leader (raft node.go holds them while propc is nil) */
  blocked: EntryData[];
  blockedReads: Array<{ client: ComponentId; msg: EtcdRangeMsg }>;
  /** rafthttp's view of the peers: when each was last heard from */
  lastHeard: Record<ComponentId, number>;
  leadElectedMs: number;
  waitScheduled: boolean;
}

export class Etcd implements Actor<EtcdState>, RaftHost {
  s: EtcdState;
  private readonly raftNode: Raft;

  /** `peers` lists every member (itself included); a lone member is its own leader from the start. */
  constructor(
    readonly id: ComponentId,
    private readonly k: Kernel,
    peers: ComponentId[] = [id],
  ) {
    this.s = {
      mvcc: newMvccState(), raft: newRaftState(peers), watchers: {}, pending: {}, traceQueue: [], applyScheduled: false, traceUpTo: 0,
      stopped: false, tickEpoch: 0, blocked: [], blockedReads: [], lastHeard: {}, leadElectedMs: 0, waitScheduled: false,
    };
    this.raftNode = new Raft(this);
    Object.assign(this.s.raft, formedCluster(id, peers));
  }

  // --- RaftHost
  raft() { return this.s.raft; }
  send(to: ComponentId, msg: Msg, delayMs: number, periodic = false) { this.k.send(this.id, to, msg, delayMs, periodic); }
  trace(spec: UnkeyedTraceSpec<RaftTraceType>) { this.k.trace({ key: spec.type, ...spec }); }
  rng() { return this.k.rng(`${this.id}/election`); }
  applyCommitted() { applyCommitted(this.k, this.id, this.s); }
  leaderCommitted() { return leaderCommitted(this.k, this.id, this.s); }
  snapshot() { return structuredClone(this.s.mvcc); }
  installSnapshot(mvcc: MvccState) { this.s.mvcc = mvcc; }

  leaderChanged(): void {
    if (!this.s.raft.lead) return;
    this.s.leadElectedMs = this.k.now();
    const blocked = this.s.blocked;
    this.s.blocked = [];
    for (const d of blocked) this.proposeData(d);
    for (const b of this.s.blockedReads) this.k.send(b.client, this.id, b.msg, 0);
    this.s.blockedReads = [];
  }

  isLeader(): boolean {
    return !this.s.stopped && this.s.raft.role === 'leader';
  }

  receive(msg: Msg, from: ComponentId): void {
    if (this.s.stopped) return this.receiveStopped(msg, from);
    if (RAFT_PEER_MSGS.has(msg.type)) {
      this.s.lastHeard[from] = this.k.now();
      return this.raftNode.step(msg as RaftMsg, from);
    }
    switch (msg.type) {
      case 'START':
        return this.boot();
      case 'ETCD_TICK':
        return this.onTick(Number(msg.epoch));
      case 'ETCD_WAIT':
        return this.onWait();
      case 'RAFT_READY':
        return this.raftNode.rep.onReady();
      case 'ETCD_APPLY':
        return applyStep(this.k, this.id, this.s, true);
      case 'RAFT_PROP':
        this.s.lastHeard[from] = this.k.now();
        return this.onProp((msg as RaftProp).data, from);
      case 'ETCD_TXN':
        return this.onTxn(msg as EtcdTxnMsg, from);
      case 'ETCD_RANGE':
        return this.onRange(msg as EtcdRangeMsg, from);
      case 'ETCD_WATCH':
        return this.onWatch(from, String(msg.prefix), Number(msg.fromRevision));
      case 'ETCD_WATCH_CANCEL':
        delete this.s.watchers[from];
        return;
      case 'ETCD_STOP':
        return this.stop();
    }
  }

  private receiveStopped(msg: Msg, from: ComponentId): void {
    if (msg.type === 'ETCD_START') return this.restart();
    // nothing listens on the port: a watch stream is refused at once (the client retries after a back-off)
    if (msg.type === 'ETCD_WATCH') return this.k.send(this.id, from, { type: 'ETCD_WATCH_CLOSED' }, CLIENT_LATENCY_MS);
    // traces of writes applied before the crash are already decided; let them out
    if (msg.type === 'ETCD_APPLY') return applyStep(this.k, this.id, this.s, false);
    if (msg.type === 'ETCD_WAIT') this.s.waitScheduled = false;
    if (msg.type === 'ETCD_TICK' || msg.type === 'RAFT_READY' || msg.type === 'ETCD_STOP' || msg.type === 'ETCD_WAIT') return;
    this.k.trace({ type: 'etcd.drop', key: 'etcd.drop', params: { member: this.id, msg: msg.type }, ambient: true });
  }

  /** Start ticking, each member at its own phase (clocks of different machines are not aligned). */
  private boot(): void {
    const r = this.s.raft;
    if (r.peers.length === 1) return;
    if (r.role === 'follower') r.randomizedElectionTimeout = ELECTION_TICKS + this.rng().int(ELECTION_TICKS);
    this.k.send(this.id, this.id, { type: 'ETCD_TICK', epoch: this.s.tickEpoch }, 1 + this.rng().int(TICK_MS - 1), true);
  }

  private onTick(epoch: number): void {
    if (epoch !== this.s.tickEpoch) return;
    this.k.send(this.id, this.id, { type: 'ETCD_TICK', epoch }, TICK_MS, true);
    this.raftNode.tick();
    this.expireRequests();
    const now = this.k.now();
    if (Object.values(this.s.pending).some((p) => now - p.startMs >= TICK_MS)) this.armWait();
  }

  /**
   * Ticks are background work, but a client request that waits (for a leader, for a quorum) is
   * not: a non-periodic ETCD_WAIT keeps runUntilIdle going until the request is answered.
   */
  private armWait(): void {
    if (this.s.waitScheduled) return;
    this.s.waitScheduled = true;
    this.k.send(this.id, this.id, { type: 'ETCD_WAIT' }, TICK_MS);
  }

  private onWait(): void {
    this.s.waitScheduled = false;
    if (Object.keys(this.s.pending).length) this.armWait();
  }

  private stop(): void {
    const s = this.s;
    const r = s.raft;
    applyBeforeStop(this.k, this.id, s);
    this.k.trace({ type: 'etcd.stop', key: 'etcd.stop', params: { member: this.id, role: r.role, term: r.term } });
    s.stopped = true;
    s.tickEpoch++;
    // the process's sockets close with it: each watch stream ends, and its client resumes it
    // (clientv3 watch.go), here or on another endpoint
    for (const watcher of Object.keys(s.watchers)) this.k.send(this.id, watcher, { type: 'ETCD_WATCH_CLOSED' }, CLIENT_LATENCY_MS);
    Object.assign(s, { pending: {}, blocked: [], blockedReads: [], watchers: {}, lastHeard: {} });
    Object.assign(r, { role: 'follower', lead: '', prs: {}, votes: {}, readyScheduled: false, announce: false });
  }

  /** Restart from the WAL: a follower of its persisted term that catches up from the leader. */
  private restart(): void {
    const s = this.s;
    s.stopped = false;
    this.k.trace({ type: 'etcd.start', key: 'etcd.start', params: { member: this.id, term: s.raft.term, lastIndex: lastIndex(s.raft.log), applied: s.raft.applied } });
    if (s.raft.peers.length === 1) return this.raftNode.campaign(false);
    this.raftNode.becomeFollower(s.raft.term, '');
    this.k.send(this.id, this.id, { type: 'ETCD_TICK', epoch: s.tickEpoch }, TICK_MS, true);
  }

  private onTxn(m: EtcdTxnMsg, from: ComponentId): void {
    const now = this.k.now();
    this.s.pending[pendingKey(from, m.txnId)] = { client: from, txnId: m.txnId, kind: 'txn', startMs: now, deadlineMs: now + REQUEST_TIMEOUT_MS, proposed: false };
    const d: EntryData = { origin: this.id, client: from, txnId: m.txnId, compares: m.compares, ops: m.ops };
    if (m.object) d.object = m.object;
    if (m.value !== undefined) d.value = m.value;
    if (m.ambient) d.ambient = true;
    if (m.quietRaft) d.quietRaft = true;
    if (m.compact !== undefined) d.compact = m.compact;
    if (this.s.raft.role === 'leader') this.traceProposal(d, from);
    this.proposeData(d);
  }

  private onProp(d: EntryData, from: ComponentId): void {
    if (this.s.raft.role === 'leader') this.traceProposal(d, from);
    this.raftNode.propose(d); // a member without a leader drops a forwarded proposal; its origin times out
  }

  private traceProposal(d: EntryData, from: ComponentId): void {
    const r = this.s.raft;
    this.k.trace({
      type: 'raft.propose', key: 'raft.propose', from, to: this.id,
      params: { leader: this.id, index: lastIndex(r.log) + 1, term: r.term, forwarded: from !== d.client, key: d.ops[0]?.key ?? '' },
      object: d.object, ambient: d.ambient || d.quietRaft || undefined,
    });
  }

  private proposeData(d: EntryData): void {
    const p = this.s.pending[pendingKey(d.client, d.txnId)];
    if (this.raftNode.propose(d)) {
      if (p && d.origin === this.id) p.proposed = true;
    } else {
      this.s.blocked.push(d);
      this.armWait();
    }
  }

  /** Serve from this member's applied MVCC once a leader is known (a stand-in for ReadIndex). */
  private onRange(m: EtcdRangeMsg, from: ComponentId): void {
    const key = pendingKey(from, m.txnId);
    if (!this.s.raft.lead) {
      const now = this.k.now();
      this.s.pending[key] ??= { client: from, txnId: m.txnId, kind: 'range', startMs: now, deadlineMs: now + REQUEST_TIMEOUT_MS, proposed: false };
      this.s.blockedReads.push({ client: from, msg: m });
      this.armWait();
      return;
    }
    delete this.s.pending[key];
    const mvcc = this.s.mvcc;
    const at = m.revision ? rangeAt(mvcc, m.key, m.revision) : undefined;
    if (typeof at === 'string') {
      this.k.send(this.id, from, { type: 'ETCD_RANGE_RESULT', txnId: m.txnId, kvs: [], revision: mvcc.revision, error: at } satisfies EtcdRangeResult, ETCD_READ_MS);
      return;
    }
    const kvs = at ? (m.prefix ? at : at.filter((kv) => kv.key === m.key)) : m.prefix ? range(mvcc, m.key) : [get(mvcc, m.key)].filter((x): x is KeyValue => !!x);
    this.k.trace({ type: 'etcd.range', key: 'etcd.range', params: { key: m.key, count: kvs.length, revision: mvcc.revision }, ambient: m.ambient || undefined });
    const reply: EtcdRangeResult = { type: 'ETCD_RANGE_RESULT', txnId: m.txnId, kvs, revision: mvcc.revision };
    this.k.send(this.id, from, reply, ETCD_READ_MS);
  }

  private onWatch(from: ComponentId, prefix: string, fromRevision: number): void {
    this.s.watchers[from] = prefix;
    const mvcc = this.s.mvcc;
    const evs = eventsSince(mvcc, fromRevision, prefix);
    if (evs === 'compacted') this.k.send(this.id, from, { type: 'ETCD_WATCH_EVENTS', events: [], revision: mvcc.revision, compacted: true }, ETCD_READ_MS);
    else if (evs.length) this.k.send(this.id, from, { type: 'ETCD_WATCH_EVENTS', events: evs, revision: mvcc.revision }, ETCD_READ_MS);
  }

  /** v3_server.go processInternalRaftRequestOnce: a request not applied within ReqTimeout fails. */
  private expireRequests(): void {
    const now = this.k.now();
    for (const [key, p] of Object.entries(this.s.pending)) {
      if (p.deadlineMs > now) continue;
      delete this.s.pending[key];
      if (p.kind === 'range') {
        this.s.blockedReads = this.s.blockedReads.filter((b) => pendingKey(b.client, b.msg.txnId) !== key);
        const reply: EtcdRangeResult = { type: 'ETCD_RANGE_RESULT', txnId: p.txnId, kvs: [], revision: this.s.mvcc.revision, error: ERR_TIMEOUT };
        this.k.send(this.id, p.client, reply, CLIENT_LATENCY_MS);
        continue;
      }
      this.s.blocked = this.s.blocked.filter((d) => pendingKey(d.client, d.txnId) !== key);
      const error = p.proposed ? this.parseProposeCtxErr(p.startMs) : ERR_DEADLINE;
      const reply: EtcdTxnResult = { type: 'ETCD_TXN_RESULT', txnId: p.txnId, succeeded: false, revision: this.s.mvcc.revision, error };
      this.k.send(this.id, p.client, reply, CLIENT_LATENCY_MS);
    }
  }

  /** v3_server.go parseProposeCtxErr: which flavour of "request timed out". */
  private parseProposeCtxErr(startMs: number): string {
    const s = this.s;
    const prevLeadLost = s.leadElectedMs - 2 * ELECTION_TICKS * TICK_MS;
    if (startMs > prevLeadLost && startMs < s.leadElectedMs) return ERR_TIMEOUT_LEADER_FAIL;
    const lead = s.raft.lead;
    const heardSince = (p: ComponentId) => (s.lastHeard[p] ?? -1) >= startMs;
    if (lead === this.id) {
      const connected = s.raft.peers.filter((p) => p === this.id || heardSince(p)).length;
      if (connected < Math.floor(s.raft.peers.length / 2) + 1) return ERR_TIMEOUT_CONN_LOST;
    } else if (lead && !heardSince(lead)) return ERR_TIMEOUT_CONN_LOST;
    return ERR_TIMEOUT;
  }
}

/**
 * The cluster the control plane starts on was formed before it (kubeadm brings etcd up first):
 * the first member won term 1 and its empty entry is committed and applied everywhere.
 */
function formedCluster(id: ComponentId, peers: ComponentId[]) {
  const leader = peers[0];
  const base = { term: 1, vote: leader, lead: leader, commit: 1, applied: 1, log: { offset: 0, offsetTerm: 0, entries: [{ index: 1, term: 1 }] } };
  if (id !== leader) return { ...base, role: 'follower' as const };
  const prs = Object.fromEntries(peers.map((p) => [p, { match: 1, next: 2, recentActive: true }]));
  return { ...base, role: 'leader' as const, prs };
}
