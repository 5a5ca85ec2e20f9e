// The sentence for the latest story event: what a learner should read right now.
import { useLocale, narrate } from '../i18n';
import { useUiState } from '../store/context';
import { selectLastStory, selectReady, selectWorkerError } from '../store/selectors';
import { formatClock } from '../time/time';
import { useT } from '../../i18n/react';

export function NarrationLine() {
  const e = useUiState(selectLastStory);
  const ready = useUiState(selectReady);
  const error = useUiState(selectWorkerError);
  const locale = useLocale();
  const t = useT();
  if (error) {
    return (
      <p className="narration is-error" role="alert">
        {error}
      </p>
    );
  }
  return (
    <p className="narration" role="status" aria-live="polite" aria-atomic="true" aria-label={t('narration.label')}>
      {e ? (
        <>
          <span className="narration-time">{formatClock(e.t)}</span>
          <span key={e.seq} className="narration-text">{narrate(e, locale)}</span>
        </>
      ) : (
        <span className="narration-text">{ready ? t('narration.ready') : t('narration.starting')}</span>
      )}
    </p>
  );
}
