// A tabbed panel hosting the detail views (inspector, scheduler, ownership, etcd, …).
import { useEffect, useState } from 'react';
import { VIEW_TABS } from './tabs';
import { prefetchViews } from './lazy-views';
import './views.css';
import { useT } from '../../i18n/react';

export function Views() {
  const [active, setActive] = useState(VIEW_TABS[0].id);
  const t = useT();
  const tab = VIEW_TABS.find((v) => v.id === active) ?? VIEW_TABS[0];
  useEffect(() => {
    // the other tabs' chunks once the page is idle, so a click (or a walkthrough) opens one at once
    const idle = window.requestIdleCallback?.(prefetchViews, { timeout: 3000 }) ?? window.setTimeout(prefetchViews, 1000);
    return () => (window.cancelIdleCallback ? window.cancelIdleCallback(idle) : window.clearTimeout(idle));
  }, []);
  return (
    <div className="views">
      {VIEW_TABS.length > 1 && (
        <div role="tablist" aria-label={t('views.tabs')} className="views-tabs">
          {VIEW_TABS.map((v) => (
            <button
              key={v.id}
              role="tab"
              id={`view-tab-${v.id}`}
              aria-selected={v.id === tab.id}
              aria-controls={`view-panel-${v.id}`}
              className={v.id === tab.id ? 'views-tab active' : 'views-tab'}
              onClick={() => setActive(v.id)}
            >
              {t(v.label)}
            </button>
          ))}
        </div>
      )}
      <div role="tabpanel" id={`view-panel-${tab.id}`} aria-labelledby={`view-tab-${tab.id}`} className="views-body">
        <tab.Component />
      </div>
    </div>
  );
}
