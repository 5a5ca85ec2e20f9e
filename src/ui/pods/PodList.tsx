// `kubectl get pods -o wide`, live: one row per played Pod; click a row to inspect it.
import { memo } from 'react';
import { useUiState } from '../store/context';
import { selectAgeNowMs, selectObject, selectPodKeys, selectSelect, selectSelectedKey } from '../store/selectors';
import { podRow, statusTone } from './pod-row';
import './pods.css';
import { useT } from '../../i18n/react';
import { MapPodRows, selectMapPodCount } from './MapPodRows';

const COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE', 'IP'] as const;
const MAX_ROWS = 300;

const PodRowView = memo(function PodRowView({ podKey }: { podKey: string }) {
  const pod = useUiState(selectObject(podKey));
  const nowMs = useUiState(selectAgeNowMs);
  const selected = useUiState(selectSelectedKey) === podKey;
  const select = useUiState(selectSelect);
  if (!pod) return null;
  const r = podRow(pod, nowMs);
  return (
    <tr className={selected ? 'is-selected' : undefined} tabIndex={0} aria-selected={selected}
      onClick={() => select(podKey)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && select(podKey)}>
      <td className="col-name">{r.name}</td>
      <td>{r.ready}</td>
      <td><span className={`status tone-${statusTone(r.status)}`}>{r.status}</span></td>
      <td>{r.restarts}</td>
      <td>{r.age}</td>
      <td>{r.node}</td>
      <td>{r.ip}</td>
    </tr>
  );
});

export function PodList() {
  const keys = useUiState(selectPodKeys);
  // a large cluster: rows from the map's compact cells (no Pod objects in the store)
  const mapCount = useUiState(selectMapPodCount);
  const count = mapCount >= 0 ? mapCount : keys.length;
  const t = useT();
  return (
    <section aria-label={t('pods.region')} className="panel pods-panel">
      <div className="panel-head">
        <h2>{t('pods.title')}</h2>
        <span className="panel-count">{count}</span>
        {count > MAX_ROWS && <span className="panel-note">{t('pods.capped', { shown: MAX_ROWS, total: count })}</span>}
      </div>
      <div className="table-wrap" tabIndex={0}>
        <table className="pod-table" aria-label={t('pods.table')}>
          <thead>
            <tr>{COLUMNS.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {mapCount >= 0 ? <MapPodRows max={MAX_ROWS} /> : keys.slice(0, MAX_ROWS).map((k) => <PodRowView key={k} podKey={k} />)}
          </tbody>
        </table>
        {count === 0 && <p className="empty">No resources found in default namespace.</p>}
      </div>
    </section>
  );
}
