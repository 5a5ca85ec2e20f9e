// The virtual clock. A fast-forward shows as a badge with the skipped span, restarted per jump.
import { useUiState } from '../store/context';
import { selectClock, selectJump } from '../store/selectors';
import { formatClock, formatSpan } from '../time/time';
import { Icon } from './icons';
import { useT } from '../../i18n/react';

export function Clock() {
  const clock = useUiState(selectClock);
  const jump = useUiState(selectJump);
  const t = useT();
  return (
    <div className="clock-wrap">
      <output aria-label={t('timeline.clock')} className={`clock${clock.fastForward ? ' is-jumping' : ''}`}>
        t = {formatClock(clock.nowMs)}
      </output>
      {jump && (
        <span key={jump.n} className="jump-badge" aria-live="off" title={t('timeline.jumpTitle')}>
          <Icon name="fastForward" /> +{formatSpan(jump.toMs - jump.fromMs)}
        </span>
      )}
    </div>
  );
}
