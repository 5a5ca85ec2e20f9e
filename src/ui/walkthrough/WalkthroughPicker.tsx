// The picker: a non-modal dialog named Walkthroughs (the diagram stays visible beside it, so on a
// first visit the first request is seen moving while the picker is open).
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/react';
import { WALKTHROUGHS } from '../../scenarios';
import { useWalk, useWalkSession } from './context';

export function WalkthroughPicker() {
  const session = useWalkSession();
  const open = useWalk((s) => s.pickerOpen);
  const selected = useWalk((s) => s.selected);
  const t = useT('walkthroughs');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) box.current?.querySelector<HTMLElement>('input:checked')?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div ref={box} role="dialog" aria-label={t('picker.title')} className="walk-picker" onKeyDown={(e) => e.key === 'Escape' && session.closePicker()}>
      <h2 className="walk-picker-title">{t('picker.title')}</h2>
      <p className="walk-picker-intro">{t('picker.intro')}</p>
      <div role="radiogroup" aria-label={t('picker.title')} className="walk-picker-list">
        {WALKTHROUGHS.map((w, i) => (
          <label key={w.id} className={`walk-choice${w.id === selected ? ' is-selected' : ''}`}>
            <input type="radio" name="walkthrough" value={w.id} checked={w.id === selected} onChange={() => session.select(w.id)} />
            <span className="walk-choice-title">{i + 1}. {t(w.title as never)}</span>
            <span className="walk-choice-summary">{t(w.title.replace(/\.title$/, '.summary') as never)}</span>
          </label>
        ))}
      </div>
      <div className="walk-picker-actions">
        <button type="button" className="btn primary" onClick={() => session.begin(selected)}>{t('picker.start')}</button>
        <button type="button" className="btn" onClick={session.closePicker}>{t('picker.close')}</button>
      </div>
    </div>
  );
}
