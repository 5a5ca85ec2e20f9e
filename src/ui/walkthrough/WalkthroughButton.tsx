// The header's way into the picker, at any time.
import { useT } from '../../i18n/react';
import { useWalkSession } from './context';

export function WalkthroughButton() {
  const session = useWalkSession();
  const t = useT('walkthroughs');
  return (
    <button type="button" className="btn walk-open" onClick={session.openPicker} aria-haspopup="dialog">
      {t('picker.button')}
    </button>
  );
}
