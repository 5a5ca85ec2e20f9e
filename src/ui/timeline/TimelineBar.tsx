// Play / Pause / Step, speed, pacing, cluster size and the virtual clock.
import type { Pacing } from '../../protocol/messages';
import { useBridge, useUiState } from '../store/context';
import { selectClock, selectNodeCount } from '../store/selectors';
import { Clock } from './Clock';
import { Icon } from './icons';
import { useT } from '../../i18n/react';

export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50] as const;
const NODE_COUNTS = [1, 3, 5, 12, 100, 1000] as const;

export function TimelineBar() {
  const clock = useUiState(selectClock);
  const nodeCount = useUiState(selectNodeCount);
  const bridge = useBridge();
  const t = useT();
  return (
    <div role="toolbar" aria-label={t('timeline.toolbar')} className="timeline">
      <button type="button" className="btn" aria-pressed={clock.playing} onClick={() => bridge.send({ type: 'PLAY' })}>
        <Icon name="play" /> <span>{t('timeline.play')}</span>
      </button>
      <button type="button" className="btn" aria-pressed={!clock.playing} onClick={() => bridge.send({ type: 'PAUSE' })}>
        <Icon name="pause" /> <span>{t('timeline.pause')}</span>
      </button>
      <button type="button" className="btn" onClick={() => bridge.send({ type: 'STEP' })} title={t('timeline.stepTitle')}>
        <Icon name="step" /> <span>{t('timeline.step')}</span>
      </button>
      <label className="field">
        {t('timeline.speed')}
        <select value={String(clock.speed)} onChange={(e) => bridge.send({ type: 'SET_SPEED', speed: Number(e.target.value) })}>
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>{`${s}×`}</option>
          ))}
        </select>
      </label>
      <PacingSwitch pacing={clock.pacing} onChange={(pacing) => bridge.send({ type: 'SET_PACING', pacing })} />
      <label className="field">
        {t('timeline.nodes')}
        <select value={String(nodeCount)} onChange={(e) => bridge.send({ type: 'RESET', nodes: Number(e.target.value) })}>
          {[...new Set([...NODE_COUNTS, nodeCount])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={String(n)}>{n}</option>
          ))}
        </select>
      </label>
      <Clock />
    </div>
  );
}

function PacingSwitch({ pacing, onChange }: { pacing: Pacing; onChange: (p: Pacing) => void }) {
  const t = useT();
  const options: Array<[Pacing, string]> = [
    ['story', t('timeline.pacing.story')],
    ['realtime', t('timeline.pacing.realtime')],
  ];
  return (
    <div role="radiogroup" aria-label={t('timeline.pacing')} className="segmented">
      {options.map(([value, label]) => (
        <button key={value} type="button" role="radio" aria-checked={pacing === value} onClick={() => onChange(value)}>
          {label}
        </button>
      ))}
    </div>
  );
}
