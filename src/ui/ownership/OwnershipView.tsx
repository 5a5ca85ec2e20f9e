// The Ownership tab: Deployment → ReplicaSets → Pods (and StatefulSet, DaemonSet, Job, CronJob
// owners), from the played objects' ownerReferences. In a rollout the new ReplicaSet's bar grows
// and the old one's shrinks; pods appear and disappear. Click a pod (or any row) to select it.
import { AnimatePresence, LazyMotion, m } from 'motion/react';
import { loadMotionFeatures } from '../animation/load-motion';
import { memo, useMemo } from 'react';
import { statusTone } from '../pods/pod-row';
import { useUiState } from '../store/context';
import { selectSelect, selectSelectedKey } from '../store/selectors';
import { selectObjects } from '../store/view-selectors';
import { ViewPanel } from '../scheduler/ViewPanel';
import { buildOwnership, shortName, type OwnerNode } from './ownership';
import { useT } from '../../i18n/react';
import type { MessageKey, Params } from '../../i18n';
import './ownership.css';

const MAX_PODS = 60;
const KIND_TAG: Record<string, string> = { Deployment: 'deploy', ReplicaSet: 'rs', StatefulSet: 'sts', DaemonSet: 'ds', Job: 'job', CronJob: 'cj', Pod: 'pod' };
const selectNowS = (s: { clock: { nowMs: number } }) => Math.floor(s.clock.nowMs / 1000);

function PodChip({ node, ownerName }: { node: OwnerNode; ownerName?: string }) {
  const select = useUiState(selectSelect);
  const selected = useUiState(selectSelectedKey) === node.key;
  const status = node.terminating ? 'Terminating' : (node.status ?? '');
  const nodeName = node.columns.find((c) => c.label === 'NODE')?.value;
  return (
    <m.button type="button" className={`own-pod tone-${statusTone(status)}${selected ? ' is-selected' : ''}`}
      aria-pressed={selected} title={`${node.name}: ${status}, ${node.columns.map((c) => `${c.label} ${c.value}`).join(', ')}`}
      initial={{ opacity: 0, scale: 0.6 }} animate={{ opacity: 1, scale: 1 }} exit={{ opacity: 0, scale: 0.6 }} transition={{ duration: 0.25 }}
      onClick={() => select(node.key)}>
      <span className="own-dot" aria-hidden="true" />
      {/* the name is the visible text (axe: label-content-name-mismatch); the title has the full name */}
      <span className="sr-only">pod/</span>
      <span className="own-pod-name">{shortName(node.name, ownerName)}</span>
      <span className="sr-only">:</span>{' '}
      <span className="own-pod-status">{status}</span>
      {nodeName && nodeName !== '<none>' && <span className="own-pod-node">{nodeName}</span>}
    </m.button>
  );
}

function Bar({ node, scale }: { node: OwnerNode; scale: number }) {
  if (node.desired === undefined || scale <= 0) return null;
  const width = `${Math.min(100, (node.desired / scale) * 100)}%`;
  const fill = node.desired > 0 ? `${Math.min(100, ((node.ready ?? 0) / node.desired) * 100)}%` : '0%';
  return (
    <span className="own-bar" aria-hidden="true">
      <m.span className="own-bar-track" initial={false} animate={{ width }} transition={{ duration: 0.5 }}>
        <m.span className="own-bar-fill" initial={false} animate={{ width: fill }} transition={{ duration: 0.5 }} />
      </m.span>
    </span>
  );
}

/** A column's tooltip: what the value is read from (an annotation or a label, named as Kubernetes names it). */
function columnTitle(c: OwnerNode['columns'][number], tr: (key: MessageKey, params?: Params) => string): string {
  if (!c.title) return c.label;
  const m = c.title.match(/^(annotation|label) (\S+)$/);
  return tr('own.colTitle', { column: c.label, source: m ? m[1] : 'other', name: m ? m[2] : c.title });
}

function Row({ node, ownerName, scale }: { node: OwnerNode; ownerName?: string; scale: number }) {
  const tr = useT();
  const select = useUiState(selectSelect);
  const selected = useUiState(selectSelectedKey) === node.key;
  return (
    <div className={`own-row${selected ? ' is-selected' : ''}${node.terminating ? ' is-terminating' : ''}`} role="button" tabIndex={0} aria-pressed={selected}
      onClick={() => select(node.key)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && select(node.key)}>
      <span className={`own-kind kind-${KIND_TAG[node.kind] ?? 'other'}`} title={node.kind}>{KIND_TAG[node.kind] ?? node.kind}</span>
      <span className="own-name" title={`${node.kind} ${node.namespace}/${node.name}`}>{shortName(node.name, ownerName)}</span>
      <Bar node={node} scale={scale} />
      <span className="own-cols">
        {node.columns.map((c) => (
          <span key={c.label} className="own-col" title={columnTitle(c, tr)}>
            <span className="own-col-label">{c.label}</span> {c.value}
          </span>
        ))}
      </span>
    </div>
  );
}

const Owner = memo(function Owner({ node, ownerName, scale }: { node: OwnerNode; ownerName?: string; scale: number }) {
  const tr = useT();
  const pods = node.children.filter((c) => c.kind === 'Pod');
  const owned = node.children.filter((c) => c.kind !== 'Pod');
  // siblings share one scale, so a growing new ReplicaSet and a shrinking old one compare at a glance
  const childScale = Math.max(node.desired ?? 0, ...owned.map((c) => c.desired ?? 0));
  return (
    <m.li className={`own-node kind-${KIND_TAG[node.kind] ?? 'other'}`} aria-label={`${node.kind} ${node.name}`}
      initial={{ opacity: 0, height: 0 }} animate={{ opacity: 1, height: 'auto' }} exit={{ opacity: 0, height: 0 }} transition={{ duration: 0.3 }}>
      <Row node={node} ownerName={ownerName} scale={scale} />
      {(pods.length > 0 || owned.length > 0) && (
        <div className="own-children">
          {pods.length > 0 && (
            <div className="own-pods" aria-label={tr('own.podsOf', { name: node.name })}>
              <AnimatePresence initial={false}>
                {pods.slice(0, MAX_PODS).map((p) => <PodChip key={p.key} node={p} ownerName={node.name} />)}
              </AnimatePresence>
              {pods.length > MAX_PODS && <span className="own-more">{tr('own.more', { count: pods.length - MAX_PODS })}</span>}
            </div>
          )}
          {owned.length > 0 && (
            <ul className="own-list">
              <AnimatePresence initial={false}>
                {owned.map((c) => <Owner key={c.key} node={c} ownerName={node.name} scale={childScale} />)}
              </AnimatePresence>
            </ul>
          )}
        </div>
      )}
    </m.li>
  );
});

export function OwnershipView() {
  const tr = useT();
  const objects = useUiState(selectObjects);
  const nowS = useUiState(selectNowS);
  const roots = useMemo(() => buildOwnership(objects, nowS * 1000), [objects, nowS]);
  const workloads = roots.filter((r) => r.kind !== 'Pod');
  const standalone = roots.filter((r) => r.kind === 'Pod');
  return (
    <ViewPanel title={tr('views.ownership')} count={tr('own.count', { count: workloads.length })} className="own-view">
      <LazyMotion features={loadMotionFeatures} strict>
        {roots.length === 0 && <p className="empty">{tr('own.empty')}</p>}
        <ul className="own-list own-roots" aria-label={tr('own.owners')}>
          <AnimatePresence initial={false}>
            {workloads.map((r) => <Owner key={r.key} node={r} scale={r.desired ?? 0} />)}
          </AnimatePresence>
        </ul>
        {standalone.length > 0 && (
          <div className="own-standalone">
            <h3>{tr('own.orphansTitle')}</h3>
            <div className="own-pods" aria-label={tr('own.orphans')}>
              <AnimatePresence initial={false}>
                {standalone.slice(0, MAX_PODS).map((p) => <PodChip key={p.key} node={p} />)}
              </AnimatePresence>
            </div>
          </div>
        )}
      </LazyMotion>
    </ViewPanel>
  );
}
