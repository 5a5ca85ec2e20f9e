// The selected object: its recent story (narrated) and its live YAML as stored in etcd.
import type { KubeObject } from '../../protocol/messages';
import { narrate, useLocale } from '../i18n';
import { useUiState } from '../store/context';
import { selectObject, selectObjectEvents, selectSelectedKey } from '../store/selectors';
import { formatClock } from '../time/time';
import './inspector.css';
import { useT } from '../../i18n/react';
import { useYamlText } from './lazy-yaml';

const RECENT = 3;

function RecentEvents({ objectKey }: { objectKey: string }) {
  const events = useUiState(selectObjectEvents(objectKey));
  const locale = useLocale();
  const t = useT();
  if (!events?.length) return null;
  return (
    <ol className="recent" aria-label={t('inspector.recent')}>
      {events.slice(-RECENT).map((e) => (
        <li key={e.seq} title={narrate(e, locale)}>
          <span className="log-time">{formatClock(e.t)}</span> {narrate(e, locale)}
        </li>
      ))}
    </ol>
  );
}

function ObjectYaml({ object }: { object: KubeObject }) {
  const text = useYamlText(object) ?? '';
  const t = useT();
  return <pre className="yaml" aria-label={t('inspector.yaml')}>{text}</pre>;
}

export function Inspector() {
  const key = useUiState(selectSelectedKey);
  const object = useUiState(selectObject(key));
  const t = useT();
  return (
    <section aria-label={t('inspector.region')} className="panel inspector">
      <div className="panel-head">
        <h2>{t('inspector.title')}</h2>
        {object && <span className="panel-count">{object.kind.toLowerCase()}/{object.metadata.name}</span>}
      </div>
      {key && object ? (
        <div className="inspector-body" tabIndex={0}>
          <RecentEvents objectKey={key} />
          <ObjectYaml object={object} />
        </div>
      ) : (
        <p className="empty">{t('inspector.empty')}</p>
      )}
    </section>
  );
}
