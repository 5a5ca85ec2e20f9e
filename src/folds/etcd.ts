// The etcd members as the played trace shows them: role, term, commit index, stopped. Folded from
// trace events in the order they are played (like objects.ts folds etcd.put), so the view never runs
// ahead of the narration. Pure.
import type { AnyTraceEvent, EtcdMemberView, TraceEvent, TraceType } from '../protocol/messages';

export interface EtcdFold {
  members: EtcdMemberView[];
  /** virtual ms each member last heard from a leader (heartbeat, append, snapshot) */
  lastHeardMs: Record<string, number>;
}

const MEMBER = /^etcd-\d+$/;
const collator = new Intl.Collator('en', { numeric: true });

/** Member ids named by a trace (the engine has no accessor for them: every member shows up in the
 * bootstrap's raft.propose / raft.append traffic). */
export function etcdMemberIds(events: { readonly length: number; at(i: number): AnyTraceEvent | undefined }, end = events.length): string[] {
  const ids = new Set<string>();
  for (let i = 0; i < end; i++) {
    const e = events.at(i)!;
    if (!e.type.startsWith('raft.') && !e.type.startsWith('etcd.')) continue;
    for (const id of [e.from, e.to, e.params.member, e.params.leader]) if (typeof id === 'string' && MEMBER.test(id)) ids.add(id);
  }
  return [...ids].sort(collator.compare);
}

export function initialEtcd(ids: readonly string[]): EtcdFold {
  return { members: ids.map((id) => ({ id, role: 'follower', term: 0, commit: 0, stopped: false })), lastHeardMs: {} };
}

/** The events about members: every one says its term. */
type MemberEvent = TraceEvent<Extract<TraceType, `raft.${string}`> | 'etcd.stop' | 'etcd.start'>;
const isMemberEvent = (e: TraceEvent): e is MemberEvent => e.type.startsWith('raft.') || e.type === 'etcd.stop' || e.type === 'etcd.start';

/** Apply played events; returns `prev` itself when nothing about the members changed. */
export function foldEtcd(prev: EtcdFold, events: readonly TraceEvent[]): EtcdFold {
  let members: EtcdMemberView[] | null = null;
  let lastHeardMs = prev.lastHeardMs;
  const get = () => (members ??= prev.members.map((m) => ({ ...m })));
  const member = (id: unknown) => (typeof id === 'string' && MEMBER.test(id) ? get().find((m) => m.id === id) : undefined);
  const heard = (id: string, t: number) => {
    if (lastHeardMs === prev.lastHeardMs) lastHeardMs = { ...prev.lastHeardMs };
    lastHeardMs[id] = t;
  };
  for (const e of events) {
    if (!isMemberEvent(e)) continue;
    const term = Number(e.params.term ?? 0);
    switch (e.type) {
      case 'raft.propose':
      case 'raft.leader': {
        const m = member(e.type === 'raft.leader' ? e.params.member : e.params.leader);
        if (!m) break;
        logTo(m, e.type === 'raft.leader' ? e.params.lastIndex : e.params.index);
        if (m.role === 'leader' && m.term === term) break;
        becomeLeader(get(), m, term);
        break;
      }
      case 'raft.pre_vote': {
        logTo(member(e.from), e.params.lastIndex);
        break;
      }
      case 'raft.election_timeout': {
        const m = member(e.params.member);
        if (m) Object.assign(m, { role: 'candidate', votedFor: undefined });
        break;
      }
      case 'raft.vote_request': {
        const m = member(e.from);
        if (m) Object.assign(m, { role: 'candidate', term: Math.max(m.term, term), votedFor: m.id });
        logTo(m, e.params.lastIndex);
        break;
      }
      case 'raft.vote': {
        const voter = member(e.from);
        if (voter && e.params.granted === true && e.params.pre !== true) Object.assign(voter, { term: Math.max(voter.term, term), votedFor: e.params.to ?? e.to });
        break;
      }
      case 'raft.step_down': {
        const m = member(e.params.member);
        if (m) Object.assign(m, { role: 'follower', term: Math.max(m.term, term), votedFor: undefined });
        break;
      }
      case 'raft.commit': {
        const m = member(e.to);
        if (m) m.commit = Math.max(m.commit, Number(e.params.index ?? 0));
        logTo(m, e.params.index);
        break;
      }
      case 'raft.heartbeat':
      case 'raft.append':
      case 'raft.snapshot': {
        const m = member(e.params.to ?? e.to);
        if (!m || m.stopped) break;
        heard(m.id, e.t);
        if (term > m.term || m.role === 'candidate') Object.assign(m, { role: 'follower', term: Math.max(m.term, term), votedFor: undefined });
        if (e.type === 'raft.heartbeat' && typeof e.params.commit === 'number') m.commit = Math.max(m.commit, e.params.commit);
        // an accepted append ends the follower's log at `index`; a snapshot replaces the log up to it
        if ((e.type === 'raft.append' && e.params.ok !== false) || e.type === 'raft.snapshot') logTo(m, e.params.index);
        break;
      }
      case 'etcd.stop': {
        const m = member(e.params.member);
        if (m) Object.assign(m, { stopped: true, role: 'follower', votedFor: undefined });
        break;
      }
      case 'etcd.start': {
        const m = member(e.params.member);
        if (m) {
          Object.assign(m, { stopped: false, role: 'follower', term: Math.max(m.term, term), votedFor: undefined });
          logTo(m, e.params.lastIndex); // its WAL survived the stop
          heard(m.id, e.t); // a restarted member's election timer starts now
        }
        break;
      }
    }
  }
  if (!members) return lastHeardMs === prev.lastHeardMs ? prev : { members: prev.members, lastHeardMs };
  return { members: sameMembers(prev.members, members) ? prev.members : members, lastHeardMs };
}

/** The member's log reaches at least `index` (the uncommitted tail a deposed leader drops is not in the trace). */
function logTo(m: EtcdMemberView | undefined, index: unknown): void {
  if (m && typeof index === 'number' && index > (m.lastIndex ?? 0)) m.lastIndex = index;
}

function becomeLeader(all: EtcdMemberView[], leader: EtcdMemberView, term: number): void {
  Object.assign(leader, { role: 'leader', term: Math.max(leader.term, term), votedFor: undefined });
  for (const m of all) {
    if (m === leader || m.stopped) continue;
    // the voters of this term follow the winner; an old leader steps down on its first message
    // from the new term, which is a moment later: shown at once, so one leader is drawn at a time
    if (m.role === 'leader' || m.term === term) Object.assign(m, { role: 'follower', votedFor: undefined });
  }
}

function sameMembers(a: readonly EtcdMemberView[], b: readonly EtcdMemberView[]): boolean {
  return a.length === b.length && a.every((m, i) => {
    const n = b[i];
    return m.id === n.id && m.role === n.role && m.term === n.term && m.commit === n.commit && m.stopped === n.stopped && m.votedFor === n.votedFor && m.lastIndex === n.lastIndex;
  });
}

/** Fold events one at a time, adding to each election timeout how long its member went unheard. */
export function playEtcd(prev: EtcdFold, events: readonly TraceEvent[]): { fold: EtcdFold; events: TraceEvent[] } {
  let fold = prev;
  const out = events.map((e) => {
    const shown = withSilence(e, fold);
    fold = foldEtcd(fold, [e]);
    return shown;
  });
  return { fold, events: out };
}

/** How long the member went without hearing from a leader when its election timer fired. The engine's
 * raft.election_timeout does not say; the narration wants it ("heard no heartbeat for 1.4 s"). */
export function withSilence(e: TraceEvent, fold: EtcdFold): TraceEvent {
  if (e.type !== 'raft.election_timeout' || typeof e.params.member !== 'string') return e;
  const since = fold.lastHeardMs[e.params.member];
  if (since === undefined || e.t <= since) return e;
  return { ...e, params: { ...e.params, silentMs: e.t - since } };
}
