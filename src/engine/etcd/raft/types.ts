// Raft's messages and per-member state as plain data (etcd-io/raft raftpb/raft.proto and
// tracker/progress.go, reduced). Every field lives in the member actor's `s`, so a snapshot
// taken mid-election restores mid-election.
import type { ComponentId } from '../../kernel/types';
import type { MvccState } from '../mvcc';
import type { Entry, EntryData, RaftLog } from './log';

/** etcd --heartbeat-interval (server/embed/config.go TickMs = 100): one raft tick. */
export const TICK_MS = 100;
/** etcd --election-timeout 1000 ms = 10 ticks; randomized in [10, 20) ticks (raft.go resetRandomizedElectionTimeout). */
export const ELECTION_TICKS = 10;
export const HEARTBEAT_TICKS = 1;
/** one-way latency between members (rafthttp on a LAN), virtual ms */
export const PEER_LATENCY_MS = 1;
/** WAL fsync before an entry counts as stored (etcd waits for it before acking MsgApp) */
export const FSYNC_MS = 1;
/** raft.Config.MaxSizePerMsg (1 MiB in etcd) expressed as entries of a few KiB */
export const MAX_ENTRIES_PER_MSG = 256;
/** etcd --snapshot-count (DefaultSnapshotCount, 10 000 in 3.6) and SnapshotCatchUpEntries (5 000) */
export const SNAPSHOT_COUNT = 10_000;
export const SNAPSHOT_CATCH_UP_ENTRIES = 5_000;

export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** tracker.Progress: what the leader knows of one follower's log. */
export interface Progress {
  match: number;
  next: number;
  recentActive: boolean;
}

export interface RaftState {
  peers: ComponentId[];
  role: Role;
  // HardState (persisted in the WAL): term, vote, commit, plus the log itself
  term: number;
  vote: ComponentId | '';
  commit: number;
  log: RaftLog;
  // volatile
  lead: ComponentId | '';
  applied: number;
  electionElapsed: number;
  heartbeatElapsed: number;
  randomizedElectionTimeout: number;
  votes: Record<ComponentId, boolean>;
  prs: Record<ComponentId, Progress>;
  readyScheduled: boolean;
  /** the first Ready after winning announces the new leader */
  announce: boolean;
}

export interface RaftProp { type: 'RAFT_PROP'; data: EntryData; [k: string]: unknown }
export interface RaftApp { type: 'RAFT_APP'; term: number; prevIndex: number; prevTerm: number; entries: Entry[]; commit: number; [k: string]: unknown }
/** a rejection says the follower's term at its hint (MsgAppResp.LogTerm) so the leader can skip a divergent tail */
export interface RaftAppResp { type: 'RAFT_APP_RESP'; term: number; index: number; reject: boolean; hint: number; logTerm?: number; [k: string]: unknown }
export interface RaftHeartbeat { type: 'RAFT_HEARTBEAT'; term: number; commit: number; sent: number; [k: string]: unknown }
export interface RaftHeartbeatResp { type: 'RAFT_HEARTBEAT_RESP'; term: number; sent: number; lastIndex: number; [k: string]: unknown }
export interface RaftVote { type: 'RAFT_VOTE' | 'RAFT_PRE_VOTE'; term: number; lastIndex: number; lastTerm: number; [k: string]: unknown }
export interface RaftVoteResp { type: 'RAFT_VOTE_RESP' | 'RAFT_PRE_VOTE_RESP'; term: number; reject: boolean; [k: string]: unknown }
export interface RaftSnap { type: 'RAFT_SNAP'; term: number; index: number; snapTerm: number; mvcc: MvccState; [k: string]: unknown }

export type RaftMsg = RaftApp | RaftAppResp | RaftHeartbeat | RaftHeartbeatResp | RaftVote | RaftVoteResp | RaftSnap;

export const RAFT_PEER_MSGS = new Set(['RAFT_APP', 'RAFT_APP_RESP', 'RAFT_HEARTBEAT', 'RAFT_HEARTBEAT_RESP', 'RAFT_VOTE', 'RAFT_PRE_VOTE', 'RAFT_VOTE_RESP', 'RAFT_PRE_VOTE_RESP', 'RAFT_SNAP']);
