// The virtual clock. A fast-forward shows as a badge with the skipped span, restarted per jump.
import { useUiState } from '../store/context';
import { selectClock, selectJump } from '../store/selectors';
import { formatClock, formatSpan } from '../time/time';
import { Icon } from './icons';

export function Clock() {
  const clock = useUiState(selectClock);
  const jump = useUiState(selectJump);
  return (
    <div className="clock-wrap">
      <output aria-label="Virtual clock" className={`clock${clock.fastForward ? ' is-jumping' : ''}`}>
        t = {formatClock(clock.nowMs)}
      </output>
      {jump && (
        <span key={jump.n} className="jump-badge" aria-live="off" title="Idle virtual time was fast-forwarded">
          <Icon name="fastForward" /> +{formatSpan(jump.toMs - jump.fromMs)}
        </span>
      )}
    </div>
  );
}
