// The etcd view: every key the played trace has written, as a tree of /registry/<resource>/
// <namespace>/<name>, each with its create revision, mod revision and version (etcdctl get -w json's
// fields), the store's revision, and for the picked key its latest writes.
import { useMemo, useState } from 'react';
import type { EtcdKeyView } from '../../protocol/messages';
import { useLocale } from '../i18n';
import { bytesText } from '../i18n/narration-params';
import { termsFor } from '../i18n/narrate';
import { useServices, useUiState } from '../store/context';
import { keyTree, type KeyTreeNode } from '../store/etcd-keys';
import { selectEtcdRevision } from '../store/selectors';
import type { UiState } from '../store/types';
import { formatClock } from '../time/time';
import { useT } from '../../i18n/react';
import './etcd.css';

const selectKeys = (s: UiState) => s.etcdKeys;
const selectPicked = (s: UiState) => s.etcdSelectedKey;

/** Open at first: the kinds a walkthrough writes (the rest is one click away). */
const OPEN_AT_START = /^\/registry(\/(pods|deployments|replicasets|services|jobs|rolebindings)(\/[^/]+)?)?$/;

function KeyRow({ k, name, depth, picked, onPick }: { k: EtcdKeyView; name: string; depth: number; picked: boolean; onPick: (key: string) => void }) {
  const tr = useT();
  const deleted = k.version === 0;
  return (
    <li>
      <button type="button" className={`etcd-key${picked ? ' is-picked' : ''}${deleted ? ' is-deleted' : ''}`} style={{ paddingLeft: 6 + depth * 12 }}
        aria-pressed={picked} aria-label={tr('etcdPanel.keyLabel', { key: k.key, ...revs(k) })}
        onClick={() => onPick(k.key)} title={k.key}>
        <span className="etcd-key-name">{name}</span>
        {/* the numbers are in the label already, in words: drawn by CSS (attr), so the button's text is the key's
            name alone and stays part of its label (axe: label-content-name-mismatch) */}
        <span className="etcd-num" data-n={deleted ? '' : k.createRevision} />
        <span className="etcd-num" data-n={k.modRevision} />
        <span className="etcd-num" data-n={deleted ? tr('etcdPanel.deletedShort') : k.version} />
      </button>
    </li>
  );
}

interface TreeProps {
  node: KeyTreeNode;
  depth: number;
  open: Set<string>;
  toggle: (path: string) => void;
  picked: string | null;
  onPick: (key: string) => void;
}

function Branch({ node, depth, open, toggle, picked, onPick }: TreeProps) {
  return (
    <>
      {node.children.map((c) => {
        if (c.key && c.children.length === 0) return <KeyRow key={c.path} k={c.key} name={c.name} depth={depth} picked={picked === c.key.key} onPick={onPick} />;
        const isOpen = open.has(c.path);
        return (
          <li key={c.path}>
            <button type="button" className="etcd-prefix" style={{ paddingLeft: 6 + depth * 12 }} aria-expanded={isOpen} onClick={() => toggle(c.path)}>
              <span className="etcd-caret" aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
              {c.name}/ <span className="etcd-count">{c.live}</span>
            </button>
            {isOpen && (
              <ul className="etcd-tree">
                <Branch node={c} depth={depth + 1} open={open} toggle={toggle} picked={picked} onPick={onPick} />
              </ul>
            )}
          </li>
        );
      })}
    </>
  );
}

/** Revisions as ids (no digit grouping), and whether the key is deleted: the params of the key's labels. */
const revs = (k: EtcdKeyView) => ({ deleted: k.version === 0, create: String(k.createRevision), mod: String(k.modRevision), version: String(k.version) });

function KeyDetail({ k }: { k: EtcdKeyView }) {
  const tr = useT();
  const locale = useLocale();
  return (
    <div className="etcd-detail" aria-label={tr('etcdPanel.detail')} title={k.key}>
      <p className="etcd-detail-meta">
        <span className="etcd-detail-key">{k.key.slice(k.key.lastIndexOf('/') + 1)}</span>{' '}
        {tr('etcdPanel.meta', revs(k))}
      </p>
      <ol className="etcd-revs" aria-label={tr('etcdPanel.revisionsOf', { key: k.key })} reversed>
        {[...k.history].reverse().map((w) => (
          <li key={w.revision} className={`etcd-rev is-${w.op}`}>
            <span className="etcd-rev-num">{tr('etcdPanel.rev', { rev: String(w.revision) })}</span>
            {/* put and delete are etcd's operation names (etcdctl put, etcdctl del) */}
            <span>{tr('etcdPanel.write', { op: w.op, version: String(w.version), size: bytesText(w.size, locale, termsFor(locale)) })}</span>
            <span className="etcd-rev-time">{formatClock(w.t)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function EtcdPanel() {
  const tr = useT();
  const keys = useUiState(selectKeys);
  const picked = useUiState(selectPicked);
  const rev = useUiState(selectEtcdRevision);
  const { store } = useServices();
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const [closed, setClosed] = useState<Set<string>>(() => new Set());
  const tree = useMemo(() => keyTree(keys.values()), [keys]);
  const isOpen = useMemo(() => {
    const s = new Set<string>();
    const walk = (n: KeyTreeNode) => {
      for (const c of n.children) {
        if (c.children.length === 0) continue;
        if (open.has(c.path) || (OPEN_AT_START.test(c.path) && !closed.has(c.path))) s.add(c.path);
        walk(c);
      }
    };
    walk(tree);
    return s;
  }, [tree, open, closed]);
  const toggle = (path: string) => {
    const was = isOpen.has(path);
    setOpen((prev) => { const n = new Set(prev); if (was) n.delete(path); else n.add(path); return n; });
    setClosed((prev) => { const n = new Set(prev); if (was) n.add(path); else n.delete(path); return n; });
  };
  const pick = (key: string) => store.setState({ etcdSelectedKey: key === picked ? null : key });
  const pickedKey = picked ? keys.get(picked) : undefined;
  // every key is under /registry: start one level down, the column says where
  const top = tree.children.length === 1 && tree.children[0].children.length > 0 ? tree.children[0] : tree;
  return (
    <section aria-label={tr('views.etcd')} className="panel etcd-panel">
      <div className="panel-head">
        <h2>{tr('views.etcd')}</h2>
        <span className="panel-count">{tr('etcdPanel.count', { rev: rev ? String(rev) : '—', count: tree.live })}</span>
      </div>
      <div className="etcd-cols-head" aria-hidden="true">
        <span>{top.path ? `${top.path}/…` : tr('etcdPanel.colKey')}</span>
        <span title={tr('etcdPanel.colCreateTitle')}>{tr('etcdPanel.colCreate')}</span>
        <span title={tr('etcdPanel.colModTitle')}>{tr('etcdPanel.colMod')}</span>
        <span title={tr('etcdPanel.colVersionTitle')}>{tr('etcdPanel.colVersion')}</span>
      </div>
      <ul className="etcd-tree etcd-root" aria-label={tr('etcdPanel.keys')}>
        <Branch node={top} depth={0} open={isOpen} toggle={toggle} picked={picked} onPick={pick} />
      </ul>
      {pickedKey ? <KeyDetail k={pickedKey} /> : <p className="etcd-hint">{tr('etcdPanel.hint')}</p>}
    </section>
  );
}
