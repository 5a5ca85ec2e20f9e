// Indexes over an informer's store, as client-go's Indexer keeps them (tools/cache/index.go,
// thread_safe_store.go updateIndices): namespace → objects, spec.nodeName → pods. They are derived
// data, not actor state: kept per store object in a WeakMap, built on first use from the store (a
// restored or relisted store is a new object, so it gets a fresh index) and updated by the informer
// on every watch event. A namespace bucket holds its objects in the store's own order (a Map keeps
// insertion order as the store's string keys do; the namespace of a key never changes), so
// `byIndex(store, 'namespace', ns)` is exactly `Object.values(store).filter(o => o.ns === ns)`.
// A pod that moves between nodes lands at the end of its new bucket: callers of the node index sort.
import type { KObject } from '../api/types';

export type IndexName = 'namespace' | 'spec.nodeName';

const INDEX_FUNCS: Record<IndexName, (o: KObject) => string | undefined> = {
  // cache.MetaNamespaceIndexFunc
  namespace: (o) => o.metadata.namespace ?? '',
  // the pod informers' "spec.nodeName" index (pkg/controller/util/node, taint_eviction.go)
  'spec.nodeName': (o) => (o.spec as { nodeName?: string } | undefined)?.nodeName || undefined,
};

type Buckets = Map<string, Map<string, KObject>>;
const indexes = new WeakMap<Record<string, KObject>, Partial<Record<IndexName, Buckets>>>();

function put(b: Buckets, value: string | undefined, key: string, o: KObject): void {
  if (value === undefined) return;
  let m = b.get(value);
  if (!m) b.set(value, (m = new Map()));
  m.set(key, o);
}

function drop(b: Buckets, value: string | undefined, key: string): void {
  if (value === undefined) return;
  const m = b.get(value);
  if (!m) return;
  m.delete(key);
  if (m.size === 0) b.delete(value);
}

/** The objects of `store` whose index `name` has `value` (a fresh array). */
export function byIndex(store: Record<string, KObject>, name: IndexName, value: string): KObject[] {
  let all = indexes.get(store);
  if (!all) indexes.set(store, (all = {}));
  let b = all[name];
  if (!b) {
    b = new Map();
    const fn = INDEX_FUNCS[name];
    for (const key in store) put(b, fn(store[key]), key, store[key]);
    all[name] = b;
  }
  const m = b.get(value);
  return m ? [...m.values()] : [];
}

/** The keys written since a consumer last looked, per store: for derived data kept incrementally
 * (replicaset/rs-tally.ts). `base` is the position of `keys[0]`; older positions were dropped. */
interface Journal {
  base: number;
  keys: string[];
}
const journals = new WeakMap<Record<string, KObject>, Journal>();
const JOURNAL_MAX = 65_536;

/** Where `store`'s journal ends now (a consumer's cursor); starts the journal. */
export function journalEnd(store: Record<string, KObject>): number {
  let j = journals.get(store);
  if (!j) journals.set(store, (j = { base: 0, keys: [] }));
  return j.base + j.keys.length;
}

/** The keys written since `cursor` (possibly repeated), or null when the journal no longer reaches
 * back that far (or was never started): the consumer starts over from the store. */
export function journalSince(store: Record<string, KObject>, cursor: number): string[] | null {
  const j = journals.get(store);
  if (!j || cursor < j.base) return null;
  return j.keys.slice(cursor - j.base);
}

/** After `store[key]` changed from `old` to `next` (undefined: deleted): keep the built indexes in step. */
export function updateIndexes(store: Record<string, KObject>, key: string, old: KObject | undefined, next: KObject | undefined): void {
  const j = journals.get(store);
  if (j) {
    j.keys.push(key);
    if (j.keys.length >= JOURNAL_MAX) {
      j.base += JOURNAL_MAX / 2;
      j.keys = j.keys.slice(JOURNAL_MAX / 2);
    }
  }
  const all = indexes.get(store);
  if (!all) return;
  for (const name of Object.keys(all) as IndexName[]) {
    const b = all[name]!;
    const fn = INDEX_FUNCS[name];
    const before = old && fn(old);
    const after = next && fn(next);
    if (before !== after) drop(b, before, key);
    if (next) put(b, after, key, next);
  }
}
