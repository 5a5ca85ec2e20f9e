// `kubectl get pods -o wide`, live: one row per played Pod; click a row to inspect it.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useUiState } from '../store/context';
import { selectAgeNowMs, selectObject, selectPodKeys, selectSelect, selectSelectedKey } from '../store/selectors';
import { podRow, statusTone } from './pod-row';
import './pods.css';
import { useT } from '../../i18n/react';
import { MapPodRows, selectMapPodCount } from './MapPodRows';
import { ROW_ESTIMATE_PX, rowWindow } from './row-window';

const COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE', 'IP'] as const;
const MAX_ROWS = 300;

const PodRowView = memo(function PodRowView({ podKey, index }: { podKey: string; index: number }) {
  const pod = useUiState(selectObject(podKey));
  const nowMs = useUiState(selectAgeNowMs);
  const selected = useUiState(selectSelectedKey) === podKey;
  const select = useUiState(selectSelect);
  if (!pod) return null;
  const r = podRow(pod, nowMs);
  return (
    <tr className={selected ? 'is-selected' : undefined} tabIndex={0} aria-selected={selected} aria-rowindex={index}
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
  // a virtual list: the rows within a screenful of the scroll position (row-window.ts); the spacers
  // keep the scrollbar the length of every listed row
  const shown = Math.min(count, MAX_ROWS);
  const wrap = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const [rowPx, setRowPx] = useState(ROW_ESTIMATE_PX);
  const [from, to] = rowWindow(shown, rowPx, viewport, scrollTop);
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // a row's height as drawn (the font may be scaled): measured once rows exist, kept when unchanged
  useLayoutEffect(() => {
    const row = wrap.current?.querySelector<HTMLElement>('tbody tr[aria-rowindex]');
    if (row && Math.abs(row.offsetHeight - rowPx) >= 0.5) setRowPx(row.offsetHeight);
  });
  const spacer = (rows: number, key: string) => rows > 0 && (
    <tr key={key} className="pod-spacer" aria-hidden="true"><td colSpan={COLUMNS.length} style={{ height: rows * rowPx }} /></tr>
  );
  return (
    <section aria-label={t('pods.region')} className="panel pods-panel">
      <div className="panel-head">
        <h2>{t('pods.title')}</h2>
        <span className="panel-count">{count}</span>
        {count > MAX_ROWS && <span className="panel-note">{t('pods.capped', { shown: MAX_ROWS, total: count })}</span>}
      </div>
      <div className="table-wrap" tabIndex={0} ref={wrap} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <table className="pod-table" aria-label={t('pods.table')} aria-rowcount={shown + 1}>
          <thead>
            <tr aria-rowindex={1}>{COLUMNS.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {spacer(from, 'above')}
            {mapCount >= 0
              ? <MapPodRows from={from} to={to} rowIndex={from + 2} />
              : keys.slice(from, Math.min(to, MAX_ROWS)).map((k, i) => <PodRowView key={k} podKey={k} index={from + i + 2} />)}
            {spacer(shown - to, 'below')}
          </tbody>
        </table>
        {count === 0 && <p className="empty">No resources found in default namespace.</p>}
      </div>
    </section>
  );
}
