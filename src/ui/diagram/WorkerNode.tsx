// A worker node: its kubelet, its container runtime and the pods bound to it. Two densities:
// full (≤4 nodes) and compact (≤12); above that the pool takes over (PoolNode).
import type { Node, NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { KubeObject } from '../../protocol/messages';
import { useUiState } from '../store/context';
import { selectObject } from '../store/selectors';
import { Flash } from './Flash';
import type { BoxData } from './flow';
import { Handles } from './Handles';
import { useT } from '../../i18n/react';
import { PodChip } from './PodChip';

const MAX_CHIPS = { full: 3, compact: 3, pool: 0 } as const;

interface NodeStatus {
  capacity?: Record<string, string>;
  conditions?: Array<{ type: string; status: string }>;
}

export function nodeSummary(node: KubeObject | undefined): { ready: boolean | null; capacity: string } {
  const st = (node?.status ?? {}) as NodeStatus;
  const ready = st.conditions?.find((c) => c.type === 'Ready');
  const cpu = st.capacity?.cpu;
  const mem = st.capacity?.memory;
  return {
    ready: ready ? ready.status === 'True' : null,
    capacity: [cpu && `${cpu} CPU`, mem && mem.replace(/i$/, 'iB')].filter(Boolean).join(' · '),
  };
}

function NodeHeader({ name, compact }: { name: string; compact: boolean }) {
  const node = useUiState(selectObject(`Node//${name}`));
  const { ready, capacity } = nodeSummary(node);
  return (
    <div className="node-header">
      <span className={`ready-dot${ready === false ? ' is-off' : ''}`} title={ready === false ? 'NotReady' : 'Ready'} />
      <span className="box-title">{name}</span>
      {!compact && capacity && <span className="node-cap">{capacity}</span>}
    </div>
  );
}

export function Agent({ id, label }: { id: string; label: string }) {
  return (
    <div className="agent" data-component={id}>
      <Flash id={id} />
      <span className="agent-icon" aria-hidden="true" />
      {label}
    </div>
  );
}

function Pods({ name, density }: { name: string; density: BoxData['density'] }) {
  // joined: a seek rebuilds the store's arrays, and equal pods should not re-render
  const joined = useUiState((s) => s.podKeysByNode[name]?.join('\n') ?? '');
  const keys = useMemo(() => (joined ? joined.split('\n') : []), [joined]);
  const t = useT();
  if (!keys?.length) return <div className="pods is-empty">{t('worker.noPods')}</div>;
  const max = MAX_CHIPS[density];
  return (
    <div className="pods">
      {keys.slice(0, max).map((k) => (
        <PodChip key={k} podKey={k} compact={density !== 'full'} />
      ))}
      {keys.length > max && <span className="more">{t('worker.more', { count: keys.length - max })}</span>}
    </div>
  );
}

export const WorkerNode = memo(function WorkerNode({ data }: NodeProps<Node<BoxData>>) {
  const compact = data.density !== 'full';
  const t = useT();
  return (
    <div className={`box worker${compact ? ' is-compact' : ''}`} data-component={`node:${data.name}`}>
      <Handles />
      <NodeHeader name={data.name} compact={compact} />
      <div className="agents">
        <Agent id={`kubelet:${data.name}`} label="kubelet" />
        <Agent id={`runtime:${data.name}`} label={compact ? t('worker.runtimeShort') : t('worker.runtime')} />
      </div>
      <Pods name={data.name} density={data.density} />
    </div>
  );
});
