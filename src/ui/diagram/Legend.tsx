// What the token colours mean (diagram corner).
import type { MessageKey } from '../../i18n';
import { useT } from '../../i18n/react';
const ITEMS = ['apiserver', 'etcd', 'watch', 'scheduler', 'kubelet', 'cri', 'failed'] as const;

export function Legend() {
  const t = useT();
  return (
    <ul className="legend" aria-label={t('diagram.legend')}>
      {ITEMS.map((tone) => (
        <li key={tone}>
          <span className={`legend-dot is-${tone}`} aria-hidden="true" />
          {t(`diagram.legend.${tone}` as MessageKey)}
        </li>
      ))}
    </ul>
  );
}
