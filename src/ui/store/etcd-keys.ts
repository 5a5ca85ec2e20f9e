// etcd's keys as the worker folds them from the played trace (create/mod revision, version, latest
// writes). The store only merges what a batch carries: pure, and the map is new only when it changed.
import type { EtcdKeyView, WorkerMessage } from '../../protocol/messages';

type Batch = Extract<WorkerMessage, { type: 'BATCH' }>;

export interface EtcdKeysSlice {
  etcdKeys: Map<string, EtcdKeyView>;
  /** the key picked in the etcd panel */
  etcdSelectedKey: string | null;
}

export const etcdKeysSlice = (): EtcdKeysSlice => ({ etcdKeys: new Map(), etcdSelectedKey: null });

export function nextEtcdKeys(prev: Map<string, EtcdKeyView>, b: Batch): Map<string, EtcdKeyView> {
  const base = b.reset ? new Map<string, EtcdKeyView>() : prev;
  if (!b.etcdKeys?.length) return b.reset ? base : prev;
  const next = new Map(base);
  for (const k of b.etcdKeys) next.set(k.key, k);
  return next;
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
