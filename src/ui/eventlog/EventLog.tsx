// Every played story event as a line (time, route, narration), newest at the bottom; background
// (ambient) traffic folded into one expandable line per run.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LOG_CAP } from '../../folds/trace';
import { ESTIMATE_PX, visibleRange } from './virtual';
import type { TraceEvent } from '../../protocol/messages';
import { narrate, useLocale } from '../i18n';
import { useUiState } from '../store/context';
import { selectLog, selectStoryCount } from '../store/selectors';
import type { LogEntry } from '../store/types';
import { formatClock } from '../time/time';
import './eventlog.css';
import { useT } from '../../i18n/react';

/** `kubelet:node-1` → `kubelet/node-1`, `kube-apiserver` → `apiserver`: short enough for a column. */
export function shortComponent(id: string): string {
  return id.replace(/^kube-/, '').replace(':', '/');
}

interface RowPlace {
  /** 1-based place in the whole log, and its length: the list is virtual, so they are told (ARIA) */
  pos: number;
  size: number;
  latest: boolean;
}

const EventRow = memo(function EventRow({ e, pos, size, latest }: { e: TraceEvent } & RowPlace) {
  const locale = useLocale();
  const route = e.from === e.to ? shortComponent(e.from) : `${shortComponent(e.from)} → ${shortComponent(e.to)}`;
  // the place props change as lines come and go; the sentence only with the event or the language
  const text = useMemo(() => narrate(e, locale), [e, locale]);
  return (
    <li className={latest ? 'log-event is-latest' : 'log-event'} data-type={e.type} aria-posinset={pos} aria-setsize={size}>
      <span className="log-meta">
        <span className="log-time">{formatClock(e.t)}</span>
        <span className="log-route" title={route}>{route}</span>
      </span>
      <span className="log-text">{text}</span>
    </li>
  );
});

const AmbientRow = memo(function AmbientRow({ entry, pos, size }: { entry: Extract<LogEntry, { kind: 'ambient' }> } & RowPlace) {
  const kinds = Object.entries(entry.types).sort((a, b) => b[1] - a[1]);
  const t = useT();
  return (
    <li className="log-ambient" aria-posinset={pos} aria-setsize={size}>
      <details>
        <summary>
          {t('eventlog.backgroundRun', { count: entry.count, from: formatClock(entry.firstT), to: formatClock(entry.lastT) })}
        </summary>
        <span className="log-kinds">{kinds.map(([k, n]) => `${k} ×${n}`).join(' · ')}</span>
      </details>
    </li>
  );
});

/** Background traffic is hidden by default (DESIGN.md: folded); the toggle shows its folded runs. */
function BackgroundToggle({ shown, onChange }: { shown: boolean; onChange(v: boolean): void }) {
  const log = useUiState(selectLog);
  const n = log.reduce((sum, e) => sum + (e.kind === 'ambient' ? e.count : 0), 0);
  const t = useT();
  return (
    <label className="bg-toggle" title={t('eventlog.backgroundTitle')}>
      <input type="checkbox" checked={shown} onChange={(e) => onChange(e.target.checked)} />
      {t('eventlog.background', { count: n })}
    </label>
  );
}

/** The played-steps counter, on its own: it changes with every batch, and re-rendering the list for
 * it measured every row (a forced layout per frame on a large cluster's busy page). */
function StepCount() {
  const count = useUiState(selectStoryCount);
  const t = useT();
  return <span className="panel-count" aria-label={t('eventlog.played')}>{t('eventlog.steps', { count })}</span>;
}

export function EventLog() {
  const all = useUiState(selectLog);
  const [showBackground, setShowBackground] = useState(false);
  const t = useT();
  const log = useMemo(() => (showBackground ? all : all.filter((e) => e.kind === 'event')), [all, showBackground]);
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const userInputAt = useRef(-Infinity);
  /** measured row heights by entry id (rows not rendered yet count as the average of the measured) */
  const measured = useRef(new Map<string, number>());
  const [viewport, setViewport] = useState(400);
  const [scrollTop, setScrollTop] = useState(0);
  const known = measured.current;
  let sum = 0;
  for (const h of known.values()) sum += h;
  const estimate = known.size > 0 ? sum / known.size : ESTIMATE_PX;
  const heights = log.map((e) => known.get(e.id) ?? estimate);
  const [start, end] = visibleRange(heights, viewport, scrollTop, stick.current);
  let above = 0;
  for (let i = 0; i < start; i++) above += heights[i];
  let below = 0;
  for (let i = end; i < heights.length; i++) below += heights[i];
  // after the commit, before the paint: measure what was rendered, keep the newest line in view
  // (one layout, which the frame needs anyway; nothing is written after it but the scroll offset)
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const rows = el.children;
    for (let i = 0; i < rows.length && start + i < log.length; i++) known.set(log[start + i].id, (rows[i] as HTMLElement).offsetHeight);
    if (known.size > 4 * LOG_CAP) for (const id of [...known.keys()].slice(0, known.size - 2 * LOG_CAP)) known.delete(id);
    if (stick.current) {
      const bottom = el.scrollHeight - el.clientHeight;
      if (Math.abs(el.scrollTop - bottom) > 1) el.scrollTop = bottom;
    }
  });
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Only the reader unsticks the log; rows growing, being dropped or clamped scroll it too.
  const onScroll = (el: HTMLOListElement) => {
    if (performance.now() - userInputAt.current <= 1000) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (!stick.current) setScrollTop(el.scrollTop);
  };
  const onUserInput = () => {
    userInputAt.current = performance.now();
  };
  const size = log.length;
  return (
    <section aria-label={t('eventlog.region')} className="panel eventlog">
      <div className="panel-head">
        <h2>{t('eventlog.title')}</h2>
        <BackgroundToggle shown={showBackground} onChange={setShowBackground} />
        <StepCount />
      </div>
      <ol ref={list} className="log-list" tabIndex={0} style={{ '--above': `${above}px`, '--below': `${below}px` } as React.CSSProperties} onScroll={(ev) => onScroll(ev.currentTarget)}
        onWheel={onUserInput} onPointerDown={onUserInput} onKeyDown={onUserInput} onTouchStart={onUserInput}>
        {log.slice(start, end).map((entry, i) => {
          const pos = start + i + 1;
          return entry.kind === 'event'
            ? <EventRow key={entry.id} e={entry.event} pos={pos} size={size} latest={pos === size} />
            : <AmbientRow key={entry.id} entry={entry} pos={pos} size={size} latest={pos === size} />;
        })}
      </ol>
    </section>
  );
}
