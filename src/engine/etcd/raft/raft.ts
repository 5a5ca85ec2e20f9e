// Twin of etcd-io/raft raft.go: roles, ticks, (pre-)elections, CheckQuorum and Step's term
// rules. Replication lives in replication.ts. The host (an etcd member actor) owns the state
// and the kernel; this class keeps nothing of its own. etcd runs raft with PreVote and
// CheckQuorum on (server/embed/config.go `PreVote: true`; etcdserver/bootstrap.go CheckQuorum).
import type { Rng } from '../../kernel/rng';
import type { ComponentId, Msg, TraceType, UnkeyedTraceSpec } from '../../kernel/types';
import type { MvccState } from '../mvcc';
import { type EntryData, isUpToDate, lastIndex, lastTerm, newRaftLog } from './log';
import { Replication } from './replication';
import { ELECTION_TICKS, HEARTBEAT_TICKS, PEER_LATENCY_MS, type RaftMsg, type RaftState, type RaftVote, type RaftVoteResp, type Role } from './types';

/** The trace types raft emits (the host traces them with their type as narration key). */
export type RaftTraceType = Extract<TraceType, `raft.${string}`>;

export interface RaftHost {
  readonly id: ComponentId;
  raft(): RaftState;
  send(to: ComponentId, msg: Msg, delayMs: number, periodic?: boolean): void;
  trace(spec: UnkeyedTraceSpec<RaftTraceType>): void;
  rng(): Rng;
  /** a follower: apply newly committed entries now */
  applyCommitted(): void;
  /** the leader committed: apply in order (traced); returns the MVCC revision that will result */
  leaderCommitted(): number;
  /** the known leader changed (blocked proposals can go now) */
  leaderChanged(): void;
  snapshot(): MvccState;
  installSnapshot(mvcc: MvccState): void;
}

export function newRaftState(peers: ComponentId[]): RaftState {
  return {
    peers, role: 'follower', term: 0, vote: '', commit: 0, log: newRaftLog(), lead: '', applied: 0,
    electionElapsed: 0, heartbeatElapsed: 0, randomizedElectionTimeout: ELECTION_TICKS, votes: {}, prs: {}, readyScheduled: false, announce: false,
  };
}

export class Raft {
  readonly rep: Replication;
  constructor(readonly h: RaftHost) {
    this.rep = new Replication(h, this);
  }

  get r(): RaftState {
    return this.h.raft();
  }

  quorum(): number {
    return Math.floor(this.r.peers.length / 2) + 1;
  }

  private reset(term: number): void {
    const r = this.r;
    if (r.term !== term) {
      r.term = term;
      r.vote = '';
    }
    r.lead = '';
    r.electionElapsed = 0;
    r.heartbeatElapsed = 0;
    // raft.go resetRandomizedElectionTimeout: electionTimeout + rand(electionTimeout)
    r.randomizedElectionTimeout = ELECTION_TICKS + this.h.rng().int(ELECTION_TICKS);
    r.votes = {};
    r.prs = {};
  }

  becomeFollower(term: number, lead: ComponentId | ''): void {
    const had = this.r.lead;
    this.reset(term);
    this.r.role = 'follower';
    this.r.lead = lead;
    if (lead && lead !== had) this.h.leaderChanged();
  }

  private becomeCandidate(): void {
    this.reset(this.r.term + 1);
    this.r.vote = this.h.id;
    this.r.role = 'candidate';
  }

  private becomePreCandidate(): void {
    // raft.go becomePreCandidate: no term change, no vote; only the role and the tally
    this.r.role = 'pre-candidate';
    this.r.votes = {};
    this.r.lead = '';
  }

  private becomeLeader(): void {
    const r = this.r;
    this.reset(r.term);
    r.role = 'leader';
    r.lead = this.h.id;
    for (const p of r.peers) r.prs[p] = { match: 0, next: lastIndex(r.log) + 1, recentActive: p === this.h.id };
    r.announce = true;
    // raft.go becomeLeader: an empty entry of the new term lets earlier entries commit
    this.rep.append([undefined]);
    this.h.leaderChanged();
  }

  /** raft.go campaign: PreVote first, then a real election at term+1. */
  campaign(pre: boolean): void {
    const r = this.r;
    if (pre) this.becomePreCandidate();
    else this.becomeCandidate();
    const voteTerm = pre ? r.term + 1 : r.term;
    if (this.poll(this.h.id, true) === 'won') return pre ? this.campaign(false) : this.becomeLeader();
    const type = pre ? 'RAFT_PRE_VOTE' : 'RAFT_VOTE';
    for (const p of r.peers) {
      if (p === this.h.id) continue;
      const m: RaftVote = { type, term: voteTerm, lastIndex: lastIndex(r.log), lastTerm: lastTerm(r.log) };
      this.h.send(p, m, PEER_LATENCY_MS);
    }
  }

  private poll(from: ComponentId, granted: boolean): 'won' | 'lost' | 'pending' {
    this.r.votes[from] = granted;
    const vs = Object.values(this.r.votes);
    const yes = vs.filter(Boolean).length;
    if (yes >= this.quorum()) return 'won';
    if (vs.length - yes >= this.quorum()) return 'lost';
    return 'pending';
  }

  /** One tick (TICK_MS): election timer for followers/candidates, heartbeats + CheckQuorum for the leader. */
  tick(): void {
    const r = this.r;
    if (r.role === 'leader') return this.tickHeartbeat();
    r.electionElapsed++;
    if (r.electionElapsed < r.randomizedElectionTimeout) return;
    r.electionElapsed = 0;
    this.h.trace({ type: 'raft.election_timeout', params: { member: this.h.id, term: r.term, role: r.role } });
    this.campaign(true);
  }

  private tickHeartbeat(): void {
    const r = this.r;
    r.heartbeatElapsed++;
    r.electionElapsed++;
    if (r.electionElapsed >= ELECTION_TICKS) {
      r.electionElapsed = 0;
      // CheckQuorum: a leader that has not heard from a quorum in an election timeout steps down
      const active = r.peers.filter((p) => p === this.h.id || r.prs[p]?.recentActive).length;
      for (const p of r.peers) if (p !== this.h.id && r.prs[p]) r.prs[p].recentActive = false;
      if (active < this.quorum()) {
        this.becomeFollower(r.term, '');
        this.h.trace({ type: 'raft.step_down', params: { member: this.h.id, term: r.term, active } });
        return;
      }
    }
    if (r.heartbeatElapsed >= HEARTBEAT_TICKS) {
      r.heartbeatElapsed = 0;
      this.rep.bcastHeartbeat();
    }
  }

  /** raft.go Step: term bookkeeping first, then the role's step function. */
  step(m: RaftMsg, from: ComponentId): void {
    const r = this.r;
    const isVote = m.type === 'RAFT_VOTE' || m.type === 'RAFT_PRE_VOTE';
    if (m.term > r.term) {
      // a member that heard from a leader within the election timeout ignores disruptive votes
      if (isVote && r.lead !== '' && r.electionElapsed < ELECTION_TICKS) return this.traceVoteRequest(m as RaftVote, from, false);
      const keepTerm = m.type === 'RAFT_PRE_VOTE' || (m.type === 'RAFT_PRE_VOTE_RESP' && !m.reject);
      if (!keepTerm) {
        const leaderMsg = m.type === 'RAFT_APP' || m.type === 'RAFT_HEARTBEAT' || m.type === 'RAFT_SNAP';
        this.becomeFollower(m.term, leaderMsg ? from : '');
      }
    } else if (m.term < r.term) {
      if (m.type === 'RAFT_APP' || m.type === 'RAFT_HEARTBEAT') this.h.send(from, { type: 'RAFT_APP_RESP', term: r.term, index: 0, reject: false, hint: 0 }, PEER_LATENCY_MS);
      else if (m.type === 'RAFT_PRE_VOTE') this.respondVote(m, from, false);
      return;
    }
    if (isVote) return this.handleVote(m as RaftVote, from);
    if (m.type === 'RAFT_VOTE_RESP' || m.type === 'RAFT_PRE_VOTE_RESP') return this.handleVoteResp(m, from);
    this.rep.step(m, from);
  }

  /** A leader's message in this term: candidates give up, followers restart their timer. */
  heardFromLeader(from: ComponentId): void {
    const r = this.r;
    if (r.role !== 'follower') this.becomeFollower(r.term, from);
    r.electionElapsed = 0;
    if (r.lead !== from) {
      r.lead = from;
      this.h.leaderChanged();
    }
  }

  private handleVote(m: RaftVote, from: ComponentId): void {
    const r = this.r;
    const pre = m.type === 'RAFT_PRE_VOTE';
    const canVote = r.vote === from || (r.vote === '' && r.lead === '') || (pre && m.term > r.term);
    const granted = canVote && isUpToDate(r.log, m.lastIndex, m.lastTerm);
    this.respondVote(m, from, granted);
    if (granted && !pre) {
      r.electionElapsed = 0;
      r.vote = from;
    }
    this.traceVoteRequest(m, from, granted);
  }

  private respondVote(m: RaftVote, from: ComponentId, granted: boolean): void {
    const type = m.type === 'RAFT_PRE_VOTE' ? 'RAFT_PRE_VOTE_RESP' : 'RAFT_VOTE_RESP';
    // a granted vote carries the candidate's term; a rejection carries ours (raft.go Step)
    const resp: RaftVoteResp = { type, term: granted ? m.term : this.r.term, reject: !granted };
    this.h.send(from, resp, PEER_LATENCY_MS);
  }

  private traceVoteRequest(m: RaftVote, from: ComponentId, granted: boolean): void {
    this.h.trace({
      type: m.type === 'RAFT_PRE_VOTE' ? 'raft.pre_vote' : 'raft.vote_request',
      from,
      to: this.h.id,
      params: { from, term: m.term, lastIndex: m.lastIndex, lastTerm: m.lastTerm, granted },
    });
  }

  private handleVoteResp(m: RaftVoteResp, from: ComponentId): void {
    const r = this.r;
    const want: Role = m.type === 'RAFT_PRE_VOTE_RESP' ? 'pre-candidate' : 'candidate';
    if (r.role !== want) return;
    const pre = want === 'pre-candidate';
    const res = this.poll(from, !m.reject);
    this.h.trace({ type: 'raft.vote', from, to: this.h.id, params: { granted: !m.reject, to: this.h.id, term: pre ? r.term + 1 : r.term, pre } });
    if (res === 'won') return pre ? this.campaign(false) : this.becomeLeader();
    if (res === 'lost') this.becomeFollower(r.term, '');
  }

  /** A client proposal at this member: the leader appends, a follower forwards (raft.go stepFollower MsgProp). */
  propose(data: EntryData): boolean {
    const r = this.r;
    if (r.role === 'leader') {
      this.rep.append([data]);
      return true;
    }
    if (r.lead === '') return false;
    this.h.send(r.lead, { type: 'RAFT_PROP', data }, PEER_LATENCY_MS);
    return true;
  }
}
