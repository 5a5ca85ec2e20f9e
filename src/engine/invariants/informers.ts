// Informer caches agree with etcd: each component's informer holds, at its resourceVersion,
// exactly the objects its list+watch selects, at the revisions etcd has for them — what a watch
// stream that lost events (or a relist that went wrong) would break. Read from the components'
// client state in a Cluster snapshot; `streamSpecs` gives the VOPR each watch stream's selectors.
import type { KObject } from '../api/types';
import { resourceInfo } from '../api/scheme';
import { parseFieldSelector, parseLabelSelector } from '../api/selectors';
import type { InformerState } from '../client/component';
import { type StreamSpec, streamSees } from './trace-monitor';
import type { Lister } from './convergence';

export interface InformerView {
  component: string;
  informer: InformerState;
}

/** Every informer of every component in a snapshot's actor states. */
export function informersOf(actors: Record<string, unknown>): InformerView[] {
  const out: InformerView[] = [];
  for (const [component, s] of Object.entries(actors)) {
    const infs = (s as { client?: { informers?: Record<string, InformerState> } } | undefined)?.client?.informers;
    for (const informer of Object.values(infs ?? {})) out.push({ component, informer });
  }
  return out;
}

export function specOf(inf: InformerState): StreamSpec | undefined {
  const info = resourceInfo(inf.resource);
  if (!info) return undefined;
  return { kind: info.kind, namespace: inf.namespace, labels: parseLabelSelector(inf.labelSelector), fields: parseFieldSelector(inf.fieldSelector) };
}

const rvOf = (o: KObject | undefined) => Number(o?.metadata.resourceVersion ?? 0);
const keyOf = (o: KObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name);

/**
 * For each synced informer at resourceVersion R: every selected object etcd last wrote at or
 * before R is in the cache at that revision; nothing in the cache was deleted (or left the
 * selector) at or before R. `deletedAt`: cache key → revision of the object's last delete.
 */
export function informersMatchEtcd(informers: InformerView[], list: Lister, deletedAt: (kind: string, key: string) => number | undefined): string[] {
  const out: string[] = [];
  const byKind = new Map<string, Map<string, KObject>>();
  const objects = (kind: string) => {
    let m = byKind.get(kind);
    if (!m) byKind.set(kind, (m = new Map(list(kind).map((o) => [keyOf(o), o]))));
    return m;
  };
  for (const { component, informer: inf } of informers) {
    const spec = specOf(inf);
    if (!inf.synced || !spec) continue;
    const at = Number(inf.resourceVersion);
    const where = `${component} informer ${inf.name} at resourceVersion ${at}`;
    const etcd = objects(spec.kind);
    for (const [key, o] of etcd) {
      const rv = rvOf(o);
      if (rv > at || !streamSees(spec, { kind: spec.kind, type: 'PUT', obj: o })) continue;
      const cached = inf.store[key];
      if (!cached) out.push(`${where} lacks ${spec.kind} ${key} (written at ${rv})`);
      else if (rvOf(cached) !== rv) out.push(`${where} holds ${spec.kind} ${key} at ${rvOf(cached)}, etcd wrote it at ${rv}`);
    }
    for (const [key, cached] of Object.entries(inf.store)) {
      const o = etcd.get(key);
      if (o) {
        if (rvOf(o) <= at && !streamSees(spec, { kind: spec.kind, type: 'PUT', obj: o })) out.push(`${where} still holds ${spec.kind} ${key}, which left its selector at ${rvOf(o)}`);
        continue;
      }
      const gone = deletedAt(spec.kind, key);
      if (gone !== undefined && gone <= at && rvOf(cached) < gone) out.push(`${where} still holds ${spec.kind} ${key}, deleted at ${gone}`);
    }
  }
  return out;
}

/** What the watch-cache check reads of kube-apiserver's state (ApiserverState's fields). */
export interface WatchCacheView {
  cache: Record<string, KObject>;
  /** the revision the cache has reached */
  rv: number;
}

/**
 * kube-apiserver's watch cache agrees with etcd at the revision it has reached: every key under
 * /registry/ that etcd last wrote at or before it is cached at that revision, and nothing it
 * holds was deleted by then. `kvs`: an up-to-date member's keys; `deletedAt`: etcd key → revision
 * of its last delete.
 */
export function watchCacheMatchesEtcd(view: WatchCacheView, kvs: Record<string, { modRevision: number }>, deletedAt: (key: string) => number | undefined): string[] {
  const out: string[] = [];
  for (const [key, kv] of Object.entries(kvs)) {
    if (!key.startsWith('/registry/') || kv.modRevision > view.rv) continue;
    const cached = view.cache[key];
    if (!cached) out.push(`the watch cache (at ${view.rv}) lacks ${key}, written at ${kv.modRevision}`);
    else if (rvOf(cached) !== kv.modRevision) out.push(`the watch cache (at ${view.rv}) holds ${key} at ${rvOf(cached)}, etcd wrote it at ${kv.modRevision}`);
  }
  for (const [key, cached] of Object.entries(view.cache)) {
    if (kvs[key]) continue;
    const gone = deletedAt(key);
    if (gone !== undefined && gone <= view.rv && rvOf(cached) < gone) out.push(`the watch cache (at ${view.rv}) still holds ${key}, deleted at ${gone}`);
  }
  return out;
}
