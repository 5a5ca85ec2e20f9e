// The Controllers tab: each controller of kube-controller-manager with its work queue (the keys
// waiting when its last sync started) and its last syncs — what it compared and what it wrote —
// from the played `controller.sync` events.
import { LazyMotion, m } from 'motion/react';
import { loadMotionFeatures } from '../animation/load-motion';
import { useUiState } from '../store/context';
import type { ControllerView, SyncView } from '../../folds/controllers';
import { selectControllers } from '../store/view-selectors';
import { ViewPanel } from '../scheduler/ViewPanel';
import { formatClock } from '../time/time';
import { useT } from '../../i18n/react';
import { spaceCjk, useLocale } from '../i18n';
import { describeSyncText, listFormat } from './sync-text';
import './controllers.css';

/** kube-controller-manager's controllers in the order a Deployment's story meets them. */
const ORDER = ['deployment', 'replicaset', 'statefulset', 'daemonset', 'job', 'cronjob', 'garbagecollector', 'endpointslice', 'endpoints', 'nodelifecycle', 'taint-eviction-controller', 'ttl-after-finished'];
const SHOWN_KEYS = 4;

const rank = (name: string) => {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
};

function Queue({ v }: { v: SyncView }) {
  const tr = useT();
  if (v.queued === 0) return <span className="ctl-queue is-empty" title={tr('ctl.queueEmptyTitle')}>{tr('ctl.queueEmpty')}</span>;
  const more = v.queued - Math.min(v.queue.length, SHOWN_KEYS);
  return (
    <span className="ctl-queue" title={tr('ctl.queueTitle', { keys: `${v.queue.join(', ')}${v.queued > v.queue.length ? ', …' : ''}` })}>
      {tr('ctl.queue', { count: v.queued })}{' '}
      {v.queue.slice(0, SHOWN_KEYS).map((k) => <code key={k}>{k.replace(/^default\//, '')}</code>)}
      {more > 0 && <span> +{more}</span>}
    </span>
  );
}

function Sync({ label, v }: { label: string; v: SyncView }) {
  const tr = useT();
  const locale = useLocale();
  const did = describeSyncText(v, tr, listFormat(locale));
  const writes = v.writes.length ? `${v.writes.join('\n')}${v.writeCount > v.writes.length ? `\n${tr('ctl.moreWrites', { count: v.writeCount - v.writes.length })}` : ''}` : undefined;
  return (
    <div className={`ctl-sync${v.ambient ? ' is-noop' : ''}${v.error ? ' is-error' : ''}`}>
      <span className="ctl-label">{label}</span> <span className="ctl-time">{formatClock(v.t)}</span>{' '}
      <span className="ctl-key" title={v.kind ? `${v.kind} ${v.key}` : v.key}>{v.key.replace(/^default\//, '')}</span>
      <div className="ctl-did" title={writes ? tr('ctl.writesTitle', { writes }) : undefined}>{locale === 'en' ? did : spaceCjk(did)}</div>
      {v.error && <div className="ctl-error">{tr('ctl.error', { error: v.error })}</div>}
    </div>
  );
}

function ControllerCard({ c }: { c: ControllerView }) {
  const tr = useT();
  const showWrite = c.lastWrite && c.lastWrite.seq !== c.last.seq;
  return (
    <m.li className="ctl-card" aria-label={tr('ctl.card', { name: c.name })} key={c.name}>
      <div className="ctl-head">
        <span className="ctl-name">{c.name}</span>
        <span className="ctl-count">{tr('ctl.syncs', { count: c.syncs })}</span>
        <Queue v={c.last} />
      </div>
      {/* keyed by seq: a new sync flashes */}
      <m.div key={c.last.seq} initial={{ backgroundColor: '#fef9c3' }} animate={{ backgroundColor: 'rgba(254, 249, 195, 0)' }} transition={{ duration: 1.2 }}>
        <Sync label={tr('ctl.lastSync')} v={c.last} />
      </m.div>
      {showWrite && <Sync label={tr('ctl.lastWrite')} v={c.lastWrite!} />}
    </m.li>
  );
}

export function ControllersView() {
  const tr = useT();
  const controllers = useUiState(selectControllers);
  const list = Object.values(controllers).sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
  return (
    <ViewPanel title={tr('views.controllers')} count={list.length ? tr('ctl.active', { count: list.length }) : undefined} className="ctl-view">
      <LazyMotion features={loadMotionFeatures} strict>
        {list.length === 0 ? (
          <p className="empty">{tr('ctl.empty')}</p>
        ) : (
          <ul className="ctl-list" aria-label={tr('ctl.list')}>
            {list.map((c) => <ControllerCard key={c.name} c={c} />)}
          </ul>
        )}
      </LazyMotion>
    </ViewPanel>
  );
}
