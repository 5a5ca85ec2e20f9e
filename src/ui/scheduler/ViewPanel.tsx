// The frame of a detail view in the Views tab: a title, a counter, and an Enlarge toggle that
// floats the view over the diagram — the bottom-right panel is small on a 1280×720 projector.
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/react';

export function ViewPanel({ title, count, className, children }: { title: string; count?: ReactNode; className: string; children: ReactNode }) {
  const [big, setBig] = useState(false);
  const t = useT();
  useEffect(() => {
    if (!big) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setBig(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [big]);
  return (
    <section aria-label={title} className={`panel view-panel ${className}${big ? ' is-enlarged' : ''}`}>
      <div className="panel-head">
        <h2>{title}</h2>
        {count !== undefined && <span className="panel-count" title={typeof count === 'string' ? count : undefined}>{count}</span>}
        <button type="button" className="view-enlarge" aria-label={big ? t('view.shrink') : t('view.enlarge')} aria-pressed={big}
          title={big ? t('view.shrinkTitle') : t('view.enlargeTitle')} onClick={() => setBig(!big)}>
          <span aria-hidden="true">{big ? '↘' : '⤢'}</span>
        </button>
      </div>
      {/* focusable: a view taller than the panel scrolls with the keyboard too */}
      <div className="view-panel-body" tabIndex={0}>{children}</div>
    </section>
  );
}
