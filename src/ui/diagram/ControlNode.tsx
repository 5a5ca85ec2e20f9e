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

const TITLES: Record<string, [string, string]> = {
  kubectl: ['kubectl', 'client'],
  'kube-apiserver': ['kube-apiserver', 'request pipeline ↓'],
  etcd: ['etcd', ''],
  'controller-manager': ['controller-manager', 'reconcile loops'],
  scheduler: ['kube-scheduler', ''],
};

const SCHED_STAGES: Array<[string, string]> = [
  ['scheduler.filter', 'filter'],
  ['scheduler.score', 'score'],
  ['scheduler.decision', 'bind'],
];

function Stages({ id, stages }: { id: string; stages: Array<[string, string]> }) {
  const latest = useLatestType(id);
  return (
    <span className="stages">
      {stages.map(([type, label]) => (
        <span key={type} className={`stage${latest === type ? ' is-on' : ''}`}>
          {label}
        </span>
      ))}
    </span>
  );
}

function SchedulerQueue() {
  const waiting = useUiState(selectUnscheduled);
  if (!waiting?.length) return null;
  return (
    <div className="queue" aria-label="Unscheduled pods">
      {waiting.slice(0, 2).map((k) => (
        <PodChip key={k} podKey={k} compact />
      ))}
      {waiting.length > 2 && <span className="more">+{waiting.length - 2}</span>}
    </div>
  );
}

export const ControlNode = memo(function ControlNode({ id }: NodeProps<Node<BoxData>>) {
  const [title, sub] = TITLES[id] ?? [id, ''];
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
      {sub && <span className="box-sub">{sub}</span>}
      {id === 'scheduler' && <Stages id={id} stages={SCHED_STAGES} />}
      {id === 'scheduler' && <SchedulerQueue />}
    </div>
  );
});
