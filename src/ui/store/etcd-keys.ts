// etcd's keys as the worker folds them from the played trace (create/mod revision, version, latest
// writes). The store only merges what a batch carries: pure, and the map is new only when it changed.
import type { EtcdKeyView, WorkerMessage } from '../../protocol/messages';
import { PMap } from '../../folds/pmap';

type Batch = Extract<WorkerMessage, { type: 'BATCH' }>;

export interface EtcdKeysSlice {
  /** a persistent map: a batch's few keys do not copy the 30,000 of a large cluster */
  etcdKeys: PMap<EtcdKeyView>;
  /** the key picked in the etcd panel */
  etcdSelectedKey: string | null;
}

export const etcdKeysSlice = (): EtcdKeysSlice => ({ etcdKeys: PMap.empty(), etcdSelectedKey: null });

export function nextEtcdKeys(prev: PMap<EtcdKeyView>, b: Batch): PMap<EtcdKeyView> {
  const base = b.reset ? PMap.empty<EtcdKeyView>() : prev;
  if (!b.etcdKeys?.length) return base;
  const next = base.edit();
  for (const k of b.etcdKeys) next.set(k.key, k);
  return next.done();
}

export interface KeyTreeNode {
  /** path segment (`pods`, `default`, `nginx`) */
  name: string;
  /** the full prefix or key (`/registry/pods/default`) */
  path: string;
  /** the key itself, on a leaf */
  key?: EtcdKeyView;
  children: KeyTreeNode[];
  /** live keys under this node */
  live: number;
}

const collator = new Intl.Collator('en', { numeric: true });

/** `/registry/<resource>/<namespace>/<name>` as a tree (one level per path segment), sorted. */
export function keyTree(keys: Iterable<EtcdKeyView>): KeyTreeNode {
  const root: KeyTreeNode = { name: '', path: '', children: [], live: 0 };
  for (const k of keys) {
    const parts = k.key.split('/').filter(Boolean);
    let node = root;
    let path = '';
    parts.forEach((part, i) => {
      path += `/${part}`;
      let child = node.children.find((c) => c.name === part);
      if (!child) {
        child = { name: part, path, children: [], live: 0 };
        node.children.push(child);
      }
      if (k.version > 0) child.live++;
      if (i === parts.length - 1) child.key = k;
      node = child;
    });
    if (k.version > 0) root.live++;
  }
  const sort = (n: KeyTreeNode) => {
    n.children.sort((a, b) => collator.compare(a.name, b.name));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}
