// A control-plane component box. The scheduler shows its stages, lit by the latest event it
// handled (the apiserver's stages have their own box below it, PipelineNode); etcd shows its
// revision and members; the scheduler its waiting pods.
import type { Node, NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useUiState } from '../store/context';
import { selectUnscheduled } from '../store/selectors';
import { EtcdMembers } from './EtcdMembers';
import { Flash, useLatestType } from './Flash';
import type { BoxData } from './flow';
import { Handles } from './Handles';
import { PodChip } from './PodChip';
import type { MessageKey } from '../../i18n';
import { useT } from '../../i18n/react';

const TITLES: Record<string, [string, MessageKey | '']> = {
  kubectl: ['kubectl', 'diagram.sub.kubectl'],
  'kube-apiserver': ['kube-apiserver', 'diagram.sub.kube-apiserver'],
  etcd: ['etcd', ''],
  'controller-manager': ['controller-manager', 'diagram.sub.controller-manager'],
  scheduler: ['kube-scheduler', ''],
};

const SCHED_STAGES: Array<[string, MessageKey]> = [
  ['scheduler.filter', 'diagram.stage.filter'],
  ['scheduler.score', 'diagram.stage.score'],
  ['scheduler.decision', 'diagram.stage.bind'],
];

function Stages({ id, stages }: { id: string; stages: Array<[string, MessageKey]> }) {
  const latest = useLatestType(id);
  const t = useT();
  return (
    <span className="stages">
      {stages.map(([type, label]) => (
        <span key={type} className={`stage${latest === type ? ' is-on' : ''}`}>
          {t(label)}
        </span>
      ))}
    </span>
  );
}

function SchedulerQueue() {
  const waiting = useUiState(selectUnscheduled);
  const t = useT();
  if (!waiting?.length) return null;
  return (
    <div className="queue" aria-label={t('diagram.unscheduled')}>
      {waiting.slice(0, 2).map((k) => (
        <PodChip key={k} podKey={k} compact />
      ))}
      {waiting.length > 2 && <span className="more">+{waiting.length - 2}</span>}
    </div>
  );
}

export const ControlNode = memo(function ControlNode({ id }: NodeProps<Node<BoxData>>) {
  const [title, sub] = TITLES[id] ?? [id, ''];
  const t = useT();
  if (id === 'etcd') {
    return (
      <div className="box control is-etcd" data-component={id} role="group" aria-label="etcd">
        <Flash id={id} />
        <Handles />
        <EtcdMembers />
      </div>
    );
  }
  return (
    <div className={`box control is-${id}`} data-component={id}>
      <Flash id={id} />
      <Handles />
      <span className="box-title">{title}</span>
      {sub && <span className="box-sub">{t(sub)}</span>}
      {id === 'scheduler' && <Stages id={id} stages={SCHED_STAGES} />}
      {id === 'scheduler' && <SchedulerQueue />}
    </div>
  );
});
