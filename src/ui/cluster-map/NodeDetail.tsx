// A node of the map opened: drawn as the small diagram draws a worker node (its kubelet, its
// container runtime, its pods as chips). The first paint comes from the map's compact row (no
// round trip); the pods' whole objects follow (MAP_FOCUS) and their chips gain container marks.
import { useEffect, useRef } from 'react';
import { nodeStatusWord, type NodeRow, type PodCell } from '../../folds/cluster-map';
import { useT } from '../../i18n/react';
import { Agent } from '../diagram/WorkerNode';
import { PodChip } from '../diagram/PodChip';
import { statusTone } from '../pods/pod-row';
import { useUiState } from '../store/context';
import { selectSelect, selectSelectedKey } from '../store/selectors';
import { BAR } from './palette';

const GI = 1024 ** 3;
const MI = 1024 ** 2;
export const cpu = (m: number) => (m % 1000 === 0 ? String(m / 1000) : `${m}m`);
export const mem = (b: number) => (b >= GI && b % GI === 0 ? `${b / GI}Gi` : `${Math.round(b / MI)}Mi`);
const pct = (a: number, b: number) => (b > 0 ? Math.round((100 * a) / b) : 0);

/** A pod chip from the compact cell, until the whole pod has arrived (same look as PodChip). */
function CellChip({ cell }: { cell: PodCell }) {
  const selected = useUiState(selectSelectedKey) === cell.key;
  const select = useUiState(selectSelect);
  return (
    <button type="button" className={`pod-chip tone-${statusTone(cell.status)}${selected ? ' is-selected' : ''}`} aria-pressed={selected} onClick={() => select(cell.key)}>
      <span className="sr-only">Pod </span>
      <span className="pod-name">{cell.name}</span>
      <span className="sr-only">:</span> <span className="pod-status">{cell.status}</span>
    </button>
  );
}

function Chip({ cell }: { cell: PodCell }) {
  const whole = useUiState((s) => s.objects.has(cell.key));
  return whole ? <PodChip podKey={cell.key} /> : <CellChip cell={cell} />;
}

function Usage({ row }: { row: NodeRow }) {
  const t = useT();
  const lines = [
    { id: 'cpu', label: t('map.cpu'), used: row.reqCpuMilli, of: row.allocCpuMilli, text: `${cpu(row.reqCpuMilli)} / ${cpu(row.allocCpuMilli)}`, color: BAR.cpu },
    { id: 'memory', label: t('map.memory'), used: row.reqMemBytes, of: row.allocMemBytes, text: `${mem(row.reqMemBytes)} / ${mem(row.allocMemBytes)}`, color: BAR.memory },
    { id: 'pods', label: t('map.pods'), used: row.pods.length, of: row.allocPods, text: `${row.pods.length} / ${row.allocPods}`, color: '#475569' },
  ];
  return (
    <dl className="map-usage" aria-label={t('map.requests')}>
      {lines.map((l) => (
        <div key={l.id}>
          <dt>{l.label}</dt>
          <dd>
            <span className="map-bar" aria-hidden="true"><span style={{ width: `${Math.min(100, pct(l.used, l.of))}%`, background: l.color }} /></span>
            {l.text} ({pct(l.used, l.of)}%)
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function NodeDetail({ name, onClose }: { name: string; onClose: () => void }) {
  const row = useUiState((s) => s.mapRows.get(name));
  const t = useT();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), [name]);
  const status = row ? nodeStatusWord(row) : 'Unknown';
  return (
    <div role="dialog" aria-label={t('map.detail', { name })} className="map-detail" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className={`box worker${row?.ready === 'True' ? '' : ' is-not-ready'}`} data-component={`node:${name}`}>
        <div className="node-header">
          <span className={`ready-dot${row?.ready === 'True' ? '' : ' is-off'}`} aria-hidden="true" />
          <span className="box-title">{name}</span>
          <span className={`node-status tone-${row?.ready === 'True' && !row.unschedulable ? 'ok' : 'error'}`}>{status}</span>
          <button ref={close} type="button" className="btn map-close" onClick={onClose} aria-label={t('map.close')} title={t('map.close')}>×</button>
        </div>
        <div className="agents">
          <Agent id={`kubelet:${name}`} label="kubelet" />
          <Agent id={`runtime:${name}`} label={t('worker.runtime')} />
        </div>
        {row && <Usage row={row} />}
        {row?.pods.length ? (
          <div className="pods map-pods">
            {row.pods.map((c) => <Chip key={c.key} cell={c} />)}
          </div>
        ) : (
          <div className="pods is-empty">{t('worker.noPods')}</div>
        )}
      </div>
    </div>
  );
}
