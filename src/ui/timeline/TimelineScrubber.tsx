// The run's timeline under the header: Step back, a slider whose value is the trace position (drag,
// arrows, Home/End seek), marks for user actions and failures, and the way back after a fork.
import { useEffect, useRef, useState } from 'react';
import { useBridge, useUiState } from '../store/context';
import { selectClock, selectTimeline } from '../store/selectors';
import { formatClock } from '../time/time';
import { Icon } from './icons';
import { useT } from '../../i18n/react';

/** Seeks while dragging go out at most once a frame: the worker answers each with every view. */
function useFrameThrottle(send: (seq: number) => void): (seq: number) => void {
  const latest = useRef<number | null>(null);
  const scheduled = useRef(false);
  return (seq: number) => {
    latest.current = seq;
    if (scheduled.current) return;
    scheduled.current = true;
    requestAnimationFrame(() => {
      scheduled.current = false;
      if (latest.current !== null) send(latest.current);
      latest.current = null;
    });
  };
}

function isTyping(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable || !!el.closest('.monaco-editor');
}

export function TimelineScrubber() {
  const bridge = useBridge();
  const timeline = useUiState(selectTimeline);
  const clock = useUiState(selectClock);
  const t = useT();
  const [dragging, setDragging] = useState<number | null>(null);
  const seek = useFrameThrottle((seq) => bridge.send({ type: 'SEEK', seq }));
  const max = Math.max(0, timeline.length - 1);
  const value = dragging ?? Math.max(0, timeline.position);

  // ← / → step one story event back or forward, anywhere but in a text field or the editor
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(document.activeElement)) return;
      if (e.key === 'ArrowLeft') bridge.send({ type: 'STEP_BACK' });
      else if (e.key === 'ArrowRight') bridge.send({ type: 'STEP' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge]);

  const pct = (seq: number) => (max > 0 ? (seq / max) * 100 : 0);
  return (
    <div className="scrubber" role="group" aria-label={t('timeline.run')}>
      <button type="button" className="btn" onClick={() => bridge.send({ type: 'STEP_BACK' })} disabled={timeline.position <= 0} title={t('timeline.stepBackTitle')}>
        <Icon name="stepBack" /> <span>{t('timeline.stepBack')}</span>
      </button>
      <div className="scrubber-track">
        <div className="scrubber-marks" aria-hidden="true">
          {timeline.marks.map((m) => (
            <span key={`${m.kind}${m.seq}`} className={`scrubber-mark is-${m.kind}`} style={{ left: `${pct(m.seq)}%` }} title={m.label} />
          ))}
        </div>
        <input
          type="range"
          aria-label={t('timeline.slider')}
          aria-valuetext={t('timeline.sliderValue', { n: value + 1, total: max + 1, time: formatClock(clock.nowMs) })}
          min={0}
          max={max}
          step={1}
          value={value}
          onChange={(e) => {
            const seq = Number(e.target.value);
            setDragging(seq);
            seek(seq);
          }}
          onPointerUp={() => setDragging(null)}
          onKeyUp={() => setDragging(null)}
          onBlur={() => setDragging(null)}
        />
      </div>
      <output className="scrubber-pos" aria-label={t('timeline.position')}>
        {value + 1} / {max + 1}
      </output>
      {timeline.branch && (
        <button type="button" className="btn" onClick={() => bridge.send({ type: 'RETURN_TO_BRANCH' })} title={timeline.branch.nodes ? t('timeline.returnNodes', { nodes: timeline.branch.nodes }) : t('timeline.returnFork', { seq: timeline.branch.forkSeq })}>
          <Icon name="undo" /> <span>{t('timeline.return')}</span>
        </button>
      )}
    </div>
  );
}
