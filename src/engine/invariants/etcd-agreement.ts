// etcd members agree on every committed entry (Raft's State Machine Safety), read from the members'
// state in a Cluster snapshot: no two members hold different entries at a committed index, an
// entry once committed never changes, and members that applied the same index hold the same MVCC.
// (Only the apiserver and cluster/ may import etcd, so the shapes read here are restated.)

/** What the check reads of one member (EtcdState's raft and mvcc fields). */
export interface EtcdMemberView {
  id: string;
  raft: { term: number; commit: number; applied: number; log: { offset: number; entries: Array<{ index: number; term: number; data?: unknown }> } };
  mvcc: { revision: number; kvs: Record<string, { modRevision: number; version: number }> };
}

/** The members of a snapshot's actor states (`etcd-<n>`). */
export function etcdMembersOf(actors: Record<string, unknown>): EtcdMemberView[] {
  return Object.entries(actors)
    .filter(([id]) => /^etcd-\d+$/.test(id))
    .map(([id, s]) => ({ id, ...(s as Omit<EtcdMemberView, 'id'>) }));
}

function entryHash(e: { term: number; data?: unknown }): string {
  return `${e.term}|${e.data === undefined ? '' : JSON.stringify(e.data)}`;
}

/**
 * Remembers every committed entry it has seen (index → term + data, as JSON) across checks, so a
 * committed entry that a later leader overwrites is caught even when no two members disagree at
 * the moment of the check. Only entries committed since the last check are hashed in full; older
 * ones are compared by term.
 */
export class CommittedEntries {
  private readonly hashes = new Map<number, { hash: string; term: number; by: string }>();
  private readonly checkedUpTo = new Map<string, number>();
  private readonly commits = new Map<string, number>();

  check(members: EtcdMemberView[]): string[] {
    const out: string[] = [];
    for (const m of members) {
      const r = m.raft;
      const l = r.log;
      const last = l.offset + l.entries.length;
      const prevCommit = this.commits.get(m.id) ?? 0;
      if (r.commit < prevCommit) out.push(`${m.id}: commit index went back from ${prevCommit} to ${r.commit}`);
      this.commits.set(m.id, r.commit);
      if (r.commit > last) out.push(`${m.id}: commit index ${r.commit} beyond its last entry ${last}`);
      if (r.applied > r.commit) out.push(`${m.id}: applied ${r.applied} beyond commit ${r.commit}`);
      const from = this.checkedUpTo.get(m.id) ?? 0;
      for (let i = l.offset + 1; i <= Math.min(r.commit, last); i++) {
        const e = l.entries[i - l.offset - 1];
        const known = this.hashes.get(i);
        if (i <= from) {
          if (known && known.term !== e.term) out.push(`${m.id}: committed entry ${i} now has term ${e.term}, was ${known.term} (${known.by})`);
          continue;
        }
        const hash = entryHash(e);
        if (!known) this.hashes.set(i, { hash, term: e.term, by: m.id });
        else if (known.hash !== hash) out.push(`${m.id} and ${known.by} hold different entries at committed index ${i} (terms ${e.term} and ${known.term})`);
      }
      this.checkedUpTo.set(m.id, Math.max(from, Math.min(r.commit, last)));
    }
    out.push(...mvccAgree(members));
    return out;
  }
}

/** Members that applied the same index hold the same revision and the same keys at the same revisions. */
export function mvccAgree(members: EtcdMemberView[]): string[] {
  const out: string[] = [];
  const byApplied = new Map<number, EtcdMemberView>();
  for (const m of members) {
    const other = byApplied.get(m.raft.applied);
    if (!other) {
      byApplied.set(m.raft.applied, m);
      continue;
    }
    const a = other.mvcc;
    const b = m.mvcc;
    if (a.revision !== b.revision) {
      out.push(`${other.id} and ${m.id} applied up to ${m.raft.applied} but are at revisions ${a.revision} and ${b.revision}`);
      continue;
    }
    const ka = Object.keys(a.kvs);
    const diff = ka.length !== Object.keys(b.kvs).length ? '(key count)' : ka.find((k) => b.kvs[k]?.modRevision !== a.kvs[k].modRevision || b.kvs[k]?.version !== a.kvs[k].version);
    if (diff) out.push(`${other.id} and ${m.id} applied up to ${m.raft.applied} but disagree on ${diff}`);
  }
  return out;
}
