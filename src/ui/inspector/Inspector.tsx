// The selected object: its recent story (narrated) and its live YAML as stored in etcd.
import { useMemo } from 'react';
import { stringify } from 'yaml';
import type { KubeObject } from '../../protocol/messages';
import { narrate, useLocale } from '../i18n';
import { useUiState } from '../store/context';
import { selectObject, selectObjectEvents, selectSelectedKey } from '../store/selectors';
import { formatClock } from '../time/time';
import './inspector.css';

const RECENT = 3;

function RecentEvents({ objectKey }: { objectKey: string }) {
  const events = useUiState(selectObjectEvents(objectKey));
  const locale = useLocale();
  if (!events?.length) return null;
  return (
    <ol className="recent" aria-label="Recent events">
      {events.slice(-RECENT).map((e) => (
        <li key={e.seq} title={narrate(e, locale)}>
          <span className="log-time">{formatClock(e.t)}</span> {narrate(e, locale)}
        </li>
      ))}
    </ol>
  );
}

function ObjectYaml({ object }: { object: KubeObject }) {
  const text = useMemo(() => stringify(object, { lineWidth: 0 }), [object]);
  return <pre className="yaml" aria-label="Object YAML">{text}</pre>;
}

export function Inspector() {
  const key = useUiState(selectSelectedKey);
  const object = useUiState(selectObject(key));
  return (
    <section aria-label="Inspector" className="panel inspector">
      <div className="panel-head">
        <h2>Inspector</h2>
        {object && <span className="panel-count">{object.kind.toLowerCase()}/{object.metadata.name}</span>}
      </div>
      {key && object ? (
        <div className="inspector-body" tabIndex={0}>
          <RecentEvents objectKey={key} />
          <ObjectYaml object={object} />
        </div>
      ) : (
        <p className="empty">Select a pod (in the list or the diagram) to see its live object.</p>
      )}
    </section>
  );
}
