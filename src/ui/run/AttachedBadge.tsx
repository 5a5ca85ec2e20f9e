// Says the page is attached to npm run serve (the server put <meta name="orrery-attach"> in it):
// the cluster is the server's, and kubectl typed in a shell plays here.
import { useT } from '../../i18n/react';

const attached = typeof document !== 'undefined' && document.querySelector('meta[name="orrery-attach"]') !== null;

export function AttachedBadge() {
  const t = useT();
  if (!attached) return null;
  return (
    <span className="attached-badge" title={t('run.attachedTitle')}>
      {t('run.attached')}
    </span>
  );
}
