// Share, Export run, Import run and Reset: a compact row for the dark header (the last three are
// icons on screens narrower than 1500 px). The share link and any notice (a damaged link, a bad
// file) open in a small panel under the row.
import { useEffect, useRef, type ChangeEvent } from 'react';
import { useStore } from 'zustand';
import { useRunSession } from './context';
import { RunIcon } from './icons';
import { runFileText, RUN_FILE_NAME } from './run-file';
import './run.css';

export function RunMenu() {
  const session = useRunSession();
  const link = useStore(session.state, (s) => s.link);
  const notice = useStore(session.state, (s) => s.notice);
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
    <div role="group" aria-label="Run" className="run-menu">
      <button type="button" className="btn" onClick={() => void session.share()} title="A link to this run at this moment">
        <RunIcon name="share" /> Share
      </button>
      <button type="button" className="btn" aria-label="Export run" onClick={() => void exportFile()} title={`Export run: download it as ${RUN_FILE_NAME}`}>
        <RunIcon name="export" /> <span className="run-label">Export</span>
      </button>
      <label className="btn run-import" title="Import run: open a run exported as JSON">
        <RunIcon name="import" /> <span className="run-label">Import</span>
        <input type="file" accept=".json,application/json" aria-label="Import run" onChange={(e) => void importFile(e)} />
      </label>
      <button type="button" className="btn" aria-label="Reset" onClick={session.reset} title="Reset: forget the saved manifest and run, start a new cluster">
        <RunIcon name="reset" /> <span className="run-label">Reset</span>
      </button>
      {link ? <ShareLink link={link} /> : notice ? <Notice text={notice} /> : null}
    </div>
  );
}

function ShareLink({ link }: { link: string }) {
  const session = useRunSession();
  const copied = useStore(session.state, (s) => s.copied);
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    box.current?.focus();
    box.current?.select();
  }, [link]);
  return (
    <div className="run-popover" onKeyDown={(e) => e.key === 'Escape' && session.closeLink()}>
      <input ref={box} className="run-link" readOnly aria-label="Share link" value={link} onFocus={(e) => e.currentTarget.select()} />
      <span className="run-copied" role="status">{copied ? 'Copied' : 'Copy the link'}</span>
      <button type="button" className="run-close" aria-label="Close share link" onClick={session.closeLink}>
        ×
      </button>
    </div>
  );
}

function Notice({ text }: { text: string }) {
  const session = useRunSession();
  return (
    <div className="run-popover is-error" role="alert">
      <span className="run-notice">{text}</span>
      <button type="button" className="run-close" aria-label="Dismiss" onClick={session.dismissNotice}>
        ×
      </button>
    </div>
  );
}
