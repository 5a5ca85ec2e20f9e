// The header's Presenter mode button (also P) and the Reduce motion setting. In presenter mode the
// app's root gets `is-presenter` (App.tsx) and presenter.css folds the panels away.
import { useT } from '../../i18n/react';
import { useServices, useUiState } from '../store/context';
import { leaveFullscreen, usePresenterKeys } from './usePresenterKeys';
import './presenter.css';

export function PresenterControls() {
  usePresenterKeys();
  const t = useT();
  const { store } = useServices();
  const presenter = useUiState((s) => s.presenter);
  const reduceMotion = useUiState((s) => s.reduceMotion);
  const togglePresenter = () => {
    if (presenter) leaveFullscreen();
    store.getState().setPresenter(!presenter);
  };
  return (
    <div role="group" aria-label={t('presenter.group')} className="presenter-controls">
      <button type="button" className="btn presenter-toggle" aria-pressed={presenter} onClick={togglePresenter}
        aria-keyshortcuts="P" title={presenter ? t('presenter.leaveHint') : t('presenter.enterHint')}>
        <PresenterIcon /> <span>{t('presenter.button')}</span>
      </button>
      <button type="button" className="btn motion-toggle" aria-pressed={reduceMotion}
        onClick={() => store.getState().setReduceMotion(!reduceMotion)} title={t('presenter.reduceMotionHint')}>
        <span>{t('presenter.reduceMotion')}</span>
      </button>
      {presenter && <p className="presenter-keys" aria-hidden="true">{t('presenter.keys')}</p>}
    </div>
  );
}

function PresenterIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M1 2h14v9H9v2h3v1.5H4V13h3v-2H1V2zm1.5 1.5v6h11v-6h-11z" />
    </svg>
  );
}
