// Share, Export run, Import run and Reset: a compact row for the dark header (the last three are
// icons on screens narrower than 1500 px). The share link and any notice (a damaged link, a bad
// file) open in a small panel under the row.
import { useEffect, useRef, type ChangeEvent } from 'react';
import { useStore } from 'zustand';
import { useRunSession } from './context';
import { RunIcon } from './icons';
import { runFileText, RUN_FILE_NAME } from './run-file';
import './run.css';
import { useT } from '../../i18n/react';

export function RunMenu() {
  const session = useRunSession();
  const link = useStore(session.state, (s) => s.link);
  const notice = useStore(session.state, (s) => s.notice);
  const t = useT();
  const exportFile = async () => {
    const run = await session.exportRun();
    const url = URL.createObjectURL(new Blob([runFileText(run)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = RUN_FILE_NAME;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be picked again
    if (file) session.importRun(await file.text());
  };
  return (
    <div role="group" aria-label={t('run.group')} className="run-menu">
      <button type="button" className="btn" onClick={() => void session.share()} title={t('run.shareTitle')}>
        <RunIcon name="share" /> {t('run.share')}
      </button>
      <button type="button" className="btn" aria-label={t('run.export')} onClick={() => void exportFile()} title={t('run.exportTitle', { file: RUN_FILE_NAME })}>
        <RunIcon name="export" /> <span className="run-label">{t('run.exportShort')}</span>
      </button>
      <label className="btn run-import" title={t('run.importTitle')}>
        <RunIcon name="import" /> <span className="run-label">{t('run.importShort')}</span>
        <input type="file" accept=".json,application/json" aria-label={t('run.import')} onChange={(e) => void importFile(e)} />
      </label>
      <button type="button" className="btn" aria-label={t('run.reset')} onClick={session.reset} title={t('run.resetTitle')}>
        <RunIcon name="reset" /> <span className="run-label">{t('run.reset')}</span>
      </button>
      {link ? <ShareLink link={link} /> : notice ? <Notice text={notice} /> : null}
    </div>
  );
}

function ShareLink({ link }: { link: string }) {
  const session = useRunSession();
  const copied = useStore(session.state, (s) => s.copied);
  const t = useT();
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    box.current?.focus();
    box.current?.select();
  }, [link]);
  return (
    <div className="run-popover" onKeyDown={(e) => e.key === 'Escape' && session.closeLink()}>
      <input ref={box} className="run-link" readOnly aria-label={t('run.link')} value={link} onFocus={(e) => e.currentTarget.select()} />
      <span className="run-copied" role="status">{copied ? t('run.copied') : t('run.copy')}</span>
      <button type="button" className="run-close" aria-label={t('run.closeLink')} onClick={session.closeLink}>
        ×
      </button>
    </div>
  );
}

function Notice({ text }: { text: string }) {
  const session = useRunSession();
  const t = useT();
  return (
    <div className="run-popover is-error" role="alert">
      <span className="run-notice">{text}</span>
      <button type="button" className="run-close" aria-label={t('run.dismiss')} onClick={session.dismissNotice}>
        ×
      </button>
    </div>
  );
}
