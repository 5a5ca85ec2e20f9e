// A tabbed panel hosting the detail views (inspector, scheduler, ownership, etcd, …).
import { useState } from 'react';
import { VIEW_TABS } from './tabs';
import './views.css';

export function Views() {
  const [active, setActive] = useState(VIEW_TABS[0].id);
  const tab = VIEW_TABS.find((t) => t.id === active) ?? VIEW_TABS[0];
  return (
    <div className="views">
      {VIEW_TABS.length > 1 && (
        <div role="tablist" aria-label="Views" className="views-tabs">
          {VIEW_TABS.map((t) => (
            <button
              key={t.id}
              role="tab"
              id={`view-tab-${t.id}`}
              aria-selected={t.id === tab.id}
              aria-controls={`view-panel-${t.id}`}
              className={t.id === tab.id ? 'views-tab active' : 'views-tab'}
              onClick={() => setActive(t.id)}
            >
              {t.label}
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
