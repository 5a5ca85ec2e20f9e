// Inside the etcd box: the store's revision and one row per Raft member (role, term, last log
// index, commit index — etcdctl endpoint status's RAFT TERM / RAFT INDEX), as the played trace shows them; a stopped member is greyed out. Rows flash when a raft
// message reaches the member (heartbeats as a quiet dot), so an election is visible at a glance.
import { memo } from 'react';
import type { EtcdMemberView } from '../../protocol/messages';
import { useUiState } from '../store/context';
import { selectEtcdMembers, selectEtcdRevision } from '../store/selectors';
import { Flash } from './Flash';
import { SIZES } from './layout';
import { useT } from '../../i18n/react';

export function roleLabel(m: EtcdMemberView): string {
  return m.stopped ? 'stopped' : m.role;
}

const MemberRow = memo(function MemberRow({ m }: { m: EtcdMemberView }) {
  const role = roleLabel(m);
  const t = useT();
  const roleName = t('etcd.roleName', { role: role.replace('-', '') });
  return (
    <li className={`etcd-member is-${role}`} data-member={m.id} style={{ height: SIZES.etcd.row }}
      aria-label={t('etcd.memberLabel', { id: m.id, role: roleName, term: m.term || '—', commit: m.commit || '—', last: m.lastIndex || '—' })}>
      <Flash id={m.id} />
      <span className="member-id">{m.id}</span>
      <span className="member-role">{roleName}</span>
      <span className="member-num">{m.term || '—'}</span>
      <span className="member-num">{m.lastIndex || '—'}</span>
      <span className="member-num">{m.commit || '—'}</span>
    </li>
  );
});

export function EtcdMembers() {
  const rev = useUiState(selectEtcdRevision);
  const members = useUiState(selectEtcdMembers);
  const t = useT();
  return (
    <>
      <div className="etcd-head" style={{ height: SIZES.etcd.head }}>
        <span className="box-title">etcd</span>
        <span className="box-sub">{t('etcd.revision', { rev: rev || '—' })}</span>
        {members.length > 0 && (
          <span className="etcd-cols" aria-hidden="true">
            <span>{t('etcd.member')}</span>
            <span>{t('etcd.role')}</span>
            <span>{t('etcd.term')}</span>
            <span title={t('etcd.indexTitle')}>{t('etcd.index')}</span>
            <span>{t('etcd.commit')}</span>
          </span>
        )}
      </div>
      <ul className="etcd-members" aria-label={t('etcd.members')}>
        {members.map((m) => (
          <MemberRow key={m.id} m={m} />
        ))}
      </ul>
    </>
  );
}
