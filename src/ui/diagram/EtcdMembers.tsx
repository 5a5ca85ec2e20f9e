// Inside the etcd box: the store's revision and one row per Raft member (role, term, last log
// index, commit index — etcdctl endpoint status's RAFT TERM / RAFT INDEX), as the played trace shows them; a stopped member is greyed out. Rows flash when a raft
// message reaches the member (heartbeats as a quiet dot), so an election is visible at a glance.
import { memo } from 'react';
import type { EtcdMemberView } from '../../protocol/messages';
import { useUiState } from '../store/context';
import { selectEtcdMembers, selectEtcdRevision } from '../store/selectors';
import { Flash } from './Flash';
import { SIZES } from './layout';

export function roleLabel(m: EtcdMemberView): string {
  return m.stopped ? 'stopped' : m.role;
}

const MemberRow = memo(function MemberRow({ m }: { m: EtcdMemberView }) {
  const role = roleLabel(m);
  return (
    <li className={`etcd-member is-${role}`} data-member={m.id} style={{ height: SIZES.etcd.row }}
      aria-label={`${m.id}: ${role}, term ${m.term || '—'}, commit ${m.commit || '—'}, last index ${m.lastIndex || '—'}`}>
      <Flash id={m.id} />
      <span className="member-id">{m.id}</span>
      <span className="member-role">{role}</span>
      <span className="member-num">{m.term || '—'}</span>
      <span className="member-num">{m.lastIndex || '—'}</span>
      <span className="member-num">{m.commit || '—'}</span>
    </li>
  );
});

export function EtcdMembers() {
  const rev = useUiState(selectEtcdRevision);
  const members = useUiState(selectEtcdMembers);
  return (
    <>
      <div className="etcd-head" style={{ height: SIZES.etcd.head }}>
        <span className="box-title">etcd</span>
        <span className="box-sub">revision {rev || '—'}</span>
        {members.length > 0 && (
          <span className="etcd-cols" aria-hidden="true">
            <span>member</span>
            <span>role</span>
            <span>term</span>
            <span title="index of the last entry in the member's Raft log">index</span>
            <span>commit</span>
          </span>
        )}
      </div>
      <ul className="etcd-members" aria-label="etcd members">
        {members.map((m) => (
          <MemberRow key={m.id} m={m} />
        ))}
      </ul>
    </>
  );
}
