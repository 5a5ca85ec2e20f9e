// Every played story event as a line (time, route, narration), newest at the bottom; background
// (ambient) traffic folded into one expandable line per run.
import { memo, useEffect, useRef, useState } from 'react';
import type { TraceEvent } from '../../protocol/messages';
import { narrate, useLocale } from '../i18n';
import { useUiState } from '../store/context';
import { selectLog, selectStoryCount } from '../store/selectors';
import type { LogEntry } from '../store/types';
import { formatClock } from '../time/time';
import './eventlog.css';
import { useT } from '../../i18n/react';

/** Rows kept in the DOM; older ones are dropped (the store keeps LOG_CAP entries). */
const RENDERED = 150;

/** `kubelet:node-1` → `kubelet/node-1`, `kube-apiserver` → `apiserver`: short enough for a column. */
export function shortComponent(id: string): string {
  return id.replace(/^kube-/, '').replace(':', '/');
}

const EventRow = memo(function EventRow({ e }: { e: TraceEvent }) {
  const locale = useLocale();
  const route = e.from === e.to ? shortComponent(e.from) : `${shortComponent(e.from)} → ${shortComponent(e.to)}`;
  return (
    <li className="log-event" data-type={e.type}>
      <span className="log-meta">
        <span className="log-time">{formatClock(e.t)}</span>
        <span className="log-route" title={route}>{route}</span>
      </span>
      <span className="log-text">{narrate(e, locale)}</span>
    </li>
  );
});

const AmbientRow = memo(function AmbientRow({ entry }: { entry: Extract<LogEntry, { kind: 'ambient' }> }) {
  const kinds = Object.entries(entry.types).sort((a, b) => b[1] - a[1]);
  const t = useT();
  return (
    <li className="log-ambient">
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

export function EventLog() {
  const all = useUiState(selectLog);
  const count = useUiState(selectStoryCount);
  const [showBackground, setShowBackground] = useState(false);
  const t = useT();
  const log = (showBackground ? all : all.filter((e) => e.kind === 'event')).slice(-RENDERED);
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const userInputAt = useRef(-Infinity);
  useEffect(() => {
    // scroll in the next frame: reading scrollHeight right after a commit forces a layout per batch
    const id = requestAnimationFrame(() => {
      const el = list.current;
      if (el && stick.current) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(id);
  }, [all, showBackground]);
  // Only the reader unsticks the log; rows growing, being dropped or clamped scroll it too.
  const onScroll = (el: HTMLOListElement) => {
    if (performance.now() - userInputAt.current > 1000) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  const onUserInput = () => {
    userInputAt.current = performance.now();
  };
  return (
    <section aria-label={t('eventlog.region')} className="panel eventlog">
      <div className="panel-head">
        <h2>{t('eventlog.title')}</h2>
        <BackgroundToggle shown={showBackground} onChange={setShowBackground} />
        <span className="panel-count" aria-label={t('eventlog.played')}>{t('eventlog.steps', { count })}</span>
      </div>
      <ol ref={list} className="log-list" tabIndex={0} onScroll={(ev) => onScroll(ev.currentTarget)}
        onWheel={onUserInput} onPointerDown={onUserInput} onKeyDown={onUserInput} onTouchStart={onUserInput}>
        {log.map((entry) => (entry.kind === 'event' ? <EventRow key={entry.id} e={entry.event} /> : <AmbientRow key={entry.id} entry={entry} />))}
      </ol>
    </section>
  );
}
