// The apiserver's watch cache (apiserver/pkg/storage/cacher): the latest object per key, a
// bounded window of recent events for watches that resume from a resourceVersion, and the
// fan-out of each event to the watchers whose namespace and selectors it matches (an object
// moving into a selector is ADDED, moving out is DELETED — cacher.go watchCacheEvent filtering).
import type { KObject } from '../api/types';
import { type FieldSelector, type Selector, matchesFields, matchesSelector } from '../api/selectors';
import type { WatchEventType } from '../api/wire';

export interface CacheEvent {
  rv: number;
  type: 'PUT' | 'DELETE';
  kind: string;
  obj: KObject;
  prev?: KObject;
}

export interface Watcher {
  id: number;
  client: string;
  kind: string;
  namespace?: string;
  labels: Selector;
  fields: FieldSelector;
  ambient: boolean;
}

/** Events kept for resuming watches; older resourceVersions get 410 Gone. */
export const WATCH_CACHE_WINDOW = 10000;

function matches(w: Watcher, o: KObject | undefined): boolean {
  if (!o) return false;
  if (w.namespace && o.metadata.namespace !== w.namespace) return false;
  return matchesSelector(w.labels, o.metadata.labels as Record<string, string> | undefined) && matchesFields(w.fields, o);
}

/** What watcher `w` sees of one cache event, or undefined when it sees nothing. */
export function watchEventFor(w: Watcher, e: CacheEvent): { type: WatchEventType; object: KObject } | undefined {
  if (e.kind !== w.kind) return undefined;
  const was = matches(w, e.prev);
  if (e.type === 'DELETE') return was ? { type: 'DELETED', object: e.obj } : undefined;
  const is = matches(w, e.obj);
  if (is && was) return { type: 'MODIFIED', object: e.obj };
  if (is) return { type: 'ADDED', object: e.obj };
  if (was) return { type: 'DELETED', object: e.obj };
  return undefined;
}

export function listMatches(w: Pick<Watcher, 'namespace' | 'labels' | 'fields'>, o: KObject): boolean {
  return matches(w as Watcher, o);
}
