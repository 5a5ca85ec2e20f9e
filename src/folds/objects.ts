// Objects as played: each etcd.put / etcd.delete's stored value (detail.value) is the object.
import { objectKey, type KubeObject, type TraceEvent } from '../protocol/messages';
import type { PMap, PMapDraft } from './pmap';

function keyOf(e: TraceEvent<'etcd.put' | 'etcd.delete'>): string | undefined {
  const v = e.detail?.value;
  if (v?.kind && v.metadata?.name) return objectKey(v.kind, v.metadata.namespace, v.metadata.name);
  if (e.object) return objectKey(e.object.kind, e.object.namespace, e.object.name);
  return undefined;
}

/** A new map when a write changed something; the same map otherwise. */
export function foldObjects(prev: PMap<KubeObject>, events: readonly TraceEvent[]): PMap<KubeObject> {
  let next: PMapDraft<KubeObject> | null = null;
  for (const e of events) {
    if (e.type !== 'etcd.put' && e.type !== 'etcd.delete') continue;
    const key = keyOf(e);
    if (!key) continue;
    next ??= prev.edit();
    if (e.type === 'etcd.delete') next.delete(key);
    else {
      const value = e.detail?.value;
      if (value) next.set(key, value);
    }
  }
  return next ? next.done() : prev;
}
